"""Front matter of Markdown pages, read with the same strict YAML rules as data
and validated against the JSON Schema of its kind of page.

MkDocs reads the front matter itself too, with YAML 1.1 rules, and when that
fails it silently drops the whole block and publishes it as text at the top
of the page; without `---` lines it takes leading `key: value` lines as
metadata and hides them. Both are refused here, so `make check` and the build
stop with the page's error instead.
"""
from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from pathlib import Path, PurePosixPath

import yaml

from publication.build.cache import cache_dir
from publication.content.yamlfile import YamlDocument, format_key_path, parse_yaml
from publication.errors import PublicationError, quote

# The block MkDocs takes for front matter (mkdocs.utils.meta.YAML_RE), with
# the byte-order mark that editors may leave.
FRONT_MATTER_PATTERN = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_OPENING_LINE = re.compile(r"\A(?:\ufeff)?---[ \t]*(?:\n|\Z)")
# A first line MkDocs takes for MultiMarkdown metadata (mkdocs.utils.meta.META_RE).
_METADATA_LINE = re.compile(r"\A(?:\ufeff)?[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):")
# What YAML 1.1 (MkDocs' reader) takes for a date or a time, quoted or not by us.
_TIMESTAMP = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$")


class PageKind(Enum):
    """Each kind of page has its own front-matter schema in data/schemas/."""

    PAGE = "front-matter-page.schema.json"  # home, about, glossary...: any language
    ARTICLE = "front-matter-article.schema.json"  # docs/articles/<name>.md, in the source language
    TRANSLATION = "front-matter-translation.schema.json"  # docs/articles/<name>.<language>.md


def page_kind(
    path: str, *, articles_dir: str, languages: tuple[str, ...], default_language: str, name: str | None = None
) -> PageKind:
    """The kind of the page at `path` ("docs/articles/x.en.md"), from its
    folder (or `name`, "articles/x", when given) and its language suffix."""
    parts = PurePosixPath(path).parts
    if name is not None:
        in_articles = name.startswith(f"{articles_dir}/")
    else:
        in_articles = articles_dir in parts[1:-1] if parts and parts[0] == "docs" else articles_dir in parts[:-1]
    if not in_articles:
        return PageKind.PAGE
    suffix = PurePosixPath(PurePosixPath(path).stem).suffix.lstrip(".")
    if suffix in languages and suffix != default_language:
        return PageKind.TRANSLATION
    return PageKind.ARTICLE


def read_front_matter(source: str, *, path: str) -> YamlDocument:
    """The front matter of `source` (empty when there is none); lines count from
    the top of the file. Raises PublicationError for what MkDocs would drop
    or misread."""
    match = FRONT_MATTER_PATTERN.match(source)
    if not match:
        if _OPENING_LINE.match(source):
            raise PublicationError(
                "the front matter is not closed: no `---` line ends it",
                file=path,
                line=1,
                fix="end the block of keys with a line of three dashes `---`, then the page's text",
            )
        first = _METADATA_LINE.match(source)
        if first:
            raise PublicationError(
                f"the first line reads as metadata (`{first.group('key')}:`), which MkDocs would hide from the page",
                file=path,
                line=1,
                fix="put the page's keys between two `---` lines at the top, or reword the first line",
            )
        return YamlDocument(path, {}, {(): 1})
    text = match.group("yaml")
    if not text.strip():
        return YamlDocument(path, {}, {(): 1})
    # One blank line in place of the opening "---" keeps line numbers right.
    document = parse_yaml("\n" + text, path=path)
    if not isinstance(document.data, dict):
        raise PublicationError(
            "the front matter is not a block of keys",
            file=path,
            line=1,
            fix="write `key: value` lines between the two `---` lines",
        )
    _check_mkdocs_reads(text, document)
    return document


def validate_front_matter(document: YamlDocument, *, kind: PageKind, project_dir: Path, schema_dir: Path) -> None:
    """Raise PublicationError for the first key of `document` that its kind's
    schema refuses: an unknown key (with a did-you-mean), a wrong type, a date
    that is not a real YYYY-MM-DD day."""
    from publication.content.schema import validate  # the schema module imports jsonschema lazily itself
    from publication.content.values import check_values

    validate(document, schema_dir=schema_dir, schema=kind.value, known_valid=cache_dir(project_dir, "valid-data"))
    check_values(document)


def page_body(source: str) -> str:
    """`source` without its front matter: the Markdown that MkDocs renders."""
    match = FRONT_MATTER_PATTERN.match(source)
    return source[match.end():] if match else source


def _check_mkdocs_reads(text: str, document: YamlDocument) -> None:
    """Refuse front matter that the project reads but MkDocs' YAML 1.1 reader
    does not: MkDocs would drop every key and print the block as text."""
    try:
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception as error:  # whatever it is, MkDocs swallows it and drops the block
        key_path, value = _impossible_timestamp(document.data)
        if key_path is not None:
            raise PublicationError(
                f"{quote(value)} reads as a date, and there is no such day: MkDocs would drop the whole front matter",
                file=document.path,
                line=document.line_of(key_path),
                key=format_key_path(key_path),
                fix="write a day that exists, as YYYY-MM-DD; text that only looks like a date goes in quotes",
            ) from None
        mark = getattr(error, "problem_mark", None)
        raise PublicationError(
            "MkDocs cannot read this front matter and would print it as text at the top of the page",
            file=document.path,
            line=mark.line + 1 if mark is not None else 1,
            fix="put values with unusual characters in quotes",
        ) from None


def _impossible_timestamp(value: object, key_path: tuple[str | int, ...] = ()) -> tuple[tuple[str | int, ...] | None, str]:
    """The first text value that YAML 1.1 reads as a date that does not exist."""
    if isinstance(value, dict):
        items: list[tuple[str | int, object]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        day = _TIMESTAMP.match(value) if isinstance(value, str) else None
        if day is not None:
            try:
                dt.date(int(day["year"]), int(day["month"]), int(day["day"]))
            except ValueError:
                return key_path, str(value)
        return None, ""
    for key, item in items:
        found, text = _impossible_timestamp(item, (*key_path, key))
        if found is not None:
            return found, text
    return None, ""
