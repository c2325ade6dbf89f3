"""A month value printed flush against its cell's rule (LibreOffice right-aligns values with no
padding), read from a 200 dpi scan of a ruled pack (recover/readers/ocr/numbers.py, at_rule).

Taking the rules out of the scan takes the strokes that touch them too: a '3' kept as its left
half (7 px of the table's 13 px digits) was read '4' by two looks of three, and a '0' whose right
stroke thinned to a pixel was read '9' at 0.93 by the first look, '0' by the other two. Both were
wrong values with status ok on the full 200 dpi bench.
The crops are the straightened page's grey under each cell (a 4 px margin) and the cell's ink as
the ruled reader kept it, from two packs: LAC12 (val) Oct/Nov-19 and M5 May/Jun-20."""
from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")

from recover.readers.ocr import numbers as nb  # noqa: E402
from recover.readers.ocr import tess  # noqa: E402
from tests.scan_cells import load_cell  # noqa: E402
from recover.readers.ocr.context import NUM_CHARSET  # noqa: E402
from recover.table.settings import TABLE  # noqa: E402

pytestmark = pytest.mark.skipif(not tess.tessdata_path(), reason="tesseract eng data not installed")

DIGIT_H = 13     # the median ink height of the month values of both tables (pixels)
# (crop, what the pack printed, what was kept before, what is kept now: None for review)
CELLS = [("agenda_2019-12-12_lo-ruled-scan200.p7-LAC12val-2019-11", "3", "4", None),
         ("agenda_2019-12-12_lo-ruled-scan200.p7-LAC12val-2019-10", "3", "3", "3"),
         ("agenda_2020-12-10_lo-ruled-scan200.p4-M5-2020-05", "0", "9", "0"),
         ("agenda_2020-12-10_lo-ruled-scan200.p4-M5-2020-06", "3", "3", "3")]


@pytest.mark.parametrize("name,printed,before,now", CELLS, ids=[c[0].split(".p")[1] for c in CELLS])
def test_a_value_at_its_cells_rule_is_read_twice_and_a_fragment_of_one_is_never_kept(name, printed, before, now):
    ctx, ink = load_cell(name)
    assert nb.at_rule(ink, ctx.dpi)               # every one of them runs into its cell's rule
    # outside a ruled cell (no rule taken out of its ink) the read stands as it was
    alone = nb.read_number(ctx, ink, NUM_CHARSET, retry=True)
    assert alone.text == before and alone.conf >= TABLE.unreadable_below
    r = nb.read_number(ctx, ink, NUM_CHARSET, retry=True, ruled=True, digit_h=DIGIT_H)
    if now is None:
        # what the rule left of the glyph is too short to be a digit of the table: review
        assert ink.h < nb.FRAGMENT * DIGIT_H and r.conf < TABLE.unreadable_below
    else:
        # never on the first look alone: the second one decides ('9' then '0', '0')
        assert r.text == now == printed and r.conf >= TABLE.unreadable_below
        assert ink.h >= nb.FRAGMENT * DIGIT_H
