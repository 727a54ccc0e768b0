"""XLIFF 2.0 export and import: lossless round trip, translations written
back section by section and pinned, refusals with the unit and the fix."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sitebuild import PROJECT, copy_project

sys.path.insert(0, str(PROJECT / "hooks"))

from publication.translation.segments import inline_pieces, joined, parts
from publication.translation.status import Unit, UnitStatus
from publication.translation.xliff import export_file, read_xliff

X = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": X, "mda": "urn:oasis:names:tc:xliff:metadata:2.0"}
ARTICLE_FR = "docs/articles/openai-nvidia.md"
ARTICLE_EN = "docs/articles/openai-nvidia.en.md"
ARTICLE_XLF = "xliff/en/docs/articles/openai-nvidia.md.xlf"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publication.translation", "--project", str(project), *args],
        env={**os.environ, "PYTHONPATH": str(PROJECT / "hooks")},
        capture_output=True,
        text=True,
        cwd=project,
    )


def export(project: Path) -> list[Path]:
    result = run(project, "xliff")
    assert result.returncode == 0, result.stderr
    return sorted((project / "xliff/en").rglob("*.xlf"))


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(path.relative_to(project)): path.read_bytes() for folder in ("docs", "data") for path in (project / folder).rglob("*") if path.is_file()}


def unit_of(document: etree._ElementTree, name: str) -> etree._Element:
    return document.find(f".//x:unit[@name='{name}']", NS)


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_export_then_import_leaves_the_repository_byte_identical(project: Path) -> None:
    before = snapshot(project)
    files = export(project)
    assert [str(file.relative_to(project / "xliff/en")) for file in files] == [
        "data/articles/openai-nvidia.yml.xlf",
        "data/glossary.yml.xlf",
        "data/ui.yml.xlf",
        "docs/about.md.xlf",
        "docs/articles/openai-nvidia.md.xlf",
        "docs/glossary.md.xlf",
        "docs/index.md.xlf",
        "docs/translations.md.xlf",
    ]
    for file in files:
        result = run(project, "xliff-import", str(file))
        assert result.returncode == 0, result.stderr
        assert ": 0 unit(s) updated, 0 confirmed as still right," in result.stdout
    assert snapshot(project) == before


def test_every_unit_is_exported_with_its_id_state_and_fingerprint(project: Path) -> None:
    edit(project / ARTICLE_FR, "Le coût élevé des opérations d’OpenAI nécessite", "Le coût des opérations d’OpenAI exige")
    export(project)
    document = etree.parse(str(project / ARTICLE_XLF))
    root = document.getroot()
    assert (root.tag, root.get("version"), root.get("srcLang"), root.get("trgLang")) == (f"{{{X}}}xliff", "2.0", "fr", "en")
    names = [unit.get("name") for unit in document.iterfind(".//x:unit", NS)]
    assert names[0] == "articles/openai-nvidia#titre" and "articles/openai-nvidia#signaux" in names
    assert all(unit.get("id") == unit.get("name").split("#")[1] for unit in document.iterfind(".//x:unit", NS))
    outdated = unit_of(document, "articles/openai-nvidia#signaux")
    states = {segment.get("state") for segment in outdated.iterfind("x:segment", NS)}
    assert states == {"translated"}
    assert {segment.get("subState") for segment in outdated.iterfind("x:segment", NS)} == {"silicium:french-changed"}
    previous = outdated.find("x:notes/x:note[@category='previous-source']", NS).text
    assert "Le coût élevé des opérations d’OpenAI nécessite" in previous
    assert "[-élevé-]" in outdated.find("x:notes/x:note[@category='french-changes']", NS).text
    up_to_date = unit_of(document, "articles/openai-nvidia#agi")
    assert {segment.get("state") for segment in up_to_date.iterfind("x:segment", NS)} == {"final"}
    meta = {meta.get("type"): meta.text for meta in outdated.iterfind(".//mda:meta", NS)}
    assert meta["status"] == "outdated" and len(meta["french-fingerprint"]) == 16 and meta["french-fingerprint"] != meta["pinned-fingerprint"]


def test_inline_markdown_is_in_codes_and_placeholders_cannot_go(project: Path) -> None:
    export(project)
    data = etree.parse(str(project / "xliff/en/data/articles/openai-nvidia.yml.xlf"))
    row = unit_of(data, "data:articles/openai-nvidia#deal-table-row-2")
    segment = row.find("x:segment[@id='deal_table.rows.1.details']", NS)
    placeholder = segment.find("x:source/x:ph", NS)
    assert placeholder.get("disp") == "{investment}" and placeholder.get("canDelete") == "no"
    original = {item.get("id"): item.text for item in row.iterfind("x:originalData/x:data", NS)}
    assert original[placeholder.get("dataRef")] == "{investment}"
    assert "{investment}" not in "".join(segment.find("x:source", NS).itertext())
    callout = unit_of(data, "data:articles/openai-nvidia#callout-financial-vulnerability").find("x:segment/x:source/x:pc", NS)
    assert (callout.get("dispStart"), callout.get("type")) == ("**", "fmt")
    page = etree.parse(str(project / "xliff/en/docs/index.md.xlf"))
    link = page.find(".//x:pc[@type='link']", NS)
    assert link.text == "glossaire" and link.get("dispEnd") == "](glossary.md)"
    article = etree.parse(str(project / ARTICLE_XLF))
    term = article.find(".//x:mrk[@type='term']", NS)
    assert term.get("ref") == "glossary#agi" and term.text == "AGI"


def set_target(document: etree._ElementTree, name: str, segment_id: str, text: str) -> None:
    target = unit_of(document, name).find(f"x:segment[@id='{segment_id}']/x:target", NS)
    for child in list(target):
        target.remove(child)
    target.text = text


def test_a_translated_unit_is_written_back_alone_and_pinned(project: Path) -> None:
    edit(project / ARTICLE_FR, "Le coût élevé des opérations d’OpenAI nécessite un contrepoids.", "Le coût des opérations d’OpenAI exige un contrepoids.")
    before = (project / ARTICLE_EN).read_text(encoding="utf-8")
    export(project)
    document = etree.parse(str(project / ARTICLE_XLF))
    unit = unit_of(document, "articles/openai-nvidia#signaux")
    segment = next(segment for segment in unit.iterfind("x:segment", NS) if "contrepoids" in "".join(segment.find("x:source", NS).itertext()))
    target = segment.find("x:target", NS)
    old_sentence = "OpenAI’s sky-high operating costs need to be offset somehow."
    assert old_sentence in target.text
    target.text = target.text.replace(old_sentence, "OpenAI’s operating costs demand a counterweight.")
    document.write(str(project / ARTICLE_XLF), xml_declaration=True, encoding="UTF-8")
    result = run(project, "xliff-import", ARTICLE_XLF)
    assert result.returncode == 0, result.stderr
    assert "1 unit(s) updated" in result.stdout and "updated and pinned: articles/openai-nvidia#signaux" in result.stdout
    after = (project / ARTICLE_EN).read_text(encoding="utf-8")
    assert after == before.replace(old_sentence, "OpenAI’s operating costs demand a counterweight.")
    status = run(project, "status", "--strict")
    assert status.returncode == 0, status.stdout


def test_a_missing_section_is_inserted_where_the_french_has_it(project: Path) -> None:
    english = project / ARTICLE_EN
    text = english.read_text(encoding="utf-8")
    start = text.index("### ", text.index("{#vision-partagee}") - 80)
    end = text.index("\n## ", start)
    section = text[start:end].strip("\n")
    english.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    assert "vision-partagee" not in english.read_text(encoding="utf-8")
    export(project)
    document = etree.parse(str(project / ARTICLE_XLF))
    unit = unit_of(document, "articles/openai-nvidia#vision-partagee")
    assert {segment.get("state") for segment in unit.iterfind("x:segment", NS)} == {"initial"}
    assert unit.find("x:segment/x:target", NS) is None
    # The translator's CAT tool fills every segment (here with the old English).
    old = parts(section)
    translations = iter([part.text for part in old if part.translatable])
    for segment in unit.iterfind("x:segment", NS):
        target = etree.SubElement(segment, f"{{{X}}}target")
        source = segment.find("x:source", NS)
        pieces = inline_pieces(next(translations))
        # Codes copied from the source, text translated.
        target.text = source.text
        for child in source:
            target.append(copy.deepcopy(child))
        if not len(source):
            target.text = joined(pieces)
        segment.set("state", "translated")
    document.write(str(project / ARTICLE_XLF), xml_declaration=True, encoding="UTF-8")
    result = run(project, "xliff-import", ARTICLE_XLF)
    assert result.returncode == 0, result.stderr
    assert "updated and pinned: articles/openai-nvidia#vision-partagee" in result.stdout
    new_text = english.read_text(encoding="utf-8")
    assert new_text.index("{#vision-partagee}") < new_text.index("{#talon-d-achille}")
    assert new_text.index("{#agi}") < new_text.index("{#vision-partagee}")


def test_a_data_field_is_written_back_with_the_rest_of_the_file_untouched(project: Path) -> None:
    before = (project / "data/glossary.yml").read_text(encoding="utf-8")
    export(project)
    path = project / "xliff/en/data/glossary.yml.xlf"
    document = etree.parse(str(path))
    set_target(document, "glossary#gpu", "terms.gpu.short", "A chip that does many small computations at once: “the” workhorse of AI.")
    document.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = run(project, "xliff-import", str(path))
    assert result.returncode == 0, result.stderr
    after = (project / "data/glossary.yml").read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    assert len(changed) == 1 and len(before.splitlines()) == len(after.splitlines())
    assert changed[0][1].startswith("      en: ")
    assert yaml.safe_load(after)["terms"]["gpu"]["short"]["en"] == "A chip that does many small computations at once: “the” workhorse of AI."
    assert run(project, "status", "--strict").returncode == 0


def refused(project: Path, file: Path) -> str:
    before = snapshot(project)
    result = run(project, "xliff-import", str(file))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "Fix:" in result.stderr
    assert snapshot(project) == before
    return result.stderr


def test_a_unit_whose_french_moved_on_is_refused(project: Path) -> None:
    export(project)
    edit(project / ARTICLE_FR, "Le coût élevé des opérations d’OpenAI nécessite", "Le coût des opérations d’OpenAI exige")
    document = etree.parse(str(project / ARTICLE_XLF))
    set_target(document, "articles/openai-nvidia#signaux", "s1", "The analysts’ worries")
    document.write(str(project / ARTICLE_XLF), xml_declaration=True, encoding="UTF-8")
    error = refused(project, project / ARTICLE_XLF)
    assert "unit articles/openai-nvidia#signaux: the French changed since this file was exported" in error
    assert "make translations-diff UNIT=articles/openai-nvidia#signaux" in error


@pytest.mark.parametrize(
    "breakage, message",
    [
        ("drop", "the code c1 (**…**) of the source is not in the target"),
        ("unknown-data", "refers to 'd99', which is not in <originalData>"),
        ("no-data", "has lost its Markdown"),
        ("twice", "the code c1 is there twice"),
        ("foreign", "<b> is not an XLIFF 2.0 inline element"),
    ],
)
def test_a_broken_inline_code_is_refused(project: Path, breakage: str, message: str) -> None:
    export(project)
    path = project / "xliff/en/data/articles/openai-nvidia.yml.xlf"
    document = etree.parse(str(path))
    unit = unit_of(document, "data:articles/openai-nvidia#callout-financial-vulnerability")
    target = unit.find("x:segment/x:target", NS)
    code = target.find("x:pc", NS)
    if breakage == "drop":
        target.text = "Financial weakness: " + (code.tail or "")
        target.remove(code)
    elif breakage == "unknown-data":
        code.set("dataRefStart", "d99")
    elif breakage == "no-data":
        del code.attrib["dataRefEnd"]
    elif breakage == "twice":
        twin = copy.deepcopy(code)
        twin.tail = None
        target.append(twin)
    else:
        etree.SubElement(target, "b").text = "bold"
    document.write(str(path), xml_declaration=True, encoding="UTF-8")
    error = refused(project, path)
    assert "unit data:articles/openai-nvidia#callout-financial-vulnerability" in error and message in error


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not xml at all", "not well-formed XML"),
        (b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file/></xliff>', "not an XLIFF 2.0 document"),
        (b'<?xml version="1.0"?><html/>', "not an XLIFF 2.0 document"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="en">&b;</xliff>',
            "no DOCTYPE",
        ),
        (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr" trgLang="de"><file id="f1" original="docs/index.md"/></xliff>', "not 'fr' into 'en'"),
    ],
)
def test_a_file_that_is_not_our_xliff_2_is_refused(project: Path, content: bytes, message: str) -> None:
    path = project / "bad.xlf"
    path.write_bytes(content)
    error = refused(project, path)
    assert error.startswith(f"{path}:") and message in error


def test_make_xliff_targets_take_arguments_without_a_shell(project: Path) -> None:
    import shutil

    shutil.copy2(PROJECT / "Makefile", project / "Makefile")
    shutil.copy2(PROJECT / "requirements.txt", project / "requirements.txt")
    (project / ".venv").symlink_to(PROJECT / ".venv")
    made = subprocess.run(["make", "-s", "xliff", "LANG=en"], cwd=project, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    hostile = "x'; touch pwned; '$(shell touch pwned2)`touch pwned3`"
    result = subprocess.run(["make", "-s", "xliff-import", f"FILE={hostile}"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0 and "cannot read the file" in result.stderr
    assert not [path.name for path in project.iterdir() if path.name.startswith("pwned")]
    wrong = subprocess.run(["make", "-s", "xliff", "LANG=de"], cwd=project, capture_output=True, text=True)
    assert wrong.returncode == 2 and "use LANG=en" in wrong.stderr
    imported = subprocess.run(["make", "-s", "xliff-import", f"FILE={ARTICLE_XLF}"], cwd=project, capture_output=True, text=True)
    assert imported.returncode == 0 and "0 unit(s) updated" in imported.stdout


MARKDOWN = st.lists(
    st.sampled_from(list("ab é’*_`[]()!{}<>#-|:\n\t\r\\\"'") + ["**", "{x}", "`c`", "[l](u)", "\n\n", "\n- ", "## ", " {#i}", "<!-- m -->", "```\n"]),
    max_size=40,
).map(lambda pieces: "".join(pieces))


@settings(max_examples=300, deadline=None)
@given(MARKDOWN, MARKDOWN)
def test_any_section_survives_the_xliff_file_exactly(french: str, english: str) -> None:
    if not french.strip():
        french = "x"
    status = UnitStatus(
        unit=Unit(id="page#s", french=french, english=english, french_file="docs/page.md", english_file="docs/page.en.md"),
        state="up to date",
        french_date=None,
        english_date=None,
    )
    document = export_file([status], project_dir=Path("/nonexistent"), language="en")
    original, units = read_xliff(document, shown="page.xlf", language="en")
    assert original == "docs/page.md"
    if units:
        assert units[0].texts[""] == english
    else:
        assert not english.strip() or not [part for part in parts(english) if part.translatable]
