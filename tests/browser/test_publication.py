"""A reader of a publication, in real Chromium (issue 14): the article
header, the front page, topic and author pages, on a phone and a desktop."""
from __future__ import annotations

import pytest

from sitebuild import LANGUAGES

ARTICLE = "articles/openai-nvidia/"


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_article_header_reads_kicker_headline_standfirst_byline(phone, base_url, watch, prefix) -> None:
    phone.goto(base_url + prefix + ARTICLE)
    tops = [_top(phone, selector) for selector in [".article-kicker", "article h1", ".article-standfirst", ".article-byline", ".reading-modes"]]
    assert tops == sorted(tops), tops
    # Nothing of the text's furniture sits above the kicker.
    content_top = _top(phone, "article.md-content__inner")
    assert tops[0] - content_top < 40
    assert phone.locator(".article-byline time").first.is_visible()
    assert phone.locator(".article-byline__reading").is_visible()
    watch.assert_clean()


def test_kicker_and_byline_lead_to_topic_and_author_pages(page, base_url, watch) -> None:
    page.goto(base_url + "en/" + ARTICLE)
    page.click(".article-kicker a")
    page.wait_for_url(base_url + "en/themes/semiconducteurs/")
    page.click(".article-card__title a")
    page.wait_for_url(base_url + "en/" + ARTICLE)
    page.click(".article-byline a[rel=author]")
    page.wait_for_url(base_url + "en/auteurs/redaction/")
    assert "The Silicium editors" in page.locator(".listing__intro").inner_text()
    watch.assert_clean()


@pytest.mark.parametrize("prefix", LANGUAGES.values(), ids=LANGUAGES.keys())
def test_front_page_shows_the_lead_article_large_then_topics(phone, base_url, watch, prefix) -> None:
    phone.goto(base_url + prefix)
    image = phone.locator(".article-card--lead img")
    box = image.bounding_box()
    assert box["width"] > 300 and image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert _top(phone, ".article-card--lead .article-card__title") < _top(phone, ".front-page__topics")
    phone.click(".topic-list a >> nth=0")
    phone.wait_for_url(f"{base_url}{prefix}themes/**")
    watch.assert_clean()
