"""Hooks overhead: the project's build against stock Material + static-i18n with the same pages.

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
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import PROJECT, Build, Context, Summary, copy_project, fmt_s, log, run_build

NAME = "overhead"
HOOKS_TARGET = 1.10
ROUNDS = {"quick": 3, "full": 5}  # builds per variant, after one warm-up each


def run(context: Context) -> HooksRun:
    return bench_hooks(context.source, context.work, ROUNDS["quick" if context.quick else "full"])


def for_json(run: HooksRun) -> HooksResult:
    return run.result


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

    def extra_json(self) -> dict[str, Any]:
        ratios = {label: dict(zip(("wall", "cpu"), self.ratio(v, b))) for label, v, b, _ in HOOK_RATIOS}
        return {"ratios": ratios}


@dataclass
class HooksRun:
    result: HooksResult
    builds_with_hooks: list[Build]  # builds of the real project, reused as N = 0
    site_with_hooks: Path  # the last build of each variant, for page weight
    site_without_hooks: Path


# The variants of the hooks series: mkdocs.yml to build, extra environment;
# then how the report names them, and the ratios it gives (variant, baseline,
# whether the target applies).
# PIPELINE as the config: what `make build` runs (publication.build.pipeline).
PIPELINE = "make build"
HOOK_VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "with": (PIPELINE, {}),
    "cold": (PIPELINE, {"PUBLICATION_NO_CACHE": "1"}),
    "one process": ("mkdocs.yml", {}),
    "without": ("mkdocs.nohooks.yml", {}),
    "stock cached": ("mkdocs.stockcache.yml", {}),
}
HOOK_VARIANT_LABELS = {
    "with": "make build, build cache warm",
    "cold": "make build, no build cache",
    "one process": "mkdocs build, cache warm",
    "without": "without hooks (and custom_dir)",
    "stock cached": "without hooks, templates cached",
}
HOOK_RATIOS = [
    ("ratio, cache warm / without", "with", "without", True),
    ("ratio, no cache / without", "cold", "without", True),
    ("mkdocs build / without", "one process", "without", False),
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
    sites = {name: work / f"hooks-{name}" / "site" for name in HOOK_VARIANTS}
    builds: dict[str, list[Build]] = {name: [] for name in HOOK_VARIANTS}
    warnings: dict[str, int] = {}
    # The warm-up of "with" fills the project copy's build cache (.cache/).
    for name, (config, env) in HOOK_VARIANTS.items():
        log(f"  warm-up build {name} hooks")
        warnings[name] = run_build(project, sites[name], config=config, env=env, pipeline=config == PIPELINE).warnings
    for round_number in range(rounds):
        order = list(HOOK_VARIANTS) if round_number % 2 == 0 else list(reversed(HOOK_VARIANTS))
        for name in order:
            config, env = HOOK_VARIANTS[name]
            build = run_build(project, sites[name], config=config, env=env, pipeline=config == PIPELINE)
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


def report(run: HooksRun, number: int) -> list[str]:
    hooks = run.result
    out: list[str] = []
    out.append(
        f"{number}. Hooks overhead: builds of the project at N = 0, {hooks.wall['with'].runs} interleaved runs "
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
    return out
