"""The built site holds together: links, fragments, headings, images, sitemap."""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from sitebuild import Site

BASE = "https://silicium.example.org/"


def page_urls(site: Site) -> list[str]:
    return [file.relative_to(site.root).as_posix() for file in site.html_files]


def served_url(file_path: str) -> str:
    """"en/glossary/index.html" -> "/en/glossary/"; "404.html" -> "/404.html"."""
    return "/" + (file_path.removesuffix("index.html"))


def target_file(site: Site, path: str):
    path = unquote(path)
    file = site.root / path.lstrip("/")
    return file / "index.html" if path.endswith("/") else file


@pytest.fixture(scope="module")
def links(site: Site) -> list[tuple[str, str, str]]:
    """(page, attribute value, resolved absolute path + fragment) of every internal reference."""
    found = []
    for file_path in page_urls(site):
        page = site.page(file_path)
        here = served_url(file_path)
        for element in page.select("[href], [src]"):
            value = element.get("href") or element.get("src")
            if value.startswith(("mailto:", "data:")):
                continue
            if value.startswith(BASE):
                value = "/" + value.removeprefix(BASE)
            resolved = urljoin(here, value)
            if urlsplit(resolved).netloc:
                continue  # another origin: test_site_structure makes sure nothing is loaded from one
            found.append((file_path, value, resolved))
    return found


def test_every_internal_link_resolves_to_a_file(site: Site, links) -> None:
    broken = [(page, value) for page, value, resolved in links if not target_file(site, urlsplit(resolved).path).is_file()]
    assert broken == []
    assert len(links) > 100  # the test reads real pages


def test_every_fragment_exists_on_its_target(site: Site, links) -> None:
    missing = []
    for page, value, resolved in links:
        parts = urlsplit(resolved)
        if not parts.fragment:
            continue
        target = target_file(site, parts.path).relative_to(site.root).as_posix()
        if (
            target.endswith(".html")
            and not site.page(target).find(id=unquote(parts.fragment))
            and not site.page(target).find(attrs={"name": unquote(parts.fragment)})
        ):
            missing.append((page, value))
    assert missing == []


def test_every_page_has_exactly_one_h1(site: Site) -> None:
    counts = {path: len(site.page(path).select("h1")) for path in page_urls(site)}
    assert {path: count for path, count in counts.items() if count != 1} == {}


# Images that repeat what the text next to them says: an empty alt, which
# HTML reads as decorative (a role on top is invalid HTML).
DECORATIVE_IMAGES = {"article-card__image"}  # the card's preview, beside its headline


def test_no_empty_alt_except_on_decorative_images(site: Site) -> None:
    bad = []
    for path in page_urls(site):
        for image in site.page(path).select("img"):
            decorative = bool(DECORATIVE_IMAGES & set(image.get("class") or []))
            if image.get("alt") is None or (not decorative and not image["alt"].strip()):
                bad.append((path, str(image)[:80]))
    assert bad == []


def test_sitemap_lists_every_page_and_only_those(site: Site) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ElementTree.parse(site.root / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    pages = {BASE + served_url(path).lstrip("/") for path in page_urls(site) if PurePosixPath(path).name == "index.html"}
    assert listed == pages
