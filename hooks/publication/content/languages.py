"""The publication's languages, as configured for mkdocs-static-i18n."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Language:
    code: str  # "fr"
    name: str  # "Français"
    link: str  # "/" for the default language, "/en/" for the others
    default: bool

    @property
    def prefix(self) -> str:
        """Path prefix of this language's pages inside the site ("" or "en/")."""
        return self.link.strip("/") + "/" if self.link.strip("/") else ""


def language_base_url(base_url: str, language: Language) -> str:
    """The root of `language`'s pages, seen from a page whose root is `base_url`.

    `base_url` is relative ("../..") for pages and absolute ("/") for the 404
    page; both must give a URL without a doubled slash. The result ends with
    "/", so relative URLs resolve inside it.
    """
    root = base_url if base_url.endswith("/") else (base_url or ".") + "/"
    return posixpath.join(root, language.prefix)
