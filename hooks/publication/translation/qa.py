"""Translation QA: the checks Xbench or Okapi CheckMate run, section by section.

Each French section is compared with the English section that shares its id
(see publication.translation.sections). Four checks, each catching a mistake a reviewer
reading the English alone cannot see:

numbers
    The same numbers on both sides, each written in its language's format:
    "1,5", "50 %", "10 000" in French are "1.5", "50%", "10,000" in English.
    A dropped or mistyped figure is the costliest error in a financial text.
    Numbers in link URLs, ids, HTML comments and code are not text a reader
    sees and are left out; spelled-out numbers and scale words ("milliards",
    "billion") are not checked.
glossary
    A glossary term the French uses (one of its French `matches`, whole word,
    case-sensitive, as glossary_links finds it) must appear in the English
    under one of its English `matches`: the publication's terminology stays
    consistent, and the English page can link the term. The English side is
    looked for more leniently, since English grammar reshapes a term without
    changing it: a capital first letter (a heading, a sentence's start), the
    singular of a plural form and hyphenated compounds ("a 10-gigawatt
    build-out" uses "gigawatts").
untranslated
    An English paragraph (or list item, table row, heading) identical to a
    French one, once normalised, was left in French. Units under four words
    (proper names, "Nvidia", an admonition's syntax line) may rightly be the
    same and are skipped, as are data markers.
structure
    Headings (level and id), list items, block quotations, table rows,
    admonitions and data markers correspond one to one, so the rendered pages
    line up section for section and carry the same generated content.

Findings a reviewer has judged acceptable are set aside with a QaException.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from publication.content.hidden_text import without_code_spans, without_comments
from publication.content.models import Glossary, Term
from publication.errors import quote
from publication.translation.sections import normalise, split_sections

CHECKS = ("numbers", "glossary", "untranslated", "structure")


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    check: str  # one of CHECKS
    unit: str  # "articles/openai-nvidia#deal-du-siecle"
    message: str  # one sentence naming what differs


@dataclass(frozen=True, slots=True, kw_only=True)
class QaException:
    """A reviewed decision that a check's findings on a unit are acceptable."""

    unit: str
    check: str
    reason: str


# Block syntax, line by line (fenced code removed first).
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+\{#([A-Za-z0-9_-]+)[^}]*\})?[ \t]*#*[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:([-*+])|\d+[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*>")
_TABLE_ROW = re.compile(r"^[ \t]*\|")
_TABLE_CELL = re.compile(r"(?<!\\)\|")
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*([\w-]*)")
_MARKER = re.compile(r"^[ \t]*(<!--[ \t]*data:.*?-->)[ \t]*$")

_ATTRIBUTES = re.compile(r"\{[:#.][^{}]*\}")  # attribute lists, {#ids} among them

# What a reader does not see, removed before numbers and terms are looked for.
# Comments (data markers among them) and code spans first, by the scanners
# of hidden_text (as patterns they backtrack), then these.
_HIDDEN = [
    re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+\"[^\"]*\")?\)"),  # link and image URLs
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE),  # reference definitions
    re.compile(r"<https?://[^>]*>|https?://\S+"),  # autolinks and bare URLs
    _ATTRIBUTES,
    re.compile(r"</?[A-Za-z][^<>]*>"),  # HTML tags and their attributes
]

# Numbers in each language's format: decimal comma or point, thousands
# grouped by spaces (French) or by commas (English); thin and no-break spaces
# group thousands in both.
_NUMBER = {
    "fr": re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d])(?:,\d+)?|(?<![\d,.])\d+(?:,\d+)?"),
    "en": re.compile(r"(?<![\d,.])\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+(?![\d])(?:\.\d+)?|(?<![\d,.])\d+(?:\.\d+)?"),
}
_GROUP_SEPARATORS = {"fr": " \u00a0\u202f\u2009", "en": ",\u00a0\u202f\u2009"}
_DECIMAL_MARK = {"fr": ",", "en": "."}

_SINGULAR = {
    "headings": "heading",
    "list items": "list item",
    "block quotations": "block quotation",
    "table rows": "table row",
    "admonitions": "admonition",
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 4
_QUOTED_LENGTH = 60


def qa_section(unit: str, french: str, english: str, *, glossary: Glossary) -> list[Finding]:
    """Compare one French section's Markdown with its English translation's."""
    french_lines, english_lines = _without_code(french), _without_code(english)
    messages = {
        "numbers": _numbers(french_lines, english_lines),
        "glossary": _glossary(french_lines, english_lines, glossary.terms.values()),
        "untranslated": _untranslated(french_lines, english_lines),
        "structure": _structure(french_lines, english_lines),
    }
    return [Finding(check=check, unit=unit, message=message) for check in CHECKS for message in messages[check]]


def qa_page(page: str, french_body: str, english_body: str, *, glossary: Glossary) -> list[Finding]:
    """Every section of a page (bodies without front matter) against its
    translation, paired by id; a section in one language only is a structure
    finding. Units are named "page#id"."""
    french = {section.id: section for section in split_sections(french_body)}
    english = {section.id: section for section in split_sections(english_body)}
    findings = []
    for section_id, section in french.items():
        unit = f"{page}#{section_id}"
        if section_id in english:
            findings += qa_section(unit, section.text, english[section_id].text, glossary=glossary)
        else:
            findings.append(Finding(check="structure", unit=unit, message="this section has no English translation"))
    for section_id in english.keys() - french.keys():
        findings.append(
            Finding(check="structure", unit=f"{page}#{section_id}", message="this section is in the English only")
        )
    return findings


def accepted(findings: list[Finding], exceptions: list[QaException]) -> tuple[list[Finding], list[Finding]]:
    """(findings still open, findings accepted by a reviewed exception); an
    exception matches a finding by unit and check."""
    reviewed = {(exception.unit, exception.check) for exception in exceptions}
    open_findings = [finding for finding in findings if (finding.unit, finding.check) not in reviewed]
    accepted_findings = [finding for finding in findings if (finding.unit, finding.check) in reviewed]
    return open_findings, accepted_findings


# Shared reading


def _without_code(markdown: str) -> list[str]:
    """The section's lines, each line of a fenced code block left blank."""
    lines, fence = [], None
    for line in markdown.splitlines():
        match = _FENCE.match(line)
        if match:
            token = match.group(1)
            if fence is None:
                fence = token
            elif token[0] == fence[0] and len(token) >= len(fence):
                fence = None
            lines.append("")
        else:
            lines.append("" if fence else line)
    return lines


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines: Markdown's paragraphs and blocks."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_list_block(block: list[str]) -> bool:
    # Python-Markdown starts a list only after a blank line, so a line inside
    # a paragraph that happens to begin "2026. " is not a list item.
    return bool(_LIST_ITEM.match(block[0]))


def _prose(lines: list[str]) -> str:
    """The text a reader sees: no list markers, URLs, ids, comments, code or tags."""
    text = "\n".join(
        _LIST_ITEM.sub("", line, count=1) if _is_list_block(block) else line
        for block in _blocks(lines)
        for line in block + [""]
    )
    text = without_code_spans(without_comments(text, _space), _space)
    for pattern in _HIDDEN:
        text = pattern.sub(" ", text)
    return html.unescape(text)


def _short(text: str) -> str:
    """Text from a page as a finding quotes it: one short line at most (a
    50,000-digit number is not printed whole)."""
    return quote(text)[1:-1]


def _space(_hidden: str) -> str:
    return " "


# numbers


def _extract_numbers(text: str, language: str) -> Counter[str]:
    numbers: Counter[str] = Counter()
    for match in _NUMBER[language].finditer(text):
        number = match.group(0)
        for separator in _GROUP_SEPARATORS[language]:
            number = number.replace(separator, "")
        numbers[number.replace(_DECIMAL_MARK[language], ".")] += 1
    return numbers


def _numbers(french_lines: list[str], english_lines: list[str]) -> list[str]:
    french = _extract_numbers(_prose(french_lines), "fr")
    english = _extract_numbers(_prose(english_lines), "en")
    messages = []
    for number in sorted(french.keys() | english.keys(), key=lambda n: (float(n), n)):
        in_french, in_english = french[number], english[number]
        if in_french == in_english:
            continue
        if not in_english:
            messages.append(f"the number {_short(number)} is in the French, not in the English")
        elif not in_french:
            messages.append(f"the number {_short(number)} is in the English, not in the French")
        else:
            counts = f"{_times(in_french)} in the French, {_times(in_english)} in the English"
            messages.append(f"the number {_short(number)} is {counts}")
    return messages


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


# glossary


def _french_pattern(term: Term) -> re.Pattern[str]:
    """The term as glossary_links finds it in French: whole word, case-sensitive."""
    forms = sorted(term.matches["fr"], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def _english_pattern(term: Term) -> re.Pattern[str]:
    """The term's English forms, with the leeway English grammar needs."""
    variants = set()
    for form in term.matches["en"]:
        variants.add(form)
        if len(form) > 2 and form.endswith("s"):
            variants.add(form[:-1])  # "a 10-gigawatt build-out"
    alternatives = [
        (f"[{form[0].lower()}{form[0].upper()}]" if form[0].isalpha() else re.escape(form[0])) + re.escape(form[1:])
        for form in sorted(variants, key=len, reverse=True)
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _glossary(french_lines: list[str], english_lines: list[str], terms: Iterable[Term]) -> list[str]:
    french, english = _prose(french_lines), _prose(english_lines)
    messages = []
    for term in terms:
        found = _french_pattern(term).search(french)
        if found and not _english_pattern(term).search(english):
            forms = ", ".join(term.matches["en"])
            messages.append(
                f"the glossary term '{term.term.en}' (French: '{found.group(0)}') "
                f"has none of its English forms ({forms}) in the English"
            )
    return messages


# untranslated


def _units(lines: list[str]) -> list[str]:
    """Paragraphs, list items, table rows and headings, normalised; data
    markers, {#ids} and units under four words left out."""
    units = []
    for block in _blocks(lines):
        pieces: list[list[str]] = []
        for line in block:
            if _MARKER.match(line):
                continue
            starts_piece = (
                not pieces
                or (_is_list_block(block) and _LIST_ITEM.match(line))
                or _TABLE_ROW.match(line)
                or _HEADING.match(line)
                or _ADMONITION.match(line)
            )
            if starts_piece:
                pieces.append([line])
            else:
                pieces[-1].append(line)
        for piece in pieces:
            text = normalise(_ATTRIBUTES.sub(" ", "\n".join(piece)))
            if len(_WORD.findall(text)) >= _MIN_WORDS:
                units.append(text)
    return units


def _untranslated(french_lines: list[str], english_lines: list[str]) -> list[str]:
    french = set(_units(french_lines))
    messages = []
    for unit in _units(english_lines):
        if unit in french:
            shown = unit if len(unit) <= _QUOTED_LENGTH else unit[:_QUOTED_LENGTH].rstrip() + "…"
            messages.append(f"this paragraph is the same in the English as in the French: '{shown}'")
    return messages


# structure


def _outline(lines: list[str]) -> dict[str, list[str]]:
    """Each kind of block, as the sequence of what must correspond."""
    outline: dict[str, list[str]] = {
        "headings": [],
        "list items": [],
        "block quotations": [],
        "table rows": [],
        "admonitions": [],
        "markers": [],
    }
    for block in _blocks(lines):
        in_list = _is_list_block(block)
        if any(_QUOTE.match(line) for line in block):
            outline["block quotations"].append("quotation")  # lazy lines continue it to the block's end
        for line in block:
            if heading := _HEADING.match(line):
                outline["headings"].append(f"{heading.group(1)} {{#{heading.group(3) or ''}}}")
            elif in_list and (item := _LIST_ITEM.match(line)):
                outline["list items"].append("bulleted" if item.group(1) else "numbered")
            elif _TABLE_ROW.match(line):
                cells = len(_TABLE_CELL.split(line.strip().strip("|")))
                outline["table rows"].append(f"row of {cells} cell{'s' if cells != 1 else ''}")
            elif admonition := _ADMONITION.match(line):
                outline["admonitions"].append(admonition.group(1) or "untyped")
            elif marker := _MARKER.match(line):
                outline["markers"].append(marker.group(1))
    return outline


def _structure(french_lines: list[str], english_lines: list[str]) -> list[str]:
    french, english = _outline(french_lines), _outline(english_lines)
    messages = []
    for kind in french:
        ours, theirs = french[kind], english[kind]
        if ours == theirs:
            continue
        if kind == "markers":
            only_french, only_english = Counter(ours) - Counter(theirs), Counter(theirs) - Counter(ours)
            messages += [f"the marker {_short(marker)} is in the French only" for marker in only_french.elements()]
            messages += [f"the marker {_short(marker)} is in the English only" for marker in only_english.elements()]
            if not only_french and not only_english:
                messages.append("the markers are in a different order in the English")
        elif len(ours) != len(theirs):
            name = kind if len(ours) != 1 else _SINGULAR[kind]
            messages.append(f"{len(ours)} {name} in the French, {len(theirs)} in the English")
        else:
            messages.append(
                f"the {kind} differ: {_short(', '.join(ours))} in the French, {_short(', '.join(theirs))} in the English"
            )
    return messages
