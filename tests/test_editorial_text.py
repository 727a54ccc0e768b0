"""The revised English translation, the glossary checked entry by entry,
and the French of the interface, as an editor reads them."""
from __future__ import annotations

import pytest

from publication.content.data import load_glossary
from sitebuild import LANGUAGES, PROJECT, Site, text_of

ENGLISH = (PROJECT / "docs" / "articles" / "openai-nvidia.en.md").read_text(encoding="utf-8")
FRENCH = (PROJECT / "docs" / "articles" / "openai-nvidia.md").read_text(encoding="utf-8")
GLOSSARY = load_glossary(PROJECT / "data")


@pytest.mark.parametrize(
    "wrong",
    [
        "OpenAI’s preferred strategic partner",  # the French says "a" preferred partner
        "Its ambition",  # the French pins no ambition on OpenAI
        "convictions",
        "regrouping",  # implies an earlier defeat
        "its TPU ",
        "Trainium 3",  # Amazon writes Trainium3
        "Artificial General Intelligence",  # lower case, as in the glossary
        "startup",
        "colossal",
        "landmark",
        "what you need to know about OpenAI",  # the French source's leftover link text
        "OpenAI–AGI–Nvidia",  # its leftover keyword strings
    ],
)
def test_the_english_no_longer_says(wrong: str) -> None:
    assert wrong not in ENGLISH


def test_the_english_says_what_the_french_means() -> None:
    for right in ["a preferred strategic partner for OpenAI", "Rivals are mobilising", "its TPUs", "the Trainium3 chip",
                  "artificial general intelligence (AGI)", "assumptions", "start-up", "A daring bet for OpenAI."]:
        assert right in ENGLISH, right
    # The French keeps its own words, broken ones included.
    for source in ["la puce Trainium 3", "l’entité derrière ce qu’il faut savoir sur OpenAI", "l’équation openai agi nvidia"]:
        assert source in FRENCH


def test_the_glossary_entries_an_editor_flagged() -> None:
    terms = GLOSSARY.terms
    assert "Moins gourmande qu’un entraînement à chaque requête" not in terms["inference"].definition.fr
    assert "conçue par Google depuis 2015" not in terms["tpu"].definition.fr
    assert "designed by Google since 2015" not in terms["tpu"].definition.en
    assert "nommée d’après" not in terms["vera-rubin"].definition.fr
    assert "attendue en 2026" not in terms["vera-rubin"].short.fr and "expected in 2026" not in terms["vera-rubin"].short.en
    assert "moins dépendre" in terms["mtia"].definition.fr
    assert "haut risque" in terms["short-position"].short.fr and "high-risk" in terms["short-position"].short.en
    assert "ne mesure pas la puissance de calcul" in terms["gigawatt"].short.fr
    assert "not measure computing power" in terms["gigawatt"].short.en


@pytest.mark.parametrize(
    "term_id, french, english",
    [
        ("training", "entraînement", "training"),
        ("compute", "calcul", "compute"),
        ("letter-of-intent", "lettre d’intention", "letter of intent"),
        ("cash-burn", "brûle du cash", "burning through cash"),
        ("aws", "AWS", "AWS"),
        ("gemini", "Gemini", "Gemini"),
    ],
)
def test_the_new_terms_are_in_both_languages(site: Site, term_id: str, french: str, english: str) -> None:
    term = GLOSSARY.terms[term_id]
    assert french in term.matches["fr"] and english in term.matches["en"]
    for code, prefix in LANGUAGES.items():
        entry = site.page(prefix + "glossary/").select_one(f"#{term_id}")
        assert entry is not None and text_of(entry).rstrip("¶") == term.term(code)


def test_the_article_links_its_new_terms(site: Site) -> None:
    for prefix in LANGUAGES.values():
        links = {a["href"].split("#")[1] for a in site.page(prefix + "articles/openai-nvidia/").select("article a.glossary-term")}
        assert {"training", "compute", "cash-burn", "aws", "gemini"} <= links


@pytest.mark.parametrize("code, prefix", LANGUAGES.items())
def test_the_interface_speaks_the_pages_language(site: Site, code: str, prefix: str) -> None:
    article = site.page(prefix + "articles/openai-nvidia/")
    footer = text_of(article.select_one("footer .md-copyright"))
    assert ("Flux Atom" in footer) == (code == "fr") and ("Atom feed" in footer) == (code == "en")
    titles = {a["title"] for a in article.select("a.headerlink")}
    assert titles == {{"fr": "Lien vers cette section", "en": "Link to this section"}[code]}
    side_by_side = text_of(site.page(prefix + "bilingue/openai-nvidia/").select_one("h1"))
    assert side_by_side.count(":") == 1, side_by_side
    status = text_of(site.page(prefix + "translations/").select_one("table thead"))
    assert "pinned" not in status


def test_no_calques_in_the_french_interface(site: Site) -> None:
    text = " ".join(text_of(site.page(url)) for url in ["about/", "glossary/"])
    for calque in ["donnez-lui le focus au clavier", "le français est servi", "Tout le site vit dans un dépôt Git"]:
        assert calque not in text
