"""Validation of data files against the JSON Schemas in data/schemas/.

The same schemas give contributors autocompletion and live errors in their
editor (the `# yaml-language-server: $schema=...` line of each data file);
here they stop the build, with each error turned into a sentence that names
the file, the line, the key and the fix.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publication.content.yamlfile import YamlDocument, format_key_path
from publication.errors import PublicationError, quote

if TYPE_CHECKING:
    # Imported when a document is first validated: with a cache of known-valid
    # documents, most builds never need jsonschema (a tenth of a second).
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

LANGUAGE_NAMES = {"fr": "French", "en": "English"}
# The no-HTML pattern of common.schema.json's "plain" and "markdown" texts.
NO_HTML_PATTERN = "^(?![\\s\\S]*<[A-Za-z/!?])[\\s\\S]*$"


def _schemas_state(schema_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """What identifies the schemas' current version: an edited schema (under
    `mkdocs serve`) gets a new registry and validators."""
    return tuple(
        (file.name, stat.st_mtime_ns, stat.st_size)
        for file in sorted(schema_dir.glob("*.schema.json"))
        for stat in [file.stat()]
    )


@lru_cache(maxsize=4)
def _registry(schema_dir: Path, state: tuple[tuple[str, int, int], ...]) -> Registry:
    """Every schema of `schema_dir`, loaded once, so that "$ref":
    "common.schema.json#..." resolves without reading files again."""
    from referencing import Registry, Resource

    return Registry().with_resources(
        (f"https://publication.invalid/schemas/{name}", Resource.from_contents(json.loads((schema_dir / name).read_text("utf-8"))))
        for name, _, _ in state
    )


@lru_cache(maxsize=32)
def _validator(schema_dir: Path, name: str, state: tuple[tuple[str, int, int], ...]) -> Draft202012Validator:
    # The base URI lets relative "$ref"s resolve in the registry, the way
    # editors resolve them next to the file. The schemas themselves are
    # checked by the tests, not on every build.
    from jsonschema import Draft202012Validator

    schema = {**json.loads((schema_dir / name).read_text("utf-8")), "$id": f"https://publication.invalid/schemas/{name}"}
    # Formats are checked, not only annotated: "format": "date" is a real
    # calendar date (2026-02-30 is refused).
    return _strict_validator_class()(
        schema, registry=_registry(schema_dir, state), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@lru_cache(maxsize=1)
def _strict_validator_class() -> Any:
    """Draft 2020-12 with the types a publication means: an integer is written
    as one (JSON Schema lets 2026.0 through), a number is finite (.inf and
    .nan are not figures), and true/false are never numbers."""
    from jsonschema import Draft202012Validator, validators

    def is_integer(checker: Any, instance: Any) -> bool:
        return isinstance(instance, int) and not isinstance(instance, bool)

    def is_number(checker: Any, instance: Any) -> bool:
        if isinstance(instance, bool) or not isinstance(instance, (int, float)):
            return False
        return math.isfinite(instance)

    checker = Draft202012Validator.TYPE_CHECKER.redefine_many({"integer": is_integer, "number": is_number})
    return validators.extend(Draft202012Validator, type_checker=checker)


def prepare_validators(schema_dir: Path) -> None:
    """Import jsonschema and build every validator now: `mkdocs serve` calls
    this once its first build is done, so that the first data edit is not
    the one that pays for it."""
    state = _schemas_state(schema_dir)
    for name, _, _ in state:
        _validator(schema_dir, name, state)


def validate(document: YamlDocument, *, schema_dir: Path, schema: str, known_valid: Path | None = None) -> None:
    """Raise PublicationError for the first error in `document`, in file order.

    `known_valid`, a folder, remembers the documents found valid: one is not
    validated again while its values and every schema stay the same (an
    empty file named by their hash). Only success is remembered, so an
    invalid document is reported on every build."""
    state = _schemas_state(schema_dir)
    stamp = known_valid / _fingerprint(document, _schemas_digest(schema_dir, state), schema) if known_valid else None
    if stamp is not None and stamp.exists():
        return
    errors = list(_validator(schema_dir, schema, state).iter_errors(document.data))
    if not errors:
        if stamp is not None:
            stamp.touch()
        return
    error = min(errors, key=lambda e: _order(e, document))
    raise _explain(error, document)


@lru_cache(maxsize=4)
def _schemas_digest(schema_dir: Path, state: tuple[tuple[str, int, int], ...]) -> bytes:
    """A hash of every schema's content, read once per version of the schemas."""
    digest = hashlib.sha256()
    for name, _, _ in state:
        digest.update(name.encode() + b"\0" + (schema_dir / name).read_bytes() + b"\0")
    return digest.digest()


def _fingerprint(document: YamlDocument, schemas_digest: bytes, schema: str) -> str:
    digest = hashlib.sha256(schemas_digest + schema.encode() + b"\0")
    # The parsed values, not the text: a comment or a re-indented line does
    # not change what is validated.
    digest.update(json.dumps(document.data, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _order(error: ValidationError, document: YamlDocument) -> tuple[int, int, int]:
    line = document.line_of(tuple(error.absolute_path)) or 0
    # On one block, an unknown key explains a missing one better than the
    # reverse (`trem:` is the missing `term:`); deeper errors are more precise.
    # An allowed value explains a wrong one better than its type ("use one of: 1, 2").
    rank = {"additionalProperties": 0, "type": 2}.get(str(error.validator), 1)
    return line, rank, -len(error.absolute_path)


def _explain(error: ValidationError, document: YamlDocument) -> PublicationError:
    key_path = tuple(error.absolute_path)
    key = format_key_path(key_path) or None
    line = document.line_of(key_path)
    problem, fix = _describe(error, key_path)
    if "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
        # A key's name is wrong: point at the key, not at its block.
        key_path = key_path + (error.instance,)
        key = format_key_path(key_path)
        line = document.line_of(key_path)
    if error.validator == "additionalProperties":
        # Point at the unknown key itself, not at its parent.
        unknown = _unexpected_keys(error)
        if unknown:
            key_path = key_path + (unknown[0],)
            key = format_key_path(key_path)
            line = document.line_of(key_path)
    return PublicationError(problem, file=document.path, line=line, key=key, fix=fix)


def _schema_of(error: ValidationError) -> dict[str, Any]:
    """The (sub)schema that failed: our schemas are objects, never booleans."""
    return dict(error.schema) if isinstance(error.schema, Mapping) else {}


def _unexpected_keys(error: ValidationError) -> list[str]:
    allowed = set(_schema_of(error).get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []


def _describe(error: ValidationError, key_path: tuple) -> tuple[str, str]:
    validator, schema = error.validator, _schema_of(error)
    instance: Any = error.instance
    if validator == "required":
        missing = error.message.split("'")[1]
        if missing in LANGUAGE_NAMES and isinstance(instance, dict):
            present = [code for code in LANGUAGE_NAMES if code in instance]
            if present:
                return (
                    f"the {LANGUAGE_NAMES[missing]} translation is missing",
                    f"add `{missing}:` next to `{present[0]}:` with the {LANGUAGE_NAMES[missing]} text",
                )
        return f"the key '{missing}' is missing", f"add `{missing}:`{_described(schema, missing)}"
    if validator == "dependentRequired" and isinstance(instance, dict):
        # "severity" needs "assessed_by": name the pair, as "required" does.
        for present, needed in schema.get("dependentRequired", {}).items():
            absent = [key for key in needed if present in instance and key not in instance]
            if absent:
                return (
                    f"`{present}` needs `{absent[0]}` next to it",
                    f"add `{absent[0]}:`{_described(schema, absent[0])}, or remove `{present}:`",
                )
    if validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = _unexpected_keys(error)
        suggestion = difflib.get_close_matches(unknown[0], allowed, n=1) if unknown else []
        hint = f"did you mean '{suggestion[0]}'? " if suggestion else ""
        return (
            f"unknown key {quote(unknown[0]) if unknown else '?'}",
            f"{hint}the keys allowed here are: {', '.join(allowed)}",
        )
    if validator == "type":
        expected = _type_names(schema.get("type"))
        got = _describe_value(instance)
        fix = f"write {expected} here"
        if isinstance(instance, float) and not math.isfinite(instance):
            return f"expected {expected}, found {quote(instance)[1:-1]}", "write a finite figure"
        if expected == "a whole number" and isinstance(instance, float) and instance.is_integer():
            return f"expected {expected}, found the number {instance!r}", f"write it without a decimal part: {int(instance)}"
        if "text" in expected and not isinstance(instance, (dict, list)):
            fix = f'put the value in quotes: "{quote(_yaml_scalar(instance))[1:-1]}"'
        return f"expected {expected}, found {got}", fix
    if validator == "enum":
        options = [str(option) for option in schema["enum"]]
        suggestion = difflib.get_close_matches(str(instance), options, n=1)
        hint = f"did you mean '{suggestion[0]}'? " if suggestion else ""
        return f"{_describe_value(instance)} is not an allowed value", f"{hint}use one of: {', '.join(options)}"
    if validator == "const":
        return f"expected {schema['const']!r}, found {_describe_value(instance)}", f"write {schema['const']!r}"
    if validator == "pattern" and schema.get("pattern") == NO_HTML_PATTERN:
        return (
            "HTML is not allowed in data",
            "write plain text; where the schema allows Markdown, use **bold**, *italic* or [text](https://…)",
        )
    if validator == "pattern" and schema.get("format") == "date":
        return (
            f"{_describe_value(instance)} is not a date written YYYY-MM-DD",
            f"write it as YYYY-MM-DD{_as_iso_date(instance)}",
        )
    if validator == "pattern":
        return (
            f"{_describe_value(instance)} does not have the expected form",
            f"{schema.get('description', 'match the pattern ' + schema['pattern'])}",
        )
    if validator == "format" and schema.get("format") == "date":
        return (
            f"{_describe_value(instance)} is not a date of the calendar",
            "write a day that exists, as YYYY-MM-DD (like 2026-11-27)",
        )
    if validator == "uniqueItems":
        return "the list names the same item twice", "keep each item once"
    if validator == "propertyNames":
        return f"the key {quote(instance)} is not a valid name", "use lowercase letters, digits and hyphens, like 'vera-rubin'"
    if validator == "minLength":
        return "the text is empty", "write the text, or remove the key if it is optional"
    if validator == "maxLength":
        return (
            f"the text is too long ({len(instance)} characters, at most {schema['maxLength']})",
            "shorten it",
        )
    if validator in ("minItems", "minProperties"):
        return "the list is empty", "add at least one item"
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return (
            f"{_describe_value(instance)} is out of range ({validator} {schema[validator]})",
            f"use a value within the allowed range ({validator} {schema[validator]})",
        )
    # jsonschema's own message quotes the whole value: quote one short line of it.
    return f"{_describe_value(instance)} is not valid here ({validator})", "see the schema in data/schemas/ for what is expected here"


def _as_iso_date(value: Any) -> str:
    """", 2026-11-27 for 27/11/2026" when `value` reads as day/month/year."""
    import datetime as dt
    import re

    day = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", str(value).strip())
    try:
        return f": {dt.date(int(day[3]), int(day[2]), int(day[1])).isoformat()} for {value}" if day else ", like 2026-11-27"
    except ValueError:
        return ", like 2026-11-27"


def _described(schema: dict[str, Any], key: str) -> str:
    description = schema.get("properties", {}).get(key, {}).get("description")
    return f" ({description})" if description else ""


def _type_names(types: Any) -> str:
    names: dict[str, str] = {"string": "text", "object": "a block of keys", "array": "a list", "number": "a number",
             "integer": "a whole number", "boolean": "true or false", "null": "nothing"}
    if isinstance(types, list):
        return " or ".join(names.get(str(t), str(t)) for t in types)
    return names.get(types, str(types))


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {quote(value)[1:-1]}"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a block of keys"
    return "nothing" if value is None else repr(value)


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)
