"""A unit's Markdown cut into what a translator translates and what they must not touch.

A section is cut into *parts*: translatable text (a heading's title, a
paragraph, a list item, a table cell) and structure (heading hashes and ids,
blank lines, list markers, indentation, marker comments, fenced code). Inside
translatable text, inline Markdown (emphasis, links, inline code, HTML,
`{placeholders}`, attribute lists) is cut into *codes* around plain text.
Both cuts are lossless: joining the pieces gives back the exact text, which
the XLIFF export and import rely on (and check).

No regular expression here backtracks: every scan moves forward, and a failed
search for a closing delimiter is not repeated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

# ---------------------------------------------------------------- block level

# Line patterns, used with match(); anchored so that a search is linear too.
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"(#{1,6}[ \t]+)(.*?)([ \t]+\{[^{}\n]*\}[ \t]*|[ \t]*)$")
_ADMONITION = re.compile(r'((?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*[ \t]*)(?:(")(.*)("[ \t]*))?$')
_MARKER_LINE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
_PREFIX = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*")
_RULE = re.compile(r"^[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
# A table's delimiter row: only these characters, with a `-` (checked apart:
# `[ \t:|-]*-[ \t:|-]*$` backtracks quadratically on a long row).
_TABLE_RULE = re.compile(r"^[ \t:|-]*$")


@dataclass(frozen=True, slots=True)
class Part:
    text: str
    translatable: bool


def parts(markdown: str) -> list[Part]:
    """`markdown` as alternating structure and translatable text; the texts
    of the parts joined are `markdown` exactly."""
    result: list[Part] = []

    def structure(text: str) -> None:
        if text:
            if result and not result[-1].translatable:
                result[-1] = Part(result[-1].text + text, False)
            else:
                result.append(Part(text, False))

    def translatable(text: str) -> None:
        if text.strip():
            result.append(Part(text, True))
        else:
            structure(text)

    fence: str | None = None
    open_paragraph = False  # the previous line's text continues on this line
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        newline = "\n" if index < len(lines) - 1 else ""
        fence_match = _FENCE.match(line)
        if fence is not None or fence_match:
            if fence_match:
                token = fence_match.group(1)
                if fence is None:
                    fence = token
                elif token[0] == fence[0] and len(token) >= len(fence) and not line[fence_match.end():].strip():
                    fence = None
            structure(line + newline)
            open_paragraph = False
            continue
        if not line.strip() or _MARKER_LINE.match(line) or _RULE.match(line) or (_TABLE_RULE.match(line) and "|" in line and "-" in line):
            structure(line + newline)
            open_paragraph = False
            continue
        heading = _HEADING.match(line)
        if heading:
            structure(heading.group(1))
            translatable(heading.group(2))
            structure(heading.group(3) + newline)
            open_paragraph = False
            continue
        admonition = _ADMONITION.match(line)
        if admonition:
            structure(admonition.group(1) + (admonition.group(2) or ""))
            if admonition.group(3):
                translatable(admonition.group(3))
            structure((admonition.group(4) or "") + newline)
            open_paragraph = False
            continue
        if line.lstrip().startswith("|"):
            _table_row(line, structure, translatable)
            structure(newline)
            open_paragraph = False
            continue
        prefix = _PREFIX.match(line)
        marker = prefix.group() if prefix else ""
        continues = open_paragraph and not marker.strip()
        if continues:
            # A soft line break inside a paragraph: part of its text (the
            # inline cut makes it a code, with the indentation it needs).
            previous = result.pop()
            result.append(Part(previous.text + line, True))
        else:
            structure(marker)
            translatable(line[len(marker):])
        if newline:
            if result and result[-1].translatable:
                result[-1] = Part(result[-1].text + newline, True)
            else:
                structure(newline)
        open_paragraph = bool(result and result[-1].translatable)
    return _trim(result)


def _table_row(line: str, structure, translatable) -> None:
    cells = line.split("|")
    for index, cell in enumerate(cells):
        if index:
            structure("|")
        stripped = cell.strip()
        if not stripped:
            structure(cell)
            continue
        start = cell.index(stripped)
        structure(cell[:start])
        translatable(stripped)
        structure(cell[start + len(stripped):])


def _trim(result: list[Part]) -> list[Part]:
    """Trailing newlines of a translatable part belong to the structure."""
    trimmed: list[Part] = []
    for part in result:
        if part.translatable:
            text = part.text.rstrip("\n")
            tail = part.text[len(text):]
            trimmed.append(Part(text, True))
            if tail:
                trimmed.append(Part(tail, False))
        elif trimmed and not trimmed[-1].translatable:
            trimmed[-1] = Part(trimmed[-1].text + part.text, False)
        else:
            trimmed.append(part)
    merged: list[Part] = []
    for part in trimmed:
        if merged and not part.translatable and not merged[-1].translatable:
            merged[-1] = Part(merged[-1].text + part.text, False)
        else:
            merged.append(part)
    return merged


# --------------------------------------------------------------- inline level

CodeKind = Literal["ph", "pc"]


@dataclass(frozen=True, slots=True)
class Code:
    """Inline Markdown a translator moves as a whole: a standalone code (ph:
    inline code, a placeholder, HTML, a line break) or a pair around text (pc:
    emphasis, a link)."""

    kind: CodeKind
    start: str  # the Markdown (ph: all of it; pc: before the text)
    end: str = ""  # pc: after the text
    inner: list[Piece] = field(default_factory=list)  # pc: what it encloses
    what: str = ""  # for the translator: "emphasis", "link", "placeholder"...


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary term in the text (an annotation, not a code)."""

    term_id: str
    text: str


Piece = str | Code | Term


def joined(pieces: list[Piece]) -> str:
    """The Markdown that `pieces` stand for."""
    text = ""
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
        elif isinstance(piece, Term):
            text += piece.text
        else:
            text += piece.start + joined(piece.inner) + piece.end
    return text


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_ATTRIBUTES = re.compile(r"\{[:#.][^{}\n]*\}")
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[ \t\n]+[^<>]*)?/?>|<(?:https?|mailto):[^<>\s]*>")
_BREAK = re.compile(r"\n[ \t]*")
_EMPHASIS = ("**", "__", "*", "_")


def inline_pieces(text: str, *, terms: dict[str, list[str]] | None = None) -> list[Piece]:
    """`text` (inline Markdown) cut into plain text and codes; `terms` (id:
    forms) marks glossary terms in the plain text."""
    pieces = _Scanner(text).scan(0, len(text))
    if terms:
        pieces = _mark_terms(pieces, terms)
    if joined(pieces) != text:
        raise AssertionError(f"the inline cut is not lossless for {text[:60]!r}")  # a bug, never the input's
    return pieces


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.no_closer: dict[tuple[str, int], int] = {}  # (delimiter, end): searched from here, none found

    def scan(self, start: int, end: int) -> list[Piece]:
        text = self.text
        pieces: list[Piece] = []
        plain_from = start
        position = start

        def flush(upto: int) -> None:
            if upto > plain_from:
                pieces.append(text[plain_from:upto])

        while position < end:
            character = text[position]
            found: tuple[Code, int] | None = None
            if character == "\\" and position + 1 < end:
                position += 2  # an escaped character is text
                continue
            if character == "`":
                found = self._code_span(position, end)
            elif character == "\n":
                match = _BREAK.match(text, position, end)
                assert match is not None
                found = (Code("ph", match.group(), what="line break"), match.end())
            elif character == "{":
                match = _PLACEHOLDER.match(text, position, end) or _ATTRIBUTES.match(text, position, end)
                if match:
                    kind = "placeholder" if match.re is _PLACEHOLDER else "attributes"
                    found = (Code("ph", match.group(), what=kind), match.end())
            elif character == "<" and text.startswith("<!--", position):
                close = self._find("-->", position + 4, end)
                if close >= 0:
                    found = (Code("ph", text[position:close + 3], what="HTML comment"), close + 3)
            elif character == "<":
                match = _HTML.match(text, position, end)
                if match:
                    found = (Code("ph", match.group(), what="HTML"), match.end())
            elif character == "!" and text.startswith("![", position):
                link = self._link(position + 1, end)
                if link:
                    found = (Code("ph", text[position:link[2]], what="image"), link[2])
            elif character == "[":
                if text.startswith("[^", position):
                    close = text.find("]", position, end)
                    if close > 0:
                        found = (Code("ph", text[position:close + 1], what="footnote"), close + 1)
                else:
                    link = self._link(position, end)
                    if link:
                        inner_end, close_start, after = link
                        found = (
                            Code("pc", "[", text[close_start:after], self.scan(position + 1, inner_end), what="link"),
                            after,
                        )
            elif character in "*_":
                found = self._emphasis(position, end)
            if found is None:
                position += 1
                continue
            flush(position)
            pieces.append(found[0])
            position = plain_from = found[1]
        flush(end)
        return pieces

    def _code_span(self, position: int, end: int) -> tuple[Code, int] | None:
        text = self.text
        run_end = position
        while run_end < end and text[run_end] == "`":
            run_end += 1
        ticks = text[position:run_end]
        memo = ("closing " + ticks, end)
        if self.no_closer.get(memo, end + 1) <= run_end:
            return None
        search = run_end
        while True:
            close = self._find(ticks, search, end)
            if close < 0:
                self.no_closer[memo] = run_end
                return None
            close_end = close + len(ticks)
            if close_end >= end or text[close_end] != "`":
                return Code("ph", text[position:close_end], what="code"), close_end
            while close_end < end and text[close_end] == "`":
                close_end += 1
            search = close_end

    def _link(self, position: int, end: int) -> tuple[int, int, int] | None:
        """For `[text](target)` or `[text][reference]` at `position`: where
        the text ends, where "]" is, and where the link ends. The text holds
        no bracket (a link inside a link text is text)."""
        text = self.text
        close = self._find("]", position + 1, end)
        if close < 0 or "[" in text[position + 1:close] or "\n\n" in text[position + 1:close]:
            return None
        if close + 1 < end and text[close + 1] == "(":
            target_end = self._find(")", close + 2, end)
            if target_end < 0:
                return None
            if "(" in text[close + 2:target_end]:  # one pair of brackets inside a URL, as in Wikipedia's
                target_end = self._find(")", target_end + 1, end)
            if target_end < 0 or "\n" in text[close + 2:target_end]:
                return None
            return close, close, target_end + 1
        if close + 1 < end and text[close + 1] == "[":
            reference_end = self._find("]", close + 2, end)
            if reference_end > 0 and "\n" not in text[close + 2:reference_end]:
                return close, close, reference_end + 1
        return None

    def _emphasis(self, position: int, end: int) -> tuple[Code, int] | None:
        text = self.text
        for delimiter in _EMPHASIS:
            if not text.startswith(delimiter, position):
                continue
            after = position + len(delimiter)
            if after >= end or text[after].isspace() or text[after] == delimiter[0]:
                continue
            if delimiter[0] == "_" and position > 0 and text[position - 1].isalnum():
                continue
            # Whether a delimiter can close does not depend on the opening
            # one, so a failed search from here fails from any later place.
            memo = ("closing " + delimiter, end)
            if self.no_closer.get(memo, end + 1) <= after + 1:
                return None
            search = after + 1
            while True:
                close = self._find(delimiter, search, end)
                if close < 0:
                    self.no_closer[memo] = after + 1
                    return None
                close_end = close + len(delimiter)
                flanked = not text[close - 1].isspace() and text[close - 1] != delimiter[0]
                flanked = flanked and (close_end >= end or text[close_end] != delimiter[0])
                if delimiter[0] == "_" and close_end < end and text[close_end].isalnum():
                    flanked = False
                if flanked:
                    inner = self.scan(after, close)
                    return Code("pc", delimiter, delimiter, inner, what="emphasis"), close_end
                search = close + 1
        return None

    def _find(self, token: str, start: int, end: int) -> int:
        """text.find(token, start, end), remembering where nothing was found so
        that no search is repeated (linear on a line full of delimiters)."""
        known = self.no_closer.get((token, end))
        if known is not None and start >= known:
            return -1
        found = self.text.find(token, start, end)
        if found < 0:
            self.no_closer[(token, end)] = min(start, known) if known is not None else start
        return found


def _mark_terms(pieces: list[Piece], terms: dict[str, list[str]]) -> list[Piece]:
    forms = sorted(((form, term_id) for term_id, term_forms in terms.items() for form in term_forms), key=lambda item: -len(item[0]))
    if not forms:
        return pieces
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(form) for form, _ in forms) + r")(?![\w-])")
    ids = {form: term_id for form, term_id in reversed(forms)}
    result: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Code) and piece.kind == "pc" and piece.what == "emphasis":
            result.append(Code(piece.kind, piece.start, piece.end, _mark_terms(piece.inner, terms), piece.what))
            continue
        if not isinstance(piece, str):
            result.append(piece)
            continue
        position = 0
        for match in pattern.finditer(piece):
            if match.start() > position:
                result.append(piece[position:match.start()])
            result.append(Term(ids[match.group()], match.group()))
            position = match.end()
        if position < len(piece):
            result.append(piece[position:])
    return result
