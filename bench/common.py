"""What every benchmark shares: timed builds, copies of the project, summaries, the runner's context.

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
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
RESULTS_FILE = PROJECT / "bench" / "RESULTS.md"
# What a build reads; copies of the project take these.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")
ARTICLE = "openai-nvidia"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
# From this many synthetic articles, a build takes minutes: fewer runs, no warm-up.
LARGE = 500
KB = 1000


@dataclass
class Context:
    """What the runner hands every benchmark: the project's snapshot, a
    scratch folder, the mode, and the results of the benchmarks run before
    (by module name), for those that build on another's figures."""

    source: Path  # a copy of the project taken at the start
    work: Path  # scratch space, removed at the end
    quick: bool
    results: dict[str, Any] = field(default_factory=dict)


def mkdocs_command() -> list[str]:
    script = Path(sys.executable).with_name("mkdocs")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mkdocs"]


def log(message: str) -> None:
    """Progress goes to stderr; stdout carries only the table."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Summary:
    median: float
    min: float
    max: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Summary:
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass(frozen=True)
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process and the processes it waited for
    max_rss_kib: int  # Linux reports ru_maxrss in KiB: the largest of those processes
    returncode: int
    output: str
    # The pipeline's processes at once: the sum of the language builds' peaks
    # (they run side by side) and the driver's; None for a one-process build.
    total_rss_kib: int | None = None

    @property
    def peak_kib(self) -> int:
        """Peak memory of the whole build: at most the sum of what ran side by side."""
        return self.total_rss_kib if self.total_rss_kib is not None else self.max_rss_kib

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.output.splitlines() if line.startswith("WARNING"))


class BuildFailed(RuntimeError):
    pass


def pipeline_command(project: Path, site_dir: Path) -> list[str]:
    """What `make build` runs: one MkDocs build per language in parallel, then the finishing step."""
    return [
        sys.executable,
        "-m",
        "publication.build.pipeline",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]


def run_build(
    project: Path,
    site_dir: Path,
    *,
    config: str = "mkdocs.yml",
    env: dict[str, str] | None = None,
    pipeline: bool = False,
) -> Build:
    """One timed `mkdocs build --strict` (or, with `pipeline`, what `make
    build` runs) into a fresh `site_dir`; BuildFailed if it fails."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    stats = site_dir.with_name(site_dir.name + ".stats.json")
    env = dict(env or {})
    if pipeline:
        command = pipeline_command(project, site_dir)
        env.update({"PYTHONPATH": str(project / "hooks"), "PUBLICATION_BUILD_STATS": str(stats)})
    else:
        # Absolute: with a relative --config-file the hooks' project folder is ""
        # and the build fails (hooks/publication/content/site.py does not resolve it).
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
        process = subprocess.Popen(
            command, cwd=project, env={**ENV, **(env or {})}, stdout=output, stderr=subprocess.STDOUT
        )
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
    total = None
    if pipeline and stats.is_file():
        figures = json.loads(stats.read_text(encoding="utf-8"))
        total = sum(figures["languages_max_rss_kib"].values()) + figures["driver_max_rss_kib"]
        stats.unlink()
    build = Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode, text, total)
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


def fmt_s(summary: Summary) -> str:
    return f"{summary.median:6.2f} s  [{summary.min:.2f}-{summary.max:.2f}]"


def kb(value: float) -> str:
    return f"{value / KB:.1f} kB"
