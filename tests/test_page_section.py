"""The section a page names for its inline CSS (head.page_section): always a
name the generated partial can hold, whatever a contributor calls a folder."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from publication.content.languages import Language
from publication.render.head import page_section

LANGUAGES = {
    "fr": Language(code="fr", name="Français", link="/", default=True),
    "en": Language(code="en", name="English", link="/en/", default=False),
}
SITE = SimpleNamespace(language=LANGUAGES.__getitem__)


@pytest.mark.parametrize(
    "url, language, section",
    [
        ("", "fr", "home"),
        ("en/", "en", "home"),
        ("articles/openai-nvidia/", "fr", "articles"),
        ("en/articles/openai-nvidia/", "en", "articles"),
        ("glossary/", "fr", "glossary"),
        ("mentions-légales/", "fr", "mentions_l_gales"),
        ("a.b c/", "fr", "a_b_c"),
        ('"><script>/', "fr", "___script_"),
        ("{{x}}/", "en", "__x__"),
    ],
)
def test_a_section_is_a_plain_name(url: str, language: str, section: str) -> None:
    assert page_section(SimpleNamespace(url=url), SITE, language) == section
    assert re.fullmatch(r"\w+", section, re.ASCII)


def test_the_missing_page_is_its_own_section() -> None:
    assert page_section(None, SITE, "en") == "404"
