"""Which interface strings (data/ui.yml) the generator and the theme use, and
the placeholders each may contain.

A template that prints a string missing from ui.yml would show nothing (Jinja
prints an undefined value as empty text) or stop with a KeyError; a string
whose `{placeholder}` its use does not provide, or that reaches into the
value (`{changed.__class__}`, `{changed:>99999}`), would fail or leak. So the
generator's code and the theme overrides are read for the keys they use, and
ui.yml is checked against them when it is loaded: by `make check` and by
every build.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from publication.content.yamlfile import YamlDocument
from publication.errors import PublicationError, quote

# The placeholders that the code filling each string provides (str.format
# with these names); every other string takes none.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "outdated_text": frozenset({"translated", "changed"}),
    "translation_note": frozenset({"translator", "translated", "reviewer", "reviewed"}),
    "translation_note_editors": frozenset({"translator", "translated", "reviewer", "reviewed"}),
    "translation_note_editors_dated": frozenset({"translator", "translated", "reviewer", "reviewed"}),
    # The reader's pages (article_header.py, listings.py).
    "reading_time": frozenset({"minutes"}),
    "archive_title": frozenset({"year"}),
    "pager_status": frozenset({"page", "pages"}),
    "pager_title": frozenset({"page", "pages"}),
    # Filled in the browser (docs/assets/javascripts/search-fallback.js).
    "search_fallback_other": frozenset({"count"}),
}

# Keys the code builds from a prefix (ui(f"quote_original_{language}")): every value
# the rest can take. A new family is declared here (tests/hostile/test_data_values.py
# fails on an undeclared one).
KEY_FAMILIES: dict[str, tuple[str, ...]] = {
    "quote_translated_from_": ("fr", "en"),
    "quote_original_": ("fr", "en"),
    "log_": ("note", "correction", "update"),  # render/blocks.py: an editorial log entry's kind
}

# Keys the code names away from the call (`key = "warning_investors"`, a
# mapping of states to keys).
INDIRECT_KEYS: tuple[str, ...] = (
    "warning_investors",
    "risk_high",  # render.blocks.render_callout: f"risk_{callout.severity}"
    "risk_medium",
    "risk_low",
    "risk_unassessed",
    "translation_note",
    "translation_note_editors",
    "translation_note_editors_dated",
    "column_original",
    "column_translation",
    "status_up_to_date",
    "status_outdated",
    "status_missing",
    "status_orphaned",
)

_HOOKS_DIR = Path(__file__).resolve().parents[2]  # hooks/: the generator's code and templates
# ui("key", …) and label("key") in code and templates; publication.ui.key or
# publication.ui["key"] in the theme's templates.
_LITERAL_USES = (
    re.compile(r"""\b(?:ui|label)\(\s*["']([a-z][a-z0-9_]*)["']"""),
    re.compile(r"""\bpublication\.ui\.([a-z][a-z0-9_]*)"""),
    re.compile(r"""\bpublication\.ui\[\s*["']([a-z][a-z0-9_]*)["']\s*\]"""),
)
FAMILY_USE = re.compile(r"""\bui\(\s*f["']([a-z][a-z0-9_]*)\{""")


def used_keys(project_dir: Path) -> dict[str, str]:
    """Every interface string the generator and the theme overrides use, with
    where one use is ("hooks/templates/callout.html:3")."""
    sources = [*_HOOKS_DIR.rglob("*.py"), *_HOOKS_DIR.rglob("*.html"), *(project_dir / "overrides").rglob("*.html")]
    return dict(_used_keys(tuple(sorted(sources)), project_dir))


@lru_cache(maxsize=4)
def _used_keys(sources: tuple[Path, ...], project_dir: Path) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for file in sources:
        if file.name == Path(__file__).name:
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern in _LITERAL_USES:
                for key in pattern.findall(line):
                    found.setdefault(key, f"{_shown(file, project_dir)}:{number}")
            for prefix in FAMILY_USE.findall(line):
                for rest in KEY_FAMILIES.get(prefix, ()):
                    found.setdefault(prefix + rest, f"{_shown(file, project_dir)}:{number}")
    for key in INDIRECT_KEYS:
        found.setdefault(key, "the generator")
    return tuple(sorted(found.items()))


def _shown(file: Path, project_dir: Path) -> str:
    for root in (project_dir, _HOOKS_DIR.parent):
        try:
            return file.relative_to(root).as_posix()
        except ValueError:
            continue
    return str(file)


def check_ui_strings(document: YamlDocument, *, project_dir: Path) -> None:
    """Raise PublicationError for a string the code uses that ui.yml lacks, and
    for a placeholder that a string's use does not provide."""
    strings = document.data["strings"]
    for key, where in used_keys(project_dir).items():
        if key not in strings:
            raise PublicationError(
                f"the string '{key}' is missing ({where} uses it)",
                file=document.path,
                line=document.line_of(("strings",)),
                key="strings",
                fix=f"add `{key}:` under `strings:` with its `fr:` and `en:` text",
            )
    for key, texts in strings.items():
        allowed = PLACEHOLDERS.get(key, frozenset())
        for language, text in texts.items():
            _check_placeholders(text, allowed, document, ("strings", key, language))


def _check_placeholders(text: str, allowed: frozenset[str], document: YamlDocument, key_path: tuple[str, ...]) -> None:
    def error(problem: str, fix: str) -> PublicationError:
        return PublicationError(problem, file=document.path, line=document.line_of(key_path), key=".".join(key_path), fix=fix)

    offer = ", ".join("{" + name + "}" for name in sorted(allowed))
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    except ValueError:
        if not allowed:
            return  # shown as written: a lone brace is text
        raise error("a brace is not closed", f"the placeholders here are {offer}; a literal brace is written {{{{ or }}}}") from None
    for name, spec, conversion in fields:
        if not allowed:
            raise error(
                f"this string takes no placeholder, and {quote('{' + name + '}')} would be shown as written",
                "write the text in full",
            )
        if name not in allowed or spec or conversion:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise error(
                f"the placeholder {quote(shown)} is not one this string's use provides",
                f"use only {offer}, each as it is: no dot, index, format or conversion",
            )
