"""Fonts for the corpus (DejaVu, from the Debian fonts-dejavu-core package).

NAMES is DejaVu Sans with every advance width declared 2.6x wider than the glyph really advances.
Each rotated name chunk positions its glyphs explicitly with the true widths, so the page looks
normal, but pdfminer sees the glyphs of one chunk overlap and joins them into one line - which is
how the Excel-made packs come apart under pdfminer (seed 001: 'Ju' 'lia' 'n ' 'W' 'at' ...).
"""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
INFLATE = 2.6
_real_name_widths: dict[int, float] = {}
_default_name_width = 600.0


def _require(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"missing font {path}: apt-get install -y fonts-dejavu-core")
    return path


def register() -> None:
    global _default_name_width
    if "TXT" in pdfmetrics.getRegisteredFontNames():
        return
    txt = TTFont("TXT", str(_require(DEJAVU / "DejaVuSansCondensed.ttf")))
    # a private-use 'similar' arrow, drawn with the shape of U+2192
    txt.face.charToGlyph[0xF0E8] = txt.face.charToGlyph[0x2192]
    txt.face.charWidths[0xF0E8] = txt.face.charWidths[0x2192]
    pdfmetrics.registerFont(txt)
    pdfmetrics.registerFont(TTFont("TXTB", str(_require(DEJAVU / "DejaVuSansCondensed-Bold.ttf"))))
    names = TTFont("NAMES", str(_require(DEJAVU / "DejaVuSans.ttf")))
    _real_name_widths.update(names.face.charWidths)
    _default_name_width = names.face.defaultWidth
    for k in list(names.face.charWidths):
        names.face.charWidths[k] *= INFLATE
    names.face.defaultWidth *= INFLATE
    pdfmetrics.registerFont(names)


def width(text: str, font: str, size: float) -> float:
    if font == "NAMES":
        return sum(_real_name_widths.get(ord(ch), _default_name_width) for ch in text) * size / 1000.0
    return pdfmetrics.stringWidth(text, font, size)
