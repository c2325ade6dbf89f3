"""How sure the looks are of a value's digits when a decimal point is all they lost
(recover/readers/ocr/numbers.py CellRead.digits, from tesseract's rating of each digit: tess.py).

At 200 dpi the point of '61.0%' fuses into the glyph beside it and every look reads '610%'.
Tesseract rates such a word near 0 (the odd glyph) while rating each of its digits 0.9-1.0, so
the word's confidence said nothing of the digits, and the row could not give the point back
(recover/readers/ocr/rowcheck.py). The crops are the straightened page's grey under each cell
(a 4 px margin) and the cell's ink as the reader kept it, from two producers' packs: reportlab
stacked (Dec-19 pack, p5) and LibreOffice stacked-hairline (Aug-18 pack, p4)."""
from __future__ import annotations

import pytest

cv2 = pytest.importorskip("cv2")

from recover.readers.ocr import numbers as nb  # noqa: E402
from recover.readers.ocr import tess  # noqa: E402
from tests.scan_cells import load_cell  # noqa: E402
from recover.readers.ocr.context import NUM_CHARSET  # noqa: E402
from recover.readers.ocr.rowcheck import RESTORE_SURE  # noqa: E402
from recover.table.settings import TABLE  # noqa: E402

pytestmark = pytest.mark.skipif(not tess.tessdata_path(), reason="tesseract eng data not installed")

CELLS = [  # (crop, as every look reads it, printed, the digits sure enough for the row's point)
    ("agenda_2020-01-16_stacked-scan200.p5-EH4-QL-2018-12", "610%", "61.0%", True),
    ("agenda_2020-01-16_stacked-scan200.p5-EH3c-2019-12", "180%", "18.0%", True),
    ("agenda_2020-01-16_stacked-scan200.p5-EH3b-2019-01", "158%", "15.8%", False),   # the '8' at 0.49
    ("agenda_2018-09-06_lo-stacked-hairline-scan200.p4-M3-2017-08", "195%", "19.5%", True),
    ("agenda_2018-09-06_lo-stacked-hairline-scan200.p4-M3-2018-01", "213%", "21.3%", True),
]


@pytest.mark.skipif(tess.process_tesseract().backend != "tesserocr",
                    reason="the pytesseract backend does not rate each digit")
@pytest.mark.parametrize("name,read,printed,sure", CELLS, ids=[c[0].split("scan200.")[1] for c in CELLS])
def test_a_value_whose_point_was_lost_keeps_how_sure_its_digits_were(name, read, printed, sure):
    ctx, ink = load_cell(name)
    r = nb.read_number(ctx, ink, NUM_CHARSET, retry=True)
    # as read, the value is no value: the ink shows a point the reads lost
    assert r.text == read and r.conf < TABLE.unreadable_below
    assert read.replace("%", "") == printed.replace(".", "").replace("%", "")
    assert (r.digits >= RESTORE_SURE) == sure


# values whose looks agree on them without the point and whose ink allows it (digits that touch
# explain the wide glyph the point fused into): the agreement is unsure as a word, so the value
# is no value as read either, but the looks rated each digit surely (reportlab stacked Dec-19 p4,
# LibreOffice stacked-hairline Aug-18 p4)
AGREED = [("agenda_2020-01-16_stacked-scan200.p4-M3-2019-02", "258%", "25.8%"),
          ("agenda_2020-01-16_stacked-scan200.p4-M8-QL-2019-09", "822%", "82.2%"),
          ("agenda_2018-09-06_lo-stacked-hairline-scan200.p4-M8-QL-2017-12", "770%", "77.0%")]


@pytest.mark.skipif(tess.process_tesseract().backend != "tesserocr",
                    reason="the pytesseract backend does not rate each digit")
@pytest.mark.parametrize("name,read,printed", AGREED, ids=[c[0].split("scan200.")[1] for c in AGREED])
def test_looks_that_agree_on_a_value_without_its_point_keep_how_sure_its_digits_were(name, read, printed):
    ctx, ink = load_cell(name)
    r = nb.read_number(ctx, ink, NUM_CHARSET, retry=True)
    assert nb.plausible(r.text, None, nb.glyphs.tall_glyph_widths(ink), (ink.w, ink.h))
    assert r.text == read and r.conf < TABLE.unreadable_below
    assert read.replace("%", "") == printed.replace(".", "").replace("%", "")
    assert r.digits >= RESTORE_SURE          # the row may give the point back


# values every look read alike and right, rating each digit >= 0.9 but the word below 0.65 (a '1'
# beside a '1' as tesseract rates it): reportlab stacked and hairline, LibreOffice stacked-hairline
# and partial packs at 200 dpi
SURE_DIGITS = [("agenda_2019-03-14_stacked-scan200.p7-CP7-2018-06", "41"),
               ("agenda_2018-06-07_hairline-scan200.p7-CP5-QLval-2018-05", "11"),
               ("agenda_2018-09-06_lo-stacked-hairline-scan200.p7-LAC2-2017-10", "11"),
               ("agenda_2019-01-24_lo-partial-scan200.p8-LAC11-QLpct-2018-03", "98.0%")]


@pytest.mark.skipif(tess.process_tesseract().backend != "tesserocr",
                    reason="the pytesseract backend does not rate each digit")
@pytest.mark.parametrize("name,printed", SURE_DIGITS, ids=[c[0].split("scan200.")[1] for c in SURE_DIGITS])
def test_looks_that_all_agree_rating_every_digit_surely_keep_the_value_below_a_clean_read(name, printed):
    ctx, ink = load_cell(name)
    r = nb.read_number(ctx, ink, NUM_CHARSET, retry=True)
    assert (r.text, r.conf) == (printed, nb.SURE_DIGITS_AGREED)
    assert TABLE.unreadable_below <= r.conf < 0.95
    # at a ruled cell's side what the rule left of a glyph reads as another as readily: not there
    if nb.at_rule(ink, ctx.dpi):
        assert nb.read_number(ctx, ink, NUM_CHARSET, retry=True, ruled=True, digit_h=ink.h).conf < TABLE.unreadable_below
