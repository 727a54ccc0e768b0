"""The report's settings line, the JSON dump and bench/RESULTS.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from dataclasses import asdict
from importlib import metadata
from types import ModuleType
from typing import Any

from bench import common
from bench.common import PROJECT, PROJECT_PARTS, RESULTS_FILE

METHOD_HEADING = "How runs are measured\n---------------------\n"


def to_json(value: Any) -> Any:
    """Dataclasses as dicts; a class may add figures through an `extra_json()` method."""
    if hasattr(value, "__dataclass_fields__"):
        extra = value.extra_json() if hasattr(value, "extra_json") else {}
        return {**{key: to_json(item) for key, item in asdict(value).items()}, **to_json(extra)}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if hasattr(value, "__fspath__"):
        return os.fspath(value)
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


def method(modules: list[ModuleType]) -> str:
    """How runs are measured: the shared rules (bench/common.py's docstring),
    then each benchmark's own, from its module's docstring after its first line."""
    parts = [(common.__doc__ or "").split(METHOD_HEADING, 1)[-1].strip()]
    for module in modules:
        doc = (module.__doc__ or "").split("\n\n", 1)
        if len(doc) == 2 and doc[1].strip():
            parts.append(doc[1].strip())
    return "\n".join(parts)


def write_results(table: str, env: dict[str, Any], quick: bool, modules: list[ModuleType]) -> None:
    packages = ", ".join(f"{name} {version}" for name, version in env["packages"].items())
    text = f"""# Build benchmarks

Written by `bench/run.py --write-results`{" --quick" if quick else ""} (`make bench`); run it
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

{method(modules)}
"""
    RESULTS_FILE.write_text(text, encoding="utf-8")
