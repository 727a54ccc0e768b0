"""Screenshots of every page type, for reviewers: 390 px and 1440 px wide,
light and dark, French and English.

    .venv/bin/python tools/shots.py [--site DIR] [--out DIR] [--only NAME...]

`make shots` builds the site and writes the PNGs into shots/ (not committed;
the pull-request workflow uploads them with the built site). Each file is
named <page>-<language>-<width>-<palette>.png, full page; a few extra shots
show a state a reader reaches by a gesture (the glossary popover on a phone).
Debian's Chromium drives the pages; nothing is downloaded.
"""
from __future__ import annotations

import argparse
import functools
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Page type -> its path inside a language.
PAGES = {
    "home": "",
    "article": "articles/openai-nvidia/",
    "side-by-side": "bilingue/openai-nvidia/",
    "topic": "themes/semiconducteurs/",
    "author": "auteurs/redaction/",
    "archive": "archives/2026/",
    "glossary": "glossary/",
    "about": "about/",
    "not-found": "no-such-page/",
}
LANGUAGES = {"fr": "", "en": "en/"}
WIDTHS = {"390": {"width": 390, "height": 844}, "1440": {"width": 1440, "height": 900}}
PALETTES = {"light": "light", "dark": "dark"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _StaticHost(_Quiet):
    """Serves the root 404.html for a missing page, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


SHOW_EVERY_BLOCK = ".md-content__inner > * { content-visibility: visible !important; }"


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def take(site: Path, out: Path, only: list[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed: apt-get install chromium")
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(site)
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for width_name, viewport in WIDTHS.items():
                for palette in PALETTES:
                    phone = viewport["width"] < 600
                    context = browser.new_context(
                        viewport=viewport, color_scheme=palette, has_touch=phone, is_mobile=phone, device_scale_factor=1,
                        bypass_csp=True,  # for SHOW_EVERY_BLOCK only: nothing else is added to the pages
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        if only and name not in only:
                            continue
                        for code, prefix in LANGUAGES.items():
                            page.goto(base + prefix + path, wait_until="load")
                            page.wait_for_timeout(150)
                            # A whole-page capture does not paint the blocks
                            # that content-visibility skips off screen: show
                            # them all, as a reader scrolling down sees them.
                            page.add_style_tag(content=SHOW_EVERY_BLOCK)
                            file = out / f"{name}-{code}-{width_name}-{palette}.png"
                            page.screenshot(path=str(file), full_page=True)
                            written.append(file)
                    if phone and (not only or "popover" in only):
                        for code, prefix in LANGUAGES.items():
                            page.goto(base + prefix + PAGES["article"], wait_until="load")
                            term = page.locator("a.glossary-term").first
                            term.scroll_into_view_if_needed()
                            term.tap()
                            page.wait_for_timeout(400)
                            file = out / f"popover-{code}-{width_name}-{palette}.png"
                            page.screenshot(path=str(file))
                            written.append(file)
                        for code, prefix in LANGUAGES.items():
                            page.goto(base + prefix + PAGES["article"], wait_until="load")
                            page.locator(".deal-table").scroll_into_view_if_needed()
                            page.wait_for_timeout(150)
                            file = out / f"deal-table-{code}-{width_name}-{palette}.png"
                            page.locator(".deal-table").screenshot(path=str(file))
                            written.append(file)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--out", type=Path, default=PROJECT / "shots")
    parser.add_argument("--only", nargs="*", default=[], help=f"page types among {', '.join(PAGES)}, popover")
    args = parser.parse_args()
    if args.site:
        written = take(args.site, args.out, args.only)
    else:
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / "site"
            subprocess.run([str(MKDOCS), "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=PROJECT, check=True)
            written = take(site, args.out, args.only)
    print(f"{len(written)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
