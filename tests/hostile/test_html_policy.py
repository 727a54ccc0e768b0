"""What a page may contain: raw HTML in Markdown is held to the policy by nh3,
refused at its file and line; nothing of the built site loads from another
origin, in any of the forms a page can use."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from origins import is_foreign, loaded_urls

from publication.content.html_policy import check_config, check_page_html, find_violations
from publication.errors import PublicationError
from sitebuild import Site, build, copy_project

# Each form a page could use to run script, leave the page or load from
# another origin, and the words of the refusal.
REFUSED = {
    "script": ("<script>alert(1)</script>", "the element <script> is not allowed"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', "the element <iframe>"),
    "object": ('<object data="https://evil.example/x.swf"></object>', "the element <object>"),
    "embed": ('<embed src="https://evil.example/x.swf">', "the element <embed>"),
    "form": ('<form action="https://evil.example/"><input name="q"></form>', "the element <form>"),
    "button": ("<button>x</button>", "the element <button>"),
    "svg": ('<svg><image href="https://evil.example/x.png"/></svg>', "the element <svg>"),
    "link": ('<link rel="stylesheet" href="https://evil.example/x.css">', "the element <link>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "the element <meta>"),
    "base": ('<base href="https://evil.example/">', "the element <base>"),
    "style element": ('<style>@import url("https://evil.example/x.css");</style>', "the element <style>"),
    "event handler": ('<img src="a.png" alt="" onerror="alert(1)">', "the event handler onerror="),
    "event handler on text": ('<p onmouseover="alert(1)">x</p>', "the event handler onmouseover="),
    "javascript link": ('<a href="javascript:alert(1)">x</a>', 'the URL href="javascript:alert(1)"'),
    "javascript link, mixed case": ('<a href="JaVaScRiPt:alert(1)">x</a>', "the URL href="),
    "data link": ('<a href="data:text/html,<script>alert(1)</script>">x</a>', 'the URL href="data:'),
    "img src": ('<img src="https://evil.example/pixel.png" alt="">', "loads from another origin"),
    "protocol-relative src": ('<img src="//evil.example/pixel.png" alt="">', "loads from another origin"),
    "srcset": ('<img src="a.png" srcset="a.png 1x, https://evil.example/b.png 2x" alt="">', "loads from another origin"),
    "source srcset": ('<picture><source srcset="https://evil.example/b.webp"><img src="a.png" alt=""></picture>', "loads from another origin"),
    "video poster": ('<video src="v.mp4" poster="https://evil.example/p.jpg"></video>', "loads from another origin"),
    "audio src": ('<audio src="https://evil.example/a.mp3"></audio>', "loads from another origin"),
    "style url()": ('<div style="background: url(https://evil.example/x.png)">x</div>', "the attribute style="),
    "mermaid": ('<pre class="mermaid">graph TD; A-->B</pre>', 'class="mermaid"'),
    "material data attribute": ('<div data-md-component="search">x</div>', "the attribute data-md-component= on <div> belongs to the theme's scripts"),
}
ALLOWED = [
    '<p>Text with <a href="https://example.org/" hreflang="en">a link</a>, <a href="../glossary/#agi">another</a>, <a href="mailto:x@example.org">mail</a>.</p>',
    '<figure><img src="../assets/chart.png" alt="A chart" width="600"><figcaption>A chart</figcaption></figure>',
    '<details><summary>More</summary><p>Hidden</p></details>',
    '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>',
    "<!-- relecture -> chiffre à vérifier -->",
    '<p><abbr title="Graphics Processing Unit">GPU</abbr> <kbd>Ctrl</kbd> <sup>1</sup> <span lang="en">deal</span></p>',
    '<div class="admonition warning" data-callout-kind="risk" data-severity="high"><p class="admonition-title">Risk</p></div>',
]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_each_form_is_refused_with_its_reason(case: str) -> None:
    html, words = REFUSED[case]
    violations = find_violations(f"<p>Before.</p>\n{html}\n<p>After.</p>")
    assert violations, case
    assert words in violations[0].problem


@pytest.mark.parametrize("html", ALLOWED)
def test_what_a_page_may_contain_passes(html: str) -> None:
    assert find_violations(html) == []


def test_the_error_names_the_line_that_wrote_it() -> None:
    source = "---\ntitle: T\n---\n\n# T\n\nSome text.\n\n<img src=x onerror=alert(1)>\n"
    with pytest.raises(PublicationError) as caught:
        check_page_html('<h1 id="t">T</h1><p>Some text.</p><p><img src="x" onerror="alert(1)"></p>', path="docs/p.md", source=source)
    assert str(caught.value).splitlines()[0] == (
        "docs/p.md:9: raw HTML: the event handler onerror= on <img> is not allowed (no script runs from a page)"
    )
    assert "Fix:" in str(caught.value)


# Pieces of markup, hostile and harmless, assembled at random: whenever the
# policy finds nothing, the page indeed holds no script, no handler and
# nothing loaded from another origin.
PIECES = [html for html, _ in REFUSED.values()] + ALLOWED + ["<p>", "</p>", "<div>", "</div>", "text &amp; more", "<b>", "</b>", "<td>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_whatever_passes_the_policy_is_harmless(pieces: list[str]) -> None:
    html = "".join(pieces)
    if find_violations(html):
        return
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("script", "style", "iframe", "object", "embed", "form", "svg", "link", "meta", "base")
        assert not [name for name in element.attrib if name.startswith("on") or name == "style"]
        assert "mermaid" not in element.get("class", "")
        assert not element.get("href", "").lower().startswith(("javascript:", "data:"))
    assert not [url for _, url in loaded_urls(html) if is_foreign(url)]


class _Config(dict):
    pass


@pytest.mark.parametrize(
    "config, key",
    [
        ({"theme": {"font": {"text": "Roboto"}}}, "theme.font"),
        ({"theme": {"font": False}, "extra": {"analytics": {"provider": "google"}}}, "extra.analytics"),
        ({"theme": {"font": False}, "extra_css": ["https://cdn.example/x.css"]}, "extra_css"),
        ({"theme": {"font": False}, "extra_javascript": ["//cdn.example/x.js"]}, "extra_javascript"),
    ],
)
def test_the_configuration_loads_nothing_from_another_origin(config: dict, key: str, tmp_path: Path) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n", encoding="utf-8")
    with pytest.raises(PublicationError) as caught:
        check_config(_Config(config), config_file=str(config_file))
    assert f"mkdocs.yml:1: {key}:" in str(caught.value)


# The checker of the built site sees every form: run on a page that uses each.
EVERY_FORM = """<html><head>
<link rel="stylesheet" href="https://evil.example/1.css"><link rel="preload" href="https://evil.example/2.js">
<link rel="icon" href="//evil.example/3.ico"><script src="https://evil.example/4.js"></script>
<style>@import "https://evil.example/5.css"; body { background: url('https://evil.example/6.png') }</style>
<meta http-equiv="refresh" content="5;url=https://evil.example/7"></head><body>
<img src="https://evil.example/8.png"><img srcset="a.png 1x, https://evil.example/9.png 2x">
<picture><source srcset="https://evil.example/10.webp"></picture><video poster="https://evil.example/11.jpg"></video>
<audio src="https://evil.example/12.mp3"></audio><object data="https://evil.example/13.swf"></object>
<embed src="https://evil.example/14.swf"><iframe src="https://evil.example/15"></iframe>
<div style="background-image: url(https://evil.example/16.png)"></div><svg><image href="https://evil.example/17.png"/></svg>
<input type="image" src="https://evil.example/18.png"><track src="https://evil.example/19.vtt">
</body></html>"""


def test_the_origin_checker_sees_every_form() -> None:
    foreign = sorted(url for _, url in loaded_urls(EVERY_FORM) if is_foreign(url, site_origin="https://silicium.example.org"))
    assert len(foreign) == 19, foreign
    assert {int(url.rsplit("/", 1)[1].split(".")[0]) for url in foreign} == set(range(1, 20))


def test_nothing_of_the_built_site_loads_from_another_origin(site: Site) -> None:
    for path in site.html_files:
        html = path.read_text(encoding="utf-8")
        foreign = [(form, url) for form, url in loaded_urls(html) if is_foreign(url)]
        assert foreign == [], path
    for stylesheet in site.root.rglob("*.css"):
        from origins import css_urls

        foreign_css = [url for url in css_urls(stylesheet.read_text(encoding="utf-8")) if is_foreign(url)]
        assert foreign_css == [], stylesheet


# Through the whole build: a hostile line in a real page stops the build at it.
BUILD_CASES = {
    "raw script": ("<script>alert(1)</script>", "raw HTML: the element <script> is not allowed in a page"),
    "Markdown image from another origin": ("![pixel](https://evil.example/pixel.png)", "raw HTML: <img src=\"https://evil.example/pixel.png\"> loads from another origin"),
    "Markdown javascript link": ("[click](javascript:alert(1))", 'raw HTML: the URL href="javascript:alert(1)" on <a> is not allowed'),
    "mermaid diagram": ('<div class="mermaid">graph TD; A-->B</div>', 'raw HTML: class="mermaid" on <div> would make the theme fetch code'),
}


@pytest.mark.parametrize("case", sorted(BUILD_CASES))
def test_a_hostile_page_stops_the_build_at_its_line(case: str, tmp_path: Path) -> None:
    line_text, message = BUILD_CASES[case]
    project = copy_project(tmp_path / "project")
    page = project / "docs/about.en.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    at = len(lines) - 1
    lines[at:at] = ["", line_text, ""]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output, result.output
    assert f"docs/about.en.md:{at + 2}: {message}" in result.output, result.output
