"""Bounded cost: any input ends, built or refused, in seconds.

YAML aliases are counted before they are expanded (an alias bomb is refused),
nesting depth is bounded, every file has a size limit, and every regular
expression of the project runs in linear time on long pathological lines.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from hostile_inputs import fails_with, project_copy, replace_in
from publication.content.files import MAX_FILE_BYTES
from publication.content.yamlfile import MAX_DEPTH, MAX_VALUES, parse_yaml
from publication.errors import PublicationError


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 40) -> str:
    """Each mapping merges the previous one twice: 2**levels keys for MkDocs' reader."""
    lines = ["m0: &m0 {k0: 1}"]
    for level in range(1, levels):
        lines.append(f"m{level}: &m{level} {{<<: [*m{level - 1}, *m{level - 1}], k{level}: 1}}")
    return "\n".join(lines) + "\n"


def error_of(text: str) -> PublicationError:
    with pytest.raises(PublicationError) as caught:
        parse_yaml(text, path="data/x.yml")
    return caught.value


def test_an_alias_bomb_is_refused_at_its_line() -> None:
    error = error_of(alias_bomb())
    assert error.problem == f"the aliases (*name) here expand to more than {MAX_VALUES:,} values"
    assert error.line is not None and 1 < error.line <= 9


def test_a_merge_bomb_is_refused() -> None:
    assert "expand to more than" in error_of(merge_bomb()).problem


def test_an_alias_that_contains_itself_is_refused() -> None:
    assert "refers to the block that contains it" in error_of("a: &a [1, *a]\n").problem
    assert "refers to the block that contains it" in error_of("a: &a\n  b: *a\n").problem


def test_a_few_aliases_are_still_read() -> None:
    assert parse_yaml("a: &x {b: 1}\nc: *x\n", path="data/x.yml").data == {"a": {"b": 1}, "c": {"b": 1}}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 5000])
def test_nesting_deeper_than_the_limit_is_refused(depth: int) -> None:
    error = error_of("a: " + "[" * depth + "]" * depth + "\n")
    assert "nested more than" in error.problem or "not valid YAML" in error.problem


def test_nesting_within_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 2
    assert parse_yaml("a: " + "[" * depth + "]" * depth + "\n", path="data/x.yml").data


def test_a_data_file_too_large_is_refused(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "data/articles/openai-nvidia.yml").write_text("# x\n" * (MAX_FILE_BYTES // 4 + 1), encoding="utf-8")
    fails_with(project, "data/articles/openai-nvidia.yml: the file is too large")


def test_a_page_too_large_is_refused(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    with (project / "docs/about.md").open("a", encoding="utf-8") as page:
        page.write("\nText.\n" * (MAX_FILE_BYTES // 7 + 1))
    fails_with(project, "docs/about.md: the file is too large")


def test_a_front_matter_merge_bomb_stops_the_build_before_mkdocs_reads_it(tmp_path: Path) -> None:
    """MkDocs' own reader would expand the merges (2**40 keys) before any hook ran."""
    project = project_copy(tmp_path)
    line = replace_in(project / "docs/about.md", "title: À propos\n", "title: À propos\n" + merge_bomb())
    output = fails_with(project, ": the aliases (*name) here expand to more than")
    error_line = next(text for text in output.splitlines() if "expand to more than" in text)
    assert line < int(error_line.split("docs/about.md:")[1].split(":")[0]) <= line + 40


def test_a_data_alias_bomb_stops_the_build(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    with (project / "data/glossary.yml").open("a", encoding="utf-8") as data:
        data.write("\n" + alias_bomb())
    fails_with(project, "data/glossary.yml:")
