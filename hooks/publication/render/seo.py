"""What search engines and link previews read: alternates, Open Graph,
JSON-LD, the sitemap and robots.txt.

Every URL here is absolute (hreflang with relative URLs is ignored by search
engines), and both language versions of an article point to each other, in
the head, in the sitemap and in the structured data.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternate:
    hreflang: str  # "fr", "en" or "x-default"
    href: str  # absolute


@dataclass(frozen=True, slots=True, kw_only=True)
class SitemapEntry:
    url: str
    alternates: tuple[Alternate, ...]
    lastmod: str | None  # ISO date from the page's front matter; never the build date


def alternates_for(urls: dict[str, str], *, site_url: str, default_language: str) -> tuple[Alternate, ...]:
    """hreflang alternates for a page whose versions live at `urls` (language ->
    path inside the site), plus x-default: the default language's version."""
    alternates = [Alternate(hreflang=code, href=site_url + path) for code, path in urls.items()]
    if default_language in urls:
        alternates.append(Alternate(hreflang="x-default", href=site_url + urls[default_language]))
    return tuple(alternates)


def article_json_ld(
    *,
    url: str,
    language: str,
    headline: str,
    description: str,
    published: str,
    modified: str | None,
    author: str,
    publisher: str,
    logo_url: str,
    image_url: str | None,
    original_url: str | None,
    translation_urls: dict[str, str],
    translator: str | None,
    translator_is_organization: bool = False,
    corrections: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """schema.org NewsArticle for one language version of an article.

    The original links to its translations with `workTranslation`, a
    translation to its original with `translationOfWork`.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": headline,
        "description": description,
        "inLanguage": language,
        "datePublished": published,
        "dateModified": modified or published,
        "author": {"@type": "Organization", "name": author},
        "publisher": {"@type": "Organization", "name": publisher, "logo": {"@type": "ImageObject", "url": logo_url}},
    }
    if image_url:
        data["image"] = [image_url]
    if corrections:
        # The editorial log: notes, corrections and updates, oldest first.
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": entry["date"], "text": entry["text"]} for entry in corrections
        ]
    if original_url:
        data["translationOfWork"] = {"@type": "NewsArticle", "@id": original_url, "url": original_url}
        if translator:
            data["translator"] = {"@type": "Organization" if translator_is_organization else "Person", "name": translator}
    if translation_urls:
        data["workTranslation"] = [
            {"@type": "NewsArticle", "@id": href, "url": href, "inLanguage": code}
            for code, href in translation_urls.items()
        ]
    return data


def write_sitemap(site_dir: Path, entries: list[SitemapEntry]) -> None:
    """sitemap.xml (and its .gz) with every page and its alternates, in a
    stable order so identical sources give identical bytes."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    urlset = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in sorted(entries, key=lambda entry: entry.url):
        url = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.url
        if entry.lastmod:
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod
        for alternate in entry.alternates:
            ElementTree.SubElement(
                url, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": alternate.hreflang, "href": alternate.href}
            )
    ElementTree.indent(urlset)
    buffer = io.BytesIO()
    ElementTree.ElementTree(urlset).write(buffer, encoding="UTF-8", xml_declaration=True)
    xml = buffer.getvalue() + b"\n"
    (site_dir / "sitemap.xml").write_bytes(xml)
    # mtime=0: no timestamp in the archive, so rebuilds are byte-identical.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml, mtime=0))


def write_robots(site_dir: Path, site_url: str) -> None:
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
