"""The build cache (hooks/publication/build/page_cache.py and build/cache.py):
after any kind of edit, a build that reuses what the last build stored is
byte for byte the build without a cache, says the same, and renders again
only what the edit touched."""
from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import BuildResult, build, copy_project, mkdocs_build

ARTICLE = "openai-nvidia"  # in the nav: its title is in every page's menu
OTHER = "second-article"  # a copy outside the nav, whose edits touch its own pages only
NO_CACHE = {"PUBLICATION_NO_CACHE": "1"}
CACHE_LINE = re.compile(r"^INFO +- +(\w+): (\d+) of (\d+) pages from the build cache$", re.MULTILINE)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_paragraph_word(path: Path) -> str:
    """A word of the first paragraph under the headline: no figure in it, so
    that the fact check has nothing to say of the edit."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1].split("\n# ", 1)[1]
    for line in body.splitlines()[1:]:
        words = [word for word in line.split() if word.isalpha() and len(word) > 4]
        if words and not line.startswith(("<", "|", "!", "#", "-", ">")):
            return words[0]
    raise AssertionError(f"{path}: no plain word to edit")


def _edit_text(path: Path) -> None:
    """A word added to the text under the headline (not to the front matter,
    whose title and description the listings show)."""
    word = _first_paragraph_word(path)
    front_matter, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    assert f" {word} " in body
    path.write_text(front_matter + "\n---\n" + body.replace(f" {word} ", f" {word} zanzibar ", 1), encoding="utf-8")


def _add_article(project: Path, name: str) -> None:
    docs, data = project / "docs" / "articles", project / "data" / "articles"
    for suffix in (".md", ".en.md"):
        shutil.copy2(docs / f"{ARTICLE}{suffix}", docs / f"{name}{suffix}")
    shutil.copy2(data / f"{ARTICLE}.yml", data / f"{name}.yml")


EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {
    # name: (edit, whether only the edited article's pages may be rendered again)
    "french-text": (lambda p: _edit_text(p / f"docs/articles/{OTHER}.md"), True),
    "english-text": (lambda p: _edit_text(p / f"docs/articles/{OTHER}.en.md"), True),
    "article-data": (
        lambda p: _replace(p / f"data/articles/{OTHER}.yml", "caption:\n    fr: ", "caption:\n    fr: Zanzibar "),
        True,
    ),
    "front-matter-title": (lambda p: _replace(p / f"docs/articles/{OTHER}.md", "title: \"", "title: \"Zanzibar "), False),
    "nav-article-text": (lambda p: _edit_text(p / f"docs/articles/{ARTICLE}.md"), True),
    "nav-article-title": (lambda p: _replace(p / f"docs/articles/{ARTICLE}.md", "title: \"", "title: \"Zanzibar "), False),
    "glossary": (lambda p: _replace(p / "data/glossary.yml", "definition:\n      fr: ", "definition:\n      fr: Zanzibar "), False),
    "template": (lambda p: _replace(p / "overrides/main.html", "{% block", "{#- zanzibar -#}{% block"), False),
    "new-article": (lambda p: _add_article(p, "third-article"), False),
}


def _hashes(root: Path) -> dict[str, str]:
    """Every file's digest, but those Pagefind writes in an order of its own
    (it indexes pages in parallel: its filters and the files that name them
    differ from one build to the next even without a cache); the page
    fragments it indexed are compared."""
    return {
        relative: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _in_unordered_index(relative := path.relative_to(root).as_posix())
    }


def _in_unordered_index(relative: str) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return (
        "pagefind/filter/" in relative
        or name == "pagefind-entry.json"
        or name.endswith(".pf_meta")
        or relative.endswith("search/search_index.json")
    )


def _said(result: BuildResult) -> list[str]:
    """What a build printed, without what differs from any build to the next
    (folders, durations) and without the cache's own count."""
    lines = []
    for line in result.output.splitlines():
        if CACHE_LINE.match(line) or "uilding" in line or " built in " in line:
            continue
        lines.append(line)
    return lines


@pytest.fixture(scope="module")
def warm_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a second article, built once: its cache is full."""
    project = copy_project(tmp_path_factory.mktemp("cached") / "project")
    _add_article(project, OTHER)
    result = build(project, project.parent / "site-first")
    assert result.ok, result.output
    counts = [(int(hits), int(total)) for _, hits, total in CACHE_LINE.findall(result.output)]
    assert len(counts) == 2 and all(hits == 0 for hits, _ in counts), result.output
    return project


def test_an_unchanged_project_is_built_from_the_cache_as_it_is_without(warm_project: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    cached = build(project, tmp_path / "site-cached")
    fresh = build(project, tmp_path / "site-fresh", env=NO_CACHE)
    assert cached.ok and fresh.ok, cached.output + fresh.output
    counts = CACHE_LINE.findall(cached.output)
    assert counts and all(hits == total for _, hits, total in counts), cached.output
    assert _hashes(cached.site_dir) == _hashes(fresh.site_dir)
    assert _said(cached) == _said(fresh)


@pytest.mark.parametrize("edit", EDITS)
def test_after_an_edit_the_build_from_the_cache_is_the_build_without_it(warm_project: Path, tmp_path: Path, edit: str) -> None:
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    change, local = EDITS[edit]
    change(project)
    cached = build(project, tmp_path / "site-cached")
    fresh = build(project, tmp_path / "site-fresh", env=NO_CACHE)
    assert cached.ok and fresh.ok, cached.output + fresh.output
    assert not list((project / ".cache").rglob("*.tmp"))
    cached_files, fresh_files = _hashes(cached.site_dir), _hashes(fresh.site_dir)
    stale = sorted(path for path in fresh_files if cached_files.get(path) != fresh_files[path])
    assert stale == [] and cached_files.keys() == fresh_files.keys()
    assert _said(cached) == _said(fresh)
    # The entries of sources that are gone are removed: one per page remains.
    for language, _, total in CACHE_LINE.findall(cached.output):
        entries = list((project / f".cache/publication/pages/{language}").glob("*/*.json"))
        assert len(entries) == int(total), (language, len(entries), total)
    rendered = {language: int(total) - int(hits) for language, hits, total in CACHE_LINE.findall(cached.output)}
    assert set(rendered) == {"fr", "en"}, cached.output
    if local:
        # The article's page, and its side-by-side view in each language (it
        # shows both texts), plus the site-wide pages (home, glossary, about,
        # the translations' status), which every article edit renders again.
        pages = {"fr": 4 + 3, "en": 4 + 3}
        assert all(rendered[language] <= pages[language] for language in rendered), rendered


def test_a_damaged_cache_entry_is_rendered_again(warm_project: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    for entry in (project / ".cache/publication/pages").rglob("*.json"):
        entry.write_text('{"format": 1, "output": "<p>not the page</p>"', encoding="utf-8")
    cached = build(project, tmp_path / "site-cached")
    fresh = build(project, tmp_path / "site-fresh", env=NO_CACHE)
    assert cached.ok, cached.output
    assert _hashes(cached.site_dir) == _hashes(fresh.site_dir)


def test_a_data_mistake_stops_a_build_whose_cache_is_full(warm_project: Path, tmp_path: Path) -> None:
    """A data file that passed in a build whose cache is full, then broken,
    stops the next build (build/cache.ValidationMemo keys what passed by its
    bytes). The file belongs to no page, so no page's rendering finds the
    mistake; the translation units read every data file too, so this test
    guards the outcome, not the memo alone."""
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    orphan = project / "data/articles/no-page-yet.yml"
    shutil.copy2(project / f"data/articles/{ARTICLE}.yml", orphan)
    first = build(project, tmp_path / "site-first")
    assert first.ok, first.output
    _replace(orphan, "    gigawatts: ", "    gigawatt: ")
    result = build(project, tmp_path / "site")
    assert not result.ok
    assert "data/articles/no-page-yet.yml:" in result.output and "Fix:" in result.output, result.output
    assert "Traceback" not in result.output


def test_a_committed_cache_stops_the_build(warm_project: Path, tmp_path: Path) -> None:
    """A cache that came with the sources (a pull request that adds one with
    git add -f) would be published unchecked: the build refuses it."""
    import subprocess

    project = copy_project(tmp_path / "project")
    shutil.copytree(warm_project / ".cache", project / ".cache")
    entry = next((project / ".cache/publication/pages").rglob("*.json"))
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-f", str(entry.relative_to(project))], cwd=project, check=True)
    result = build(project, tmp_path / "site")
    assert not result.ok
    assert f"{entry.relative_to(project).as_posix()}: build cache: " in result.output, result.output
    assert "Fix: remove the cache from the repository" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("setting", [{"SITE_URL": "https://elsewhere.example/"}, {"PUBLICATION_LIVE_RELOAD": "1"}])
def test_a_build_with_other_settings_is_not_served_the_pages_of_the_last(
    warm_project: Path, tmp_path: Path, setting: dict[str, str]
) -> None:
    """The site's address and the live-reload policy are in every page, not
    in any file: they are in the key."""
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    cached = build(project, tmp_path / "site-cached", env=setting)
    fresh = build(project, tmp_path / "site-fresh", env={**setting, **NO_CACHE})
    assert cached.ok and fresh.ok, cached.output + fresh.output
    assert _hashes(cached.site_dir) == _hashes(fresh.site_dir)


@pytest.mark.parametrize("quiet", [True, False], ids=["quiet", "not-strict"])
def test_a_page_that_warned_warns_again_in_the_next_build(warm_project: Path, tmp_path: Path, quiet: bool) -> None:
    """A figure that contradicts the article's data warns (the fact check);
    a build that let it pass (--no-strict, or -q, which hides the warning
    from the cache too) stores nothing for that page, so the next strict
    build warns again and stops."""
    project = copy_project(tmp_path / "project")
    _add_article(project, OTHER)
    shutil.copytree(warm_project / ".cache", project / ".cache")
    _replace(project / f"docs/articles/{OTHER}.md", "le déploiement de 10 gigawatts", "le déploiement de 12 gigawatts")
    loose = mkdocs_build(project, tmp_path / "site-loose", options=["--no-strict", *(["-q"] if quiet else [])])
    assert loose.ok, loose.output
    strict = build(project, tmp_path / "site-strict")
    assert not strict.ok
    assert f"docs/articles/{OTHER}.md" in strict.output and "12" in strict.output, strict.output
