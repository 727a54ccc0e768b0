"""The deal table, glossary, tooltips and callouts, read from the built site."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from publication.content.data import load_article_data, load_glossary
from publication.render.blocks import collation_key
from sitebuild import PROJECT, Site, text_of

DATA = PROJECT / "data"
ARTICLE = {"fr": "articles/openai-nvidia/", "en": "en/articles/openai-nvidia/"}
GLOSSARY = {"fr": "glossary/", "en": "en/glossary/"}

# What a reader must read in each language: the source's French cells word for
# word, and the English we translated them into.
DEAL_TABLE = {
    "fr": [
        ("Puissance de calcul", "Déploiement de 10 GW de systèmes Nvidia"),
        ("Investissement", "Jusqu’à 100 milliards de dollars investis par Nvidia"),
        ("Technologie clé", "Plateforme Nvidia Vera Rubin"),
        ("Calendrier", "Première phase prévue pour la seconde moitié de 2026"),
        ("Partenaires complémentaires", "Microsoft, Oracle, SoftBank"),
    ],
    "en": [
        ("Computing power", "Deployment of 10 GW of Nvidia systems"),
        ("Investment", "Up to $100 billion invested by Nvidia"),
        ("Key technology", "Nvidia Vera Rubin platform"),
        ("Timeline", "First phase scheduled for the second half of 2026"),
        ("Other partners", "Microsoft, Oracle, SoftBank"),
    ],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_deal_table(site: Site, language: str) -> None:
    table = site.page(ARTICLE[language]).select_one(".deal-table table")
    assert table.caption is not None and text_of(table.caption)
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
    rows = [(text_of(tr.th), text_of(tr.td)) for tr in table.select("tbody tr")]
    assert rows == DEAL_TABLE[language]
    assert all(tr.th["scope"] == "row" for tr in table.select("tbody tr"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_glossary_page_lists_every_term_in_alphabetical_order(site: Site, language: str) -> None:
    glossary = load_glossary(DATA)
    headings = site.page(GLOSSARY[language]).select("article h2[id]")
    ids = [heading["id"] for heading in headings]
    assert sorted(ids) == sorted(glossary.terms)
    names = [glossary.terms[term_id].term(language) for term_id in ids]
    assert names == sorted(names, key=collation_key)
    agi = site.page(GLOSSARY[language]).select_one("#agi").find_next_sibling("p")
    assert text_of(agi) == glossary.terms["agi"].expansion(language)


def test_collation_puts_accented_words_where_a_dictionary_does() -> None:
    words = ["Fusion", "écart", "Dette", "Éclair", "ecu"]
    assert sorted(words, key=collation_key) == ["Dette", "écart", "Éclair", "ecu", "Fusion"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_listed_term_links_to_its_entry_with_a_tooltip(site: Site, language: str) -> None:
    glossary = load_glossary(DATA)
    page = site.page(ARTICLE[language])
    links = {a["href"].rsplit("#", 1)[1]: a for a in page.select("article a.glossary-term")}
    # Every term the article lists links (the glossary has more: "lettre
    # d’intention" is in the editor's note, which links nothing).
    from publication.content.frontmatter import read_front_matter

    source = (PROJECT / "docs" / "articles" / "openai-nvidia.md").read_text(encoding="utf-8")
    assert set(links) == set(read_front_matter(source, path="x").data["glossary"])
    glossary_page = site.page(GLOSSARY[language])
    for term_id, link in links.items():
        assert link["title"] == glossary.terms[term_id].short(language)
        target = urljoin("/" + ARTICLE[language], link["href"])
        assert target == f"/{GLOSSARY[language]}#{term_id}"
        assert glossary_page.select_one(f"#{term_id}") is not None
        assert link.find_parent(["h1", "h2", "h3", "a", "code"]) is None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_glossary_entries_are_in_the_search_index(site: Site, language: str) -> None:
    """Each entry is a heading with an id in what the search indexes: Pagefind
    lists it as a section of its own under the glossary's result."""
    from bs4 import BeautifulSoup

    from publication.content.languages import Language
    from publication.finish.search_index import reader_pages

    languages = [Language(code="fr", name="Français", link="/", default=True), Language(code="en", name="English", link="/en/", default=False)]
    pages = {page.url: page for page in reader_pages(site.root, languages[language == "en"], languages)}
    glossary_copy = BeautifulSoup(pages["glossary/"].html, "html.parser")
    headings = {heading["id"] for heading in glossary_copy.select("h2[id], h3[id]")}
    assert set(load_glossary(DATA).terms) <= headings


@pytest.mark.parametrize("language", ["fr", "en"])
def test_risk_callouts(site: Site, language: str) -> None:
    article = load_article_data(DATA, "openai-nvidia")
    page = site.page(ARTICLE[language])
    expected = {"high": "danger", "medium": "warning", "low": "note"}
    for callout in article.callouts.values():
        box = page.select_one(f"div.admonition#{callout.id}")
        assert box is not None, callout.id
        if callout.kind == "risk":
            assert expected[callout.severity] in box["class"]
        title = text_of(box.select_one(".admonition-title"))
        if callout.kind == "warning":
            assert title == {"fr": "À l’attention des investisseurs", "en": "A word to investors"}[language]
        else:
            # A severity is the editors' assessment, and says so.
            assert callout.assessed_by == "editors"
            assert title == {
                "fr": {"high": "Évaluation de la rédaction : risque élevé", "medium": "Évaluation de la rédaction : risque modéré"},
                "en": {"high": "Editors’ assessment: high risk", "medium": "Editors’ assessment: moderate risk"},
            }[language][callout.severity]
        body = text_of(box.select_one("p:not(.admonition-title)"))
        assert body.replace("*", "") == callout.text(language).replace("*", "").replace("\u00a0", " ")


@pytest.mark.parametrize("language, role", [("fr", "directeur général d’OpenAI"), ("en", "CEO of OpenAI")])
def test_quotation_with_attribution(site: Site, language: str, role: str) -> None:
    figure = site.page(ARTICLE[language]).select_one("figure.quotation#altman")
    assert figure.blockquote is not None
    assert text_of(figure.select_one("figcaption .quotation__attribution")) == f"— Sam Altman, {role}"


@pytest.mark.parametrize(
    "language, words, attribution",
    [
        ("fr", "prochain grand saut en avant", "Jensen Huang, fondateur et directeur général de Nvidia"),
        ("en", "the next leap forward", "Jensen Huang, founder and CEO of Nvidia"),
    ],
)
def test_inline_quotation_is_attributed(site: Site, language: str, words: str, attribution: str) -> None:
    quote = site.page(ARTICLE[language]).select_one("article q#huang")
    assert text_of(quote) == words and quote["title"].startswith(attribution)
    assert quote.find_parent("p") is not None
