"""Facts the prose cannot contradict: every figure that states one of an
article's facts, in either language, must say what the data says.

A page's title, description and text (its summary included) are read line
by line, as the reader sees them (no comments, markers, code, URLs or ids).
Each figure is recognised by its kind, in the page's language:

money    "100 milliards (de dollars)", "$100 billion", "100 billion"
power    "10 gigawatts", "10 GW", "10-gigawatt"
percent  "50 %", "50%"
period   "seconde moitié de 2026", "second half of 2026", and a bare year
         ("démarre en 2026"), which must be the year of a period fact

and must equal a fact of its kind. Any other figure written in digits
("GPT-4") states no fact the data knows: it is a finding too, unless the
article's data lists it under `figures_not_facts` with the reason a
reviewer accepted. Numbers written in words ("trois lettres") are not read.
A changed fact thus turns every sentence that still states the old value
into a finding naming the file, the line and the fact.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from publication.content.frontmatter import read_front_matter
from publication.content.hidden_text import blank, without_code_spans, without_comments
from publication.errors import quote
from publication.render.formatting import Fact, Money, Percent, Period, Power, format_fact

# Front matter keys whose text readers see.
SHOWN_KEYS = ("title", "description")
_SCALES = {"milliard": 1e9, "milliards": 1e9, "million": 1e6, "millions": 1e6, "billion": 1e9, "million_en": 1e6}
# A number starts where a run of digits starts: a search that may start at
# each digit of a long run (and fail) is quadratic.
_NUMBER = r"(?<!\d)(\d+(?:[.,]\d+)?)"
_SPACE = r"[ \u00a0\u202f]"
_PATTERNS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "fr": [
        ("money", re.compile(rf"{_NUMBER}{_SPACE}*(milliards?|millions?)(?:{_SPACE}+(?:de{_SPACE}+dollars|d’euros|d'euros))?")),
        ("power", re.compile(rf"{_NUMBER}[ \u00a0\u202f-]*(?:gigawatts?|GW)\b")),
        ("percent", re.compile(rf"{_NUMBER}{_SPACE}*%")),
        ("half", re.compile(rf"(première|seconde|deuxième){_SPACE}+moitié{_SPACE}+(?:de{_SPACE}+)?(\d{{4}})")),
        ("year", re.compile(r"(?<![\d.,-])((?:19|20)\d\d)(?![\d%])")),
    ],
    "en": [
        ("money", re.compile(rf"(?:\$|€){_NUMBER}{_SPACE}*(billion|million)|{_NUMBER}{_SPACE}+(billion|million)")),
        ("power", re.compile(rf"{_NUMBER}[ \u00a0\u202f-]*(?:gigawatts?|GW)\b")),
        ("percent", re.compile(rf"{_NUMBER}{_SPACE}*%")),
        ("half", re.compile(rf"(first|second){_SPACE}+half{_SPACE}+of{_SPACE}+(\d{{4}})")),
        ("year", re.compile(r"(?<![\d.,-])((?:19|20)\d\d)(?![\d%])")),
    ],
}
_ANY_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_HALVES = {"première": 1, "seconde": 2, "deuxième": 2, "first": 1, "second": 2}
# What a reader does not see, blanked out (same length) before reading.
# Comments and code spans by the scanners of hidden_text (as patterns they
# backtrack), then these, whose repeats stop at the next opener: one that
# could run to the end of the line from each of many openers is quadratic.
_HIDDEN = [
    re.compile(r"\]\((?:[^()]|\([^()]*\))*\)"),
    re.compile(r"https?://\S+"),
    re.compile(r"\{[#.:][^{}]*\}"),
    re.compile(r"</?[A-Za-z][^<>]*>"),
]


def _quoted(written: str) -> str:
    """A figure as a finding quotes it: at most one short line (a contributor's
    50,000-digit "figure" is not printed whole)."""
    return quote(written.strip())[1:-1]


@dataclass(frozen=True, slots=True, kw_only=True)
class FactFinding:
    file: str  # relative to the project
    line: int
    fact: str  # the fact's name in data, or "" for a figure that states none
    message: str

    def __str__(self) -> str:
        named = f"fact {self.fact}: " if self.fact else ""
        return f"{self.file}:{self.line}: {named}{self.message}"


def check_page_facts(
    source: str, *, path: str, language: str, facts: dict[str, Fact], not_facts: tuple[str, ...] = ()
) -> list[FactFinding]:
    """Every figure of the page in `source` (the whole file) that contradicts
    `facts`, or states none and is not in `not_facts`."""
    findings = []
    for number, line in _shown_lines(source, path=path):
        for figure in not_facts:
            line = line.replace(figure, " " * len(figure))
        line = without_code_spans(without_comments(line, blank), blank)
        for pattern in _HIDDEN:
            line = pattern.sub(lambda match: blank(match.group(0)), line)
        findings += _check_line(line, number=number, path=path, language=language, facts=facts)
    return findings


def _shown_lines(source: str, *, path: str) -> list[tuple[int, str]]:
    """(line number, text) of the lines a reader sees: the front matter's
    title and description, then the body outside fenced code."""
    lines = source.splitlines()
    front = read_front_matter(source, path=path)
    shown: list[tuple[int, str]] = []
    body_start = 0
    if lines and lines[0].strip() == "---":
        end = next((index for index in range(1, len(lines)) if lines[index].strip() == "---"), 0)
        body_start = end + 1
        key_lines = sorted((line, str(key[0])) for key, line in front.lines.items() if len(key) == 1)
        for position, (line, key) in enumerate(key_lines):
            if key not in SHOWN_KEYS:
                continue
            last = key_lines[position + 1][0] - 1 if position + 1 < len(key_lines) else end
            for number in range(line, last + 1):
                text = lines[number - 1]
                if number == line:
                    text = text.split(":", 1)[1] if ":" in text else ""
                if not text.lstrip().startswith("#"):
                    shown.append((number, text))
    fence = None
    for index in range(body_start, len(lines)):
        text = lines[index]
        stripped = text.lstrip()
        if stripped.startswith(("```", "~~~")):
            token = stripped[:3]
            fence = None if fence == token else (fence or token)
            continue
        if fence is None:
            shown.append((index + 1, text))
    return shown


def _check_line(line: str, *, number: int, path: str, language: str, facts: dict[str, Fact]) -> list[FactFinding]:
    findings: list[FactFinding] = []
    claimed = [False] * len(line)

    def claim(match: re.Match[str]) -> bool:
        if any(claimed[match.start():match.end()]):
            return False
        claimed[match.start():match.end()] = [True] * (match.end() - match.start())
        return True

    def finding(kind_facts: Mapping[str, Fact], written: str, kind: str) -> None:
        if len(kind_facts) == 1:
            (name, fact), = kind_facts.items()
            message = f"the text says “{_quoted(written)}”, the data says {format_fact(fact, language)}"
        elif kind_facts:
            name = ""
            known = "; ".join(f"{key}: {format_fact(value, language)}" for key, value in kind_facts.items())
            message = f"the text says “{_quoted(written)}”, which no {kind} fact says ({known})"
        else:
            name = ""
            message = f"the text states a {kind} (“{_quoted(written)}”) that the data has no fact for"
        findings.append(FactFinding(file=path, line=number, fact=name, message=message))

    for kind, pattern in _PATTERNS[language]:
        for match in pattern.finditer(line):
            if not claim(match):
                continue
            written = match.group(0)
            if kind == "money":
                value_text, scale = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
                amount = _number(value_text) * (_SCALES["million_en"] if scale == "million" and language == "en" else _SCALES[scale])
                money = {k: f for k, f in facts.items() if isinstance(f, Money)}
                if not any(abs(f.amount - amount) < 0.5 for f in money.values()):
                    finding(money, written, "money")
            elif kind == "power":
                power = {k: f for k, f in facts.items() if isinstance(f, Power)}
                if not any(f.gigawatts == _number(match.group(1)) for f in power.values()):
                    finding(power, written, "power")
            elif kind == "percent":
                percent = {k: f for k, f in facts.items() if isinstance(f, Percent)}
                if not any(f.value == _number(match.group(1)) for f in percent.values()):
                    finding(percent, written, "percent")
            elif kind == "half":
                periods = {k: f for k, f in facts.items() if isinstance(f, Period)}
                half, year = _HALVES[match.group(1)], int(match.group(2))
                if not any((f.half, f.year) == (half, year) for f in periods.values()):
                    finding(periods, written, "period")
            else:  # a bare year: the year of a period
                years = {k: f for k, f in facts.items() if isinstance(f, Period)}
                if not any(f.year == int(match.group(1)) for f in years.values()):
                    finding(years, written, "period")
    for match in _ANY_NUMBER.finditer(line):
        if claim(match):
            findings.append(
                FactFinding(
                    file=path,
                    line=number,
                    fact="",
                    message=f"the figure “{_quoted(match.group(0))}” states no fact of the data: add it to figures_not_facts "
                    "with the reason, or make it a fact",
                )
            )
    return findings


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def article_fact_findings(project_dir: Path, docs_dir: Path, data_dir: Path) -> list[FactFinding]:
    """The findings of every article page, in every language, against its data."""
    from publication.content.data import load_article_data

    findings = []
    for page in sorted((docs_dir / "articles").glob("*.md")):
        article_name = page.name.split(".")[0]
        article = load_article_data(data_dir, article_name)
        if article is None or not article.facts:
            continue
        parts = page.name.split(".")
        language = parts[1] if len(parts) == 3 else "fr"
        if language not in _PATTERNS:
            continue
        path = str(page.relative_to(project_dir))
        findings += check_page_facts(
            page.read_text(encoding="utf-8-sig"),
            path=path,
            language=language,
            facts=article.facts,
            not_facts=article.figures_not_facts,
        )
    return findings
