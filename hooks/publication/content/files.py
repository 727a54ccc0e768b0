"""Which files of the repository a build may read: no link out of it, no file too large."""
from __future__ import annotations

import os
from pathlib import Path

from publication.errors import PublicationError

# Far above any page or data file a publication writes (the longest article
# is about 40 kB), far below what would make a build crawl.
MAX_FILE_BYTES = 1_000_000


def check_tree(folder: Path, *, project_dir: Path) -> None:
    """Raise PublicationError for the first symbolic link in `folder` that
    leads outside the repository, into one of its hidden folders (.git,
    .venv...), nowhere, or back into a folder that contains it; and for the
    first Markdown or YAML file larger than MAX_FILE_BYTES.

    MkDocs follows links when it collects docs/, so this runs before it does.
    """
    root = project_dir.resolve()
    check_inside(folder, project_dir=root, shown=_shown(folder, root))
    for parent, folders, files in os.walk(folder):  # never follows links
        for name in sorted(folders) + sorted(files):
            entry = Path(parent, name)
            shown = _shown(entry, root)
            if entry.is_symlink():
                check_inside(entry, project_dir=root, shown=shown)
            if name in files and entry.suffix in (".md", ".yml", ".yaml"):
                check_size(entry, shown=shown)


def check_inside(entry: Path, *, project_dir: Path, shown: str) -> None:
    """Refuse `entry` if it is, or lies under, a link that leaves the repository."""
    root = project_dir.resolve()
    target = entry.resolve()
    if not entry.exists():
        raise PublicationError(
            "this is a symbolic link to a file that does not exist",
            file=shown,
            fix="delete the link, or replace it with the file itself",
        )
    inside = target == root or target.is_relative_to(root)
    hidden = inside and any(part.startswith(".") for part in target.relative_to(root).parts)
    if not inside or hidden:
        where = "outside the repository" if not inside else "into a hidden folder of the repository"
        raise PublicationError(
            f"this is a symbolic link that leads {where}; the site would publish a file nobody reviewed",
            file=shown,
            fix="replace the link with a copy of the file, committed in the repository",
        )
    if entry.is_symlink() and entry.is_dir() and entry.parent.resolve().is_relative_to(target):
        raise PublicationError(
            "this folder is a symbolic link to a folder that contains it, a loop without end",
            file=shown,
            fix="delete the link",
        )


def check_size(file: Path, *, shown: str, limit: int = MAX_FILE_BYTES) -> None:
    size = file.stat().st_size
    if size > limit:
        raise PublicationError(
            f"the file is too large ({size:,} bytes; at most {limit:,})",
            file=shown,
            fix="split it into several files; a page or data file that large is a mistake",
        )


def _shown(entry: Path, root: Path) -> str:
    """`entry` relative to the repository, as contributors see it (links not resolved)."""
    absolute = Path(os.path.abspath(entry))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return str(entry)
