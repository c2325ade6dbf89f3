"""Ruling lines taken out of a scan without the strokes of the values printed against them
(recover/readers/ocr/rulecut.py), read with the real engine.

LibreOffice prints its right-aligned values flush against the cell's right rule; at 200 dpi the
last stroke of such a value and the rule are one run of ink, and the band that takes the rule out
took the stroke too: a '0' read 'c' or nothing, '1280' read '128'. The strips are the straightened
page's grey across one row of month cells of two LibreOffice ruled packs at 200 dpi, their rules
all round (LAC14 May..Aug-19, p7; CP2b Jun..Sep-20, p6; EH2 Sep..Nov-20, p4)."""
from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")

import numpy as np  # noqa: E402

from recover.readers.ocr import deskew as dk  # noqa: E402
from recover.readers.ocr import tess  # noqa: E402
from recover.readers.ocr.context import NUM_CHARSET, OcrPage, Settings  # noqa: E402
from recover.readers.ocr.engine import default_engine  # noqa: E402
from recover.readers.ocr.grid import find_tables, lines_mask  # noqa: E402
from recover.readers.ocr.ink import cell_ink_from, median, page_ink  # noqa: E402
from recover.readers.ocr.numbers import read_number  # noqa: E402
from recover.readers.ocr.rulecut import lines_mask_exact  # noqa: E402
from recover.table.settings import TABLE  # noqa: E402
from tests.scan_cells import SCANS  # noqa: E402

pytestmark = pytest.mark.skipif(not tess.tessdata_path(), reason="tesseract eng data not installed")

DPI = 200
# (strip, what the row prints left to right, what the band around each rule left readable before)
STRIPS = [("agenda_2019-12-12_lo-ruled-scan200.p7-LAC14-2019-05..08", ["2", "0", "2", "2"], None),
          ("agenda_2020-12-10_lo-ruled-scan200.p6-CP2b-2020-06..09", ["2", "0", "0", "0"], ["2", None, None, None]),
          ("agenda_2020-12-10_lo-ruled-scan200.p4-EH2-2020-09..11", ["1180", "1280", "1226"], ["1180", None, "1226"])]


def _read_row(name: str, exact: bool):
    gray = cv2.imread(str(SCANS / f"{name}-strip.png"), cv2.IMREAD_GRAYSCALE)
    binary = dk.ink_mask(gray, max(15, int(DPI / 10) | 1))
    tables = find_tables(gray, DPI, binary)
    assert len(tables) == 1
    t = tables[0]
    rules = lines_mask_exact(tables, binary, DPI) if exact else lines_mask(tables, binary.shape)
    pink = page_ink(binary, rules)
    ctx = OcrPage(gray, DPI, Settings(), default_engine(), rules=rules if exact else None)
    cells = sorted(t.cells, key=lambda cb: cb.c0)
    inks = [cell_ink_from(pink, (cb.x0, cb.y0, cb.x1, cb.y1), DPI) for cb in cells]
    digit_h = median([i.h for i in inks if not i.empty])
    reads = [read_number(ctx, i, NUM_CHARSET, retry=True, ruled=True, digit_h=digit_h) for i in inks]
    return reads, inks, digit_h


@pytest.mark.parametrize("name,printed,before", STRIPS, ids=[s[0].split(".p")[1] for s in STRIPS])
def test_a_value_against_its_rule_keeps_its_last_stroke(name, printed, before):
    reads, inks, digit_h = _read_row(name, exact=True)
    assert [r.text for r in reads] == printed
    assert all(r.conf >= TABLE.unreadable_below for r in reads)
    # the rule itself stays out: nothing left in a cell is taller than a value's glyphs
    assert all(i.h <= 1.3 * digit_h for i in inks if not i.empty)
    if before is not None:
        # the band around the rule took the stroke: nothing, or another value, or not surely
        old, _, _ = _read_row(name, exact=False)
        for r, want, was in zip(old, printed, before):
            if was is None:
                assert r.text != want or r.conf < TABLE.unreadable_below
            else:
                assert r.text == was


def test_ink_away_from_a_rule_is_cut_as_before():
    """The exact cut differs from the band only in the band: next to a rule, nowhere else."""
    for name, _, _ in STRIPS:
        gray = cv2.imread(str(SCANS / f"{name}-strip.png"), cv2.IMREAD_GRAYSCALE)
        binary = dk.ink_mask(gray, max(15, int(DPI / 10) | 1))
        tables = find_tables(gray, DPI, binary)
        band, exact = lines_mask(tables, binary.shape) > 0, lines_mask_exact(tables, binary, DPI) > 0
        assert not (exact & ~band).any()
        given_back = band & ~exact & (binary > 0)
        assert given_back.any()


def test_rules_painted_across_their_table_keep_the_strokes_beside_them_too():
    """The row/column model's ink takes every rule out across its whole table (a faint rule the
    finder saw in pieces): the strokes fused to it are given back there as well, and the values
    read the same as with the rules cut where they were seen."""
    for name, printed, _ in STRIPS:
        gray = cv2.imread(str(SCANS / f"{name}-strip.png"), cv2.IMREAD_GRAYSCALE)
        binary = dk.ink_mask(gray, max(15, int(DPI / 10) | 1))
        tables = find_tables(gray, DPI, binary)
        whole = lines_mask_exact(tables, binary, DPI, whole=True)
        band = lines_mask(tables, binary.shape, whole=True) > 0
        assert not ((whole > 0) & ~band).any() and (band & ~(whole > 0) & (binary > 0)).any()
        pink = page_ink(binary, whole)
        ctx = OcrPage(gray, DPI, Settings(), default_engine(), rules=whole)
        cells = sorted(tables[0].cells, key=lambda cb: cb.c0)
        inks = [cell_ink_from(pink, (cb.x0, cb.y0, cb.x1, cb.y1), DPI) for cb in cells]
        assert [read_number(ctx, i, NUM_CHARSET, retry=True).text for i in inks] == printed
