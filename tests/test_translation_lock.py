"""The translation lock (data/translations.lock.yml): written by a YAML
emitter that keeps every value's type and any page name, atomically, with a
clean error when it cannot be written; a duplicated section id is refused
rather than hiding a section."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitebuild import PROJECT, copy_project

sys.path.insert(0, str(PROJECT / "hooks"))

from publication.content.yamlfile import parse_yaml
from publication.translation import lock as translation_lock
from publication.translation import status as translations
from publication.translation.lock import Pin, lock_text, pinned_file, read_lock, write_lock

# Text as Python holds a file name or a section: anything but lone surrogates.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
FINGERPRINT = st.text("0123456789abcdef", min_size=16, max_size=16)
DATE = st.dates().map(lambda day: f"{day.year:04d}-{day.month:02d}-{day.day:02d}")
PINS = st.dictionaries(
    TEXT.filter(bool),
    st.builds(lambda source, pinned, french: Pin(source=source, pinned=pinned, french=french), FINGERPRINT, DATE, st.none() | TEXT),
    max_size=6,
)


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")},
        capture_output=True,
        text=True,
    )


@settings(max_examples=300, deadline=None)
@given(PINS)
def test_the_lock_reads_back_exactly_as_written(pins: dict[str, Pin]) -> None:
    data = parse_yaml(lock_text(pins), path="data/translations.lock.yml").data
    assert data == {"units": {unit_id: {"source": pin.source, "pinned": pin.pinned} for unit_id, pin in pins.items()}}
    for entry in data["units"].values():
        assert all(isinstance(value, str) for value in entry.values())


@pytest.mark.parametrize("fingerprint", ["1234567890123456", "0000000000000000", "0123456789012345", "1000000000000e10"[:16]])
def test_a_fingerprint_made_of_digits_stays_text(tmp_path: Path, fingerprint: str) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(PROJECT / "data/schemas", data_dir / "schemas")
    write_lock(data_dir, {"index#silicium": Pin(source=fingerprint, pinned="2026-11-27")})
    assert read_lock(data_dir)["index#silicium"].source == fingerprint


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pins=PINS)
def test_any_unit_name_and_french_round_trip_through_the_files(tmp_path: Path, pins: dict[str, Pin]) -> None:
    data_dir = tmp_path / "data"
    if not (data_dir / "schemas").is_dir():
        shutil.copytree(PROJECT / "data/schemas", data_dir / "schemas")
    # The French kept with each pin is text whose fingerprint is the pin's, as pin() writes it.
    pins = {unit_id: Pin(source=translations.fingerprint(unit_id + "x"), pinned=pin.pinned, french=unit_id + "x") for unit_id, pin in pins.items()}
    write_lock(data_dir, pins)
    assert read_lock(data_dir, french_of=set(pins)) == pins
    for unit_id in pins:
        assert pinned_file(data_dir, translation_lock.group_of(unit_id)).parent == data_dir / "translations.pinned"


@pytest.mark.parametrize("name", ["l'avenir", 'le "deal" $(touch x)', "c:\\temp #2", "no", "- [x]: *a"])
def test_any_page_name_can_be_pinned_and_read_back(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / f"docs/{name}.md").write_text("# Titre {#titre}\n\nBonjour.\n", encoding="utf-8")
    (project / f"docs/{name}.en.md").write_text("# Title {#titre}\n\nHello.\n", encoding="utf-8")
    result = cli(project, "pin", name)
    assert result.returncode == 0, result.stderr
    assert f"{name}#titre" in result.stdout
    status = cli(project, "status", "--strict")
    assert status.returncode == 0, status.stdout + status.stderr


def test_an_unwritable_lock_fails_cleanly_and_leaves_the_lock_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    lock = project / "data/translations.lock.yml"
    before = lock.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(translations.os, "replace", refuse)
    with pytest.raises(translations.PublicationError) as caught:
        translations.pin(project, project / "docs", project / "data", ["all"], today="2030-01-01")
    assert str(caught.value).startswith("data/translations.lock.yml: cannot write the lock: Permission denied")
    assert "Fix: make data/ and data/translations.lock.yml writable" in str(caught.value)
    assert lock.read_bytes() == before
    assert sorted(path.name for path in (project / "data").iterdir() if path.name.startswith(".")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_tree_gives_the_error_shape(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data_dir = project / "data"
    data_dir.chmod(0o555)
    try:
        result = cli(project, "pin", "all")
    finally:
        data_dir.chmod(0o755)
    assert result.returncode == 1
    assert "data/translations.lock.yml: cannot write the lock" in result.stderr and "Fix:" in result.stderr
    assert "Traceback" not in result.stderr


def test_pinned_french_edited_by_hand_is_refused_at_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs/about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Silicium est une publication", "Silicium est une revue"), encoding="utf-8")
    pinned = project / "data/translations.pinned/about.yml"
    text = pinned.read_text(encoding="utf-8")
    assert text.count("Silicium est une publication bilingue") == 1
    pinned.write_text(text.replace("Silicium est une publication bilingue", "Silicium est une publication trilingue"), encoding="utf-8")
    result = cli(project, "status")
    assert result.returncode == 1
    line = next(number for number, content in enumerate(text.splitlines(), 1) if content.startswith("  about#a-propos:"))
    assert f"data/translations.pinned/about.yml:{line}: units.about#a-propos: the pinned French text does not match" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_lock_stays_small_and_each_page_keeps_its_french_apart() -> None:
    lock = (PROJECT / "data/translations.lock.yml").read_text(encoding="utf-8")
    assert "french:" not in lock and len(lock) < 200 * len(read_lock(PROJECT / "data"))
    names = sorted(path.name for path in (PROJECT / "data/translations.pinned").glob("*.yml"))
    assert "articles-openai-nvidia.yml" in names and "data-articles-openai-nvidia.yml" in names


@pytest.mark.parametrize("language", ["", ".en"])
def test_a_duplicated_section_id_is_refused_not_hidden(tmp_path: Path, language: str) -> None:
    project = copy_project(tmp_path / "project")
    page = project / f"docs/articles/openai-nvidia{language}.md"
    text = page.read_text(encoding="utf-8")
    text += "\n## Encore {#signaux}\n\nUn autre texte.\n"
    page.write_text(text, encoding="utf-8")
    line = len(text.splitlines()) - 2
    result = cli(project, "status")
    assert result.returncode == 1, result.stdout
    assert f"docs/articles/openai-nvidia{language}.md:{line}: the section id 'signaux' is used twice" in result.stderr
    assert "Fix:" in result.stderr and "Traceback" not in result.stderr


def test_the_project_lock_is_exactly_what_the_emitter_writes(tmp_path: Path) -> None:
    data_dir = PROJECT / "data"
    text = (data_dir / "translations.lock.yml").read_text(encoding="utf-8")
    assert lock_text(read_lock(data_dir)) == text
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    write_lock(copy, read_lock(copy))
    for file in [copy / "translations.lock.yml", *sorted((copy / "translations.pinned").glob("*.yml"))]:
        assert file.read_bytes() == (data_dir / file.relative_to(copy)).read_bytes(), file.name
    assert sorted(path.name for path in (copy / "translations.pinned").iterdir()) == sorted(
        path.name for path in (data_dir / "translations.pinned").iterdir()
    )
