"""Material's stylesheets cut down to what the site's pages use before any
script runs, and that cut down again to what the first screen of each
section of the site needs.

    .venv/bin/python tools/critical_css.py [--site DIR] [--check]   (make critical-css)

Why
---
Material's main.css (about 135 KiB) and palette.css (12 KiB) block the first
paint of every page, yet most of their rules style components this site never
shows (tabs, code blocks, annotations, banners...) or states that only
Material's JavaScript creates (search results, tooltips, dialogs). The pages
load this subset instead, inline, and fetch Material's full stylesheets, with
its JavaScript, when the reader first interacts (overrides/main.html).

What is kept
------------
Every style rule that can apply to the HTML of a built page as it arrives,
in any palette of the toggle, before Material's JavaScript has run:

* each selector of a rule is matched (with soupsieve, the selector engine of
  BeautifulSoup) against every page of the built site, with the `js` class
  on <html> as the loader sets it, once with each palette of the toggle on
  <body>;
* states a reader can reach without Material's JavaScript are assumed
  reachable: dynamic pseudo-classes (:hover, :focus, :checked, :target...)
  are dropped before matching and pseudo-elements (::before, ::placeholder...)
  are matched on their element, so the drawer, the CSS-only language menu,
  focus rings, the search toggle and print all keep their style;
* a selector that soupsieve cannot parse is kept: when in doubt, keep;
* a rule keeps only its selectors that match; media and supports blocks keep
  the rules they still hold; @keyframes are kept if a kept rule names them;
  @page is kept (print);
* Material's custom properties (its icons, colours...) are kept if a kept
  rule, the site's own stylesheets or its pages read them, directly or
  through another kept property.

Rules and selectors are copied byte for byte from Material's files, in their
order, so the cascade is Material's. That subset is written to
overrides/assets/stylesheets/material-subset.<hash>.css: each page loads it
without waiting for it (overrides/main.html), and it is cached across pages.

The first screen
----------------
What each page inlines (at most 14,000 bytes) is only what its first screen
needs, found in Chromium for each section of the site (home, articles,
glossary..., as the page names it: hooks/publication/render/head.py:page_section),
at six widths around Material's breakpoints:

* every rule of the subset that matches an element seen on the first
  screen, or one of its ancestors, where the rule's media query applies at
  that width; states count as they are when the page appears (no pointer
  over a link, no focus), pseudo-elements on their element;
* then, until nothing changes: the page is drawn with only those rules, and
  every element whose box on the screen or paint differs from the page
  drawn with the whole subset brings its rules in (the outermost first, then
  its children and its container when its own rules are not enough).

The partial overrides/partials/critical-css.html holds each section's rules,
the cached stylesheet's name and the names of Material's stylesheets they
were cut from: overrides/main.html uses them only while Material's
stylesheet names (they carry a content hash) are still those, and a section
the partial does not know links Material's stylesheets as Material does.
tests/browser/test_first_screen.py checks that the cached stylesheet moves
and repaints nothing on the first screen.

When to run it
--------------
After a change of Material's version, of the theme overrides, or of the
Markdown or generated blocks that brings HTML elements or classes the pages
did not have. `--check` exits 1 if the committed subset misses a rule the
pages need (an element would be unstyled until the first interaction), was
cut from other stylesheets, has no CSS for a section, or inlines more than
the budget (before `make audit`; it does not start a browser).
Without `--site`, the site is built into a temporary folder first.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import soupsieve
from bs4 import BeautifulSoup
from bs4.element import Stylesheet

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "overrides" / "partials" / "critical-css.html"
CACHED_DIR = PROJECT / "overrides" / "assets" / "stylesheets"
# The inline CSS a page may carry (issue 14: the first round trip of a
# connection carries about 14 kB).
BUDGET = 14_000
MKDOCS = Path(sys.executable).with_name("mkdocs")

# Pseudo-classes that describe the document's structure: kept when matching.
# Every other pseudo-class (:hover, :focus-visible, :checked, :target, vendor
# ones...) is a state that may become true, and is dropped.
STRUCTURAL = {
    "root", "empty", "first-child", "last-child", "only-child", "first-of-type", "last-of-type",
    "only-of-type", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type",
    "is", "where", "not", "has", "lang", "dir", "link", "any-link", "scope",
}
LEGACY_PSEUDO_ELEMENTS = {"before", "after", "first-line", "first-letter"}
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")


# --- Parsing, keeping the source text -------------------------------------

@dataclass
class Style:
    selectors: list[str]
    body: str  # declarations, without braces


@dataclass
class Group:
    prelude: str  # "@media screen and (...)"
    children: list = field(default_factory=list)


@dataclass
class Other:
    text: str  # a whole at-rule or statement, as written


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    i += 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _code(text: str, i: int) -> Iterator[tuple[int, str]]:
    """(index, character) of `text` from i on, strings and comments skipped."""
    while i < len(text):
        if text[i] in "\"'":
            i = _skip_string(text, i)
        elif text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
        else:
            yield i, text[i]
            i += 1


def _read_until(text: str, i: int, stops: str) -> int:
    """Index of the first character of `stops` at nesting depth 0 from i."""
    depth = 0
    for j, c in _code(text, i):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in stops:
            return j
    return len(text)


def _closing(text: str, i: int) -> int:
    """Index of the ')' or ']' closing the bracket opened just before i."""
    depth = 0
    for j, c in _code(text, i):
        if c in "([":
            depth += 1
        elif c in ")]":
            if depth == 0:
                return j
            depth -= 1
    raise ValueError(f"unbalanced brackets in {text!r}")


def _block_end(text: str, i: int) -> int:
    """Index just after the '}' closing the block whose '{' is at i."""
    depth = 0
    for j, c in _code(text, i):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced braces")


def parse(text: str, i: int = 0, end: int | None = None) -> list:
    end = len(text) if end is None else end
    nodes: list = []
    while i < end:
        while i < end and text[i].isspace():
            i += 1
        if i >= end:
            break
        if text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
            continue
        stop = _read_until(text, i, "{;}")
        prelude = text[i:stop].strip()
        if stop >= end or text[stop] in ";}":
            if prelude:
                nodes.append(Other(prelude + ";"))
            i = stop + 1
            continue
        close = _block_end(text, stop)
        if prelude.startswith(GROUPING_AT_RULES):
            nodes.append(Group(prelude, parse(text, stop + 1, close - 1)))
        elif prelude.startswith("@"):
            nodes.append(Other(text[i:close]))
        else:
            nodes.append(Style(split_list(prelude), text[stop + 1 : close - 1]))
        i = close
    return nodes


def split_list(selector_list: str) -> list[str]:
    """Top-level comma split of a selector list."""
    parts, start, depth, i = [], 0, 0, 0
    while i < len(selector_list):
        c = selector_list[i]
        if c in "\"'":
            i = _skip_string(selector_list, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selector_list[start:i].strip())
            start = i + 1
        i += 1
    parts.append(selector_list[start:].strip())
    return [p for p in parts if p]


# --- Selectors: the states a reader may reach are assumed reached -----------

def probe(selector: str, *, states: bool = False) -> tuple[str, bool]:
    """The selector to match against the static page, and whether anything
    was relaxed (a state or a pseudo-element dropped). With `states`, the
    states stay, to be matched in a browser as they are at first paint."""
    out, relaxed, i = [], False, 0
    while i < len(selector):
        c = selector[i]
        if c in "\"'":
            j = _skip_string(selector, i)
        elif c == "[":
            j = _closing(selector, i + 1) + 1
        elif c == ":":
            double = selector.startswith("::", i)
            start = i + (2 if double else 1)
            m = re.match(r"-?[A-Za-z][\w-]*", selector[start:])
            name = m.group(0).lower() if m else ""
            j = start + len(name)
            argument = None
            if j < len(selector) and selector[j] == "(":
                close = _closing(selector, j + 1)
                argument = selector[j + 1 : close]
                j = close + 1
            if double or name in LEGACY_PSEUDO_ELEMENTS:
                relaxed = True  # a pseudo-element: matched on its element
                i = j
                continue
            if name not in STRUCTURAL and not states:
                relaxed = True  # a state that may be reached
                i = j
                continue
            if name not in STRUCTURAL:
                out.append(selector[i:j])  # a state, matched as it is at first paint
                i = j
                continue
            if name in ("is", "where", "has") and argument is not None:
                inner = [_relative_probe(part, states=states) for part in split_list(argument)]
                relaxed |= any(r for _, r in inner)
                out.append(f":{name}({','.join(p for p, _ in inner)})")
                i = j
                continue
            if name == "not" and argument is not None and not states and any(probe(part)[1] for part in split_list(argument)):
                relaxed = True  # not(a state): may be true
                i = j
                continue
        else:
            j = i + 1
        out.append(selector[i:j])
        i = j
    return _fill_empty_compounds("".join(out)), relaxed


def _relative_probe(selector: str, *, states: bool = False) -> tuple[str, bool]:
    """probe() of a selector that may start with a combinator, as in :has()."""
    combinator = re.match(r"\s*[>+~]\s*", selector)
    if not combinator:
        return probe(selector, states=states)
    inner, relaxed = probe(selector[combinator.end():], states=states)
    return combinator.group(0).strip() + inner, relaxed


def _fill_empty_compounds(selector: str) -> str:
    """Put `*` where dropping pseudo-classes left a compound empty."""
    tokens = re.split(r"(\s*[>+~]\s*|\s+)", selector.lstrip())
    return "".join("*" if n % 2 == 0 and token == "" else token for n, token in enumerate(tokens))


# --- Matching against the built pages ---------------------------------------

class Pages:
    """The built pages as they are before Material's JavaScript runs: the
    loader has put `js` on <html> and the palette script shows one toggle;
    matched once with each palette on <body>."""

    def __init__(self, site: Path) -> None:
        self.documents: list[BeautifulSoup] = []
        self.files: list[Path] = []
        self.sections: list[str] = []  # the section each page says it is in (overrides/main.html)
        for file in sorted(site.rglob("*.html")):
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
            html = soup.find("html")
            if html is None or soup.find(attrs={"data-md-component": "container"}) is None:
                continue  # not a page of the theme (a redirect, a fragment)
            self.sections.append(str(soup.select_one("style#__md_critical[data-section]")["data-section"])
                                 if soup.select_one("style#__md_critical[data-section]") else "")
            for style in soup.select("style#__md_critical"):
                style.decompose()  # this tool's own output: not a reader of properties
            classes = [c for c in html.get("class", []) if c != "no-js"]
            html["class"] = [*classes, "js"]
            for label in soup.select("form[data-md-component=palette] label[hidden]")[:1]:
                del label["hidden"]
            self.documents.append(soup)
            self.files.append(file)
        if not self.documents:
            raise SystemExit(f"no page of the theme found in {site}")
        # Every palette of the toggle (scheme, primary and accent colours), as
        # its script sets them on <body>.
        self.palettes = sorted({
            tuple((key, input.get(f"data-md-color-{key}", "")) for key in ("scheme", "primary", "accent"))
            for document in self.documents
            for input in document.select("form[data-md-component=palette] input[data-md-color-scheme]")
        }) or [()]
        self._cache: dict[str, bool] = {}

    def sections_of(self) -> dict[str, list[Path]]:
        """The pages by section of the site ("home", "articles"...)."""
        found: dict[str, list[Path]] = {}
        for file, section in zip(self.files, self.sections):
            if not section:
                raise SystemExit(f"{file} names no section: is overrides/main.html the one this tool knows?")
            found.setdefault(section, []).append(file)
        return found

    def matches(self, selector: str) -> bool:
        if selector not in self._cache:
            self._cache[selector] = self._matches(selector)
        return self._cache[selector]

    def _matches(self, selector: str) -> bool:
        selector, _ = probe(selector)
        try:
            compiled = soupsieve.compile(selector)
        except Exception:
            return True
        for palette in self.palettes:
            for document in self.documents:
                if document.body is not None:
                    for key, value in palette:
                        document.body[f"data-md-color-{key}"] = value
                if compiled.select_one(document) is not None:
                    return True
            if "data-md-color" not in selector:
                break  # the palette cannot change the answer
        return False


# --- The subset -------------------------------------------------------------

def subset(nodes: list, pages: Pages) -> list:
    kept = []
    for node in nodes:
        if isinstance(node, Style):
            selectors = [s for s in node.selectors if pages.matches(s)]
            if selectors:
                kept.append(Style(selectors, node.body))
        elif isinstance(node, Group):
            children = subset(node.children, pages)
            if children:
                kept.append(Group(node.prelude, children))
        elif isinstance(node, Other):
            if node.text.startswith(("@page", "@font-face")):
                kept.append(node)
            elif node.text.startswith(("@keyframes", "@-webkit-keyframes")):
                kept.append(node)  # dropped below unless a kept rule names it
    return kept


def keyframes_used(nodes: list) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, Style):
            for m in re.finditer(r"animation(?:-name)?\s*:\s*([^;}]+)", node.body):
                names.update(re.findall(r"[A-Za-z_][\w-]*", m.group(1)))
        elif isinstance(node, Group):
            names |= keyframes_used(node.children)
    return names


def drop_unused_keyframes(nodes: list, used: set[str]) -> list:
    kept = []
    for node in nodes:
        if isinstance(node, Other) and node.text.startswith(("@keyframes", "@-webkit-keyframes")):
            name = node.text.split("{", 1)[0].split()[1]
            if name not in used:
                continue
        if isinstance(node, Group):
            node = Group(node.prelude, drop_unused_keyframes(node.children, used))
            if not node.children:
                continue
        kept.append(node)
    return kept


def declarations(body: str) -> list[str]:
    """A rule's declarations, split at top-level semicolons, as written."""
    parts, start, i = [], 0, 0
    while i <= len(body):
        stop = _read_until(body, i, ";")
        parts.append(body[start:stop])
        i = start = stop + 1
    return [p for p in parts if p.strip()]


def custom_property(declaration: str) -> str | None:
    name = declaration.split(":", 1)[0].strip()
    return name if name.startswith("--") else None


VAR = re.compile(r"var\(\s*(--[\w-]+)")


def used_properties(nodes: list, extra: str) -> set[str]:
    """Custom properties that a kept declaration reads, directly or through
    other custom properties, or that `extra` (the site's own CSS and pages)
    reads."""
    values: dict[str, list[str]] = {}
    used = set(VAR.findall(extra))

    def walk(nodes: list) -> None:
        for node in nodes:
            if isinstance(node, Style):
                for declaration in declarations(node.body):
                    name = custom_property(declaration)
                    if name:
                        values.setdefault(name, []).append(declaration)
                    else:
                        used.update(VAR.findall(declaration))
            elif isinstance(node, Group):
                walk(node.children)
            elif isinstance(node, Other):
                used.update(VAR.findall(node.text))

    walk(nodes)
    todo = list(used)
    while todo:
        for declaration in values.get(todo.pop(), []):
            for name in VAR.findall(declaration.split(":", 1)[1]):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def drop_unused_properties(nodes: list, used: set[str]) -> list:
    kept = []
    for node in nodes:
        if isinstance(node, Style):
            body = ";".join(d for d in declarations(node.body) if custom_property(d) in (None, *used))
            if not body:
                continue
            node = Style(node.selectors, body)
        elif isinstance(node, Group):
            node = Group(node.prelude, drop_unused_properties(node.children, used))
            if not node.children:
                continue
        kept.append(node)
    return kept


def serialize(nodes: list) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Style):
            parts.append(",".join(node.selectors) + "{" + node.body + "}")
        elif isinstance(node, Group):
            parts.append(node.prelude + "{" + serialize(node.children) + "}")
        else:
            parts.append(node.text)
    return "".join(parts)


def flatten(nodes: list, context: tuple[str, ...] = ()) -> set[tuple]:
    """(media context, selector, body) of every selector of every rule."""
    found = set()
    for node in nodes:
        if isinstance(node, Style):
            found |= {(context, s, node.body) for s in node.selectors}
        elif isinstance(node, Group):
            found |= flatten(node.children, (*context, node.prelude))
        else:
            found.add((context, node.text, ""))
    return found


# --- The first screen -------------------------------------------------------

Place = tuple[tuple[str, ...], str]  # the at-rules a selector sits in, and the selector


def restrict(nodes: list, keep: set[Place], context: tuple[str, ...] = ()) -> list:
    """The rules of `nodes` cut down to the selectors in `keep` (where they
    sit), without print rules (the cached subset has them before anyone
    prints)."""
    kept: list = []
    for node in nodes:
        if isinstance(node, Style):
            selectors = [s for s in node.selectors if (context, s) in keep]
            if selectors:
                kept.append(Style(selectors, node.body))
        elif isinstance(node, Group):
            if node.prelude.split()[:2] == ["@media", "print"]:
                continue
            children = restrict(node.children, keep, (*context, node.prelude))
            if children:
                kept.append(Group(node.prelude, children))
        elif isinstance(node, Other) and node.text.startswith(("@keyframes", "@-webkit-keyframes", "@font-face")):
            kept.append(node)
    return kept


def places(nodes: list, context: tuple[str, ...] = ()) -> list[Place]:
    found: dict[Place, None] = {}
    for node in nodes:
        if isinstance(node, Style):
            found.update(dict.fromkeys((context, s) for s in node.selectors))
        elif isinstance(node, Group):
            found.update(dict.fromkeys(places(node.children, (*context, node.prelude))))
    return list(found)


# Whether an at-rule applies on the screen the page is shown on.
APPLIES = """(preludes) => preludes.map((prelude) => {
  const [keyword, ...rest] = prelude.split(' ');
  const condition = rest.join(' ');
  if (keyword === '@media') return matchMedia(condition).matches;
  if (keyword === '@supports') return CSS.supports(condition);
  return true;
})"""


# Widths on each side of Material's layout breakpoints (720, 960, 1220, 1600
# and 2000 px), each with the height of a common screen of that width.
SCREENS = [
    (390, 844, True), (800, 1280, True), (1024, 768, False), (1440, 900, False), (1920, 1080, False), (2560, 1440, False),
]

# What the first screen shows of each element: its box, the properties that
# paint it, and its ::before and ::after (Material's icons).
SNAPSHOT = """(selectors) => {
  const elements = [document.documentElement, ...document.documentElement.querySelectorAll('*')];
  const index = new Map(elements.map((element, i) => [element, i]));
  const properties = ['display', 'visibility', 'opacity', 'position', 'color', 'background-color', 'background-image',
    'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'text-decoration-line', 'text-transform',
    'border-top-width', 'border-top-color', 'border-left-width', 'border-left-color', 'border-bottom-width',
    'border-radius', 'box-shadow', 'outline-style', 'transform', 'fill', 'mask-image', 'list-style-type', 'z-index'];
  const painted = (style) => [style.content, style.width, style.height, style.backgroundColor, style.maskImage].join('|');
  const state = elements.map((element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // On the first screen, and seen: not transparent, hidden or clipped away.
    const there = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
      && (box.width > 1 || box.height > 1);
    const shown = there && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    // The part of the box on the screen: a page's height below the first
    // screen is not what a reader sees at first.
    const seen = [Math.max(box.left, 0), Math.max(box.top, 0), Math.min(box.right, innerWidth), Math.min(box.bottom, innerHeight)];
    return [shown, seen.map((v) => Math.round(v * 2) / 2).join(',')
      + '|' + properties.map((name) => style.getPropertyValue(name)).join('|')
      + '|' + painted(getComputedStyle(element, '::before')) + '|' + painted(getComputedStyle(element, '::after'))];
  });
  const parents = elements.map((element) => (element.parentElement ? index.get(element.parentElement) : -1));
  const names = elements.map((element) => element.localName + (element.classList.length ? '.' + [...element.classList].join('.') : ''));
  const matches = selectors && selectors.map((selector) => {
    try { return [...document.querySelectorAll(selector)].map((element) => index.get(element)); }
    catch (error) { return null; }
  });
  return { state, parents, names, matches };
}"""


def first_screen(site: Path, files: list[Path], kept: list, extra: str, sources: list[Path]) -> tuple[list, list[str]]:
    """The rules of `kept` that the first screen of any page needs, found in
    Chromium: every rule that matches an element on the first screen (or
    one of its ancestors) with the whole subset, then, until nothing moves,
    the rules of every element that looks different on the first screen
    with only those rules. Returns the rules and the differences left."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(PROJECT / "tools"))
    from shots import CHROMIUM_ARGS, serve

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    where = places(kept)
    selectors = list(dict.fromkeys(selector for _, selector in where))
    contexts_of: dict[str, list[tuple[str, ...]]] = {}
    for context, selector in where:
        contexts_of.setdefault(selector, []).append(context)
    preludes = sorted({prelude for context, _ in where for prelude in context})
    # A state (hover, focus, checked...) counts as it is when the page
    # appears: a rule for a pointer over a link can wait for the cached copy.
    probes = [probe(s, states=True)[0] for s in selectors]
    pages = [_address(file.relative_to(site)) for file in files]
    server, base = serve(site)
    candidate = {"css": serialize(kept)}

    def rewrite(route) -> None:
        response = route.fetch()
        body = response.text()
        if 'id="__md_critical"' in body:
            soup = BeautifulSoup(body, "lxml")
            style = soup.find("style", id="__md_critical")
            if style is not None:
                style.string = Stylesheet(candidate["css"])  # not escaped as text
            # A section the partial does not know yet links Material's
            # stylesheets instead: the page is measured as if it knew it.
            for link in soup.select("link[rel=stylesheet]"):
                if link.find_parent("noscript") is None and any(str(link.get("href", "")).endswith(s.name) for s in sources):
                    link.decompose()
            body = str(soup)
        route.fulfill(response=response, body=body)

    chosen: set[Place] = set()
    left: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            views = []
            for width, height, touch in SCREENS:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch, bypass_csp=True
                )
                context.route("**/*", lambda route: route.abort() if "/stylesheets/material-subset." in route.request.url
                              else rewrite(route) if route.request.resource_type == "document" else route.continue_())
                views.append(context.new_page())
            reference: dict[tuple[int, str], dict] = {}
            shown: dict[tuple[int, str], set[int]] = {}
            applies: list[dict[str, bool]] = []
            for v, view in enumerate(views):
                view.goto(base, wait_until="load")
                applies.append(dict(zip(preludes, view.evaluate(APPLIES, preludes))))
                for path in pages:
                    view.goto(base + path, wait_until="load")
                    snapshot = view.evaluate(SNAPSHOT, probes)
                    reference[v, path] = snapshot
                    shown[v, path] = _with_ancestors({i for i, (on, _) in enumerate(snapshot["state"]) if on}, snapshot)
            for _ in range(40):
                # A selector where it sits, if it matches an element seen
                # on a screen where its at-rules apply.
                chosen = {
                    (context, selector)
                    for (v, path), snapshot in reference.items()
                    for selector, found in zip(selectors, snapshot["matches"])
                    if found is None or shown[v, path].intersection(found)
                    for context in contexts_of[selector]
                    if all(applies[v][prelude] for prelude in context)
                }
                rules = restrict(kept, chosen)
                rules = drop_unused_keyframes(rules, keyframes_used(rules))
                rules = drop_unused_properties(rules, used_properties(rules, extra))
                candidate["css"] = serialize(rules)
                grew, left = False, []
                for v, view in enumerate(views):
                    for path in pages:
                        view.goto(base + path, wait_until="load")
                        state = view.evaluate(SNAPSHOT, None)["state"]
                        ref = reference[v, path]["state"]
                        # An element seen on the first screen in either.
                        # (One there unseen, such as a dialog Material fades
                        # out, does not fade before the reader's eyes: the
                        # page holds transitions back until the cached copy
                        # has applied, overrides/main.html.)
                        different = {
                            i for i, ((on, now), (was_on, was)) in enumerate(zip(state, ref))
                            if (on or was_on) and now != was
                        }
                        # The outermost first: an element that shows where
                        # it should not takes its children along, and the
                        # rules that put it in its place put them back too.
                        # Below an element whose rules are in already, the
                        # cause is further in: its children come next.
                        parents = reference[v, path]["parents"]
                        new = {
                            i for i in different if parents[i] not in different or parents[i] in shown[v, path]
                        }
                        # Still different with its own rules in: the cause
                        # may be its container (an absolute box's width).
                        new |= {parents[i] for i in different & shown[v, path] if parents[i] >= 0}
                        new -= shown[v, path]
                        if different:
                            names = sorted({reference[v, path]["names"][i] for i in different})
                            left.append(f"{SCREENS[v][0]} px {path or '/'}: {', '.join(names)[:300]}")
                        if new:
                            shown[v, path] |= new
                            grew = True
                if not grew:
                    break
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return rules, left


def _with_ancestors(elements: set[int], snapshot: dict) -> set[int]:
    found = set()
    for i in elements:
        while i >= 0 and i not in found:
            found.add(i)
            i = snapshot["parents"][i]
    return found


def _address(path: Path) -> str:
    """The address of a built page, relative to the site's root."""
    if path.name != "index.html":
        return path.as_posix()
    return "" if path.parent == Path(".") else path.parent.as_posix() + "/"


def material_stylesheets() -> list[Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    sheets = [*sorted(folder.glob("main.*.min.css")), *sorted(folder.glob("palette.*.min.css"))]
    if len(sheets) != 2:
        raise SystemExit(f"expected one main.*.min.css and one palette.*.min.css in {folder}, found {sheets}")
    return sheets


def render(sources: list[Path], inline: dict[str, str], cached: str) -> str:
    names = ", ".join(f'"assets/stylesheets/{s.name}"' for s in sources)
    blocks = []
    for kind, css in sorted(inline.items()):
        if not re.fullmatch(r"\w+", kind, re.ASCII):
            raise SystemExit(f"a section named {kind!r} cannot be a name in the partial (head.py:page_section)")
        if "{%" in css or "{{" in css or "{#" in css:
            raise SystemExit("the CSS holds a Jinja delimiter: the partial cannot carry it")
        blocks.append(f"{{% set critical_css_{kind} %}}{{% raw %}}{css}{{% endraw %}}{{% endset %}}\n")
    return (
        "{#- Generated by tools/critical_css.py: do not edit. Material's rules that\n"
        "    the first screen of each section of the site needs, inlined\n"
        "    (critical_css_<kind>); all the rules the pages use before Material's\n"
        "    JavaScript runs, in a cached stylesheet (critical_css_cached); cut\n"
        "    from critical_css_sources. -#}\n"
        f"{{% set critical_css_sources = [{names}] %}}\n"
        f'{{% set critical_css_cached = "{cached}" %}}\n' + "".join(blocks)
    )


def committed_css(text: str) -> tuple[list[str], dict[str, str], str]:
    """The sources, the inline CSS of each kind of page and the cached
    stylesheet's address of a partial that render() wrote."""
    sources = re.search(r"critical_css_sources = \[(.*?)\]", text)
    cached = re.search(r'critical_css_cached = "([^"]+)"', text)
    inline = dict(re.findall(r"\{% set critical_css_(\w+) %\}\{% raw %\}(.*?)\{% endraw %\}", text, re.S))
    if not sources or not inline or not cached:
        return [], {}, ""
    return re.findall(r'"([^"]+)"', sources.group(1)), inline, cached.group(1)


def write_cached(css: str) -> str:
    """The whole subset as a stylesheet of the theme, named by its content
    (a browser may keep it as long as it likes); older ones are removed."""
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    CACHED_DIR.mkdir(parents=True, exist_ok=True)
    for old in CACHED_DIR.glob("material-subset.*.css"):
        old.unlink()
    (CACHED_DIR / f"material-subset.{digest}.css").write_text(css, encoding="utf-8")
    return f"assets/stylesheets/material-subset.{digest}.css"


def own_text(site: Path, pages: Pages, sources: list[Path]) -> str:
    """The site's own stylesheets and pages, where they may read Material's
    custom properties: not Material's files, nor what this tool made."""
    skipped = {s.name for s in sources}
    sheets = [f for f in sorted(site.rglob("*.css")) if f.name not in skipped and not f.name.startswith("material-subset.")]
    return "".join(f.read_text(encoding="utf-8") for f in sheets) + "".join(str(d) for d in pages.documents)


def check(output: Path, sources: list[Path], pages: Pages, kept: list, css: str) -> int:
    names, inline, cached = committed_css(output.read_text(encoding="utf-8")) if output.is_file() else ([], {}, "")
    expected = [f"assets/stylesheets/{s.name}" for s in sources]
    shown = output.relative_to(PROJECT)
    if names != expected:
        print(f"{shown} was cut from {names or 'nothing'}, Material now has {expected}: run tools/critical_css.py")
        return 1
    cached_file = CACHED_DIR.parent.parent / cached
    if not cached_file.is_file():
        print(f"{shown} names {cached}, which is not in overrides/: run tools/critical_css.py")
        return 1
    missing = flatten(kept) - flatten(parse(cached_file.read_text(encoding="utf-8")))
    if missing:
        print(f"{cached_file.relative_to(PROJECT)} misses {len(missing)} rules the pages need, e.g.:")
        for context, selector, body in sorted(missing)[:10]:
            print("  " + " ".join(context) + (" " if context else "") + selector + "{" + body[:60] + "}")
        print("Run: .venv/bin/python tools/critical_css.py")
        return 1
    unseen = sorted(set(pages.sections) - set(inline))
    if unseen:
        print(f"{shown} has no inline CSS for the section(s) {unseen}: run tools/critical_css.py")
        return 1
    sizes = {kind: len(css.encode()) for kind, css in inline.items()}
    over = {kind: size for kind, size in sizes.items() if size > BUDGET}
    if over:
        print(f"{shown} inlines more than the budget of {BUDGET} bytes: {over}")
        return 1
    print(f"{shown} is up to date: {sizes} bytes inline, {len(css.encode())} in {cached}")
    return 0


def build_site(target: Path) -> Path:
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(target)],
        cwd=PROJECT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("mkdocs build failed")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the committed subset misses rules"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="critical-css-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        pages = Pages(site)
        sources = material_stylesheets()
        kept = []
        for source in sources:
            kept += subset(parse(source.read_text(encoding="utf-8")), pages)
        kept = drop_unused_keyframes(kept, keyframes_used(kept))
        # What the site's own stylesheets and pages read from Material's
        # custom properties (its icons, colours...) stays defined.
        extra = own_text(site, pages, sources)
        kept = drop_unused_properties(kept, used_properties(kept, extra))
        css = serialize(kept)
        if args.check:
            return check(args.output, sources, pages, kept, css)
        # An article's first screen and a listing's share little: each
        # section of the site (as the page names it, from
        # hooks/publication/render/head.py:page_section) gets the rules of its own.
        inline, left = {}, []
        for kind, files in pages.sections_of().items():
            rules, differences = first_screen(site, files, kept, extra, sources)
            inline[kind] = serialize(rules)
            left += differences

    cached = write_cached(css)
    args.output.write_text(render(sources, inline, cached), encoding="utf-8")
    total = sum(s.stat().st_size for s in sources)
    sizes = {kind: len(text.encode()) for kind, text in inline.items()}
    print(f"wrote {args.output.relative_to(PROJECT)}: {sizes} bytes inline")
    print(f"wrote overrides/{cached}: {len(css.encode())} bytes, of {total} in Material's stylesheets")
    for line in left:
        print(f"  still different on the first screen, at {line}")
    if max(sizes.values()) > BUDGET:
        print(f"over the budget of {BUDGET} bytes inline")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
