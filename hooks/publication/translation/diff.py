"""What changed in the French since its English was pinned: a word-level diff."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from publication.translation.sections import normalise

# A word (letters, digits, apostrophes and hyphens inside it) or one other
# visible character. No nested quantifier: linear on any line.
_TOKEN = re.compile(r"[\w’'\-]+|[^\w\s]")
# Unchanged words shown on each side of a change; longer runs are cut to "…".
CONTEXT = 8

Kind = Literal["same", "removed", "added"]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    spaced: bool  # a space before it in the text


@dataclass(frozen=True, slots=True)
class Change:
    kind: Kind
    text: str  # the words, with single spaces as in the text
    spaced: bool  # a space before this run


def tokens(text: str) -> list[Token]:
    """The words and punctuation of `text`; whitespace only as a flag."""
    result = []
    end = 0
    for match in _TOKEN.finditer(text):
        result.append(Token(match.group(), spaced=match.start() > end or (end == 0 and match.start() > 0)))
        end = match.end()
    return result


def word_diff(before: str, after: str) -> list[Change]:
    """`before` against `after`, word by word. Words compare as a translator
    reads them (typographic quotes, dashes and spaces folded, as for the
    fingerprint), so only changes that outdate a translation show."""
    old, new = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(
        a=[normalise(token.text) for token in old], b=[normalise(token.text) for token in new], autojunk=False
    )
    changes: list[Change] = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            changes.append(_run("same", new[new_start:new_end]))
            continue
        if old_end > old_start:
            changes.append(_run("removed", old[old_start:old_end]))
        if new_end > new_start:
            changes.append(_run("added", new[new_start:new_end]))
    return changes


def _run(kind: Kind, run: list[Token]) -> Change:
    text = "".join((" " if token.spaced and index else "") + token.text for index, token in enumerate(run))
    return Change(kind, text, spaced=run[0].spaced)


def has_changes(changes: list[Change]) -> bool:
    return any(change.kind != "same" for change in changes)


def shortened(changes: list[Change], context: int = CONTEXT) -> list[Change]:
    """Unchanged runs cut to `context` words next to each change (an article
    section is long; the translator needs the changes and their surroundings)."""
    result = []
    for index, change in enumerate(changes):
        if change.kind != "same":
            result.append(change)
            continue
        words = change.text.split(" ")
        keep_start = context if index > 0 else 0  # words after the previous change
        keep_end = context if index < len(changes) - 1 else 0  # words before the next change
        if len(words) <= keep_start + keep_end + 1:
            result.append(change)
            continue
        head = " ".join(words[:keep_start])
        tail = " ".join(words[len(words) - keep_end:]) if keep_end else ""
        text = " ".join(part for part in (head, "…", tail) if part)
        result.append(Change("same", text, spaced=change.spaced))
    return result


def separated(changes: list[Change], index: int) -> bool:
    """Whether a space goes before changes[index]: as in the text, except
    between what was removed and what replaced it."""
    change = changes[index]
    if index == 0 or not change.spaced:
        return False
    return not (change.kind == "added" and changes[index - 1].kind == "removed")


def format_plain(changes: list[Change], *, colour: bool = False) -> str:
    """The diff as one line of text: [-removed-]{+added+}, like `git diff
    --word-diff`; in red and green on a terminal."""
    marks = {
        "same": ("", ""),
        "removed": ("\x1b[31m[-", "-]\x1b[0m") if colour else ("[-", "-]"),
        "added": ("\x1b[32m{+", "+}\x1b[0m") if colour else ("{+", "+}"),
    }
    text = ""
    for index, change in enumerate(changes):
        opening, closing = marks[change.kind]
        text += (" " if separated(changes, index) else "") + opening + change.text + closing
    return text
