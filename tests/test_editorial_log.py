"""Editor's notes, corrections and updates: dated, in both languages, shown
on the article, in its JSON-LD and feeds, and never rewritten."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from publication.content.data import load_article_data
from publication.content.editorial_log import _committed_logs_of_folder
from publication.errors import PublicationError
from sitebuild import PROJECT, Site, build, copy_project, text_of

ARTICLE = {"fr": "articles/openai-nvidia/", "en": "en/articles/openai-nvidia/"}
ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_NOTE = {
    "fr": "Note de la rédaction (2 décembre 2026) : Cet article rend compte de la lettre d’intention annoncée le 22 septembre 2025",
    "en": "Editor’s note (2 December 2026): This article reports the letter of intent that OpenAI and Nvidia announced on 22 September 2025",
}
CORRECTION = """  - date: "2026-12-05"
    kind: correction
    text:
      fr: Le montant de la première tranche était faux.
      en: The amount of the first tranche was wrong.
    was:
      fr: 20 milliards de dollars
      en: $20 billion
    now:
      fr: 10 milliards de dollars
      en: $10 billion
"""


def json_ld(page) -> dict:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_first_note_is_under_the_title_in_both_languages(site: Site, language: str) -> None:
    article = site.page(ARTICLE[language]).select_one("article")
    note = article.select_one(".editors-notes")
    assert text_of(note).startswith(FIRST_NOTE[language])
    assert note.find_previous("h1") is not None
    # Above the article's own text: the summary comes after it.
    assert note.find_next("div", class_="admonition") is not None
    assert note.select_one("time")["datetime"] == "2026-12-02"
    data = json_ld(site.page(ARTICLE[language]))
    assert data["dateModified"] == "2026-12-02"
    assert data["correction"][0] == {
        "@type": "CorrectionComment",
        "datePublished": "2026-12-02",
        "text": load_article_data(PROJECT / "data", "openai-nvidia").log[0].text(language),
    }


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site with a correction appended to the article's log."""
    project = copy_project(tmp_path_factory.mktemp("corrected"))
    file = project / "data" / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    marker = "\n# Figures in the article's text"
    file.write_text(text.replace(marker, CORRECTION + marker, 1), encoding="utf-8")
    result = build(project, project / "site")
    assert result.ok, result.output
    return Site(project / "site")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_correction_is_in_the_page_the_json_ld_and_the_feed(corrected: Site, language: str) -> None:
    page = corrected.page(ARTICLE[language])
    entry = page.select_one("article section.corrections li[data-kind=correction]")
    expected = {
        "fr": "Correction (5 décembre 2026) : Le montant de la première tranche était faux. L’article disait : 20 milliards de dollars Il dit désormais : 10 milliards de dollars",
        "en": "Correction (5 December 2026): The amount of the first tranche was wrong. The article said: $20 billion It now says: $10 billion",
    }[language]
    assert text_of(entry) == expected
    # At the end of the article: nothing of its text after it.
    assert not entry.find_all_next("h2", id=True)
    data = json_ld(page)
    assert data["dateModified"] == "2026-12-05"
    assert [item["datePublished"] for item in data["correction"]] == ["2026-12-02", "2026-12-05"]
    assert data["correction"][1]["text"] == {"fr": "Le montant de la première tranche était faux.", "en": "The amount of the first tranche was wrong."}[language]
    feed = ElementTree.parse(corrected.root / ARTICLE[language].replace("articles/openai-nvidia/", "") / "feed.xml").getroot()
    item = feed.find(f"{ATOM}entry")
    assert item.find(f"{ATOM}updated").text == "2026-12-05T00:00:00+00:00"
    assert feed.find(f"{ATOM}updated").text == "2026-12-05T00:00:00+00:00"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The project's data in a git repository of its own, committed once."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT / "data", root / "data")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "data"]):
        subprocess.run(["git", *command], cwd=root, check=True, env={**env, "PATH": "/usr/bin:/bin"})
    _committed_logs_of_folder.cache_clear()
    yield root
    _committed_logs_of_folder.cache_clear()


def test_a_rewritten_entry_is_refused(repository: Path) -> None:
    file = repository / "data" / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("et non d’un accord définitif.", "et non d’un accord signé.", 1), encoding="utf-8")
    with pytest.raises(PublicationError) as caught:
        load_article_data(repository / "data", "openai-nvidia")
    assert caught.value.key == "editorial_log[0]" and "append-only" in caught.value.problem
    assert caught.value.line == text[: text.index("  - date: \"2026-12-02\"")].count("\n") + 1
    assert "kind: correction" in (caught.value.fix or "")


def test_a_removed_entry_is_refused(repository: Path) -> None:
    file = repository / "data" / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    start = text.index("editorial_log:\n")
    end = text.index("\n# The article discusses short positions")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(PublicationError) as caught:
        load_article_data(repository / "data", "openai-nvidia")
    assert "was removed" in caught.value.problem


def test_an_appended_entry_is_welcome(repository: Path) -> None:
    file = repository / "data" / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    marker = "\n# Figures in the article's text"
    file.write_text(text.replace(marker, CORRECTION + marker, 1), encoding="utf-8")
    article = load_article_data(repository / "data", "openai-nvidia")
    assert [entry.kind for entry in article.log] == ["note", "correction"] and article.last_logged == "2026-12-05"


def test_a_correction_says_what_was_wrong_and_what_it_says_now(tmp_path: Path) -> None:
    data = Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))
    file = data / "articles" / "openai-nvidia.yml"
    text = file.read_text(encoding="utf-8")
    marker = "\n# Figures in the article's text"
    without_now = CORRECTION[: CORRECTION.index("    now:")]
    file.write_text(text.replace(marker, without_now + marker, 1), encoding="utf-8")
    with pytest.raises(PublicationError) as caught:
        load_article_data(data, "openai-nvidia")
    assert "now" in str(caught.value)
