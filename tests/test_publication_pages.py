"""The pages a reader of a publication expects (issue 14), read from the real
site with a parser: the article header, the front page, topic and author
pages, archive; and the errors a contributor gets for a wrong id."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from sitebuild import LANGUAGES, Site, build, copy_project, text_of

ARTICLE = "articles/openai-nvidia/"


def resolves(site: Site, page_url: str, href: str) -> str:
    """The site path `href` leads to from `page_url`, checked to exist."""
    target = urljoin("/" + page_url, href).split("#")[0].lstrip("/")
    assert site.path(target).is_file(), f"{page_url}: {href} -> {target} does not exist"
    return target


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_article_header_in_reading_order(site: Site, language: str, prefix: str) -> None:
    page = site.page(prefix + ARTICLE)
    header = page.select_one("article header.article-header")
    # Kicker, headline, standfirst, byline with dates and reading time, in that order.
    order = [
        element.get("class", [element.name])[0] if element.name != "h1" else "h1"
        for element in header.select(".article-kicker, h1, .article-standfirst, .article-byline")
    ]
    assert order == ["article-kicker", "h1", "article-standfirst", "article-byline"]
    # Nothing but the kicker above the headline: the reading modes come after the header.
    assert header.find_previous_sibling() is None or "reading-modes" not in " ".join(header.find_previous_sibling().get("class", []))
    assert "reading-modes" in header.find_next_sibling()["class"]
    kicker = header.select_one(".article-kicker a")
    assert resolves(site, prefix + ARTICLE, kicker["href"]) == prefix + "themes/semiconducteurs/"
    author = header.select_one(".article-byline a[rel=author]")
    assert resolves(site, prefix + ARTICLE, author["href"]) == prefix + "auteurs/redaction/"
    assert text_of(author) == {"fr": "Rédaction de Silicium", "en": "Silicium editors"}[language]
    published = header.select_one(".article-byline time")
    assert published["datetime"] == "2026-11-27"
    assert text_of(published) == {"fr": "27 novembre 2026", "en": "27 November 2026"}[language]
    reading = text_of(header.select_one(".article-byline__reading"))
    assert reading.split()[0].isdigit() and int(reading.split()[0]) >= 3
    standfirst = text_of(header.select_one(".article-standfirst"))
    assert standfirst.startswith("10 gigawatts")
    side_by_side = page.select_one(".reading-modes a")
    assert resolves(site, prefix + ARTICLE, side_by_side["href"]) == prefix + "bilingue/openai-nvidia/"


def test_translation_line_with_a_long_date_and_the_original(site: Site) -> None:
    header = site.page("en/" + ARTICLE).select_one("header.article-header")
    note = header.select_one(".translation-note")
    assert text_of(note).startswith("Translated from the French") and "27 November 2026" in text_of(note)
    assert note.select_one("time")["datetime"] == "2026-11-27"
    assert "2026-11-27" not in text_of(note)
    link = note.select_one("a[hreflang=fr]")
    assert resolves(site, "en/" + ARTICLE, link["href"]) == ARTICLE
    assert site.page(ARTICLE).select_one(".translation-note") is None


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_topic_and_author_pages_list_their_articles(site: Site, language: str, prefix: str) -> None:
    for path in ["themes/semiconducteurs/", "themes/ia/", "themes/marches/", "auteurs/redaction/"]:
        page = site.page(prefix + path)
        assert page.html["lang"] == language
        links = [a["href"] for a in page.select(".article-card__title a")]
        assert [resolves(site, prefix + path, href) for href in links] == [prefix + ARTICLE]
        assert len(page.select("h1")) == 1
    topic = site.page(prefix + "themes/ia/")
    assert text_of(topic.select_one("h1")).rstrip("¶") == {"fr": "Intelligence artificielle", "en": "Artificial intelligence"}[language]
    author = site.page(prefix + "auteurs/redaction/")
    assert {"fr": "La rédaction de Silicium", "en": "The Silicium editors"}[language] in text_of(author.select_one(".listing__intro"))


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_front_page_lead_topics_and_archive(site: Site, language: str, prefix: str) -> None:
    page = site.page(prefix)
    lead = page.select_one(".front-page .article-card--lead")
    image = lead.select_one("img")
    assert resolves(site, prefix, image["src"]) == f"assets/previews/openai-nvidia.{language}.png"
    assert image["width"] == "1200" and image["height"] == "630"
    assert lead.select_one(".article-card__meta time")["datetime"] == "2026-11-27"
    topics = [resolves(site, prefix, a["href"]) for a in page.select(".topic-list a")]
    assert prefix + "themes/semiconducteurs/" in topics
    years = [resolves(site, prefix, a["href"]) for a in page.select(".year-list a")]
    assert years == [prefix + "archives/2026/"]
    archive = site.page(prefix + "archives/2026/")
    assert len(archive.select(".article-card")) == 1


def _project_with_articles(tmp_path: Path, count: int) -> Path:
    project = copy_project(tmp_path / "project")
    source = (project / "docs/articles/openai-nvidia.md").read_text(encoding="utf-8")
    front = "\n".join(line for line in source.split("---", 2)[1].splitlines() if not line.startswith("glossary:")) + "\n"
    for number in range(count):
        year = 2024 + number % 2
        body = front.replace("date: 2026-11-27", f"date: {year}-01-{number % 28 + 1:02d}").replace(
            'title: "OpenAI', f'title: "N{number:02d} OpenAI'
        )
        (project / f"docs/articles/synthetic-{number:02d}.md").write_text(
            f"---{body}---\n\n# Synthétique {number} {{#titre}}\n\nUn texte.\n", encoding="utf-8"
        )
    return project


def test_front_page_holds_twenty_and_pages_the_rest(tmp_path: Path) -> None:
    project = _project_with_articles(tmp_path, 24)
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    site = Site(result.site_dir)
    home = site.page("")
    assert len(home.select(".article-card")) == 20
    # Newest first: the real article (2026) leads.
    assert text_of(home.select_one(".article-card--lead .article-card__title")).startswith("OpenAI et Nvidia")
    dates = [time["datetime"] for time in home.select(".article-card__meta time")]
    assert dates == sorted(dates, reverse=True)
    next_page = resolves(site, "", home.select_one(".pager a[rel=next]")["href"])
    assert next_page == "page/2/"
    second = site.page("page/2/")
    assert len(second.select(".article-card")) == 5
    assert resolves(site, "page/2/", second.select_one(".pager a[rel=prev]")["href"]) == ""
    years = [text_of(a) for a in home.select(".year-list a")]
    assert years == ["2026", "2025", "2024"]
    assert len(site.page("archives/2024/").select(".article-card")) == 12
    assert len(site.page("en/archives/2025/").select(".article-card")) == 12


def test_an_unknown_topic_or_author_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    file = project / "docs/articles/openai-nvidia.md"
    text = file.read_text(encoding="utf-8")
    line = text[: text.index("topics:")].count("\n") + 1
    file.write_text(text.replace("topics: [semiconducteurs, ia, marches]", "topics: [semiconducteurs, intelligence, marches]"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert f"docs/articles/openai-nvidia.md:{line}: topics[1]: 'intelligence' is not an id of data/topics.yml" in result.output
    assert "Fix: use one of: semiconducteurs, ia, marches" in result.output
    file.write_text(text.replace("author: redaction", "author: redac"), encoding="utf-8")
    result = build(project, tmp_path / "site2")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "author: 'redac' is not an id of data/authors.yml" in result.output


def test_authors_data_is_validated(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    file = project / "data/authors.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("    role:\n", "    rol:\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "data/authors.yml:" in result.output and "authors.redaction.rol: unknown key 'rol'" in result.output
