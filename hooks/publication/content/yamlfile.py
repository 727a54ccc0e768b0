"""Strict YAML reading: one place that turns a data file into Python values.

PyYAML's defaults hide mistakes that a contributor would never intend:
a repeated key silently replaces the first one, and YAML 1.1 turns unquoted
`no`, `on` or `2026-11-27` into a boolean or a date. This loader refuses
duplicate keys, reads only `true`/`false` as booleans and leaves dates as
text (schemas check their format), and remembers the line of every key so
that validation errors can point at it.

Reading costs at most a bounded amount whatever the file: it is refused
when it is larger than MAX_FILE_BYTES, nests deeper than MAX_DEPTH, or holds
aliases (`*name`) that would expand to more than MAX_VALUES values (a
"billion laughs" file of a few lines), or that refer to themselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from publication.content.files import MAX_FILE_BYTES, check_size
from publication.errors import PublicationError

KeyPath = tuple[str | int, ...]

# Far above what the publication's data needs (the largest file has about
# 2,000 values and 6 levels), far below what would make a build crawl.
MAX_DEPTH = 32
MAX_VALUES = 100_000


# libyaml's parser when PyYAML has it (several times faster), else PyYAML's own.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2-like implicit types (no yes/no/on/off, no dates)."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed data file: its values and the line (1-based) of every key path."""

    path: str  # as shown to contributors, relative to the project root
    data: Any
    lines: dict[KeyPath, int] = field(repr=False)

    def line_of(self, key_path: KeyPath) -> int | None:
        """The line of `key_path`, or of its nearest ancestor that exists."""
        for end in range(len(key_path), -1, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line is not None:
                return line
        return None


def format_key_path(key_path: KeyPath) -> str:
    """("terms", 3, "en") -> "terms[3].en"."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, *, path: str) -> YamlDocument:
    """Parse `text` (the contents of `path`) strictly, or raise PublicationError."""
    if len(text) > MAX_FILE_BYTES:
        raise PublicationError(
            f"the file is too large ({len(text):,} characters; at most {MAX_FILE_BYTES:,})",
            file=path,
            fix="split it into several files; a page or data file that large is a mistake",
        )
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)  # rejects control characters already
        node = loader.get_single_node()
        if node is None:
            raise PublicationError(
                "the file is empty",
                file=path,
                line=1,
                fix="write the data this file is meant to hold (see its schema), or delete the file",
            )
        _check_cost(node, path)
        lines: dict[KeyPath, int] = {}
        data = _to_python(node, loader, (), lines, path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PublicationError(
            f"this is not valid YAML: {error.problem or error.context}",
            file=path,
            line=mark.line + 1 if mark else None,
            fix="check the indentation and quoting on this line and the one before; "
            "text that contains ': ' or starts with a quote must be quoted",
        ) from None
    except yaml.YAMLError as error:  # a character YAML refuses, say
        raise PublicationError(
            f"this is not valid YAML: {error}",
            file=path,
            fix="remove the control character, or save the file again as plain UTF-8 text",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(path, data, lines)


def read_yaml(file: Path, *, path: str) -> YamlDocument:
    """Read and parse `file`; `path` is how errors name it."""
    check_size(file, shown=path)
    try:
        # utf-8-sig: files saved by editors that add a byte-order mark still load.
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise PublicationError(
            f"the file is not UTF-8 text ({error.reason} at byte {error.start})",
            file=path,
            fix="save the file as UTF-8",
        ) from None
    return parse_yaml(text, path=path)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_cost(root: yaml.Node, path: str) -> None:
    """Refuse a node graph that is too deep, expands to too many values
    through its aliases, or contains itself; counted without expanding it
    (each node once, iteratively, so no input can exhaust the stack)."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            height[key] = 1 + max((height[id(child)] for child in children), default=0)
            in_progress.discard(key)
            line = node.start_mark.line + 1
            if height[key] > MAX_DEPTH:
                raise PublicationError(
                    f"the values here are nested more than {MAX_DEPTH} levels deep",
                    file=path,
                    line=line,
                    fix="flatten the structure: no data of the publication needs that many levels",
                )
            if size[key] > MAX_VALUES:
                raise PublicationError(
                    f"the aliases (*name) here expand to more than {MAX_VALUES:,} values",
                    file=path,
                    line=line,
                    fix="write the values out instead of repeating anchors (&name) inside each other",
                )
            continue
        if key in size:
            continue
        if key in in_progress:
            raise PublicationError(
                "an alias (*name) refers to the block that contains it, which never ends",
                file=path,
                line=node.start_mark.line + 1,
                fix="write the values out instead of the alias",
            )
        in_progress.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def _to_python(
    node: yaml.Node,
    loader: _StrictLoader,
    key_path: KeyPath,
    lines: dict[KeyPath, int],
    path: str,
) -> Any:
    lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves `<<: *anchor` merges
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise PublicationError(
                    f"the key {key!r} is not text",
                    file=path,
                    line=key_node.start_mark.line + 1,
                    key=format_key_path(key_path) or None,
                    fix="keys are names: write them as plain words",
                )
            if key in result:
                raise PublicationError(
                    f"the key '{key}' appears twice in the same block "
                    f"(first on line {lines[key_path + (key,)]})",
                    file=path,
                    line=key_node.start_mark.line + 1,
                    key=format_key_path(key_path + (key,)),
                    fix="keep one of the two: YAML would silently drop the first",
                )
            lines[key_path + (key,)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, loader, key_path + (key,), lines, path)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, loader, key_path + (index,), lines, path)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
