"""The `publication` context of every page's template: the head (alternates,
Open Graph, JSON-LD, feed) and the language switcher's marks.

`page_contribution` gives what a page adds to its language's manifest
(manifest.py) for the files written once every language is built
(site_files.py): its sitemap entry, its feed entry, its preview image.
Nothing here keeps state: the hook puts the contribution into the build's
manifest.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from publication.content.data import load_article_data, load_masthead, load_ui
from publication.content.frontmatter import read_front_matter
from publication.content.languages import language_base_url
from publication.content.models import ArticleData
from publication.content.site import ARTICLES_DIR, Site
from publication.finish.feeds import FEED_FILE, FeedEntry
from publication.finish.manifest import Preview, sitemap_entry_from
from publication.finish.preview_images import preview_path
from publication.render.inline_markdown import markdown_to_text
from publication.render.pages import source_name
from publication.render.seo import OG_LOCALES, SitemapEntry, alternates_for, article_json_ld
from publication.render.theme_escaping import plain_text
from publication.render.typography import french_spacing
from publication.translation.credits import EDITORS, translation_credit
from publication.translation.status import sections_behind


def page_section(page: Any, site: Site, language: str) -> str:
    """The part of the site a page belongs to, from its address: "home",
    "articles", "glossary"... and "404" for the missing page. The theme
    inlines the CSS of that section's first screen (tools/critical_css.py)."""
    if page is None:
        return "404"
    path = str(page.url).removeprefix(site.language(language).prefix)
    segment = path.split("/", 1)[0].removesuffix(".html") or "home"
    # A name the partial can hold (critical_css_<section>): a folder named
    # "mentions-légales" is the section mentions_l_gales.
    return re.sub(r"[^0-9A-Za-z_]", "_", segment)


def head_context(
    *, page: Any, base_url: str, site: Site, language: str, site_name: str, site_description: str, site_author: str
) -> dict[str, Any]:
    """What the theme overrides need for a page (None for the 404 page)."""
    urls = _language_versions(page, site, language)
    default = site.default_language.code
    alternates = alternates_for(urls, site_url=site.site_url, default_language=default)
    ui = load_ui(site.data_dir)
    meta = page.meta if page is not None else {}
    url = site.site_url + urls.get(language, "")
    # Plain text here: the templates escape it for HTML, `tojson` for JSON-LD,
    # the feed writer for XML (the page's title is escaped HTML by now: theme_escaping).
    title = plain_text(meta.get("title") or (page.title if page is not None and page.title else ui("not_found_title", language)))
    description = plain_text(meta.get("description") or site_description)
    article = _article_of(page, site)
    context: dict[str, Any] = {
        "language": language,
        "language_base": language_base_url(base_url, site.language(language)),
        "other_languages": [
            {"code": other.code, "name": other.name, "base": language_base_url(base_url, other)}
            for other in site.languages
            if other.code != language
        ],
        "alternates": [{"hreflang": a.hreflang, "href": a.href} for a in alternates],
        "ui": {key: text(language) for key, text in ui.strings.items()},
        "title": title,
        "description": description,
        "feed": {
            "href": site.site_url + site.language(language).prefix + FEED_FILE,
            "title": f"{site_name} ({site.language(language).name})",
        },
        "open_graph": {
            "og:type": "article" if article else "website",
            "og:title": title,
            "og:description": description,
            "og:url": url,
            "og:site_name": site_name,
            "og:locale": OG_LOCALES[language],
            "og:locale:alternate": [OG_LOCALES[code] for code in urls if code != language],
            "twitter:card": "summary",
        },
        "json_ld": None,
        "dates": None,
        "alternate_status": {},
        "section": page_section(page, site, language),
        # Whether the page is in the site's search (Pagefind), from its front
        # matter as written: hide_from_material_search then sets it for
        # Material's own index, which the site does not use.
        "searched": not _excluded_from_search(meta),
    }
    if page is None:
        return context
    article_data = load_article_data(site.data_dir, article) if article else None
    updated = last_updated(meta, article_data)
    context["alternate_status"] = _alternate_status(page, site, language)
    if article is None:
        return context

    published = str(meta.get("date", ""))
    # For the article header: ISO dates, written out with formatting.long_date.
    context["dates"] = {"published": published or None, "updated": updated}
    masthead = load_masthead(site.data_dir)
    author_id = meta.get("author")
    author = masthead.authors[author_id].name(language) if author_id in masthead.authors else site_author
    image = preview_path(article, language)
    context["open_graph"].update(
        {
            "og:image": site.site_url + image,
            "og:image:width": "1200",
            "og:image:height": "630",
            "og:image:alt": title,
            "twitter:card": "summary_large_image",
            "article:published_time": published,
        }
    )
    # Validated when the page's Markdown was rendered (pages.render_markers).
    credit = translation_credit(read_front_matter(page.file.content_string, path=page.file.src_uri)) if language != default else None
    context["json_ld"] = article_json_ld(
        url=url,
        language=language,
        headline=title,
        description=description,
        published=published,
        modified=updated,
        author=author,
        publisher=site_name,
        logo_url=site.site_url + "assets/favicon.svg",
        image_url=site.site_url + image,
        original_url=site.site_url + urls[default] if language != default and default in urls else None,
        translation_urls={code: site.site_url + path for code, path in urls.items() if code != language}
        if language == default
        else {},
        translator=None if credit is None else (site_name if credit.translator == EDITORS else credit.translator),
        translator_is_organization=credit is not None and credit.translator == EDITORS,
        corrections=[
            {"date": entry.date, "text": markdown_to_text(entry.text(language))} for entry in (article_data.log if article_data else ())
        ],
    )
    return context


@dataclass(frozen=True, slots=True, kw_only=True)
class PageContribution:
    """What one page adds to its language's manifest."""

    sitemap: SitemapEntry
    feed: FeedEntry | None  # articles only
    preview: Preview | None  # articles only

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageContribution:
        return cls(
            sitemap=sitemap_entry_from(data["sitemap"]),
            feed=FeedEntry(**data["feed"]) if data["feed"] is not None else None,
            preview=Preview(**data["preview"]) if data["preview"] is not None else None,
        )


def page_contribution(
    *, page: Any, site: Site, language: str, site_name: str, site_description: str, site_author: str
) -> PageContribution:
    """The sitemap entry of `page`, and for an article its feed entry and preview image."""
    urls = _language_versions(page, site, language)
    alternates = alternates_for(urls, site_url=site.site_url, default_language=site.default_language.code)
    meta = page.meta
    url = site.site_url + urls.get(language, "")
    article = _article_of(page, site)
    updated = last_updated(meta, load_article_data(site.data_dir, article) if article else None)
    sitemap = SitemapEntry(url=url, alternates=alternates, lastmod=updated or str(meta.get("date") or "") or None)
    if article is None:
        return PageContribution(sitemap=sitemap, feed=None, preview=None)
    ui = load_ui(site.data_dir)
    # Plain text for the feed writer and the image (the page's title is
    # escaped HTML by now: theme_escaping).
    title = plain_text(meta.get("title") or page.title or "")
    feed = FeedEntry(
        url=url,
        title=title,
        summary=plain_text(meta.get("description") or site_description),
        published=str(meta.get("date", "")),
        updated=updated,
        author=meta.get("author") or site_author,
    )
    preview = Preview(
        path=preview_path(article, language),
        title=french_spacing(title) if language == "fr" else title,
        kicker=ui("preview_kicker", language),
        site_name=site_name,
    )
    return PageContribution(sitemap=sitemap, feed=feed, preview=preview)


def last_updated(meta: dict[str, Any], article: ArticleData | None) -> str | None:
    """The date the page last changed for its readers: its front matter's
    `updated:`, or its latest editor's note, correction or update, whichever
    is later (ISO dates compare as text)."""
    dates = [str(meta["updated"])] if meta.get("updated") else []
    if article is not None and article.last_logged:
        dates.append(article.last_logged)
    return max(dates, default=None)


def _language_versions(page: Any, site: Site, language: str) -> dict[str, str]:
    """The path of each language's version of `page` inside the site."""
    if page is not None and getattr(page.file, "alternates", None):
        # MkDocs writes the root page's URL as "./".
        urls = {code: "" if file.url == "./" else file.url for code, file in page.file.alternates.items()}
    elif page is not None:
        # A page the build generated: the same path in every language.
        path = page.url.removeprefix(site.language(language).prefix)
        urls = {lang.code: lang.prefix + path for lang in site.languages}
    else:
        urls = {lang.code: lang.prefix for lang in site.languages}
    return {lang.code: urls[lang.code] for lang in site.languages if lang.code in urls}


def _article_of(page: Any, site: Site) -> str | None:
    """"openai-nvidia" for either language version of that article, else None."""
    if page is None:
        return None
    name = source_name(page.file.src_uri, site)
    return PurePosixPath(name).name if name.startswith(f"{ARTICLES_DIR}/") else None


def _alternate_status(page: Any, site: Site, language: str) -> dict[str, str]:
    """For the language switcher: which other versions of this page are
    missing (a fallback stands in) or behind their French source."""
    status = {}
    for code, file in (getattr(page.file, "alternates", None) or {}).items():
        if code in (language, site.default_language.code):
            continue
        if getattr(file, "generated_by", None):
            # Side-by-side, topic, author and archive pages are generated in
            # every language's build: never missing, never behind.
            continue
        if getattr(file, "locale", code) != code or file.abs_src_path is None:
            status[code] = "missing"
            continue
        translation = Path(file.abs_src_path)
        french = translation.with_name(translation.name.replace(f".{code}.md", ".md"))
        if sections_behind(site.data_dir, source_name(file.src_uri, site), french, translation):
            status[code] = "outdated"
    return status


def _excluded_from_search(meta: dict[str, Any]) -> bool:
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def hide_from_material_search(page: Any) -> None:
    """Keep `page` out of Material's lunr index (`search: exclude: true`, the
    meta Material's search plugin reads). The site searches with Pagefind,
    in the finishing step, and replaces that index with a stub: building it
    cost every page a parse of its HTML, and at 5,000 articles hundreds of
    megabytes held until the build's end."""
    search = page.meta.get("search")
    page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
