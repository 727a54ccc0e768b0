"""Rendered pages kept between builds: a page whose inputs have not changed is written from the cache, not rendered again.

At 500 articles, nearly all of a build's time goes into rendering articles
that did not change since the last build (bench/RESULTS.md). Each cached
page is keyed by everything its HTML is made from, in two parts:

- the site's inputs (`site_inputs`), which any page may read: the
  generator's code (hooks/), the theme's overrides, mkdocs.yml and the
  build's settings (site URL, language, live reload), the installed
  packages, every data file but an article's own, every file of docs/ but
  the articles' Markdown (of an article in the nav, its title, which every
  page's menu shows), the list of pages (links are checked against
  it), the catalogue of articles (each article links to its older and newer
  ones) and the git commit (dates come from history);
- the page's own (`page_inputs`): its source as MkDocs read it (the
  generated pages' text is made from the catalogue and their article's
  front matter), the Markdown of its article in every language (a
  translation is compared with its French, and the French build reports
  the translation's figures), and the article's own data files.

Those two parts are all the inputs of an article and of the pages the
build generates (side-by-side views, listings: their text is generated
from the catalogue). The other pages (home, glossary, about, the
translations' status) may read across the whole site: their key holds
every article's files too, so they are rendered again after any edit; they
are a handful.

An entry holds what the build made of the page: its final HTML (after every
plugin), what MkDocs learnt of it that other pages use (its title, its
anchors, its links to other pages' anchors), what it gave its language's
manifest, and the log lines it printed, printed again when the entry is
used, so that a build from the cache says what a full build says. A page
that printed a warning is never stored: every build warns again until it is
fixed. test_page_cache.py checks that builds from the cache, after each kind
of edit, are byte for byte a build without it.

Entries live in `.cache/publication/pages/<language>/` (build/cache.py), a
JSON file and an HTML file each, written whole then renamed into place; two
builds at once write the same content for the same key. After a build, the
entries it did not use are removed.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from publication.build.cache import (
    cache_dir,
    code_digest,
    digest,
    environment_digest,
    files_under,
    git_head,
    prune,
    write_atomically,
)
from publication.content.site import ARTICLES_DIR, Site
from publication.errors import PublicationError

# Bump when what an entry holds, or how keys are made, changes.
FORMAT = 1
# The theme template a page from the cache is "rendered" with: it prints
# nothing, and the page's on_post_page gives MkDocs the stored HTML instead.
CACHED_TEMPLATE = "publication-cached.html"
# The data files of one article, besides data/articles/<name>.yml: the
# pinned French of its translation units (translation/lock.py names them).
_ARTICLE_PINNED = ("translations.pinned/articles-{name}.yml", "translations.pinned/data-articles-{name}.yml")


@dataclass(frozen=True, slots=True, kw_only=True)
class LogLine:
    phase: str  # "read" (Markdown to HTML) or "write" (template to file)
    logger: str
    level: int
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CachedPage:
    title: str | None  # MkDocs' title from the rendered headline
    anchors: tuple[str, ...]  # ids in the page, which links from other pages may name
    links_to_anchors: dict[str, dict[str, str]]  # src_uri of a linked page -> anchor -> link as written
    contribution: dict[str, Any]  # head.PageContribution, as JSON
    log_lines: tuple[LogLine, ...]

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "title": self.title,
            "anchors": list(self.anchors),
            "links_to_anchors": self.links_to_anchors,
            "contribution": self.contribution,
            "log_lines": [[line.phase, line.logger, line.level, line.message] for line in self.log_lines],
        }
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> CachedPage | None:
        try:
            data = json.loads(text)
            if not _well_formed(data):
                return None
            return cls(
                title=data["title"],
                anchors=tuple(data["anchors"]),
                links_to_anchors=data["links_to_anchors"],
                contribution=data["contribution"],
                log_lines=tuple(
                    LogLine(phase=phase, logger=logger, level=level, message=message)
                    for phase, logger, level, message in data["log_lines"]
                ),
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry is a miss


def _well_formed(data: Any) -> bool:
    """An entry as to_json writes it, down to the types (a damaged or foreign
    file is a miss, never an error halfway through a page)."""

    def strings(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return False
    contribution = data.get("contribution")
    links = data.get("links_to_anchors")
    lines = data.get("log_lines")
    return (
        isinstance(data.get("title"), (str, type(None)))
        and strings(data.get("anchors"))
        and isinstance(links, dict)
        and all(isinstance(anchors, dict) and all(isinstance(v, str) for v in anchors.values()) for anchors in links.values())
        and isinstance(contribution, dict)
        and isinstance(contribution.get("sitemap"), dict)
        and all(isinstance(contribution.get(part), (dict, type(None))) for part in ("feed", "preview"))
        and isinstance(lines, list)
        and all(
            isinstance(line, list) and len(line) == 4 and strings([line[0], line[1], line[3]]) and type(line[2]) is int
            for line in lines
        )
    )


class _Recorder(logging.Handler):
    """The log lines of one page, as they are printed."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass(slots=True)
class _Pending:
    key: str
    source: str
    generated: bool
    log_lines: list[LogLine] = field(default_factory=list)
    warned: bool = False
    title: str | None = None
    anchors: tuple[str, ...] = ()
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    contribution: dict[str, Any] | None = None


class PageCache:
    """The cache as one language's build uses it: carried by that build's config."""

    def __init__(self, folder: Path | None, site_key: str, site: Site, site_key_now: Callable[[], str] = str) -> None:
        self.folder = folder
        self.site_key = site_key
        self.site = site
        self._site_key_now = site_key_now  # the site's inputs digested again, at the build's end
        self._used: set[str] = set()  # entries this build read or wrote
        self._written: list[Path] = []
        # src_uri -> entry, for the pages served from the cache, until the page is written.
        self.hits: dict[str, CachedPage] = {}
        self._hit_keys: dict[str, str] = {}
        self.served = 0  # pages served from the cache
        self.looked_up = 0  # pages looked up, hits or not
        self._every_article: bytes | None = None  # digest of every article's files, once needed
        self._pending: dict[str, _Pending] = {}  # src_uri -> what a rendered page has shown so far
        self._recording: tuple[str, str, _Recorder] | None = None  # (src_uri, phase, handler)

    # -- looking up ---------------------------------------------------------
    def look_up(self, src_uri: str, source: str, generated: bool) -> CachedPage | None:
        """The entry of the page, if its inputs are cached; else the page is
        to be rendered and recorded (None)."""
        if self.folder is None:
            return None
        self.looked_up += 1
        key = self._key(src_uri, source, generated)
        entry = _read(self._path(key))
        if entry is not None and self._path(key, ".html").is_file():
            self.hits[src_uri] = entry
            self._hit_keys[src_uri] = key
            self.served += 1
            self._used.add(key)
            return entry
        self._pending[src_uri] = _Pending(key=key, source=source, generated=generated)
        return None

    def _key(self, src_uri: str, source: str, generated: bool) -> str:
        parts = page_inputs(src_uri, source, self.site)
        if not generated and _unit_of(src_uri, self.site) is None:
            parts.append(self._every_article_key())
        return digest([self.site_key.encode(), *parts])

    def _path(self, key: str, suffix: str = ".json") -> Path:
        """An entry is two files: what MkDocs learnt of the page (.json, read
        when the page is looked up) and the page itself (.html, read only
        when it is written: all the pages at once would take gigabytes at
        5,000 articles, as MkDocs reads every page before it writes any)."""
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{suffix}"

    def output(self, src_uri: str) -> str:
        """The stored HTML of a page served from the cache, once: the page is written."""
        key = self._hit_keys.pop(src_uri)
        self.hits.pop(src_uri, None)
        try:
            return self._path(key, ".html").read_text(encoding="utf-8")
        except OSError:
            raise PublicationError(
                "this page's entry in the build cache went missing during the build (another build removed it)",
                file=src_uri,
                key="build cache",
                fix="run the build again, one at a time",
            ) from None

    def _every_article_key(self) -> bytes:
        if self._every_article is None:
            files = _article_files(self.site)
            self._every_article = digest(
                part for path in files for part in (_shown(path, self.site), path.read_bytes() if path.is_file() else b"-")
            ).encode()
        return self._every_article

    def is_recorded(self, src_uri: str) -> bool:
        return src_uri in self._pending

    # -- recording a rendered page -----------------------------------------
    def start_recording(self, src_uri: str, phase: str) -> None:
        if src_uri not in self._pending:
            return
        self.stop_recording()
        handler = _Recorder()
        logging.getLogger("mkdocs").addHandler(handler)
        self._recording = (src_uri, phase, handler)

    def stop_recording(self) -> None:
        if self._recording is None:
            return
        src_uri, phase, handler = self._recording
        logging.getLogger("mkdocs").removeHandler(handler)
        self._recording = None
        pending = self._pending[src_uri]
        for record in handler.records:
            pending.warned = pending.warned or record.levelno >= logging.WARNING
            pending.log_lines.append(
                LogLine(phase=phase, logger=record.name, level=record.levelno, message=record.getMessage())
            )

    def record_read(self, src_uri: str, *, title: str | None, anchors: Iterable[str], links_to_anchors: dict[str, dict[str, str]]) -> None:
        pending = self._pending.get(src_uri)
        if pending is not None:
            pending.title, pending.anchors, pending.links_to_anchors = title, tuple(sorted(anchors)), links_to_anchors

    def record_contribution(self, src_uri: str, contribution: dict[str, Any]) -> None:
        pending = self._pending.get(src_uri)
        if pending is not None:
            pending.contribution = contribution

    def store(self, src_uri: str, output: str) -> None:
        """The page's final HTML: its entry is complete, and written unless it warned."""
        self.stop_recording()
        pending = self._pending.pop(src_uri, None)
        if pending is None or pending.warned or pending.contribution is None or self.folder is None:
            return
        # A file saved while the page was rendered: what the page was made
        # of may not be what the key says. The next build renders it again.
        self._every_article = None
        if self._key(src_uri, pending.source, pending.generated) != pending.key:
            return
        entry = CachedPage(
            title=pending.title,
            anchors=pending.anchors,
            links_to_anchors=pending.links_to_anchors,
            contribution=pending.contribution,
            log_lines=tuple(pending.log_lines),
        )
        # The page first: an entry whose .json exists is whole.
        page, path = self._path(pending.key, ".html"), self._path(pending.key)
        if write_atomically(page, output) and write_atomically(path, entry.to_json()):
            self._used.add(pending.key)
            self._written += [path, page]

    def close(self) -> None:
        """At the end of a build that succeeded: if a file of the site's
        inputs changed during the build, drop what it wrote (its pages may
        have read either version); else remove the entries it did not use,
        which describe sources that are gone (the cache would otherwise grow
        by a copy of every page at each edit of the glossary or a template)."""
        if self.folder is None:
            return
        if self._site_key_now() != self.site_key:
            for path in self._written:
                path.unlink(missing_ok=True)
            return
        prune(self.folder, self._used)


def replay(entry: CachedPage, phase: str) -> None:
    """Print again what the page printed when it was rendered, in this phase."""
    for line in entry.log_lines:
        if line.phase == phase:
            logging.getLogger(line.logger).log(line.level, "%s", line.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildInputs:
    """What one language's build knows that every page may depend on, besides the project's files."""

    config_file: Path
    settings: dict[str, Any]  # the configuration as MkDocs resolved it (mkdocs_hooks._build_settings)
    page_uris: tuple[str, ...]  # every page of the build
    nav_uris: tuple[str, ...]  # the pages of mkdocs.yml's nav
    catalogue: Any  # the articles as listings show them (render/catalogue.py)


def open_page_cache(site: Site, inputs: BuildInputs) -> PageCache:
    """The cache for one language's build, keyed by the site's inputs (no
    folder: caching disabled, or a folder that cannot be written)."""
    # Without the lines a page prints (mkdocs build -q), an entry could not
    # print them again, and a page that warned would be stored as clean.
    if not logging.getLogger("mkdocs.plugins.publication").isEnabledFor(logging.INFO):
        return PageCache(None, "", site)
    folder = cache_dir(site.project_dir, f"pages/{inputs.settings['language']}")
    if folder is None:
        return PageCache(None, "", site)
    return PageCache(folder, site_inputs(site, inputs), site, lambda: site_inputs(site, inputs))


def site_inputs(site: Site, inputs: BuildInputs) -> str:
    """The digest of what every page may depend on (the module's docstring)."""
    parts: list[bytes] = [
        f"format {FORMAT}".encode(),
        json.dumps(inputs.settings, sort_keys=True, default=str).encode(),
        environment_digest().encode(),
        "\n".join(sorted(inputs.page_uris)).encode(),
        repr(inputs.catalogue).encode(),
        git_head(site.project_dir).encode(),
        b"mkdocs.yml",
        inputs.config_file.read_bytes(),
    ]
    own = {path.resolve() for path in _article_files(site)}
    parts += _nav_titles(site, inputs.nav_uris)
    parts.append(code_digest().encode())
    for folder in (site.project_dir / "overrides", site.data_dir, site.docs_dir):
        for path in sorted(files_under(folder)):
            if path.resolve() in own:
                continue
            parts += [_shown(path, site), path.read_bytes()]
    return digest(parts)


def page_inputs(src_uri: str, source: str, site: Site) -> list[bytes]:
    """What one page's HTML is made of besides the site's inputs."""
    parts = [src_uri.encode(), source.encode()]
    unit = _unit_of(src_uri, site)
    if unit is not None:
        for path in _unit_files(unit, site):
            parts += [_shown(path, site), path.read_bytes() if path.is_file() else b"-"]
    return parts


def _shown(path: Path, site: Site) -> bytes:
    """A file's name in a key: relative to the project, so that a cache
    moved with its project (or restored in CI) still serves it."""
    return path.relative_to(site.project_dir).as_posix().encode()


def _unit_of(src_uri: str, site: Site) -> str | None:
    """"articles/openai-nvidia" for any language's Markdown of that article."""
    from publication.render.pages import source_name

    name = source_name(src_uri, site)
    if PurePosixPath(name).parent.as_posix() != ARTICLES_DIR or not src_uri.endswith(".md"):
        return None
    return name


def _unit_files(unit: str, site: Site) -> list[Path]:
    name = PurePosixPath(unit).name
    files = [site.docs_dir / f"{unit}.md", *(site.docs_dir / f"{unit}.{language.code}.md" for language in site.languages)]
    files.append(site.data_dir / ARTICLES_DIR / f"{name}.yml")
    files += [site.data_dir / pattern.format(name=name) for pattern in _ARTICLE_PINNED]
    return files


def _nav_titles(site: Site, nav_uris: Iterable[str]) -> list[bytes]:
    """What every page's menu shows of an article in the nav, in every
    language: its title, as MkDocs takes it (the front matter's `title:`,
    else the first headline); the front matter block and the first `# ` line
    hold it. The rest of the article is its own pages'."""
    parts: list[bytes] = []
    for unit in sorted({unit for unit in (_unit_of(uri, site) for uri in nav_uris) if unit is not None}):
        for path in _unit_files(unit, site)[: 1 + len(site.languages)]:  # its Markdown files
            text = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
            front_matter = text.split("\n---", 1)[0] if text.startswith("---") else ""
            headline = next((line for line in text.splitlines() if line.startswith("# ")), "")
            parts += [_shown(path, site), front_matter.encode(), headline.encode()]
    return parts


def _article_files(site: Site) -> list[Path]:
    """The articles' own files, which only their own pages' keys include."""
    articles = site.docs_dir / ARTICLES_DIR
    names = {path.name.split(".", 1)[0] for path in articles.glob("*.md")} if articles.is_dir() else set()
    return [path for name in sorted(names) for path in _unit_files(f"{ARTICLES_DIR}/{name}", site)]


def _read(path: Path) -> CachedPage | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return CachedPage.from_json(text)
