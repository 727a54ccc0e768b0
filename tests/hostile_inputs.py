"""Helpers of the hostile-input tests (tests/hostile/): copies of the project
to break, and the two ways a contributor meets an error, a build and `make check`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitebuild import BuildResult, build, copy_project


def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def replace_in(file: Path, old: str, new: str) -> int:
    """Replace `old` (which must occur once) by `new`; the line of the change."""
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def build_of(project: Path, *, env: dict[str, str] | None = None) -> BuildResult:
    return build(project, project.parent / "site", env=env)


def check_of(project: Path, *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make check`'s first step (the validator) on `project`."""
    return subprocess.run(
        [sys.executable, "-m", "publication.content.check", "mkdocs.yml"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "hooks"), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def error_lines(output: str) -> list[str]:
    """The lines of a failed build or check that carry the project's error: the
    `file:line: …` line and its `Fix:` line (MkDocs adds its own around them)."""
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if "  Fix: " in line or line.startswith("  Fix:"):
            return [lines[index - 1], line]
    return []


def fails_with(project: Path, expected: str) -> str:
    """Both the build and `make check` stop, and say `expected`; the build's output."""
    built = build_of(project)
    assert not built.ok, "the build passed"
    assert expected in built.output, built.output
    assert "Traceback" not in built.output, built.output
    checked = check_of(project)
    assert checked.returncode != 0, checked.stdout
    assert expected in checked.stderr, checked.stderr
    return built.output
