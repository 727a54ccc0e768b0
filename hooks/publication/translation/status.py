"""Which English text is behind its French source, unit by unit.

A unit is a section of a page (by heading id) or a translatable data entry
(a glossary term, a callout, a table row...). The lock file
data/translations.lock.yml pins each English unit to a fingerprint of the
normalised French it was translated from, so:

- up to date: the French fingerprint is the pinned one;
- outdated: the French changed since the pin (or was never pinned);
- missing: the French unit has no English counterpart;
- orphaned: the English unit has no French counterpart any more.

The lock is written by `make translations-ok` (see `main` below), never by
hand, so a pull request's diff shows what was re-translated. Fingerprints
ignore whitespace and typographic variants: reflowing a paragraph changes
nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from publication.content.data import cached_by_mtime, load_article_data, load_glossary, load_ui, read_data_file
from publication.content.fact_check import article_fact_findings
from publication.content.frontmatter import page_body
from publication.errors import PublicationError
from publication.translation.diff import Change, format_plain, shortened, word_diff
from publication.translation.lock import LOCK_FILE, Pin, read_lock, write_lock
from publication.translation.qa import Finding, QaException, accepted, qa_section
from publication.translation.sections import Section, fingerprint, split_sections

STATES = ("up to date", "outdated", "missing", "orphaned")
SOURCE, TARGET = "fr", "en"


@dataclass(frozen=True, slots=True)
class DataField:
    """One text of a data unit, as written in its file ({placeholders} unfilled)."""

    path: str  # "terms.agi.short": names the field in XLIFF and TMX
    key: tuple[str | int, ...]  # its key path in the file, without the language
    french: str
    english: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    id: str  # "articles/openai-nvidia#deal-du-siecle", "glossary#agi"
    french: str | None  # the source text, None if orphaned
    english: str | None  # the translation, None if missing
    french_file: str  # where the French lives, relative to the project
    english_file: str
    fields: tuple[DataField, ...] = ()  # a data unit's texts; () for a page section


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitStatus:
    unit: Unit
    state: str
    french_date: str | None
    english_date: str | None
    findings: list = field(default_factory=list)
    pin: Pin | None = None

    def french_changes(self) -> list[Change] | None:
        """For an outdated unit, the French pinned against the French now,
        word by word; None when there is nothing to compare (never pinned, or
        pinned before the lock kept the text)."""
        if self.state != "outdated" or self.pin is None or self.pin.french is None or self.unit.french is None:
            return None
        return word_diff(self.pin.french, self.unit.french)


def page_units(project_dir: Path, docs_dir: Path) -> list[Unit]:
    """Section units of every page: docs/X.md against docs/X.en.md."""
    units = []
    for french_file in sorted(docs_dir.rglob("*.md")):
        if french_file.name.endswith(f".{TARGET}.md"):
            continue
        name = french_file.relative_to(docs_dir).with_suffix("").as_posix()
        english_file = french_file.with_name(f"{french_file.stem}.{TARGET}.md")
        french = sections_of(french_file)
        english = sections_of(english_file) if english_file.is_file() else {}
        for section_id in [*french, *(key for key in english if key not in french)]:
            units.append(
                Unit(
                    id=f"{name}#{section_id}",
                    french=french[section_id].text if section_id in french else None,
                    english=english[section_id].text if section_id in english else None,
                    french_file=str(french_file.relative_to(project_dir)),
                    english_file=str(english_file.relative_to(project_dir)),
                )
            )
    return units


def sections_of(file: Path) -> dict[str, Section]:
    """The sections of the page in `file`, by id."""
    return cached_by_mtime(file, "sections", lambda: _sections(file))


def _sections(file: Path) -> dict[str, Section]:
    source = file.read_text(encoding="utf-8-sig")
    body = page_body(source)
    offset = source[: len(source) - len(body)].count("\n")  # the front matter's lines
    sections: dict[str, Section] = {}
    for section in split_sections(body):
        first = sections.get(section.id)
        if first is not None:
            # Two sections with one id would be one unit: the second would hide
            # the first from the lock, and an outdated section with it.
            raise PublicationError(
                f"the section id '{section.id}' is used twice (first at line {first.line + offset})",
                file=_shown_path(file),
                line=section.line + offset,
                fix="give each heading its own {#id}; the English page uses the same ids as the French",
            )
        sections[section.id] = section
    return sections


def _shown_path(file: Path) -> str:
    """`file` as contributors see it: relative to the project (the folder of
    mkdocs.yml), e.g. docs/articles/x.md."""
    for folder in file.parents:
        if (folder / "mkdocs.yml").is_file():
            return file.relative_to(folder).as_posix()
    return file.as_posix()


def data_units(data_dir: Path) -> list[Unit]:
    """Units of the data files: French and English sit side by side there."""
    units = []

    def shown(file: str) -> str:
        return f"{data_dir.name}/{file}"

    glossary_file = _raw_data(data_dir, "glossary.yml", "glossary.schema.json")
    for term in load_glossary(data_dir).terms.values():
        texts = [term.term, term.short, term.definition] + ([term.expansion] if term.expansion else [])
        keys: list[tuple[str | int, ...]] = [("terms", term.id, name) for name in ("term", "short", "definition")]
        keys += [("terms", term.id, "expansion")] if term.expansion else []
        units.append(_data_unit(f"glossary#{term.id}", texts, shown("glossary.yml"), _fields(glossary_file, keys)))
    ui_file = _raw_data(data_dir, "ui.yml", "ui.schema.json")
    for key, text in load_ui(data_dir).strings.items():
        units.append(_data_unit(f"ui#{key}", [text], shown("ui.yml"), _fields(ui_file, [("strings", key)])))
    for file in sorted((data_dir / "articles").glob("*.yml")):
        article = load_article_data(data_dir, file.stem)
        if article is None:
            continue
        raw = _raw_data(data_dir, f"articles/{file.name}", "article.schema.json")
        prefix = f"data:articles/{file.stem}"
        path = shown(f"articles/{file.name}")
        if article.deal_table:
            table = article.deal_table
            keys = [("deal_table", "caption"), ("deal_table", "header", "aspect"), ("deal_table", "header", "details")]
            units.append(
                _data_unit(f"{prefix}#deal-table", [table.caption, table.aspect_header, table.details_header], path, _fields(raw, keys))
            )
            for index, row in enumerate(table.rows):
                keys = [("deal_table", "rows", index, "aspect"), ("deal_table", "rows", index, "details")]
                units.append(_data_unit(f"{prefix}#deal-table-row-{index + 1}", [row.aspect, row.details], path, _fields(raw, keys)))
        for callout in article.callouts.values():
            keys = [("callouts", callout.id, "text")]
            units.append(_data_unit(f"{prefix}#callout-{callout.id}", [callout.text], path, _fields(raw, keys)))
        for quote in article.quotes.values():
            keys = [("quotes", quote.id, "text"), ("quotes", quote.id, "role")]
            units.append(_data_unit(f"{prefix}#quote-{quote.id}", [quote.text, quote.role], path, _fields(raw, keys)))
    return units


def _raw_data(data_dir: Path, relative: str, schema: str) -> object:
    """A data file's values as written (the models fill in placeholders)."""
    return cached_by_mtime(data_dir / relative, "raw", lambda: read_data_file(data_dir, relative, schema).data)


def _fields(document: object, keys: Sequence[tuple[str | int, ...]]) -> tuple[DataField, ...]:
    fields = []
    for key in keys:
        node = document
        for part in key:
            node = node[part]  # type: ignore[index]
        texts = node if isinstance(node, dict) else {}
        fields.append(DataField(".".join(str(part) for part in key), key, str(texts.get(SOURCE, "")), texts.get(TARGET)))
    return tuple(fields)


def _data_unit(unit_id: str, texts: list, path: str, fields: tuple[DataField, ...] = ()) -> Unit:
    return Unit(
        id=unit_id,
        french="\n".join(text.fr for text in texts),
        english="\n".join(text.en for text in texts),
        french_file=path,
        english_file=path,
        fields=fields,
    )


def all_units(project_dir: Path, docs_dir: Path, data_dir: Path) -> list[Unit]:
    return page_units(project_dir, docs_dir) + data_units(data_dir)


def state_of(unit: Unit, pins: dict[str, Pin]) -> str:
    if unit.english is None:
        return "missing"
    if unit.french is None:
        return "orphaned"
    pin = pins.get(unit.id)
    return "up to date" if pin and pin.source == fingerprint(unit.french) else "outdated"


@functools.cache
def last_change(project_dir: Path, file: str) -> str | None:
    """The date of the last commit that changed `file`, if git knows it."""
    return last_changes(project_dir).get(file)


# Memo of last_changes: (project folder, HEAD commit) -> file -> date.
_last_changes: dict[tuple[str, str], dict[str, str]] = {}


def last_changes(project_dir: Path) -> dict[str, str]:
    """The date of the last commit that changed each file under
    `project_dir` (paths relative to it), from one `git log` for the whole
    history rather than one per file; computed again only when HEAD moves."""
    head = _git(project_dir, "rev-parse", "HEAD")
    if head is None:
        return {}
    key = (str(project_dir), head.strip())
    if key not in _last_changes:
        log = _git(project_dir, "log", "--relative", "--format=%x00%cs", "--name-only", "--", ".") or ""
        dates: dict[str, str] = {}
        date = ""
        for line in log.splitlines():
            if line.startswith("\x00"):
                date = line[1:]
            elif line and date:
                dates.setdefault(line, date)  # newest first: the first seen is the last change
        _last_changes.clear()
        _last_changes[key] = dates
    return _last_changes[key]


def _git(project_dir: Path, *arguments: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *arguments],
            cwd=project_dir,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def statuses(project_dir: Path, docs_dir: Path, data_dir: Path) -> list[UnitStatus]:
    units = all_units(project_dir, docs_dir, data_dir)
    pins = read_lock(data_dir)
    # The pinned French is read only for the outdated units, which show it.
    outdated = {unit.id for unit in units if unit.id in pins and state_of(unit, pins) == "outdated"}
    if outdated:
        pins = read_lock(data_dir, french_of=outdated)
    # One `git log` for every unit (git runs once per build, not per file).
    changes = last_changes(project_dir)
    return [
        UnitStatus(
            unit=unit,
            state=state_of(unit, pins),
            french_date=changes.get(unit.french_file) if unit.french is not None else None,
            english_date=pins[unit.id].pinned if unit.id in pins else None,
            pin=pins.get(unit.id),
        )
        for unit in units
    ]


def pin(project_dir: Path, docs_dir: Path, data_dir: Path, selectors: list[str], *, today: str | None = None) -> list[str]:
    """Pin the units named by `selectors` ("page#section", "page" for all its
    sections, "all") to their current French; the ids pinned."""
    today = today or dt.date.today().isoformat()
    units = all_units(project_dir, docs_dir, data_dir)
    pins = read_lock(data_dir)
    chosen = [unit for unit in units if any(_selects(selector, unit.id) for selector in selectors)]
    unknown = [selector for selector in selectors if not any(_selects(selector, unit.id) for unit in units)]
    if unknown:
        raise PublicationError(
            f"no translation unit matches '{unknown[0]}'",
            file=f"{data_dir.name}/{LOCK_FILE}",
            fix="name a unit as `make translations` lists it (page#section), a page, or all",
        )
    pinned = []
    for unit in chosen:
        if unit.french is None or unit.english is None:
            continue  # nothing to pin: missing or orphaned
        pins[unit.id] = Pin(source=fingerprint(unit.french), pinned=today, french=unit.french)
        pinned.append(unit.id)
    # Pins of units that no longer exist go too: the lock mirrors the sources.
    known = {unit.id for unit in units}
    write_lock(data_dir, {unit_id: value for unit_id, value in pins.items() if unit_id in known})
    return pinned


def _exchange(args, project: Path, docs_dir: Path, data_dir: Path) -> int:
    """`make xliff`, `make xliff-import` and `make tmx`."""
    from publication.translation.tmx import tmx_document
    from publication.translation.xliff import export_all, import_file, make_folder, write_atomically

    if args.command == "xliff":
        language = os.environ.get(args.language_from, "") if args.language_from else args.language
        if language != TARGET:
            print(f"make xliff: LANG={language!r} is not a language the site is translated into; use LANG={TARGET}", file=sys.stderr)
            return 2
        out = Path(args.out) if args.out else project / "xliff" / language
        written = export_all(project, docs_dir, data_dir, language=language, out_dir=out)
        print(f"Wrote {len(written)} XLIFF 2.0 file(s) into {_relative(out, project)}/ (French into {language}):")
        for file in written:
            print(f"  {_relative(file, project)}")
        return 0
    if args.command == "tmx":
        out = Path(args.out) if args.out else project / "xliff" / f"silicium.{SOURCE}-{TARGET}.tmx"
        make_folder(out.parent)
        document = tmx_document(statuses(project, docs_dir, data_dir), language=TARGET)
        write_atomically(out, document.decode("utf-8"), shown=_relative(out, project))
        print(f"Wrote {document.count(b'<tu ')} translation unit(s) into {_relative(out, project)} (TMX 1.4)")
        return 0
    name = (os.environ.get(args.file_from, "") if args.file_from else "") or args.file or ""
    if not name.strip():
        print("Name the file: make xliff-import FILE=xliff/en/docs/articles/openai-nvidia.md.xlf", file=sys.stderr)
        return 2
    file = Path(name)
    if not file.is_absolute():
        file = Path.cwd() / file
    report = import_file(project, docs_dir, data_dir, file, language=TARGET, shown=name)
    print(f"Imported {name}: {len(report.updated)} unit(s) updated, {len(report.confirmed)} confirmed as still right, {report.unchanged} unchanged.")
    for unit_id in report.updated:
        print(f"  updated and pinned: {unit_id}")
    for unit_id in report.confirmed:
        print(f"  pinned (English unchanged, reviewed): {unit_id}")
    return 0


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project).as_posix()
    except ValueError:
        return str(path)


def _print_diff(project: Path, docs_dir: Path, data_dir: Path, selectors: list[str]) -> int:
    selectors = [selector for selector in selectors if selector.strip()]
    if not selectors:
        print("Name a unit: make translations-diff UNIT=articles/openai-nvidia#signaux (a unit from `make translations`, a page, or all)", file=sys.stderr)
        return 2
    rows = statuses(project, docs_dir, data_dir)
    unknown = [selector for selector in selectors if not any(_selects(selector, row.unit.id) for row in rows)]
    if unknown:
        raise PublicationError(
            f"no translation unit matches '{unknown[0]}'",
            file=f"{data_dir.name}/{LOCK_FILE}",
            fix="name a unit as `make translations` lists it (page#section), a page, or all",
        )
    chosen = [row for row in rows if any(_selects(selector, row.unit.id) for selector in selectors)]
    outdated = [row for row in chosen if row.state == "outdated"]
    for row in chosen:
        if row.state != "outdated" and len(chosen) == 1:
            print(f"{row.unit.id} is {row.state}: " + {
                "up to date": f"its French has not changed since the English was pinned on {row.english_date}.",
                "missing": "it has no English yet; translate the whole French.",
                "orphaned": "its French is gone; remove the English section.",
            }[row.state])
    if outdated:
        print(format_changes(outdated, colour=_colour(sys.stdout), full=True))
    elif len(chosen) > 1:
        print(f"None of the {len(chosen)} units is outdated.")
    return 0


def _selects(selector: str, unit_id: str) -> bool:
    return selector == "all" or unit_id == selector or unit_id.startswith(selector + "#")


EXCEPTIONS_FILE = "translations.exceptions.yml"


def read_exceptions(data_dir: Path) -> list[QaException]:
    """Reviewed exceptions to QA findings (data/translations.exceptions.yml)."""
    file = data_dir / EXCEPTIONS_FILE
    if not file.is_file():
        return []
    document = read_data_file(data_dir, EXCEPTIONS_FILE, "translations-exceptions.schema.json")
    return [QaException(**entry) for entry in document.data["exceptions"]]


_findings: dict[tuple, list[UnitStatus]] = {}


def with_findings(project_dir: Path, docs_dir: Path, data_dir: Path) -> list[UnitStatus]:
    """Every unit's status, with the QA findings that no reviewed exception
    accepts; computed again only when a page or a data file changed (each
    language's build shows the same table)."""
    stamp = tuple(
        (str(file), file.stat().st_mtime_ns, file.stat().st_size)
        for folder, pattern in ((docs_dir, "*.md"), (data_dir, "*.yml"))
        for file in sorted(folder.rglob(pattern))
    )
    if stamp not in _findings:
        _findings.clear()
        _findings[stamp] = _with_findings(project_dir, docs_dir, data_dir)
    return _findings[stamp]


def _with_findings(project_dir: Path, docs_dir: Path, data_dir: Path) -> list[UnitStatus]:
    glossary = load_glossary(data_dir)
    exceptions = read_exceptions(data_dir)
    result = []
    facts = _fact_findings_by_unit(project_dir, docs_dir, data_dir)
    for status in statuses(project_dir, docs_dir, data_dir):
        unit = status.unit
        findings: list = []
        if unit.french is not None and unit.english is not None and "#" in unit.id and not unit.id.startswith(("glossary#", "ui#", "data:")):
            findings, _accepted = accepted(qa_section(unit.id, unit.french, unit.english, glossary=glossary), exceptions)
        findings = findings + facts.get(unit.id, [])
        result.append(dataclasses.replace(status, findings=findings))
    return result


def _fact_findings_by_unit(project_dir: Path, docs_dir: Path, data_dir: Path) -> dict[str, list[Finding]]:
    """The fact check's findings (publication.content.fact_check), as QA findings of
    the section that holds each line, in either language; the front matter's
    title and description count as the page's first section."""
    by_unit: dict[str, list[Finding]] = {}
    for fact_finding in article_fact_findings(project_dir, docs_dir, data_dir):
        file = project_dir / fact_finding.file
        name = file.relative_to(docs_dir).as_posix().split(".")[0]
        source = file.read_text(encoding="utf-8-sig")
        body_offset = len(source.splitlines()) - len(page_body(source).splitlines())
        sections = list(sections_of(file).values())
        holding = [section for section in sections if section.line + body_offset <= fact_finding.line]
        section = holding[-1] if holding else (sections[0] if sections else None)
        if section is None:
            continue
        unit = f"{name}#{section.id}"
        by_unit.setdefault(unit, []).append(Finding(check="facts", unit=unit, message=str(fact_finding)))
    return by_unit


def format_table(rows: list[UnitStatus]) -> str:
    header = ("unit", "state", "French date", "English date", "QA findings")
    table = [header] + [
        (
            row.unit.id,
            row.state,
            row.french_date or "-",
            row.english_date or "-",
            "; ".join(f"{finding.check}: {finding.message}" for finding in row.findings) or "-",
        )
        for row in rows
    ]
    widths = [max(len(line[column]) for line in table) for column in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line[:4], widths)) + "  " + line[4] for line in table]
    return "\n".join([lines[0], "-" * len(lines[0]), *lines[1:]])


def format_changes(rows: list[UnitStatus], *, colour: bool = False, full: bool = False) -> str:
    """What changed in the French of each outdated unit in `rows`, for the
    terminal: the unit, when its English was pinned, and the word diff."""
    blocks = []
    for row in rows:
        if row.state != "outdated":
            continue
        changes = row.french_changes()
        if changes is None:
            why = "never pinned" if row.pin is None else f"pinned on {row.pin.pinned}, before the lock kept the French"
            blocks.append(f"{row.unit.id} ({row.unit.french_file}): {why}; no earlier French to compare")
            continue
        shown = changes if full else shortened(changes)
        # Wrapped at spaces only: a change's markers stay whole words.
        text = textwrap.fill(format_plain(shown, colour=colour), width=100, initial_indent="  ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
        blocks.append(f"{row.unit.id} ({row.unit.french_file}): the French since the English was pinned on {row.pin.pinned if row.pin else '-'}\n" + text)
    return "\n\n".join(blocks)


def _colour(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="make translations", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=".", help="the folder of mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="print every unit's state, dates and QA findings")
    status.add_argument("--strict", action="store_true", help="exit 1 unless every unit is up to date with no QA finding")
    status.add_argument("--summary", action="store_true", help="print only the units that need work, and the totals")
    status.add_argument(
        "--fail-on", default="", help="comma-separated states that make the command fail, e.g. missing,orphaned"
    )
    diff = commands.add_parser("diff", help="what changed in the French of outdated units since their English was pinned")
    diff.add_argument("units", nargs="*", help="page#section, a page (all its sections), a data unit, or all")
    diff.add_argument("--unit-from", metavar="VARIABLE", help="read the unit from this environment variable (make passes UNIT so)")
    xliff = commands.add_parser("xliff", help="XLIFF 2.0 files for CAT tools, one per French page and data file")
    xliff.add_argument("--language", default=TARGET, help="the language to translate into (en)")
    xliff.add_argument("--language-from", metavar="VARIABLE", help="read the language from this environment variable (make passes LANG so)")
    xliff.add_argument("--out", help="the folder to write into (default: xliff/<language>)")
    xliff_import = commands.add_parser("xliff-import", help="write an XLIFF file's translations back and pin them")
    xliff_import.add_argument("file", nargs="?", help="an .xlf file written by `make xliff` and translated")
    xliff_import.add_argument("--file-from", metavar="VARIABLE", help="read the file from this environment variable (make passes FILE so)")
    tmx = commands.add_parser("tmx", help="a TMX 1.4 translation memory of every pinned pair")
    tmx.add_argument("--out", help="the file to write (default: xliff/silicium.fr-en.tmx)")
    pin_command = commands.add_parser("pin", help="pin units to their current French after updating the English")
    pin_command.add_argument("units", nargs="+", help="page#section, a page (all its sections), a data unit, or all")
    args = parser.parse_args(argv)

    project = Path(args.project).resolve()
    docs_dir, data_dir = project / "docs", project / "data"
    try:
        if args.command == "pin":
            pinned = pin(project, docs_dir, data_dir, args.units)
            print(f"Pinned {len(pinned)} unit(s) in {data_dir.name}/{LOCK_FILE}:")
            for unit_id in pinned:
                print(f"  {unit_id}")
            return 0
        if args.command in ("xliff", "xliff-import", "tmx"):
            return _exchange(args, project, docs_dir, data_dir)
        if args.command == "diff":
            return _print_diff(project, docs_dir, data_dir, args.units + ([os.environ.get(args.unit_from, "")] if args.unit_from else []))
        rows = with_findings(project, docs_dir, data_dir)
    except PublicationError as error:
        print(error, file=sys.stderr)
        return 1
    shown = [row for row in rows if row.state != "up to date" or row.findings] if args.summary else rows
    if shown:
        print(format_table(shown))
    changes = format_changes(rows, colour=_colour(sys.stdout))
    if changes and not args.summary:
        print("\nWhat changed in the French ([-removed-] {+added+}):\n\n" + changes)
    counts = {state: sum(row.state == state for row in rows) for state in STATES}
    findings = sum(len(row.findings) for row in rows)
    print(("\n" if shown else "") + "Translations: " + ", ".join(f"{count} {state}" for state, count in counts.items()) + f"; {findings} QA finding(s)")
    fail_on = {state.strip().replace("-", " ") for state in args.fail_on.split(",") if state.strip()}
    unknown = fail_on - set(STATES) - {"qa"}
    if unknown:
        print(f"--fail-on: unknown state(s) {', '.join(sorted(unknown))}; use {', '.join(STATES)} or qa", file=sys.stderr)
        return 2
    if args.strict:
        fail_on = {"outdated", "missing", "orphaned", "qa"}
    failed = [state for state in fail_on if (counts.get(state) if state != "qa" else findings)]
    if failed:
        print(f"Failing on: {', '.join(sorted(failed))}", file=sys.stderr)
        return 1
    return 0


def sections_behind(data_dir: Path, name: str, french_file: Path, english_file: Path) -> dict[str, Pin | None]:
    """The sections of an English page whose French changed since their pin
    (or that were never pinned), with their pin; `name` is the page without
    language suffix ("articles/openai-nvidia")."""
    if not (french_file.is_file() and english_file.is_file()):
        return {}
    french = sections_of(french_file)
    pins = read_lock(data_dir)
    behind = {}
    for section_id in sections_of(english_file):
        if section_id not in french:
            continue  # orphaned: reported by `make translations`
        pin = pins.get(f"{name}#{section_id}")
        if not pin or pin.source != fingerprint(french[section_id].text):
            behind[section_id] = pin
    return behind
