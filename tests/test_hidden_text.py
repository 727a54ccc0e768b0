"""The linear scanners for comments and code spans (publication.content.hidden_text)
find what the patterns they replace found, and CommonMark's code spans."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publication.content.hidden_text import blank, without_code_spans, without_comments

# Small alphabets, so that openers, closers and near misses are frequent.
comment_text = st.text(alphabet="<!-> a\n", max_size=60)
code_text = st.text(alphabet="`a \n", max_size=60)


@given(comment_text)
def test_comments_are_found_as_the_lazy_pattern_found_them(text: str) -> None:
    expected = re.sub(r"<!--.*?-->", lambda match: blank(match.group()), text, flags=re.DOTALL)
    assert without_comments(text, blank) == expected


def _code_spans_by_the_rule(text: str) -> str:
    """CommonMark's rule read literally (quadratic, for comparison): a run of n
    backticks is closed by the next run of exactly n in its paragraph."""
    out = []
    position = 0
    paragraphs = re.split(r"(\n[ \t]*\n)", text)
    offset = 0
    for paragraph in paragraphs:
        runs = list(re.finditer(r"`+", paragraph))
        index = 0
        while index < len(runs):
            run = runs[index]
            closer = next((later for later in runs[index + 1 :] if len(later.group()) == len(run.group())), None)
            if closer is None:
                index += 1
                continue
            out += [text[position : offset + run.start()], " " * (closer.end() - run.start())]
            position = offset + closer.end()
            index = runs.index(closer) + 1
        offset += len(paragraph)
    out.append(text[position:])
    return "".join(out)


@given(code_text)
def test_code_spans_are_found_by_commonmarks_rule(text: str) -> None:
    assert without_code_spans(text, blank) == _code_spans_by_the_rule(text)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("a `b` c", "a     c"),
        ("a ``b ` c`` d", "a           d"),  # a shorter run inside is code
        ("a ``b` c", "a ``b` c"),  # no closer of the same length: text
        ("a `b\n\nc` d", "a `b\n\nc` d"),  # a code span ends with its paragraph
        ("a `b\nc` d", "a       d"),  # but not at a line break
        ("```", "```"),
    ],
)
def test_code_spans(text: str, shown: str) -> None:
    assert without_code_spans(text, blank) == shown
