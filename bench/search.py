"""Search on a phone: time to the first result and bytes, at N = 1 and N = 500.

* Search on a phone: the project built by the pipeline (`make build`) with
  N synthetic articles per language (bench/synthetic.py), served by Python's
  static server with gzip as a static host serves it (Pagefind's chunks are
  already compressed and go as they are); Debian's Chromium driven by
  Playwright with a phone's profile (390 × 844, touch), the CPU throttled 4×
  and the network held to 150 ms latency and 1.6 Mbps down, 750 kbps up
  (Chrome DevTools Protocol). On a freshly loaded French article, three
  figures, median of the runs, each in a new browser context (cold cache):
  - tap to first result: from the tap on the header's magnifier to the first
    result of "calcul" in the list, the five letters typed at 100 ms each
    (the time a thumb takes, included, as a reader's wait includes it);
  - last key to result: the box open and the engine ready for 3 s, from the
    last keystroke of "risque" to its first result;
  - bytes: what the browser fetched from the tap on (compressed bytes on the
    wire, from the responses' sizes), the page itself not counted.
* Targets (issue 13): first result within 2 s of the tap, 1 s of the last
  key, at most 300 kB, at N = 500.
"""

from __future__ import annotations

import functools
import gzip
import io
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import Context, copy_project, log, run_build
from bench.synthetic import add_synthetic_articles

NAME = "search"
READS = ()
SIZES = {"quick": (1,), "full": (1, 500)}
RUNS = {"quick": 1, "full": 3}
ARTICLE = "articles/openai-nvidia/"
TYPED_DELAY_MS = 100
TARGETS = {"tap_s": 2.0, "key_s": 1.0, "kb": 300.0}
_PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


@dataclass(frozen=True)
class SearchPoint:
    articles: int
    tap_s: float
    key_s: float
    kb: float
    runs: int


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text compressed as GitHub Pages compresses it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml"}
        if not compressible or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def _served(root: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _phone_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", _PHONE_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return context, page


_FIRST_RESULT = "() => document.querySelector('.md-search-result__item') !== null"


def _one_run(browser: Any, base_url: str) -> tuple[float, float, float]:
    context, page = _phone_page(browser)
    try:
        page.goto(base_url + ARTICLE, wait_until="load")
        fetched: list[int] = []
        page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
        start = time.perf_counter()
        page.locator("label.md-header__button[for='__search']").tap()
        box = page.locator("input.md-search__input")
        box.press_sequentially("calcul", delay=TYPED_DELAY_MS)
        page.wait_for_function(_FIRST_RESULT, timeout=120_000, polling=20)
        tap_s = time.perf_counter() - start
        page.wait_for_timeout(3000)
        box.fill("")
        page.wait_for_timeout(500)
        box.press_sequentially("risqu", delay=TYPED_DELAY_MS)
        page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(item => item.remove())")
        start = time.perf_counter()
        box.press("e")
        page.wait_for_function(_FIRST_RESULT, timeout=120_000, polling=20)
        key_s = time.perf_counter() - start
        return tap_s, key_s, sum(fetched) / 1000
    finally:
        page.close(run_before_unload=False)
        context.close()


def run(context: Context) -> list[SearchPoint]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("search: Debian's chromium is needed (apt-get install chromium)")
    mode = "quick" if context.quick else "full"
    points = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        try:
            for count in SIZES[mode]:
                project = copy_project(context.source, context.work / f"search-{count}")
                add_synthetic_articles(project, count)
                site = context.work / f"site-search-{count}"
                log(f"  search N={count}: building")
                run_build(project, site, pipeline=True)
                runs = []
                with _served(site) as base_url:
                    for number in range(RUNS[mode]):
                        runs.append(_one_run(browser, base_url))
                        log(f"  search N={count} run {number + 1}: tap {runs[-1][0]:.2f} s, key {runs[-1][1]:.2f} s, {runs[-1][2]:.0f} kB")
                points.append(SearchPoint(
                    articles=count,
                    tap_s=statistics.median(run[0] for run in runs),
                    key_s=statistics.median(run[1] for run in runs),
                    kb=statistics.median(run[2] for run in runs),
                    runs=len(runs),
                ))
        finally:
            browser.close()
    return points


def report(points: list[SearchPoint], number: int) -> list[str]:
    lines = [
        f"{number}. Search on a phone (4× CPU, 150 ms, 1.6 Mbps; a French article; median of the runs)",
        "      N   tap to first result   last key to result   fetched from the tap",
    ]
    for point in points:
        within = {
            "tap": point.tap_s <= TARGETS["tap_s"],
            "key": point.key_s <= TARGETS["key_s"],
            "kb": point.kb <= TARGETS["kb"],
        }
        lines.append(
            f"   {point.articles:>4}   {point.tap_s:>6.2f} s ({'within' if within['tap'] else 'ABOVE'} 2 s)"
            f"   {point.key_s:>6.2f} s ({'within' if within['key'] else 'ABOVE'} 1 s)"
            f"   {point.kb:>6.0f} kB ({'within' if within['kb'] else 'ABOVE'} 300 kB)   [{point.runs} runs]"
        )
    lines.append("")
    return lines
