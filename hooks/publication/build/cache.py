"""A cache of work that does not change between builds, outside the sources.

Builds are repeated all day under `mkdocs serve` and in CI, and most of their
time went into compiling the same Jinja templates again (MkDocs makes a new
template environment for every build, and mkdocs-static-i18n one per
language). Compiled templates are kept in `.cache/publication/` next to
mkdocs.yml, the folder Material's own plugins use for their caches; it is
ignored by git and safe to delete at any time (`make clean` does).

A cache never decides what a page says: every entry is keyed by the full
content it was made from, and a checkout where the folder cannot be written
(a read-only copy) simply builds without it.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache

log = logging.getLogger("mkdocs.plugins.publication")

CACHE_DIR = ".cache/publication"
# Set to any value to build without the cache (to measure a cold build).
DISABLE_VARIABLE = "PUBLICATION_NO_CACHE"


def cache_dir(project_dir: Path, name: str) -> Path | None:
    """`.cache/publication/<name>` under the project, created if needed, or
    None when caching is disabled or the folder cannot be written."""
    if os.environ.get(DISABLE_VARIABLE):
        return None
    folder = project_dir / CACHE_DIR / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("Building without a cache: %s", error)
        return None
    if not os.access(folder, os.W_OK):
        return None
    return folder


def template_bytecode_cache(project_dir: Path) -> BytecodeCache | None:
    """Compiled Jinja templates, in a folder per Jinja version.

    Jinja keys each entry by the template's name and file, and checks the
    source's checksum and the Python version before using it, so an edited
    template is compiled again; the version in the folder's name keeps a
    Jinja upgrade from reading code compiled by another version. Jinja
    compiles the escaping into the code and does not key entries by it:
    "autoescape" in the name keeps templates compiled before the theme
    escaped (theme_escaping) from being reused."""
    folder = cache_dir(project_dir, f"jinja-{jinja2.__version__}-autoescape")
    return FileSystemBytecodeCache(str(folder)) if folder else None
