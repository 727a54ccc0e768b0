"""What the generator needs to know about the MkDocs site, read from its config.

The only module of the package that knows MkDocs' configuration objects, so
that a move to another generator touches this file and the hook wiring only.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from publication.content.languages import Language
from publication.errors import PublicationError, quote

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


# Where things are inside docs/ (and data/): articles/<name>.md has its data
# in data/articles/<name>.yml; the glossary page is glossary.md.
ARTICLES_DIR = "articles"
GLOSSARY_PAGE = "glossary"


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    project_dir: Path  # the folder of mkdocs.yml
    docs_dir: Path
    data_dir: Path
    site_url: str  # absolute, ends with "/"
    languages: tuple[Language, ...]

    @property
    def default_language(self) -> Language:
        return next(language for language in self.languages if language.default)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)


def site_from_config(config: MkDocsConfig) -> Site:
    project_dir = Path(config.config_file_path).resolve().parent
    i18n = config.plugins["i18n"].config
    languages = tuple(
        Language(
            code=language.locale,
            name=language.name,
            link=language.link,
            default=language.default,
        )
        # Every language of mkdocs.yml, built in this process or not: a
        # process of `make build` builds one, and links to the others.
        for language in i18n.languages
    )
    return Site(
        project_dir=project_dir,
        docs_dir=Path(config.docs_dir).resolve(),
        data_dir=project_dir / "data",
        site_url=(config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
        languages=languages,
    )


def current_language(config: MkDocsConfig) -> str:
    """The language being built: set by mkdocs-static-i18n's on_config (priority -100)."""
    return config.theme["language"]


_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$")


def check_site_url(url: str | None) -> None:
    """Refuse a site address that canonical links, feeds and the sitemap
    cannot carry as meant: http or https, a plain host, a path, and no
    query, fragment, credentials, spaces or quotes. It comes from
    mkdocs.yml or, when set, the SITE_URL environment variable."""
    if not url:
        return
    source = "SITE_URL" if os.environ.get("SITE_URL") else "mkdocs.yml"
    fix = "write the address the site is served from, like https://silicium.example.org/ or https://example.github.io/silicium/"

    def refuse(problem: str) -> PublicationError:
        return PublicationError(f"the site address {quote(url)} {problem}", file=source, key="site_url", fix=fix)

    if any(char.isspace() or not char.isprintable() or char in "\"'<>\\`{}|^" for char in url):
        raise refuse("contains a space, a quote or a character a URL does not hold")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise refuse("is not a URL") from None
    if parts.scheme not in ("http", "https"):
        raise refuse("must start with https:// (or http://)")
    if not parts.netloc or parts.username is not None or parts.password is not None or not _HOST.match(parts.netloc):
        raise refuse("has no plain host name")
    if parts.query or "?" in url:
        raise refuse("has a query (?…), which every link to the site would repeat")
    if parts.fragment or "#" in url:
        raise refuse("has a fragment (#…), which would cut every link to the site")
