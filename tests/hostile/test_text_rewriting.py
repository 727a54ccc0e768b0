"""Typography, glossary links and inline quotations rewrite text nodes only,
on a parsed tree: for any page, no element, attribute or comment changes,
and nothing inside code, preformatted text, scripts or styles."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from publication.content.models import Term, Text
from publication.finish.parallel import article_sections, rebase
from publication.render.glossary_links import link_glossary_terms
from publication.render.html_text import parse_fragment
from publication.render.typography import apply_french_typography

# Pieces of rendered pages, hostile to a rewriter that reads HTML as text.
TEXT = st.sampled_from(
    ["Texte ; fin", "10 GW", "« AGI »", "l’AGI !", "a : b", "x &amp; y", "&lt;b&gt;", "AGI", "1 < 2 > 0", "AGI-like", " ", "\n", "Que ?"]
)
OPEN_CLOSE = st.sampled_from(
    [
        ("<p>", "</p>"), ('<p class="x ; y" title="AGI : z">', "</p>"), ("<em>", "</em>"), ("<code>", "</code>"),
        ("<pre><code>", "</code></pre>"), ('<a href="#agi" title="AGI ; x">', "</a>"), ("<h2 id=\"agi\">", "</h2>"),
        ("<script>", "</script>"), ("<style>", "</style>"), ('<div data-x="AGI ; 10 GW">', "</div>"), ("<td>", "</td>"),
    ]
)
COMMENT = st.sampled_from(["<!-- relecture -> chiffre à vérifier -->", "<!-- relecture -> AGI ; ok -->", "<!-- AGI ; 10 GW -->", "<!-- a -- b -->"])


@st.composite
def pages(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 2 if depth < 3 else 1))
        if kind == 0:
            parts.append(draw(TEXT))
        elif kind == 1:
            parts.append(draw(COMMENT))
        else:
            start, end = draw(OPEN_CLOSE)
            inner = draw(TEXT) if start in ("<script>", "<style>") else draw(pages(depth + 1))
            parts.append(start + inner + end)
    return "".join(parts)


def _markup(content: str) -> list[tuple]:
    """Elements with their attributes, and comments, in document order; plus
    the text of what must never change (code, pre, script, style)."""
    root = parse_fragment(content)
    found = []
    for element in root.iter():
        if element is root:
            continue
        if not isinstance(element.tag, str):
            found.append(("comment", element.text))
        else:
            found.append((element.tag, tuple(sorted(element.attrib.items()))))
            if element.tag in ("code", "pre", "script", "style"):
                found.append(("text", "".join(element.itertext())))
    return found


@settings(max_examples=400, deadline=None)
@given(pages())
def test_typography_changes_only_text(content: str) -> None:
    rewritten = apply_french_typography(content)
    assert _markup(rewritten) == _markup(content)
    # The same words, only the spaces changed.
    words = lambda html: "".join(parse_fragment(html).itertext()).replace("\u202f", " ").replace("\u00a0", " ").split()  # noqa: E731
    assert [word for word in words(rewritten)] == [word for word in words(content)] or "".join(words(rewritten)).replace(" ", "") == "".join(words(content)).replace(" ", "")


AGI = Term(
    id="agi", term=Text("AGI", "AGI"), expansion=None, short=Text("Une IA ; générale", "A general AI"),
    definition=Text("d", "d"), matches={"fr": ("AGI",), "en": ("AGI",)},
)


@settings(max_examples=400, deadline=None)
@given(pages())
def test_glossary_links_add_one_link_and_change_nothing_else(content: str) -> None:
    linked, absent = link_glossary_terms(content, [AGI], language="fr", glossary_url="../glossary/")
    before, after = _markup(content), _markup(linked)
    if absent:
        assert after == before
        return
    link = ("a", (("class", "glossary-term"), ("href", "../glossary/#agi"), ("title", "Une IA ; générale")))
    assert after.count(link) == before.count(link) + 1
    after.remove(link)
    assert after == before
    assert "".join(parse_fragment(linked).itertext()) == "".join(parse_fragment(content).itertext())


def test_a_comment_with_an_arrow_stays_a_comment() -> None:
    comment = "<!-- relecture -> chiffre à vérifier : 10 GW ? AGI -->"
    content = f"<p>Avant ; après</p>\n{comment}\n<p>La suite : 10 GW pour l’AGI.</p>"
    rewritten = apply_french_typography(content)
    assert comment in rewritten and "--&gt;" not in rewritten
    assert "La suite\u00a0: 10\u00a0GW" in rewritten
    linked, absent = link_glossary_terms(content, [AGI], language="fr", glossary_url="../glossary/")
    assert comment in linked and absent == [] and linked.count("glossary-term") == 1


PAGE = """<html><body><article class="md-content__inner md-typeset"><div class="page-furniture">x</div>
<h1 id="titre">Titre</h1><p>Intro <a href="../../glossary/#agi">AGI</a> <!-- a -> b --></p>
<h2 id="un">Un</h2><p id="p1">Texte <a href="#deux">voir</a> <img src="../../assets/x.png" alt=""></p>
<div><h2 id="nested">pas une section</h2></div>
<h3 id="deux">Deux</h3><p>Fin <q aria-describedby="source-q">mots</q></p><p id="source-q">Source</p></article></body></html>"""


def test_side_by_side_sections_and_rebasing_on_the_tree() -> None:
    sections = article_sections(PAGE)
    assert list(sections) == ["titre", "un", "deux"]
    moved = rebase(sections["un"], language="en", from_dir="en/articles/x/", to_dir="en/bilingue/x/")
    root = parse_fragment(moved)
    assert [element.tag for element in root.iter() if element is not root and isinstance(element.tag, str)][:1] == ["h3"]
    assert root.find(".//a").get("href") == "#en-deux" and root.find(".//img").get("src") == "../../assets/x.png"
    assert root.find(".//p").get("id") == "en-p1" and "pas une section" in moved
    last = parse_fragment(rebase(sections["deux"], language="fr", from_dir="articles/x/", to_dir="bilingue/x/"))
    assert last.find(".//q").get("aria-describedby") == "fr-source-q"
    assert "<!-- a -> b -->" in rebase(sections["titre"], language="fr", from_dir="articles/x/", to_dir="bilingue/x/")
    assert etree is not None
