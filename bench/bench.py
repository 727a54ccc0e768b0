"""Benchmarks of the publication's build: hooks overhead, scaling, rebuild
latency under `mkdocs serve`, and page weight.

    .venv/bin/python bench/bench.py [--quick] [--json PATH] [--write-results]

Run it with the project's virtual environment: MkDocs is started as the
`mkdocs` script next to the Python that runs this file. Everything happens in
a temporary folder, removed at the end: the project's sources (mkdocs.yml,
docs, data, hooks, overrides) are copied there once at the start, so every
figure describes the same sources even if the project changes meanwhile, and
each measurement works on its own copy of that snapshot. The project tree is
never written to, except bench/RESULTS.md with `--write-results`.

How runs are measured
---------------------
* A build is one `mkdocs build` child process. Its time is wall-clock
  `time.perf_counter()` from just before the process is started to its exit,
  Python start-up and imports included: what someone running the command
  waits for. Its peak memory is the child's own maximum resident set size,
  read from `os.wait4()`, which returns the resource usage of that one child
  (unlike `getrusage(RUSAGE_CHILDREN)`, a running maximum over every child).
  The same record gives its CPU time (user + system): on a shared or busy
  machine it moves much less than wall clock, so builds report both.
  Each build writes into a fresh, empty site folder.
* Every series starts with one warm-up build that is not counted (it warms
  the file cache and, unless PYTHONDONTWRITEBYTECODE is set, writes the
  copied hooks' bytecode), except from 500 synthetic articles up, where a
  build takes minutes and start-up effects vanish in it, and with --quick
  (only the hooks series has its warm-ups then). Figures are the
  median of the counted runs, with their minimum and maximum. The
  environment is passed on as it is.
* Hooks overhead: the project as it is, against the same copy with the
  `hooks:` entry removed from mkdocs.yml. The theme's `custom_dir` has to go
  too: overrides/main.html reads the `publication` context that the hooks
  supply, and without them every page fails to render. So the baseline is
  stock Material with mkdocs-static-i18n and the same pages; the
  `<!-- data:... -->` markers stay in its pages as HTML comments. Both
  variants build with --strict (the baseline logs no warning; the warning
  count is recorded). The project is built two ways: as a contributor
  rebuilds it, with the build cache in the copy's .cache/ (compiled
  templates, data files known valid, preview images; filled by the warm-up
  build), and as a first build on a fresh clone, with PUBLICATION_NO_CACHE=1.
  That cache also spares the theme's own templates a compilation that every
  stock build pays, so a fourth variant, stock with only that template cache
  (bench/stock_template_cache.py), shows what the hooks' own work costs.
  The variants alternate, and their order turns around every round, so slow
  drift on the machine hits them alike. The ratios are of medians; the
  target applies to the everyday build, the warm one, and both are reported.
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
  MkDocs' debounce (it waits until 0.1 s pass without a further change).
  The rebuild alone runs from the server's "Detected file changes" to its
  "Reloading browsers".
  The two kinds alternate, each first in every other round. One
  warm-up edit of each kind is not counted (none with --quick). The server
  is stopped with SIGINT (SIGKILL if it does not exit) whatever happens.
* Page weight: the last build of each variant of the hooks series; for
  each language's article page, the HTML plus what a browser with JavaScript
  fetches for it (BeautifulSoup; what <noscript> holds is ignored):
  stylesheets, `<script src>`, `<img src>`, the favicon, then Material's
  bundle, its search worker, the language's search index and the lunr files
  that worker imports for the index's `lang` (read from the built worker:
  `lunr.stemmer.support` and `lunr.<lang>` for any language but English,
  `lunr.multi` when the index has several languages; English alone loads
  none). The bundle requests the index and starts the worker as soon as it
  runs, when the page has a search form. Stock Material loads the bundle
  with the page; the project's overrides load it, with Material's full
  stylesheets (listed in `data-md-stylesheets`), at the reader's first
  interaction, so the report gives what loads before any interaction and
  everything. Requests the search's fallback script makes only after a
  search without results (the other language's index) are not counted.
  Sizes are raw and `gzip -9` (Python's gzip module), in kB of 1,000 bytes.

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
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any, Self
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
# From this many synthetic articles, a build takes minutes: fewer runs, no warm-up.
LARGE = 500
# Figures of the stock set-up (one mixed index), to compare page weight with.
STOCK = {"raw_kb": 322, "gzip_kb": 92, "requests": 11, "search_index_kb": 20}
KB = 1000
NO_BREAK = "\u00a0"


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
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process
    max_rss_kib: int  # Linux reports ru_maxrss in KiB
    returncode: int
    output: str

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.output.splitlines() if line.startswith("WARNING"))


class BuildFailed(RuntimeError):
    pass


def run_build(project: Path, site_dir: Path, *, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> Build:
    """One timed `mkdocs build --strict` into a fresh `site_dir`; BuildFailed if it fails."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # Absolute: with a relative --config-file the hooks' project folder is ""
    # and the build fails (hooks/publication/site.py does not resolve it).
    command = [
        *mkdocs_command(),
        "build",
        "--strict",
        "--config-file",
        str(project / config),
        "--site-dir",
        str(site_dir),
    ]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env={**ENV, **(env or {})}, stdout=output, stderr=subprocess.STDOUT)
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
    build = Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode, text)
    if build.returncode != 0:
        tail = "\n".join(text.splitlines()[-25:])
        raise BuildFailed(f"`{' '.join(command)}` failed in {project} (exit {build.returncode}):\n{tail}")
    return build


def copy_project(source: Path, target: Path) -> Path:
    """A copy of what a build of `source` reads, in `target`."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source / part, target / part)
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
    """Per variant of HOOK_VARIANTS: wall clock and CPU time (medians of the
    counted builds), every build's wall clock, the warnings of its warm-up."""

    wall: dict[str, Summary]
    cpu: dict[str, Summary]
    runs: dict[str, list[float]]
    warnings: dict[str, int]
    target: float

    def ratio(self, variant: str, baseline: str) -> tuple[float, float]:
        """Wall-clock and CPU ratio of the medians of `variant` to `baseline`."""
        return (
            self.wall[variant].median / self.wall[baseline].median,
            self.cpu[variant].median / self.cpu[baseline].median,
        )


@dataclass
class HooksRun:
    result: HooksResult
    builds_with_hooks: list[Build]  # builds of the real project, reused as N = 0
    site_with_hooks: Path  # the last build of each variant, for page weight
    site_without_hooks: Path


# The variants of the hooks series: mkdocs.yml to build, extra environment;
# then how the report names them, and the ratios it gives (variant, baseline,
# whether the target applies).
HOOK_VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "with": ("mkdocs.yml", {}),
    "cold": ("mkdocs.yml", {"PUBLICATION_NO_CACHE": "1"}),
    "without": ("mkdocs.nohooks.yml", {}),
    "stock cached": ("mkdocs.stockcache.yml", {}),
}
HOOK_VARIANT_LABELS = {
    "with": "with hooks, build cache warm",
    "cold": "with hooks, no build cache",
    "without": "without hooks (and custom_dir)",
    "stock cached": "without hooks, templates cached",
}
HOOK_RATIOS = [
    ("ratio, cache warm / without", "with", "without", True),
    ("ratio, no cache / without", "cold", "without", True),
    ("hooks own work: warm / cached stock", "with", "stock cached", False),
]
STOCK_TEMPLATE_CACHE_HOOK = PROJECT / "bench" / "stock_template_cache.py"


def bench_hooks(source: Path, work: Path, rounds: int) -> HooksRun:
    """Interleaved builds of every variant of HOOK_VARIANTS."""
    project = copy_project(source, work / "hooks-project")
    stock = without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.nohooks.yml").write_text(stock, encoding="utf-8")
    (project / "mkdocs.stockcache.yml").write_text(
        f"{stock.rstrip()}\nhooks:\n  - {json.dumps(str(STOCK_TEMPLATE_CACHE_HOOK))}\n", encoding="utf-8"
    )
    sites = {name: work / f"site-{name}-hooks" for name in HOOK_VARIANTS}
    builds: dict[str, list[Build]] = {name: [] for name in HOOK_VARIANTS}
    warnings: dict[str, int] = {}
    # The warm-up of "with" fills the project copy's build cache (.cache/).
    for name, (config, env) in HOOK_VARIANTS.items():
        log(f"  warm-up build {name} hooks")
        warnings[name] = run_build(project, sites[name], config=config, env=env).warnings
    for round_number in range(rounds):
        order = list(HOOK_VARIANTS) if round_number % 2 == 0 else list(reversed(HOOK_VARIANTS))
        for name in order:
            config, env = HOOK_VARIANTS[name]
            build = run_build(project, sites[name], config=config, env=env)
            builds[name].append(build)
            log(
                f"  round {round_number + 1}/{rounds}: {name} hooks {build.seconds:.2f} s ({build.cpu_seconds:.2f} s CPU)"
            )
    result = HooksResult(
        wall={name: Summary.of([build.seconds for build in runs]) for name, runs in builds.items()},
        cpu={name: Summary.of([build.cpu_seconds for build in runs]) for name, runs in builds.items()},
        runs={name: [build.seconds for build in runs] for name, runs in builds.items()},
        warnings=warnings,
        target=HOOKS_TARGET,
    )
    return HooksRun(result, builds["with"], sites["with"], sites["without"])


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
    build: Summary  # wall clock
    cpu: Summary  # user + system time
    max_rss_mib: Summary
    site_bytes: int
    site_files: int
    seconds_per_article: float | None  # marginal over N = 0, wall clock
    cpu_seconds_per_article: float | None  # marginal over N = 0, CPU
    bytes_per_article: float | None  # marginal over N = 0
    mib_per_article: float | None  # marginal peak memory over N = 0


def scale_point(count: int, builds: Sequence[Build], site: Path, reference: ScalePoint | None) -> ScalePoint:
    total, files = site_bytes(site)
    point = ScalePoint(
        articles=count,
        pages=sum(1 for _ in site.rglob("index.html")),
        build=Summary.of([build.seconds for build in builds]),
        cpu=Summary.of([build.cpu_seconds for build in builds]),
        max_rss_mib=Summary.of([build.max_rss_kib / 1024 for build in builds]),
        site_bytes=total,
        site_files=files,
        seconds_per_article=None,
        cpu_seconds_per_article=None,
        bytes_per_article=None,
        mib_per_article=None,
    )
    if count and reference is not None:
        point.seconds_per_article = (point.build.median - reference.build.median) / count
        point.cpu_seconds_per_article = (point.cpu.median - reference.cpu.median) / count
        point.bytes_per_article = (point.site_bytes - reference.site_bytes) / count
        point.mib_per_article = (point.max_rss_mib.median - reference.max_rss_mib.median) / count
    return point


def bench_scaling(
    source: Path, work: Path, sizes: Sequence[int], repeats: Callable[[int], int], reference: ScalePoint, warm_up: bool
) -> list[ScalePoint]:
    """`reference` is N = 0, the project as it is."""
    points: list[ScalePoint] = [reference]
    for count in sizes:
        project = copy_project(source, work / f"scale-{count}")
        add_synthetic_articles(project, count)
        site = work / f"site-scale-{count}"
        if warm_up and count < LARGE:
            log(f"  N={count}: warm-up build")
            run_build(project, site)
        builds = []
        for run in range(repeats(count)):
            build = run_build(project, site)
            builds.append(build)
            log(
                f"  N={count}: run {run + 1}/{repeats(count)} {build.seconds:.2f} s "
                f"({build.cpu_seconds:.2f} s CPU), {build.max_rss_kib / 1024:.0f} MiB"
            )
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
        body: bytes = response.read()
    return body.decode("utf-8", errors="replace")


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

    def __enter__(self) -> Self:
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

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
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

    @property
    def rebuild(self) -> float | None:
        """From the change noticed to the browsers told to reload: the rebuild
        alone. (MkDocs' own "Documentation built in X seconds" cannot serve:
        its log filter drops any message it has printed before, so a rebuild
        as fast as an earlier one goes unreported.)"""
        return None if self.detected is None or self.rebuilt is None else self.rebuilt - self.detected


@dataclass
class ServeResult:
    data_edit: Summary
    markdown_edit: Summary
    data_runs: list[Edit]
    markdown_runs: list[Edit]
    initial_build_seconds: float  # start of `mkdocs serve` -> first page served


def timed_edit(
    server: DevServer, page_url: str, write: Callable[[], None], expected: re.Pattern[str], timeout: float = 300.0
) -> Edit:
    start = time.perf_counter()
    write()
    while True:
        try:
            if expected.search(fetch(page_url)):
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


def power_shown(value: str) -> re.Pattern[str]:
    """The power figure as the page shows it, whichever space precedes the unit."""
    return re.compile(rf"(?<![\d,.]){re.escape(value)}\s*GW\b")


def bench_serve(source: Path, work: Path, runs: int, warm_up: bool) -> ServeResult:
    project = copy_project(source, work / "serve-project")
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
        if not power_shown(match.group("value")).search(original):
            raise RuntimeError(f"the served page does not show '{match.group('value')} GW'; cannot detect a data edit")
        data_runs: list[Edit] = []
        markdown_runs: list[Edit] = []
        value = int(float(match.group("value"))) + 1
        for run in range(0 if warm_up else 1, runs + 1):  # run 0 is a warm-up
            # Each kind goes first in every other round: neither always
            # follows the other.
            for kind in ("data", "markdown") if run % 2 else ("markdown", "data"):
                if kind == "data":
                    edit = timed_edit(server, page_url, set_power(value), power_shown(str(value)))
                    value += 1
                else:
                    token = f"bench-{run:03d}-{time.time_ns() % 1_000_000:06d}"
                    edit = timed_edit(server, page_url, set_sentence(token), re.compile(re.escape(token)))
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


LOAD = "load"
INTERACTION = "first interaction"
BUNDLE = re.compile(r"bundle\.[0-9a-f]+\.min\.js$")
BUNDLE_IN_SCRIPT = re.compile(r"\"([^\"]*bundle\.[0-9a-f]+\.min\.js)\"")


@dataclass
class Resource:
    path: str  # inside the site
    kind: str
    raw: int
    gzip: int
    when: str  # LOAD, or INTERACTION: fetched only once the reader first interacts


@dataclass
class PageWeight:
    variant: str  # "project", or "hooks off" (stock Material with static-i18n)
    language: str
    page: str
    load_requests: int  # before any interaction
    load_raw: int
    load_gzip: int
    requests: int  # everything, once the reader has interacted
    raw: int
    gzip: int
    search_index_raw: int
    search_index_gzip: int
    search_lang: list[str]
    bundle_deferred: bool
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


def page_weight(site_dir: Path, page: str, language: str, variant: str) -> PageWeight:
    """`page` ("en/articles/x/") and what a browser with JavaScript fetches for
    it: at load, and once the reader first interacts (when Material's bundle is
    loaded on demand, as the project's overrides/main.html does)."""
    origin = "http://site.invalid/"
    page_url = urljoin(origin, page)
    html_file = site_dir / page / "index.html"
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")

    def loaded(element: Any) -> bool:
        # A browser with JavaScript ignores what <noscript> holds.
        return element.find_parent("noscript") is None

    wanted: list[tuple[str, str, str]] = [(page_url + "index.html", "html", LOAD)]
    for link in soup.find_all("link", href=True):
        rel = {value.lower() for value in link.get("rel", [])}
        if not loaded(link):
            continue
        if "stylesheet" in rel:
            wanted.append((urljoin(page_url, link["href"]), "stylesheet", LOAD))
        elif rel & {"icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}:
            wanted.append((urljoin(page_url, link["href"]), "icon" if "icon" in rel else "preload", LOAD))
    for image in soup.find_all("img", src=True):
        if loaded(image):
            wanted.append((urljoin(page_url, image["src"]), "image", LOAD))
    bundle: tuple[str, str] | None = None
    for script in soup.find_all("script", src=True):
        if not loaded(script):
            continue
        url = urljoin(page_url, script["src"])
        if BUNDLE.search(urlsplit(url).path):
            bundle = (url, LOAD)
        wanted.append((url, "script", LOAD))
    # Material's stylesheets and bundle loaded by an inline loader at the first
    # interaction: the stylesheets it lists, the bundle URL in its code.
    for element in soup.find_all(attrs={"data-md-stylesheets": True}):
        for href in element["data-md-stylesheets"].split():
            wanted.append((urljoin(page_url, href), "stylesheet", INTERACTION))
    if bundle is None:
        for script in soup.find_all("script", src=False):
            match = BUNDLE_IN_SCRIPT.search(script.get_text())
            if match and loaded(script):
                bundle = (urljoin(page_url, json.loads(f'"{match.group(1)}"')), INTERACTION)
                wanted.append((bundle[0], "script", INTERACTION))
                break
    search_lang: list[str] = []
    config_tag = soup.find("script", id="__config")
    has_search = soup.find("form", attrs={"name": "search"}) is not None
    if bundle is not None and config_tag is not None and has_search:
        # The bundle requests the index and starts the worker as soon as it runs.
        when = bundle[1]
        config = json.loads(config_tag.get_text())
        base = urljoin(page_url, config["base"])
        if not base.endswith("/"):
            base += "/"
        worker = urljoin(page_url, config["search"])
        wanted.append((worker, "search worker", when))
        index_url = urljoin(base, "search/search_index.json")
        wanted.append((index_url, "search index", when))
        index = json.loads(_site_file(site_dir, origin, index_url).read_text(encoding="utf-8"))
        search_lang = list(index["config"]["lang"])
        worker_code = _site_file(site_dir, origin, worker).read_text(encoding="utf-8")
        if "lunr.stemmer.support.min.js" not in worker_code or "lunr.multi.min.js" not in worker_code:
            raise RuntimeError("Material's search worker no longer loads lunr as assumed; update lunr_scripts()")
        lunr_base = urljoin(worker, "../lunr/")
        for script_path in lunr_scripts(search_lang):
            wanted.append((urljoin(lunr_base, script_path), "lunr", when))
    resources: list[Resource] = []
    external: list[str] = []
    seen: set[str] = set()
    for url, kind, when in wanted:
        if not url.startswith(origin):
            external.append(url)
            continue
        file = _site_file(site_dir, origin, url)
        relative = file.relative_to(site_dir).as_posix()
        if relative in seen:
            continue
        seen.add(relative)
        data = file.read_bytes()
        resources.append(Resource(relative, kind, len(data), gzip_size(data), when))
    at_load = [resource for resource in resources if resource.when == LOAD]
    index_resource = next((r for r in resources if r.kind == "search index"), None)
    return PageWeight(
        variant=variant,
        language=language,
        page=page,
        load_requests=len(at_load),
        load_raw=sum(r.raw for r in at_load),
        load_gzip=sum(r.gzip for r in at_load),
        requests=len(resources) + len(external),
        raw=sum(r.raw for r in resources),
        gzip=sum(r.gzip for r in resources),
        search_index_raw=index_resource.raw if index_resource else 0,
        search_index_gzip=index_resource.gzip if index_resource else 0,
        search_lang=search_lang,
        bundle_deferred=bundle is not None and bundle[1] == INTERACTION,
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


def bench_page_weight(site_dir: Path, variant: str) -> list[PageWeight]:
    return [
        page_weight(site_dir, f"articles/{ARTICLE}/", "fr", variant),
        page_weight(site_dir, f"en/articles/{ARTICLE}/", "en", variant),
    ]


# ---------------------------------------------------------------- report


def fmt_s(summary: Summary) -> str:
    return f"{summary.median:6.2f} s  [{summary.min:.2f}-{summary.max:.2f}]"


def kb(value: float) -> str:
    return f"{value / KB:.1f} kB"


def report(results: dict[str, Any], settings: dict[str, Any]) -> str:
    out: list[str] = []
    hooks: HooksResult | None = results.get("hooks")
    if hooks is not None:
        out.append(
            f"1. Hooks overhead: mkdocs build --strict of the project, {hooks.wall['with'].runs} interleaved runs "
            "per variant after one warm-up each (median [min-max])"
        )
        out.append(f"   {'':34} {'wall clock':>22}   {'CPU (user + system)':>22}")
        for variant, label in HOOK_VARIANT_LABELS.items():
            out.append(f"   {label:<34} {fmt_s(hooks.wall[variant]):>22}   {fmt_s(hooks.cpu[variant]):>22}")

        def verdict(ratio: float) -> str:
            return "within" if ratio <= hooks.target else "ABOVE"

        for label, variant, baseline, has_target in HOOK_RATIOS:
            wall_ratio, cpu_ratio = hooks.ratio(variant, baseline)
            note = (
                f"(target {hooks.target:.2f}: wall {verdict(wall_ratio)}, CPU {verdict(cpu_ratio)})"
                if has_target
                else "(the same template cache on both sides)"
            )
            out.append(f"   {label:<34} {wall_ratio:>22.2f}   {cpu_ratio:>22.2f}   {note}")
        out.append(
            f"   warnings: {hooks.warnings['with']} with hooks, {hooks.warnings['without']} without "
            "(both built with --strict)"
        )
        out.append("")
    points: list[ScalePoint] | None = results.get("scaling")
    if points:
        out.append(
            "2. Scaling: N synthetic articles per language added to the project, mkdocs build --strict "
            "(median [min-max]; per article = marginal over N = 0)"
        )
        out.append(
            f"   {'N':>4} {'pages':>5} {'wall clock':>22} {'CPU':>22} {'s/article':>15} "
            f"{'peak RSS MiB':>15} {'MiB/article':>11} {'site MB':>7} {'kB/article':>10}"
        )

        def per(value: float | None, scale: float = 1.0, digits: int = 3) -> str:
            return "-" if value is None else f"{value / scale:.{digits}f}"

        for point in points:
            rss = point.max_rss_mib
            per_article = f"{per(point.seconds_per_article)}/{per(point.cpu_seconds_per_article)}"
            out.append(
                f"   {point.articles:>4} {point.pages:>5} {fmt_s(point.build):>22} {fmt_s(point.cpu):>22} "
                f"{per_article:>15} {f'{rss.median:.0f} [{rss.min:.0f}-{rss.max:.0f}]':>15} "
                f"{per(point.mib_per_article):>11} {point.site_bytes / 1e6:>7.2f} "
                f"{per(point.bytes_per_article, KB, 1):>10}"
            )
        runs = sorted({point.build.runs for point in points})
        out.append(
            f"   runs per N: {', '.join(str(r) for r in runs)} (N = 0: the builds with hooks of section 1); "
            "pages = HTML pages, both languages; s/article = wall/CPU"
        )
        out.append("")
    serve: ServeResult | None = results.get("serve")
    if serve is not None:
        out.append(
            "3. Rebuild latency under mkdocs serve --livereload: edit written -> served French article page "
            "shows it (raw: includes the watcher and MkDocs' 0.1 s debounce; median [min-max]), and the "
            "rebuild alone (change detected -> browsers told to reload, from the server's log)"
        )
        for label, summary, runs_list in (
            ("data file edit (figure)", serve.data_edit, serve.data_runs),
            ("Markdown edit (sentence)", serve.markdown_edit, serve.markdown_runs),
        ):
            detected = [edit.detected for edit in runs_list if edit.detected is not None]
            rebuilt = [edit.rebuilt for edit in runs_list if edit.rebuilt is not None]
            rebuilds = [edit.rebuild for edit in runs_list if edit.rebuild is not None]
            extra = ""
            if detected and rebuilt:
                extra = (
                    f"  (change detected after {statistics.median(detected):.2f} s, "
                    f"rebuild done after {statistics.median(rebuilt):.2f} s"
                )
                if rebuilds:
                    extra += f"; rebuild alone {fmt_s(Summary.of(rebuilds)).strip()}"
                extra += ")"
            out.append(f"   {label:<26} {fmt_s(summary)}  {summary.runs} runs{extra}")
        out.append(f"   server answering {serve.initial_build_seconds:.2f} s after its start (first build included)")
        out.append("")
    weights: list[PageWeight] = results.get("page_weight", []) + results.get("page_weight_without_hooks", [])
    if weights:
        out.append(
            "4. Page weight of the article page: the HTML and what a browser with JavaScript fetches for it, "
            "at load and in all (after the reader's first interaction); kB = 1,000 bytes; gzip -9 of each file"
        )
        out.append(
            f"   {'build':<10} {'lang':<4} {'at load: req':>12} {'raw':>9} {'gzip':>8}   {'all: req':>8} {'raw':>9} "
            f"{'gzip':>8}   {'index':>7} {'gzip':>6}  index lang -> lunr files"
        )
        for weight in weights:
            lunr = [PurePosixPath(r.path).name.removesuffix(".min.js") for r in weight.resources if r.kind == "lunr"]
            out.append(
                f"   {weight.variant:<10} {weight.language:<4} {weight.load_requests:>12} {kb(weight.load_raw):>9} "
                f"{kb(weight.load_gzip):>8}   {weight.requests:>8} {kb(weight.raw):>9} {kb(weight.gzip):>8}   "
                f"{kb(weight.search_index_raw):>7} {kb(weight.search_index_gzip):>6}  "
                f"{','.join(weight.search_lang)} -> {', '.join(lunr) or 'none'}"
            )
        ours = [weight for weight in weights if weight.variant == "project"]
        out.append(
            f"   stock figures given: {STOCK['raw_kb']} kB raw / ~{STOCK['gzip_kb']} kB gzip, {STOCK['requests']} "
            f"requests, search index {STOCK['search_index_kb']} kB (both languages mixed); "
            f"our two indexes together: {kb(sum(weight.search_index_raw for weight in ours))}"
        )
        out.append(
            "   'hooks off' = the baseline build of section 1: stock Material + static-i18n, one mixed index. "
            "Files (raw/gzip), * = fetched at the first interaction:"
        )
        for weight in weights:
            # No-break spaces inside an item keep it on one line when wrapped.
            items = ", ".join(
                f"{PurePosixPath(r.path).name}{'*' if r.when == INTERACTION else ''} {kb(r.raw)}/{kb(r.gzip)}".replace(
                    " ", NO_BREAK
                )
                for r in weight.resources
            )
            out.extend(
                line.replace(NO_BREAK, " ")
                for line in textwrap.wrap(
                    items,
                    width=118,
                    initial_indent=f"   {weight.variant}, {weight.language}: ",
                    subsequent_indent="       ",
                    break_on_hyphens=False,
                )
            )
            if weight.external:
                out.append(f"   {weight.variant}, {weight.language}, other origins: {', '.join(weight.external)}")
        out.append("")
    out.append(
        f"Settings: {'quick' if settings['quick'] else 'full'} mode; {settings['cpus']} CPUs; "
        f"Python {settings['python']}; total {settings['elapsed']:.0f} s"
    )
    return "\n".join(out)


def to_json(value: Any) -> Any:
    if isinstance(value, HooksResult):
        ratios = {label: dict(zip(("wall", "cpu"), value.ratio(v, b))) for label, v, b, _ in HOOK_RATIOS}
        return {**to_json(asdict(value)), "ratios": ratios}
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
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "uname": uname,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "packages": packages,
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
    }


def project_state() -> str:
    """The commit the benchmarked sources come from, and whether they had local changes."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "-C", str(PROJECT), "status", "--porcelain", "--", *PROJECT_PARTS],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit}" + (f" with {len(changes)} uncommitted changes" if changes else "")


def write_results(table: str, env: dict[str, Any], quick: bool) -> None:
    packages = ", ".join(f"{name} {version}" for name, version in env["packages"].items())
    doc = __doc__ or ""
    method = doc.split("How runs are measured\n---------------------\n", 1)[-1].split("\nNo figure", 1)[0]
    text = f"""# Build benchmarks

Written by `bench/bench.py --write-results`{" --quick" if quick else ""} (`make bench`); run it
again to refresh these figures. Every figure comes from this machine only.

- Date: {env["date"]}
- `uname -a`: `{env["uname"]}`
- CPUs: {env["cpus"]}
- Python: {env["python"]}
- Packages: {packages}
- Project sources: {env.get("project", "unknown")} (mkdocs.yml, docs, data, hooks, overrides)
- PYTHONDONTWRITEBYTECODE: `{env["PYTHONDONTWRITEBYTECODE"] or "unset"}`

## Results

```text
{table}
```

## How runs are measured

{method.strip()}
"""
    RESULTS_FILE.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Plan:
    hooks_rounds: int  # builds per variant, after one warm-up each
    sizes: tuple[int, ...]  # synthetic articles per language (N = 0 comes from the hooks series)
    scale_runs: int  # builds per size, after one warm-up
    scale_runs_large: int  # the same from LARGE articles up, without a warm-up
    serve_runs: int  # edits of each kind, after one warm-up edit each
    warm_up: bool  # a warm-up before each scaling series and serve edit kind (hooks series: always)

    def repeats(self, count: int) -> int:
        return self.scale_runs_large if count >= LARGE else self.scale_runs


QUICK = Plan(hooks_rounds=3, sizes=(1, 10), scale_runs=2, scale_runs_large=2, serve_runs=2, warm_up=False)
FULL = Plan(hooks_rounds=9, sizes=(1, 10, 100, 500), scale_runs=5, scale_runs_large=3, serve_runs=5, warm_up=True)


@contextmanager
def temporary_work_dir() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="silicium-bench-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="N = 1, 10, fewer runs and no warm-up but the hooks': about a minute, for CI",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON to PATH")
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    # A SIGTERM (CI timeout, kill) unwinds like Ctrl-C: servers stopped, temp dirs removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    plan = QUICK if args.quick else FULL

    started = time.perf_counter()
    env = environment()
    results: dict[str, Any] = {}
    try:
        with temporary_work_dir() as work:
            # One snapshot of the project, so every figure describes the same sources
            # even if someone edits the project while the benchmark runs.
            source = copy_project(PROJECT, work / "source")
            env["project"] = project_state()
            log("1. hooks overhead")
            hooks = bench_hooks(source, work, plan.hooks_rounds)
            results["hooks"] = hooks.result
            reference = scale_point(0, hooks.builds_with_hooks, hooks.site_with_hooks, None)
            log("4. page weight")
            results["page_weight"] = bench_page_weight(hooks.site_with_hooks, "project")
            results["page_weight_without_hooks"] = bench_page_weight(hooks.site_without_hooks, "hooks off")
            log("2. scaling")
            results["scaling"] = bench_scaling(source, work, plan.sizes, plan.repeats, reference, plan.warm_up)
            log("3. rebuild latency under serve")
            results["serve"] = bench_serve(source, work, plan.serve_runs, plan.warm_up)
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
