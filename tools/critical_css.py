"""Material's stylesheets cut down to what the site's pages use before any
script runs: the render-blocking CSS of every page.

    .venv/bin/python tools/critical_css.py [--site DIR] [--check]

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
order, so the cascade is Material's. The result is written to
overrides/partials/critical-css.html, with the names of the stylesheets it
was cut from: overrides/main.html uses it only while Material's stylesheet
names (they carry a content hash) are still those, and falls back to
Material's render-blocking stylesheets after an upgrade until this tool is
run again.

When to run it
--------------
After a change of Material's version, of the theme overrides, or of the
Markdown or generated blocks that brings HTML elements or classes the pages
did not have. `--check` exits 1 if the committed subset misses a rule the
pages need (an element would be unstyled until the first interaction) or was
cut from other stylesheets (for CI, and before `make audit`).
Without `--site`, the site is built into a temporary folder first.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import soupsieve
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "overrides" / "partials" / "critical-css.html"
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

def probe(selector: str) -> tuple[str, bool]:
    """The selector to match against the static page, and whether anything
    was relaxed (a state or a pseudo-element dropped)."""
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
            if double or name in LEGACY_PSEUDO_ELEMENTS or name not in STRUCTURAL:
                relaxed = True  # a pseudo-element, or a state that may be reached
                i = j
                continue
            if name in ("is", "where", "has") and argument is not None:
                inner = [_relative_probe(part) for part in split_list(argument)]
                relaxed |= any(r for _, r in inner)
                out.append(f":{name}({','.join(p for p, _ in inner)})")
                i = j
                continue
            if name == "not" and argument is not None and any(probe(part)[1] for part in split_list(argument)):
                relaxed = True  # not(a state): may be true
                i = j
                continue
        else:
            j = i + 1
        out.append(selector[i:j])
        i = j
    return _fill_empty_compounds("".join(out)), relaxed


def _relative_probe(selector: str) -> tuple[str, bool]:
    """probe() of a selector that may start with a combinator, as in :has()."""
    combinator = re.match(r"\s*[>+~]\s*", selector)
    if not combinator:
        return probe(selector)
    inner, relaxed = probe(selector[combinator.end():])
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
        for file in sorted(site.rglob("*.html")):
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
            html = soup.find("html")
            if html is None or soup.find(attrs={"data-md-component": "container"}) is None:
                continue  # not a page of the theme (a redirect, a fragment)
            classes = [c for c in html.get("class", []) if c != "no-js"]
            html["class"] = [*classes, "js"]
            for label in soup.select("form[data-md-component=palette] label[hidden]")[:1]:
                del label["hidden"]
            self.documents.append(soup)
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


def material_stylesheets() -> list[Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    sheets = [*sorted(folder.glob("main.*.min.css")), *sorted(folder.glob("palette.*.min.css"))]
    if len(sheets) != 2:
        raise SystemExit(f"expected one main.*.min.css and one palette.*.min.css in {folder}, found {sheets}")
    return sheets


def render(sources: list[Path], css: str) -> str:
    names = ", ".join(f'"assets/stylesheets/{s.name}"' for s in sources)
    if "{%" in css or "{{" in css or "{#" in css or "{% endraw %}" in css:
        raise SystemExit("the CSS holds a Jinja delimiter: the partial cannot carry it")
    return (
        "{#- Generated by tools/critical_css.py: do not edit. Material's rules that\n"
        "    the pages use before Material's JavaScript runs, cut from: -#}\n"
        f"{{% set critical_css_sources = [{names}] %}}\n"
        "{% set critical_css %}{% raw %}" + css + "{% endraw %}{% endset %}\n"
    )


def committed_css(text: str) -> tuple[list[str], str]:
    sources = re.search(r"critical_css_sources = \[(.*?)\]", text)
    css = re.search(r"\{% raw %\}(.*)\{% endraw %\}", text, re.S)
    if not sources or not css:
        return [], ""
    return re.findall(r'"([^"]+)"', sources.group(1)), css.group(1)


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
        own = [f for f in site.rglob("*.css") if f.name not in {s.name for s in sources}]
        extra = "".join(f.read_text(encoding="utf-8") for f in [*own, *sorted(site.rglob("*.html"))])
        kept = drop_unused_properties(kept, used_properties(kept, extra))
        css = serialize(kept)

    total = sum(s.stat().st_size for s in sources)
    if args.check:
        names, committed = committed_css(args.output.read_text(encoding="utf-8")) if args.output.is_file() else ([], "")
        expected = [f"assets/stylesheets/{s.name}" for s in sources]
        if names != expected:
            print(
                f"{args.output.relative_to(PROJECT)} was cut from {names or 'nothing'}, "
                f"Material now has {expected}: run tools/critical_css.py"
            )
            return 1
        missing = flatten(kept) - flatten(parse(committed))
        if missing:
            print(f"{args.output.relative_to(PROJECT)} misses {len(missing)} rules the pages need, e.g.:")
            for context, selector, body in sorted(missing)[:10]:
                print("  " + " ".join(context) + (" " if context else "") + selector + "{" + body[:60] + "}")
            print("Run: .venv/bin/python tools/critical_css.py")
            return 1
        print(f"{args.output.relative_to(PROJECT)} is up to date ({len(css.encode())} of {total} bytes)")
        return 0
    args.output.write_text(render(sources, css), encoding="utf-8")
    names = ", ".join(s.name for s in sources)
    print(f"wrote {args.output}: {len(css.encode())} bytes of CSS, from {total} in {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
