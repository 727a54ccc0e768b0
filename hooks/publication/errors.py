"""The one error shape for mistakes a contributor can make in data or pages."""
from __future__ import annotations


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
        what = f"{self.key}: {self.problem}" if self.key else self.problem
        text = f"{where}: {what}"
        if self.fix:
            text += f"\n  Fix: {self.fix}"
        return text
