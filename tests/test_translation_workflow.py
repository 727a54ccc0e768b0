"""Pinned translations: what changes when the French changes, for the status
command, the build's log and the reader."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import PROJECT, Site, build, copy_project, text_of

ARTICLE_FR = "docs/articles/openai-nvidia.md"
ARTICLE_EN = "docs/articles/openai-nvidia.en.md"
SIGNALS_PARAGRAPH = "Le coût élevé des opérations d’OpenAI nécessite un contrepoids."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def translations(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")},
        capture_output=True,
        text=True,
    )


def states(project: Path) -> dict[str, str]:
    result = translations(project, "status")
    assert result.returncode == 0, result.stderr
    table = result.stdout.split("\n\n", 1)[0]  # the word diffs of outdated units follow the table
    rows = [line.split("  ") for line in table.splitlines()[2:] if line and not line.startswith("Translations:")]
    return {cells[0].strip(): [cell.strip() for cell in cells if cell.strip()][1] for cells in rows}


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_the_project_is_fully_pinned_with_no_finding() -> None:
    result = translations(PROJECT, "status", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 outdated, 0 missing, 0 orphaned; 0 QA finding(s)" in result.stdout


def test_a_changed_french_paragraph_outdates_exactly_its_section(project: Path, tmp_path: Path) -> None:
    edit(project / ARTICLE_FR, SIGNALS_PARAGRAPH, "Le coût des opérations d’OpenAI, très élevé, nécessite un contrepoids.")
    outdated = {unit for unit, state in states(project).items() if state != "up to date"}
    assert outdated == {"articles/openai-nvidia#signaux"}
    assert translations(project, "status", "--strict").returncode == 1

    result = build(project, tmp_path / "site")
    assert result.ok, result.output  # an outdated translation never blocks publishing
    assert "WARNING" not in result.output
    assert "docs/articles/openai-nvidia.en.md: 1 section(s) behind the French: articles/openai-nvidia#signaux" in result.output
    page = Site(result.site_dir).page("en/articles/openai-nvidia/")
    notices = page.select(".translation-outdated")
    assert len(notices) == 1
    assert notices[0].find_previous(["h1", "h2", "h3"])["id"] == "signaux"
    link = notices[0].select_one("a")
    assert link["href"] == "../../../articles/openai-nvidia/#signaux" and link["hreflang"] == "fr"
    assert "translation of 2 December 2026" in text_of(notices[0])
    switcher = Site(result.site_dir).page("articles/openai-nvidia/").select_one('a.language-switch__link[hreflang="en"]')
    assert switcher["data-translation-status"] == "outdated"
    for prefix in ("", "en/"):
        side_by_side = Site(result.site_dir).page(f"{prefix}bilingue/openai-nvidia/")
        assert [row["id"] for row in side_by_side.select(".parallel__row--outdated")] == ["signaux"]

    pinned = translations(project, "pin", "articles/openai-nvidia#signaux")
    assert pinned.returncode == 0 and "articles/openai-nvidia#signaux" in pinned.stdout
    assert set(states(project).values()) == {"up to date"}
    rebuilt = build(project, tmp_path / "site2")
    assert not Site(rebuilt.site_dir).page("en/articles/openai-nvidia/").select(".translation-outdated")
    assert not Site(rebuilt.site_dir).page("bilingue/openai-nvidia/").select(".parallel__row--outdated")


def test_reflowing_a_french_paragraph_outdates_nothing(project: Path) -> None:
    edit(project / ARTICLE_FR, "Le coût élevé des opérations d’OpenAI nécessite", "Le coût   élevé des\nopérations d’OpenAI\u00a0nécessite")
    assert set(states(project).values()) == {"up to date"}


def test_a_missing_english_page_falls_back_to_french_with_a_notice(project: Path, tmp_path: Path) -> None:
    (project / "docs/about.en.md").unlink()
    assert {state for unit, state in states(project).items() if unit.startswith("about#")} == {"missing"}
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    site = Site(result.site_dir)
    page = site.page("en/about/")
    notice = page.select_one(".translation-missing")
    assert "This article has not been translated yet" in text_of(notice)
    assert notice.find_parent(attrs={"lang": "fr"}) is None
    french_text = page.select_one('article div[lang="fr"]')
    assert french_text.h1 is not None and "À propos de Silicium" in text_of(french_text.h1)
    switcher = site.page("about/").select_one('a.language-switch__link[hreflang="en"]')
    assert switcher["data-translation-status"] == "missing"


def test_qa_findings_name_the_page_and_section(project: Path) -> None:
    edit(project / ARTICLE_EN, "cutting training costs by nearly 50%", "cutting training costs by nearly half")
    result = translations(project, "status")
    line = next(line for line in result.stdout.splitlines() if line.startswith("articles/openai-nvidia#puces-maison"))
    assert "numbers: the number 50 is in the French, not in the English" in line
    assert translations(project, "status", "--fail-on", "qa").returncode == 1
    exceptions = project / "data/translations.exceptions.yml"
    exceptions.write_text(
        "exceptions:\n  - unit: articles/openai-nvidia#puces-maison\n    check: numbers\n"
        "    reason: “half” says 50 % in words.\n",
        encoding="utf-8",
    )
    assert translations(project, "status", "--fail-on", "qa").returncode == 0
