"""What the generator does to each page and to the finished site.

Glue between the build's pages and the plain functions: it decides which
data a page needs, loads it (cached), and hands it to the renderers. Pages
are read through a few attributes (`page.file.src_uri`, `page.meta`...), so
this module does not import MkDocs.
"""
from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from publication.data import load_article_data, load_glossary, load_ui
from publication.errors import PublicationError
from publication.feeds import FEED_FILE, FeedEntry, write_atom_feed
from publication.frontmatter import read_front_matter
from publication.glossary_links import link_glossary_terms
from publication.inline_quotes import mark_inline_quotes
from publication.languages import language_base_url
from publication.markers import Marker, find_markers, replace_markers
from publication.models import ArticleData, ArticleSummary
from publication.render import (
    render_article_list,
    render_callout,
    render_deal_table,
    render_glossary,
    render_quote,
)
from publication.search_index import split_search_index
from publication.seo import OG_LOCALES, SitemapEntry, alternates_for, article_json_ld, write_robots, write_sitemap
from publication.site import Site
from publication.theme_assets import drop_alternate_sitemap_lookup
from publication.typography import apply_french_typography

ARTICLES_DIR = "articles"
GLOSSARY_PAGE = "glossary"

# The 404 page of each language, as rendered in its own build (static-i18n
# writes every language's 404.html to the same file; we put them back apart).
_not_found_pages: dict[str, str] = {}
# Every page of every language built so far, for the sitemap, and every
# article by language, for the feeds.
_sitemap_entries: dict[str, SitemapEntry] = {}
_feed_entries: dict[str, dict[str, FeedEntry]] = {}
_feed_titles: dict[str, tuple[str, str]] = {}


def source_name(src_uri: str, site: Site) -> str:
    """"articles/openai-nvidia.en.md" -> "articles/openai-nvidia": the page
    whatever its language."""
    path = PurePosixPath(src_uri)
    stem = path.stem
    suffix = PurePosixPath(stem).suffix.lstrip(".")
    if suffix in {language.code for language in site.languages}:
        stem = PurePosixPath(stem).stem
    return str(path.with_name(stem))


def _page_path(page: Any, site: Site) -> str:
    """How errors name a page: relative to the project, as contributors see it."""
    try:
        return str(Path(page.file.abs_src_path).relative_to(site.project_dir))
    except ValueError:
        return page.file.src_uri


def render_page_markdown(markdown: str, *, page: Any, site: Site, language: str, files: Any) -> str | None:
    return render_markers(
        markdown,
        source=page.file.content_string,
        path=_page_path(page, site),
        name=source_name(page.file.src_uri, site),
        site=site,
        language=language,
        list_articles=lambda: _article_summaries(page, site, files),
    )


def render_markers(
    markdown: str,
    *,
    source: str,
    path: str,
    name: str,
    site: Site,
    language: str,
    list_articles: Callable[[], list[ArticleSummary]],
) -> str | None:
    """`markdown` (the page body after its front matter) with every marker
    replaced by its content; None when the page has no marker.

    `source` is the whole file, for line numbers; `name` the page without
    language suffix ("articles/openai-nvidia").
    """
    line_offset = len(source.splitlines()) - len(markdown.splitlines())
    markers = find_markers(markdown, page=path, line_offset=line_offset)
    _check_glossary_references(read_front_matter(source, path=path), site)
    if not markers:
        return None
    article = None
    if name.startswith(f"{ARTICLES_DIR}/"):
        article = load_article_data(site.data_dir, PurePosixPath(name).name)
    replacements = {
        marker.line: _render_marker(marker, path=path, site=site, language=language, article=article, list_articles=list_articles)
        for marker in markers
    }
    return replace_markers(markdown, replacements, line_offset=line_offset)


def _render_marker(
    marker: Marker,
    *,
    path: str,
    site: Site,
    language: str,
    article: ArticleData | None,
    list_articles: Callable[[], list[ArticleSummary]],
) -> str:
    if marker.name == "glossary":
        return render_glossary(load_glossary(site.data_dir), language=language)
    if marker.name == "article-list":
        return render_article_list(list_articles(), language=language, ui=load_ui(site.data_dir))
    if article is None:
        raise PublicationError(
            f"the marker '{marker.name}' needs article data, and this page has none",
            file=path,
            line=marker.line,
            fix=f"put the page in docs/{ARTICLES_DIR}/ and its data in data/{ARTICLES_DIR}/<same name>.yml",
        )
    if marker.name == "deal-table":
        if article.deal_table is None:
            raise PublicationError(
                "the marker 'deal-table' asks for a deal table, and the article's data has none",
                file=path,
                line=marker.line,
                fix=f"add `deal_table:` to {article.path}, or remove the marker",
            )
        return render_deal_table(article.deal_table, language=language)
    entries = article.callouts if marker.name == "callout" else article.quotes
    entry = entries.get(marker.arg or "")
    if entry is None:
        close = difflib.get_close_matches(marker.arg or "", list(entries), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise PublicationError(
            f"no {marker.name} '{marker.arg}' in {article.path}",
            file=path,
            line=marker.line,
            fix=f"{hint}the {marker.name}s defined there are: {', '.join(sorted(entries)) or 'none'}",
        )
    if marker.name == "callout":
        return render_callout(entry, language=language, ui=load_ui(site.data_dir))
    return render_quote(entry, language=language)


def _check_glossary_references(front_matter: Any, site: Site) -> None:
    references = front_matter.data.get("glossary")
    if references is None:
        return
    if not isinstance(references, list) or not all(isinstance(item, str) for item in references):
        raise PublicationError(
            "`glossary:` must be a list of term ids",
            file=front_matter.path,
            line=front_matter.line_of(("glossary",)),
            key="glossary",
            fix="write it as glossary: [agi, gpu]",
        )
    terms = load_glossary(site.data_dir).terms
    for index, term_id in enumerate(references):
        if term_id not in terms:
            close = difflib.get_close_matches(term_id, list(terms), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise PublicationError(
                f"'{term_id}' is not a term of the glossary",
                file=front_matter.path,
                line=front_matter.line_of(("glossary", index)),
                key=f"glossary[{index}]",
                fix=f"{hint}use an id from data/glossary.yml, or add the term there",
            )


def _article_summaries(page: Any, site: Site, files: Any) -> list[ArticleSummary]:
    summaries = []
    for file in files.documentation_pages():
        if not file.src_uri.startswith(f"{ARTICLES_DIR}/"):
            continue
        path = str(Path(file.abs_src_path).relative_to(site.project_dir))
        meta = read_front_matter(file.content_string, path=path)
        missing = [key for key in ("title", "description", "date") if not isinstance(meta.data.get(key), str)]
        if missing:
            raise PublicationError(
                f"an article needs {', '.join(missing)} in its front matter",
                file=path,
                line=1,
                fix="add title:, description: and date: (YYYY-MM-DD) between the --- lines at the top",
            )
        summaries.append(
            ArticleSummary(
                title=meta.data["title"],
                description=meta.data["description"],
                date=meta.data["date"],
                url=file.url_relative_to(page.file),
            )
        )
    return summaries


def render_page_html(html: str, *, page: Any, site: Site, language: str, files: Any) -> str | None:
    """The rendered page with its inline quotations marked and its glossary
    terms linked."""
    path = _page_path(page, site)
    name = source_name(page.file.src_uri, site)
    changed = html
    article = load_article_data(site.data_dir, PurePosixPath(name).name) if name.startswith(f"{ARTICLES_DIR}/") else None
    if article is not None and article.quotes:
        changed = _mark_inline_quotes(changed, article, path=path, language=language)
    references = page.meta.get("glossary")
    if references:
        changed = _link_glossary_terms(changed, references, page=page, path=path, site=site, language=language, files=files)
    # The language of the text, not of the build: a French page standing in
    # for a missing translation keeps French typography.
    if getattr(page.file, "locale", language) == "fr":
        changed = apply_french_typography(changed)
    return None if changed is html else changed


def _mark_inline_quotes(html: str, article: ArticleData, *, path: str, language: str) -> str:
    # Quotations placed by a marker are blocks with their id; the others are
    # inline and must be in the text.
    inline = [quote for quote in article.quotes.values() if f'id="{quote.id}"' not in html]
    marked, absent = mark_inline_quotes(html, inline, language=language)
    if absent:
        quote = article.quotes[absent[0]]
        raise PublicationError(
            f"the quotation '{quote.id}' is placed by no marker, and its {language} text does not occur in the page",
            file=path,
            fix=f"place it with <!-- data:quote {quote.id} -->, or make the page quote it word for word: "
            f"“{quote.text(language)}” (from quotes.{quote.id}.text.{language} in {article.path})",
        )
    return marked


def _link_glossary_terms(
    html: str, references: list[str], *, page: Any, path: str, site: Site, language: str, files: Any
) -> str:
    glossary_file = next(
        (file for file in files.documentation_pages() if source_name(file.src_uri, site) == GLOSSARY_PAGE),
        None,
    )
    if glossary_file is None:
        return html
    glossary = load_glossary(site.data_dir)
    linked, absent = link_glossary_terms(
        html,
        [glossary.terms[term_id] for term_id in references],
        language=language,
        glossary_url=glossary_file.url_relative_to(page.file),
    )
    if absent:
        front_matter = read_front_matter(page.file.content_string, path=path)
        index = references.index(absent[0])
        term = glossary.terms[absent[0]]
        raise PublicationError(
            f"the glossary term '{absent[0]}' is listed but its text does not occur in the page",
            file=path,
            line=front_matter.line_of(("glossary", index)),
            key=f"glossary[{index}]",
            fix=f"remove it from `glossary:`, or add the way this page writes it to "
            f"terms.{absent[0]}.matches.{language} in {glossary.path} "
            f"(now: {', '.join(term.matches[language])})",
        )
    return linked


def head_context(*, page: Any, base_url: str, site: Site, language: str, site_name: str, site_description: str, site_author: str) -> dict[str, Any]:
    """What the theme override needs for the page's head and search; records
    the page for the sitemap."""
    if page is not None and getattr(page.file, "alternates", None):
        # MkDocs writes the root page's URL as "./".
        urls = {code: "" if file.url == "./" else file.url for code, file in page.file.alternates.items()}
    else:
        urls = {lang.code: lang.prefix for lang in site.languages}
    urls = {lang.code: urls[lang.code] for lang in site.languages if lang.code in urls}
    default = site.default_language.code
    alternates = alternates_for(urls, site_url=site.site_url, default_language=default)
    ui = load_ui(site.data_dir)
    meta = page.meta if page is not None else {}
    url = site.site_url + urls.get(language, "")
    title = meta.get("title") or (page.title if page is not None and page.title else ui("not_found_title", language))
    description = meta.get("description") or site_description
    is_article = page is not None and source_name(page.file.src_uri, site).startswith(f"{ARTICLES_DIR}/")
    context: dict[str, Any] = {
        "language": language,
        "language_base": language_base_url(base_url, site.language(language)),
        "alternates": [{"hreflang": a.hreflang, "href": a.href} for a in alternates],
        "ui": {key: text(language) for key, text in ui.strings.items()},
        "title": title,
        "description": description,
        "open_graph": {
            "og:type": "article" if is_article else "website",
            "og:title": title,
            "og:description": description,
            "og:url": url,
            "og:site_name": site_name,
            "og:locale": OG_LOCALES[language],
            "og:locale:alternate": [OG_LOCALES[code] for code in urls if code != language],
            "twitter:card": "summary",
        },
        "json_ld": None,
    }
    language_home = site.site_url + site.language(language).prefix
    context["feed"] = {"href": language_home + FEED_FILE, "title": f"{site_name} ({site.language(language).name})"}
    _feed_titles[language] = (site_name, site_description)
    if is_article:
        published = str(meta.get("date", ""))
        _feed_entries.setdefault(language, {})[url] = FeedEntry(
            url=url,
            title=title,
            summary=description,
            published=published,
            updated=str(meta["updated"]) if meta.get("updated") else None,
            author=meta.get("author") or site_author,
        )
        context["open_graph"]["article:published_time"] = published
        context["json_ld"] = article_json_ld(
            url=url,
            language=language,
            headline=title,
            description=description,
            published=published,
            modified=str(meta["updated"]) if meta.get("updated") else None,
            author=meta.get("author") or site_author,
            publisher=site_name,
            logo_url=site.site_url + "assets/favicon.svg",
            image_url=None,
            original_url=site.site_url + urls[default] if language != default and default in urls else None,
            translation_urls={code: site.site_url + path for code, path in urls.items() if code != language} if language == default else {},
            translator=(meta.get("translation") or {}).get("translator") if language != default else None,
        )
    if page is not None:
        _sitemap_entries[url] = SitemapEntry(
            url=url, alternates=alternates, lastmod=str(meta.get("updated") or meta.get("date") or "") or None
        )
    return context


def start_build(language: str, site: Site) -> None:
    """Called as each language's build starts: the first (default) one
    forgets what an earlier build of a served site recorded."""
    if language == site.default_language.code:
        _sitemap_entries.clear()
        _feed_entries.clear()


def keep_not_found_page(language: str, html: str) -> None:
    _not_found_pages[language] = html


def finish_site(site_dir: Path, site: Site) -> None:
    """Per-language search indexes and 404 pages, once every language is built."""
    split_search_index(site_dir, list(site.languages))
    drop_alternate_sitemap_lookup(site_dir)
    write_sitemap(site_dir, list(_sitemap_entries.values()))
    for language in site.languages:
        name, description = _feed_titles.get(language.code, ("", ""))
        home = site.site_url + language.prefix
        write_atom_feed(
            site_dir / language.prefix / FEED_FILE,
            title=name,
            subtitle=description,
            language=language.code,
            feed_url=home + FEED_FILE,
            home_url=home,
            entries=list(_feed_entries.get(language.code, {}).values()),
        )
    write_robots(site_dir, site.site_url)
    for language in site.languages:
        html = _not_found_pages.get(language.code)
        if html is not None:
            target = site_dir / language.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
