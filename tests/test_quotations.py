"""Quotations with provenance: the speaker's words in the language they were
said in, a translation marked as such in the other, and always a source."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publication.content.data import load_article_data
from publication.errors import PublicationError
from sitebuild import PROJECT, Site, text_of

ARTICLE = {"fr": "articles/openai-nvidia/", "en": "en/articles/openai-nvidia/"}
ALTMAN = (
    "Compute infrastructure will be the basis for the economy of the future, and we will utilize what we’re "
    "building with NVIDIA to both create new AI breakthroughs and empower people and businesses with them at scale."
)
HUANG = "This investment and infrastructure partnership mark the next leap forward—deploying 10 gigawatts to power the next era of intelligence."
SOURCE_URL = "https://openai.com/index/openai-nvidia-systems-partnership/"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))


def mutate(file: Path, old: str, new: str) -> int:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def error_of(data_dir: Path) -> PublicationError:
    with pytest.raises(PublicationError) as caught:
        load_article_data(data_dir, "openai-nvidia")
    return caught.value


def test_the_data_keeps_the_speakers_exact_words() -> None:
    article = load_article_data(PROJECT / "data", "openai-nvidia")
    assert article is not None
    assert article.quotes["altman"].original == ALTMAN == article.quotes["altman"].text.en
    assert article.quotes["huang"].original == HUANG
    # The French article's own wording, word for word.
    assert article.quotes["huang"].text.fr == "prochain grand saut en avant"
    for quote in article.quotes.values():
        assert quote.said_in == "en" and quote.source.url == SOURCE_URL and quote.source.date == "2025-09-22"


def test_a_quotation_without_a_source_is_refused(data_dir: Path) -> None:
    file = data_dir / "articles" / "openai-nvidia.yml"
    line = mutate(file, "      en: the next leap forward\n    source: announcement\n", "      en: the next leap forward\n")
    error = error_of(data_dir)
    assert error.file == "data/articles/openai-nvidia.yml"
    assert "source" in error.problem and error.fix
    assert error.line is not None and error.line <= line


def test_a_quotation_naming_an_unknown_source_is_refused(data_dir: Path) -> None:
    file = data_dir / "articles" / "openai-nvidia.yml"
    line = mutate(file, "      en: the next leap forward\n    source: announcement\n", "      en: the next leap forward\n    source: interview\n")
    error = error_of(data_dir)
    assert (error.line, error.key) == (line + 1, "quotes.huang.source")
    assert "interview" in error.problem and "announcement" in (error.fix or "")


def test_a_source_without_its_date_or_address_is_refused(data_dir: Path) -> None:
    file = data_dir / "articles" / "openai-nvidia.yml"
    mutate(file, "    url: https://openai.com/index/openai-nvidia-systems-partnership/\n", "    url: openai.com/index\n")
    assert "url" in (error_of(data_dir).key or "")


def test_a_back_translation_in_the_speakers_language_is_refused(data_dir: Path) -> None:
    # The misquotation the editors found: English words that are not his.
    file = data_dir / "articles" / "openai-nvidia.yml"
    line = mutate(
        file,
        '      en: "Compute infrastructure will be the basis for the economy of the future, and we will utilize',
        '      en: "Compute infrastructure will be the basis of the future economy, and we will utilize',
    )
    error = error_of(data_dir)
    assert (error.line, error.key) == (line, "quotes.altman.text.en")
    assert "original" in error.problem


def test_the_english_page_quotes_the_original_words_with_their_source(site: Site) -> None:
    page = site.page(ARTICLE["en"])
    figure = page.select_one("figure.quotation#altman")
    assert text_of(figure.blockquote) == f"“{ALTMAN}”"
    assert figure.blockquote["cite"] == SOURCE_URL
    assert "quotation--translated" not in figure["class"]
    assert "Translated" not in text_of(figure)
    caption = text_of(figure.figcaption)
    assert "Sam Altman, CEO of OpenAI" in caption
    assert "Source: OpenAI and NVIDIA announce strategic partnership to deploy 10 gigawatts of NVIDIA systems, OpenAI, 22 September 2025." in caption
    assert figure.select_one("a.source__link")["href"] == SOURCE_URL
    # Huang's words, inline, are his own; the list of sources says where from.
    inline = page.select_one("q.quotation-inline#huang")
    assert text_of(inline) == "the next leap forward" and inline["cite"] == SOURCE_URL
    entry = page.select_one(f"#{inline['aria-describedby']}")
    assert "Jensen Huang" in text_of(entry) and "Translated" not in text_of(entry)
    assert entry.select_one("a.source__link")["href"] == SOURCE_URL


def test_the_french_page_marks_its_quotations_as_translated(site: Site) -> None:
    page = site.page(ARTICLE["fr"])
    figure = page.select_one("figure.quotation#altman")
    assert text_of(figure.blockquote) == (
        "« L’infrastructure de calcul est la base de l’économie future. Nous utiliserons ce que nous construisons "
        "avec NVIDIA pour réaliser des percées en IA et les mettre à l’échelle. »"
    )
    assert "quotation--translated" in figure["class"]
    caption = text_of(figure.figcaption)
    assert "Traduit de l’anglais." in caption and "Source : " in caption and "22 septembre 2025" in caption
    original = figure.select_one(".quotation__original [lang=en]")
    assert text_of(original) == f"“{ALTMAN}”"
    inline = page.select_one("q.quotation-inline#huang")
    assert text_of(inline) == "prochain grand saut en avant"
    assert "Traduit de l’anglais" in inline["title"] and inline["cite"] == SOURCE_URL
    entry = page.select_one(f"#{inline['aria-describedby']}")
    assert "Traduit de l’anglais." in text_of(entry) and HUANG in text_of(entry)
    assert entry.select_one("[lang=en]") is not None
