"""Property tests: whatever a contributor writes, the renderers stay safe and
the parsers fail only with the project's own error."""
from __future__ import annotations

import itertools
import shutil
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from publication.content.data import load_ui
from publication.content.models import Callout, DealRow, DealTable, Quote, Source, Term, Text
from publication.content.values import text_problem
from publication.content.yamlfile import parse_yaml
from publication.errors import PublicationError
from publication.render.blocks import render_callout, render_deal_table, render_quote
from publication.render.formatting import Money, Percent, Period, Power, format_fact
from publication.render.glossary_links import link_glossary_terms
from publication.render.inline_markdown import inline_markdown
from publication.render.markers import find_markers
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
@given(risky_text, risky_text, risky_text, st.sampled_from(["fr", "en"]))
def test_quote_escapes_any_text(speaker: str, text: str, title: str, language: str) -> None:
    source = Source(id="s", publisher=title, title=title, date="2025-09-22", url="https://example.org/?a=1&b=\"2", language="en")
    quote = Quote(id="q", speaker=speaker, role=Text("r", "r"), said_in="en", original=text, text=Text(text, text), source=source)
    checker = check(render_quote(quote, language=language, ui=UI))
    assert text in checker.text and speaker in checker.text and title in checker.text


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


_data_dirs: dict[int, Path] = {}
_file_count = itertools.count()


def new_article_file(tmp_path_factory, text: str) -> tuple[Path, str]:
    """A data dir with the real schemas (made once) and a new article file in it.

    Each example gets its own file name: the loader caches by path and mtime."""
    key = id(tmp_path_factory)
    if key not in _data_dirs:
        data_dir = tmp_path_factory.mktemp("project") / "data"
        shutil.copytree(PROJECT / "data" / "schemas", data_dir / "schemas")
        (data_dir / "articles").mkdir()
        _data_dirs[key] = data_dir
    name = f"article-{next(_file_count)}"
    (_data_dirs[key] / "articles" / f"{name}.yml").write_text(text, encoding="utf-8")
    return _data_dirs[key], name


# Data files as a contributor might write them: any shape, any scalar.
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**12), st.floats(allow_nan=False), any_text)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.sampled_from(["fr", "en", "kind", "text", "rows", "facts", "terms", "x"]), children, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["facts", "deal_table", "callouts", "quotes", "extra"]), yaml_values, max_size=4))
def test_any_article_data_loads_or_fails_with_the_projects_error(tmp_path_factory, document) -> None:
    import yaml

    from publication.content.data import load_article_data

    data_dir, name = new_article_file(tmp_path_factory, yaml.safe_dump(document, allow_unicode=True))
    try:
        article = load_article_data(data_dir, name)
    except PublicationError as error:
        assert error.file == f"data/articles/{name}.yml" and error.problem
    else:
        # Valid data renders, and renders well-formed HTML.
        for callout in article.callouts.values():
            check(render_callout(callout, language="fr", ui=UI))
        if article.deal_table:
            check(render_deal_table(article.deal_table, language="en"))


money = st.builds(lambda amount: {"kind": "money", "amount": amount, "currency": "USD"}, st.integers(1, 10**13))
# Valid text: no HTML, not blank, no control or direction characters
# (publication.content.values), no placeholder where nothing fills it.
valid_text = any_text.filter(lambda t: "<" not in t and "{" not in t and text_problem(t) is None)
bilingual = st.builds(lambda fr, en: {"fr": fr, "en": en}, valid_text, valid_text)


@settings(max_examples=50, deadline=None)
@given(money, st.lists(st.tuples(bilingual, bilingual), min_size=1, max_size=4), bilingual)
def test_any_valid_article_data_renders(tmp_path_factory, fact, rows, callout_text) -> None:
    import yaml

    from publication.content.data import load_article_data

    def braces_safe(text: dict) -> dict:
        return {code: value.replace("{", "{{").replace("}", "}}") for code, value in text.items()}

    document = {
        "facts": {"amount": fact},
        "deal_table": {
            "caption": rows[0][0],
            "header": {"aspect": rows[0][0], "details": rows[0][1]},
            "rows": [{"aspect": aspect, "details": braces_safe(details)} for aspect, details in rows],
        },
        "callouts": {"c": {"kind": "risk", "severity": "high", "assessed_by": "editors", "text": braces_safe(callout_text)}},
    }
    data_dir, name = new_article_file(tmp_path_factory, yaml.safe_dump(document, allow_unicode=True))
    article = load_article_data(data_dir, name)
    for language in ("fr", "en"):
        checker = check(render_deal_table(article.deal_table, language=language))
        assert all(" ".join(details[language].split()) in " ".join(checker.text.split()) for _, details in rows)
        check(render_callout(article.callouts["c"], language=language, ui=UI))
