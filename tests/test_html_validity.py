"""Markup the Nu Html Checker refuses, by class, on every built page.

The checker itself (Java) is run by hand (see the closing notes); these
tests hold the classes it found: `autocomplete` on a checkbox (Material's
toggles, rewritten by hooks/publication/render/theme_markup.py) and a decorative
image with a role."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from publication.render.theme_markup import valid_toggles
from sitebuild import Site

TEXT_LIKE = {"text", "search", "email", "password", "tel", "url", "number", "date", "time", "month", "week", "range", "color", "datetime-local", "hidden"}


def test_no_page_has_autocomplete_on_an_input_that_is_not_text_like(site: Site) -> None:
    for path in site.html_files:
        url = str(path.relative_to(site.root))
        page = site.page(url)
        for element in page.find_all("input"):
            if element.has_attr("autocomplete"):
                assert element.get("type", "text") in TEXT_LIKE, f"{url}: {element}"


def test_a_decorative_image_has_no_role(site: Site) -> None:
    for path in site.html_files:
        url = str(path.relative_to(site.root))
        for image in site.page(url).find_all("img", alt=""):
            assert not image.has_attr("role"), f"{url}: {image}"


def test_the_toggles_keep_every_other_attribute_and_the_rest_of_the_page() -> None:
    page = (
        '<!doctype html><html><head><style>a::after{content:"<input type=checkbox autocomplete=off>"}</style></head>\n'
        '<body dir="ltr">\n    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
        '    <label class="md-overlay" for="__drawer"></label><input type="checkbox" autocomplete="off"></body></html>'
    )
    assert valid_toggles(page) == page.replace(' autocomplete="off">\n', ">\n")


@given(st.text(alphabet="<>&\"' abc=\n", max_size=40))
def test_anything_before_or_after_the_toggles_is_left_alone(text: str) -> None:
    toggle = '<input class="md-toggle" type="checkbox" id="x" autocomplete="off">'
    page = f"<!doctype html><html><head><title>t</title></head><body>{toggle}<div>{text}</div></body></html>"
    assert valid_toggles(page) == page.replace(' autocomplete="off"', "")
