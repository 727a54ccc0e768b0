"""Data values: what no value of a publication may be, whatever its schema.

Integers are integers (2026.0 is refused), numbers finite and within bounds,
text not blank, free of control and direction-override characters and not
made only of invisible ones; a {placeholder} is filled where it can be and
refused elsewhere; ui.yml strings take only the placeholders their use
provides, and every string the code and the theme use exists (make check).
"""
from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_inputs import build_of, check_of, fails_with, project_copy, replace_in
from publication.content.data import load_article_data, load_glossary, load_ui
from publication.content.ui_strings import FAMILY_USE, KEY_FAMILIES, used_keys
from publication.content.values import BIDI_CONTROLS, text_problem
from publication.errors import PublicationError
from sitebuild import PROJECT

ARTICLE = "articles/openai-nvidia.yml"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "data", project / "data")
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    return project / "data"


def mutate(file: Path, old: str, new: str) -> int:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def error_of(load, *args) -> PublicationError:
    with pytest.raises(PublicationError) as caught:
        load(*args)
    return caught.value


def article_error(data_dir: Path, old: str, new: str) -> PublicationError:
    mutate(data_dir / ARTICLE, old, new)
    return error_of(load_article_data, data_dir, "openai-nvidia")


# Numbers


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        ("    year: 2026\n", "    year: 2026.0\n", "facts.first_phase.year", "expected a whole number, found the number 2026.0"),
        ("    year: 2026\n", "    year: 2026.5\n", "facts.first_phase.year", "expected a whole number"),
        ("    year: 2026\n", "    year: true\n", "facts.first_phase.year", "expected a whole number, found the boolean true"),
        ("    year: 2026\n", "    year: 99999\n", "facts.first_phase.year", "out of range"),
        ("    half: 2\n", "    half: 2.0\n", "facts.first_phase.half", "expected a whole number"),
        ("    gigawatts: 10\n", "    gigawatts: .inf\n", "facts.power.gigawatts", "expected a number, found inf"),
        ("    gigawatts: 10\n", "    gigawatts: .nan\n", "facts.power.gigawatts", "expected a number, found nan"),
        ("    gigawatts: 10\n", "    gigawatts: -.inf\n", "facts.power.gigawatts", "found -inf"),
        ("    gigawatts: 10\n", "    gigawatts: 1.0e+308\n", "facts.power.gigawatts", "out of range"),
        ("    gigawatts: 10\n", "    gigawatts: 0.0000001\n", "facts.power.gigawatts", "out of range"),
        ("    amount: 100000000000\n", "    amount: 1.0e+30\n", "facts.investment.amount", "out of range"),
        ("    value: 50\n", "    value: 1.0e+9\n", "facts.training_cost_cut.value", "out of range"),
    ],
)
def test_numbers_are_whole_finite_and_bounded(data_dir: Path, old: str, new: str, key: str, problem: str) -> None:
    text = (data_dir / ARTICLE).read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"{old.strip()} is no longer in the article's data")
    line = mutate(data_dir / ARTICLE, old, new)
    error = error_of(load_article_data, data_dir, "openai-nvidia")
    assert (error.file, error.line, error.key) == (f"data/{ARTICLE}", line, key), str(error)
    assert problem in error.problem, str(error)


# Text


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"   "', "the text is blank"),
        ('"\\t\\n"', "the text is blank"),
        ('"\\u200b\\u200d\\u2060"', "made only of invisible characters"),
        ('"\\u3164"', "made only of invisible characters"),
        ('"\\u00ad"', "made only of invisible characters"),
        ('"Puissance\\u202e de calcul"', "direction control U+202E"),
        ('"Puissance\\u2066 de calcul"', "direction control U+2066"),
        ('"Puissance\\x1b[31m de calcul"', "control character U+001B"),
        ('"Puissance\\0"', "control character U+0000"),
        ('"Puissance\\x85"', "control character U+0085"),
    ],
)
def test_text_that_no_reader_should_see_is_refused(data_dir: Path, value: str, problem: str) -> None:
    line = mutate(data_dir / ARTICLE, "        fr: Puissance de calcul\n", f"        fr: {value}\n")
    error = error_of(load_article_data, data_dir, "openai-nvidia")
    assert (error.line, error.key) == (line, "deal_table.rows[0].aspect.fr"), str(error)
    assert problem in error.problem, str(error)


def test_a_key_with_a_direction_control_is_refused(data_dir: Path) -> None:
    line = mutate(data_dir / "glossary.yml", "  nvda:\n", '  "nvda\\u202e":\n')
    error = error_of(load_glossary, data_dir)
    assert error.line == line


def test_visible_text_with_invisible_characters_inside_is_kept() -> None:
    assert text_problem("soft\u00adhyphen, zero\u200bwidth, emoji \U0001f469\u200d\U0001f4bb, tab\tand\nline") is None


@given(st.text(max_size=60))
@settings(max_examples=500, deadline=None)
def test_text_problem_refuses_exactly_the_classes(text: str) -> None:
    import unicodedata

    problem = text_problem(text)
    has_control = any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in BIDI_CONTROLS for c in text)
    if has_control or not text.strip():
        assert problem is not None
    elif problem is None:
        # Accepted text has a character that shows something.
        assert any(not c.isspace() and unicodedata.category(c) not in ("Cf", "Mn", "Me", "Zs") for c in text), repr(text)


# Placeholders in article data


def test_a_placeholder_where_nothing_fills_it_is_refused(data_dir: Path) -> None:
    error = article_error(data_dir, "    en: The OpenAI–Nvidia pact in figures\n", "    en: The pact in {power}\n")
    assert error.key == "deal_table.caption.en" and "'{power}' would be shown as written" in error.problem


@pytest.mark.parametrize("placeholder", ["{power.__class__}", "{power[0]}", "{power:>99999}", "{power!r}", "{0}"])
def test_a_placeholder_is_a_facts_name_alone(data_dir: Path, placeholder: str) -> None:
    error = article_error(data_dir, "        en: Deployment of {power} of Nvidia systems\n", f"        en: Deployment of {placeholder}\n")
    assert error.key == "deal_table.rows[0].details.en", str(error)
    assert "is not a fact's name" in error.problem or "names no fact" in error.problem, str(error)


def test_filled_placeholders_are_filled(data_dir: Path) -> None:
    article = load_article_data(data_dir, "openai-nvidia")
    assert article is not None and article.deal_table is not None
    assert all("{" not in row.details(language) for row in article.deal_table.rows for language in ("fr", "en"))


# Interface strings


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("original changed on {changed})", "original changed on {changed.__class__})", "'{changed.__class__}' is not one"),
        ("original changed on {changed})", "original changed on {changed:>9999})", "'{changed:>9999}' is not one"),
        ("original changed on {changed})", "original changed on {changed!r})", "'{changed!r}' is not one"),
        ("original changed on {changed})", "original changed on {when})", "'{when}' is not one"),
        ("original changed on {changed})", "original changed on {changed)", "a brace is not closed"),
        ("    en: Page not found\n", "    en: Page {title} not found\n", "takes no placeholder"),
    ],
)
def test_ui_strings_take_only_their_uses_placeholders(data_dir: Path, old: str, new: str, problem: str) -> None:
    line = mutate(data_dir / "ui.yml", old, new)
    error = error_of(load_ui, data_dir)
    assert error.file == "data/ui.yml" and error.line == line and problem in error.problem, str(error)


def test_a_string_the_theme_uses_must_exist(tmp_path: Path) -> None:
    """overrides/404.html prints publication.ui.not_found_home: without it the
    link would be empty. make check and the build both say so."""
    project = project_copy(tmp_path)
    text = (project / "data/ui.yml").read_text(encoding="utf-8")
    start = text.index("  not_found_home:\n")
    end = text.index("\n  ", start + len("  not_found_home:\n") + 40)
    (project / "data/ui.yml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    fails_with(project, "data/ui.yml:")
    assert "the string 'not_found_home' is missing (overrides/404.html:" in check_of(project).stderr


def test_the_scanner_finds_the_strings_of_code_and_theme() -> None:
    keys = used_keys(PROJECT)
    assert {"not_found_home", "search_fallback_one", "published_on", "risk_high", "quote_original_en", "status_caption"} <= set(keys)
    assert set(keys) <= set(load_ui(PROJECT / "data").strings), "a string used by the code is missing from data/ui.yml"


def test_every_family_of_keys_the_code_builds_is_declared() -> None:
    """ui(f"quote_original_{language}") is checked only if its family is in KEY_FAMILIES."""
    undeclared = set()
    for file in [*(PROJECT / "hooks").rglob("*.py"), *(PROJECT / "hooks").rglob("*.html")]:
        for prefix in FAMILY_USE.findall(file.read_text(encoding="utf-8")):
            if prefix not in KEY_FAMILIES:
                undeclared.add(f"{file.relative_to(PROJECT)}: {prefix}")
    assert not undeclared, f"declare these in publication.content.ui_strings.KEY_FAMILIES: {sorted(undeclared)}"


def test_every_placeholder_of_ui_yml_is_one_its_use_provides() -> None:
    from publication.content.ui_strings import PLACEHOLDERS

    for key, text in load_ui(PROJECT / "data").strings.items():
        for language in ("fr", "en"):
            fields = {name for _, name, _, _ in string.Formatter().parse(text(language)) if name}
            assert fields <= PLACEHOLDERS.get(key, frozenset()), (key, language, fields)


# Arbitrary values: many through the loader, a few through the build.

_SCALARS = (
    st.text(max_size=30)
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
)


def _yaml_literal(value: object) -> str:
    import json

    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return json.dumps(value)


@given(field=st.sampled_from(["    gigawatts: 10\n", "    year: 2026\n", "    value: 50\n", "        fr: Puissance de calcul\n", "    en: Details\n"]), value=_SCALARS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_value_in_any_field_loads_or_fails_with_the_error_shape(tmp_path_factory: pytest.TempPathFactory, field: str, value: object) -> None:
    project = tmp_path_factory.mktemp("values")
    data_dir = project / "data"
    if not data_dir.exists():
        shutil.copytree(PROJECT / "data", data_dir)
    name = field.split(":")[0]
    (data_dir / ARTICLE).write_text(
        (PROJECT / "data" / ARTICLE).read_text(encoding="utf-8").replace(field, f"{name}: {_yaml_literal(value)}\n", 1), encoding="utf-8"
    )
    try:
        article = load_article_data(data_dir, "openai-nvidia")
    except PublicationError as error:
        assert error.file == f"data/{ARTICLE}" and error.line and error.fix and len(str(error).splitlines()) == 2
    else:
        assert article is not None
        if isinstance(value, float):
            assert value == value and value not in (float("inf"), float("-inf"))


@given(value=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40))
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_text_through_the_whole_build_renders_or_stops_cleanly(tmp_path_factory: pytest.TempPathFactory, value: str) -> None:
    import json

    project = project_copy(tmp_path_factory.mktemp("data-build"))
    replace_in(project / "data" / ARTICLE, "    en: The OpenAI–Nvidia pact in figures\n", f"    en: {json.dumps(value)}\n")
    built = build_of(project)
    checked = check_of(project)
    assert "Traceback" not in built.output + checked.stderr
    assert built.ok == (checked.returncode == 0), built.output + checked.stderr
    if not built.ok:
        first = next(line for line in checked.stderr.splitlines() if line)
        assert first.startswith(f"data/{ARTICLE}:") and first in built.output
