"""Typed facts (money, power, periods...) and dates written out in each language.

Built on Babel's CLDR data for numbers and their scale words ("100 milliards",
"100 billion") and for month names; the few phrasings CLDR does not have ("de
dollars", "seconde moitié de", the French "1er") are the per-language
templates below.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

# A no-break space keeps a number and its unit on one line.
NBSP = "\u00a0"
# The CLDR locale of each language's dates: the English translation is
# British ("27 November 2026"), like its spelling.
DATE_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def long_date(value: str | dt.date, language: str) -> str:
    """A date as running prose writes it: "27 November 2026" in English
    (en_GB), "1er décembre 2026" in French (the first of the month is an
    ordinal there). ISO dates ("2026-11-27") belong in `datetime` attributes
    only; every date a reader sees goes through here."""
    date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    locale = DATE_LOCALES[language]
    if language == "fr" and date.day == 1:
        # CLDR writes "1 décembre 2026"; French typography wants "1er".
        return "1er" + NBSP + format_date(date, format="MMMM y", locale=locale)
    # A no-break space between the day and the month keeps them together.
    return format_date(date, format="long", locale=locale).replace(" ", NBSP, 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    amount: float
    currency: str  # ISO 4217: "USD"


@dataclass(frozen=True, slots=True, kw_only=True)
class Power:
    gigawatts: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    half: int  # 1 or 2
    year: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Percent:
    value: float  # 50 for 50 %


@dataclass(frozen=True, slots=True, kw_only=True)
class Names:
    names: tuple[str, ...]


Fact = Money | Power | Period | Percent | Names

_CURRENCY = {
    # language -> currency -> template around the number with its scale word
    "fr": {"USD": "{n} de dollars", "EUR": "{n} d’euros"},
    "en": {"USD": "${n}", "EUR": "€{n}"},
}
_HALF = {
    "fr": {1: "première moitié de {year}", 2: "seconde moitié de {year}"},
    "en": {1: "first half of {year}", 2: "second half of {year}"},
}


def format_fact(fact: Fact, language: str) -> str:
    """`fact` as a reader of `language` expects to read it."""
    match fact:
        case Money(amount=amount, currency=currency):
            number = format_compact_decimal(amount, format_type="long", locale=language, fraction_digits=2)
            return _CURRENCY[language][currency].format(n=number.replace(" ", NBSP))
        case Power(gigawatts=gigawatts):
            return f"{format_decimal(gigawatts, locale=language)}{NBSP}GW"
        case Period(half=half, year=year):
            return _HALF[language][half].format(year=year)
        case Percent(value=value):
            number = format_decimal(value, locale=language)
            # French puts a (no-break) space before the percent sign; English does not.
            return f"{number}{NBSP}%" if language == "fr" else f"{number}%"
        case Names(names=names):
            return ", ".join(names)
    raise TypeError(f"not a fact: {fact!r}")
