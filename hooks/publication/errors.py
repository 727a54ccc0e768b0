"""The one error shape for mistakes a contributor can make in data or pages."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# An error quotes at most this much of a file: one short line. A data file
# that is a link to another file, or a value pasted by mistake, must not
# print a whole file into a terminal or a CI log.
QUOTE_LIMIT = 60


class PublicationError(Exception):
    """A contributor's mistake: which file, which line, which key, what to do.

    Rendered as ``data/glossary.yml:12: terms.agi.en: <problem>`` followed by
    ``Fix: <fix>``, the shape compilers and linters use, so editors can jump
    to the line.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str,
        line: int | None = None,
        key: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.key = key
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        # One line each: a key or value never spreads over the terminal, nor
        # hides what follows it behind a control character.
        problem = _one_line(self.problem)
        what = f"{_one_line(self.key)}: {problem}" if self.key else problem
        text = f"{where}: {what}"
        if self.fix:
            text += f"\n  Fix: {_one_line(self.fix)}"
        return text


def _one_line(text: str) -> str:
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI else char
        for char in " ".join(text.splitlines())
    )


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def quote(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """`value` as an error message may quote it: 'text', one line, at most
    `limit` characters, control and invisible characters shown as \\uXXXX."""
    text = value if isinstance(value, str) else repr(value)
    first, *rest = text.splitlines() or [""]
    shown = "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp") else char
        for char in first[: limit + 1]
    )
    cut = len(first) > limit or bool(rest) or len(shown) > limit
    return f"'{shown[:limit]}…'" if cut else f"'{shown}'"


def describe_bug(error: BaseException, file: str | None) -> str:
    """The one line that reports a bug in the generator while `file` was processed."""
    where = f"{file}: " if file else ""
    detail = " ".join(str(error).split())[:200]
    return (
        f"{where}a bug in the generator, not a mistake in your files: "
        f"{type(error).__name__}{': ' + detail if detail else ''}. "
        "PUBLICATION_DEBUG=1 shows the traceback; please report it."
    )


@contextmanager
def processing(file: str) -> Iterator[None]:
    """Remember on an unexpected exception which file was being processed, for
    `describe_bug` (the innermost file wins)."""
    try:
        yield
    except PublicationError:
        raise
    except Exception as error:
        if not hasattr(error, "publication_file"):
            error.publication_file = file  # type: ignore[attr-defined]
        raise
