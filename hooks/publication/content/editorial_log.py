"""The editorial log is append-only: every committed version's entries must
still be there, unchanged and in order, in the file being built.

A published correction is part of the record: fixing its wording, or
removing it, would rewrite what readers were told. The history is git's:
each committed version of the article's data file is read once per process
(and again only when the file changes). Without git, or outside a
repository, there is no history to hold the file to, and nothing is checked.
"""
from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from typing import Any

from publication.content.yamlfile import YamlDocument, parse_yaml
from publication.errors import PublicationError

LOG_KEY = "editorial_log"


def committed_logs(project_dir: Path, relative: str) -> list[tuple[str, list[Any]]]:
    """(commit, log entries) of every committed version of `relative`, newest first."""
    folder = relative.rsplit("/", 1)[0] if "/" in relative else "."
    return _committed_logs_of_folder(project_dir, folder).get(relative, [])


@functools.lru_cache(maxsize=8)
def _committed_logs_of_folder(project_dir: Path, folder: str) -> dict[str, list[tuple[str, list[Any]]]]:
    """Every committed version of the files of `folder` that had a log, read
    with two git commands whatever the number of articles: one lists each
    commit's blobs, one prints them. Read once per process (a commit made
    during `mkdocs serve` is seen at the next start)."""
    listing = _git(project_dir, "log", "--format=commit %H", "--raw", "--relative", "--no-abbrev", "--no-renames", "--", folder)
    if not listing:
        return {}
    versions: list[tuple[str, str, str]] = []  # (path, commit, blob)
    commit = ""
    for line in listing.splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.startswith(":"):
            fields, _, path = line.partition("\t")
            blob = fields.split()[3]
            if set(blob) != {"0"}:  # a deletion has no blob
                versions.append((path, commit, blob))
    if not versions:
        return {}
    contents = _read_blobs(project_dir, sorted({blob for _, _, blob in versions}))
    logs: dict[str, list[tuple[str, list[Any]]]] = {}
    for path, commit, blob in versions:
        text = contents.get(blob)
        if text is None or LOG_KEY not in text:
            logs.setdefault(path, [])
            continue
        try:
            data = parse_yaml(text, path=f"{path}@{commit[:7]}").data
        except PublicationError:
            continue  # a broken old version holds nothing to compare with
        log = data.get(LOG_KEY) if isinstance(data, dict) else None
        logs.setdefault(path, []).append((commit, log if isinstance(log, list) else []))
    return logs


def _read_blobs(project_dir: Path, blobs: list[str]) -> dict[str, str]:
    """The text of each blob, by id, from one `git cat-file --batch`."""
    try:
        result = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=project_dir,
            input="\n".join(blobs).encode() + b"\n",
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    output, contents, position = result.stdout, {}, 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        position = header_end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        contents[header[0].decode()] = output[position:position + size].decode("utf-8", errors="replace")
        position += size + 1
    return contents


def check_append_only(document: YamlDocument, history: list[tuple[str, list[Any]]]) -> None:
    """PublicationError if an entry of a committed version is missing from
    `document`, or differs there."""
    current = document.data.get(LOG_KEY) or []
    for commit, entries in history:
        for index, entry in enumerate(entries):
            if index < len(current) and current[index] == entry:
                continue
            date = entry.get("date", "?") if isinstance(entry, dict) else "?"
            if index >= len(current):
                line = document.line_of((LOG_KEY,))
                problem = f"the entry of {date} (committed in {commit[:7]}) was removed: the log is append-only"
            else:
                line = document.line_of((LOG_KEY, index))
                problem = f"the entry of {date} (committed in {commit[:7]}) was changed: the log is append-only"
            raise PublicationError(
                problem,
                file=document.path,
                line=line,
                key=f"{LOG_KEY}[{index}]",
                fix=f"put the entry back as it was (git show {commit[:7]}:{document.path}), "
                "and say what was wrong with it in a new entry at the end (kind: correction)",
            )


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=project_dir, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
