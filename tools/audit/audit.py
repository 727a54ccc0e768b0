"""Lighthouse audit of the built site: every page type (9) x 2 languages x 2 presets.

    .venv/bin/python tools/audit/audit.py [--site DIR] [--only mobile|desktop]
                                          [--json PATH] [--min-performance N] ...

It builds nothing: it serves an already built site folder (default `site/`,
what `make build` writes) with Python's http.server on 127.0.0.1 and a free
port, and runs the Lighthouse pinned in tools/audit/package.json (install it
with `npm ci --prefix tools/audit`) in Debian's Chromium, one URL and preset
at a time, so that two runs never compete for the machine's cores.

Mobile is Lighthouse's default configuration (simulated slow 4G, 4x CPU
slowdown, a phone's screen); desktop is `--preset=desktop`. Every run's four
category scores are printed in a table, followed by the audits that cost
points wherever a score is below its threshold. The exit status is 1 if any
score is below its threshold (100 in every category unless told otherwise),
2 if Lighthouse could not run.

The server is plain `http.server`: no compression, no cache headers, so the
figures are those of the least helpful static host. A path that matches no
file gets the 404 page of its language (/en/... -> en/404.html, otherwise
404.html) with status 404, as a static host configured for this site would
answer. The audited 404 pages themselves are requested by their own address
(/404.html, /en/404.html), so Lighthouse sees them with status 200 and can
judge their content (a 404 status alone fails its SEO audit
"http-status-code", whatever the page).

The site is audited as built for production: canonical and hreflang links
keep pointing to site_url. Lighthouse 12.2.3's "canonical" audit checks that
there is one valid absolute canonical URL, not pointing to another language's
hreflang URL or to the site's root; another host is not a failure, so no
special build with SITE_URL=http://127.0.0.1:<port>/ is needed.

Mobile performance is measured on this machine's CPU, slowed down 4x in
simulation: other work on the machine (a test run, a build) lengthens the
page's tasks and costs points. Run it on a quiet machine. Debian's Chromium is
newer than Lighthouse 12.2.3, and a few unweighted diagnostics cannot run in
it (listed once as "not run"); they do not change any score.
"""
from __future__ import annotations

import argparse
import functools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent.parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # runs as root in CI
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# (name, path inside a language) of the audited pages; languages by prefix.
PAGES = [
    ("home", ""),
    ("article", "articles/openai-nvidia/"),
    ("side-by-side", "bilingue/openai-nvidia/"),
    ("topic", "themes/semiconducteurs/"),
    ("author", "auteurs/redaction/"),
    ("archive", "archives/2026/"),
    ("glossary", "glossary/"),
    ("about", "about/"),
    ("404", "404.html"),
]
LANGUAGES = {"fr": "", "en": "en/"}
PRESETS = ["mobile", "desktop"]
CATEGORIES = {  # Lighthouse id -> column title
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "bp",
    "seo": "seo",
}
# Audits that do not score: never listed as failures.
UNSCORED_MODES = {"notApplicable", "manual", "informative"}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site folder; a missing path gets its language's 404 page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != HTTPStatus.NOT_FOUND or self.command not in ("GET", "HEAD"):
            super().send_error(code, message, explain)
            return
        path = unquote(urlsplit(self.path).path)
        language = next((prefix for prefix in LANGUAGES.values() if prefix and path.startswith("/" + prefix)), "")
        page = Path(self.directory) / language / "404.html"
        if not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


@dataclass
class Result:
    page: str
    language: str
    preset: str
    url: str
    scores: dict[str, int | None] = field(default_factory=dict)
    # category id -> [(audit id, title, detail)] of the audits that cost points
    failures: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    unrun: set[str] = field(default_factory=set)  # unweighted audits that errored
    error: str | None = None


def run_lighthouse(url: str, preset: str, out: Path) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0 or not out.is_file():
        raise RuntimeError(f"Lighthouse exited with {completed.returncode}: {completed.stderr.strip()[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def read_report(report: dict, result: Result, thresholds: dict[str, int]) -> None:
    if report.get("runtimeError"):
        result.error = f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    audits = report["audits"]
    for category_id in CATEGORIES:
        category = report["categories"].get(category_id)
        score = None if category is None or category["score"] is None else round(category["score"] * 100)
        result.scores[category_id] = score
        if score is not None and score >= thresholds[category_id]:
            continue
        failed = []
        for ref in category["auditRefs"] if category else []:
            audit = audits[ref["id"]]
            mode = audit.get("scoreDisplayMode")
            weighted = ref.get("weight", 0) > 0
            if mode in UNSCORED_MODES:
                continue
            if mode == "error":
                # An audit that could not run costs points only if it weighs.
                if weighted:
                    failed.append((audit["id"], audit["title"], "error: " + (audit.get("errorMessage") or "")))
                else:
                    result.unrun.add(audit["id"])
            elif audit.get("score") is not None and audit["score"] < 1:
                # Audits without weight matter only in performance, where
                # they explain the metrics (render-blocking, unused CSS...).
                if not weighted and category_id != "performance":
                    continue
                detail = audit.get("displayValue") or ""
                label = "" if weighted else "diagnostic, "
                failed.append((audit["id"], audit["title"], f"{label}score {audit['score']:.2f} {detail}".strip()))
        result.failures[category_id] = failed


def print_table(results: list[Result]) -> None:
    header = ["page", "language", "preset", *CATEGORIES.values()]
    rows = [
        [r.page, r.language, r.preset, *("-" if r.scores.get(c) is None else str(r.scores[c]) for c in CATEGORIES)]
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) if i < 3 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))


def print_failures(results: list[Result]) -> None:
    unrun = sorted(set().union(*(r.unrun for r in results))) if results else []
    if unrun:
        print(f"\nNot run in this Chromium (unweighted, no effect on scores): {', '.join(unrun)}")
    for r in results:
        if r.error:
            print(f"\n{r.page} {r.language} {r.preset} ({r.url}): {r.error}")
        for category_id, failed in r.failures.items():
            score = r.scores.get(category_id)
            shown = score if score is not None else "-"
            print(f"\n{r.page} {r.language} {r.preset}: {CATEGORIES[category_id]} {shown} ({r.url})")
            for audit_id, title, detail in failed or [("?", "no failing audit listed", "")]:
                print(f"  {audit_id}: {title}" + (f" [{detail}]" if detail else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=PROJECT / "site", help="built site folder (default: site/)")
    parser.add_argument("--only", choices=PRESETS, help="one preset instead of both")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    pages = [name for name, _ in PAGES]
    parser.add_argument("--page", action="append", choices=pages, help="only these pages (repeatable)")
    parser.add_argument(
        "--language", action="append", choices=list(LANGUAGES), help="only these languages (repeatable)"
    )
    parser.add_argument("--reports", type=Path, metavar="DIR", help="keep Lighthouse's full JSON reports in DIR")
    for category_id in CATEGORIES:
        parser.add_argument(
            f"--min-{category_id}", type=int, default=100, metavar="N",
            help=f"lowest passing {category_id} score (default 100)",
        )
    args = parser.parse_args(argv)
    thresholds = {c: getattr(args, "min_" + c.replace("-", "_")) for c in CATEGORIES}

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: npm ci --prefix tools/audit", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).is_file() or shutil.which("node") is None:
        print(f"Needs node and Chromium at {CHROMIUM} (apt-get install chromium nodejs)", file=sys.stderr)
        return 2

    handler = functools.partial(SiteHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    presets = [args.only] if args.only else PRESETS
    runs = [
        (name, language, preset, base + prefix + path)
        for name, path in PAGES
        if not args.page or name in args.page
        for language, prefix in LANGUAGES.items()
        if not args.language or language in args.language
        for preset in presets
    ]
    results: list[Result] = []
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
            for index, (name, language, preset, url) in enumerate(runs, 1):
                print(f"[{index}/{len(runs)}] {preset:7} {url}", file=sys.stderr, flush=True)
                result = Result(name, language, preset, url)
                out = Path(tmp) / f"{name}-{language}-{preset}.json"
                try:
                    report = run_lighthouse(url, preset, out)
                except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
                    result.error = str(error)
                else:
                    read_report(report, result, thresholds)
                    if args.reports:
                        args.reports.mkdir(parents=True, exist_ok=True)
                        shutil.copy(out, args.reports / out.name)
                results.append(result)
    finally:
        server.shutdown()
        server.server_close()

    print(f"\nLighthouse {lighthouse_version()} on {site} ({time.monotonic() - started:.0f} s)\n")
    print_table(results)
    print_failures(results)
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "page": r.page,
                        "language": r.language,
                        "preset": r.preset,
                        "url": r.url.removeprefix(base.rstrip("/")),
                        "scores": r.scores,
                        "failures": {
                            c: [{"id": i, "title": t, "detail": d} for i, t, d in f] for c, f in r.failures.items()
                        },
                        "error": r.error,
                    }
                    for r in results
                ],
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    if any(r.error for r in results):
        return 2
    below = [
        r for r in results if any(r.scores.get(c) is None or r.scores[c] < thresholds[c] for c in CATEGORIES)
    ]
    if below:
        print(f"\n{len(below)} of {len(results)} runs below the thresholds", file=sys.stderr)
        return 1
    print(f"\nAll {len(results)} runs at or above the thresholds", file=sys.stderr)
    return 0


def lighthouse_version() -> str:
    try:
        return json.loads((HERE / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
