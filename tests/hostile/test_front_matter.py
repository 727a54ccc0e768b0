"""Front matter: a JSON Schema per kind of page, validated like the data files.

Plain pages, articles in French and their translations each have a schema in
data/schemas/front-matter-*.schema.json. Unknown keys get a did-you-mean,
types are checked, dates are real YYYY-MM-DD days, every error has the file
and line; and a block that MkDocs itself would drop (publishing it as text at
the top of the page) stops the build with that page's error.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_inputs import build_of, check_of, fails_with, project_copy, replace_in
from publication.content.frontmatter import PageKind, page_kind
from publication.content.languages import Language
from publication.content.site import Site
from publication.errors import PublicationError
from publication.render.pages import page_front_matter
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
ARTICLE = "docs/articles/openai-nvidia.md"
TRANSLATION = "docs/articles/openai-nvidia.en.md"
PAGE = "docs/about.en.md"


def source_of(path: str) -> str:
    return (PROJECT / path).read_text(encoding="utf-8")


def error_for(path: str, old: str, new: str) -> PublicationError:
    source = source_of(path)
    assert source.count(old) == 1, old
    with pytest.raises(PublicationError) as caught:
        page_front_matter(source.replace(old, new), path=path, site=SITE)
    return caught.value


def line_of(path: str, text: str) -> int:
    source = source_of(path)
    return source[: source.index(text)].count("\n") + 1


def test_every_page_of_the_project_is_valid() -> None:
    for file in sorted((PROJECT / "docs").rglob("*.md")):
        path = file.relative_to(PROJECT).as_posix()
        page_front_matter(file.read_text(encoding="utf-8"), path=path, site=SITE)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("docs/articles/openai-nvidia.md", PageKind.ARTICLE),
        ("docs/articles/openai-nvidia.en.md", PageKind.TRANSLATION),
        ("docs/about.md", PageKind.PAGE),
        ("docs/about.en.md", PageKind.PAGE),
        ("docs/index.md", PageKind.PAGE),
        ("docs/articles/2026/deep.md", PageKind.ARTICLE),
    ],
)
def test_the_kind_of_a_page_comes_from_its_folder_and_language(path: str, kind: PageKind) -> None:
    assert page_kind(path, articles_dir="articles", languages=("fr", "en"), default_language="fr") is kind


CASES = [
    # (page, old, new, key, problem contains, fix contains)
    (ARTICLE, "glossary: [", "glosary: [", "glosary", "unknown key 'glosary'", "did you mean 'glossary'?"),
    (ARTICLE, "date: 2026-11-27", "date: 27/11/2026", "date", "'27/11/2026' is not a date written YYYY-MM-DD", "2026-11-27"),
    (ARTICLE, "date: 2026-11-27", "date: 2026-11-27\nupdated: 2026-02-30", "updated", "there is no such day", "YYYY-MM-DD"),
    (ARTICLE, "date: 2026-11-27", 'date: 2026-11-27\nupdated: "2026-02-30"', "updated", "is not a date of the calendar", "YYYY-MM-DD"),
    (ARTICLE, "date: 2026-11-27", "date: 2026-13-01", "date", "there is no such day", "YYYY-MM-DD"),
    (ARTICLE, "date: 2026-11-27", "date: 20261127", "date", "expected text", "quotes"),
    (ARTICLE, "date: 2026-11-27", "date: '2026-11-27T10:00:00'", "date", "not a date written YYYY-MM-DD", "YYYY-MM-DD"),
    (ARTICLE, "date: 2026-11-27\n", "", None, "the key 'date' is missing", "date"),
    (ARTICLE, "author: redaction", "author: [redaction]", "author", "expected text, found a list", "text"),
    (ARTICLE, "author: redaction", "author: 42", "author", "expected text, found the number 42", 'quotes: "42"'),
    (ARTICLE, "author: redaction", "author: Rédaction de Silicium", "author", "does not have the expected form", ""),
    (ARTICLE, "topics: [semiconducteurs, ", "topics: [semiconducteurs, semiconducteurs, ", "topics", "the same item twice", "once"),
    (ARTICLE, "glossary: [agi, ", "glossary: [agi, agi, ", "glossary", "the same item twice", "once"),
    (ARTICLE, "glossary: [agi, ", "glossary: [Not An Id, ", "glossary[0]", "does not have the expected form", ""),
    (TRANSLATION, "  translated: \"2026-11-27\"", "  translated: \"2026-11-31\"", "translation.translated", "not a date of the calendar", ""),
    (TRANSLATION, "  reviewer: editors\n", "  reviewr: editors\n", "translation.reviewr", "unknown key 'reviewr'", "did you mean 'reviewer'?"),
    (TRANSLATION, "date: 2026-11-27", "date: 2026-11-27\ntranslator: x", "translator", "unknown key 'translator'", "translation"),
    (PAGE, "title: About", "title: 'About'\ndate: 2026-11-27", "date", "unknown key 'date'", "the keys allowed here are"),
    (PAGE, "title: About", "tilte: About", "tilte", "unknown key 'tilte'", "did you mean 'title'?"),
    (PAGE, "title: About", "title: true", "title", "expected text, found the boolean true", 'quotes: "true"'),
    (PAGE, "title: About", 'title: "Ab\\u202eout"', "title", "direction control U+202E", "delete it"),
    (PAGE, "title: About", 'title: "\\u200b\\u2060"', "title", "made only of invisible characters", ""),
    (PAGE, "title: About", 'title: "Ab\\x07out"', "title", "control character U+0007", ""),
    (PAGE, "title: About", "title: About\nhide: [toc, sidebar]", "hide[1]", "'sidebar' is not an allowed value", "navigation"),
    (PAGE, "title: About", "title: About\nsearch: {exclude: yes}", "search.exclude", "expected true or false", ""),
]


@pytest.mark.parametrize(("path", "old", "new", "key", "problem", "fix"), CASES, ids=[f"{c[0].split('/')[-1]}:{c[2][:24]}" for c in CASES])
def test_each_mistake_gets_its_file_line_key_and_fix(path: str, old: str, new: str, key: str | None, problem: str, fix: str) -> None:
    error = error_for(path, old, new)
    assert error.file == path
    assert error.key == key
    assert problem in error.problem, str(error)
    assert fix in (error.fix or ""), str(error)
    changed_line = line_of(path, old)
    if key is not None:
        assert changed_line <= error.line <= changed_line + new.count("\n") + 1, str(error)


def test_a_block_mkdocs_would_drop_is_refused_at_its_line() -> None:
    """YAML 1.1 (MkDocs) reads an unquoted 2026-02-30 as an impossible date and
    drops every key; the project's reader sees text. Refused in any field."""
    error = error_for(PAGE, "title: About", "title: 2026-02-30")
    assert (error.key, error.line) == ("title", line_of(PAGE, "title: About"))
    assert "MkDocs would drop the whole front matter" in error.problem


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("---\ntitle: A\ndescription: B\n", "the front matter is not closed"),
        ("---\ntitle: A\ndescription: B\n---", "the front matter is not closed"),
        ("Note: the first line of the page.\n\nText.\n", "the first line reads as metadata (`Note:`)"),
        ("---\n- a\n- b\n---\n", "the front matter is not a block of keys"),
    ],
)
def test_front_matter_mkdocs_would_misread_is_refused(source: str, problem: str) -> None:
    with pytest.raises(PublicationError) as caught:
        page_front_matter(source, path=PAGE, site=SITE)
    assert caught.value.line == 1 and problem in caught.value.problem


def test_the_three_dot_end_mkdocs_accepts_is_read() -> None:
    document = page_front_matter("---\ntitle: A\ndescription: B\n...\nText\n", path=PAGE, site=SITE)
    assert document.data == {"title": "A", "description": "B"}


# Through the build and make check: the same error, the page not published.


def test_a_misspelt_key_stops_the_build_and_make_check_alike(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    line = replace_in(project / ARTICLE, "glossary: [", "glosary: [")
    fails_with(project, f"{ARTICLE}:{line}: glosary: unknown key 'glosary'")


def test_an_impossible_date_stops_the_build_instead_of_printing_the_front_matter(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    line = replace_in(project / ARTICLE, "date: 2026-11-27\n", "date: 2026-11-27\nupdated: 2026-02-30\n") + 1
    fails_with(project, f"{ARTICLE}:{line}: updated: '2026-02-30' reads as a date, and there is no such day")


def test_a_wrong_date_format_names_the_article_not_the_page_listing_it(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    line = replace_in(project / ARTICLE, "date: 2026-11-27", "date: 27/11/2026")
    output = fails_with(project, f"{ARTICLE}:{line}: date: '27/11/2026' is not a date written YYYY-MM-DD")
    assert "index.md" not in output


# Arbitrary keys and values: the loader many times, the whole build a few.

_KEYS = st.sampled_from(["title", "description", "date", "updated", "author", "glossary", "hide", "search", "translation"]) | st.text(
    alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12
)
_SCALARS = (
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.dates().map(str)
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3), max_leaves=6)


def front_matter_text(data: dict) -> str:
    import json

    # JSON is YAML: every value written exactly, whatever its characters.
    return "---\n" + "\n".join(f"{json.dumps(key)}: {json.dumps(value)}" for key, value in data.items()) + "\n---\n\nText.\n"


@given(st.sampled_from([ARTICLE, TRANSLATION, PAGE]), st.dictionaries(_KEYS, _VALUES, max_size=6))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_front_matter_is_read_or_refused_with_the_error_shape(path: str, data: dict) -> None:
    try:
        document = page_front_matter(front_matter_text(data), path=path, site=SITE)
    except PublicationError as error:
        assert error.file == path and error.line is not None and error.fix, str(error)
        assert len(str(error).splitlines()) == 2
    else:
        # A plain page may take its title from its first heading; an article may not.
        if path != PAGE or "title" in document.data:
            assert isinstance(document.data.get("title"), str) and document.data["title"].strip()


@given(
    title=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60),
    description=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60),
)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_title_through_the_whole_build_renders_or_stops_cleanly(tmp_path_factory: pytest.TempPathFactory, title: str, description: str) -> None:
    import json

    project = project_copy(tmp_path_factory.mktemp("fm"))
    replace_in(project / PAGE, "title: About", f"title: {json.dumps(title)}")
    built = build_of(project)
    checked = check_of(project)
    assert "Traceback" not in built.output + checked.stderr
    assert built.ok == (checked.returncode == 0), built.output + checked.stderr
    if not built.ok:
        first = next(line for line in checked.stderr.splitlines() if line)
        assert first.startswith(f"{PAGE}:") and first in built.output
