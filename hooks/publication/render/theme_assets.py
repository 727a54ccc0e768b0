"""One change to Material's JavaScript bundle, made on the built copy.

Material's "alternate" integration fetches `sitemap.xml` next to every
`<link rel="alternate">` of the page, to map the current page into another
language when a reader follows a language link. It was written for language
*roots* in those links; ours are absolute, page-to-page hreflang URLs (what
search engines need), and the language switcher already links page to page
(static-i18n). Left in, it requests `<page>/sitemap.xml` on every page load:
404s, console errors, and requests to the production origin from any other
host. We remove its one call from the bundle; the build fails if Material's
bundle no longer has that call, so an upgrade cannot silently undo this.
"""
from __future__ import annotations

from pathlib import Path

from publication.errors import PublicationError

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
ALTERNATE_INTEGRATION_CALL = "ui({document$:ct});"


def drop_alternate_sitemap_lookup(site_dir: Path) -> None:
    bundles = sorted(site_dir.glob(BUNDLE_GLOB))
    for bundle in bundles:
        code = bundle.read_text(encoding="utf-8")
        if ALTERNATE_INTEGRATION_CALL not in code:
            if "/* alternate integration removed */" in code:
                continue  # already done by an earlier language's build
            raise PublicationError(
                f"Material's bundle no longer calls its alternate integration as '{ALTERNATE_INTEGRATION_CALL}'",
                file=str(bundle.relative_to(site_dir)),
                fix="Material was upgraded: find the new call in the bundle and update "
                "hooks/publication/render/theme_assets.py, or drop this step if the integration is gone",
            )
        bundle.write_text(
            code.replace(ALTERNATE_INTEGRATION_CALL, "/* alternate integration removed */", 1), encoding="utf-8"
        )
