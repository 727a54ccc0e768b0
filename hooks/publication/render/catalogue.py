"""The articles of one language as the front page, topic and author pages list them.

Read from each article's front matter (title, description, date, updated,
author, topics), checked against data/authors.yml and data/topics.yml, with
the project's error shape for an unknown id.
"""
from __future__ import annotations

import datetime as dt
import difflib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publication.content.frontmatter import read_front_matter
from publication.content.models import Masthead
from publication.content.site import ARTICLES_DIR, Site
from publication.content.yamlfile import YamlDocument
from publication.errors import PublicationError

# Where the generated pages live, the same in every language (like the
# side-by-side pages): "thèmes"/"themes" reads in both; authors as the French do.
TOPICS_DIR = "themes"
AUTHORS_DIR = "auteurs"
ARCHIVE_DIR = "archives"
FRONT_PAGES_DIR = "page"
# The front page shows this many articles (the lead and the next ones); the
# others are on /page/2/, /page/3/... and in the archive by year.
PAGE_SIZE = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleEntry:
    """One article as listings show it."""

    name: str  # "openai-nvidia"
    text_language: str  # the language it is written in (a fallback stays "fr")
    title: str
    description: str
    date: str  # ISO 8601 "2026-11-27"
    updated: str | None
    author: str  # an id of data/authors.yml
    topics: tuple[str, ...]  # ids of data/topics.yml, the first is the kicker
    path: str  # inside the site: "en/articles/openai-nvidia/"

    @property
    def year(self) -> int:
        return int(self.date[:4])


def relative_url(target: str, page_path: str) -> str:
    """`target` (a directory path inside the site, "" for the root) seen from
    the page at `page_path`, as a link that works from disk and any host."""
    here = page_path.rstrip("/") or "."
    there = target.rstrip("/") or "."
    relative = posixpath.relpath(there, here)
    return "./" if relative == "." else relative + "/"


def article_byline(meta: YamlDocument, masthead: Masthead) -> tuple[str, tuple[str, ...]]:
    """(author id, topic ids) of an article's front matter, checked. Without
    `author:` the article is signed by the first author of data/authors.yml
    (the editors); without `topics:` it has no kicker and no topic page."""
    data = meta.data
    author = data.get("author", next(iter(masthead.authors)))
    if not isinstance(author, str) or author not in masthead.authors:
        _unknown(meta, "author", author, list(masthead.authors), masthead.authors_path, "author: redaction")
    topics = data.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(item, str) for item in topics):
        raise PublicationError(
            "`topics:` must be a list of topic ids",
            file=meta.path,
            line=meta.line_of(("topics",)) or 1,
            key="topics",
            fix=f"write it as topics: [{', '.join(list(masthead.topics)[:2])}] (ids from {masthead.topics_path}); the first is the kicker",
        )
    for index, topic in enumerate(topics):
        if topic not in masthead.topics:
            _unknown(meta, f"topics[{index}]", topic, list(masthead.topics), masthead.topics_path, None, key_path=("topics", index))
    return str(author), tuple(topics)


def _unknown(
    meta: YamlDocument, key: str, value: Any, known: list[str], data_path: str, example: str | None, key_path: tuple = ()
) -> None:
    close = difflib.get_close_matches(str(value), known, n=1) if isinstance(value, str) else []
    hint = f"did you mean '{close[0]}'? " if close else ""
    problem = f"'{value}' is not an id of {data_path}" if value is not None else f"the article has no `{key}:`"
    raise PublicationError(
        problem,
        file=meta.path,
        line=meta.line_of(key_path or (key,)) or 1,
        key=key,
        fix=f"{hint}use one of: {', '.join(known)}" + (f" (for example `{example}`)" if example else "") + f", or add it to {data_path}",
    )


def _iso(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else None


def read_catalogue(files: Any, *, site: Site, masthead: Masthead) -> list[ArticleEntry]:
    """Every article of the language being built (its `files`), newest first."""
    entries = []
    for file in files.documentation_pages():
        if file.abs_src_path is None:
            continue
        src = file.src_uri
        for language in site.languages:
            if language.prefix and src.startswith(language.prefix):
                src = src[len(language.prefix):]
        if not src.startswith(f"{ARTICLES_DIR}/"):
            continue
        path = str(Path(file.abs_src_path).relative_to(site.project_dir))
        meta = read_front_matter(file.content_string, path=path)
        missing = [key for key in ("title", "description", "date") if not meta.data.get(key)]
        if missing:
            raise PublicationError(
                f"an article needs {', '.join(missing)} in its front matter",
                file=path,
                line=1,
                fix="add title:, description: and date: (YYYY-MM-DD) between the --- lines at the top",
            )
        author, topics = article_byline(meta, masthead)
        entries.append(
            ArticleEntry(
                name=posixpath.splitext(posixpath.basename(src))[0].split(".")[0],
                text_language=getattr(file, "locale", None) or site.default_language.code,
                title=str(meta.data["title"]),
                description=str(meta.data["description"]),
                date=_iso(meta.data["date"]) or "",
                updated=_iso(meta.data.get("updated")),
                author=author,
                topics=topics,
                path="" if file.url == "./" else file.url,
            )
        )
    return sorted(entries, key=lambda entry: (entry.date, entry.name), reverse=True)
