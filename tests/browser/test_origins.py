"""In Chromium's network log: no page of the site loads anything from another
origin, before or after the reader's first interaction (Material's bundle,
its stylesheets, the search), and the log itself sees every form a page
could use to do so."""
from __future__ import annotations

import pytest

from sitebuild import LANGUAGES, PAGES

# A page that uses every form; served by the test itself, without the site's
# Content-Security-Policy, so each request really leaves the browser.
EVERY_FORM = """<!doctype html><html><head>
<link rel="stylesheet" href="http://198.51.100.1/1.css">
<style>@import "http://198.51.100.1/2.css"; body { background: url('http://198.51.100.1/3.png') }</style>
<script src="http://198.51.100.1/4.js"></script></head><body>
<img src="http://198.51.100.1/5.png"><img srcset="http://198.51.100.1/6.png 1x">
<video poster="http://198.51.100.1/7.jpg"></video><object data="http://198.51.100.1/8.png" type="image/png" width="9" height="9"></object>
<iframe src="http://198.51.100.1/9.html"></iframe><div style="width:9px;height:9px;background-image:url(http://198.51.100.1/10.png)"></div>
<svg><image href="http://198.51.100.1/11.png" width="9" height="9"/></svg>
</body></html>"""


def test_the_network_log_sees_every_form(page, base_url, watch) -> None:
    page.route(base_url + "__every_form.html", lambda route: route.fulfill(body=EVERY_FORM, content_type="text/html"))
    page.route("http://198.51.100.1/**", lambda route: route.abort())
    page.goto(base_url + "__every_form.html")
    page.wait_for_timeout(300)
    seen = {int(url.rsplit("/", 1)[1].split(".")[0]) for url in watch.foreign_requests}
    assert seen == set(range(1, 12)), watch.foreign_requests


@pytest.mark.parametrize("url", [LANGUAGES[code] + path for code in LANGUAGES for path in PAGES] + ["404.html", "en/404.html"])
def test_no_page_loads_from_another_origin(page, base_url, watch, url: str) -> None:
    page.goto(base_url + url)
    # The first interaction loads Material's bundle and full stylesheets.
    page.keyboard.press("Shift")
    page.wait_for_function("() => window.__md_ready === true")
    page.locator("input.md-search__input").click()
    page.keyboard.type("calcul")
    page.wait_for_load_state("networkidle")
    assert watch.foreign_requests == []
