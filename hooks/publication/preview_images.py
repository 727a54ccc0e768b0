"""Link-preview images (og:image), one per article and language.

Drawn at build time with Pillow in Lato, a font installed from PyPI
(font-lato), so nothing is fetched from the network. Pillow writes no
timestamp into a PNG: the same title gives the same bytes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import font_lato
from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (11, 79, 108)  # the site's primary colour
FOREGROUND = (255, 255, 255)
MUTED = (196, 223, 235)
PREVIEW_DIR = "assets/previews"


@lru_cache(maxsize=None)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_lato.font_files[name], size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    # Split on plain spaces only: no-break spaces hold "100 milliards" together.
    for word in text.split(" "):
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def preview_path(article: str, language: str) -> str:
    """Where the preview of `article` in `language` lives inside the site."""
    return f"{PREVIEW_DIR}/{article}.{language}.png"


def draw_preview(file: Path, *, title: str, site_name: str, kicker: str) -> None:
    """A 1200×630 card: the site's name, a kicker line, the title."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.text((MARGIN, MARGIN), site_name, font=_font("LatoBlack", 44), fill=FOREGROUND)
    draw.text((MARGIN, MARGIN + 64), kicker, font=_font("Lato", 30), fill=MUTED)
    size = 68
    while True:  # the largest size at which the title fits in four lines
        font = _font("LatoBold", size)
        lines = _wrap(title, font, width)
        if len(lines) <= 4 or size <= 40:
            break
        size -= 4
    line_height = int(size * 1.2)
    top = SIZE[1] - MARGIN - line_height * len(lines)
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=FOREGROUND)
    draw.rectangle((MARGIN, MARGIN + 120, MARGIN + 120, MARGIN + 128), fill=(255, 138, 128))
    file.parent.mkdir(parents=True, exist_ok=True)
    # optimize=True would save a few kB per image at ten times the cost.
    image.save(file, format="PNG")
