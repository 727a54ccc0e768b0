"""The first screen is drawn from the page's inline CSS alone: the cached
stylesheet that follows it (tools/critical_css.py) moves and repaints
nothing there, on a phone and on a desktop, in both palettes."""
from __future__ import annotations

import pytest

from sitebuild import LANGUAGES, PAGES

URLS = [prefix + page for prefix in LANGUAGES.values() for page in PAGES] + ["404.html", "en/404.html"]
SCREENS = {"phone": (390, 844, True), "desktop": (1440, 900, False)}

# Each element seen on the first screen: the part of its box on the screen
# and the properties that paint it.
FIRST_SCREEN = """() => {
  const properties = ['display', 'visibility', 'opacity', 'position', 'color', 'background-color',
    'font-family', 'font-size', 'font-weight', 'line-height', 'text-decoration-line',
    'border-top-width', 'border-left-width', 'border-bottom-width', 'border-left-color', 'box-shadow', 'transform'];
  const elements = [document.documentElement, ...document.documentElement.querySelectorAll('body *')];
  return elements.map((element) => {
    const box = element.getBoundingClientRect();
    const seen = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
      && (box.width > 1 || box.height > 1) && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const style = getComputedStyle(element);
    const part = [Math.max(box.left, 0), Math.max(box.top, 0), Math.min(box.right, innerWidth), Math.min(box.bottom, innerHeight)]
      .map((v) => Math.round(v));
    const name = element.localName + (element.id ? '#' + element.id : '') + (element.classList.length ? '.' + [...element.classList].join('.') : '');
    return [seen, name, part.join(',') + ' ' + properties.map((p) => style.getPropertyValue(p)).join('|')];
  });
}"""

# Layout shifts since `since` (a time of performance.now()).
LAYOUT_SHIFT = """(since) => new Promise((resolve) => {
  new PerformanceObserver((list) => resolve(list.getEntries().filter((e) => !e.hadRecentInput && e.startTime >= since)
    .reduce((sum, e) => sum + e.value, 0))).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(0), 500);
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("url", URLS)
def test_the_cached_stylesheet_changes_nothing_on_the_first_screen(browser, base_url, url, screen, scheme) -> None:
    width, height, touch = SCREENS[screen]
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch, color_scheme=scheme,
        bypass_csp=True,  # for wait_for_function only: the policy is tested in test_csp_in_browser.py
    )
    held = []
    context.route("**/stylesheets/material-subset.*.css", lambda route: held.append(route))
    page = context.new_page()
    try:
        page.goto(base_url + url, wait_until="commit")
        page.wait_for_function("document.readyState !== 'loading' && [...document.images].every((i) => i.complete)")
        page.wait_for_timeout(100)
        # The cached stylesheet is asked for, and the page is drawn without it.
        assert len(held) == 1
        assert page.evaluate("document.getElementById('__md_subset').media") == "print"
        before = page.evaluate(FIRST_SCREEN)
        released = page.evaluate("performance.now()")
        held.pop().continue_()
        page.wait_for_function("() => { const l = document.getElementById('__md_subset'); return l.media === 'all' && l.sheet; }")
        page.wait_for_timeout(100)
        after = page.evaluate(FIRST_SCREEN)
        changed = [
            f"{name}: {was} -> {now}"
            for (seen, name, was), (seen_after, _, now) in zip(before, after)
            if (seen or seen_after) and was != now
        ]
        assert changed == []
        assert page.evaluate(LAYOUT_SHIFT, released) == 0
        # Transitions, held back meanwhile, are back.
        page.wait_for_function("() => !document.documentElement.classList.contains('styles-pending')")
    finally:
        for route in held:
            route.abort()
        page.close()
        context.close()
