"""Facts the prose cannot contradict: a changed fact makes every sentence
that still states the old value a finding, in both languages, in make
check, make translations and the build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from publication.content.fact_check import article_fact_findings, check_page_facts
from publication.render.formatting import Money, Percent, Period, Power
from sitebuild import PROJECT, build, copy_project

PAGES = {"fr": "docs/articles/openai-nvidia.md", "en": "docs/articles/openai-nvidia.en.md"}
DATA = "data/articles/openai-nvidia.yml"
FACTS = {
    "investment": Money(amount=100e9, currency="USD"),
    "power": Power(gigawatts=10),
    "first_phase": Period(half=2, year=2026),
    "cut": Percent(value=50),
}


def lines_with(file: Path, *needles: str) -> set[int]:
    """An independent count: the lines of `file` where any of `needles` occurs."""
    return {
        number
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
        if any(needle in line for needle in needles)
    }


def findings_of(project: Path) -> list:
    return article_fact_findings(project, project / "docs", project / "data")


def test_the_published_article_agrees_with_its_data() -> None:
    assert [str(finding) for finding in findings_of(PROJECT)] == []


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def change(project: Path, old: str, new: str) -> None:
    file = project / DATA
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_amount_flags_every_stale_sentence_in_both_languages(project: Path) -> None:
    change(project, "amount: 100000000000", "amount: 120000000000")
    found = findings_of(project)
    by_page = {language: {f.line for f in found if f.file == page} for language, page in PAGES.items()}
    assert by_page["fr"] == lines_with(project / PAGES["fr"], "100 milliards")
    assert by_page["en"] == lines_with(project / PAGES["en"], "$100 billion")
    assert len(by_page["fr"]) >= 7 and len(by_page["en"]) >= 7
    # Title (line 2) and description are among them, and each names the fact.
    assert 2 in by_page["fr"] and 2 in by_page["en"]
    assert all(f.fact == "investment" and "120" in f.message for f in found)


def test_a_changed_percentage_and_power_are_flagged_too(project: Path) -> None:
    change(project, "    value: 50\n", "    value: 40\n")
    change(project, "    gigawatts: 10\n", "    gigawatts: 12\n")
    found = findings_of(project)
    percent = {(f.file, f.line) for f in found if f.fact == "training_cost_cut"}
    assert percent == {(PAGES["fr"], line) for line in lines_with(project / PAGES["fr"], "50 %")} | {
        (PAGES["en"], line) for line in lines_with(project / PAGES["en"], "50%")
    }
    power = {(f.file, f.line) for f in found if f.fact == "power"}
    assert power == {(PAGES["fr"], line) for line in lines_with(project / PAGES["fr"], "10 gigawatts")} | {
        (PAGES["en"], line) for line in lines_with(project / PAGES["en"], "10 gigawatts", "10-gigawatt")
    }


def test_every_tool_reports_the_stale_sentences_and_strict_fails(project: Path, tmp_path: Path) -> None:
    change(project, "amount: 100000000000", "amount: 120000000000")
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    check = subprocess.run([sys.executable, "-m", "publication.content.check", "mkdocs.yml"], cwd=project, env=env, capture_output=True, text=True)
    assert check.returncode == 1
    assert f"{PAGES['fr']}:2: fact investment:" in check.stderr and f"{PAGES['en']}:2: fact investment:" in check.stderr
    status = subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), "status", "--strict"],
        cwd=project, env=env, capture_output=True, text=True,
    )
    assert status.returncode == 1
    assert "facts: docs/articles/openai-nvidia.md:2: fact investment" in status.stdout
    assert "facts: docs/articles/openai-nvidia.en.md:2: fact investment" in status.stdout
    result = build(project, tmp_path / "site")
    assert not result.ok
    assert f"{PAGES['fr']}:2: fact investment:" in result.output and f"{PAGES['en']}:2: fact investment:" in result.output


def test_figures_that_state_no_fact_need_a_reviewed_exception() -> None:
    source = "---\ntitle: T\n---\n\nPlus complexe que GPT-4, pour trois lettres : AGI.\n"
    found = check_page_facts(source, path="p.md", language="fr", facts=FACTS)
    assert [(f.line, f.fact) for f in found] == [(5, "")] and "“4”" in found[0].message
    assert check_page_facts(source, path="p.md", language="fr", facts=FACTS, not_facts=("GPT-4",)) == []


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Jusqu’à 100 milliards de dollars, 10 GW, près de 50 %, la seconde moitié de 2026, dès 2026."),
        ("en", "Up to $100 billion, a 10-gigawatt build-out, nearly 50%, the second half of 2026, from 2026."),
    ],
)
def test_each_kind_of_figure_is_read_in_its_language(language: str, text: str) -> None:
    assert check_page_facts(f"{text}\n", path="p.md", language=language, facts=FACTS) == []
    stale = {**FACTS, "investment": Money(amount=120e9, currency="USD"), "first_phase": Period(half=1, year=2027)}
    found = check_page_facts(f"{text}\n", path="p.md", language=language, facts=stale)
    assert sorted(f.fact for f in found) == ["first_phase", "first_phase", "investment"]


def test_what_readers_do_not_see_is_not_read() -> None:
    source = "<!-- data:deal-table -->\n[lien](https://example.org/2015/50) `2015` {#id-2015}\n\n```\n2015\n```\n"
    assert check_page_facts(source, path="p.md", language="fr", facts=FACTS) == []


@pytest.mark.parametrize("text", ["1" * 50_000 + " %", "9" * 50_000, "1" * 50_000 + " milliards de dollars"])
def test_a_finding_quotes_a_huge_figure_in_one_short_line(text: str) -> None:
    # A contributor's (or an attacker's) 50,000-digit "figure" is reported,
    # not printed whole (issue 11: an error quotes at most one short line).
    found = check_page_facts(f"Le texte : {text}.\n", path="p.md", language="fr", facts=FACTS)
    assert found
    assert all(len(finding.message) < 300 and "…" in finding.message for finding in found), found
