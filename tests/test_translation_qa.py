"""Translation QA: each check on small French/English snippets, then the real article."""
from __future__ import annotations

import pytest

from publication.content.data import load_glossary
from publication.content.frontmatter import page_body
from publication.content.models import Glossary, Term, Text
from publication.translation.qa import Finding, QaException, accepted, qa_page, qa_section
from publication.translation.sections import split_sections
from sitebuild import PROJECT

UNIT = "articles/test#section"


def _term(term_id: str, fr: tuple[str, ...], en: tuple[str, ...]) -> Term:
    return Term(
        id=term_id,
        term=Text(fr=fr[0], en=en[0]),
        expansion=None,
        short=Text(fr="…", en="…"),
        definition=Text(fr="…", en="…"),
        matches={"fr": fr, "en": en},
    )


GLOSSARY = Glossary(
    path="test",
    terms={
        "gpu": _term("gpu", ("GPU",), ("GPUs", "GPU")),
        "gigawatt": _term("gigawatt", ("gigawatts", "GW"), ("gigawatts", "GW")),
        "short-position": _term("short-position", ("position courte",), ("short position",)),
        "superintelligence": _term("superintelligence", ("superintelligence",), ("superintelligence",)),
    },
)
EMPTY = Glossary(path="empty", terms={})


def messages(french: str, english: str, check: str, *, glossary: Glossary = EMPTY) -> list[str]:
    findings = qa_section(UNIT, french, english, glossary=glossary)
    assert all(finding.unit == UNIT for finding in findings)
    return [finding.message for finding in findings if finding.check == check]


# numbers


def test_a_dropped_number_is_reported_on_its_side() -> None:
    french = "Nvidia investit 100 milliards de dollars pour 10 gigawatts, et 50 % de plus."
    english = "Nvidia is investing $100 billion for 10 gigawatts, and more."
    assert messages(french, english, "numbers") == ["the number 50 is in the French, not in the English"]
    assert messages("Rien.", "In 2026.", "numbers") == ["the number 2026 is in the English, not in the French"]


def test_a_huge_number_is_quoted_in_one_short_line() -> None:
    # A 50,000-digit number in a pull request is reported, not printed whole.
    found = messages("Le chiffre " + "1" * 50_000 + ".", "The figure.", "numbers")
    assert len(found) == 1 and len(found[0]) < 120 and "…" in found[0]


def test_a_number_written_more_often_on_one_side_is_reported() -> None:
    assert messages("100 puis 100.", "100 then more.", "numbers") == [
        "the number 100 is 2 times in the French, once in the English"
    ]


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("près de 50 % des coûts", "nearly 50% of costs"),
        ("près de 50\u202f% des coûts", "nearly 50% of costs"),
        ("un ratio de 1,5 fois", "a ratio of 1.5 times"),
        ("10 000 puces", "10,000 chips"),
        ("10\u00a0000 puces", "10,000 chips"),
        ("10\u202f000 puces", "10,000 chips"),
        ("1 250 000,75 dollars", "$1,250,000.75"),
        ("GPT-4 et Trainium 3", "GPT-4 and Trainium 3"),
        ("100 milliards de dollars", "$100 billion"),
    ],
)
def test_numbers_in_each_language_format_match(french: str, english: str) -> None:
    assert qa_section(UNIT, french, english, glossary=EMPTY) == []


@pytest.mark.parametrize(
    ("french", "english", "message"),
    [
        ("un ratio de 1,5 fois", "a ratio of 15 times", "the number 1.5 is in the French, not in the English"),
        ("10 000 puces", "10 chips", "the number 10000 is in the French, not in the English"),
        ("GPT-4 et Trainium 3", "GPT-5 and Trainium 3", "the number 4 is in the French, not in the English"),
    ],
)
def test_numbers_that_differ_once_normalised_are_reported(french: str, english: str, message: str) -> None:
    assert message in messages(french, english, "numbers")


def test_numbers_a_reader_does_not_see_are_ignored() -> None:
    french = (
        "## Le titre {#partie-2}\n\n"
        "Voir [le rapport](https://example.com/2025/rapport-42.pdf) et `code 7`.\n\n"
        "<!-- data:callout risk-3 -->\n\n"
        "```\nvaleur = 99\n```\n"
    )
    english = (
        "## The title {#partie-2}\n\n"
        "See [the report](https://example.com/2025/rapport-42.pdf) and `code 8`.\n\n"
        "<!-- data:callout risk-3 -->\n\n"
        "```\nvalue = 12\n```\n"
    )
    assert messages(french, english, "numbers") == []


# glossary


def test_a_glossary_term_left_out_of_the_english_is_reported() -> None:
    french = "Certains prennent une position courte sur Nvidia."
    english = "Some are betting against Nvidia."
    assert messages(french, english, "glossary", glossary=GLOSSARY) == [
        "the glossary term 'short position' (French: 'position courte') "
        "has none of its English forms (short position) in the English"
    ]
    assert messages(french, "Some are taking a short position on Nvidia.", "glossary", glossary=GLOSSARY) == []


def test_glossary_terms_match_the_french_as_the_linker_does() -> None:
    # Case-sensitive and whole word: "GPUs" and "Position courte" are not the French forms.
    french = "Les GPUs, la Position courte."
    assert messages(french, "Nothing here.", "glossary", glossary=GLOSSARY) == []


@pytest.mark.parametrize(
    "english",
    [
        "Nvidia GPUs are everywhere.",  # another English form
        "## Superintelligence and GPUs {#h}",  # a capital first letter, in a heading
        "A 10-gigawatt build-out of GPU racks.",  # the singular, in a hyphenated compound
    ],
)
def test_english_forms_allow_for_english_grammar(english: str) -> None:
    french = {
        "Nvidia GPUs are everywhere.": "Les GPU de Nvidia sont partout.",
        "## Superintelligence and GPUs {#h}": "## La superintelligence et les GPU {#h}",
        "A 10-gigawatt build-out of GPU racks.": "Un déploiement de 10 gigawatts de GPU.",
    }[english]
    assert messages(french, english, "glossary", glossary=GLOSSARY) == []


# untranslated


def test_a_paragraph_left_in_french_is_reported() -> None:
    french = "Oubliez les simples accords commerciaux.\n\nNvidia encaisse des chèques colossaux."
    english = "Forget simple commercial deals.\n\nNvidia encaisse des\nchèques colossaux."  # reflowed, not translated
    assert messages(french, english, "untranslated") == [
        "this paragraph is the same in the English as in the French: 'Nvidia encaisse des chèques colossaux.'"
    ]


def test_a_list_item_left_in_french_is_reported() -> None:
    french = "- **Google :** une technologie mature et viable.\n- **Meta :** sa propre lignée de puces."
    english = "- **Google:** a mature and viable technology.\n- **Meta :** sa propre lignée de puces."
    assert len(messages(french, english, "untranslated")) == 1


def test_short_paragraphs_markers_and_ids_may_be_the_same() -> None:
    french = "## OpenAI et Nvidia {#titre}\n\nSam Altman, OpenAI.\n\n<!-- data:quote altman -->\n\n!!! abstract \"\""
    english = "## OpenAI and Nvidia {#titre}\n\nSam Altman, OpenAI.\n\n<!-- data:quote altman -->\n\n!!! abstract \"\""
    assert qa_section(UNIT, french, english, glossary=EMPTY) == []


# structure


def test_a_dropped_list_item_is_reported() -> None:
    french = "Les puces :\n\n- Google et ses puces\n- Amazon et ses puces\n- Meta et ses puces"
    english = "The chips:\n\n- Google and its chips\n- Amazon and its chips"
    assert messages(french, english, "structure") == ["3 list items in the French, 2 in the English"]


def test_a_missing_marker_is_reported() -> None:
    french = "Les risques :\n\n<!-- data:callout x -->\n\n<!-- data:callout y -->"
    english = "The risks:\n\n<!-- data:callout y -->"
    assert messages(french, english, "structure") == ["the marker <!-- data:callout x --> is in the French only"]
    swapped = "The risks:\n\n<!-- data:callout y -->\n\n<!-- data:callout x -->"
    assert messages(french, swapped, "structure") == ["the markers are in a different order in the English"]


@pytest.mark.parametrize(
    ("french", "english", "message"),
    [
        ("## Titre {#a}", "### Title {#a}", "the headings differ: ## {#a} in the French, ### {#a} in the English"),
        ("> Une citation.\n\nTexte.\n\n> Une autre.", "> A quotation.\n\nText.",
         "2 block quotations in the French, 1 in the English"),
        ("| A | B |\n|---|---|\n| 1 | 2 |", "| A | B |\n|---|---|", "3 table rows in the French, 2 in the English"),
        ("| A | B |\n|---|---|", "| A |\n|---|", "the table rows differ: row of 2 cells, row of 2 cells in the French, "
         "row of 1 cell, row of 1 cell in the English"),
        ('!!! warning "Attention"\n\n    Texte.', '!!! note "Careful"\n\n    Text.',
         "the admonitions differ: warning in the French, note in the English"),
        ('!!! warning "Attention"\n\n    Texte.', "Text.", "1 admonition in the French, 0 in the English"),
    ],
)
def test_each_kind_of_block_corresponds(french: str, english: str, message: str) -> None:
    assert messages(french, english, "structure") == [message]


def test_a_paragraph_line_that_starts_with_a_number_is_not_a_list_item() -> None:
    french = "La première phase démarre en\n2026. Un pari osé."
    english = "The first phase starts in 2026.\nA daring bet."
    assert qa_section(UNIT, french, english, glossary=EMPTY) == []


def test_a_section_in_one_language_only_is_reported() -> None:
    french = "## Un {#un}\n\nTexte.\n\n## Deux {#deux}\n\nTexte."
    english = "## One {#un}\n\nText.\n\n## Three {#trois}\n\nText."
    assert qa_page("p", french, english, glossary=EMPTY) == [
        Finding(check="structure", unit="p#deux", message="this section has no English translation"),
        Finding(check="structure", unit="p#trois", message="this section is in the English only"),
    ]


# exceptions


def test_reviewed_exceptions_set_findings_aside_by_unit_and_check() -> None:
    findings = [
        Finding(check="numbers", unit="a#x", message="the number 5 is in the French, not in the English"),
        Finding(check="glossary", unit="a#x", message="…"),
        Finding(check="numbers", unit="a#y", message="…"),
    ]
    exception = QaException(unit="a#x", check="numbers", reason="the English rounds the figure, as agreed")
    assert accepted(findings, [exception]) == ([findings[1], findings[2]], [findings[0]])
    assert accepted(findings, []) == (findings, [])


# the real article


def real_article_findings(article: str = "openai-nvidia") -> list[Finding]:
    """qa_section over every section pair of a real article, with the real glossary."""
    docs = PROJECT / "docs" / "articles"
    french = split_sections(page_body((docs / f"{article}.md").read_text(encoding="utf-8")))
    english_body = page_body((docs / f"{article}.en.md").read_text(encoding="utf-8"))
    english = {section.id: section for section in split_sections(english_body)}
    assert [section.id for section in french] == list(english), "the two versions have different sections"
    glossary = load_glossary(PROJECT / "data")
    findings = []
    for section in french:
        unit = f"articles/{article}#{section.id}"
        findings += qa_section(unit, section.text, english[section.id].text, glossary=glossary)
    for finding in findings:
        print(f"{finding.unit}: {finding.check}: {finding.message}")
    return findings


def test_the_real_article_has_no_findings() -> None:
    assert real_article_findings() == []
