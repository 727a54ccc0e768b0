"""`make tmx`: a TMX 1.4 translation memory of every pinned French–English
pair, read by Translate Toolkit as a CAT tool loads it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lxml import etree
from translate.storage import tmx

from sitebuild import PROJECT, copy_project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def make_tmx(project: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), "tmx"],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")},
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert "(TMX 1.4)" in result.stdout
    return project / "xliff/silicium.fr-en.tmx"


def test_the_memory_holds_every_pinned_pair_with_its_codes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    article = project / "docs/articles/openai-nvidia.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Le coût élevé des opérations", "Le coût des opérations"), encoding="utf-8")
    document = etree.parse(str(make_tmx(project)))
    root = document.getroot()
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    header = root.find("header")
    assert header.get("srclang") == "fr" and header.get("segtype") == "block"
    units = root.findall("body/tu")
    pairs = {}
    for unit in units:
        languages = [variant.get(XML_LANG) for variant in unit.findall("tuv")]
        assert languages == ["fr", "en"]
        french, english = ("".join(variant.find("seg").itertext()) for variant in unit.findall("tuv"))
        pairs[french] = english
    # A page block, a data field, and the outdated section's pinned French (not today's).
    assert pairs["Plus qu’un fournisseur, un partenaire stratégique"] == "More than a supplier, a strategic partner"
    assert pairs["Page introuvable"] == "Page not found"
    assert any("Le coût élevé des opérations" in french for french in pairs)
    assert not any("Le coût des opérations" in french for french in pairs)
    # Inline Markdown as TMX inline elements, the text around them plain.
    bold = next(unit for unit in units if "Vulnérabilité financière" in "".join(unit.itertext()))
    segment = bold.find("tuv/seg")
    assert [child.tag for child in segment][:2] == ["bpt", "ept"] and segment.find("bpt").text == "**"
    placeholder = next(unit for unit in units if unit.find("tuv/seg/ph") is not None and unit.find("tuv/seg/ph").text == "{investment}")
    assert placeholder.find("tuv/seg/ph").text == "{investment}"


def test_translate_toolkit_loads_the_memory(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    memory = tmx.tmxfile.parsefile(str(make_tmx(project)))
    sources = {unit.source: unit.target for unit in memory.units}
    assert len(memory.units) > 100
    assert sources["Page introuvable"] == "Page not found"
    assert sources["Plus qu’un fournisseur, un partenaire stratégique"] == "More than a supplier, a strategic partner"
