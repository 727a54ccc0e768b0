"""Files written once every language is built.

static-i18n builds the languages one after the other in the same process;
what only the whole site can produce waits for the last build: one search
index and one 404 page per language, the side-by-side pages (which need both
versions of an article), the preview images, the sitemap, the feeds and
robots.txt. Pages record what they contribute while they are built.
"""
from __future__ import annotations

from pathlib import Path

from publication.build_cache import cache_dir
from publication.data import load_ui
from publication.feeds import FEED_FILE, FeedEntry, atom_feed
from publication.parallel import PARALLEL_DIR, PLACEHOLDER, article_sections, parallel_rows, rebase, render_parallel
from publication.preview_images import write_preview
from publication.search_index import write_search_indexes
from publication.seo import SitemapEntry, write_robots, write_sitemap
from publication.site import ARTICLES_DIR, Site
from publication.theme_assets import drop_alternate_sitemap_lookup
from publication.translations import sections_behind

# The 404 page of each language, as rendered in its own build (static-i18n
# writes every language's 404.html to the same file; we put them back apart).
_not_found_pages: dict[str, str] = {}
_sitemap_entries: dict[str, SitemapEntry] = {}  # url -> entry
_feed_entries: dict[str, dict[str, FeedEntry]] = {}  # language -> url -> entry
_feed_details: dict[str, tuple[str, str]] = {}  # language -> (title, subtitle)
_side_by_side_articles: set[str] = set()
_previews: dict[str, tuple[str, str, str]] = {}  # site path -> (title, kicker, site name)


def start_build(language: str, site: Site) -> None:
    """Called as each language's build starts: the first (default) one
    forgets what an earlier build of a served site recorded."""
    if language == site.default_language.code:
        for recorded in (_sitemap_entries, _feed_entries, _side_by_side_articles, _previews):
            recorded.clear()


def keep_not_found_page(language: str, html: str) -> None:
    _not_found_pages[language] = html


def record_page(entry: SitemapEntry) -> None:
    _sitemap_entries[entry.url] = entry


def record_feed_details(language: str, *, title: str, subtitle: str) -> None:
    _feed_details[language] = (title, subtitle)


def record_feed_entry(language: str, entry: FeedEntry) -> None:
    _feed_entries.setdefault(language, {})[entry.url] = entry


def record_preview(path: str, *, title: str, kicker: str, site_name: str) -> None:
    _previews[path] = (title, kicker, site_name)


def record_side_by_side(article: str) -> None:
    _side_by_side_articles.add(article)


def finish_site(site_dir: Path, site: Site) -> None:
    drop_alternate_sitemap_lookup(site_dir)
    for article in sorted(_side_by_side_articles):
        fill_side_by_side(site_dir, article, site)
    previews_cache = cache_dir(site.project_dir, "previews") if _previews else None
    for image, (title, kicker, site_name) in sorted(_previews.items()):
        write_preview(site_dir / image, title=title, site_name=site_name, kicker=kicker, cache=previews_cache)
    write_sitemap(site_dir, list(_sitemap_entries.values()))
    write_robots(site_dir, site.site_url)
    for language in site.languages:
        title, subtitle = _feed_details.get(language.code, ("", ""))
        home = site.site_url + language.prefix
        feed = atom_feed(
            title=title,
            subtitle=subtitle,
            language=language.code,
            feed_url=home + FEED_FILE,
            home_url=home,
            entries=list(_feed_entries.get(language.code, {}).values()),
        )
        (site_dir / language.prefix / FEED_FILE).write_bytes(feed)
        html = _not_found_pages.get(language.code)
        if html is not None:
            target = site_dir / language.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    # Last: it reads the finished pages (the side-by-side ones filled).
    write_search_indexes(site_dir, site.languages)


def fill_side_by_side(site_dir: Path, article: str, site: Site) -> None:
    """Put the aligned sections of every language version into each language's
    side-by-side page, marking the sections whose translation is behind."""
    source = site.default_language
    built = {
        language.code: site_dir / language.prefix / ARTICLES_DIR / article / "index.html" for language in site.languages
    }
    if not all(path.is_file() for path in built.values()):
        return  # a language is not built yet (static-i18n builds them one by one)
    behind: set[str] = set()
    french_source = site.docs_dir / ARTICLES_DIR / f"{article}.md"
    for language in site.languages:
        if language.code != source.code:
            translation = site.docs_dir / ARTICLES_DIR / f"{article}.{language.code}.md"
            behind |= set(sections_behind(site.data_dir, f"{ARTICLES_DIR}/{article}", french_source, translation))
    ui = load_ui(site.data_dir)
    for language in site.languages:
        page_file = site_dir / language.prefix / PARALLEL_DIR / article / "index.html"
        if not page_file.is_file():
            continue
        to_dir = f"{language.prefix}{PARALLEL_DIR}/{article}/"
        sections = {
            other.code: {
                section_id: rebase(html, language=other.code, from_dir=f"{other.prefix}{ARTICLES_DIR}/{article}/", to_dir=to_dir)
                for section_id, html in article_sections(built[other.code].read_text(encoding="utf-8")).items()
            }
            for other in site.languages
        }
        labels = {
            other.code: ui("column_original" if other.code == source.code else "column_translation", language.code)
            for other in site.languages
        }
        content = render_parallel(
            parallel_rows(sections, source_language=source.code, outdated=behind),
            language=language.code,
            labels=labels,
            outdated_label=ui("translation_outdated", language.code),
        )
        html = page_file.read_text(encoding="utf-8")
        page_file.write_text(html.replace(PLACEHOLDER, content, 1), encoding="utf-8")
