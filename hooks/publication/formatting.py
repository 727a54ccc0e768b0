"""Typed facts (money, power, periods...) written out in each language.

Built on Babel's CLDR data for numbers and their scale words ("100 milliards",
"100 billion"); the few phrasings CLDR does not have ("de dollars", "seconde
moitié de") are the per-language templates below.
"""
from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_compact_decimal, format_decimal

# A no-break space keeps a number and its unit on one line.
NBSP = "\u00a0"


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
