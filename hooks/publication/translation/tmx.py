"""A TMX 1.4 translation memory of every pinned French–English pair.

A pair is the French a unit's English was pinned to and that English; where
both have the same blocks, one translation unit per block (a heading, a
paragraph, a list item, a data field), which is what a CAT tool matches
against, else one for the whole unit. Inline Markdown is kept as TMX inline
elements (`<bpt>`/`<ept>` around emphasis and link text, `<ph>` for the
rest), so a match brings its codes along. Written with lxml.
"""
from __future__ import annotations

import datetime as dt

from lxml import etree

from publication.translation.segments import Piece, Term, inline_pieces, parts

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def pairs(statuses: list) -> list[tuple[str, str, str, str]]:
    """(unit id, block, French, English) of every pinned unit with English."""
    result = []
    for status in statuses:
        unit, pin = status.unit, status.pin
        if pin is None or unit.english is None:
            continue
        french = unit.french if status.state == "up to date" else pin.french
        if french is None:
            continue
        if unit.fields:
            if status.state != "up to date":
                continue  # an outdated data unit: the pinned French of each field is not kept apart
            result += [(unit.id, field.path, field.french, field.english) for field in unit.fields if field.english]
            continue
        french_blocks = [part.text for part in parts(french) if part.translatable]
        english_blocks = [part.text for part in parts(unit.english) if part.translatable]
        if len(french_blocks) == len(english_blocks):
            result += [(unit.id, f"block {index + 1}", fr, en) for index, (fr, en) in enumerate(zip(french_blocks, english_blocks))]
        else:
            result.append((unit.id, "all", french, unit.english))
    return result


def tmx_document(statuses: list, *, language: str, source_language: str = "fr") -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="Silicium publication",
        creationtoolversion="1",
        segtype="block",
        **{"o-tmf": "Markdown", "adminlang": "en", "srclang": source_language, "datatype": "markdown"},
        creationdate=dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
    )
    body = etree.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for unit_id, block, french, english in pairs(statuses):
        if (french, english) in seen:
            continue  # the same pair twice teaches a tool nothing
        seen.add((french, english))
        tu = etree.SubElement(body, "tu", tuid=f"{unit_id} {block}")
        note = etree.SubElement(tu, "prop", type="x-unit")
        note.text = unit_id
        for lang, text in ((source_language, french), (language, english)):
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, lang)
            seg = etree.SubElement(tuv, "seg")
            _write(seg, inline_pieces(text), [0])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write(parent: etree._Element, pieces: list[Piece], counter: list[int]) -> None:
    """`pieces` appended to `parent`, flat: TMX pairs are begin and end
    markers (`<bpt>`, `<ept>`), not elements around the text."""
    for piece in pieces:
        if isinstance(piece, (str, Term)):
            text = piece if isinstance(piece, str) else piece.text
            children = list(parent)
            if children:
                children[-1].tail = (children[-1].tail or "") + text
            else:
                parent.text = (parent.text or "") + text
        elif piece.kind == "ph":
            counter[0] += 1
            etree.SubElement(parent, "ph", x=str(counter[0])).text = piece.start
        else:
            counter[0] += 1
            number = str(counter[0])
            etree.SubElement(parent, "bpt", i=number, x=number).text = piece.start
            _write(parent, piece.inner, counter)
            etree.SubElement(parent, "ept", i=number).text = piece.end
