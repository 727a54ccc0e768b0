"""Front matter of Markdown pages, read with the same strict YAML rules as data."""
from __future__ import annotations

import re

from publication.errors import PublicationError
from publication.yamlfile import YamlDocument, parse_yaml

FRONT_MATTER_PATTERN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def read_front_matter(source: str, *, path: str) -> YamlDocument:
    """The front matter of `source` (empty when there is none); lines count from
    the top of the file."""
    match = FRONT_MATTER_PATTERN.match(source)
    if not match or not (match.group("yaml") or "").strip():
        return YamlDocument(path, {}, {(): 1})
    # One blank line in place of the opening "---" keeps line numbers right.
    document = parse_yaml("\n" + match.group("yaml"), path=path)
    if not isinstance(document.data, dict):
        raise PublicationError(
            "the front matter is not a block of keys",
            file=path,
            line=1,
            fix="write `key: value` lines between the two `---` lines",
        )
    return document


def page_body(source: str) -> str:
    """`source` without its front matter: the Markdown that MkDocs renders."""
    match = FRONT_MATTER_PATTERN.match(source)
    return source[match.end():] if match else source
