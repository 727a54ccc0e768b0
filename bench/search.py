"""Search on a phone: time to the first result and bytes, at N = 1 and N = 500.

* Search on a phone: the project built by the pipeline (`make build`) with
  N synthetic articles per language (bench/synthetic.py; at N = 500 twice:
  the repeated filler of the build benchmarks, and varied prose whose
  vocabulary grows with N, as a publication's does), served by Python's
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
  - bytes: what the browser fetched from the tap on, and search's own files
    (index, worker) wherever they were fetched: stock Material fetches them
    with the page (compressed bytes on the wire, from the responses' sizes);
    the page itself not counted.
* The same pages built the stock way (Material's lunr search, one index of
  both languages, its bundle run at load) are measured the same way, side
  by side: the engine this project replaced.
* Relevance, at the smallest N, on a desktop page without throttling: the
  query set of the browser tests (tests/browser/test_search.py: elisions,
  accents, plurals, hyphens, figures, stemming, possessives), each typed on
  the article of its language; found = the page it must find is among the
  first three results.
* Times are read in the page, on its own clock: from the time stamp of the
  touch (or of the last key) to the frame after the first result is in the
  list, and no earlier than the end of the typing. Playwright's own checks
  before it touches the element are not the reader's wait.
* Targets (issue 13): first result within 2 s of the tap, 1 s of the last
  key, at most 300 kB, at N = 500.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import io
import re
import shutil
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import PROJECT, Context, copy_project, log, run_build
from bench.overhead import without_hooks
from bench.synthetic import add_synthetic_articles

NAME = "search"
READS = ()
# (N, varied text): the repeated filler, as the build benchmarks use it, and
# at N = 500 also prose of every article's own (bench/synthetic.py), whose
# vocabulary grows with N and which compresses as prose does.
SIZES = {"quick": ((1, False),), "full": ((1, False), (500, False), (500, True))}
RUNS = {"quick": 1, "full": 3}
ARTICLE = "articles/openai-nvidia/"
TYPED_DELAY_MS = 100
TARGETS = {"tap_s": 2.0, "key_s": 1.0, "kb": 300.0}
_PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


ENGINES = {"project": "Pagefind, this project", "stock": "lunr, stock Material"}


@dataclass(frozen=True)
class SearchPoint:
    engine: str  # a key of ENGINES
    articles: int
    varied: bool  # varied prose rather than the repeated filler (bench/synthetic.py)
    tap_s: float
    key_s: float
    kb: float
    runs: int
    found: int | None = None  # queries of the set whose page is among the first three
    asked: int = 0


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


# Search's own files, counted even when fetched before the tap (stock
# Material's index and worker come with the page).
_SEARCH_FILES = re.compile(r"/search/search_index\.json|/pagefind/|/workers/search\.[^/]*\.js|search-worker\.js")

_FIRST_RESULT = "() => document.querySelector('.md-search-result__item') !== null"

# Read in the page, on its own clock: the reader's touch or key is the
# event's time stamp, the result the next frame after the first result is
# in the list. From outside, Playwright's tap adds its own checks on the
# element (visible, stable over two frames) before it touches it: hundreds
# of milliseconds on a throttled CPU that are not the reader's.
_CLOCK = """
(() => {
  const bench = window.__bench = { input: null, result: null, armed: false, tap: null };
  for (const type of ["pointerdown", "keydown"]) {
    addEventListener(type, (event) => { bench.input = event.timeStamp; }, { capture: true, passive: true });
  }
  bench.check = () => {
    if (bench.result !== null || !bench.armed || !document.querySelector(".md-search-result__item")) return;
    bench.result = -1;
    requestAnimationFrame(() => { bench.result = performance.now(); });
  };
  new MutationObserver(bench.check).observe(document, { childList: true, subtree: true });
})();
"""
_MEASURED = "() => window.__bench.result > 0"


def _measure(page: Any, act: Any) -> float:
    page.evaluate("() => Object.assign(window.__bench, { input: null, result: null, armed: false })")
    act()
    # A result counts from the end of the typing on: one for the first
    # letters shown earlier is not yet the reader's answer.
    page.evaluate("() => { window.__bench.armed = true; window.__bench.check(); }")
    page.wait_for_function(_MEASURED, timeout=120_000, polling=20)
    return float(page.evaluate("() => (window.__bench.result - window.__bench.input) / 1000"))


def _one_run(browser: Any, base_url: str) -> tuple[float, float, float]:
    context, page = _phone_page(browser)
    try:
        page.add_init_script(_CLOCK)
        fetched: list[int] = []
        tapped = False

        def finished(request: Any) -> None:
            # Stock Material fetches its index with the page: that is search's cost too.
            if tapped or _SEARCH_FILES.search(request.url):
                fetched.append(request.sizes()["responseBodySize"])

        page.on("requestfinished", finished)
        page.goto(base_url + ARTICLE, wait_until="load")
        box = page.locator("input.md-search__input")

        def open_and_type() -> None:
            nonlocal tapped
            tapped = True
            page.locator("label.md-header__button[for='__search']").tap()
            # The time stamp to count from is the tap's, not the keys'.
            page.evaluate("() => { window.__bench.tap = window.__bench.input; }")
            box.press_sequentially("calcul", delay=TYPED_DELAY_MS)
            page.evaluate("() => { window.__bench.input = window.__bench.tap; }")

        tap_s = _measure(page, open_and_type)
        page.wait_for_timeout(3000)
        box.fill("")
        page.wait_for_timeout(500)
        box.press_sequentially("risqu", delay=TYPED_DELAY_MS)
        page.evaluate("() => document.querySelectorAll('.md-search-result__item').forEach(item => item.remove())")
        key_s = _measure(page, lambda: box.press("e"))
        return tap_s, key_s, sum(fetched) / 1000
    finally:
        page.close(run_before_unload=False)
        context.close()


def _query_set() -> Any:
    # The browser tests' own module: the bench and the tests ask the same
    # questions. It imports the tests' helpers (tests/, on pytest's path).
    if str(PROJECT / "tests") not in sys.path:
        sys.path.append(str(PROJECT / "tests"))
    spec = importlib.util.spec_from_file_location("search_queries", PROJECT / "tests" / "browser" / "test_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _relevance(browser: Any, base_url: str) -> tuple[int, int]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    queries = _query_set()
    found = asked = 0
    for article, pairs in ((queries.FR_ARTICLE, queries.FRENCH), (queries.EN_ARTICLE, queries.ENGLISH)):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        try:
            page.goto(base_url + article, wait_until="load")
            for query, expected in pairs:
                asked += 1
                try:
                    found += expected in queries.first_three(page, query)
                except PlaywrightTimeout:
                    log(f"  search: no answer to {query!r} (counted as not found)")
        finally:
            page.close(run_before_unload=False)
            context.close()
    return found, asked


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
            for count, varied in SIZES[mode]:
                label = f"N={count}{' varied' if varied else ''}"
                project = copy_project(context.source, context.work / f"search-{count}-{varied}")
                (project / "mkdocs.nohooks.yml").write_text(
                    without_hooks((project / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8"
                )
                add_synthetic_articles(project, count, varied=varied)
                for engine in ENGINES:
                    site = context.work / f"site-search-{count}-{varied}-{engine}"
                    log(f"  search {label} {engine}: building")
                    if engine == "project":
                        run_build(project, site, pipeline=True)
                    else:
                        run_build(project, site, config="mkdocs.nohooks.yml")
                    runs = []
                    relevance: tuple[int | None, int] = (None, 0)
                    with _served(site) as base_url:
                        if (count, varied) == SIZES[mode][0]:
                            relevance = _relevance(browser, base_url)
                            log(f"  search {label} {engine}: {relevance[0]} of {relevance[1]} queries found")
                        for number in range(RUNS[mode]):
                            runs.append(_one_run(browser, base_url))
                            log(f"  search {label} {engine} run {number + 1}: tap {runs[-1][0]:.2f} s, "
                                f"key {runs[-1][1]:.2f} s, {runs[-1][2]:.0f} kB")
                    points.append(SearchPoint(
                        engine=engine,
                        articles=count,
                        varied=varied,
                        tap_s=statistics.median(run[0] for run in runs),
                        key_s=statistics.median(run[1] for run in runs),
                        kb=statistics.median(run[2] for run in runs),
                        runs=len(runs),
                        found=relevance[0],
                        asked=relevance[1],
                    ))
        finally:
            browser.close()
    return points


def report(points: list[SearchPoint], number: int) -> list[str]:
    lines = [
        f"{number}. Search on a phone (4× CPU, 150 ms, 1.6 Mbps; a French article; median of the runs; "
        "read on the page's clock)",
        f"   {'engine':<24} {'N':>4} {'text':<8}   {'tap to first result':<22}   {'last key to result':<20}   "
        "fetched from the tap        query set found (first three)",
    ]
    for point in points:
        within = {
            "tap": point.tap_s <= TARGETS["tap_s"],
            "key": point.key_s <= TARGETS["key_s"],
            "kb": point.kb <= TARGETS["kb"],
        }
        lines.append(
            f"   {ENGINES[point.engine]:<24} {point.articles:>4} {'varied' if point.varied else 'repeated':<8}"
            f"   {point.tap_s:>6.2f} s ({'within' if within['tap'] else 'ABOVE'} 2 s)"
            f"   {point.key_s:>6.2f} s ({'within' if within['key'] else 'ABOVE'} 1 s)"
            f"   {point.kb:>6.0f} kB ({'within' if within['kb'] else 'ABOVE'} 300 kB)   [{point.runs} runs]"
            + (f"   {point.found} of {point.asked}" if point.found is not None else "")
        )
    lines.append("   targets apply to this project's search; stock lunr is measured on the same pages for comparison")
    lines.append("   text: the synthetic articles' repeated filler, or prose of each article's own (bench/synthetic.py)")
    lines.append("")
    return lines
