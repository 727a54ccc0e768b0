"""What a reader does not see in Markdown source, found in linear time.

HTML comments and code spans are blanked out before the checks that read
prose (translation QA, the fact check). As regular expressions both are
quadratic or worse in Python's backtracking engine (`<!--.*?-->` retried at
each of 10,000 openers without a closer reads the rest of the file each
time); these scanners read the text once.
"""
from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable

_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Replacement = Callable[[str], str]


def blank(text: str) -> str:
    """Spaces of the same length (line and column numbers stay right)."""
    return " " * len(text)


def without_comments(text: str, replacement: Replacement) -> str:
    """`text` with each `<!-- … -->` replaced, as `<!--.*?-->` with DOTALL
    would: the first `-->` after an opener closes it; an opener without a
    closer is text."""
    parts = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts += [text[position:start], replacement(text[start : end + 3])]
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def without_code_spans(text: str, replacement: Replacement) -> str:
    """`text` with each code span replaced, as CommonMark finds them: a run of
    n backticks opens one, the next run of exactly n backticks in the same
    paragraph closes it; a run without its closer is text."""
    parts = []
    position = 0
    paragraph_start = 0
    for paragraph_end in [match.start() for match in _BLANK_LINE.finditer(text)] + [len(text)]:
        runs = list(_BACKTICKS.finditer(text, paragraph_start, paragraph_end))
        # The runs of each length, in order: a closer is found without
        # reading the runs of other lengths in between.
        by_length: defaultdict[int, deque[int]] = defaultdict(deque)
        for index, run in enumerate(runs):
            by_length[len(run.group())].append(index)
        index = 0
        while index < len(runs):
            run = runs[index]
            same = by_length[len(run.group())]
            while same and same[0] <= index:
                same.popleft()
            if not same:
                index += 1
                continue
            closer = runs[same[0]]
            parts += [text[position : run.start()], replacement(text[run.start() : closer.end()])]
            position = closer.end()
            index = same[0] + 1
        paragraph_start = paragraph_end
    parts.append(text[position:])
    return "".join(parts)
