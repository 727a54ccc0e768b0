"""The side-by-side view holds both versions of the article, aligned."""
from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

import pytest

from sitebuild import LANGUAGES, Site, text_of

ARTICLE = "articles/openai-nvidia/"
PARALLEL = "bilingue/openai-nvidia/"


def section_ids(site: Site, url: str) -> list[str]:
    return [heading["id"] for heading in site.page(url).select("article :is(h1, h2, h3)[id]")]


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_every_section_of_both_versions_in_the_same_order(site: Site, prefix: str) -> None:
    page = site.page(prefix + PARALLEL)
    rows = page.select("section.parallel__row")
    french_ids = section_ids(site, ARTICLE)
    assert [row["id"] for row in rows] == french_ids == section_ids(site, "en/" + ARTICLE)
    for row in rows:
        cells = row.select(":scope > .parallel__cell")
        assert [cell["lang"] for cell in cells] == ["fr", "en"]
        for cell, url in zip(cells, [ARTICLE, "en/" + ARTICLE]):
            heading = site.page(url).find(id=row["id"])
            assert text_of(cell.select_one("h2, h3, h4")) == text_of(heading)
    # Every paragraph of both articles is there.
    for code, url in [("fr", ARTICLE), ("en", "en/" + ARTICLE)]:
        column = " ".join(text_of(cell) for cell in page.select(f'.parallel__cell[lang="{code}"]'))
        for paragraph in site.page(url).select("article p:not(.page-furniture p)"):
            assert text_of(paragraph) in column


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_ids_stay_unique_and_links_resolve(site: Site, prefix: str) -> None:
    page = site.page(prefix + PARALLEL)
    ids = Counter(element["id"] for element in page.select("[id]"))
    assert [element_id for element_id, count in ids.items() if count > 1] == []
    assert len(page.select("h1")) == 1
    glossary_links = {urljoin("/" + prefix + PARALLEL, a["href"]) for a in page.select("a.glossary-term")}
    assert "/glossary/#agi" in glossary_links and "/en/glossary/#agi" in glossary_links


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_reachable_from_the_article(site: Site, prefix: str) -> None:
    link = site.page(prefix + ARTICLE).select_one(".reading-modes a")
    assert urljoin("/" + prefix + ARTICLE, link["href"]) == "/" + prefix + PARALLEL
