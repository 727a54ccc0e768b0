"""What one language's build hands the finishing step: a plain site model, written as JSON next to its pages.

Each language is built on its own (in its own process under `make build`,
one after the other inside static-i18n under plain `mkdocs build`); what
belongs to the whole site (sitemap, feeds, search indexes, side-by-side
pages, 404s, preview images) is written once, by the finishing step
(site_files.finish_site), from the manifests of every language. A manifest
is collected while its language builds (`LanguageManifest`, carried by the
build's config, never by a module), written by that build's on_post_build
to `<site>/<language prefix>/.publication-manifest.json`, and removed by the
finishing step once read.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from publication.content.languages import Language
from publication.content.site import Site
from publication.finish.feeds import FeedEntry
from publication.render.seo import Alternate, SitemapEntry

MANIFEST_FILE = ".publication-manifest.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class Preview:
    path: str  # inside the site: "assets/previews/openai-nvidia.en.png"
    title: str
    kicker: str
    site_name: str


@dataclass(slots=True, kw_only=True)
class LanguageManifest:
    language: str
    site: Site
    feed_title: str = ""
    feed_subtitle: str = ""
    pages: list[SitemapEntry] = field(default_factory=list)
    feed_entries: list[FeedEntry] = field(default_factory=list)
    previews: list[Preview] = field(default_factory=list)
    side_by_side: list[str] = field(default_factory=list)  # article names, "openai-nvidia"
    not_found_html: str | None = None  # the language's 404 page, as its build rendered it

    def to_json(self) -> str:
        data = asdict(self)
        data["site"] = {key: str(value) if isinstance(value, Path) else value for key, value in data["site"].items()}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LanguageManifest:
        data: dict[str, Any] = json.loads(text)
        site = data["site"]
        return cls(
            language=data["language"],
            site=Site(
                project_dir=Path(site["project_dir"]),
                docs_dir=Path(site["docs_dir"]),
                data_dir=Path(site["data_dir"]),
                site_url=site["site_url"],
                languages=tuple(Language(**language) for language in site["languages"]),
            ),
            feed_title=data["feed_title"],
            feed_subtitle=data["feed_subtitle"],
            pages=[sitemap_entry_from(page) for page in data["pages"]],
            feed_entries=[FeedEntry(**entry) for entry in data["feed_entries"]],
            previews=[Preview(**preview) for preview in data["previews"]],
            side_by_side=list(data["side_by_side"]),
            not_found_html=data["not_found_html"],
        )


def manifest_path(site_dir: Path, prefix: str) -> Path:
    return site_dir / prefix / MANIFEST_FILE


def write_manifest(site_dir: Path, prefix: str, manifest: LanguageManifest) -> None:
    path = manifest_path(site_dir, prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest.to_json(), encoding="utf-8")


def take_manifests(site_dir: Path, prefixes: dict[str, str]) -> dict[str, LanguageManifest]:
    """The manifests of the languages (code -> prefix) found in `site_dir`,
    removed from it: they are no part of the published site."""
    manifests = {}
    for code, prefix in prefixes.items():
        path = manifest_path(site_dir, prefix)
        if path.is_file():
            manifests[code] = LanguageManifest.from_json(path.read_text(encoding="utf-8"))
            path.unlink()
    return manifests


def read_site(site_dir: Path) -> Site:
    """The site model the default language's build (at the root) recorded."""
    return LanguageManifest.from_json(manifest_path(site_dir, "").read_text(encoding="utf-8")).site


def sitemap_entry_from(data: dict[str, Any]) -> SitemapEntry:
    """A SitemapEntry from its `asdict` form (a manifest, a cached page)."""
    return SitemapEntry(
        url=data["url"],
        alternates=tuple(Alternate(**alternate) for alternate in data["alternates"]),
        lastmod=data["lastmod"],
    )
