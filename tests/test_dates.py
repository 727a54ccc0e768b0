"""Dates as each language writes them: British English ("27 November 2026"),
French with its ordinal "1er"; ISO dates only in `datetime` attributes."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from publication.content.frontmatter import read_front_matter
from publication.errors import PublicationError
from publication.render.formatting import long_date
from publication.translation.credits import translation_credit
from sitebuild import LANGUAGES, PAGES, Site, text_of

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
AMERICAN = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}")


@pytest.mark.parametrize("month", range(1, 13))
def test_english_dates_follow_en_gb(month: int) -> None:
    for day in (1, 2, 22, 28):
        date = dt.date(2026, month, day)
        written = long_date(date.isoformat(), "en").replace("\u00a0", " ")
        assert written == f"{day} {format_date(date, 'MMMM', locale='en_GB')} 2026"
        assert not AMERICAN.search(written)


def test_french_dates_write_the_first_as_1er() -> None:
    assert long_date("2026-12-01", "fr").replace("\u00a0", " ") == "1er décembre 2026"
    assert long_date("2026-11-27", "fr").replace("\u00a0", " ") == "27 novembre 2026"
    assert long_date("2026-02-02", "fr").replace("\u00a0", " ") == "2 février 2026"
    assert long_date("2026-11-27", "en").replace("\u00a0", " ") == "27 November 2026"


def test_no_iso_or_american_date_in_what_readers_read(site: Site) -> None:
    for prefix in LANGUAGES.values():
        for page in PAGES:
            # A fresh parse: the shared one of site.page() must keep its scripts.
            soup = BeautifulSoup(site.path(prefix + page).read_text(encoding="utf-8"), "html.parser")
            for hidden in soup(["script", "style", "code", "template"]):
                hidden.decompose()
            text = text_of(soup)
            assert not ISO_DATE.search(text), (prefix + page, ISO_DATE.search(text).group(0))
            assert not AMERICAN.search(text), (prefix + page, AMERICAN.search(text).group(0))
            # Every <time> carries the ISO date for machines and a long date for readers.
            for time in soup.select("time"):
                # The language of the text around it (the side-by-side view has both).
                language = time.find_parent(attrs={"lang": True})["lang"]
                assert ISO_DATE.fullmatch(time["datetime"])
                assert text_of(time) == long_date(time["datetime"], language).replace("\u00a0", " ")


def test_the_translation_note_says_the_editors_translated_and_reviewed(site: Site) -> None:
    note = site.page("en/articles/openai-nvidia/").select_one(".translation-note")
    assert text_of(note).startswith(
        "Translated from the French by the editors on 27 November 2026 and reviewed by them on 2 December 2026."
    )
    assert [time["datetime"] for time in note.select("time")] == ["2026-11-27", "2026-12-02"]


def credit(block: str):
    return translation_credit(read_front_matter(f"---\ntitle: T\ntranslation:\n{block}---\n", path="docs/x.en.md"))


def test_a_translator_reviewing_their_own_work_is_refused() -> None:
    with pytest.raises(PublicationError) as caught:
        credit('  translator: Jane Doe\n  translated: "2026-11-27"\n  reviewer: Jane Doe\n  reviewed: "2026-11-28"\n')
    assert (caught.value.line, caught.value.key) == (6, "translation.reviewer")
    assert "editors" in (caught.value.fix or "")


def test_a_translation_note_needs_both_people_and_real_dates() -> None:
    with pytest.raises(PublicationError) as caught:
        credit('  translator: Jane Doe\n  translated: "2026-11-27"\n')
    assert "reviewer" in caught.value.problem
    with pytest.raises(PublicationError) as caught:
        credit('  translator: Jane Doe\n  translated: "27/11/2026"\n  reviewer: John Roe\n  reviewed: "2026-11-28"\n')
    assert caught.value.key == "translation.translated"
    with pytest.raises(PublicationError) as caught:
        credit('  translator: Jane Doe\n  translated: "2026-11-27"\n  reviewer: John Roe\n  reviewed: "2026-11-26"\n')
    assert caught.value.key == "translation.reviewed"


def test_distinct_translator_and_reviewer_are_both_named() -> None:
    from publication.content.data import load_ui
    from publication.render.blocks import render_translation_note
    from sitebuild import PROJECT

    found = credit('  translator: Jane Doe\n  translated: "2026-11-27"\n  reviewer: John Roe\n  reviewed: "2026-12-01"\n')
    html = render_translation_note(language="en", ui=load_ui(PROJECT / "data"), credit=found, original_url="../")
    assert "Translated from the French by Jane Doe on <time datetime=\"2026-11-27\">27\u00a0November 2026</time>; reviewed by John Roe on <time datetime=\"2026-12-01\">1\u00a0December 2026</time>." in html
