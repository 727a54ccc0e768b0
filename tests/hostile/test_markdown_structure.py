"""Markdown structure: markers count only where Markdown renders them, an
unclosed fence is reported at its line, ids are unique and headings' ids ASCII
slugs, and two articles of one name in different folders are refused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publication.errors import PublicationError
from publication.render.markers import find_markers
from publication.render.page_ids import ascii_slug, check_ids
from sitebuild import Site, build, copy_project

CASES = {
    "alone on its line": ("Text.\n\n<!-- data:deal-table -->\n", [("deal-table", 3)]),
    "in an indented code block": ("Text.\n\n    <!-- data:deal-tabel -->\n", []),
    "indented code at the top": ("    <!-- data:deal-tabel -->\n", []),
    "in a fenced block": ("```\n<!-- data:deal-tabel -->\n```\n", []),
    "in a fenced block with a language": ("```markdown\n<!-- data:deal-tabel -->\n```\n", []),
    "in a tilde fence": ("~~~~\n<!-- data:nope -->\n~~~~\n", []),
    "in inline code": ("Write `<!-- data:deal-tabel -->` alone on its line.\n", []),
    "in double-backtick code": ("Write ``<!-- data:x --> ` `` so.\n", []),
    "in an admonition": ('!!! note "N"\n\n    <!-- data:deal-table -->\n', [("deal-table", 3)]),
    "in a list item": ("- item\n\n    <!-- data:deal-table -->\n", [("deal-table", 3)]),
    "after a fence closed by a longer one": ("```\ncode\n`````\n\n<!-- data:deal-table -->\n", [("deal-table", 5)]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_markers_count_only_where_markdown_renders_them(case: str) -> None:
    markdown, expected = CASES[case]
    assert [(marker.name, marker.line) for marker in find_markers(markdown, page="p.md")] == expected


def test_an_unclosed_fence_is_reported_at_its_line() -> None:
    with pytest.raises(PublicationError) as caught:
        find_markers("Text.\n\n```python\nprint(1)\n\n<!-- data:deal-table -->\n", page="docs/p.md", line_offset=4)
    assert str(caught.value).splitlines()[0] == (
        "docs/p.md:7: this code fence (```) is never closed: the rest of the page would be shown as code"
    )


def test_a_fence_with_an_info_string_does_not_close_one() -> None:
    with pytest.raises(PublicationError):
        find_markers("```\ncode\n```python\n", page="p.md")


def test_a_long_indented_page_costs_one_pass() -> None:
    markdown = "Text.\n\n" + "    code line\n" * 50_000 + "\n<!-- data:deal-table -->\n"
    assert [marker.line for marker in find_markers(markdown, page="p.md")] == [50_004]


def test_ids_are_unique_and_heading_ids_ascii_slugs() -> None:
    source = "# Titre {#titre}\n\n## Un {#un}\n\n## Deux {#un}\n"
    with pytest.raises(PublicationError) as caught:
        check_ids('<h1 id="titre">Titre</h1><h2 id="un">Un</h2><h2 id="un">Deux</h2>', path="docs/p.md", source=source)
    assert str(caught.value).splitlines()[0] == "docs/p.md:3: #un: the id 'un' is used 2 times on this page"
    with pytest.raises(PublicationError) as caught:
        check_ids('<h2 id="écart-de-prix">Écart de prix</h2>', path="docs/p.md", source="\n## Écart de prix\n")
    assert "docs/p.md:2: #écart-de-prix: the heading 'Écart de prix' has the id 'écart-de-prix', which is not an ASCII slug" in str(caught.value)
    assert "{#ecart-de-prix}" in str(caught.value)
    check_ids('<h2 id="deal-du-siecle">Le deal</h2><p id="x">y</p>', path="docs/p.md", source="")
    assert ascii_slug("L’Œuvre « été » 2026 !") == "l-oeuvre-ete-2026"


# Through the whole build, in a copy of the project.
SHOWCASE = """

## Les marqueurs, montrés {#marqueurs-montres}

Écrire `<!-- data:deal-table -->` seul sur sa ligne.

    <!-- data:deal-table -->

```markdown
<!-- data:callout inconnu -->
```
"""


@pytest.fixture(scope="module")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("structure-project"))
    about = project / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + SHOWCASE, encoding="utf-8")
    result = build(project, tmp_path_factory.mktemp("structure-site"))
    assert result.ok, result.output
    return Site(result.site_dir)


def test_markers_in_code_are_shown_as_written(showcase: Site) -> None:
    page = showcase.page("about/")
    shown = [code.get_text() for code in page.select("article code")]
    assert "<!-- data:deal-table -->" in shown
    assert any(text.strip() == "<!-- data:deal-table -->" for text in shown)  # the indented block
    assert any("<!-- data:callout inconnu -->" in text for text in shown)  # the fenced block
    assert not page.select("article table")  # no deal table was rendered from them


def _failing_build(tmp_path: Path, change) -> str:
    project = copy_project(tmp_path / "project")
    change(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    return result.output


def _append(project: Path, page: str, text: str) -> int:
    file = project / page
    content = file.read_text(encoding="utf-8")
    file.write_text(content + text, encoding="utf-8")
    return content.count("\n") + text[: text.index("§")].count("\n") + 1 if "§" in text else 0


def test_an_unclosed_fence_stops_the_build(tmp_path: Path) -> None:
    def change(project: Path) -> None:
        file = project / "docs/about.md"
        content = file.read_text(encoding="utf-8")
        file.write_text(content + "\n```python\nprint('jamais fermé')\n", encoding="utf-8")

    lines = (copy_project(tmp_path / "count") / "docs/about.md").read_text(encoding="utf-8").count("\n")
    output = _failing_build(tmp_path, change)
    assert f"docs/about.md:{lines + 2}: this code fence (```) is never closed" in output


def test_a_duplicated_heading_id_stops_the_build(tmp_path: Path) -> None:
    def change(project: Path) -> None:
        file = project / "docs/about.md"
        file.write_text(file.read_text(encoding="utf-8") + "\n## Encore {#a-propos}\n", encoding="utf-8")

    output = _failing_build(tmp_path, change)
    assert "docs/about.md:" in output and "#a-propos: the id 'a-propos' is used 2 times on this page" in output


def test_a_heading_id_with_accents_stops_the_build(tmp_path: Path) -> None:
    def change(project: Path) -> None:
        file = project / "docs/about.md"
        file.write_text(file.read_text(encoding="utf-8") + "\n## Écart de prix\n", encoding="utf-8")

    output = _failing_build(tmp_path, change)
    assert "the heading 'Écart de prix' has the id 'écart-de-prix', which is not an ASCII slug" in output
    assert "{#ecart-de-prix}" in output


def test_two_articles_of_one_name_in_different_folders_are_refused(tmp_path: Path) -> None:
    def change(project: Path) -> None:
        folder = project / "docs/articles/archives"
        folder.mkdir()
        shutil.copy(project / "docs/articles/openai-nvidia.md", folder / "openai-nvidia.md")

    output = _failing_build(tmp_path, change)
    assert "two articles are named 'openai-nvidia': docs/articles/openai-nvidia.md and docs/articles/archives/openai-nvidia.md" in output or (
        "two articles are named 'openai-nvidia'" in output
    )
    assert "Fix: rename one of them" in output
