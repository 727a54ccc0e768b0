"""What a page may contain: the raw-HTML policy, decided by the nh3 sanitizer, enforced with file and line.

Markdown lets a page carry raw HTML, and anyone can change a page in a pull
request. The rendered body of every page (Markdown's output, generated
blocks included) is handed to nh3 (the Ammonia sanitizer) with the
publication's allow-list; whatever nh3 would remove or change stops the
build, naming the page and the source line that wrote it. The policy, in
CONTRIBUTING ("What a page may contain"):

- text-level and block elements of prose, tables, figures, images, audio
  and video; no `script`, `style`, `iframe`, `object`, `embed`, `form` or
  form fields, `svg`, `math`, `link`, `meta`, `base`;
- attributes from the allow-list below: no event handlers (`on…`), no
  `style`, no `data-md-…` (the theme's scripts act on those);
- links (`href`, `cite`) to http, https, mailto or a path of the site; no
  `javascript:` or `data:` URL;
- nothing loaded from another origin: `src`, `srcset` and `poster` are paths
  of the site, never an absolute URL;
- no `class="mermaid"`: Material would fetch Mermaid from a CDN to draw it.

The site's configuration is held to the same rule (`check_config`): no web
fonts, analytics or extra CSS/JavaScript from another origin.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import nh3

from publication.errors import PublicationError

TAGS = frozenset(
    {
        "a", "abbr", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
        "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
        "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
        "track", "u", "ul", "var", "video", "wbr",
    }
)
# Removed with their content, so nothing of them is left to read.
REMOVED_WITH_CONTENT = frozenset({"script", "style"})
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role"})
ATTRIBUTES = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href", "hreflang", "rel"},
    "abbr": {"title"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "blockquote": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    "data": {"value"},
    "del": {"cite", "datetime"},
    "details": {"open"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "ins": {"cite", "datetime"},
    "ol": {"start", "reversed", "type"},
    "q": {"cite"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "th": {"colspan", "rowspan", "headers", "scope", "align"},
    "time": {"datetime"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "video": {"src", "poster", "controls", "width", "height", "loop", "muted", "playsinline", "preload"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose URL the browser loads as the page opens.
LOADED_URL_ATTRIBUTES = frozenset({"src", "srcset", "poster"})
# Material's scripts act on elements with these attributes (search, tabs...).
THEME_DATA_PREFIX = "data-md-"
# Classes that make Material fetch code from a CDN at runtime.
CDN_CLASSES = frozenset({"mermaid"})

FIX = 'see "What a page may contain" in CONTRIBUTING.md'


@dataclass(frozen=True, slots=True)
class Violation:
    """One element or attribute that the policy refuses."""

    tag: str
    attribute: str | None
    value: str | None
    problem: str
    fix: str


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute.startswith(THEME_DATA_PREFIX):
        return None
    if attribute in LOADED_URL_ATTRIBUTES and not all(_same_origin(url) for url in _urls(attribute, value)):
        return None
    if attribute == "class" and CDN_CLASSES.intersection(value.split()):
        return None
    return value


def _urls(attribute: str, value: str) -> Iterator[str]:
    if attribute != "srcset":
        yield value.strip()
        return
    # "a.png 1x, b.png 2x": a URL, then an optional descriptor.
    for candidate in value.split(","):
        words = candidate.split()
        if words:
            yield words[0]


def _same_origin(url: str) -> bool:
    """A path of the site: no scheme, no host (`//host/x` is another origin)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith(("//", "\\\\", "/\\", "\\/"))


def sanitize(html: str) -> str:
    """`html` as the policy allows it (what nh3 keeps)."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        strip_comments=False,
        link_rel=None,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=set(URL_SCHEMES),
    )


def _elements(html: str) -> list[Any]:
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [element for element in root.iter() if isinstance(element.tag, str)][1:]


def _counts(elements: list[Any]) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    tags: Counter[str] = Counter()
    attributes: Counter[tuple[str, str, str]] = Counter()
    for element in elements:
        tags[element.tag] += 1
        for name, value in element.attrib.items():
            attributes[(element.tag, name, value)] += 1
    return tags, attributes


def find_violations(html: str) -> list[Violation]:
    """What nh3 removes or changes in `html`, element by element in document order.

    nh3 decides; the two versions are compared by what they contain (how many
    of each element, of each attribute with its value), which does not depend
    on how either parser repairs broken markup."""
    original = _elements(html)
    kept_tags, kept_attributes = _counts(_elements(sanitize(html)))
    found = []
    for element in original:
        if kept_tags[element.tag] > 0:
            kept_tags[element.tag] -= 1
        else:
            found.append(
                Violation(
                    element.tag,
                    None,
                    None,
                    f"the element <{element.tag}> is not allowed in a page",
                    "remove it, or write the content in Markdown",
                )
            )
            continue
        for name, value in element.attrib.items():
            key = (element.tag, name, value)
            if kept_attributes[key] > 0:
                kept_attributes[key] -= 1
            else:
                found.append(Violation(element.tag, name, value, *_attribute_problem(element.tag, name, value)))
    return found


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, str]:
    """What is wrong with an attribute nh3 removed, and what to do instead."""
    if name.startswith("on"):
        return f"the event handler {name}= on <{tag}> is not allowed (no script runs from a page)", f"remove {name}="
    if name in LOADED_URL_ATTRIBUTES:
        return (
            f"<{tag} {name}=\"{_short(value)}\"> loads from another origin; only files of the site may be loaded",
            "copy the file into docs/assets/ and use its path (../assets/...)",
        )
    if name == "class" and CDN_CLASSES.intersection(value.split()):
        return (
            f"class=\"{_short(value)}\" on <{tag}> would make the theme fetch code from a CDN (Mermaid)",
            "draw the diagram as an SVG or PNG file in docs/assets/ and show it as an image",
        )
    if name in ("href", "cite"):
        return (
            f"the URL {name}=\"{_short(value)}\" on <{tag}> is not allowed (only http, https, mailto or a path of the site)",
            "link to an https:// address or to a page of the site",
        )
    if name.startswith(THEME_DATA_PREFIX):
        return f"the attribute {name}= on <{tag}> belongs to the theme's scripts", f"remove {name}="
    return f"the attribute {name}= on <{tag}> is not allowed in a page", f"remove {name}="


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def check_page_html(html: str, *, path: str, source: str) -> None:
    """PublicationError for the first thing in the page's rendered `html`
    that the policy refuses, at the line of `source` (the page's file) that
    wrote it."""
    violations = find_violations(html)
    if not violations:
        return
    violation = violations[0]
    raise PublicationError(
        violation.problem,
        file=path,
        line=_source_line(source, violation),
        key="raw HTML",
        fix=f"{violation.fix}; {FIX}",
    )


def _source_line(source: str, violation: Violation) -> int:
    """The first line of the page's file that holds what the violation names:
    the attribute's value, else the attribute, else the tag. Line 1 when the
    page's own text does not hold it."""
    lines = source.casefold().splitlines()
    needles = []
    if violation.value:
        needles.append(violation.value.casefold())
    if violation.attribute:
        needles.append(violation.attribute.casefold() + "=")
    needles.append("<" + violation.tag.casefold())
    for needle in needles:
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return 1


def check_config(config: Any, *, config_file: str) -> None:
    """PublicationError when the site's configuration would load anything from
    another origin (web fonts, analytics, extra CSS or JavaScript)."""
    path = os.path.basename(config_file)
    theme = config.get("theme")
    font = theme.get("font") if theme is not None else None
    if font:
        raise PublicationError(
            "theme.font loads web fonts from another origin (Google Fonts)",
            file=path,
            line=_config_line(config_file, "font:"),
            key="theme.font",
            fix="keep `font: false`; ship a font as a file of the site and declare it in the stylesheet",
        )
    extra = config.get("extra") or {}
    if extra.get("analytics"):
        raise PublicationError(
            "extra.analytics loads a script from another origin",
            file=path,
            line=_config_line(config_file, "analytics:"),
            key="extra.analytics",
            fix="remove `analytics:`; the publication loads nothing from another origin",
        )
    for key in ("extra_css", "extra_javascript"):
        for entry in config.get(key) or []:
            url = str(entry)
            if not _same_origin(url):
                raise PublicationError(
                    f"{url} is loaded from another origin",
                    file=path,
                    line=_config_line(config_file, url),
                    key=key,
                    fix="put the file in docs/assets/ and list its path instead",
                )


def _config_line(path: str, needle: str) -> int:
    try:
        with open(path, encoding="utf-8") as file:
            for number, line in enumerate(file, start=1):
                if needle in line:
                    return number
    except OSError:
        pass
    return 1
