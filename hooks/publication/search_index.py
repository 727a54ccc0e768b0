"""One search index per language.

mkdocs-static-i18n stacks the entries of every language into one index at
`search/search_index.json`, so a reader of the English pages gets French
results (its maintainer calls per-language search "not possible", issue 271).
We split that index by the language prefix of each entry's location and write
one index per language root, each with its own lunr stemmer; the theme
override points each page at its own language's index.
"""
from __future__ import annotations

import json
from pathlib import Path

from publication.languages import Language

INDEX_PATH = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, languages: list[Language]) -> None:
    """Rewrite `site_dir`'s combined index as one index per language."""
    combined_path = site_dir / INDEX_PATH
    if not combined_path.is_file():
        return
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    # Longest prefix first, so that "" (the default language) catches the rest.
    by_prefix = sorted(languages, key=lambda language: len(language.prefix), reverse=True)
    entries: dict[str, list[dict]] = {language.code: [] for language in languages}
    for entry in combined["docs"]:
        for language in by_prefix:
            if entry["location"].startswith(language.prefix):
                entries[language.code].append(
                    {**entry, "location": entry["location"][len(language.prefix):]}
                )
                break
    for language in languages:
        index = {
            "config": {**combined["config"], "lang": [language.code]},
            "docs": entries[language.code],
        }
        path = site_dir / language.prefix / INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        # Compact and key-sorted: smaller downloads, byte-identical rebuilds.
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
            encoding="utf-8",
        )
