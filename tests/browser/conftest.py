"""Browser tests: Playwright for Python driving Debian's Chromium.

No browser is ever downloaded. Without Chromium these tests are skipped with
a message, except under CI=true, where a missing browser is a failure.
"""
from __future__ import annotations

import faulthandler
import functools
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import Site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


# No browser test takes a minute; one that takes five is stuck in a wait that
# has no timeout of its own (a page closed mid-navigation once hung
# Chromium's page close). The run stops with the test's name and every
# thread's stack instead of running into CI's limit.
_HUNG_AFTER_S = int(os.environ.get("PUBLICATION_TEST_HUNG_AFTER_S", "300"))


@pytest.fixture(autouse=True)
def _stop_if_hung(request: pytest.FixtureRequest) -> Iterator[None]:
    def stop() -> None:
        # Out of pytest's capture, or the message would go with the process.
        request.config.pluginmanager.getplugin("capturemanager").suspend_global_capture(in_=False)
        sys.__stderr__.write(f"\n{request.node.nodeid}: still running after {_HUNG_AFTER_S} s; stopping the run\n")
        faulthandler.dump_traceback(file=sys.__stderr__)
        sys.__stderr__.flush()
        os._exit(3)

    timer = threading.Timer(_HUNG_AFTER_S, stop)
    timer.daemon = True
    timer.start()
    yield
    timer.cancel()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Site) -> Iterator[str]:
    """The built site served on 127.0.0.1, as `python -m http.server` would."""
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        message = "Chromium is not installed: apt-get install chromium (browser tests skipped)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — CI must run them", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did that a reader would not want: console errors, failed
    requests, requests to another origin."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.failed_requests == []
        assert self.foreign_requests == []


@pytest.fixture
def watch(base_url: str) -> PageWatch:
    return PageWatch(origin=urlsplit(base_url).netloc)


def _new_page(browser, watch: PageWatch, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    # A request the browser cancels because the reader moved on (a link
    # followed before the page finished loading) is no failure of the site.
    page.on(
        "requestfailed",
        lambda request: request.failure != "net::ERR_ABORTED" and watch.failed_requests.append(request.url),
    )
    page.on(
        "response",
        lambda response: response.status >= 400 and watch.failed_requests.append(f"{response.status} {response.url}"),
    )
    page.on(
        "request",
        lambda request: urlsplit(request.url).netloc not in ("", watch.origin)
        and not request.url.startswith(("data:", "blob:"))
        and watch.foreign_requests.append(request.url),
    )
    return context, page


def _close(context, page) -> None:
    # The page first, without its before-unload handlers. A page must not be
    # closed while a navigation it started is under way: Chromium's close then
    # never returns (wait for the address the navigation goes to).
    page.close(run_before_unload=False)
    context.close()


@pytest.fixture
def page(browser, watch: PageWatch):
    """A desktop page (1280 × 800)."""
    context, page = _new_page(browser, watch, viewport={"width": 1280, "height": 800})
    yield page
    _close(context, page)


@pytest.fixture
def phone(browser, watch: PageWatch):
    """A phone-sized page with touch (390 × 844)."""
    context, page = _new_page(browser, watch, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield page
    _close(context, page)
