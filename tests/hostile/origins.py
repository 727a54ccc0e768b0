"""Every way an HTML page can make a browser load something, and where it points.

Used by the test that nothing of the built site is loaded from another
origin; tested itself on a page that uses every form (test_html_policy).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# rel values of <link> whose href the browser fetches.
LOADING_LINK_RELS = frozenset({"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon", "manifest", "preconnect", "dns-prefetch"})


def css_urls(css: str) -> list[str]:
    """The URLs of `url(...)` and `@import "..."` in a stylesheet."""
    urls = []
    lowered = css.lower()
    start = 0
    while (at := lowered.find("url(", start)) >= 0:
        end = css.find(")", at)
        urls.append(css[at + 4 : end if end >= 0 else len(css)].strip().strip("'\""))
        start = at + 4
    start = 0
    while (at := lowered.find("@import", start)) >= 0:
        rest = css[at + 7 :].lstrip()
        if rest[:1] in ("'", '"'):
            urls.append(rest[1:].split(rest[0], 1)[0])
        start = at + 7
    return urls


def loaded_urls(html: str) -> list[tuple[str, str]]:
    """(form, URL) of everything the page loads as it opens."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[tuple[str, str]] = []
    for element in soup.find_all(True):
        for attribute in ("src", "poster", "data", "background"):
            if element.has_attr(attribute) and not (element.name == "object" and attribute != "data"):
                found.append((f"{element.name}[{attribute}]", element[attribute]))
        for attribute in ("srcset", "imagesrcset"):
            if element.has_attr(attribute):
                for candidate in element[attribute].split(","):
                    if candidate.split():
                        found.append((f"{element.name}[{attribute}]", candidate.split()[0]))
        if element.name == "link" and LOADING_LINK_RELS.intersection(element.get("rel", [])):
            found.append((f"link[rel={' '.join(element['rel'])}]", element.get("href", "")))
        if element.has_attr("style"):
            found += [("style attribute", url) for url in css_urls(element["style"])]
        if element.name == "style":
            found += [("<style>", url) for url in css_urls(element.get_text())]
        if element.name == "meta" and element.get("http-equiv", "").lower() == "refresh":
            found.append(("meta refresh", element.get("content", "").partition("url=")[2]))
        if element.name in ("image", "use") and (element.get("href") or element.get("xlink:href")):
            found.append((f"{element.name}[href]", element.get("href") or element.get("xlink:href")))
    return found


def is_foreign(url: str, *, site_origin: str = "") -> bool:
    """Whether `url` points to another origin than the site's (`site_origin`
    is "scheme://host" of site_url; data: and relative URLs are the page's own)."""
    url = url.strip()
    if not url or url.startswith(("data:", "blob:", "#")):
        return False
    parts = urlsplit(url)
    if url.startswith("//") or url.startswith(("/\\", "\\")):
        return True
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True
    if parts.netloc:
        return f"{parts.scheme}://{parts.netloc}" != site_origin
    return False
