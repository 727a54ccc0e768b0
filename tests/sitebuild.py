"""Build the real site into temporary folders and read what it wrote."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
# What a build reads; copies of the project take these.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides")
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# Every page of the site, by its path inside a language, and the languages' prefixes.
PAGES = [
    "", "articles/openai-nvidia/", "glossary/", "about/", "translations/", "bilingue/openai-nvidia/",
    "themes/semiconducteurs/", "themes/ia/", "themes/marches/", "auteurs/redaction/", "archives/2026/",
]
# Generated pages that list or repeat articles: not in the search index.
UNSEARCHED = ("bilingue/", "themes/", "auteurs/", "archives/", "page/")
LANGUAGES = {"fr": "", "en": "en/"}


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together, as a contributor sees them
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build(project: Path, site_dir: Path, *, env: dict[str, str] | None = None) -> BuildResult:
    """The build of `project` into `site_dir` as `make build` runs it: one
    MkDocs build per language in parallel, then the finishing step."""
    result = subprocess.run(
        [sys.executable, "-m", "publication.build.pipeline", "--config-file", "mkdocs.yml", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks"), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


def mkdocs_build(
    project: Path, site_dir: Path, *, env: dict[str, str] | None = None, options: list[str] | None = None
) -> BuildResult:
    """Plain `mkdocs build --strict` (or with `options`) of `project` into
    `site_dir`: every language in one process, as MkDocs users run it."""
    result = subprocess.run(
        [MKDOCS, "build", *(options if options is not None else ["--strict"]), "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


def copy_project(target: Path) -> Path:
    """A copy of the project's sources in `target`, to change without harm."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = PROJECT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


class Site:
    """A built site: its pages parsed with a real HTML parser."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._pages: dict[str, BeautifulSoup] = {}

    def path(self, url: str) -> Path:
        """The file that serves `url` ("en/glossary/" -> en/glossary/index.html)."""
        path = self.root / url.lstrip("/")
        return path / "index.html" if url.endswith("/") or url == "" else path

    def page(self, url: str) -> BeautifulSoup:
        if url not in self._pages:
            self._pages[url] = BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")
        return self._pages[url]

    @cached_property
    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def text_of(element) -> str:
    """Visible text with every kind of space made one plain space."""
    text = element.get_text()
    for space in ("\u00a0", "\u202f", "\u2009", "\n", "\t"):
        text = text.replace(space, " ")
    return " ".join(text.split())


def load_tool(name: str) -> ModuleType:
    """The script tools/<name>.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, PROJECT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
