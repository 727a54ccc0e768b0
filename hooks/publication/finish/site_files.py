"""The finishing step: the files that belong to the whole site, written once every language is built.

Its input is what the language builds left in the site folder: their pages
and the manifest each wrote (manifest.py: pages, alternates, dates, feed
entries, previews, side-by-side pages, 404). From them it writes one search
index and one 404 page per language, the side-by-side pages (which need both
versions of an article), the preview images, the sitemap, the feeds and
robots.txt. It keeps no state: call it with the site folder, once.
Other whole-site writers plug in here, in `finish_site`.
"""
from __future__ import annotations

from pathlib import Path

from publication.build.cache import TextMemo, cache_dir
from publication.content.data import load_ui
from publication.content.site import ARTICLES_DIR, Site
from publication.finish.feeds import FEED_FILE, atom_feed
from publication.finish.manifest import take_manifests
from publication.finish.parallel import (
    PARALLEL_DIR,
    PLACEHOLDER,
    article_sections,
    parallel_rows,
    rebase,
    render_parallel,
)
from publication.finish.preview_images import write_preview
from publication.finish.search_index import write_search_indexes
from publication.render.seo import write_robots, write_sitemap
from publication.render.theme_assets import drop_alternate_sitemap_lookup
from publication.translation.status import sections_behind


def finish_site(site_dir: Path, site: Site) -> None:
    """Everything that needs every language, from the manifests the language
    builds wrote into `site_dir` (removed once read)."""
    manifests = take_manifests(site_dir, {language.code: language.prefix for language in site.languages})
    drop_alternate_sitemap_lookup(site_dir)
    side_by_side_memo = TextMemo.open(site.project_dir, "side-by-side")
    for article in sorted({name for manifest in manifests.values() for name in manifest.side_by_side}):
        fill_side_by_side(site_dir, article, site, side_by_side_memo)
    previews = {preview.path: preview for manifest in manifests.values() for preview in manifest.previews}
    previews_cache = cache_dir(site.project_dir, "previews") if previews else None
    for path, preview in sorted(previews.items()):
        write_preview(
            site_dir / path, title=preview.title, site_name=preview.site_name, kicker=preview.kicker, cache=previews_cache
        )
    pages = {entry.url: entry for manifest in manifests.values() for entry in manifest.pages}
    write_sitemap(site_dir, list(pages.values()))
    write_robots(site_dir, site.site_url)
    for language in site.languages:
        manifest = manifests.get(language.code)
        if manifest is None:
            continue  # not built (build: false in mkdocs.yml)
        home = site.site_url + language.prefix
        entries = {entry.url: entry for entry in manifest.feed_entries}
        feed = atom_feed(
            title=manifest.feed_title,
            subtitle=manifest.feed_subtitle,
            language=language.code,
            feed_url=home + FEED_FILE,
            home_url=home,
            entries=list(entries.values()),
        )
        (site_dir / language.prefix / FEED_FILE).write_bytes(feed)
        html = manifest.not_found_html
        if html is not None:
            target = site_dir / language.prefix / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
    side_by_side_memo.prune()
    # Last: it reads the finished pages (the side-by-side ones filled).
    search_copies_memo = TextMemo.open(site.project_dir, "search-copies")
    write_search_indexes(site_dir, site.languages, search_copies_memo)
    search_copies_memo.prune()


def fill_side_by_side(site_dir: Path, article: str, site: Site, memo: TextMemo | None = None) -> None:
    """Put the aligned sections of every language version into each language's
    side-by-side page, marking the sections whose translation is behind; each
    filled page is kept in `memo` by the pages it was made from."""
    source = site.default_language
    built = {
        language.code: site_dir / language.prefix / ARTICLES_DIR / article / "index.html" for language in site.languages
    }
    if not all(path.is_file() for path in built.values()):
        return  # a language is not built (build: false in mkdocs.yml)
    behind: set[str] = set()
    french_source = site.docs_dir / ARTICLES_DIR / f"{article}.md"
    for language in site.languages:
        if language.code != source.code:
            translation = site.docs_dir / ARTICLES_DIR / f"{article}.{language.code}.md"
            behind |= set(sections_behind(site.data_dir, f"{ARTICLES_DIR}/{article}", french_source, translation))
    ui = load_ui(site.data_dir)
    articles = [built[language.code].read_bytes() for language in site.languages]
    for language in site.languages:
        page_file = site_dir / language.prefix / PARALLEL_DIR / article / "index.html"
        if not page_file.is_file():
            continue
        html = page_file.read_text(encoding="utf-8")
        inputs = [
            repr(site.languages).encode(),
            html.encode(),
            *articles,
            "\n".join(sorted(behind)).encode(),
            (site.data_dir / "ui.yml").read_bytes(),
        ]
        kept = memo.get(inputs) if memo is not None else None
        if kept is not None:
            page_file.write_text(kept, encoding="utf-8")
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
        filled = html.replace(PLACEHOLDER, content, 1)
        page_file.write_text(filled, encoding="utf-8")
        if memo is not None:
            memo.put(inputs, filled)
