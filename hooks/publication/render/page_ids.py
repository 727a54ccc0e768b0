"""Ids on a rendered page: each unique, and each heading's an ASCII slug, or the build stops at the line that made it.

Headings' ids are the addresses of sections (links, the translation lock,
the side-by-side view): an id that two elements share makes a link land in
the wrong place, and an id with accents or spaces is percent-encoded
differently by each tool that handles it.
"""
from __future__ import annotations

import string
import unicodedata
from collections import Counter
from typing import Any

from publication.errors import PublicationError
from publication.render.html_text import parse_fragment

_SLUG_CHARACTERS = frozenset(string.ascii_lowercase + string.digits + "-_")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ł": "l", "Ł": "L"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def is_ascii_slug(value: str) -> bool:
    return bool(value) and set(value) <= _SLUG_CHARACTERS and value[0] not in "-_"


def ascii_slug(text: str) -> str:
    """A suggestion: `text` as lowercase ASCII words joined by hyphens."""
    # Letters that NFKD does not split into a base letter and an accent.
    text = text.translate(_LIGATURES)
    spaced = "".join(char if char.isalnum() else " " for char in text)
    folded = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode().lower()
    words = folded.split()
    return "-".join(words) or "section"


def check_ids(html: str, *, path: str, source: str) -> None:
    """PublicationError for the first id of the page's rendered body that
    another element has too, or for a heading id that is not an ASCII slug."""
    elements = [element for element in parse_fragment(html).iter() if isinstance(element.tag, str)][1:]
    counts = Counter(element.get("id") for element in elements if element.get("id"))
    for element in elements:
        element_id = element.get("id")
        if not element_id:
            continue
        if counts[element_id] > 1:
            raise PublicationError(
                f"the id '{element_id}' is used {counts[element_id]} times on this page",
                file=path,
                line=_line_of(source, element_id),
                key=f"#{element_id}",
                fix="give each heading its own {#id}; an id is also taken by a quotation or a block of the same name",
            )
        if element.tag in _HEADINGS and not is_ascii_slug(element_id):
            text = _heading_text(element)
            raise PublicationError(
                f"the heading '{text}' has the id '{element_id}', which is not an ASCII slug",
                file=path,
                line=_line_of(source, element_id, text),
                key=f"#{element_id}",
                fix=f"end the heading's line with an id of lowercase ASCII letters, digits and hyphens: {{#{ascii_slug(text)}}}",
            )


def _heading_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).replace("¶", " ").split())


def _line_of(source: str, element_id: str, text: str | None = None) -> int:
    """The source line that gives the id ({#id} or id="…"), else the line of
    the heading's text; 1 when neither is found (a generated block)."""
    lines = source.splitlines()
    for needle in (f"{{#{element_id}", f'id="{element_id}"', text):
        if not needle:
            continue
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return 1
