"""Benchmarks of the publication's build: hooks overhead, scaling, rebuild
latency under `mkdocs serve`, and page weight.

    .venv/bin/python bench/bench.py [--quick] [--json PATH] [--write-results]

Run it with the project's virtual environment: MkDocs is started as the
`mkdocs` script next to the Python that runs this file. Everything happens in
temporary copies of the project (mkdocs.yml, docs, data, hooks, overrides);
the project tree is never written to, except bench/RESULTS.md with
`--write-results`.

How runs are measured
---------------------
* A build is one `mkdocs build` child process. Its time is wall-clock
  `time.perf_counter()` from just before the process is started to its exit,
  Python start-up and imports included: what someone running the command
  waits for. Its peak memory is the child's own maximum resident set size,
  read from `os.wait4()`, which returns the resource usage of that one child
  (unlike `getrusage(RUSAGE_CHILDREN)`, a running maximum over every child).
  Each build writes into a fresh, empty site folder.
* Every series starts with one warm-up build that is not counted (it compiles
  the copied hooks' bytecode and warms the file cache). Figures are the
  median of the counted runs, with their minimum and maximum.
* Hooks overhead: the project as it is, against the same copy with the
  `hooks:` entry removed from mkdocs.yml. The theme's `custom_dir` has to go
  too: overrides/main.html reads the `publication` context that the hooks
  supply, and without them every page fails to render. So the baseline is
  stock Material with mkdocs-static-i18n and the same pages; the
  `<!-- data:... -->` markers stay in its pages as HTML comments. Both
  variants build with --strict (the baseline logs no warning; the warning
  count is recorded). The two variants alternate, and their order flips
  every round, so slow drift on the machine hits both alike.
* Scaling: N synthetic articles per language (docs/articles/synthetic-XXXX.md
  and .en.md, with data/articles/synthetic-XXXX.yml) added to a copy of the
  project, nav unchanged (MkDocs only logs an INFO for pages outside the nav,
  so --strict stays on). N = 0 is the project as it is: its figures are the
  builds with hooks of the hooks-overhead series. It is the reference for the
  per-article figures, which are marginal: (figure(N) - figure(0)) / N.
* Serve: `mkdocs serve --livereload` on a copy and a free local port. A data
  edit changes the power figure in data/articles/openai-nvidia.yml; a
  Markdown edit rewrites a sentence at the end of
  docs/articles/openai-nvidia.md. The time runs from just before the file is
  written until the served French article page contains the change. MkDocs'
  server holds requests while it rebuilds, so this is the time to a complete
  rebuild of both languages, raw: it includes the file watcher's latency and
  MkDocs' debounce (it waits until 0.1 s pass without a further change). One
  warm-up edit of each kind is not counted. The server is stopped with SIGINT
  (SIGKILL if it does not exit) whatever happens.
* Page weight: one build of the real project; for each language's article
  page, the HTML plus what a browser fetches for it at load: stylesheets,
  `<script src>`, `<img src>`, the favicon, Material's search worker, the
  language's search index and the lunr files that worker imports for the
  index's `lang` (read from the built worker: `lunr.stemmer.support` and
  `lunr.<lang>` for any language but English, `lunr.multi` when the index has
  several languages; English alone loads none). Material's bundle requests
  the index and starts the worker at page load when the page has a search
  form. Sizes are raw and `gzip -9` (Python's gzip module), in kB of 1,000
  bytes.

No figure is asserted: this script measures and reports.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
RESULTS_FILE = PROJECT / "bench" / "RESULTS.md"
# What a build reads; copies of the project take these.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")
ARTICLE = "openai-nvidia"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
HOOKS_TARGET = 1.10
# Figures of the stock set-up (one mixed index), to compare page weight with.
STOCK = {"raw_kb": 322, "gzip_kb": 92, "requests": 11, "search_index_kb": 20}
BUILD_TIMEOUT = 900.0
KB = 1000


def mkdocs_command() -> list[str]:
    script = Path(sys.executable).with_name("mkdocs")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mkdocs"]


def log(message: str) -> None:
    """Progress goes to stderr; stdout carries only the table."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True)
class Summary:
    median: float
    min: float
    max: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        return cls(statistics.median(values), min(values), max(values), len(values))


# ---------------------------------------------------------------- builds


@dataclass(frozen=True)
class Build:
    seconds: float
    max_rss_kib: int  # Linux reports ru_maxrss in KiB
    returncode: int
    output: str

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.output.splitlines() if line.startswith("WARNING"))


class BuildFailed(RuntimeError):
    pass


def run_build(project: Path, site_dir: Path, *, config: str = "mkdocs.yml", strict: bool = True) -> Build:
    """One timed `mkdocs build` into a fresh `site_dir`; BuildFailed if it fails."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # An absolute path: the hooks fail on a relative --config-file (see RESULTS.md).
    command = [*mkdocs_command(), "build", "--config-file", str(project / config), "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        try:
            # wait4 gives this child's own resource usage, peak memory included.
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    build = Build(seconds, usage.ru_maxrss, process.returncode, text)
    if build.returncode != 0:
        tail = "\n".join(text.splitlines()[-25:])
        raise BuildFailed(f"`{' '.join(command)}` failed in {project} (exit {build.returncode}):\n{tail}")
    return build


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / part)
    return target


def site_bytes(site_dir: Path) -> tuple[int, int]:
    """Total size and number of the files under `site_dir`."""
    total = files = 0
    for path in site_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


# ---------------------------------------------------------------- 1. hooks overhead


def without_hooks(config_text: str) -> str:
    """mkdocs.yml without its `hooks:` entry and without the theme's custom_dir
    (whose templates need the hooks' context), edited as text so its tags
    (!ENV, !!python/...) stay as they are."""
    lines = config_text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        top_level = bool(line.strip()) and not line[0].isspace() and not line.startswith(("-", "#"))
        if top_level:
            skipping = line.split(":", 1)[0].strip() == "hooks"
        if skipping:
            continue
        if re.match(r"^\s+custom_dir:", line):
            continue
        kept.append(line)
    text = "".join(kept)
    if re.search(r"^hooks:", text, re.MULTILINE) or "custom_dir:" in text:
        raise RuntimeError("could not remove hooks/custom_dir from mkdocs.yml")
    return text


@dataclass
class HooksResult:
    with_hooks: Summary
    without_hooks: Summary
    ratio: float
    target: float
    warnings_with_hooks: int
    warnings_without_hooks: int
    strict_without_hooks: bool
    runs_with_hooks: list[float] = field(default_factory=list)
    runs_without_hooks: list[float] = field(default_factory=list)


def bench_hooks(work: Path, rounds: int) -> tuple[HooksResult, list[Build], Path]:
    """Interleaved builds with and without hooks; also returns the builds with
    hooks and the site of the last one: builds of the real project, which the
    scaling (N = 0) and page-weight figures reuse."""
    project = copy_project(work / "hooks-project")
    (project / "mkdocs.nohooks.yml").write_text(
        without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    variants: dict[str, str] = {"with": "mkdocs.yml", "without": "mkdocs.nohooks.yml"}
    sites = {name: work / f"site-{name}-hooks" for name in variants}
    builds: dict[str, list[Build]] = {name: [] for name in variants}
    warnings: dict[str, int] = {}
    for name, config in variants.items():
        log(f"  warm-up build {name} hooks")
        warnings[name] = run_build(project, sites[name], config=config).warnings
    for round_number in range(rounds):
        order = list(variants) if round_number % 2 == 0 else list(reversed(variants))
        for name in order:
            build = run_build(project, sites[name], config=variants[name])
            builds[name].append(build)
            log(f"  round {round_number + 1}/{rounds}: {name} hooks {build.seconds:.2f} s")
    times = {name: [build.seconds for build in runs] for name, runs in builds.items()}
    with_hooks, without = Summary.of(times["with"]), Summary.of(times["without"])
    result = HooksResult(
        with_hooks=with_hooks,
        without_hooks=without,
        ratio=with_hooks.median / without.median,
        target=HOOKS_TARGET,
        warnings_with_hooks=warnings["with"],
        warnings_without_hooks=warnings["without"],
        strict_without_hooks=True,
        runs_with_hooks=times["with"],
        runs_without_hooks=times["without"],
    )
    # The last build with hooks is still in place: a build of the real project.
    return result, builds["with"], sites["with"]


# ---------------------------------------------------------------- 2. scaling

FR_FILLER = (
    "Les annonces se succèdent et les montants donnent le vertige, mais les carnets de commandes "
    "racontent une histoire plus nuancée que les communiqués. Les marges dépendent de quelques "
    "clients, les délais de livraison s’allongent et chaque nouvelle génération de puces remet "
    "en jeu les positions acquises."
)
EN_FILLER = (
    "Announcements follow one another and the sums are dizzying, but order books tell a more "
    "nuanced story than press releases. Margins depend on a handful of customers, delivery times "
    "are stretching and every new generation of chips puts hard-won positions back in play."
)

ARTICLE_DATA = """\
# yaml-language-server: $schema=../schemas/article.schema.json
# Synthetic article {number} generated by bench/bench.py.
facts:
  power:
    kind: power
    gigawatts: {gigawatts}
  investment:
    kind: money
    amount: {amount}
    currency: USD
  first_phase:
    kind: period
    half: {half}
    year: {year}
  partners:
    kind: names
    names: [Microsoft, Oracle, SoftBank]
  cost_cut:
    kind: percent
    value: {percent}
deal_table:
  caption:
    fr: Le contrat synthétique {number} en chiffres
    en: Synthetic deal {number} in figures
  header:
    aspect:
      fr: Aspect
      en: Aspect
    details:
      fr: Détails
      en: Details
  rows:
    - aspect:
        fr: Puissance de calcul
        en: Computing power
      details:
        fr: Déploiement de {{power}} de systèmes
        en: Deployment of {{power}} of systems
    - aspect:
        fr: Investissement
        en: Investment
      details:
        fr: Jusqu’à {{investment}} investis
        en: Up to {{investment}} invested
    - aspect:
        fr: Calendrier
        en: Timeline
      details:
        fr: Première phase prévue pour la {{first_phase}}
        en: First phase scheduled for the {{first_phase}}
    - aspect:
        fr: Partenaires
        en: Partners
      details:
        fr: "{{partners}}"
        en: "{{partners}}"
callouts:
  financial-risk:
    kind: risk
    severity: high
    text:
      fr: "**Risque financier :** les coûts peuvent baisser de {{cost_cut}}, ou pas."
      en: "**Financial risk:** costs may fall by {{cost_cut}}, or not."
  supplier-risk:
    kind: risk
    severity: medium
    text:
      fr: "**Dépendance :** un seul fournisseur porte tout le projet."
      en: "**Dependence:** a single supplier carries the whole project."
  evaluate-risk:
    kind: warning
    severity: low
    text:
      fr: Avant d’investir, demandez-vous comment évaluer le risque réel.
      en: Before investing, ask yourself how to assess the real risk.
quotes:
  ceo:
    speaker: Jane Doe
    role:
      fr: directrice générale
      en: chief executive
    text:
      fr: Le calcul est la base de l’économie future.
      en: Compute is the basis of the future economy.
"""


def glossary_matches(project: Path, count: int) -> list[tuple[str, dict[str, str]]]:
    """The first `count` glossary terms, each with how a page writes it per language."""
    glossary = yaml.safe_load((project / "data" / "glossary.yml").read_text(encoding="utf-8"))
    terms = sorted(glossary["terms"].items())[:count]
    return [(term_id, {lang: entry["matches"][lang][0] for lang in ("fr", "en")}) for term_id, entry in terms]


def article_markdown(number: int, language: str, date: str, terms: list[tuple[str, dict[str, str]]]) -> str:
    french = language == "fr"
    title = f"Article synthétique {number}" if french else f"Synthetic article {number}"
    description = (
        f"Un article généré pour mesurer la construction du site (numéro {number})."
        if french
        else f"An article generated to measure the site's build (number {number})."
    )
    filler = FR_FILLER if french else EN_FILLER
    mention = "Ce paragraphe parle de {}." if french else "This paragraph is about {}."
    sentences = [mention.format(forms[language]) for _, forms in terms]
    half = len(sentences) // 2
    ids = ", ".join(term_id for term_id, _ in terms)
    return f"""---
title: "{title}"
description: "{description}"
date: "{date}"
glossary: [{ids}]
---

# {title} {{#titre}}

{filler} {" ".join(sentences[:half])}

## {"Les chiffres" if french else "The figures"} {{#chiffres}}

{filler}

<!-- data:deal-table -->

## {"Les risques" if french else "The risks"} {{#risques}}

{" ".join(sentences[half:])} {filler}

<!-- data:callout financial-risk -->

<!-- data:callout supplier-risk -->

<!-- data:quote ceo -->

{filler}

<!-- data:callout evaluate-risk -->
"""


def add_synthetic_articles(project: Path, count: int) -> None:
    terms = glossary_matches(project, 5)
    start = dt.date(2024, 1, 1)
    for number in range(1, count + 1):
        name = f"synthetic-{number:04d}"
        date = (start + dt.timedelta(days=number)).isoformat()
        for language, suffix in (("fr", ".md"), ("en", ".en.md")):
            (project / "docs" / "articles" / f"{name}{suffix}").write_text(
                article_markdown(number, language, date, terms), encoding="utf-8"
            )
        (project / "data" / "articles" / f"{name}.yml").write_text(
            ARTICLE_DATA.format(
                number=number,
                gigawatts=1 + number % 20,
                amount=(number % 90 + 10) * 1_000_000_000,
                half=1 + number % 2,
                year=2026 + number % 4,
                percent=10 + number % 40,
            ),
            encoding="utf-8",
        )


@dataclass
class ScalePoint:
    articles: int  # per language
    pages: int  # HTML pages built, every language
    build: Summary
    max_rss_mib: Summary
    site_bytes: int
    site_files: int
    seconds_per_article: float | None  # marginal over N = 0
    bytes_per_article: float | None  # marginal over N = 0
    mib_per_article: float | None  # marginal peak memory over N = 0


def scale_point(count: int, builds: Sequence[Build], site: Path, reference: ScalePoint | None) -> ScalePoint:
    total, files = site_bytes(site)
    point = ScalePoint(
        articles=count,
        pages=sum(1 for _ in site.rglob("index.html")),
        build=Summary.of([build.seconds for build in builds]),
        max_rss_mib=Summary.of([build.max_rss_kib / 1024 for build in builds]),
        site_bytes=total,
        site_files=files,
        seconds_per_article=None,
        bytes_per_article=None,
        mib_per_article=None,
    )
    if count and reference is not None:
        point.seconds_per_article = (point.build.median - reference.build.median) / count
        point.bytes_per_article = (point.site_bytes - reference.site_bytes) / count
        point.mib_per_article = (point.max_rss_mib.median - reference.max_rss_mib.median) / count
    return point


def bench_scaling(
    work: Path, sizes: Sequence[int], repeats: Callable[[int], int], reference: ScalePoint
) -> list[ScalePoint]:
    """`reference` is N = 0, the project as it is."""
    points: list[ScalePoint] = [reference]
    for count in sizes:
        project = copy_project(work / f"scale-{count}")
        add_synthetic_articles(project, count)
        site = work / f"site-scale-{count}"
        log(f"  N={count}: warm-up build")
        run_build(project, site)
        builds = []
        for run in range(repeats(count)):
            build = run_build(project, site)
            builds.append(build)
            log(f"  N={count}: run {run + 1}/{repeats(count)} {build.seconds:.2f} s, {build.max_rss_kib / 1024:.0f} MiB")
        point = scale_point(count, builds, site, reference)
        points.append(point)
        shutil.rmtree(project)
        shutil.rmtree(site)
    return points


# ---------------------------------------------------------------- 3. serve


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, timeout: float = 60.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", errors="replace")


class DevServer:
    """`mkdocs serve --livereload` on `project`, stopped on exit whatever happens."""

    def __init__(self, project: Path, temp: Path) -> None:
        self.project = project
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        # MkDocs builds into a mkdtemp folder: keep it inside our own temp dir.
        self.env = {**ENV, "TMPDIR": str(temp)}
        self.process: subprocess.Popen[str] | None = None
        self.lines: list[tuple[float, str]] = []
        self._reader: threading.Thread | None = None

    def __enter__(self) -> DevServer:
        command = [*mkdocs_command(), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command,
            cwd=self.project,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def _wait_until_serving(self, timeout: float = 300.0) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                fetch(self.url, timeout=5)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"mkdocs serve did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, count: int = 25) -> str:
        return "\n".join(line for _, line in self.lines[-count:])

    def first_line_after(self, start: float, text: str) -> float | None:
        for moment, line in list(self.lines):
            if moment >= start and text in line:
                return moment
        return None

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        # SIGINT: MkDocs shuts down cleanly and removes its build folder.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)


@dataclass
class Edit:
    seconds: float  # write -> the served page shows the change
    detected: float | None  # write -> "Detected file changes" in the server's log
    rebuilt: float | None  # write -> "Reloading browsers" in the server's log


@dataclass
class ServeResult:
    data_edit: Summary
    markdown_edit: Summary
    data_runs: list[Edit]
    markdown_runs: list[Edit]
    initial_build_seconds: float


def timed_edit(server: DevServer, page_url: str, write: Callable[[], None], expected: str, timeout: float = 300.0) -> Edit:
    start = time.perf_counter()
    write()
    while True:
        try:
            if expected in fetch(page_url):
                break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"the change did not show within {timeout:.0f} s:\n{server.log_tail()}")
        if server.process is not None and server.process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited:\n{server.log_tail()}")
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    # Log lines are read by another thread: give it a moment to catch up.
    time.sleep(0.2)
    detected = server.first_line_after(start, "Detected file changes")
    rebuilt = server.first_line_after(start, "Reloading browsers")
    return Edit(
        seconds=seconds,
        detected=None if detected is None else detected - start,
        rebuilt=None if rebuilt is None else rebuilt - start,
    )


POWER = re.compile(r"^(?P<key>\s+gigawatts:\s*)(?P<value>[0-9.]+)\s*$", re.MULTILINE)
NBSP = "\u00a0"


def bench_serve(work: Path, runs: int) -> ServeResult:
    project = copy_project(work / "serve-project")
    server_temp = work / "serve-tmp"
    server_temp.mkdir()
    data_file = project / "data" / "articles" / f"{ARTICLE}.yml"
    page_file = project / "docs" / "articles" / f"{ARTICLE}.md"
    data_text = data_file.read_text(encoding="utf-8")
    match = POWER.search(data_text)
    if match is None:
        raise RuntimeError(f"no `gigawatts:` figure to change in {data_file.relative_to(project)}")
    page_text = page_file.read_text(encoding="utf-8")

    def set_power(value: int) -> Callable[[], None]:
        def write() -> None:
            data_file.write_text(POWER.sub(lambda m: f"{m.group('key')}{value}", data_text, count=1), encoding="utf-8")

        return write

    def set_sentence(token: str) -> Callable[[], None]:
        def write() -> None:
            page_file.write_text(f"{page_text.rstrip()}\n\nRepère de mesure : {token}.\n", encoding="utf-8")

        return write

    log("  starting mkdocs serve")
    start = time.perf_counter()
    with DevServer(project, server_temp) as server:
        initial = time.perf_counter() - start
        page_url = urljoin(server.url, f"articles/{ARTICLE}/")
        original = fetch(page_url)
        original_power = f"{match.group('value')}{NBSP}GW"
        if original_power not in original:
            raise RuntimeError(f"the served page does not show {original_power!r}; cannot detect a data edit")
        data_runs: list[Edit] = []
        markdown_runs: list[Edit] = []
        value = int(float(match.group("value"))) + 1
        for run in range(runs + 1):  # run 0 is a warm-up
            for kind in ("data", "markdown"):
                if kind == "data":
                    edit = timed_edit(server, page_url, set_power(value), f"{value}{NBSP}GW")
                    value += 1
                else:
                    token = f"bench-{run:03d}-{time.time_ns() % 1_000_000:06d}"
                    edit = timed_edit(server, page_url, set_sentence(token), token)
                label = "warm-up" if run == 0 else f"run {run}/{runs}"
                log(f"  {kind} edit {label}: {edit.seconds:.2f} s")
                if run:
                    (data_runs if kind == "data" else markdown_runs).append(edit)
                time.sleep(0.3)
    shutil.rmtree(project)
    return ServeResult(
        data_edit=Summary.of([edit.seconds for edit in data_runs]),
        markdown_edit=Summary.of([edit.seconds for edit in markdown_runs]),
        data_runs=data_runs,
        markdown_runs=markdown_runs,
        initial_build_seconds=initial,
    )


# ---------------------------------------------------------------- 4. page weight


@dataclass
class Resource:
    path: str  # inside the site
    kind: str
    raw: int
    gzip: int


@dataclass
class PageWeight:
    language: str
    page: str
    requests: int
    raw: int
    gzip: int
    search_index_raw: int
    search_index_gzip: int
    search_lang: list[str]
    resources: list[Resource]
    external: list[str]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def lunr_scripts(languages: list[str]) -> list[str]:
    """The files Material's search worker imports for an index's `lang`, as its
    setupSearchLanguages does (checked against the built worker below)."""
    scripts: list[str] = []
    for language in languages:
        if language == "ja":
            scripts.append("tinyseg.js")
        elif language in ("hi", "th"):
            scripts.append("wordcut.js")
        if language != "en":
            scripts.append(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


def page_weight(site_dir: Path, page: str, language: str) -> PageWeight:
    """`page` ("en/articles/x/") and everything a browser fetches for it at load."""
    origin = "http://site.invalid/"
    page_url = urljoin(origin, page)
    html_file = site_dir / page / "index.html"
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    wanted: list[tuple[str, str]] = [(page_url + "index.html", "html")]
    for link in soup.find_all("link", href=True):
        rel = {value.lower() for value in link.get("rel", [])}
        if "stylesheet" in rel:
            wanted.append((urljoin(page_url, link["href"]), "stylesheet"))
        elif rel & {"icon", "shortcut", "apple-touch-icon"}:
            wanted.append((urljoin(page_url, link["href"]), "icon"))
    for script in soup.find_all("script", src=True):
        wanted.append((urljoin(page_url, script["src"]), "script"))
    for image in soup.find_all("img", src=True):
        wanted.append((urljoin(page_url, image["src"]), "image"))
    search_lang: list[str] = []
    config_tag = soup.find("script", id="__config")
    if config_tag is not None and soup.find("form", attrs={"name": "search"}) is not None:
        config = json.loads(config_tag.get_text())
        base = urljoin(page_url, config["base"])
        if not base.endswith("/"):
            base += "/"
        worker = urljoin(page_url, config["search"])
        wanted.append((worker, "search worker"))
        index_url = urljoin(base, "search/search_index.json")
        wanted.append((index_url, "search index"))
        index = json.loads(_site_file(site_dir, origin, index_url).read_text(encoding="utf-8"))
        search_lang = list(index["config"]["lang"])
        worker_code = _site_file(site_dir, origin, worker).read_text(encoding="utf-8")
        if "lunr.stemmer.support.min.js" not in worker_code or "lunr.multi.min.js" not in worker_code:
            raise RuntimeError("Material's search worker no longer loads lunr as assumed; update lunr_scripts()")
        lunr_base = urljoin(worker, "../lunr/")
        for script in lunr_scripts(search_lang):
            wanted.append((urljoin(lunr_base, script), "lunr"))
    resources: list[Resource] = []
    external: list[str] = []
    seen: set[str] = set()
    for url, kind in wanted:
        if not url.startswith(origin):
            external.append(url)
            continue
        file = _site_file(site_dir, origin, url)
        relative = file.relative_to(site_dir).as_posix()
        if relative in seen:
            continue
        seen.add(relative)
        data = file.read_bytes()
        resources.append(Resource(relative, kind, len(data), gzip_size(data)))
    index_resource = next((r for r in resources if r.kind == "search index"), None)
    return PageWeight(
        language=language,
        page=page,
        requests=len(resources) + len(external),
        raw=sum(r.raw for r in resources),
        gzip=sum(r.gzip for r in resources),
        search_index_raw=index_resource.raw if index_resource else 0,
        search_index_gzip=index_resource.gzip if index_resource else 0,
        search_lang=search_lang,
        resources=resources,
        external=external,
    )


def _site_file(site_dir: Path, origin: str, url: str) -> Path:
    path = urlsplit(url).path
    relative = PurePosixPath(path).relative_to(PurePosixPath(urlsplit(origin).path))
    file = site_dir / relative
    if path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        raise RuntimeError(f"{url} resolves to {file}, which the build did not write")
    return file


def bench_page_weight(site_dir: Path) -> list[PageWeight]:
    return [
        page_weight(site_dir, f"articles/{ARTICLE}/", "fr"),
        page_weight(site_dir, f"en/articles/{ARTICLE}/", "en"),
    ]


# ---------------------------------------------------------------- report


def fmt_s(summary: Summary) -> str:
    return f"{summary.median:6.2f} s  [{summary.min:.2f}–{summary.max:.2f}]"


def kb(value: float) -> str:
    return f"{value / KB:.1f} kB"


def report(results: dict[str, Any], settings: dict[str, Any]) -> str:
    out: list[str] = []
    hooks: HooksResult | None = results.get("hooks")
    if hooks is not None:
        out.append(
            f"1. Hooks overhead: mkdocs build --strict of the project, {hooks.with_hooks.runs} interleaved runs "
            "per variant after one warm-up each (median [min–max], wall clock)"
        )
        out.append(f"   with hooks (the project)          {fmt_s(hooks.with_hooks)}")
        out.append(f"   without hooks (and custom_dir)    {fmt_s(hooks.without_hooks)}")
        verdict = "within" if hooks.ratio <= hooks.target else "ABOVE"
        out.append(f"   ratio of medians                  {hooks.ratio:6.2f}    ({verdict} the {hooks.target:.2f} target)")
        out.append(
            f"   warnings: {hooks.warnings_with_hooks} with hooks, {hooks.warnings_without_hooks} without "
            "(both built with --strict)"
        )
        out.append("")
    points: list[ScalePoint] | None = results.get("scaling")
    if points:
        out.append(
            "2. Scaling: N synthetic articles per language added to the project, mkdocs build --strict "
            "(median [min–max]; per article = marginal over N = 0)"
        )
        out.append(
            f"   {'N':>4} {'pages':>6} {'build time':>22} {'s/article':>10} {'peak RSS':>20} "
            f"{'MiB/article':>11} {'site size':>10} {'kB/article':>10}"
        )
        for point in points:
            rss = point.max_rss_mib
            per_s = "—" if point.seconds_per_article is None else f"{point.seconds_per_article:.3f}"
            per_mib = "—" if point.mib_per_article is None else f"{point.mib_per_article:.3f}"
            per_b = "—" if point.bytes_per_article is None else f"{point.bytes_per_article / KB:.1f}"
            out.append(
                f"   {point.articles:>4} {point.pages:>6} {fmt_s(point.build):>22} {per_s:>10} "
                f"{f'{rss.median:.0f} MiB [{rss.min:.0f}–{rss.max:.0f}]':>20} {per_mib:>11} "
                f"{point.site_bytes / 1e6:>7.2f} MB {per_b:>10}"
            )
        runs = sorted({point.build.runs for point in points})
        out.append(
            f"   runs per N: {', '.join(str(r) for r in runs)} (N = 0: the builds with hooks of section 1); "
            "pages = HTML pages in both languages"
        )
        out.append("")
    serve: ServeResult | None = results.get("serve")
    if serve is not None:
        out.append(
            "3. Rebuild latency under mkdocs serve --livereload: edit written -> served French article page "
            "shows it (raw: includes the watcher and MkDocs' 0.1 s debounce; median [min–max])"
        )
        for label, summary, runs_list in (
            ("data file edit (figure)", serve.data_edit, serve.data_runs),
            ("Markdown edit (sentence)", serve.markdown_edit, serve.markdown_runs),
        ):
            detected = [edit.detected for edit in runs_list if edit.detected is not None]
            rebuilt = [edit.rebuilt for edit in runs_list if edit.rebuilt is not None]
            extra = ""
            if detected and rebuilt:
                extra = (
                    f"  (change detected after {statistics.median(detected):.2f} s, "
                    f"rebuild done after {statistics.median(rebuilt):.2f} s)"
                )
            out.append(f"   {label:<26} {fmt_s(summary)}  {summary.runs} runs{extra}")
        out.append(f"   first build before serving: {serve.initial_build_seconds:.2f} s")
        out.append("")
    weights: list[PageWeight] | None = results.get("page_weight")
    if weights:
        out.append(
            "4. Page weight of the article page: HTML + everything loaded at page load (kB = 1,000 bytes; "
            "gzip -9 per file)"
        )
        out.append(f"   {'language':<9} {'requests':>8} {'raw':>10} {'gzip':>10} {'search index raw':>17} {'gzip':>9}  lunr lang")
        for weight in weights:
            out.append(
                f"   {weight.language:<9} {weight.requests:>8} {kb(weight.raw):>10} {kb(weight.gzip):>10} "
                f"{kb(weight.search_index_raw):>17} {kb(weight.search_index_gzip):>9}  {','.join(weight.search_lang)}"
            )
        both = sum(weight.search_index_raw for weight in weights)
        out.append(
            f"   stock figures: {STOCK['raw_kb']} kB raw / ~{STOCK['gzip_kb']} kB gzip, {STOCK['requests']} requests, "
            f"search index {STOCK['search_index_kb']} kB (both languages mixed); ours together: {kb(both)}"
        )
        for weight in weights:
            out.append(f"   {weight.language}: " + ", ".join(
                f"{PurePosixPath(r.path).name} {kb(r.raw)}/{kb(r.gzip)}" for r in weight.resources
            ))
            if weight.external:
                out.append(f"   {weight.language} external: {', '.join(weight.external)}")
        out.append("")
    out.append(
        f"Settings: {'quick' if settings['quick'] else 'full'} mode; {settings['cpus']} CPUs; "
        f"Python {settings['python']}; total {settings['elapsed']:.0f} s"
    )
    return "\n".join(out)


def to_json(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {key: to_json(item) for key, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json(item) for item in value]
    return value


def environment() -> dict[str, Any]:
    try:
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        uname = " ".join(platform.uname())
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "not installed"
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "uname": uname,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "packages": packages,
    }


def write_results(table: str, env: dict[str, Any], quick: bool) -> None:
    packages = ", ".join(f"{name} {version}" for name, version in env["packages"].items())
    doc = __doc__ or ""
    method = doc.split("How runs are measured\n---------------------\n", 1)[-1].split("\nNo figure", 1)[0]
    text = f"""# Build benchmarks

Written by `bench/bench.py --write-results`{' --quick' if quick else ''} (`make bench`); run it
again to refresh these figures. Every figure comes from this machine only.

- Date: {env['date']}
- `uname -a`: `{env['uname']}`
- CPUs: {env['cpus']}
- Python: {env['python']}
- Packages: {packages}

## Results

```text
{table}
```

## How runs are measured

{method.strip()}
"""
    RESULTS_FILE.write_text(text, encoding="utf-8")


@contextmanager
def temporary_work_dir() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="silicium-bench-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="N = 1, 10 and fewer runs: about a minute, for CI")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON to PATH")
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    # A SIGTERM (CI timeout, kill) unwinds like Ctrl-C: servers stopped, temp dirs removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    if args.quick:
        hooks_rounds, sizes, serve_runs = 3, [1, 10], 2
        repeats: Callable[[int], int] = lambda count: 2
    else:
        hooks_rounds, sizes, serve_runs = 7, [1, 10, 100, 500], 5
        repeats = lambda count: 3 if count >= 500 else 5

    started = time.perf_counter()
    env = environment()
    results: dict[str, Any] = {}
    try:
        with temporary_work_dir() as work:
            log("1. hooks overhead")
            results["hooks"], real_builds, real_site = bench_hooks(work, hooks_rounds)
            reference = scale_point(0, real_builds, real_site, None)
            log("4. page weight")
            results["page_weight"] = bench_page_weight(real_site)
            log("2. scaling")
            results["scaling"] = bench_scaling(work, sizes, repeats, reference)
            log("3. rebuild latency under serve")
            results["serve"] = bench_serve(work, serve_runs)
    except BuildFailed as error:
        log(str(error))
        return 1
    settings = {
        "quick": args.quick,
        "cpus": env["cpus"],
        "python": env["python"],
        "elapsed": time.perf_counter() - started,
    }
    table = report(results, settings)
    print(table)
    if args.json:
        args.json.write_text(
            json.dumps({"environment": env, "settings": settings, **to_json(results)}, indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    if args.write_results:
        write_results(table, env, args.quick)
        log(f"wrote {RESULTS_FILE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
