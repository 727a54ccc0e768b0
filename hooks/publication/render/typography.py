"""French typography, applied to rendered French pages.

Contributors type plain spaces; the build sets the spaces French typesetting
wants, so lines never break before a `;` or inside « »:

- a narrow no-break space (U+202F) before ; ! ? and inside « »;
- a no-break space (U+00A0) before :;
- a no-break space between a number and its unit (10 GW, 100 milliards, 50 %).

Only existing spaces are changed (a URL or a ratio written without spaces is
left alone), only in running text: never in tags, attributes, code or
preformatted text.
"""
from __future__ import annotations

import html
import re

from publication.render.html_text import rewrite_text

NNBSP = "\u202f"
NBSP = "\u00a0"
# Where text is not prose.
_NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg"})
# Spaces before a sign are matched from the first of a run: a search that may
# start at each space of a long run (and fail) is quadratic.
_BEFORE_HIGH_PUNCTUATION = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]+([;!?])")
_BEFORE_COLON = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]+:")
_AFTER_OPENING_GUILLEMET = re.compile(r"«[ \u00a0\u202f]+")
_BEFORE_CLOSING_GUILLEMET = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]+»")
_UNITS = r"(?:%|‰|GW|MW|kW|W|GWh|TWh|Md|milliards?|millions?|milliers?|dollars|euros|€|\$|°C|km|kg)"
# A text node without any of these has no space that french_spacing changes.
_TRIGGERS = frozenset(";!?:«»0123456789")
_NUMBER_AND_UNIT = re.compile(rf"(\d)[ \u202f]+(?={_UNITS}(?![\w]))")


def french_spacing(text: str) -> str:
    """`text` (plain, unescaped) with French typographic spaces."""
    text = _BEFORE_HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _AFTER_OPENING_GUILLEMET.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSING_GUILLEMET.sub(NNBSP + "»", text)
    return _NUMBER_AND_UNIT.sub(r"\1" + NBSP, text)


def apply_french_typography(content: str) -> str:
    """Rendered HTML with French spacing in its running text."""

    def fix(text: str) -> str:
        # Most text nodes hold nothing to change (a line break between two
        # elements, a phrase without punctuation): one set test skips them.
        if _TRIGGERS.isdisjoint(text):
            return text
        # Work on the unescaped text so entities (&amp;) are never mistaken
        # for a semicolon, then escape again.
        fixed = french_spacing(html.unescape(text))
        return html.escape(fixed, quote=False) if fixed != html.unescape(text) else text

    return rewrite_text(content, fix, skipped=_NOT_PROSE)
