"""Pages cut into sections: the units of translation.

A section is a heading with an explicit id (`## Title {#id}`) and everything
up to the next heading. The text before a page's first heading is the
section "intro". Both language versions of a page share section ids, so a
section of the English page translates the French section with the same id.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

INTRO = "intro"
_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.*?)(?:[ \t]+\{#(?P<id>[A-Za-z0-9_-]+)[^}]*\})?[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    level: int  # 0 for the intro
    line: int  # 1-based, in the page body
    text: str  # the heading line and the section's Markdown

    @property
    def body(self) -> str:
        """The section without its heading line."""
        return self.text.split("\n", 1)[1] if self.level else self.text


def split_sections(markdown: str) -> list[Section]:
    """The sections of a page body (front matter removed), in order.

    A heading without an explicit id gets one from its position ("h-12" for
    line 12), which no other language version will share: QA reports it.
    """
    sections: list[Section] = []
    current: dict = {"id": INTRO, "title": "", "level": 0, "line": 1, "lines": []}
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence_match = _FENCE.match(line)
        if fence_match:
            token = fence_match.group(1)
            fence = token if fence is None else (None if token[0] == fence[0] and len(token) >= len(fence) else fence)
        heading = None if fence else _HEADING.match(line)
        if heading:
            _close(current, sections)
            current = {
                "id": heading.group("id") or f"h-{number}",
                "title": heading.group("title").strip(),
                "level": len(heading.group("hashes")),
                "line": number,
                "lines": [line],
            }
        else:
            current["lines"].append(line)
    _close(current, sections)
    return sections


def _close(current: dict, sections: list[Section]) -> None:
    text = "\n".join(current["lines"]).strip("\n")
    if current["level"] == 0 and not text.strip():
        return
    sections.append(Section(current["id"], current["title"], current["level"], current["line"], text))


_SPACES = re.compile(r"\s+")
# Unicode space separators (category Zs) other than the plain space.
_OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "…": "...", "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Text as a translator reads it: Unicode composed, typographic quotes and
    dashes plain, every run of whitespace (no-break spaces and line breaks
    included) one space. Reflowing a paragraph does not change it."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    text = _OTHER_SPACES.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def fingerprint(text: str) -> str:
    """A short hash of the normalised text: what a translation is pinned to."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]
