"""Scaling: `make build` and a stock build of the same pages, with N synthetic articles per language.

* Scaling: N synthetic articles per language (docs/articles/synthetic-XXXX.md
  and .en.md, with data/articles/synthetic-XXXX.yml) added to a copy of the
  project, nav unchanged (MkDocs only logs an INFO for pages outside the nav,
  so --strict stays on). At each N, three variants in interleaved rounds
  (their order turns around every round): the project as `make build`
  builds it (publication.build.pipeline: one MkDocs build per language in
  parallel, then the finishing step) with its build cache warm (filled by
  an uncounted first build at every N), the same as a first build on a
  fresh clone (PUBLICATION_NO_CACHE=1), and stock (the copy's mkdocs.yml
  without `hooks:` and `custom_dir`, as in the hooks-overhead series:
  Material + static-i18n building both languages in one process, the
  stock way). Targets, from N = 500: warm at most 1.0x stock, first build at
  most 2.0x. Time per article is marginal over N = 0 ((t(N) - t(0)) / N,
  wall clock), and "flat" means that from N = 100 up it varies by at most a
  factor 1.25 (N = 10 is reported; its marginal figure is within the noise
  of one build). Peak memory is that of the whole build: for the pipeline,
  the sum of its language processes' peaks (they run side by side) plus its
  driver's; target under 2 GB at every N. At N = 5,000 (one round), the
  first build is the one that fills the cache (a first build on a fresh
  clone does just that).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.common import LARGE, Build, Context, Summary, copy_project, fmt_s, log, run_build, site_bytes
from bench.overhead import without_hooks
from bench.synthetic import add_synthetic_articles

NAME = "scaling"
SIZES = {"quick": (0, 10), "full": (0, 10, 100, 500, 5000)}
RUNS = {"quick": 1, "full": 2}  # counted rounds per N below LARGE
RUNS_LARGE = {"quick": 1, "full": 2}  # from LARGE up
RUNS_HUGE = 1  # N = 5,000: minutes per build
HUGE = 5000
WARM_TARGET = 1.0
FIRST_TARGET = 2.0
TARGET_FROM = 500  # the ratio targets apply from this N
FLAT_FROM = 100
FLAT_FACTOR = 1.25
MEMORY_TARGET_MIB = 2048
VARIANTS = {
    "warm": {"pipeline": True, "env": {}},
    "first": {"pipeline": True, "env": {"PUBLICATION_NO_CACHE": "1"}},
    "stock": {"pipeline": False, "env": {}, "config": "mkdocs.nohooks.yml"},
}


@dataclass
class ScalePoint:
    articles: int  # per language
    pages: int  # HTML pages built, every language (the warm build's site)
    wall: dict[str, Summary]  # variant -> wall clock
    cpu: dict[str, Summary]
    peak_mib: dict[str, Summary]  # whole build
    site_bytes: dict[str, int]  # variant -> bytes written (warm and stock)
    seconds_per_article: dict[str, float | None]  # marginal over N = 0, wall clock, per variant
    bytes_per_article: dict[str, float | None]

    def ratio(self, variant: str) -> float:
        return self.wall[variant].median / self.wall["stock"].median


def run(context: Context) -> list[ScalePoint]:
    mode = "quick" if context.quick else "full"
    points: list[ScalePoint] = []
    for count in SIZES[mode]:
        rounds = RUNS_HUGE if count >= HUGE else RUNS_LARGE[mode] if count >= LARGE else RUNS[mode]
        point = bench_size(context.source, context.work, count, rounds, points[0] if points else None)
        points.append(point)
    return points


def bench_size(source: Path, work: Path, count: int, rounds: int, reference: ScalePoint | None) -> ScalePoint:
    project = copy_project(source, work / f"scale-{count}")
    (project / "mkdocs.nohooks.yml").write_text(
        without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
    )
    add_synthetic_articles(project, count)
    sites = {name: work / f"site-scale-{count}-{name}" / "site" for name in VARIANTS}
    builds: dict[str, list[Build]] = {name: [] for name in VARIANTS}
    if count >= HUGE:
        # Minutes per build: the build that fills the cache, a first build on
        # a fresh clone, is the first-build figure.
        log(f"  N={count}: first build (fills the build cache)")
        builds["first"].append(run_build(project, sites["first"], pipeline=True))
        log(f"  N={count}: first {builds['first'][0].seconds:.2f} s, {builds['first'][0].peak_kib / 1024:.0f} MiB")
    else:
        log(f"  N={count}: first build, fills the build cache (not counted)")
        run_build(project, sites["warm"], pipeline=True)
    for round_number in range(rounds):
        order = list(VARIANTS) if round_number % 2 == 0 else list(reversed(VARIANTS))
        for name in order:
            if count >= HUGE and name == "first":
                continue
            variant = VARIANTS[name]
            build = run_build(
                project,
                sites[name],
                config=str(variant.get("config", "mkdocs.yml")),
                env=dict(variant["env"]),  # type: ignore[call-overload]
                pipeline=bool(variant["pipeline"]),
            )
            builds[name].append(build)
            log(
                f"  N={count} round {round_number + 1}/{rounds}: {name} {build.seconds:.2f} s "
                f"({build.cpu_seconds:.2f} s CPU), {build.peak_kib / 1024:.0f} MiB"
            )
    sizes = {name: site_bytes(sites[name])[0] for name in ("warm", "stock")}
    point = ScalePoint(
        articles=count,
        pages=sum(1 for _ in sites["warm"].rglob("index.html")),
        wall={name: Summary.of([b.seconds for b in runs]) for name, runs in builds.items()},
        cpu={name: Summary.of([b.cpu_seconds for b in runs]) for name, runs in builds.items()},
        peak_mib={name: Summary.of([b.peak_kib / 1024 for b in runs]) for name, runs in builds.items()},
        site_bytes=sizes,
        seconds_per_article={name: None for name in VARIANTS},
        bytes_per_article={name: None for name in sizes},
    )
    if count and reference is not None:
        for name in VARIANTS:
            point.seconds_per_article[name] = (point.wall[name].median - reference.wall[name].median) / count
        for name in sizes:
            point.bytes_per_article[name] = (point.site_bytes[name] - reference.site_bytes[name]) / count
    shutil.rmtree(project)
    for site in sites.values():
        shutil.rmtree(site.parent, ignore_errors=True)
    return point


def flatness(points: Sequence[ScalePoint]) -> tuple[float | None, list[int]]:
    """max/min of the warm time per article from FLAT_FROM up, and the Ns it covers."""
    values = [(p.articles, p.seconds_per_article["warm"]) for p in points if p.articles >= FLAT_FROM]
    usable = [(n, v) for n, v in values if v is not None and v > 0]
    if len(usable) < 2:
        return None, [n for n, _ in usable]
    per_article = [v for _, v in usable]
    return max(per_article) / min(per_article), [n for n, _ in usable]


def report(points: list[ScalePoint], number: int) -> list[str]:
    out: list[str] = []
    out.append(
        f"{number}. Scaling: N synthetic articles per language; `make build` (pipeline) with the build cache warm, "
        "as a first build (no cache), and stock (Material + static-i18n, same pages, one process); "
        "median [min-max]; per article = marginal over N = 0"
    )
    out.append(
        f"   {'N':>5} {'pages':>6} {'warm':>22} {'first build':>22} {'stock':>22} {'warm/stock':>10} "
        f"{'first/stock':>11} {'s/article warm|stock':>21} {'peak MiB warm|stock':>20} {'kB/article warm|stock':>22}"
    )

    def per(value: float | None, scale: float = 1.0, digits: int = 3) -> str:
        return "-" if value is None else f"{value / scale:.{digits}f}"

    for p in points:
        peaks = f"{p.peak_mib['warm'].max:.0f} | {p.peak_mib['stock'].max:.0f}"
        out.append(
            f"   {p.articles:>5} {p.pages:>6} {fmt_s(p.wall['warm']):>22} {fmt_s(p.wall['first']):>22} "
            f"{fmt_s(p.wall['stock']):>22} {p.ratio('warm'):>10.2f} {p.ratio('first'):>11.2f} "
            f"{per(p.seconds_per_article['warm']) + ' | ' + per(p.seconds_per_article['stock']):>21} "
            f"{peaks:>20} "
            f"{per(p.bytes_per_article['warm'], 1000, 1) + ' | ' + per(p.bytes_per_article['stock'], 1000, 1):>22}"
        )
    out.append("   Targets:")
    for p in points:
        if p.articles < TARGET_FROM:
            continue
        warm, first = p.ratio("warm"), p.ratio("first")
        out.append(
            f"   - N = {p.articles}: warm {warm:.2f}x stock (target <= {WARM_TARGET:.1f}x: "
            f"{'met' if warm <= WARM_TARGET else f'MISSED by {warm - WARM_TARGET:.2f}x'}); first build {first:.2f}x "
            f"(target <= {FIRST_TARGET:.1f}x: {'met' if first <= FIRST_TARGET else f'MISSED by {first - FIRST_TARGET:.2f}x'})"
        )
    spread, covered = flatness(points)
    if spread is not None:
        out.append(
            f"   - time per article (warm) from N = {covered[0]} to {covered[-1]}: max/min {spread:.2f} "
            f"(flat if <= {FLAT_FACTOR}: {'met' if spread <= FLAT_FACTOR else 'MISSED'})"
        )
    peak = max(p.peak_mib[name].max for p in points for name in ("warm", "first"))
    out.append(
        f"   - peak memory of a build, largest N ({points[-1].articles}): {peak:.0f} MiB "
        f"(target < {MEMORY_TARGET_MIB} MiB: {'met' if peak < MEMORY_TARGET_MIB else 'MISSED'})"
    )
    rounds = ", ".join(f"{p.articles}: {p.wall['warm'].runs}" for p in points)
    out.append(f"   rounds per N: {rounds}")
    out.append("")
    return out
