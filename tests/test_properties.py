"""Property tests: whatever a contributor writes, the renderers stay safe and
the parsers fail only with the project's own error."""
from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from publication.errors import PublicationError
from publication.formatting import Money, Percent, Period, Power, format_fact
from publication.glossary_links import link_glossary_terms
from publication.inline_markdown import inline_markdown
from publication.markers import find_markers
from publication.models import Callout, DealRow, DealTable, Quote, Term, Text
from publication.render import render_callout, render_deal_table, render_quote
from publication.yamlfile import parse_yaml
from publication.data import load_ui
from sitebuild import PROJECT

UI = load_ui(PROJECT / "data")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
html_like = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=x>', "&amp;", "</p>", "[x](javascript:alert(1))"])
risky_text = st.one_of(any_text, html_like, st.builds(lambda a, b: a + b, any_text, html_like))


class Checker(HTMLParser):
    """Records elements and attributes, and whether tags are balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.balanced = True
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data):
        self.text += data


def check(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.balanced and not checker.stack, html
    assert not {"script", "img", "svg", "iframe", "style"} & checker.tags, html
    assert not [name for name, _ in checker.attributes if name.startswith("on")], html
    for name, value in checker.attributes:
        if name == "href":
            assert not (value or "").lower().lstrip().startswith(("javascript:", "data:", "vbscript:")), html
    return checker


@settings(max_examples=150, deadline=None)
@given(risky_text, risky_text)
def test_deal_table_escapes_any_text(aspect: str, details: str) -> None:
    table = DealTable(
        caption=Text(aspect, aspect),
        aspect_header=Text("A", "A"),
        details_header=Text("D", "D"),
        rows=(DealRow(aspect=Text(aspect, aspect), details=Text(details, details)),),
    )
    checker = check(render_deal_table(table, language="fr"))
    assert details in checker.text and aspect in checker.text


@settings(max_examples=150, deadline=None)
@given(risky_text, st.sampled_from(["high", "medium", "low"]), st.sampled_from(["risk", "warning"]))
def test_callout_is_safe_html(text: str, severity: str, kind: str) -> None:
    check(render_callout(Callout(id="x", kind=kind, severity=severity, text=Text(text, text)), language="en", ui=UI))


@settings(max_examples=150, deadline=None)
@given(risky_text, risky_text)
def test_quote_escapes_any_text(speaker: str, text: str) -> None:
    checker = check(render_quote(Quote(id="q", speaker=speaker, role=Text("r", "r"), text=Text(text, text)), language="fr"))
    assert text in checker.text and speaker in checker.text


@settings(max_examples=300, deadline=None)
@given(risky_text)
def test_inline_markdown_never_lets_html_through(text: str) -> None:
    check(f"<p>{inline_markdown(text)}</p>")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_marker_parser_never_crashes(markdown: str) -> None:
    try:
        markers = find_markers(markdown, page="docs/x.md")
    except PublicationError as error:
        assert error.file == "docs/x.md" and error.line is not None
    else:
        assert all(1 <= marker.line <= max(1, len(markdown.splitlines())) for marker in markers)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_yaml_parser_fails_only_with_the_projects_error(text: str) -> None:
    try:
        parse_yaml(text, path="data/x.yml")
    except PublicationError as error:
        assert error.file == "data/x.yml"


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.builds(Money, amount=st.floats(min_value=0.01, max_value=1e15), currency=st.sampled_from(["USD", "EUR"])),
        st.builds(Power, gigawatts=st.floats(min_value=0.001, max_value=1e6)),
        st.builds(Period, half=st.sampled_from([1, 2]), year=st.integers(1900, 2200)),
        st.builds(Percent, value=st.floats(min_value=-1000, max_value=1000)),
    ),
    st.sampled_from(["fr", "en"]),
)
def test_every_valid_fact_formats(fact, language: str) -> None:
    text = format_fact(fact, language)
    assert text and "<" not in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["AGI", " texte ", "<p>", "</p>", "<code>AGI</code>", "<a href='#'>AGI</a>", "<h2>AGI</h2>", "l’AGI.", "AGIs"]), max_size=12))
def test_glossary_linking_keeps_the_text_and_links_outside_links_and_code(pieces: list[str]) -> None:
    term = Term(id="agi", term=Text("AGI", "AGI"), expansion=None, short=Text("s<\"", "s"), definition=Text("d", "d"), matches={"fr": ("AGI",), "en": ("AGI",)})
    html = "".join(pieces)
    linked, absent = link_glossary_terms(html, [term], language="fr", glossary_url="../glossary/")
    before, after = Checker(), Checker()
    before.feed(html)
    after.feed(linked)
    assert before.text == after.text
    assert linked.count('class="glossary-term"') == (0 if absent else 1)
