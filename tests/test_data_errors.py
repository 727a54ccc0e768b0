"""Every bad input a contributor can write gets one precise message:
the file, the line, the key and the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publication.content.data import load_article_data, load_glossary, load_ui
from publication.content.yamlfile import parse_yaml
from publication.errors import PublicationError
from sitebuild import PROJECT


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))


def mutate(file: Path, old: str, new: str) -> int:
    """Replace `old` (which must occur once) by `new`; the line of the change."""
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def error_of(load, *args) -> PublicationError:
    with pytest.raises(PublicationError) as caught:
        load(*args)
    return caught.value


def test_yaml_syntax_error(data_dir: Path) -> None:
    line = mutate(data_dir / "glossary.yml", "      fr: [TPU]", "      fr: [TPU")
    error = error_of(load_glossary, data_dir)
    assert error.file == "data/glossary.yml"
    assert error.line in (line, line + 1)  # PyYAML notices where the list should have closed
    assert "not valid YAML" in error.problem and error.fix


def test_duplicate_key(data_dir: Path) -> None:
    line = mutate(data_dir / "glossary.yml", "  nvda:\n    term:\n", "  nvda:\n    term:\n      fr: X\n    term:\n")
    error = error_of(load_glossary, data_dir)
    assert (error.file, error.line + 0, error.key) == ("data/glossary.yml", line + 3, "terms.nvda.term")
    assert f"first on line {line + 1}" in error.problem
    assert str(error) == (
        f"data/glossary.yml:{line + 3}: terms.nvda.term: the key 'term' appears twice in the same block "
        f"(first on line {line + 1})\n  Fix: keep one of the two: YAML would silently drop the first"
    )


def test_missing_english_translation(data_dir: Path) -> None:
    line = mutate(
        data_dir / "glossary.yml",
        "      en: Nvidia’s ticker symbol on the Nasdaq.\n",
        "",
    )
    error = error_of(load_glossary, data_dir)
    assert (error.line, error.key) == (line - 2, "terms.nvda.short")
    assert error.problem == "the English translation is missing"
    assert error.fix == "add `en:` next to `fr:` with the English text"


def test_missing_french_translation(data_dir: Path) -> None:
    mutate(data_dir / "ui.yml", "    fr: Page introuvable\n", "")
    error = error_of(load_ui, data_dir)
    assert (error.file, error.key, error.problem) == ("data/ui.yml", "strings.not_found_title", "the French translation is missing")


def test_unknown_field_suggests_the_right_one(data_dir: Path) -> None:
    line = mutate(data_dir / "glossary.yml", "  nvda:\n    term:", "  nvda:\n    trem:")
    error = error_of(load_glossary, data_dir)
    assert (error.line, error.key) == (line + 1, "terms.nvda.trem")
    assert error.problem == "unknown key 'trem'"
    assert error.fix.startswith("did you mean 'term'?")


def test_wrong_type_says_how_to_write_it(data_dir: Path) -> None:
    line = mutate(data_dir / "articles/openai-nvidia.yml", "    half: 2\n", "    half: second\n")
    error = error_of(load_article_data, data_dir, "openai-nvidia")
    assert (error.file, error.line, error.key) == ("data/articles/openai-nvidia.yml", line, "facts.first_phase.half")
    assert error.problem == "'second' is not an allowed value" and "1, 2" in error.fix


def test_number_where_text_is_expected(data_dir: Path) -> None:
    line = mutate(data_dir / "ui.yml", "    en: Articles\n", "    en: 2026\n")
    error = error_of(load_ui, data_dir)
    assert (error.line, error.key) == (line, "strings.articles_heading.en")
    assert error.problem == "expected text, found the number 2026"
    assert error.fix == 'put the value in quotes: "2026"'


def test_value_outside_the_allowed_list(data_dir: Path) -> None:
    line = mutate(data_dir / "articles/openai-nvidia.yml", "    severity: medium\n", "    severity: meduim\n")
    error = error_of(load_article_data, data_dir, "openai-nvidia")
    assert (error.line, error.key) == (line, "callouts.planned-infidelity.severity")
    assert error.fix == "did you mean 'medium'? use one of: high, medium, low"


@pytest.mark.parametrize("word", ["no", "on", "yes", "off", "2026-11-27"])
def test_yaml_1_1_words_stay_text(word: str) -> None:
    document = parse_yaml(f"strings:\n  x:\n    fr: {word}\n", path="data/ui.yml")
    assert document.data["strings"]["x"]["fr"] == word


def test_empty_file(data_dir: Path) -> None:
    (data_dir / "ui.yml").write_text("# only a comment\n", encoding="utf-8")
    error = error_of(load_ui, data_dir)
    assert (error.file, error.line, error.problem) == ("data/ui.yml", 1, "the file is empty")


@pytest.mark.parametrize("html", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a <b>bold</b> move"])
def test_html_in_data_is_rejected(data_dir: Path, html: str) -> None:
    line = mutate(data_dir / "ui.yml", "    en: Back to the home page\n", f'    en: "{html}"\n')
    error = error_of(load_ui, data_dir)
    assert (error.line, error.key) == (line, "strings.not_found_home.en")
    assert error.problem == "HTML is not allowed in data"


def test_placeholder_naming_no_fact(data_dir: Path) -> None:
    line = mutate(data_dir / "articles/openai-nvidia.yml", "Deployment of {power} of", "Deployment of {powr} of")
    error = error_of(load_article_data, data_dir, "openai-nvidia")
    assert (error.line, error.key) == (line, "deal_table.rows[0].details.en")
    assert error.problem == "the placeholder {powr} names no fact"
    assert "power" in error.fix


def test_identifier_with_capitals(data_dir: Path) -> None:
    mutate(data_dir / "glossary.yml", "  nvda:\n", "  NVDA:\n")
    error = error_of(load_glossary, data_dir)
    # The key itself, at its own line.
    assert error.key == "terms.NVDA" and "lowercase" in error.fix


@pytest.mark.parametrize("schema", sorted((PROJECT / "data" / "schemas").glob("*.schema.json")), ids=lambda path: path.name)
def test_every_schema_is_a_valid_json_schema(schema: Path) -> None:
    # The build does not check the schemas themselves, to stay fast: this does.
    import json

    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))


def test_an_edited_schema_applies_to_the_next_load_of_a_file_it_once_passed(data_dir: Path) -> None:
    """Neither the validators kept by a running `mkdocs serve` nor the build
    cache of files known valid outlive a change of the schemas."""
    load_glossary(data_dir)
    mutate(data_dir / "schemas/glossary.schema.json", '{"maxLength": 160}, "en": {"maxLength": 160}', '{"maxLength": 20}, "en": {"maxLength": 160}')
    mutate(data_dir / "glossary.yml", "# Sources:", "# The sources:")  # a new state of the file, same values
    error = error_of(load_glossary, data_dir)
    assert error.file == "data/glossary.yml" and error.key.endswith(".short.fr"), str(error)


def test_a_file_known_valid_is_still_checked_after_it_changes(data_dir: Path) -> None:
    load_glossary(data_dir)
    assert list((data_dir.parent / ".cache/publication/valid-data").iterdir()), "the build cache was not used"
    mutate(data_dir / "glossary.yml", "  nvda:\n", "  NVDA:\n")
    assert error_of(load_glossary, data_dir).key == "terms.NVDA"
