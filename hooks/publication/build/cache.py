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

import contextlib
import functools
import hashlib
import importlib.metadata
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache

from publication.errors import PublicationError

log = logging.getLogger("mkdocs.plugins.publication")

CACHE_DIR = ".cache/publication"
# Set to any value to build without the cache (to measure a cold build).
DISABLE_VARIABLE = "PUBLICATION_NO_CACHE"


def cache_dir(project_dir: Path, name: str) -> Path | None:
    """`.cache/publication/<name>` under the project, created if needed, or
    None when caching is disabled or the folder cannot be written."""
    if os.environ.get(DISABLE_VARIABLE):
        return None
    check_not_committed(project_dir)
    folder = project_dir / CACHE_DIR / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("Building without a cache: %s", error)
        return None
    if not os.access(folder, os.W_OK):
        return None
    return folder


@functools.cache
def check_not_committed(project_dir: Path) -> None:
    """Refuse a cache that came with the sources: its entries would be
    published as they are (a page's HTML, compiled templates), past every
    check a page's source goes through, so a pull request that adds one
    could put any HTML on the site. The cache is ignored by git; a file
    in it can only be committed on purpose (git add -f)."""
    # Any case: a committed ".Cache/" is ".cache/" on a case-insensitive checkout.
    listed = _git(project_dir, "ls-files", "--", f":(icase){CACHE_DIR.split('/')[0]}")
    if listed:
        first = listed.splitlines()[0]
        raise PublicationError(
            "this file of the build cache is committed: a build would publish what it holds without checking it",
            file=first,
            key="build cache",
            fix=f"remove the cache from the repository (git rm -r --cached {CACHE_DIR.split('/')[0]}) and commit; "
            "builds make their own",
        )


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


class ValidationMemo:
    """Article data files that passed validation in an earlier build.

    Validating 500 articles' data took a fifth of a build that renders no
    page. A file passes again without being read when its bytes are those
    of a file that passed, checked by the same code (hooks/), against the
    same schemas and other data files (data/ but the articles', which
    validation cross-checks), with the same git history (the editorial log
    is append-only from commit to commit): the key holds all of them."""

    def __init__(self, folder: Path | None, context: bytes) -> None:
        self.folder = folder
        self.context = context

    @classmethod
    def open(cls, project_dir: Path, data_dir: Path) -> ValidationMemo:
        folder = cache_dir(project_dir, "validated")
        if folder is None:
            return cls(None, b"")
        articles = data_dir / "articles"
        parts = [code_digest().encode(), environment_digest().encode(), git_head(project_dir).encode()]
        for path in sorted(files_under(data_dir)):
            if path.parent != articles:
                parts += [path.relative_to(data_dir).as_posix().encode(), path.read_bytes()]
        return cls(folder, digest(parts).encode())

    def _marker(self, file: Path, content: bytes) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / digest([self.context, file.name.encode(), content])

    def passed_before(self, file: Path) -> bool:
        marker = self._marker(file, file.read_bytes())
        return marker is not None and marker.is_file()

    def passed(self, file: Path, content: bytes) -> None:
        """`file` passed, as `content` (its bytes read before it was validated):
        a file saved again meanwhile is validated again next time."""
        if content != file.read_bytes():
            return
        marker = self._marker(file, content)
        if marker is not None:
            with contextlib.suppress(OSError):  # no memo: the next build validates again
                marker.touch()


class TextMemo:
    """Texts the finishing step made from inputs it read, kept by the digest
    of those inputs and of the generator's code (hooks/): the same inputs
    give the same text without the work (search copies of pages, filled
    side-by-side views)."""

    def __init__(self, folder: Path | None, salt: bytes) -> None:
        self.folder = folder
        self.salt = salt
        self._used: set[str] = set()  # keys this build read or wrote

    @classmethod
    def open(cls, project_dir: Path, name: str) -> TextMemo:
        folder = cache_dir(project_dir, name)
        return cls(folder, (code_digest() + environment_digest()).encode() if folder else b"")

    def _path(self, inputs: Iterable[bytes]) -> Path | None:
        if self.folder is None:
            return None
        key = digest([self.salt, *inputs])
        self._used.add(key)
        return self.folder / key[:2] / key

    def get(self, inputs: Iterable[bytes]) -> str | None:
        path = self._path(inputs)
        if path is None:
            return None
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def put(self, inputs: Iterable[bytes], text: str) -> None:
        path = self._path(inputs)
        if path is None:
            return
        write_atomically(path, text)  # unwritten: the next build does the work again

    def prune(self) -> None:
        """Remove what this build did not use: texts of pages that are gone
        or changed (and temporary files of builds that were stopped)."""
        prune(self.folder, self._used)


def prune(folder: Path | None, used: set[str]) -> None:
    """Remove the entries of `folder` (`<2 letters>/<key>[.suffix]`) whose key is not in `used`."""
    if folder is None:
        return
    for entry in folder.glob("*/*"):
        if entry.name.split(".", 1)[0] not in used:
            with contextlib.suppress(OSError):
                entry.unlink()


def write_atomically(path: Path, text: str) -> bool:
    """`text` into `path`, written whole then renamed into place (a build
    stopped halfway leaves a temporary file, never half an entry); False
    if it could not be written."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
        return True
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return False


@functools.cache
def environment_digest() -> str:
    """The Python and the packages installed (MkDocs, Material, Markdown, lxml...), once per process."""
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return digest([sys.version.encode(), "\n".join(packages).encode()])


@functools.cache
def code_digest() -> str:
    """The generator's own code (hooks/), once per process."""
    hooks_dir = Path(__file__).resolve().parents[2]
    parts: list[bytes] = []
    for path in sorted(files_under(hooks_dir)):
        parts += [str(path.relative_to(hooks_dir)).encode(), path.read_bytes()]
    return digest(parts)


def files_under(folder: Path) -> Iterable[Path]:
    """Every file under `folder` but compiled Python's."""
    if not folder.is_dir():
        return []
    return (
        path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


@functools.cache
def git_head(project_dir: Path) -> str:
    """The commit checked out, and whether the clone is shallow (a shallow
    clone dates files by the commits it has), or "" outside a git
    repository. Read once per process, as the history is (editorial_log,
    translation/status.py): under a long `mkdocs serve`, entries stay keyed
    by the history their pages were made from."""
    return " ".join((_git(project_dir, "rev-parse", "HEAD", "--is-shallow-repository") or "").split())


def _git(project_dir: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=project_dir, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def digest(parts: Iterable[bytes]) -> str:
    """SHA-256 of `parts`, each preceded by its length: no two lists of parts hash alike."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))
        hashed.update(part)
    return hashed.hexdigest()
