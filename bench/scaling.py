"""Scaling: builds with N synthetic articles per language added to the project.

* Scaling: N synthetic articles per language (docs/articles/synthetic-XXXX.md
  and .en.md, with data/articles/synthetic-XXXX.yml) added to a copy of the
  project, nav unchanged (MkDocs only logs an INFO for pages outside the nav,
  so --strict stays on). N = 0 is the project as it is: its figures are the
  builds with hooks of the hooks-overhead series. It is the reference for the
  per-article figures, which are marginal: (figure(N) - figure(0)) / N.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import overhead
from bench.common import KB, LARGE, Build, Context, Summary, copy_project, fmt_s, log, run_build, site_bytes
from bench.synthetic import add_synthetic_articles

NAME = "scaling"
READS = ("overhead",)  # its builds of the project are N = 0
# Synthetic articles per language (N = 0 comes from the hooks series); builds
# per size after one warm-up, and from LARGE articles up without one.
SIZES = {"quick": (1, 10), "full": (1, 10, 100, 500)}
RUNS = {"quick": 2, "full": 5}
RUNS_LARGE = {"quick": 2, "full": 3}


def run(context: Context) -> list[ScalePoint]:
    mode = "quick" if context.quick else "full"
    hooks: overhead.HooksRun = context.results[overhead.NAME]
    reference = scale_point(0, hooks.builds_with_hooks, hooks.site_with_hooks, None)

    def repeats(count: int) -> int:
        return RUNS_LARGE[mode] if count >= LARGE else RUNS[mode]

    return bench_scaling(context.source, context.work, SIZES[mode], repeats, reference, not context.quick)


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


def report(points: list[ScalePoint], number: int) -> list[str]:
    out: list[str] = []
    out.append(
        f"{number}. Scaling: N synthetic articles per language added to the project, mkdocs build --strict "
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
    return out
