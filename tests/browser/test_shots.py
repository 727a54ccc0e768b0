"""`make shots` (tools/shots.py): the screenshots reviewers see on a pull request."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import PROJECT, Site, load_tool


@pytest.fixture(scope="module")
def shots():
    return load_tool("shots")


def _png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">I", header[16:20])[0]


def test_every_page_type_it_shoots_exists_in_both_languages(shots, site: Site) -> None:
    # A renamed page would otherwise be shot as the 404 page, silently.
    for name, path in shots.PAGES.items():
        for prefix in shots.LANGUAGES.values():
            if name == "not-found":
                assert not site.path(prefix + path).exists()
            else:
                assert site.path(prefix + path).is_file(), f"{name}: {prefix + path}"


def test_shots_each_width_palette_and_language(site: Site, browser, tmp_path: Path) -> None:
    del browser  # the fixture skips (or fails under CI) without Chromium
    # As `make shots` runs it: its own process (Playwright's sync API cannot
    # run inside this session's browser).
    result = subprocess.run(
        [sys.executable, "tools/shots.py", "--site", str(site.root), "--out", str(tmp_path), "--only", "article"],
        cwd=PROJECT, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"8 screenshots in {tmp_path}"
    written = list(tmp_path.iterdir())
    names = sorted(path.name for path in written)
    assert names == sorted(
        f"article-{code}-{width}-{palette}.png"
        for code in ("fr", "en")
        for width in ("390", "1440")
        for palette in ("light", "dark")
    )
    for path in written:
        assert _png_width(path) == int(path.name.split("-")[2])
