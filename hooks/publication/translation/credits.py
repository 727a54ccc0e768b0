"""Who translated a page and who reviewed the translation, read from its front matter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from publication.content.yamlfile import YamlDocument
from publication.errors import PublicationError

# The value of `translator:` or `reviewer:` that means the publication's
# editors as a body, not a person.
EDITORS = "editors"
_KEYS = ("translator", "translated", "reviewer", "reviewed")
_EXAMPLE = (
    "write translation: with translator: (a name, or editors), translated: YYYY-MM-DD, "
    "reviewer: (another name, or editors) and reviewed: YYYY-MM-DD"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslationCredit:
    translator: str  # a name, or EDITORS
    translated: str  # ISO 8601
    reviewer: str  # a name distinct from the translator, or EDITORS
    reviewed: str  # ISO 8601, on or after `translated`

    @property
    def by_the_editors(self) -> bool:
        """Translated and reviewed by the editors as a body."""
        return self.translator == self.reviewer == EDITORS


def translation_credit(front_matter: YamlDocument) -> TranslationCredit | None:
    """The page's `translation:` block, or None when it has none.

    A translator who reviews their own work has not been reviewed: the two
    must be different people, unless the note says the editors as a body did
    both ("translated and reviewed by the editors")."""
    value: Any = front_matter.data.get("translation")
    if value is None:
        return None
    path = front_matter.path

    def error(problem: str, key: tuple[str, ...], fix: str = _EXAMPLE) -> PublicationError:
        return PublicationError(
            problem, file=path, line=front_matter.line_of(("translation", *key)), key=".".join(("translation", *key)), fix=fix
        )

    if not isinstance(value, dict):
        raise error("`translation:` must be a block of keys", ())
    missing = [key for key in _KEYS if key not in value]
    if missing:
        raise error(f"`translation:` lacks {', '.join(missing)}", ())
    unknown = sorted(set(value) - set(_KEYS))
    if unknown:
        raise error(f"unknown key '{unknown[0]}'", (unknown[0],))
    fields: dict[str, str] = {}
    for key in _KEYS:
        text = value[key]
        if not isinstance(text, str) or not text.strip():
            raise error("must be text", (key,))
        fields[key] = text.strip()
    for key in ("translated", "reviewed"):
        try:
            dt.date.fromisoformat(fields[key])
        except ValueError:
            raise error(f"'{fields[key]}' is not a date", (key,), fix="write the date as YYYY-MM-DD, e.g. 2026-11-27") from None
        if len(fields[key]) != 10:
            raise error(f"'{fields[key]}' is not a date", (key,), fix="write the date as YYYY-MM-DD, e.g. 2026-11-27")
    if fields["reviewed"] < fields["translated"]:
        raise error("the review is dated before the translation", ("reviewed",), fix="a translation is reviewed on or after the day it is made")
    if fields["translator"].casefold() == fields["reviewer"].casefold() and fields["translator"] != EDITORS:
        raise error(
            f"'{fields['reviewer']}' both translated and reviewed: a translator's own reading is not a review",
            ("reviewer",),
            fix="name a different reviewer, or write translator: editors and reviewer: editors "
            "(the note then says the editors translated and reviewed it)",
        )
    return TranslationCredit(**fields)
