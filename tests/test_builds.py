"""Builds of changed copies of the project: what a contributor's pull request does."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

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
    # The prose must follow (tests/test_facts.py): the editor updates it too.
    for page, old, new in [
        ("docs/articles/openai-nvidia.md", "10 gigawatts", "12,5 gigawatts"),
        ("docs/articles/openai-nvidia.en.md", "10 gigawatts", "12.5 gigawatts"),
        ("docs/articles/openai-nvidia.en.md", "10-gigawatt", "12.5-gigawatt"),
    ]:
        file = project / page
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
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
        # Previous / next lead from article to article, in the page's
        # language, and nowhere else (not to the home page or the glossary).
        older, newer = f"{prefix}articles/openai-nvidia/", f"{prefix}articles/test-tsmc/"
        for here, rel, there, title in [(newer, "prev", older, "OpenAI"), (older, "next", newer, "TSMC")]:
            pager = site.page(here).select_one("nav.article-pager")
            assert pager is not None and pager.get("aria-label"), here
            links = pager.select("a[href]")
            assert [link["rel"] for link in links] == [[rel]], here
            assert urljoin(here, links[0]["href"]) == there
            assert title in text_of(links[0])


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
        # Python's bytecode next to hooks/ and the build cache (.cache/, which a
        # read-only checkout goes without) are the only writes allowed.
        return {
            path: digest
            for path, digest in file_hashes(project).items()
            if "__pycache__" not in path and not path.startswith(".cache/")
        }

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
    assert not [path.name for path in project.iterdir() if path.name.startswith((".site.building-", "site.new"))]


CACHE = ".cache/publication"
NO_CACHE = {"PUBLICATION_NO_CACHE": "1"}


def test_the_build_cache_changes_no_byte_of_the_site(project: Path, tmp_path: Path) -> None:
    """A build that fills the cache, one that reads it and one without it
    write the same site."""
    epoch = {"SOURCE_DATE_EPOCH": "1764201600"}
    cold = build(project, tmp_path / "cold", env={**epoch, **NO_CACHE})
    assert cold.ok, cold.output
    assert not (project / ".cache").exists(), "PUBLICATION_NO_CACHE still wrote a cache"
    filling = build(project, tmp_path / "filling", env=epoch)

    def entries() -> dict[str, int]:
        return {folder.name: len(list(folder.iterdir())) for folder in (project / CACHE).iterdir()}

    filled = entries()
    templates = [count for name, count in filled.items() if name.startswith("jinja-")]
    # Two preview images, seven data files and the front matter of every page
    # with keys (the two generated side-by-side pages and the ten listing pages
    # too: three topics, one author, one year in each language), the compiled
    # templates (the theme's and the hooks').
    pages = len([page for page in (project / "docs").rglob("*.md") if page.read_text(encoding="utf-8").startswith("---")])
    assert filled["previews"] == 2 and filled["valid-data"] == 7 + pages + 2 + 10 and len(templates) == 1 and templates[0] > 20, filled
    warm = build(project, tmp_path / "warm", env=epoch)
    assert filling.ok and warm.ok, filling.output + warm.output
    hashes = file_hashes(cold.site_dir)
    assert hashes == file_hashes(filling.site_dir) == file_hashes(warm.site_dir)
    # The first build served from the page cache compiles the template its
    # pages are written with (build/page_cache.CACHED_TEMPLATE), once.
    after_warm = entries()
    assert {name: count - filled[name] for name, count in after_warm.items() if count != filled.get(name)} == {templates_dir(filled): 1}
    again = build(project, tmp_path / "again", env=epoch)
    assert again.ok and file_hashes(again.site_dir) == hashes, again.output
    assert entries() == after_warm, "a build with the same sources added entries"


def templates_dir(entries: dict[str, int]) -> str:
    return next(name for name in entries if name.startswith("jinja-"))


def test_a_build_with_a_warm_cache_still_sees_every_change(project: Path, tmp_path: Path) -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1764201600"}
    first = build(project, tmp_path / "first", env=epoch)
    assert first.ok, first.output
    preview = "assets/previews/openai-nvidia.fr.png"
    # Invalid data that the cache once knew valid in another state.
    replace_in(project / "data/glossary.yml", "    short:\n      fr: Le symbole", "    shrot:\n      fr: Le symbole")
    broken = build(project, tmp_path / "broken")
    assert broken.returncode == 1 and "terms.nvda.shrot: unknown key 'shrot'" in broken.output
    replace_in(project / "data/glossary.yml", "    shrot:\n      fr: Le symbole", "    short:\n      fr: Le symbole")
    # A theme template, a template of the hooks, and an article's title (its preview image).
    replace_in(project / "overrides/main.html", '  <meta charset="utf-8">\n', '  <meta charset="utf-8">\n  <meta name="edited-theme" content="yes">\n')
    replace_in(project / "hooks/templates/deal_table.html", "<table", '<table data-edited="yes"')
    replace_in(project / "docs/articles/openai-nvidia.md", 'title: "OpenAI et Nvidia :', 'title: "Nvidia et OpenAI :')
    second = build(project, tmp_path / "second", env=epoch)
    assert second.ok, second.output
    page = Site(second.site_dir).page("articles/openai-nvidia/")
    assert page.select_one('meta[name="edited-theme"]') is not None
    assert page.select_one('table[data-edited="yes"]') is not None
    assert (second.site_dir / preview).read_bytes() != (first.site_dir / preview).read_bytes()
    cold = build(project, tmp_path / "cold", env={**epoch, **NO_CACHE})
    assert cold.ok, cold.output
    assert file_hashes(cold.site_dir) == file_hashes(second.site_dir)
