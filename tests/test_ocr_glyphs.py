"""Glyph checks of a value cell's ink (recover/readers/ocr/glyphs.py, numbers.plausible) on cells
cut from corpus scans at 200 dpi (LibreOffice packs), drawn here as text: '#' is ink."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from recover.readers.ocr import glyphs  # noqa: E402
from recover.readers.ocr.ink import Ink  # noqa: E402
from recover.readers.ocr.numbers import plausible  # noqa: E402


def _ink(rows: list[str]) -> Ink:
    m = np.array([[255 if ch == "#" else 0 for ch in r] for r in rows], np.uint8)
    return Ink(m, (0, 0, m.shape[1], m.shape[0]), (0, 0))


# the last digit's thin stroke broken across its height (a '9' and a '3': 10 + 3 px of 15)
V1309 = [
    ".............###.......####........###.",
    "..####.....#######....######.....######",
    ".#####....########...####.###...###..##",
    ".#####....##....###..###...###..##....#",
    "...###..........###..##.....##..##.....",
    "...###.........###...##.....##..##....#",
    "...###........####...##.....##..##....#",
    "...###.......#####...##.....##..###..##",
    "...###.........###...##.....##...######",
    "....##..........###..##.....##........#",
    "...###...........##..##.....##.........",
    "...###....##....###..###...###...#....#",
    ".#######..####.####...#######....###.##",
    "#########..#######....######.....######",
    ".............###........##.............",
]
V43 = [
    "...............###.",
    "......##.....######",
    ".....####...####.##",
    "....#####...##....#",
    "...######.........#",
    "...######.........#",
    "..###.##........###",
    "..##..##.......####",
    ".###..###........##",
    "#########.........#",
    "##########.........",
    "..#######...##....#",
    "......###...#######",
    "......##.....######",
    "...............###.",
]
# the foot of a '%' slash broken off (another page): one point only, the one between '7' and '4'
V174 = [
    "....................................##........",
    "...##.....#######............##...#####.......",
    ".####....#########..........###...##.##.......",
    ".####.........###..........####...#...##..#...",
    "#####.........###.........#####...#...#..##...",
    "#..##.........##..........#####...#####..#....",
    "...##........###.........##..##....####.#.....",
    "...##........##..........##..##........##.###.",
    "...##.......###.........###.###........#.#####",
    "...##.......###.........########.........##.##",
    "...##......###..........########.....#...#...#",
    "...##......##................##.....#....#..##",
    ".#####....###......##........##.....#....#####",
    "#######...##.......##........##..........#####",
]
V170 = [
    "....................................##........",
    "..##.....########..........##.....#####.......",
    ".####....########........######...#####....#..",
    "#####.........###.......###..###..#...#...##..",
    "#####.........###.......##....##.##...#..##...",
    ".####.........##.......###....###.#####..#....",
    "...##........###.......##.....###.#######.....",
    "...##........##........##.....###......######.",
    "...##.......###........##.....###......#.#####",
    "...##.......##.........##.....###....#...##.##",
    "...##......###.........###....##.....#...#...#",
    "..####.....##.......#...###..###....##...##.##",
    ".#####....###......###..########....#....#####",
    "#######...##.......##....#####............###.",
    "..####........................................",
]


@pytest.mark.parametrize("rows,text,glyph_count", [(V1309, "1309", 4), (V43, "43", 2)], ids=["1309", "43"])
def test_a_digit_the_scan_broke_across_its_height_is_one_glyph(rows, text, glyph_count):
    """Two short pieces over the same columns are one digit: without it, '1309' read three times
    alike held more digits than the full-height glyphs allowed and went to review as invented."""
    ink = _ink(rows)
    assert len(glyphs.tall_glyph_widths(ink)) == glyph_count
    widths = glyphs.tall_glyph_widths(ink)
    assert plausible(text, glyphs.punctuation(ink), widths, (ink.w, ink.h))
    assert not plausible(text + "1", glyphs.punctuation(ink), widths, (ink.w, ink.h))   # a digit invented


@pytest.mark.parametrize("rows,text", [(V174, "17.4%"), (V170, "17.0%")], ids=["17.4%", "17.0%"])
def test_a_piece_broken_off_a_glyph_is_no_decimal_point(rows, text):
    """A speck inside a glyph's columns (the foot of a '%' slash) is part of it; a point stands
    between glyphs. Counted as a second point it made every read of '17.4%' implausible."""
    ink = _ink(rows)
    assert glyphs.punctuation(ink) == (1, 0)
    assert plausible(text, glyphs.punctuation(ink), glyphs.tall_glyph_widths(ink), (ink.w, ink.h))
    assert not plausible(text.replace(".", ""), glyphs.punctuation(ink), glyphs.tall_glyph_widths(ink),
                         (ink.w, ink.h))                          # the point is still seen
