"""Load, validate and model the data files: the one way data enters the build.

Each file is parsed and validated once per process and kept until it changes
on disk, so static-i18n's per-language rebuilds and `mkdocs serve` reloads
reuse it, and an edit is picked up on the next rebuild.
"""
from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from publication.build.cache import cache_dir
from publication.content.editorial_log import check_append_only, committed_logs
from publication.content.models import (
    ArticleData,
    Author,
    Callout,
    DealRow,
    DealTable,
    Glossary,
    LogEntry,
    Masthead,
    Quote,
    Source,
    Term,
    Text,
    Topic,
    UiStrings,
)
from publication.content.schema import validate
from publication.content.ui_strings import check_ui_strings
from publication.content.values import check_placeholder_free, check_values
from publication.content.yamlfile import KeyPath, YamlDocument, format_key_path, read_yaml
from publication.errors import PublicationError, quote
from publication.render.formatting import Fact, Money, Names, Percent, Period, Power, format_fact

LANGUAGES = ("fr", "en")
T = TypeVar("T")
_cache: dict[tuple[str, str], tuple[tuple[int, int, int, int], Any]] = {}


def cached_by_mtime(file: Path, kind: str, build: Callable[[], T]) -> T:
    """`build()`, computed once per process and again only when `file` changes."""
    stat = file.stat()
    # The inode and change time too: a rewrite of the same size within the
    # clock's resolution keeps mtime and size (an atomic replace changes the
    # inode, any write the change time).
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
    key = (str(file), kind)
    hit = _cache.get(key)
    if hit and hit[0] == stamp:
        return hit[1]
    value = build()
    _cache[key] = (stamp, value)
    return value


def read_data_file(data_dir: Path, relative: str, schema: str) -> YamlDocument:
    """`data_dir`/`relative`, parsed strictly and validated against `schema`;
    parsed once per process while the file is unchanged (the models and the
    translation units both read a file: one parse serves both). The document
    is shared: read it, never change it."""
    return cached_by_mtime(data_dir / relative, f"document:{schema}", lambda: _read_data_file(data_dir, relative, schema))


def _read_data_file(data_dir: Path, relative: str, schema: str) -> YamlDocument:
    file = data_dir / relative
    shown = f"{data_dir.name}/{relative}"
    document = read_yaml(file, path=shown)
    # data/ sits next to mkdocs.yml: the project's cache is in its parent.
    validate(document, schema_dir=data_dir / "schemas", schema=schema, known_valid=cache_dir(data_dir.parent, "valid-data"))
    if schema not in _WRITTEN_BY_TOOLS:
        check_values(document)
    return document


# Files that tools write (`make translations-ok`, `make xliff-import`): their
# keys are unit ids and fingerprints, their texts copies of French already
# checked in its page, not text a contributor writes here.
_WRITTEN_BY_TOOLS = frozenset({"translations-lock.schema.json", "translations-pinned.schema.json"})


def load_glossary(data_dir: Path) -> Glossary:
    file = data_dir / "glossary.yml"
    return cached_by_mtime(file, "glossary", lambda: _glossary(read_data_file(data_dir, "glossary.yml", "glossary.schema.json")))


def load_ui(data_dir: Path) -> UiStrings:
    file = data_dir / "ui.yml"
    return cached_by_mtime(file, "ui", lambda: _ui(read_data_file(data_dir, "ui.yml", "ui.schema.json"), data_dir.parent))


def load_masthead(data_dir: Path) -> Masthead:
    """The authors (data/authors.yml) and topics (data/topics.yml)."""
    authors = cached_by_mtime(
        data_dir / "authors.yml", "authors", lambda: read_data_file(data_dir, "authors.yml", "authors.schema.json")
    )
    topics = cached_by_mtime(
        data_dir / "topics.yml", "topics", lambda: read_data_file(data_dir, "topics.yml", "topics.schema.json")
    )
    return Masthead(
        authors_path=authors.path,
        topics_path=topics.path,
        authors={
            key: Author(id=key, name=_text(value["name"]), role=_text(value["role"]), bio=_text(value["bio"]))
            for key, value in authors.data["authors"].items()
        },
        topics={
            key: Topic(id=key, name=_text(value["name"]), description=_text(value["description"]))
            for key, value in topics.data["topics"].items()
        },
    )


def article_data_file(data_dir: Path, article: str) -> Path:
    """data/articles/<article>.yml for docs/articles/<article>.md."""
    return data_dir / "articles" / f"{article}.yml"


def load_article_data(data_dir: Path, article: str) -> ArticleData | None:
    file = article_data_file(data_dir, article)
    if not file.is_file():
        return None
    relative = f"articles/{article}.yml"
    return cached_by_mtime(file, "article", lambda: _checked_article(data_dir, relative))


def _checked_article(data_dir: Path, relative: str) -> ArticleData:
    document = read_data_file(data_dir, relative, "article.schema.json")
    # data/ sits next to mkdocs.yml, at the root of the repository's project.
    project_dir = data_dir.parent
    check_append_only(document, committed_logs(project_dir, f"{data_dir.name}/{relative}"))
    return _article(document)


def _text(value: dict[str, str]) -> Text:
    return Text(fr=value["fr"], en=value["en"])


def _glossary(document: YamlDocument) -> Glossary:
    check_placeholder_free(document, filled=lambda key_path: False)
    terms = {
        term_id: Term(
            id=term_id,
            term=_text(entry["term"]),
            expansion=_text(entry["expansion"]) if "expansion" in entry else None,
            short=_text(entry["short"]),
            definition=_text(entry["definition"]),
            matches={language: tuple(entry["matches"][language]) for language in LANGUAGES},
        )
        for term_id, entry in document.data["terms"].items()
    }
    return Glossary(path=document.path, terms=terms)


def _ui(document: YamlDocument, project_dir: Path) -> UiStrings:
    # Every string the code and the theme use exists, with only the
    # placeholders its use provides (data/ sits next to overrides/).
    check_ui_strings(document, project_dir=project_dir)
    return UiStrings(
        path=document.path,
        strings={key: _text(value) for key, value in document.data["strings"].items()},
    )


def _fact(value: dict[str, Any]) -> Fact:
    match value["kind"]:
        case "money":
            return Money(amount=value["amount"], currency=value["currency"])
        case "power":
            return Power(gigawatts=value["gigawatts"])
        case "period":
            return Period(half=value["half"], year=value["year"])
        case "percent":
            return Percent(value=value["value"])
        case "names":
            return Names(names=tuple(value["names"]))
    raise AssertionError(f"the schema lets through an unknown fact kind: {value['kind']}")


def _fill(value: dict[str, str], facts: dict[str, Fact], document: YamlDocument, key_path: KeyPath) -> Text:
    """Replace {fact} placeholders with the fact written in each language."""
    filled = {}
    for language in LANGUAGES:
        path = key_path + (language,)
        try:
            fields = [
                (name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(value[language]) if name is not None
            ]
        except ValueError as error:
            raise PublicationError(
                f"a brace is not closed ({error})",
                file=document.path,
                line=document.line_of(path),
                key=format_key_path(path),
                fix="write placeholders as {fact_name}; a literal brace is written {{ or }}",
            ) from None
        for name, spec, conversion in fields:
            if spec or conversion or not name.isidentifier():
                shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                raise PublicationError(
                    f"the placeholder {quote(shown)} is not a fact's name",
                    file=document.path,
                    line=document.line_of(path),
                    key=format_key_path(path),
                    fix="write a placeholder as the fact's name alone, like {power}: no dot, index, format or conversion "
                    "(each fact is written the way its kind and language want)",
                )
            if name not in facts:
                known = ", ".join(sorted(facts)) or "none yet"
                raise PublicationError(
                    f"the placeholder {{{name}}} names no fact",
                    file=document.path,
                    line=document.line_of(path),
                    key=format_key_path(path),
                    fix=f"use one of the facts defined under `facts:` ({known}), or add `{name}:` there",
                )
        filled[language] = value[language].format_map(
            {name: format_fact(fact, language) for name, fact in facts.items()}
        )
    return _text(filled)


# The fields of an article's data whose {placeholders} are filled with facts
# (_fill); a placeholder anywhere else would be shown as written.
_FILLED = (("deal_table", "rows", int, "details"), ("callouts", str, "text"))


def _is_filled(key_path: KeyPath) -> bool:
    return any(
        len(key_path) == len(pattern) + 1
        and all(part == expected or (isinstance(expected, type) and isinstance(part, expected)) for part, expected in zip(key_path, pattern))
        for pattern in _FILLED
    )


def _article(document: YamlDocument) -> ArticleData:
    data = document.data
    check_placeholder_free(document, filled=_is_filled)
    facts = {name: _fact(value) for name, value in data.get("facts", {}).items()}
    deal_table = None
    if "deal_table" in data:
        table = data["deal_table"]
        deal_table = DealTable(
            caption=_text(table["caption"]),
            aspect_header=_text(table["header"]["aspect"]),
            details_header=_text(table["header"]["details"]),
            rows=tuple(
                DealRow(
                    aspect=_text(row["aspect"]),
                    details=_fill(row["details"], facts, document, ("deal_table", "rows", index, "details")),
                )
                for index, row in enumerate(table["rows"])
            ),
        )
    callouts = {
        callout_id: Callout(
            id=callout_id,
            kind=value["kind"],
            severity=value.get("severity"),
            assessed_by=value.get("assessed_by"),
            text=_fill(value["text"], facts, document, ("callouts", callout_id, "text")),
        )
        for callout_id, value in data.get("callouts", {}).items()
    }
    sources = {
        source_id: Source(id=source_id, **{key: value[key] for key in ("publisher", "title", "date", "url", "language")})
        for source_id, value in data.get("sources", {}).items()
    }
    quotes = {quote_id: _quote(quote_id, value, sources, document) for quote_id, value in data.get("quotes", {}).items()}
    return ArticleData(
        path=document.path,
        facts=facts,
        deal_table=deal_table,
        callouts=callouts,
        quotes=quotes,
        sources=sources,
        investment_notice=bool(data.get("investment_notice", False)),
        log=tuple(
            LogEntry(
                date=entry["date"],
                kind=entry["kind"],
                text=_text(entry["text"]),
                was=_text(entry["was"]) if "was" in entry else None,
                now=_text(entry["now"]) if "now" in entry else None,
            )
            for entry in data.get("editorial_log", [])
        ),
        figures_not_facts=tuple(entry["figure"] for entry in data.get("figures_not_facts", [])),
    )


def _quote(quote_id: str, value: dict[str, Any], sources: dict[str, Source], document: YamlDocument) -> Quote:
    """A quotation whose source exists and whose words, in the language they
    were said in, are the speaker's: the whole of `original` or a part of it."""
    key_path: KeyPath = ("quotes", quote_id)
    source = sources.get(value["source"])
    if source is None:
        known = ", ".join(sorted(sources)) or "none yet"
        raise PublicationError(
            f"the source '{value['source']}' is not defined",
            file=document.path,
            line=document.line_of(key_path + ("source",)),
            key=format_key_path(key_path + ("source",)),
            fix=f"name one of the entries under `sources:` ({known}), or add it there with publisher, title, date, url and language",
        )
    said_in = value["said_in"]
    shown = value["text"][said_in]
    if not _is_part_of(shown, value["original"]):
        raise PublicationError(
            f"the {said_in} text is not the speaker's words: it is not part of `original`",
            file=document.path,
            line=document.line_of(key_path + ("text", said_in)),
            key=format_key_path(key_path + ("text", said_in)),
            fix=f"in the language it was said in ({said_in}), quote the exact words of `original` (all of them or a part); "
            "a translation goes only in the other language",
        )
    return Quote(
        id=quote_id,
        speaker=value["speaker"],
        role=_text(value["role"]),
        said_in=said_in,
        original=value["original"],
        text=_text(value["text"]),
        source=source,
    )


def _is_part_of(shown: str, original: str) -> bool:
    """Whether `shown` is the whole of `original` or a part of it; spacing and
    the case of the first letter may differ (a fragment starts a sentence, or
    sits inside one), nothing else."""
    shown, original = " ".join(shown.split()), " ".join(original.split())
    return any(form in original for form in {shown, shown[:1].lower() + shown[1:], shown[:1].upper() + shown[1:]})


def load_all(
    data_dir: Path,
    *,
    passed_before: Callable[[Path], bool] = lambda file: False,
    passed: Callable[[Path, bytes], None] = lambda file, content: None,
) -> None:
    """Load and validate every data file, used by a page or not. An article's
    file that `passed_before` (the same bytes validated by an earlier build,
    build/cache.ValidationMemo) is loaded only when a page needs it; each
    one validated here is handed to `passed` with the bytes it had before."""
    load_glossary(data_dir)
    load_ui(data_dir)
    load_masthead(data_dir)
    for file in sorted((data_dir / "articles").glob("*.yml")):
        if passed_before(file):
            continue
        content = file.read_bytes()
        load_article_data(data_dir, file.stem)
        passed(file, content)
