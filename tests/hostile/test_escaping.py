"""Escaping by context: hostile values from front matter, data and mkdocs.yml
reach HTML text, attributes, JSON-LD, XML and the search index as the text
they are, on every page, and never as markup.

One build of a copy of the project whose values carry quotes, `</script>`,
`</title>`, tags and ampersands in every place a contributor can put them.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from publication.render.theme_escaping import escaped_title, plain_text
from sitebuild import Site, build, copy_project

# What an attacker writes; "PWNED" marks anything that must stay text.
BREAK_OUT = '"\'></title></script><script>alert("PWNED")</script><img src=x onerror=alert(1)>&amp;'
EN_TITLE = f'OpenAI and Nvidia: the "deal of the century" {BREAK_OUT}'
FR_TITLE = f"L’IA « {BREAK_OUT} » & co"
DESCRIPTION = f'A description with "quotes" and {BREAK_OUT}'
# An author's name comes from data/authors.yml, which refuses tags too.
AUTHOR = 'Ed "PWNED" & it\'s &amp; <3 a > b'

SITE_NAME = 'Silicium "PWNED" </script><script>alert(2)</script>'
# Data refuses tags outright (data.py); quotes and ampersands must still survive.
GLOSSARY_SHORT = 'Short "definition" & it\'s \'quoted\' &amp; a > b'
UI_LINK = 'Side by side "in two columns" & it\'s &lt;b&gt;'



def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("hostile-project"))
    articles = project / "docs/articles"
    _replace(articles / "openai-nvidia.en.md", 'title: "OpenAI and Nvidia: the $100 billion pact for AGI"', f"title: {_yaml_string(EN_TITLE)}")
    _replace(project / "data/authors.yml", "      en: Silicium editors\n", f"      en: {_yaml_string(AUTHOR)}\n")
    _replace(articles / "openai-nvidia.md", 'title: "OpenAI et Nvidia : le pacte à 100 milliards de dollars pour l’AGI"', f"title: {_yaml_string(FR_TITLE)}")
    text = (articles / "openai-nvidia.en.md").read_text(encoding="utf-8")
    description = re.search(r"^description: >-\n(?:  .*\n)+", text, re.MULTILINE)
    assert description
    (articles / "openai-nvidia.en.md").write_text(
        text.replace(description.group(0), f"description: {_yaml_string(DESCRIPTION)}\n", 1), encoding="utf-8"
    )
    # A page whose title comes from its first heading: Markdown's escaped text.
    _replace(project / "docs/about.en.md", "title: About\n", "")
    _replace(project / "docs/about.en.md", "# About Silicium {#a-propos}", '# About AT&T, &lt;b&gt; and "quotes" {#a-propos}')
    _replace(project / "mkdocs.yml", "site_name: Silicium", f"site_name: {_yaml_string(SITE_NAME)}")
    _replace(
        project / "data/glossary.yml",
        "en: A hypothetical AI with cognitive abilities comparable to a human’s, across every domain.",
        f"en: {_yaml_string(GLOSSARY_SHORT)}",
    )
    _replace(project / "data/ui.yml", "en: Read side by side with the French original", f"en: {_yaml_string(UI_LINK)}")
    result = build(project, tmp_path_factory.mktemp("hostile-site"))
    assert result.ok, result.output
    return Site(result.site_dir)


def _pages(site: Site) -> list[tuple[str, BeautifulSoup]]:
    return [(str(path.relative_to(site.root)), BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) for path in site.html_files]


def test_no_hostile_value_becomes_markup_on_any_page(hostile: Site) -> None:
    for name, soup in _pages(hostile):
        for script in soup.find_all("script"):
            body = script.string or ""
            if script.get("type") in ("application/ld+json", "application/json"):
                json.loads(body)  # the value stayed inside its JSON string
            else:
                assert "PWNED" not in body and "alert(" not in body, (name, body[:200])
        for element in soup.find_all(True):
            assert not [attribute for attribute in element.attrs if attribute.startswith("on")], (name, element)
            # The raw <b> of a value would be an element; Markdown's own \<b\> is text.
            assert not (element.name == "b" and "PWNED" in element.get_text()), (name, element)
            assert not (element.name == "img" and element.get("src") == "x"), name


def test_titles_reach_every_context_whole(hostile: Site) -> None:
    page = hostile.page("en/articles/openai-nvidia/")
    assert page.find("meta", property="og:title")["content"] == EN_TITLE
    assert page.find("meta", property="og:image:alt")["content"] == EN_TITLE
    assert page.find("meta", property="og:description")["content"] == DESCRIPTION
    assert page.find("meta", attrs={"name": "description"})["content"] == DESCRIPTION
    assert page.find("meta", property="og:site_name")["content"] == SITE_NAME
    assert page.title.string == f"{EN_TITLE} – {SITE_NAME}"
    json_ld = json.loads(page.find("script", type="application/ld+json").string)
    assert json_ld["headline"] == EN_TITLE and json_ld["author"]["name"] == AUTHOR
    assert json_ld["publisher"]["name"] == SITE_NAME
    # Material's own templates: the header's title, the site name.
    header_titles = [element.get_text(" ", strip=True) for element in page.select(".md-header__topic .md-ellipsis")]
    assert EN_TITLE in header_titles and SITE_NAME in header_titles
    french = hostile.page("articles/openai-nvidia/")
    assert french.find("meta", property="og:title")["content"] == FR_TITLE


def test_titles_in_navigation_and_in_attributes(hostile: Site) -> None:
    home = hostile.page("en/")
    links = [link.get_text(" ", strip=True) for link in home.select(".md-nav__link")]
    assert EN_TITLE in links or any(EN_TITLE in text for text in links)
    # On every English page, each attribute that carries the title (meta
    # tags, image descriptions, links to the article) carries all of it,
    # escaped once: cut at the quote, or escaped twice, it would not.
    start = EN_TITLE.split('"')[0]
    carried = [
        value
        for path in sorted((hostile.root / "en").rglob("index.html"))
        for tag in hostile.page(path.relative_to(hostile.root).parent.as_posix() + "/").find_all(True)
        for value in tag.attrs.values()
        if isinstance(value, str) and start in value
    ]
    assert carried
    assert all(EN_TITLE in value for value in carried), carried


def test_a_title_from_the_first_heading_is_escaped_once(hostile: Site) -> None:
    page = hostile.page("en/about/")
    heading = page.find("h1")
    heading.find("a", class_="headerlink").decompose()
    # What the reader sees in the heading, the same everywhere else.
    wanted = heading.get_text()
    assert "AT&T" in wanted and "<b" in wanted and '"quotes' in wanted
    assert page.find("meta", property="og:title")["content"] == wanted
    assert page.title.string == f"{wanted} – {SITE_NAME}"


def test_data_values_in_attributes_and_text(hostile: Site) -> None:
    page = hostile.page("en/articles/openai-nvidia/")
    agi = page.select_one('a.glossary-term[href$="#agi"]')
    assert agi is not None and agi["title"] == GLOSSARY_SHORT
    link = page.select_one(".reading-modes a")
    assert link is not None and link.get_text() == UI_LINK


def test_feeds_and_search_index_carry_the_text(hostile: Site) -> None:
    atom = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(hostile.root / "en/feed.xml").getroot()
    assert EN_TITLE in [entry.findtext("a:title", namespaces=atom) for entry in feed.findall("a:entry", atom)]
    assert feed.findtext("a:title", namespaces=atom).startswith(SITE_NAME)
    ET.parse(hostile.root / "sitemap.xml")
    # Material shows search results as HTML: titles there are escaped text.
    index = json.loads((hostile.root / "en/search/search_index.json").read_text(encoding="utf-8"))
    for document in index["docs"]:
        assert "<script" not in document["title"] and "<img" not in document["title"], document["title"]


class _Page:
    def __init__(self, title: object, meta_title: object = None, rendered: str | None = None) -> None:
        self.title = title
        self.meta = {"title": meta_title} if meta_title is not None else {}
        self._title_from_render = rendered


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>&\"'/ ;#abc") + ["&amp;", "&lt;", "</script>", "é"]), max_size=20).map("".join))
def test_any_title_from_any_source_is_escaped_exactly_once(text: str) -> None:
    from_front_matter = escaped_title(_Page(text, meta_title=text))
    assert isinstance(from_front_matter, Markup) and plain_text(from_front_matter) == text
    assert "<" not in from_front_matter and '"' not in from_front_matter
    # Markdown gives a heading's text escaped; the reader saw it unescaped.
    rendered = str(escape_html(text))
    from_heading = escaped_title(_Page(rendered, rendered=rendered))
    assert isinstance(from_heading, Markup) and plain_text(from_heading) == text


def escape_html(text: str) -> str:
    import html

    return html.escape(text, quote=False)
