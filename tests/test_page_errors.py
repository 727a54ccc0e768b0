"""Mistakes in pages: markers and glossary references, named by page and line."""
from __future__ import annotations

import pytest

from publication.content.frontmatter import page_body
from publication.content.languages import Language
from publication.content.site import Site
from publication.errors import PublicationError
from publication.render.pages import render_markers
from sitebuild import PROJECT

SITE = Site(
    project_dir=PROJECT,
    docs_dir=PROJECT / "docs",
    data_dir=PROJECT / "data",
    site_url="https://example.org/",
    languages=(
        Language(code="fr", name="Français", link="/", default=True),
        Language(code="en", name="English", link="/en/", default=False),
    ),
)
ARTICLE = (PROJECT / "docs/articles/openai-nvidia.md").read_text(encoding="utf-8")


def render(source: str, *, name: str = "articles/openai-nvidia", language: str = "fr") -> str | None:
    return render_markers(
        page_body(source),
        source=source,
        path="docs/articles/openai-nvidia.md",
        name=name,
        site=SITE,
        language=language,
        front_page=str,
    )


def error_for(source: str, **kwargs) -> PublicationError:
    with pytest.raises(PublicationError) as caught:
        render(source, **kwargs)
    return caught.value


def line_of(source: str, text: str) -> int:
    return source[: source.index(text)].count("\n") + 1


def test_the_article_renders_every_marker() -> None:
    rendered = render(ARTICLE)
    assert rendered is not None and "<!-- data:" not in rendered


def test_unknown_marker() -> None:
    source = ARTICLE.replace("<!-- data:deal-table -->", "<!-- data:deal-tabel -->")
    error = error_for(source)
    assert (error.file, error.line) == ("docs/articles/openai-nvidia.md", line_of(source, "<!-- data:deal-tabel"))
    assert error.problem == "unknown data marker 'deal-tabel'"
    assert "deal-table" in error.fix


def test_marker_naming_an_unknown_entry() -> None:
    source = ARTICLE.replace("<!-- data:quote altman -->", "<!-- data:quote altmann -->")
    error = error_for(source)
    assert error.line == line_of(source, "<!-- data:quote altmann")
    assert error.problem == "no quote 'altmann' in data/articles/openai-nvidia.yml"
    assert error.fix.startswith("did you mean 'altman'?")


def test_malformed_marker() -> None:
    source = ARTICLE.replace("<!-- data:deal-table -->", "Voir <!-- data:deal-table -->")
    error = error_for(source)
    assert error.line == line_of(source, "Voir <!-- data")
    assert error.problem == "this data marker is malformed"


def test_marker_without_its_id() -> None:
    source = ARTICLE.replace("<!-- data:quote altman -->", "<!-- data:quote -->")
    assert error_for(source).problem == "the marker 'quote' needs the id of an entry"


def test_article_marker_on_a_page_without_article_data() -> None:
    error = error_for("# Page\n\n<!-- data:deal-table -->\n", name="about")
    assert (error.line, error.problem) == (3, "the marker 'deal-table' needs article data, and this page has none")


def test_markers_in_code_blocks_are_left_alone() -> None:
    source = "# Page\n\n```\n<!-- data:nothing-like-this -->\n```\n"
    assert render(source, name="about") is None


def test_glossary_reference_to_an_undefined_term() -> None:
    source = ARTICLE.replace("glossary: [agi,", "glossary: [agii,")
    error = error_for(source)
    assert (error.line, error.key) == (line_of(source, "glossary: [agii"), "glossary[0]")
    assert error.problem == "'agii' is not a term of the glossary"
    assert error.fix.startswith("did you mean 'agi'?")
