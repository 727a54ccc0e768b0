"""Rebuild latency under `mkdocs serve`: an edit written, until the served page shows it.

* Serve: `mkdocs serve --livereload` on a copy and a free local port. A data
  edit adds a word to the deal table's French caption in data/articles/openai-nvidia.yml; a
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
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urljoin

from bench.common import ARTICLE, ENV, LARGE, Context, Summary, copy_project, fmt_s, log, mkdocs_command
from bench.synthetic import add_synthetic_articles

NAME = "serve"
RUNS = {"quick": 2, "full": 5}  # edits of each kind, after one warm-up edit each (none with --quick)
SIZES = {"quick": (0,), "full": (0, 500)}  # synthetic articles per language
RUNS_LARGE = 2  # from LARGE synthetic articles up, without a warm-up edit
TARGET_SECONDS = 1.0  # at N = 500 (issue 12, goal 3)


def run(context: Context) -> list[ServeResult]:
    mode = "quick" if context.quick else "full"
    results = []
    for count in SIZES[mode]:
        runs = RUNS_LARGE if count >= LARGE else RUNS[mode]
        log(f"  N={count}")
        warm_up = not context.quick and count < LARGE
        results.append(bench_serve(context.source, context.work, runs, warm_up, count))
    return results


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
    articles: int = 0  # synthetic articles per language


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


# The data edit rewrites the deal table's French caption: a text, not a
# figure (a figure of the data is also stated in the prose, and the fact
# check stops a build where they differ).
CAPTION = re.compile(r"^(?P<key>deal_table:\n  caption:\n    fr: )(?P<value>.+)$", re.MULTILINE)


def token(run: int) -> str:
    """A word no page holds, in letters only (a figure in an article must
    state a fact of the data)."""
    return "repere-" + "".join(chr(ord("a") + int(digit)) for digit in f"{run:03d}{time.time_ns() % 1_000_000:06d}")


def bench_serve(source: Path, work: Path, runs: int, warm_up: bool, count: int = 0) -> ServeResult:
    project = copy_project(source, work / f"serve-project-{count}")
    add_synthetic_articles(project, count)
    server_temp = work / f"serve-tmp-{count}"
    server_temp.mkdir()
    data_file = project / "data" / "articles" / f"{ARTICLE}.yml"
    page_file = project / "docs" / "articles" / f"{ARTICLE}.md"
    data_text = data_file.read_text(encoding="utf-8")
    match = CAPTION.search(data_text)
    if match is None:
        raise RuntimeError(f"no deal table caption to change in {data_file.relative_to(project)}")
    page_text = page_file.read_text(encoding="utf-8")

    def set_caption(word: str) -> Callable[[], None]:
        def write() -> None:
            text = CAPTION.sub(lambda m: f"{m.group('key')}{m.group('value')} {word}", data_text, count=1)
            data_file.write_text(text, encoding="utf-8")

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
        if match.group("value") not in original:
            raise RuntimeError(f"the served page does not show '{match.group('value')}'; cannot detect a data edit")
        data_runs: list[Edit] = []
        markdown_runs: list[Edit] = []
        for run in range(0 if warm_up else 1, runs + 1):  # run 0 is a warm-up
            # Each kind goes first in every other round: neither always
            # follows the other.
            for kind in ("data", "markdown") if run % 2 else ("markdown", "data"):
                word = token(run)
                write = set_caption(word) if kind == "data" else set_sentence(word)
                edit = timed_edit(server, page_url, write, re.compile(re.escape(word)))
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
        articles=count,
    )


# ---------------------------------------------------------------- 4. page weight


def report(results: list[ServeResult], number: int) -> list[str]:
    out: list[str] = []
    out.append(
        f"{number}. Rebuild latency under mkdocs serve --livereload: edit written -> served French article page "
        "shows it (raw: includes the watcher and MkDocs' 0.1 s debounce; median [min-max]), and the "
        "rebuild alone (change detected -> browsers told to reload, from the server's log)"
    )
    for serve in results:
        out.append(f"   N = {serve.articles} synthetic articles per language:")
        for label, summary, runs_list in (
            ("data file edit (caption)", serve.data_edit, serve.data_runs),
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
            verdict = ""
            if serve.articles >= LARGE:
                met = summary.median <= TARGET_SECONDS
                verdict = f"  target <= {TARGET_SECONDS:.1f} s: {'met' if met else 'MISSED'}"
            out.append(f"   {label:<26} {fmt_s(summary)}  {summary.runs} runs{extra}{verdict}")
        out.append(f"   server answering {serve.initial_build_seconds:.2f} s after its start (first build included)")
    out.append("")
    return out
