"""Builds of changed copies of the project: what a contributor's pull request does."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitebuild import PROJECT, Site, build, copy_project, text_of

FIXTURES = PROJECT / "tests" / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def replace_in(file: Path, old: str, new: str) -> int:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_changed_figure_appears_in_both_languages(project: Path, tmp_path: Path) -> None:
    replace_in(project / "data/articles/openai-nvidia.yml", "    gigawatts: 10\n", "    gigawatts: 12.5\n")
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    site = Site(result.site_dir)
    french = text_of(site.page("articles/openai-nvidia/").select_one(".deal-table"))
    english = text_of(site.page("en/articles/openai-nvidia/").select_one(".deal-table"))
    assert "Déploiement de 12,5 GW de systèmes Nvidia" in french
    assert "Deployment of 12.5 GW of Nvidia systems" in english


def test_bad_data_stops_the_build_with_a_precise_message(project: Path, tmp_path: Path) -> None:
    line = replace_in(project / "data/glossary.yml", "    short:\n      fr: Le symbole", "    shrot:\n      fr: Le symbole")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert f"data/glossary.yml:{line}: terms.nvda.shrot: unknown key 'shrot'" in result.output
    assert "Fix: did you mean 'short'?" in result.output


def test_bad_marker_names_the_page_and_line(project: Path, tmp_path: Path) -> None:
    line = replace_in(project / "docs/articles/openai-nvidia.en.md", "<!-- data:callout technological-bet -->", "<!-- data:callout tech-bet -->")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert f"docs/articles/openai-nvidia.en.md:{line}: no callout 'tech-bet' in data/articles/openai-nvidia.yml" in result.output


def test_a_second_article_needs_no_code(project: Path, tmp_path: Path) -> None:
    """The generator proof: an article with its own data, and hooks/ untouched."""
    shutil.copytree(FIXTURES / "second-article", project, dirs_exist_ok=True)
    result = build(project, tmp_path / "site")
    assert result.ok, result.output
    site = Site(result.site_dir)
    for prefix, amount, callout in [
        ("", "165 milliards de dollars en Arizona", "Produire aux États-Unis"),
        ("en/", "$165 billion in Arizona", "Making chips in the United States"),
    ]:
        page = site.page(f"{prefix}articles/test-tsmc/")
        assert amount in text_of(page.select_one(".deal-table"))
        assert callout in text_of(page.select_one("#cost"))
        assert page.select_one("a.glossary-term")["href"].endswith("glossary/#gpu")
        # Newest first on the home page.
        titles = [text_of(a) for a in site.page(prefix).select(".article-card__title a")]
        assert titles[0].startswith("TSMC") and len(titles) == 2


def test_prose_that_no_longer_quotes_the_data_stops_the_build(project: Path, tmp_path: Path) -> None:
    replace_in(project / "docs/articles/openai-nvidia.en.md", "“the next leap forward”", "“the next big leap”")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert (
        "docs/articles/openai-nvidia.en.md: the quotation 'huang' is placed by no marker, "
        "and its en text does not occur in the page"
    ) in result.output


def file_hashes(root: Path) -> dict[str, str]:
    import hashlib

    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def test_builds_are_reproducible(tmp_path: Path) -> None:
    """Same sources and SOURCE_DATE_EPOCH: byte-identical sites, every file included."""
    epoch = {"SOURCE_DATE_EPOCH": "1764201600"}
    first = build(PROJECT, tmp_path / "first", env=epoch)
    second = build(PROJECT, tmp_path / "second", env=epoch)
    assert first.ok and second.ok, first.output + second.output
    hashes = file_hashes(first.site_dir)
    assert "sitemap.xml" in hashes and "en/search/search_index.json" in hashes
    assert hashes == file_hashes(second.site_dir)


def test_the_build_writes_nothing_into_the_sources(project: Path, tmp_path: Path) -> None:
    """Built from a read-only copy (which stops a non-root build from writing),
    and compared file by file (which also catches a root build writing)."""
    import stat

    def sources() -> dict[str, str]:
        # Python's own bytecode cache next to hooks/ is the only write allowed.
        return {path: digest for path, digest in file_hashes(project).items() if "__pycache__" not in path}

    before = sources()
    for path in [project, *project.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        result = build(project, tmp_path / "site")
    finally:
        for path in [project, *project.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert result.ok, result.output
    assert sources() == before


def test_make_build_is_atomic(project: Path) -> None:
    """A failed `make build` leaves the previous site/ as it was."""
    import subprocess
    import sys

    for part in ("Makefile", "requirements.txt"):
        shutil.copy2(PROJECT / part, project / part)
    venv = Path(sys.executable).parent.parent  # the environment running the tests, already installed
    make = ["make", "--no-print-directory", "build", f"VENV={venv}"]
    assert subprocess.run(make, cwd=project, capture_output=True, text=True).returncode == 0
    good = file_hashes(project / "site")
    replace_in(project / "data/articles/openai-nvidia.yml", "    gigawatts: 10\n", "    gigawatts: ten\n")
    failed = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert failed.returncode != 0
    assert "facts.power.gigawatts: expected a number, found 'ten'" in failed.stdout + failed.stderr
    assert file_hashes(project / "site") == good
    assert not (project / "site.new").exists()
