"""The XLIFF export as a CAT tool reads it: Translate Toolkit (translate-toolkit
on PyPI) opens every file, sees every segment with its state, and a PO file
converted from it with Translate Toolkit's own conversion comes back."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import po, xliff2

from sitebuild import PROJECT, copy_project

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
CODES = ("ph", "pc", "sc", "ec")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tt") / "project")
    article = project / "docs/articles/openai-nvidia.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Le coût élevé des opérations", "Le coût des opérations"), encoding="utf-8")  # one outdated unit
    result = run(project, "xliff")
    assert result.returncode == 0, result.stderr
    return project


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")},
        capture_output=True,
        text=True,
        cwd=project,
    )


def entries(catalogue: po.pofile) -> list:
    return [unit for unit in catalogue.units if not unit.isheader()]


def texts(store: xliff2.Xliff2File) -> list:
    """The segments a PO can hold: PO has no entry with an empty source (a
    segment made only of a code, `{partners}`, has nothing to translate)."""
    return [unit for unit in store.units if unit.source]


def merge(catalogue: po.pofile, store: xliff2.Xliff2File) -> None:
    """The PO's translations into the XLIFF, entry by entry in order (a PO
    keeps no XLIFF id: its entries are the XLIFF's segments in order); only
    those the PO changed, as a merge tool does."""
    for entry, unit in zip(entries(catalogue), texts(store), strict=True):
        assert entry.source == unit.source
        if entry.target != (unit.target or ""):
            set_target(unit, entry.target)


def set_target(unit: xliff2.Xliff2Unit, text: str) -> None:
    """Translate Toolkit's `target = text`, on a fresh <target>: on one that
    holds codes it would replace only the text before the first code."""
    old = unit.xmlelement.find(f"{{{NS['x']}}}target")
    if old is not None:
        unit.xmlelement.remove(old)
    unit.target = text


def files(project: Path) -> list[Path]:
    return sorted((project / "xliff/en").rglob("*.xlf"))


def flat(element: etree._Element | None) -> str | None:
    """The text of a <source> or <target> without its codes, as Translate Toolkit flattens it."""
    if element is None:
        return None
    text = element.text or ""
    for child in element:
        local = etree.QName(child).localname
        if local == "pc" or local == "mrk":
            text += flat(child) or ""
        text += child.tail or ""
    return text


def test_translate_toolkit_reads_every_segment_with_its_state(exported: Path) -> None:
    assert len(files(exported)) == 8
    for file in files(exported):
        store = xliff2.Xliff2File.parsefile(str(file))
        document = etree.parse(str(file))
        expected = {}
        for unit in document.iterfind(".//x:unit", NS):
            segments = unit.findall("x:segment", NS)
            for segment in segments:
                unit_id = unit.get("id") + (f"::{segment.get('id')}" if len(segments) > 1 or segment.get("id") else "")
                expected[unit_id] = segment
        assert [unit.getid() for unit in store.units] == list(expected), file
        for unit in store.units:
            segment = expected[unit.getid()]
            assert unit.source == flat(segment.find("x:source", NS))
            state = segment.get("state")
            if state == "initial":
                assert not unit.istranslated()
                continue
            assert unit.target == flat(segment.find("x:target", NS))
            if unit.target:  # a target made only of codes (`{partners}`) is empty text to Translate Toolkit
                assert unit.istranslated()
                assert unit.isapproved() == (state == "final")


def test_a_po_converted_with_translate_toolkit_comes_back(exported: Path, tmp_path: Path) -> None:
    """XLIFF -> PO with Translate Toolkit's conversion between its stores
    (pounit.buildfromunit; its xliff2po command reads XLIFF 1.x only), PO
    read back by it, its translations put back into the XLIFF by it, and
    the file imported: unchanged, the repository is byte-identical; a
    re-translated plain unit is written back and pinned; a unit whose codes
    the PO could not carry is refused, never written without them."""
    before = {path: path.read_bytes() for folder in ("docs", "data") for path in (exported / folder).rglob("*") if path.is_file()}
    ui_file = exported / "xliff/en/data/ui.yml.xlf"
    article_file = exported / "xliff/en/data/articles/openai-nvidia.yml.xlf"
    for file in (ui_file, article_file):
        store = xliff2.Xliff2File.parsefile(str(file))
        catalogue = po.pofile()
        for unit in store.units:
            catalogue.addunit(po.pounit.buildfromunit(unit))
        po_file = tmp_path / (file.name + ".po")
        po_file.write_bytes(bytes(catalogue))
        back = po.pofile.parsefile(str(po_file))
        assert [(unit.source, unit.target) for unit in entries(back)] == [(unit.source, unit.target or "") for unit in texts(store)]
        merge(back, store)
        file.write_bytes(bytes(store))
        result = run(exported, "xliff-import", str(file))
        assert result.returncode == 0, result.stderr
        assert "0 unit(s) updated" in result.stdout
    after = {path: path.read_bytes() for folder in ("docs", "data") for path in (exported / folder).rglob("*") if path.is_file()}
    assert after == before

    # A translator re-translates one plain string and one with a code in the PO.
    store = xliff2.Xliff2File.parsefile(str(ui_file))
    catalogue = po.pofile()
    for unit in texts(store):
        catalogue.addunit(po.pounit.buildfromunit(unit))
    for unit in entries(catalogue):
        if unit.source == "Revenir à l’accueil":
            unit.target = "Go back to the home page"
    merge(po.pofile.parsestring(bytes(catalogue)), store)
    ui_file.write_bytes(bytes(store))
    result = run(exported, "xliff-import", str(ui_file))
    assert result.returncode == 0, result.stderr
    assert "updated and pinned: ui#not_found_home" in result.stdout
    assert "en: Go back to the home page" in (exported / "data/ui.yml").read_text(encoding="utf-8")

    store = xliff2.Xliff2File.parsefile(str(article_file))
    unit = next(unit for unit in store.units if unit.getid().startswith("callout-financial-vulnerability"))
    set_target(unit, "Financial vulnerability: OpenAI is burning cash.")  # the PO had no way to carry the ** codes
    article_file.write_bytes(bytes(store))
    data_before = (exported / "data/articles/openai-nvidia.yml").read_bytes()
    result = run(exported, "xliff-import", str(article_file))
    assert result.returncode == 1
    assert "unit data:articles/openai-nvidia#callout-financial-vulnerability" in result.stderr
    assert "of the source is not in the target" in result.stderr and "Fix:" in result.stderr
    assert (exported / "data/articles/openai-nvidia.yml").read_bytes() == data_before
