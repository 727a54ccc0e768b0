"""Placement markers: where a page asks for a piece of generated content.

A marker is an HTML comment alone on its line, so a page still reads sensibly
where no hook runs (GitHub's preview, another generator):

    <!-- data:deal-table -->           the article's deal table
    <!-- data:callout ID -->           one investor callout
    <!-- data:quote ID -->             one quotation, with its speaker
    <!-- data:glossary -->             every glossary entry
    <!-- data:article-list -->         the front page: lead article, latest, topics, archive
    <!-- data:translation-status -->   the state of every translation unit

Markers inside fenced code blocks are left alone, so documentation can show
them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from publication.errors import PublicationError

MARKER_NAMES = {
    "deal-table": False,  # name -> takes an entry id
    "callout": True,
    "quote": True,
    "glossary": False,
    "article-list": False,
    "translation-status": False,
}

_MARKER = re.compile(r"^[ \t]*<!--[ \t]*data:(?P<name>[a-z-]+)(?:[ \t]+(?P<arg>\S+))?[ \t]*-->[ \t]*$")
_LOOSE = re.compile(r"<!--\s*data\s*:", re.IGNORECASE)
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Marker:
    name: str
    arg: str | None
    line: int  # 1-based, in the page's source file


def find_markers(markdown: str, *, page: str, line_offset: int = 0) -> list[Marker]:
    """Every marker in `markdown`, or PublicationError for a malformed or unknown one."""
    markers: list[Marker] = []
    fence: str | None = None
    for number, text in enumerate(markdown.splitlines(), start=1 + line_offset):
        fence_match = _FENCE.match(text)
        if fence_match:
            token = fence_match.group("fence")
            if fence is None:
                fence = token
            elif token[0] == fence[0] and len(token) >= len(fence):
                fence = None
            continue
        if fence is not None or not _LOOSE.search(text):
            continue
        match = _MARKER.match(text)
        if not match:
            raise PublicationError(
                "this data marker is malformed",
                file=page,
                line=number,
                fix="write a marker alone on its line, as <!-- data:NAME --> or <!-- data:NAME ID -->",
            )
        name, arg = match.group("name"), match.group("arg")
        if name not in MARKER_NAMES:
            raise PublicationError(
                f"unknown data marker '{name}'",
                file=page,
                line=number,
                fix=f"use one of: {', '.join(sorted(MARKER_NAMES))}",
            )
        if MARKER_NAMES[name] and arg is None:
            raise PublicationError(
                f"the marker '{name}' needs the id of an entry",
                file=page,
                line=number,
                fix=f"write <!-- data:{name} ID --> with an id from the article's data file",
            )
        if not MARKER_NAMES[name] and arg is not None:
            raise PublicationError(
                f"the marker '{name}' takes no id",
                file=page,
                line=number,
                fix=f"write <!-- data:{name} -->",
            )
        markers.append(Marker(name, arg, number))
    return markers


def replace_markers(markdown: str, replacements: dict[int, str], *, line_offset: int = 0) -> str:
    """`markdown` with the marker on each line number replaced by its content.

    Generated blocks are surrounded by blank lines so Markdown treats them as
    blocks of their own.
    """
    lines = markdown.splitlines()
    for line, content in replacements.items():
        lines[line - 1 - line_offset] = f"\n{content}\n"
    return "\n".join(lines)
