"""XLIFF 2.0 export and import of the translation units, for CAT tools.

One XLIFF document per French source file (a page, or a data file such as
the glossary): each maps to exactly one pair of files that the import writes
back, the shared data files (glossary, interface) belong to no single
article, and a CAT tool opens one `<file>` per document without surprise.

In a document, one `<unit>` per translation unit: its `id` is the part of
the unit id after "#" (an XML name token, which "/" and "#" are not), its
`name` the whole unit id ("articles/openai-nvidia#signaux"). A page unit
holds one `<segment>` per heading, paragraph, list item or table cell, with
the structure between them (heading marks, ids, blank lines, markers) in
`<ignorable>`s; when the English has a different number of blocks than the
French, the unit is one segment with that structure as codes. A data unit
holds one segment per field, the segment id naming the field
("terms.agi.short"). Inline Markdown is in codes (`<pc>` around emphasis and
link text, `<ph>` for code, placeholders, HTML, line breaks) whose Markdown
sits in `<originalData>`, where a CAT tool shows it but cannot edit it;
glossary terms are `<mrk type="term">` annotations. The French fingerprint
and the state are kept in `<mda:metadata>`.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree

from publication.content.frontmatter import page_body, read_front_matter
from publication.content.yamlfile import parse_yaml
from publication.errors import PublicationError
from publication.translation.diff import format_plain, word_diff
from publication.translation.sections import fingerprint
from publication.translation.segments import Code, Part, Piece, Term, inline_pieces, parts

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NSMAP = {None: XLIFF, "mda": MDA}
SOURCE_LANGUAGE = "fr"
# The unit states as XLIFF says them (the outdated ones with a subState
# saying why they need review).
XLIFF_STATES = {"up to date": "final", "outdated": "translated", "missing": "initial"}
OUTDATED_SUBSTATE = "silicium:french-changed"
_NMTOKEN = re.compile(r"[\w.:-]+")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _x(tag: str) -> str:
    return f"{{{XLIFF}}}{tag}"


def _m(tag: str) -> str:
    return f"{{{MDA}}}{tag}"


# ------------------------------------------------------------------ export


def export_file(statuses: list, *, project_dir: Path, language: str, glossary=None) -> bytes:
    """The XLIFF 2.0 document of the units in `statuses`, all from one French
    file (orphaned units, with nothing to translate, are left out)."""
    first = statuses[0].unit
    root = etree.Element(_x("xliff"), nsmap=NSMAP, version="2.0", srcLang=SOURCE_LANGUAGE, trgLang=language)
    file_element = etree.SubElement(root, _x("file"), id="f1", original=first.french_file)
    metadata = etree.SubElement(file_element, _m("metadata"))
    group = etree.SubElement(metadata, _m("metaGroup"), category="silicium")
    _meta(group, "english-file", first.english_file)
    _meta(group, "exported", dt.date.today().isoformat())
    notes = etree.SubElement(file_element, _x("notes"))
    etree.SubElement(notes, _x("note"), category="instructions").text = (
        "Translate the targets; inline codes hold Markdown and must stay. States: final = up to date, "
        "translated with subState silicium:french-changed = the French changed since (the previous French is in a note), "
        "initial = not translated yet. Import with `make xliff-import FILE=...`."
    )
    terms = _page_terms(project_dir, first, glossary) if first.french_file.endswith(".md") else ({}, {})
    for status in statuses:
        if status.state == "orphaned":
            continue
        file_element.append(_unit_element(status, project_dir=project_dir, terms=terms))
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# Elements whose content is only other elements: indenting them changes no
# text (lxml's pretty printer would also indent a <source> holding only a code).
_STRUCTURAL = {_x(tag) for tag in ("xliff", "file", "unit", "notes", "originalData", "segment", "ignorable")} | {
    _m(tag) for tag in ("metadata", "metaGroup")
}


def _indent(element: etree._Element, depth: int) -> None:
    if element.tag not in _STRUCTURAL or not len(element):
        return
    element.text = "\n" + "  " * (depth + 1)
    for child in element:
        _indent(child, depth + 1)
        child.tail = "\n" + "  " * (depth + 1)
    element[-1].tail = "\n" + "  " * depth


def _meta(group: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(group, _m("meta"), type=kind).text = value


def _page_terms(project_dir: Path, unit, glossary) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The glossary terms a page links, as French and English forms by id."""
    if glossary is None:
        return {}, {}
    french_file = project_dir / unit.french_file
    front = read_front_matter(french_file.read_text(encoding="utf-8-sig"), path=unit.french_file).data
    ids = [term_id for term_id in front.get("glossary") or [] if term_id in glossary.terms]
    return (
        {term_id: list(glossary.terms[term_id].matches.get("fr", ())) for term_id in ids},
        {term_id: list(glossary.terms[term_id].matches.get("en", ())) for term_id in ids},
    )


class _Codes:
    """Ids of one unit's codes and the Markdown they stand for."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.term_values: dict[str, str] = {}  # glossary term id -> what the translator is told
        self.count = 0
        self.marks = 0

    def data_id(self, markdown: str) -> str:
        for key, value in self.data.items():
            if value == markdown:
                return key
        key = f"d{len(self.data) + 1}"
        self.data[key] = markdown
        return key

    def new_id(self) -> str:
        self.count += 1
        return f"c{self.count}"

    def mark_id(self) -> str:
        self.marks += 1
        return f"m{self.marks}"


def _unit_element(status, *, project_dir: Path, terms) -> etree._Element:
    unit = status.unit
    local_id = unit.id.split("#", 1)[1] if "#" in unit.id else unit.id
    if not _NMTOKEN.fullmatch(local_id):
        raise PublicationError(
            f"the unit id '{local_id}' cannot be an XLIFF id",
            file=unit.french_file,
            fix="use letters, digits, '-' and '_' in section ids",
        )
    for text in (unit.french, unit.english or ""):
        bad = _NOT_XML.search(text)
        if bad:
            raise PublicationError(
                f"unit {unit.id}: the character U+{ord(bad.group()):04X} cannot go into XML",
                file=unit.french_file if text is unit.french else unit.english_file,
                fix="remove the control character (an editor's 'show invisibles' finds it)",
            )
    element = etree.Element(_x("unit"), id=local_id, name=unit.id)
    metadata = etree.SubElement(element, _m("metadata"))
    group = etree.SubElement(metadata, _m("metaGroup"), category="silicium")
    _meta(group, "french-fingerprint", fingerprint(unit.french))
    _meta(group, "status", status.state)
    _meta(group, "kind", "data" if unit.fields else "page")
    if status.pin is not None:
        _meta(group, "pinned-fingerprint", status.pin.source)
        _meta(group, "pinned", status.pin.pinned)
    notes = etree.SubElement(element, _x("notes"))
    etree.SubElement(notes, _x("note"), category="location").text = unit.french_file
    if status.state == "outdated" and status.pin is not None and status.pin.french is not None:
        etree.SubElement(notes, _x("note"), category="previous-source", appliesTo="source").text = status.pin.french
        etree.SubElement(notes, _x("note"), category="french-changes", appliesTo="source").text = format_plain(
            word_diff(status.pin.french, unit.french)
        )
    codes = _Codes()
    codes.term_values = {term_id: "glossary term; in English: " + " / ".join(forms) for term_id, forms in terms[1].items() if forms}
    state = XLIFF_STATES[status.state]
    body: list[etree._Element] = []
    if unit.fields:
        for field in unit.fields:
            body.append(
                _segment(
                    field.path,
                    inline_pieces(field.french),
                    inline_pieces(field.english) if unit.english is not None else None,
                    state,
                    codes,
                )
            )
    else:
        body = _page_body(unit, state, codes, terms)
    if codes.data:
        original = etree.SubElement(element, _x("originalData"))
        for key, markdown in codes.data.items():
            data = etree.SubElement(original, _x("data"), id=key)
            data.set(XML_SPACE, "preserve")
            data.text = markdown
    element.extend(body)
    return element


def _page_body(unit, state: str, codes: _Codes, terms) -> list[etree._Element]:
    french_terms, english_terms = terms
    french = _aligned(parts(unit.french))
    english = _aligned(parts(unit.english)) if unit.english is not None else None
    elements: list[etree._Element] = []
    nothing_to_translate = all(text is None for _, text in french)
    if nothing_to_translate or (english is not None and [text is None for _, text in english] != [text is None for _, text in french]):
        # Different block structures: one segment, the structure as codes.
        source = _structure_as_codes(parts(unit.french), french_terms)
        target = _structure_as_codes(parts(unit.english), english_terms) if unit.english is not None else None
        return [_segment("s1", source, target, state, codes)]
    count = 0
    for index, (structure, text) in enumerate(french):
        english_structure = english[index][0] if english is not None else None
        if structure or english_structure:
            ignorable = etree.Element(_x("ignorable"), id=f"i{index + 1}")
            _text_element(ignorable, "source", structure)
            if english_structure is not None and english_structure != structure:
                _text_element(ignorable, "target", english_structure)
            elements.append(ignorable)
        if text is not None:
            count += 1
            english_text = english[index][1] if english is not None else None
            elements.append(
                _segment(
                    f"s{count}",
                    inline_pieces(text, terms=french_terms),
                    inline_pieces(english_text, terms=english_terms) if english_text is not None else None,
                    state,
                    codes,
                )
            )
    return elements


def _aligned(cut: list[Part]) -> list[tuple[str, str | None]]:
    """(structure before, text) pairs; the last text may be None (trailing structure)."""
    pairs: list[tuple[str, str | None]] = []
    structure = ""
    for part in cut:
        if part.translatable:
            pairs.append((structure, part.text))
            structure = ""
        else:
            structure += part.text
    if structure:
        pairs.append((structure, None))
    return pairs


def _structure_as_codes(cut: list[Part], terms) -> list[Piece]:
    pieces: list[Piece] = []
    for part in cut:
        if part.translatable:
            pieces.extend(inline_pieces(part.text, terms=terms))
        else:
            pieces.append(Code("ph", part.text, what="structure"))
    return pieces


def _text_element(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, _x(tag))
    element.set(XML_SPACE, "preserve")
    element.text = text
    return element


def _segment(segment_id: str, source: list[Piece], target: list[Piece] | None, state: str, codes: _Codes) -> etree._Element:
    segment = etree.Element(_x("segment"), id=segment_id, state=state if target is not None else "initial")
    if state == "translated" and target is not None:
        segment.set("subState", OUTDATED_SUBSTATE)
    source_ids: list[tuple[tuple, str]] = []
    source_element = etree.SubElement(segment, _x("source"))
    source_element.set(XML_SPACE, "preserve")
    _write_pieces(source_element, source, codes, source_ids, None)
    if target is not None:
        target_element = etree.SubElement(segment, _x("target"))
        target_element.set(XML_SPACE, "preserve")
        unused = list(source_ids)
        _write_pieces(target_element, target, codes, None, unused)
        # A code the English already does without may go; every other one
        # must stay (the import checks).
        optional = {code_id for _, code_id in unused}
        for element in source_element.iter(_x("ph"), _x("pc")):
            if element.get("id") in optional:
                element.set("canDelete", "yes")
    return segment


def _signature(code: Code) -> tuple:
    return (code.kind, code.start, code.end)


def _write_pieces(parent: etree._Element, pieces: list[Piece], codes: _Codes, record, available) -> None:
    """Append `pieces` to `parent` as text and inline elements. Source codes
    get new ids (recorded); a target code takes the id of the first unused
    source code with the same Markdown (`available`), else a new one."""
    last: etree._Element | None = None

    def add_text(text: str) -> None:
        if last is None:
            parent.text = (parent.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    for piece in pieces:
        if isinstance(piece, str):
            add_text(piece)
            continue
        if isinstance(piece, Term):
            element = etree.SubElement(parent, _x("mrk"), id=codes.mark_id(), type="term", ref=f"glossary#{piece.term_id}")
            if piece.term_id in codes.term_values:
                element.set("value", codes.term_values[piece.term_id])
            element.text = piece.text
            last = element
            continue
        code_id = None
        if available is not None:
            for index, (signature, candidate) in enumerate(available):
                if signature == _signature(piece):
                    code_id = candidate
                    del available[index]
                    break
        code_id = code_id or codes.new_id()
        if record is not None:
            record.append((_signature(piece), code_id))
        if piece.kind == "ph":
            element = etree.SubElement(parent, _x("ph"), id=code_id, dataRef=codes.data_id(piece.start))
            element.set("disp", _display(piece))
            element.set("type", "fmt" if piece.what in ("line break", "structure") else "other")
            element.set("subType", f"silicium:{piece.what.replace(' ', '-')}")
            if record is not None:
                element.set("canDelete", "no")
        else:
            element = etree.SubElement(
                parent,
                _x("pc"),
                id=code_id,
                dataRefStart=codes.data_id(piece.start),
                dataRefEnd=codes.data_id(piece.end),
                type="link" if piece.what == "link" else "fmt",
            )
            element.set("subType", f"silicium:{piece.what}")
            if record is not None:
                element.set("canDelete", "no")
            element.set("dispStart", piece.start)
            element.set("dispEnd", piece.end)
            _write_pieces(element, piece.inner, codes, record, available)
        last = element


def _display(code: Code) -> str:
    if code.what == "line break":
        return "↵"
    if code.what == "structure":
        return "¶" if "\n" in code.start else code.start.strip() or "·"
    return code.start


# ------------------------------------------------------------------ import


@dataclass(frozen=True, slots=True)
class ImportedUnit:
    unit_id: str
    texts: dict[str, str]  # page: {"": section}; data: {field path: English}
    line: int
    confirmed: bool  # marked reviewed/final by the translator
    french_fingerprint: str


def _error(file: str, line: int | None, problem: str, fix: str) -> PublicationError:
    return PublicationError(problem, file=file, line=line, fix=fix)


def read_xliff(data: bytes, *, shown: str, language: str) -> tuple[str, list[ImportedUnit]]:
    """The French file named by an XLIFF 2.0 document and its translated
    units, or PublicationError for what is not XLIFF 2.0 as we export it."""
    not_xliff = "save the file as XLIFF 2.0 in your CAT tool, or translate a new export (made by `make xliff LANG=en`)"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _error(shown, error.lineno, f"not well-formed XML: {error.msg}", not_xliff) from None
    if root.getroottree().docinfo.doctype:
        raise _error(shown, 1, "an XLIFF file has no DOCTYPE", not_xliff)
    if root.tag != _x("xliff") or root.get("version") != "2.0":
        found = f"<{etree.QName(root).localname}> version {root.get('version')!r} in {etree.QName(root).namespace or 'no namespace'}"
        raise _error(shown, root.sourceline, f"not an XLIFF 2.0 document (found {found})", not_xliff)
    if root.get("srcLang") != SOURCE_LANGUAGE or root.get("trgLang") != language:
        raise _error(
            shown,
            root.sourceline,
            f"the file translates {root.get('srcLang')!r} into {root.get('trgLang')!r}, not {SOURCE_LANGUAGE!r} into {language!r}",
            not_xliff,
        )
    files = root.findall(_x("file"))
    if len(files) != 1 or not files[0].get("original"):
        raise _error(shown, root.sourceline, "an exported file has exactly one <file> with an `original`", not_xliff)
    file_element = files[0]
    units = []
    seen: set[str] = set()
    for element in file_element.iter(_x("unit")):
        unit = _read_unit(element, shown=shown)
        if unit is None:
            continue
        if unit.unit_id in seen:
            raise _error(shown, element.sourceline, f"unit {unit.unit_id}: the unit is in the file twice", "keep one copy of the unit")
        seen.add(unit.unit_id)
        units.append(unit)
    return file_element.get("original"), units


def _read_unit(element: etree._Element, *, shown: str) -> ImportedUnit | None:
    unit_id = element.get("name") or ""
    if "#" not in unit_id or element.get("id") != unit_id.split("#", 1)[1]:
        raise _error(
            shown, element.sourceline, f"unit {element.get('id')!r}: its name {unit_id!r} is not the unit id the export wrote", "export again and translate the new file"
        )
    meta = {item.get("type"): (item.text or "") for item in element.iter(_m("meta"))}
    french_fingerprint = meta.get("french-fingerprint")
    if not french_fingerprint:
        raise _error(shown, element.sourceline, f"unit {unit_id}: the French fingerprint (mda:meta french-fingerprint) is gone", "export again and translate the new file; keep the metadata your CAT tool shows")
    data = {item.get("id"): (item.text or "") for item in element.iter(_x("data"))}
    children = [child for child in element if child.tag in (_x("segment"), _x("ignorable"))]
    segments = [child for child in children if child.tag == _x("segment")]
    if not segments:
        raise _error(shown, element.sourceline, f"unit {unit_id}: no segment", "export again")
    targets = [segment.find(_x("target")) for segment in segments]
    translated = [target is not None and (target.text or len(target)) for target in targets]
    if not any(translated):
        return None
    if not all(translated):
        missing = next(segment for segment, done in zip(segments, translated) if not done)
        raise _error(
            shown,
            missing.sourceline,
            f"unit {unit_id}: segment {missing.get('id')} has no translation while others have",
            "translate every segment of the unit (or none: it stays as it is)",
        )
    confirmed = all(segment.get("state") in ("reviewed", "final") for segment in segments)
    texts: dict[str, str] = {}
    if meta.get("kind") == "page":
        section = ""
        for child in children:
            chosen = child.find(_x("target"))
            if chosen is None:
                chosen = child.find(_x("source"))
            if chosen is None:
                raise _error(shown, child.sourceline, f"unit {unit_id}: <{etree.QName(child).localname}> has no <source>", "export again")
            if child.tag == _x("segment"):
                _check_codes(child, unit_id, data, shown)
            section += _markdown(chosen, data, unit_id=unit_id, shown=shown)
        texts[""] = section
    elif meta.get("kind") == "data":
        for segment in segments:
            _check_codes(segment, unit_id, data, shown)
            texts[segment.get("id", "")] = _markdown(segment.find(_x("target")), data, unit_id=unit_id, shown=shown)
    else:
        raise _error(shown, element.sourceline, f"unit {unit_id}: the kind (mda:meta kind) is {meta.get('kind')!r}, not page or data", "export again and translate the new file")
    return ImportedUnit(unit_id, texts, element.sourceline or 0, confirmed, french_fingerprint)


_CODES = (_x("ph"), _x("pc"), _x("sc"), _x("ec"))


def _check_codes(segment: etree._Element, unit_id: str, data: dict[str, str], shown: str) -> None:
    """The target's codes: each known to the unit and used once; every
    placeholder of the source is there."""
    source = segment.find(_x("source"))
    target = segment.find(_x("target"))
    fix = "restore the codes as they are in the source (most CAT tools copy one with a shortcut) or export again"
    seen: set[str] = set()
    for code in target.iter(*_CODES):
        code_id = code.get("id")
        if code_id in seen:
            raise _error(shown, code.sourceline, f"unit {unit_id}: segment {segment.get('id')}: the code {code_id} is there twice", fix)
        seen.add(code_id or "")
        for attribute in ("dataRef", "dataRefStart", "dataRefEnd"):
            reference = code.get(attribute)
            if reference is not None and reference not in data:
                raise _error(shown, code.sourceline, f"unit {unit_id}: segment {segment.get('id')}: the code {code_id} refers to {reference!r}, which is not in <originalData>", fix)
        if code.tag in (_x("ph"), _x("sc"), _x("ec")) and code.get("dataRef") is None:
            raise _error(shown, code.sourceline, f"unit {unit_id}: segment {segment.get('id')}: the code {code_id} has lost its Markdown (no dataRef)", fix)
        if code.tag == _x("pc") and (code.get("dataRefStart") is None or code.get("dataRefEnd") is None):
            raise _error(shown, code.sourceline, f"unit {unit_id}: segment {segment.get('id')}: the code {code_id} has lost its Markdown", fix)
    if source is not None:
        for code in source.iter(_x("ph"), _x("pc")):
            if code.get("canDelete") == "no" and code.get("id") not in seen:
                shown_code = code.get("disp") or f"{code.get('dispStart')}…{code.get('dispEnd')}"
                raise _error(
                    shown,
                    target.sourceline,
                    f"unit {unit_id}: segment {segment.get('id')}: the code {code.get('id')} ({shown_code}) of the source is not in the target",
                    fix,
                )


def _markdown(element: etree._Element, data: dict[str, str], *, unit_id: str, shown: str) -> str:
    text = element.text or ""
    for child in element:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            text += child.tail or ""
            continue
        if child.tag == _x("ph") or child.tag in (_x("sc"), _x("ec")):
            text += data.get(child.get("dataRef"), "")
        elif child.tag == _x("pc"):
            text += data.get(child.get("dataRefStart"), "") + _markdown(child, data, unit_id=unit_id, shown=shown) + data.get(child.get("dataRefEnd"), "")
        elif child.tag in (_x("mrk"), _x("sm"), _x("em")):
            text += _markdown(child, data, unit_id=unit_id, shown=shown) if child.tag == _x("mrk") else ""
        elif child.tag == _x("cp"):
            raise _error(shown, child.sourceline, f"unit {unit_id}: a <cp> (a control character) cannot go into Markdown", "remove it")
        else:
            raise _error(
                shown,
                child.sourceline,
                f"unit {unit_id}: <{etree.QName(child).localname}> is not an XLIFF 2.0 inline element",
                "remove it; keep only the codes of the source",
            )
        text += child.tail or ""
    return text


# ---------------------------------------------------------- writing back


def replace_section(page_text: str, old_section: str | None, new_section: str, *, after: str | None) -> str:
    """`page_text` with `old_section` (a section's exact text) replaced, or
    `new_section` inserted after the section `after` (or first)."""
    body = page_body(page_text)
    head = page_text[: len(page_text) - len(body)]
    if old_section is not None:
        start = body.index(old_section)
        return head + body[:start] + new_section + body[start + len(old_section):]
    if after is None:
        return head + new_section + "\n\n" + body.lstrip("\n")
    start = body.index(after) + len(after)
    return head + body[:start] + "\n\n" + new_section + body[start:]


def replace_yaml_values(text: str, changes: dict[tuple, str], *, shown: str) -> str:
    """`text` (a YAML file) with the scalar at each key path replaced,
    everything else byte for byte as it was."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        raise AssertionError(f"{shown} is empty: there is no value to replace")
    spans = []
    for path, value in changes.items():
        target: yaml.Node = node
        for key in path:
            if isinstance(target, yaml.MappingNode):
                target = next(value_node for key_node, value_node in target.value if key_node.value == str(key))
            else:
                target = target.value[int(key)]
        if not isinstance(target, yaml.ScalarNode):
            raise AssertionError(f"{path} is not a text")
        spans.append((target.start_mark.index, target.end_mark.index, target, value))
    result = text
    for start, end, target, value in sorted(spans, key=lambda span: -span[0]):
        region = result[start:end]
        kept = region[len(region.rstrip()):] if target.style in ("|", ">") else ""
        result = result[:start] + _yaml_scalar(value) + kept + result[end:]
    return result


def _yaml_scalar(value: str) -> str:
    """`value` as one YAML scalar on one line: plain when YAML reads it back
    as the same text, else quoted (the emitter decides, as for the lock)."""
    dumped = yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, width=1_000_000, default_flow_style=True)
    dumped = dumped.removesuffix("\n").removesuffix("\n...")
    if "\n" in dumped:  # a value with line breaks: double-quoted keeps it on one line
        dumped = yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, width=1_000_000, default_style='"').rstrip("\n")
    return dumped


def make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublicationError(f"cannot create the folder: {error.strerror or error}", file=str(folder), fix="make the project folder writable, or give another folder with OUT=") from None


def write_atomically(file: Path, text: str, *, shown: str) -> None:
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=file.parent, prefix=f".{file.name}.", suffix=".tmp", delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        if file.exists():
            os.chmod(temporary, file.stat().st_mode & 0o777)
        os.replace(temporary, file)
        temporary = None
    except OSError as error:
        raise PublicationError(f"cannot write: {error.strerror or error}", file=shown, fix="make the file and its folder writable, then import again") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)



# ------------------------------------------------------------- the commands

MAX_XLIFF_BYTES = 20_000_000


def export_all(project_dir: Path, docs_dir: Path, data_dir: Path, *, language: str, out_dir: Path) -> list[Path]:
    """`make xliff`: one XLIFF file per French page and data file, under
    `out_dir` at the French file's path (+ .xlf); the files written."""
    from publication.content.data import load_glossary
    from publication.translation.status import statuses

    rows = statuses(project_dir, docs_dir, data_dir)
    glossary = load_glossary(data_dir)
    by_file: dict[str, list] = {}
    for row in rows:
        if row.state != "orphaned":
            by_file.setdefault(row.unit.french_file, []).append(row)
    written = []
    for french_file, group in by_file.items():
        out = out_dir / f"{french_file}.xlf"
        make_folder(out.parent)
        write_atomically(out, export_file(group, project_dir=project_dir, language=language, glossary=glossary).decode("utf-8"), shown=str(out))
        written.append(out)
    return written


@dataclass(frozen=True, slots=True)
class ImportReport:
    updated: list[str]  # units whose English changed (and were pinned)
    confirmed: list[str]  # outdated units marked reviewed with the same English (pinned)
    unchanged: int


def import_file(
    project_dir: Path, docs_dir: Path, data_dir: Path, file: Path, *, language: str, today: str | None = None, shown: str | None = None
) -> ImportReport:
    """`make xliff-import`: the targets of `file` written into the English
    page or data file, unit by unit; the units updated are pinned. Nothing is
    written unless every unit of the file can be."""
    from publication.translation.status import Pin, read_lock, statuses, write_lock

    shown = shown or str(file)
    try:
        size = file.stat().st_size
        if size > MAX_XLIFF_BYTES:
            raise _error(shown, None, f"the file is {size} bytes, more than an exported file can be ({MAX_XLIFF_BYTES})", "import the files one by one as `make xliff` wrote them")
        data = file.read_bytes()
    except OSError as error:
        raise _error(shown, None, f"cannot read the file: {error.strerror or error}", "give the path of an exported .xlf file, e.g. FILE=xliff/en/docs/articles/openai-nvidia.md.xlf") from None
    original, imported = read_xliff(data, shown=shown, language=language)
    rows = {row.unit.id: row for row in statuses(project_dir, docs_dir, data_dir)}
    order = [row.unit.id for row in rows.values() if row.unit.french_file == original]
    if not order:
        raise _error(shown, None, f"the file translates {original}, which has no translation unit", "export again with `make xliff LANG=en`")
    page_edits: dict[str, str] = {}  # unit id -> new section text
    data_edits: dict[tuple, str] = {}
    updated: list[str] = []
    confirmed: list[str] = []
    unchanged = 0
    for item in imported:
        row = rows.get(item.unit_id)
        if row is None or row.unit.french_file != original or row.unit.french is None:
            raise _error(shown, item.line, f"unit {item.unit_id}: no such unit in {original} any more", "export again and translate the new file")
        unit = row.unit
        if unit.fields:
            known = {field.path: field for field in unit.fields}
            unknown = set(item.texts) - set(known)
            if unknown:
                raise _error(shown, item.line, f"unit {item.unit_id}: no field {sorted(unknown)[0]!r} in {original}", "export again")
            changes = {known[path].key + (language,): text for path, text in item.texts.items() if text != known[path].english}
        else:
            changes = {} if item.texts[""] == unit.english else {(): item.texts[""]}
        needs_pin = bool(changes) or (item.confirmed and row.state == "outdated")
        if not needs_pin:
            unchanged += 1
            continue
        now = fingerprint(unit.french or "")
        if item.french_fingerprint != now:
            raise _error(
                shown,
                item.line,
                f"unit {item.unit_id}: the French changed since this file was exported (fingerprint {item.french_fingerprint}, now {now})",
                f"export again with `make xliff LANG={language}` (your CAT tool's memory keeps your work), translate this unit against the new French and import the new file; what changed: `make translations-diff UNIT={item.unit_id}` (word by word)",
            )
        if unit.fields:
            data_edits.update(changes)
            updated.append(item.unit_id) if changes else confirmed.append(item.unit_id)
        elif changes:
            page_edits[item.unit_id] = item.texts[""]
            updated.append(item.unit_id)
        else:
            confirmed.append(item.unit_id)
    first = rows[order[0]].unit
    writes: dict[Path, tuple[str, str]] = {}
    if page_edits:
        english_file = project_dir / first.english_file
        if not english_file.is_file():
            raise _error(shown, None, f"{first.english_file} does not exist", f"create it with the front matter of {first.french_file} translated, then import again")
        text = english_file.read_text(encoding="utf-8")
        previous: str | None = None
        for unit_id in order:
            unit = rows[unit_id].unit
            new = page_edits.get(unit_id)
            if new is not None:
                text = replace_section(text, unit.english, new, after=previous)
            current = new if new is not None else unit.english
            previous = current if current is not None else previous
        _check_page(text, page_edits, shown=shown, english_file=first.english_file)
        writes[english_file] = (text, first.english_file)
    if data_edits:
        data_file = project_dir / first.french_file
        text = data_file.read_text(encoding="utf-8")
        new_text = replace_yaml_values(text, data_edits, shown=first.french_file)
        check = parse_yaml(new_text, path=first.french_file)
        for key, value in data_edits.items():
            node = check.data
            for part in key:
                node = node[part]
            if node != value:
                raise AssertionError(f"{first.french_file}: {key} did not take its new value")
        writes[data_file] = (new_text, first.french_file)
    for path, (text, where) in writes.items():
        write_atomically(path, text, shown=where)
    if updated or confirmed:
        pins = read_lock(data_dir)
        day = today or dt.date.today().isoformat()
        for unit_id in updated + confirmed:
            french = rows[unit_id].unit.french or ""
            pins[unit_id] = Pin(source=fingerprint(french), pinned=day, french=french)
        write_lock(data_dir, pins)
    return ImportReport(updated, confirmed, unchanged)


def _check_page(text: str, edits: dict[str, str], *, shown: str, english_file: str) -> None:
    """Each imported section is, in the new page, the section of its id."""
    from publication.translation.sections import split_sections

    sections = {section.id: section.text for section in split_sections(page_body(text))}
    for unit_id, new in edits.items():
        section_id = unit_id.split("#", 1)[1]
        if sections.get(section_id) != new.strip("\n"):
            raise _error(
                shown,
                None,
                f"unit {unit_id}: the translation does not stay one section with the id {{#{section_id}}} in {english_file}",
                "keep the heading's code {#...} and add no heading inside the unit",
            )
