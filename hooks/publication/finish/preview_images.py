"""Link-preview images (og:image), one per article and language.

Drawn at build time with Pillow in Lato, a font installed from PyPI
(font-lato), so nothing is fetched from the network. Pillow writes no
timestamp into a PNG: the same title gives the same bytes.

Drawing takes a tenth of a second per image, with Pillow imported; a card
already drawn with the same text, code, Pillow and font is copied from the
build cache instead.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (11, 79, 108)  # the site's primary colour
FOREGROUND = (255, 255, 255)
MUTED = (196, 223, 235)
PREVIEW_DIR = "assets/previews"
FONTS = {"site_name": "LatoBlack", "kicker": "Lato", "title": "LatoBold"}


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    import font_lato
    from PIL import ImageFont

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


def write_preview(file: Path, *, title: str, site_name: str, kicker: str, cache: Path | None = None) -> None:
    """Write the card of `title` to `file`, from `cache` (a folder) when it
    holds one drawn from the same inputs."""
    cached = cache / f"{_card_key(title=title, site_name=site_name, kicker=kicker)}.png" if cache else None
    if cached is not None and cached.is_file():
        png = cached.read_bytes()
    else:
        png = draw_preview(title=title, site_name=site_name, kicker=kicker)
        if cached is not None:
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(png)
            partial.replace(cached)  # whole or absent, even with builds in parallel
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(png)


def _card_key(**card: str) -> str:
    import font_lato
    import PIL  # the package alone, for its version: a millisecond

    digest = hashlib.sha256(json.dumps(card, sort_keys=True).encode())
    digest.update(Path(__file__).read_bytes())  # this drawing code
    digest.update(PIL.__version__.encode())
    for name in FONTS.values():
        digest.update(str(os.stat(font_lato.font_files[name]).st_size).encode())
    return digest.hexdigest()


def draw_preview(*, title: str, site_name: str, kicker: str) -> bytes:
    """A 1200×630 PNG card: the site's name, a kicker line, the title."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.text((MARGIN, MARGIN), site_name, font=_font(FONTS["site_name"], 44), fill=FOREGROUND)
    draw.text((MARGIN, MARGIN + 64), kicker, font=_font(FONTS["kicker"], 30), fill=MUTED)
    size = 68
    while True:  # the largest size at which the title fits in four lines
        font = _font(FONTS["title"], size)
        lines = _wrap(title, font, width)
        if len(lines) <= 4 or size <= 40:
            break
        size -= 4
    line_height = int(size * 1.2)
    top = SIZE[1] - MARGIN - line_height * len(lines)
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=FOREGROUND)
    draw.rectangle((MARGIN, MARGIN + 120, MARGIN + 120, MARGIN + 128), fill=(255, 138, 128))
    output = io.BytesIO()
    # A palette of 32 colours (the card has five, and the anti-aliasing
    # between them): 16 kB instead of 38, and the same to the eye.
    # Median cut without dithering: the same pixels on every build.
    # optimize=True would save a few kB per image at ten times the cost.
    image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(output, format="PNG")
    return output.getvalue()
