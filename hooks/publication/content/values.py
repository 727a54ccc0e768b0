"""Checks on every text and number of a data file or front matter, whatever its schema.

JSON Schema says what type a value has; these say what no value of a
publication may be: text that is blank, made only of invisible characters,
or that carries control characters or the bidirectional overrides that make
text read differently from how it is stored ("Trojan Source"); a number that
is not finite. Keys are checked like text.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from publication.content.yamlfile import KeyPath, YamlDocument, format_key_path
from publication.errors import PublicationError, quote

# Embeddings, overrides and isolates: they reorder what a reader sees.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that show nothing although they are not spaces or format characters.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f\u17b4\u17b5")
# Tab and line feed are text; YAML turns every other line break into \n.
_ALLOWED_CONTROLS = frozenset("\t\n")


def check_values(document: YamlDocument) -> None:
    """Raise PublicationError, with the key and its line, for the first value
    of `document` that no publication means to write."""
    _check(document.data, (), document)


def text_problem(text: str) -> tuple[str, str] | None:
    """(problem, fix) for text no page should show, or None."""
    for char in text:
        if char in BIDI_CONTROLS:
            return (
                f"the text contains the invisible direction control U+{ord(char):04X} "
                f"({unicodedata.name(char, 'bidirectional control')}), which makes it read differently from how it is written",
                "delete it: the page sets the direction of each language itself",
            )
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs":
            return (
                f"the text contains the control character U+{ord(char):04X}",
                "delete it (it was probably pasted along with the text)",
            )
    if not text.strip():
        return "the text is blank", "write the text, or remove the key if it is optional"
    if all(char.isspace() or char in _FILLERS or unicodedata.category(char) in ("Cf", "Mn", "Me", "Zs") for char in text):
        return (
            f"the text {quote(text)} is made only of invisible characters",
            "write visible text, or remove the key if it is optional",
        )
    return None


def _check(value: Any, key_path: KeyPath, document: YamlDocument) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            path = (*key_path, key)
            if isinstance(key, str):
                _check_text(key, path, document, what="key")
            _check(item, path, document)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, (*key_path, index), document)
    elif isinstance(value, str):
        _check_text(value, key_path, document, what="text")
    elif isinstance(value, float) and not math.isfinite(value):
        raise PublicationError(
            f"{value!r} is not a figure",
            file=document.path,
            line=document.line_of(key_path),
            key=format_key_path(key_path) or None,
            fix="write a finite number",
        )


def _check_text(text: str, key_path: KeyPath, document: YamlDocument, *, what: str) -> None:
    found = text_problem(text)
    if found is None:
        return
    problem, fix = found
    if what == "key":
        problem = problem.replace("the text", "the key", 1)
    raise PublicationError(
        problem, file=document.path, line=document.line_of(key_path), key=format_key_path(key_path) or None, fix=fix
    )


# What reads as a placeholder: {name}, {name.attribute}, {name:format}...
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][^{}\n]{0,80}\}")


def check_placeholder_free(document: YamlDocument, *, filled: Callable[[KeyPath], bool]) -> None:
    """Refuse a {placeholder} in a text that nothing fills: it would be shown
    as written. `filled(key_path)` says which texts are filled."""
    _check_placeholders(document.data, (), document, filled)


def _check_placeholders(value: Any, key_path: KeyPath, document: YamlDocument, filled: Callable[[KeyPath], bool]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _check_placeholders(item, (*key_path, key), document, filled)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_placeholders(item, (*key_path, index), document, filled)
    elif isinstance(value, str) and not filled(key_path):
        found = _PLACEHOLDER.search(value)
        if found:
            raise PublicationError(
                f"{quote(found.group(0))} would be shown as written: nothing fills placeholders here",
                file=document.path,
                line=document.line_of(key_path),
                key=format_key_path(key_path) or None,
                fix="write the value itself; facts are filled in only in deal_table.rows[].details and callouts.*.text",
            )
