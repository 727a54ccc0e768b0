"""The French article publishes its source text word for word, in order."""
from __future__ import annotations

from pathlib import Path

from sitebuild import PROJECT, Site, text_of

SOURCE = PROJECT / "tests" / "source" / "openai-nvidia.fr.txt"


def normalise(text: str) -> str:
    for space in ("\u00a0", "\u202f", "\u2009"):
        text = text.replace(space, " ")
    return " ".join(text.split())


def source_units(path: Path) -> list[str]:
    """Every sentence-bearing unit of the source: lines, list items, table cells."""
    units = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or set(line) <= {"|", "-"}:
            continue
        if line.startswith("|"):
            units.extend(cell.strip() for cell in line.strip("|").split("|"))
        else:
            units.append(line.removeprefix("- "))
    return [normalise(unit) for unit in units if unit.strip()]


def test_the_source_has_the_expected_shape() -> None:
    # Guards the test itself: 45 non-empty lines outside the table (6 of them
    # list items), and a table of 6 rows (header included) of 2 cells.
    units = source_units(SOURCE)
    assert len(units) == 45 + 6 * 2
    assert units[0].startswith("L’essentiel à retenir :")
    assert units[-1].endswith("ça promet d’être sportif !")


def test_every_source_unit_is_in_the_french_article_in_order(site: Site) -> None:
    article = site.page("articles/openai-nvidia/").select_one("article")
    text = normalise(text_of(article))
    position = 0
    for unit in source_units(SOURCE):
        found = text.find(unit, position)
        assert found >= 0, f"not found (in order) in the French article: {unit!r}"
        position = found + len(unit)


def test_the_english_article_is_not_the_french_text(site: Site) -> None:
    article = normalise(text_of(site.page("en/articles/openai-nvidia/").select_one("article")))
    french_units = [unit for unit in source_units(SOURCE) if len(unit) > 40]
    assert not [unit for unit in french_units if unit in article]
