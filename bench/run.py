"""The benchmark runner: runs every module of BENCHMARKS, prints one report, writes bench/RESULTS.md.

    .venv/bin/python -m bench.run [--quick] [--only NAME,...] [--json PATH] [--write-results]

(`make bench ARGS=...` runs it.) Run it with the project's virtual
environment: MkDocs is started as the `mkdocs` script next to the Python that
runs this file. Everything happens in a temporary folder, removed at the end:
the project's sources (mkdocs.yml, docs, data, hooks, overrides) are copied
there once at the start, so every figure describes the same sources even if
the project changes meanwhile, and each measurement works on its own copy of
that snapshot. The project tree is never written to, except bench/RESULTS.md
with `--write-results`. No figure is asserted: the runner measures and reports.

Adding a benchmark
------------------
Write `bench/<name>.py` with:

* a docstring: a one-line summary, a blank line, then how it measures, in
  the bullet style of the others (it goes into RESULTS.md's "How runs are
  measured", after bench/common.py's shared rules);
* `NAME = "<name>"`;
* `run(context: bench.common.Context) -> result`: measure, on copies of
  `context.source` inside `context.work` (see bench/common.py: run_build,
  copy_project, Summary; bench/synthetic.py for N synthetic articles). A
  quick run (`context.quick`) should take well under a minute. The results
  of the modules run before it are in `context.results[NAME]`: name those
  it reads in `READS = ("overhead",)`, so `--only` runs them too;
* `report(result, number: int) -> list[str]`: its section of the report,
  headed "<number>. <Title>: ...", ending with an empty line;
* optionally `for_json(result)`: what `--json` writes for it (default: the
  result itself; dataclasses become dicts).

Then add its name to BENCHMARKS below, after those whose results it reads.
Raise common.BuildFailed (or RuntimeError) to stop the run with a message.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.common import PROJECT, RESULTS_FILE, BuildFailed, Context, copy_project, log
from bench.results import environment, project_state, to_json, write_results

# In the order they run, which is the report's: page weight reads the sites
# of the overhead series.
BENCHMARKS = ("overhead", "scaling", "article_bytes", "serve", "page_weight", "search")


@contextmanager
def temporary_work_dir() -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="silicium-bench-"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def load(names: Sequence[str]) -> list[ModuleType]:
    modules = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        for attribute in ("NAME", "run", "report"):
            if not hasattr(module, attribute):
                raise SystemExit(f"bench/{name}.py has no `{attribute}`: see bench/run.py's docstring")
        modules.append(module)
    return modules


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="N = 1, 10, fewer runs and no warm-up but the hooks': about a minute, for CI",
    )
    parser.add_argument(
        "--only",
        metavar="NAME,...",
        help=f"run only these benchmarks (and those they read), of: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON to PATH")
    parser.add_argument("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    modules = load(BENCHMARKS)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = wanted - set(BENCHMARKS)
        if unknown:
            parser.error(f"unknown benchmark {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}")
        for module in reversed(modules):  # READS name modules that run earlier
            if module.NAME in wanted:
                wanted |= set(getattr(module, "READS", ()))
        modules = [module for module in modules if module.NAME in wanted]
    # A SIGTERM (CI timeout, kill) unwinds like Ctrl-C: servers stopped, temp dirs removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    started = time.perf_counter()
    env = environment()
    try:
        with temporary_work_dir() as work:
            # One snapshot of the project, so every figure describes the same sources
            # even if someone edits the project while the benchmark runs.
            context = Context(source=copy_project(PROJECT, work / "source"), work=work, quick=args.quick)
            env["project"] = project_state()
            for number, module in enumerate(modules, start=1):
                log(f"{number}. {module.NAME}")
                context.results[module.NAME] = module.run(context)
                if args.write_results and number < len(modules):
                    # What is measured so far, in case the run is cut short.
                    done = modules[:number]
                    partial = "\n".join(
                        line for n, m in enumerate(done, start=1) for line in m.report(context.results[m.NAME], n)
                    )
                    pending = ", ".join(m.NAME for m in modules[number:])
                    write_results(f"{partial}\n(partial run: {pending} still to run)", env, args.quick, done)
    except (BuildFailed, RuntimeError) as error:
        log(str(error))
        return 1
    out: list[str] = []
    for number, module in enumerate(modules, start=1):
        out.extend(module.report(context.results[module.NAME], number))
    settings = {
        "quick": args.quick,
        "cpus": env["cpus"],
        "python": env["python"],
        "elapsed": time.perf_counter() - started,
    }
    out.append(
        f"Settings: {'quick' if settings['quick'] else 'full'} mode; {settings['cpus']} CPUs; "
        f"Python {settings['python']}; total {settings['elapsed']:.0f} s"
    )
    table = "\n".join(out)
    print(table)
    if args.json:
        figures: dict[str, Any] = {
            module.NAME: to_json(
                module.for_json(context.results[module.NAME])
                if hasattr(module, "for_json")
                else context.results[module.NAME]
            )
            for module in modules
        }
        args.json.write_text(
            json.dumps({"environment": env, "settings": settings, **figures}, indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    if args.write_results:
        write_results(table, env, args.quick, modules)
        log(f"wrote {RESULTS_FILE.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
