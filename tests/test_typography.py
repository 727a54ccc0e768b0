"""French typography on French pages only, never in code or attributes."""
from __future__ import annotations

import re

from publication.render.typography import apply_french_typography, french_spacing
from sitebuild import Site

NNBSP, NBSP = "\u202f", "\u00a0"


def test_french_spacing_rules() -> None:
    assert french_spacing("Vraiment ? Oui ! Non ; « maison » : 10 GW, 100 milliards, 50 %") == (
        f"Vraiment{NNBSP}? Oui{NNBSP}! Non{NNBSP}; «{NNBSP}maison{NNBSP}»{NBSP}: 10{NBSP}GW, 100{NBSP}milliards, 50{NBSP}%"
    )
    # Only existing spaces change: URLs, ratios and times stay as written.
    assert french_spacing("https://x.org/?a=1 3:2 12h30") == "https://x.org/?a=1 3:2 12h30"


def test_markup_code_and_entities_are_left_alone() -> None:
    # Valid HTML (a <pre> cannot sit in a <p>: the parser, like a browser, would close the <p>).
    html = '<p title="a : b ?">x ? <code>y ?</code> &amp; ; &lt;b&gt;</p><pre>z ;</pre><!-- a ; b -> c -->'
    assert apply_french_typography(html) == (
        f'<p title="a : b ?">x{NNBSP}? <code>y ?</code> &amp;{NNBSP}; &lt;b&gt;</p><pre>z ;</pre><!-- a ; b -> c -->'
    )


def test_the_french_article_is_typeset(site: Site) -> None:
    article = site.page("articles/openai-nvidia/").select_one("article")
    text = article.get_text()
    for mark in ["?", "!", ";"]:
        assert f"{NNBSP}{mark}" in text, mark
        assert not re.search(rf"[ {NBSP}]\{mark}" if mark == "?" else rf"[ {NBSP}]{mark}", text), mark
    assert f"«{NNBSP}prochain grand saut en avant{NNBSP}»" in text
    assert f"{NBSP}:" in text and " :" not in text
    assert f"10{NBSP}GW" in text and f"50{NBSP}%" in text and f"100{NBSP}milliards" in text
    # Never inside attributes or code.
    for element in article.find_all(True):
        for value in element.attrs.values():
            assert NNBSP not in (value if isinstance(value, str) else " ".join(value))
    for code in article.select("code, pre"):
        assert NNBSP not in code.get_text()


def test_the_english_article_has_no_french_spacing(site: Site) -> None:
    text = site.page("en/articles/openai-nvidia/").select_one("article").get_text()
    assert NNBSP not in text
    assert not re.search(rf"{NBSP}[:;!?]", text)
