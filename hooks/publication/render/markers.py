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
    """Every marker in `markdown`, or PublicationError for a malformed or unknown one.

    A marker counts only where Markdown renders it as a comment: not in a
    fenced code block, an indented code block or an inline code span, where
    documentation shows markers as they are written."""
    markers: list[Marker] = []
    fence: tuple[str, int] | None = None  # the opening fence and its line
    lines = markdown.splitlines()
    indented_code = _indented_code_lines(lines)
    for index, text in enumerate(lines):
        number = index + 1 + line_offset
        fence_match = _FENCE.match(text)
        if fence_match:
            token = fence_match.group("fence")
            if fence is None:
                fence = (token, number)
            elif token[0] == fence[0][0] and len(token) >= len(fence[0]) and not text.strip()[len(token):].strip():
                fence = None
            continue
        if fence is not None or index in indented_code:
            continue
        prose = _without_code_spans(text)
        if not _LOOSE.search(prose):
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
    if fence is not None:
        raise PublicationError(
            f"this code fence ({fence[0]}) is never closed: the rest of the page would be shown as code",
            file=page,
            line=fence[1],
            fix=f"close the block with a line of {fence[0]} after its last line of code",
        )
    return markers


def _without_code_spans(line: str) -> str:
    """`line` without its inline code spans (`…`, ``…``): what Markdown renders as markup."""
    out, at = [], 0
    while (start := line.find("`", at)) >= 0:
        run = len(line[start:]) - len(line[start:].lstrip("`"))
        end = line.find("`" * run, start + run)
        if end < 0:
            break
        out.append(line[at:start])
        at = end + run
    out.append(line[at:])
    return "".join(out)


_CONTAINERS = ("!!!", "???", "- ", "* ", "+ ", "<div")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _indented_code_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines Markdown reads as indented code: indented by
    four columns or more after a blank line (and the lines that continue
    such a block), unless they are the content of an admonition, a list
    item or another indented block. One pass, whatever the page's length."""
    code: set[int] = set()
    in_code = False
    blank_before = True  # the page's start counts as a blank line
    container = False  # the last non-blank line opens or belongs to a container
    for index, line in enumerate(lines):
        if not line.strip():
            blank_before = True
            continue
        indent = _indent(line)
        if indent >= 4 and (in_code or (blank_before and not container)):
            code.add(index)
            in_code = True
        else:
            in_code = False
            opener = line.lstrip(" \t")
            container = indent > 0 or opener.startswith(_CONTAINERS) or (opener[:1].isdigit() and ". " in opener[:6])
        blank_before = False
    return code


def replace_markers(markdown: str, replacements: dict[int, str], *, line_offset: int = 0) -> str:
    """`markdown` with the marker on each line number replaced by its content.

    Generated blocks are surrounded by blank lines so Markdown treats them as
    blocks of their own.
    """
    lines = markdown.splitlines()
    for line, content in replacements.items():
        marker_line = lines[line - 1 - line_offset]
        # A marker inside an admonition or a list item: its content stays
        # there, indented as the marker was.
        indent = marker_line[: len(marker_line) - len(marker_line.lstrip(" \t"))] if _indent(marker_line) >= 4 else ""
        indented = "\n".join(indent + row if row.strip() else row for row in content.splitlines())
        lines[line - 1 - line_offset] = f"\n{indented}\n"
    return "\n".join(lines)
