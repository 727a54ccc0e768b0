"""What changed in the French since the English was pinned: the word diff in
`make translations`, `make translations-diff` and the status page."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitebuild import PROJECT, Site, build, copy_project, text_of

sys.path.insert(0, str(PROJECT / "hooks"))

from publication.translation.diff import format_plain, shortened, tokens, word_diff
from publication.translation.sections import normalise

ARTICLE_FR = "docs/articles/openai-nvidia.md"
OLD_SENTENCE = "Le coût élevé des opérations d’OpenAI nécessite un contrepoids."
NEW_SENTENCE = "Le coût des opérations d’OpenAI, très élevé, exige un contrepoids."
SHOWN = "Le coût [-élevé-] des opérations d’OpenAI [-nécessite-]{+, très élevé, exige+} un contrepoids."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    page = project / ARTICLE_FR
    text = page.read_text(encoding="utf-8")
    assert text.count(OLD_SENTENCE) == 1
    page.write_text(text.replace(OLD_SENTENCE, NEW_SENTENCE), encoding="utf-8")
    return project


def translations(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks"), **(env or {})},
        capture_output=True,
        text=True,
    )


def test_the_word_diff_marks_removed_and_added_words() -> None:
    assert format_plain(word_diff(OLD_SENTENCE, NEW_SENTENCE)) == SHOWN
    assert format_plain(word_diff("Page introuvable", "Page absente")) == "Page [-introuvable-]{+absente+}"


def test_reflowed_or_retyped_french_shows_no_change() -> None:
    changes = word_diff("L’IA « générale »\nest là", "L'IA  \"générale\" est\u00a0là")
    assert [change.kind for change in changes] == ["same"]


def test_long_unchanged_runs_are_cut_around_the_change() -> None:
    before = " ".join(f"mot{index}" for index in range(60))
    after = before.replace("mot30", "MOT")
    shown = format_plain(shortened(word_diff(before, after), context=3))
    assert shown == "… mot27 mot28 mot29 [-mot30-]{+MOT+} mot31 mot32 mot33 …"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_the_diff_holds_both_texts(before: str, after: str) -> None:
    changes = word_diff(before, after)

    def words(kinds: set[str]) -> list[str]:
        return [normalise(token.text) for change in changes if change.kind in kinds for token in tokens(change.text)]

    assert words({"same", "removed"}) == [normalise(token.text) for token in tokens(before)]
    assert words({"same", "added"}) == [normalise(token.text) for token in tokens(after)]


def test_make_translations_shows_the_diff_of_each_outdated_unit(project: Path) -> None:
    result = translations(project, "status")
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert "What changed in the French ([-removed-] {+added+}):" in output
    block = output.split("articles/openai-nvidia#signaux (docs/articles/openai-nvidia.md): the French since the English was pinned on 2026-12-02\n")[1]
    lines = block.split("\n\n")[0].splitlines()
    assert all(line.startswith("  ") and len(line) <= 100 for line in lines)  # indented, wrapped
    assert SHOWN in " ".join(line.strip() for line in lines)
    assert lines[0].startswith("  … ")  # the section cut around the change


def test_make_translations_diff_prints_one_unit_in_full(project: Path) -> None:
    result = translations(project, "diff", "articles/openai-nvidia#signaux")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "articles/openai-nvidia#signaux (docs/articles/openai-nvidia.md): the French since the English was pinned on 2026-12-02"
    assert lines[1].startswith("  ### Les signaux qui inquiètent les analystes {#signaux}")
    assert SHOWN in " ".join(line.strip() for line in lines[1:])
    up_to_date = translations(project, "diff", "articles/openai-nvidia#agi")
    assert up_to_date.stdout.startswith("articles/openai-nvidia#agi is up to date")


def test_make_translations_diff_passes_unit_without_a_shell(project: Path, tmp_path: Path) -> None:
    shutil.copy2(PROJECT / "Makefile", project / "Makefile")
    shutil.copy2(PROJECT / "requirements.txt", project / "requirements.txt")
    (project / ".venv").symlink_to(PROJECT / ".venv")
    hostile = "x'; touch pwned; '$(shell touch pwned2) `touch pwned3` \"$$(touch pwned4)\""
    result = subprocess.run(["make", "-s", "translations-diff", f"UNIT={hostile}"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert not [path.name for path in project.iterdir() if path.name.startswith("pwned")]
    assert f"no translation unit matches '{hostile}'" in result.stderr
    shown = subprocess.run(["make", "-s", "translations-diff", "UNIT=articles/openai-nvidia#signaux"], cwd=project, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert SHOWN in " ".join(line.strip() for line in shown.stdout.splitlines())


def test_the_status_page_shows_the_diff_in_both_languages(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    for prefix, summary in (("", "Ce qui a changé dans le français depuis la traduction"), ("en/", "What changed in the French since the translation")):
        page = Site(result.site_dir).page(f"{prefix}translations/")
        rows = page.select("tr.translation-status__diff")
        assert [row["data-unit"] for row in rows] == ["articles/openai-nvidia#signaux"]
        assert rows[0].find_previous_sibling("tr")["data-state"] == "outdated"
        assert text_of(rows[0].select_one("summary")) == summary
        diff = rows[0].select_one(".word-diff")
        assert diff["lang"] == "fr"
        assert [text_of(node) for node in diff.select("del")] == ["élevé", "nécessite"]
        assert [text_of(node) for node in diff.select("ins")] == [", très élevé, exige"]
        assert "Le coût élevé des opérations d’OpenAI nécessite, très élevé, exige un contrepoids." in text_of(diff)
