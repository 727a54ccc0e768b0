"""The site's search: one Pagefind index per language, of reader pages only.

Pagefind (PyPI `pagefind[bin]`) splits each index into small chunks that the
browser fetches as a query needs them, so a search at 500 articles costs a
phone a few hundred kilobytes instead of the whole index (bench/RESULTS.md).
Each language gets its own bundle (`pagefind/`, `en/pagefind/`), analysed
with its own stemmer: results can only come from the page's language.

What is indexed is a copy of each page's article, never the page itself:
  - pages that ask not to be (`search: exclude: true` in their front matter,
    rendered as `<meta name="search-index" content="exclude">`: the
    translation status page, the 404 pages) are left out;
  - the side-by-side view is indexed by its title and introduction only, so
    the article's words find the article, not a second copy of it;
  - in French, an elided article or pronoun is cut from its word with a
    straight apostrophe ("l’économie" -> "l'économie"), which Pagefind splits
    and the curly one it does not; the search script puts the curly one back
    in what a reader sees (docs/assets/javascripts/search-text.js).

Once the first result is shown, the worker fetches the rest of a small
bundle ahead (the stub lists its chunks), so the search keeps working
offline; a large one (hundreds of articles) is fetched as queries need it.

Material's search still runs the dialog, the keyboard and the results list:
its worker is replaced by ours (docs/assets/javascripts/search-worker.js),
which Material sets up with the small `search/search_index.json` written here
(the engine's location, no documents).
"""
from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from publication.build.cache import TextMemo
from publication.content.languages import Language
from publication.errors import PublicationError
from publication.render.html_text import rewrite_text_in

INDEX_PATH = Path("search") / "search_index.json"
BUNDLE_DIR = "pagefind"
# A bundle at most this large is fetched whole once the reader has searched
# (docs/assets/javascripts/search-worker.js); measured in bench/search.py.
FETCH_AHEAD_BYTES = 300_000
# What a page's template writes in its head when it must not be found.
EXCLUDE_META = {"name": "search-index", "content": "exclude"}
# l’ d’ j’ m’ n’ s’ t’ c’ qu’ jusqu’ lorsqu’ puisqu’ (and their capitals)
# before a letter: the French elisions.
FRENCH_ELISION = re.compile(r"(?<!\w)(jusqu|lorsqu|puisqu|qu|[ldjmnstc])[’ʼ](?=\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SearchPage:
    url: str  # inside its language's root: "articles/openai-nvidia/"
    html: str  # what Pagefind reads: the page's text, prepared


def split_elisions(text: str, language: str) -> str:
    """The text as the index reads it: French elisions with a straight apostrophe."""
    return FRENCH_ELISION.sub(r"\1'", text) if language == "fr" else text


def reader_pages(
    site_dir: Path, language: Language, languages: Sequence[Language], memo: TextMemo | None = None
) -> Iterator[SearchPage]:
    """The pages of `language` a reader may search, in a stable order; each
    page's copy is kept in `memo` by the page's bytes."""
    root = site_dir / language.prefix
    # Other languages' folders live inside the default language's root.
    others = {site_dir / other.prefix for other in languages if other.prefix and other != language}
    skipped_dirs = others | {site_dir / "assets", root / BUNDLE_DIR, root / "search"}
    for path in sorted(root.rglob("index.html")):
        if any(folder in path.parents for folder in skipped_dirs):
            continue
        page_html = path.read_text(encoding="utf-8")
        inputs = (language.code.encode(), page_html.encode())
        kept = memo.get(inputs) if memo is not None else None
        if kept is not None:
            page = kept or None  # "": a page that is not searched
        else:
            page = _search_copy(page_html, language.code)
            if memo is not None:
                memo.put(inputs, page or "")
        if page is not None:
            url = path.parent.relative_to(root).as_posix()
            yield SearchPage(url="" if url == "." else url + "/", html=page)


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_EXCLUDED = f"//meta[@name='{EXCLUDE_META['name']}'][@content='{EXCLUDE_META['content']}']"
_ARTICLE = f"//article[{_class('md-content__inner')}]"
# Parts of an article that are not its text: permalinks, the "read side by
# side" furniture, scripts, styles, templates.
_SKIPPED_ELEMENTS = (
    f".//*[{_class('headerlink')} or {_class('page-furniture')} or self::script or self::style"
    " or self::template or @data-search-exclude]"
)
_PARALLEL = f".//*[{_class('parallel')}]"
_SEPARATE = frozenset({"td", "th", "li", "dt", "dd"})


def _search_copy(page_html: str, language: str) -> str | None:
    # lxml, not BeautifulSoup: the copies of 1,000 pages are made in a
    # second instead of ten.
    document = lxml.html.document_fromstring(page_html)
    if document.xpath(_EXCLUDED):
        return None
    found = document.xpath(_ARTICLE)
    if not found:
        return None
    article = found[0]
    for element in article.xpath(_SKIPPED_ELEMENTS):
        element.drop_tree()  # its tail, the text after it, stays
    headings = article.xpath(".//h1")
    heading = headings[0] if headings else None
    titles = document.xpath("//title")
    title = " ".join((heading if heading is not None else titles[0] if titles else article).text_content().split())
    # Outside code only (never prose): nothing else is skipped.
    rewrite_text_in(article, lambda text: split_elisions(text, language), skipped=frozenset())
    # Table cells and list items are separate words, not "AspectDétails".
    for cell in article.iter(*_SEPARATE):
        if len(cell):
            cell[-1].tail = (cell[-1].tail or "") + " "
        else:
            cell.text = (cell.text or "") + " "
    fields = f'<meta data-pagefind-meta="title[content]" content="{_escape(title, quote=True)}">'
    parallel = article.xpath(_PARALLEL)
    if heading is not None and parallel:
        # The side-by-side view: found by its own introduction, never by the
        # words of the article it shows. Pagefind searches every metadata
        # field, not its filters: the title shown in the results is a filter.
        fields = (
            f'<meta data-pagefind-meta="title[content]" content="{_escape(title.split(":")[0], quote=True)}">'
            f'<meta data-pagefind-filter="shown_title[content]" content="{_escape(title, quote=True)}">'
        )
        heading.drop_tree()
    for column in parallel:
        if column.getparent() is not None:
            column.drop_tree()
    body = lxml.html.tostring(article, encoding="unicode", with_tail=False)
    return f'<html lang="{language}"><head>{fields}</head><body>{body}</body></html>'


def _escape(text: str, *, quote: bool = False) -> str:
    return html.escape(text, quote=quote)


def write_search_indexes(site_dir: Path, languages: Sequence[Language], memo: TextMemo | None = None) -> None:
    """Write each language's Pagefind bundle and the stub that points Material's
    search at it, replacing the lunr index Material and static-i18n wrote."""
    pages = {language.code: list(reader_pages(site_dir, language, languages, memo)) for language in languages}
    asyncio.run(_write_bundles(site_dir, languages, pages))
    for language in languages:
        bundle = site_dir / language.prefix / BUNDLE_DIR
        chunks = sorted(path for folder in ("index", "fragment", "filter") for path in (bundle / folder).glob("*") if path.is_file())
        chunk_bytes = sum(path.stat().st_size for path in chunks)
        stub = {
            "config": {
                "lang": [language.code],
                # The bundle, relative to the site's root (the worker finds it from there).
                "pagefind": language.prefix + BUNDLE_DIR + "/",
                # Its chunks (already compressed by Pagefind), which the worker
                # fetches ahead, for a search that works offline, when they are
                # few; a larger bundle is fetched as queries need it, and its
                # list, which grows with the site, is left out of the stub that
                # every search waits for.
                "chunks": [path.relative_to(bundle).as_posix() for path in chunks] if chunk_bytes <= FETCH_AHEAD_BYTES else [],
                "chunk_bytes": chunk_bytes,
                "pipeline": [],
                "separator": r"[\s\-]+",
            },
            "docs": [],
        }
        path = site_dir / language.prefix / INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stub, separators=(",", ":"), sort_keys=True), encoding="utf-8")


async def _write_bundles(site_dir: Path, languages: Sequence[Language], pages: dict[str, list[SearchPage]]) -> None:
    # Both languages at once, each in its own Pagefind service.
    await asyncio.gather(*(_write_bundle(site_dir, language, pages[language.code]) for language in languages))


async def _write_bundle(site_dir: Path, language: Language, pages: list[SearchPage]) -> None:
    from pagefind.index import PagefindIndex

    output = site_dir / language.prefix / BUNDLE_DIR
    shutil.rmtree(output, ignore_errors=True)
    config = {"output_path": str(output), "force_language": language.code}
    # The copies are written to a folder that Pagefind indexes in one request,
    # in parallel on its side: one request per page (add_html_file) costs
    # about 0.1 s each, 100 s at 500 articles per language.
    with tempfile.TemporaryDirectory(prefix=f"search-{language.code}-") as folder:
        for page in pages:
            copy = Path(folder, page.url, "index.html")
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(page.html, encoding="utf-8")
        try:
            async with PagefindIndex(config=config) as index:  # type: ignore[arg-type]
                indexed = await index.add_directory(folder)
        except Exception as error:  # the service reports its own failures as plain exceptions
            raise PublicationError(
                f"Pagefind failed ({error}).",
                file=str(output),
                key="search index",
                fix="reinstall the pinned requirements (make test does), which include pagefind-bin",
            ) from None
    if indexed["page_count"] != len(pages):
        raise PublicationError(
            f"Pagefind indexed {indexed['page_count']} of {len(pages)} pages; this is a bug in the generator.",
            file=str(output),
            key="search index",
            fix="run the build with PUBLICATION_DEBUG=1 and report it",
        )
    # Files that only Pagefind's own UI and playground use: not ours.
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "wasm.unknown.pagefind"):
        (output / unused).unlink(missing_ok=True)
