"""The bilingual site: every page in both languages, linked to each other."""
from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from publication.content.languages import Language
from publication.finish.search_index import reader_pages
from sitebuild import LANGUAGES, PAGES, UNSEARCHED, Site, text_of

# The site's languages as the generator models them (mkdocs.yml).
LANGUAGE_MODELS = [
    Language(code="fr", name="Français", link="/", default=True),
    Language(code="en", name="English", link="/en/", default=False),
]


def test_every_page_has_its_language(site: Site, page_url: tuple[str, str]) -> None:
    language, url = page_url
    assert site.page(url).html["lang"] == language


def test_the_switcher_links_each_page_to_its_counterpart(site: Site, page_url: tuple[str, str]) -> None:
    language, url = page_url
    page_path = url.removeprefix(LANGUAGES[language])
    switcher = site.page(url).select_one("nav.language-switch")
    links = {a["hreflang"]: a["href"] for a in switcher.select("a.language-switch__link")}
    assert set(links) == set(LANGUAGES) - {language}
    for other, prefix in LANGUAGES.items():
        if other != language:
            assert urljoin("/" + url, links[other]) == "/" + prefix + page_path
    # The current language is marked, as text: the reader is on it.
    current = switcher.select('[aria-current="true"]')
    assert [(element.name, element["lang"]) for element in current] == [("span", language)]
    # Each language by its own name, in its own language.
    names = {element["lang"]: text_of(element).strip() for element in switcher.select("[lang]") if not element.select("[lang]")}
    assert names == {"fr": "Français", "en": "English"}
    # Every page exists in both languages, every translation is up to date:
    # the switcher says nothing is missing or behind (generated pages once
    # said "not yet translated" on the French side).
    assert site.page(url).select(".language-switch__status, [data-translation-status]") == []


def test_the_english_article_has_the_structure_of_the_french(site: Site) -> None:
    french = site.page("articles/openai-nvidia/").select_one("article")
    english = site.page("en/articles/openai-nvidia/").select_one("article")
    for selector in ["h1", "h2", "h3", "ul", "ol", "li", "blockquote", "table", "tr", ".admonition", "p"]:
        # Page furniture (the translation note) is not the article's text.
        selector += ":not(.page-furniture *)"
        assert len(english.select(selector)) == len(french.select(selector)), selector
    # Sections share their ids, so "the same section in the other language" is one link away.
    sections = "h2:not(.page-furniture *), h3:not(.page-furniture *)"
    assert [h["id"] for h in english.select(sections)] == [h["id"] for h in french.select(sections)]


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_each_language_searches_its_own_index(site: Site, language: str, prefix: str) -> None:
    page = site.page(prefix + "articles/openai-nvidia/")
    config = json.loads(page.select_one("#__config").string)
    index_url = urljoin(urljoin("https://x.test/" + prefix + "articles/openai-nvidia/", config["base"]), "search/search_index.json")
    index = json.loads(site.path(urlsplit(index_url).path).read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [language]
    assert index["docs"] == [], "Material's lunr index is replaced by Pagefind's"
    bundle = site.root / index["config"]["pagefind"]
    assert index["config"]["pagefind"] == prefix + "pagefind/"
    assert [path.name.split("_")[0] for path in bundle.glob("*.pf_meta")] == [f"pagefind.{language}"]
    assert {chunk for chunk in index["config"]["chunks"]} == {
        path.relative_to(bundle).as_posix() for path in bundle.glob("*/*.pf_*")
    }
    # Material runs our worker, which answers from that bundle.
    assert config["search"].endswith("assets/javascripts/search-worker.js")


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_only_reader_pages_are_indexed(site: Site, language: str, prefix: str) -> None:
    model = next(model for model in LANGUAGE_MODELS if model.code == language)
    indexed = {page.url: BeautifulSoup(page.html, "html.parser") for page in reader_pages(site.root, model, LANGUAGE_MODELS)}
    # Not the translation status page (for translators), not the 404 page.
    # Nor the lists of articles (topics, authors, archive, further front pages).
    assert set(indexed) == {page for page in PAGES if page != "translations/" and not page.startswith(UNSEARCHED[1:])}
    for url, page in indexed.items():
        assert page.html["lang"] == language
        assert "¶" not in page.get_text(), url
    # The side-by-side view by its own words only, under its full title.
    side_by_side = indexed["bilingue/openai-nvidia/"]
    assert side_by_side.select(".parallel, h1") == []
    title = side_by_side.select_one('meta[data-pagefind-filter="shown_title[content]"]')["content"]
    assert title == text_of(site.page(prefix + "bilingue/openai-nvidia/").h1).removesuffix("¶").strip()


def test_search_finds_french_words_only_in_french(site: Site) -> None:
    french = " ".join(page.html for page in reader_pages(site.root, LANGUAGE_MODELS[0], LANGUAGE_MODELS))
    english = " ".join(page.html for page in reader_pages(site.root, LANGUAGE_MODELS[1], LANGUAGE_MODELS))
    assert "calcul" in french and "calcul" not in english
    assert "computing" in english and "computing" not in french
    # French elisions are cut with a straight apostrophe in the indexed text
    # (the titles shown in the results keep the curly one).
    french_text = BeautifulSoup(french, "html.parser").get_text()
    assert "l'économie" in french_text and "l’économie" not in french_text


@pytest.mark.parametrize("language, prefix", LANGUAGES.items())
def test_a_404_page_in_each_language(site: Site, language: str, prefix: str) -> None:
    page = site.page(prefix + "404.html")
    assert page.html["lang"] == language
    assert page.h1.get_text() == {"fr": "Page introuvable", "en": "Page not found"}[language]
    # Served for any missing address, so its links are absolute.
    assert all(link["href"].startswith(("/", "#", "http")) for link in page.select("a[href]"))


def test_nothing_is_loaded_from_another_origin(site: Site) -> None:
    for file in site.html_files:
        page = site.page(str(file.relative_to(site.root)))
        for element in page.select("[src], link[href], script[src], img[src], iframe, source[srcset]"):
            url = element.get("src") or element.get("href") or ""
            rel = element.get("rel") or []
            if "canonical" in rel or "alternate" in rel:
                continue  # not loaded by the browser
            assert not urlsplit(url).netloc, f"{file}: {element}"


def test_home_page_lists_the_articles_newest_first(site: Site) -> None:
    for prefix, title in [("", "OpenAI et Nvidia"), ("en/", "OpenAI and Nvidia")]:
        cards = site.page(prefix).select(".article-card")
        assert len(cards) == 1
        link = cards[0].select_one(".article-card__title a")
        assert link.get_text().startswith(title)
        assert cards[0].select_one("time")["datetime"] == "2026-11-27"
        assert urljoin("/" + prefix, link["href"]) == f"/{prefix}articles/openai-nvidia/"


def test_head_has_absolute_alternates_and_x_default(site: Site, page_url: tuple[str, str]) -> None:
    language, url = page_url
    page_path = url.removeprefix(LANGUAGES[language])
    alternates = {link["hreflang"]: link["href"] for link in site.page(url).select('link[rel="alternate"][hreflang]')}
    base = "https://silicium.example.org/"
    assert alternates == {"fr": base + page_path, "en": base + "en/" + page_path, "x-default": base + page_path}


def test_title_pattern_is_the_same_everywhere(site: Site, page_url: tuple[str, str]) -> None:
    _language, url = page_url
    title = site.page(url).title.get_text()
    assert title.endswith(" – Silicium") and len(title) > len(" – Silicium")


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_the_translation_status_is_linked_from_about_not_from_the_menu(site: Site, prefix: str) -> None:
    # The status table is the contributors' page: out of the readers' menu
    # (on every page), one link away from About.
    for page in PAGES:
        menu = site.page(prefix + page).select("nav.md-nav--primary a.md-nav__link[href]")
        assert menu, page
        targets = {urljoin(prefix + page, link["href"]).split("#")[0] for link in menu}
        assert prefix + "translations/" not in targets, page
    about = site.page(prefix + "about/").select("article a[href]")
    assert prefix + "translations/" in {urljoin(prefix + "about/", link["href"]) for link in about}


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_the_footer_leads_to_about_contact_feed_and_licence_in_the_pages_language(site: Site, prefix: str) -> None:
    for page in PAGES:
        footer = site.page(prefix + page).select_one("footer .md-copyright")
        root = "https://silicium.example/"
        links = {urljoin(root + prefix + page, link["href"]) for link in footer.select("a[href]")}
        licence = "deed.fr" if prefix == "" else "deed.en"
        assert links == {
            root + prefix + "about/",
            root + prefix + "about/#contact",
            root + prefix + "feed.xml",
            f"https://creativecommons.org/licenses/by/4.0/{licence}",
        }, page
        assert site.path(prefix + "feed.xml").is_file()
        assert site.page(prefix + "about/").find(id="contact") is not None
        # No "previous / next" leading from an article to the home page or
        # the glossary, and no credit to the theme.
        assert site.page(prefix + page).select(".md-footer__link") == [], page
        assert "squidfunk" not in str(footer), page


ABOUT_SECTIONS = {
    "redaction": {"": "La rédaction", "en/": "The editors"},
    "contact": {"": "Nous joindre", "en/": "Contact"},
    "corrections": {"": "Corrections", "en/": "Corrections"},
    "sources": {"": "Sources", "en/": "Sources"},
    "investissement": {"": "Pas un conseil en investissement", "en/": "Not investment advice"},
    "contribuer": {"": "Contribuer", "en/": "Contributing"},
}


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_about_says_who_the_editors_are_how_to_reach_them_and_the_policies(site: Site, prefix: str) -> None:
    about = site.page(prefix + "about/")
    for section_id, headings in ABOUT_SECTIONS.items():
        heading = about.find(id=section_id)
        assert heading is not None and heading.name == "h2", section_id
        assert text_of(heading).strip().rstrip("¶").strip() == headings[prefix], section_id
    # The editors' page it names exists in the same language.
    editors = about.find(id="redaction").find_next("p").select("a[href]")
    targets = {urljoin(prefix + "about/", link["href"]) for link in editors}
    assert prefix + "auteurs/redaction/" in targets
    assert site.path(prefix + "auteurs/redaction/").is_file()


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_an_only_article_has_no_previous_or_next(site: Site, prefix: str) -> None:
    # tests/test_builds.py::test_a_second_article_needs_no_code checks the links.
    assert site.page(prefix + "articles/openai-nvidia/").select("nav.article-pager") == []


def test_every_page_inlines_at_most_14_kb_of_css_and_caches_the_rest(site: Site) -> None:
    # tools/critical_css.py: the first screen's rules of the page's section
    # inline, every rule the pages use in one stylesheet shared by all.
    cached = set()
    for file in site.html_files:
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        style = page.select_one("head style#__md_critical")
        if style is None:
            continue  # a redirect page, without the theme
        shown = file.relative_to(site.root)
        inline = sum(len(s.get_text().encode()) for s in page.select("head style"))
        assert 0 < inline <= 14_000, f"{shown}: {inline} bytes of inline CSS"
        subset = page.select_one("head link#__md_subset")
        assert subset is not None, f"{shown}: section {style['data-section']!r} has no inline CSS: run tools/critical_css.py"
        assert subset["media"] == "print" and subset["rel"] == ["stylesheet"]
        cached.add(urljoin("/" + shown.as_posix(), subset["href"]))
        # Material's own stylesheets only for readers without JavaScript:
        # what holds up the first paint is the site's own stylesheet.
        blocking = [
            link["href"].rsplit("/", 1)[-1]
            for link in page.select('head link[rel="stylesheet"]')
            if link is not subset and link.find_parent("noscript") is None
        ]
        assert blocking == ["publication.css"], f"{shown}: {blocking}"
    assert len(cached) == 1
    assert site.path(next(iter(cached)).lstrip("/")).is_file()
