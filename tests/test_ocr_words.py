"""Words found in the ink of a scanned page, without OCR (recover/readers/ocr/inkwords.py).

Every case is drawn here with reportlab, in two faces and at 200 and 300 dpi, and 'scanned'
(blur, paper tone, noise), so where each word is, and which way it runs, is known.
"""
from __future__ import annotations

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")
pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from recover.readers.ocr import deskew as dk  # noqa: E402
from recover.readers.ocr.ink import page_ink  # noqa: E402
from recover.readers.ocr.inkwords import find_words  # noqa: E402

W, H = 420, 160          # points
FACES = ("Helvetica", "Times-Roman")
CASES = [(face, dpi) for face in FACES for dpi in (200, 300)]


def _page(draw, dpi: int, seed: int = 0) -> np.ndarray:
    """Grey scan of a small page drawn by draw(canvas)."""
    import io

    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    draw(c)
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    gray = dk.to_gray(doc[0].render(scale=dpi / 72, grayscale=True).to_numpy()).astype(np.float32)
    doc.close()
    rng = np.random.default_rng(seed)
    gray = cv2.GaussianBlur(gray * (242 / 255.0), (3, 3), 0.6) + rng.normal(0, 3, gray.shape)
    return np.clip(gray, 0, 255).astype(np.uint8)


def _mask(gray: np.ndarray, dpi: int) -> np.ndarray:
    """The ink mask the OCR reader makes of a scan (its window scales with the dpi)."""
    return dk.ink_mask(gray, max(15, int(dpi / 10) | 1))


def _words(gray: np.ndarray, dpi: int):
    return find_words(page_ink(_mask(gray, dpi)), dpi).words


def _px(v: float, dpi: int) -> float:
    return v * dpi / 72


def _inside(w, box, dpi, slack=2.0) -> bool:
    """Word w (pixels) lies inside box (points, x0, top, x1, bottom from the page top)."""
    x0, t, x1, b = (_px(v, dpi) for v in box)
    s = _px(slack, dpi)
    return x0 - s <= w.x0 and w.x1 <= x1 + s and t - s <= w.y0 and w.y1 <= b + s


def _drawn_boxes(c, words, face, size, x, baseline, gap):
    """Draw words on one line; their boxes in points from the page top (x0, top, x1, bottom)."""
    out = []
    for wd in words:
        c.drawString(x, H - baseline, wd)
        w = c.stringWidth(wd, face, size)
        out.append((x, baseline - size, x + w, baseline + 0.3 * size))
        x += w + gap
    return out


@pytest.mark.parametrize("face,dpi", CASES)
def test_words_never_join_across_a_word_space_and_keep_their_points(face, dpi):
    """Every printed word is covered by the words found, and no word found reaches into two
    printed words; '22.4%' keeps its point and '-' is a word."""
    words = ["Number", "of", "contacts", "received", "22.4%", "-", "Target"]
    boxes = []

    def draw(c):
        c.setFont(face, 8)
        boxes.extend(_drawn_boxes(c, words, face, 8, 20, 60, c.stringWidth(" ", face, 8)))
    found = _words(_page(draw, dpi), dpi)
    assert all(w.turn == 0 for w in found)
    owner = [[k for k, b in enumerate(boxes) if _inside(w, b, dpi, slack=0.6)] for w in found]
    assert all(len(o) == 1 for o in owner)
    assert sorted({o[0] for o in owner}) == list(range(len(words)))
    point = next(w for w, o in zip(found, owner) if o == [4])
    assert point.w >= 0.9 * _px(boxes[4][2] - boxes[4][0], dpi)      # '22.4%' in one piece


# gap widths (pixels: count) between the glyphs of one run of text, measured on corpus scans
GAPS_BOLD_200 = [40, 481, 467, 148, 24, 47, 101, 71, 16, 4, 4, 2, 1]    # reportlab, bold header, 200 dpi
GAPS_LO_300 = [28, 358, 1000, 751, 175, 13, 1, 9, 87, 170, 83, 28, 2, 3]  # LibreOffice, 300 dpi
GAPS_PLAIN_200 = [45, 812, 1128, 330, 20, 28, 163, 116, 27, 12, 7, 6, 3]  # reportlab, 200 dpi


@pytest.mark.parametrize("hist,glyph,space", [(GAPS_BOLD_200, 12, 4), (GAPS_LO_300, 16, 6), (GAPS_PLAIN_200, 12, 4)],
                         ids=["bold-200", "lo-300", "plain-200"])
def test_the_word_space_is_the_valley_before_a_peak_of_its_own(hist, glyph, space):
    """The letters' peak of the gap widths can fall off slowly (bold letters at 200 dpi: more
    3-px gaps than word spaces of 5-7; 4-px letter gaps at 300 dpi); the first bin of that tail
    is no word space. Taken for one, it cut every label of a header in two ('Jul-' '18': the
    page had no month line) or words at their widest letter gap."""
    from recover.readers.ocr.inkwords import DEFAULT, _word_space
    gaps = [g for g, n in enumerate(hist) for _ in range(n)]
    x = np.cumsum([0] + [10 + g for g in gaps])               # glyphs 10 px wide, one run
    boxes = np.stack([x, np.zeros_like(x), x + 10, np.full_like(x, glyph)], axis=1)
    assert _word_space(boxes, np.zeros(len(x), np.int64), glyph, DEFAULT) == space


@pytest.mark.parametrize("face,dpi", CASES)
@pytest.mark.parametrize("angle", (90, -90))
def test_a_name_printed_along_a_narrow_column_is_turned_words(face, dpi, angle):
    """'Jane Whitby' up or down a column: its words run along the vertical axis."""
    def draw(c):
        c.setFont(face, 8)
        c.saveState()
        c.translate(100, 30 if angle == 90 else 130)
        c.rotate(angle)
        c.drawString(0, 0, "Jane Whitby")
        c.restoreState()
        c.drawString(140, 80, "Number of contacts")
    found = _words(_page(draw, dpi, seed=1), dpi)
    turned = [w for w in found if w.turn]
    upright = [w for w in found if not w.turn]
    assert len(turned) == 2 and len(upright) == 3
    assert all(w.h > 2 * w.w for w in turned)


@pytest.mark.parametrize("face,dpi", CASES)
def test_a_name_wrapped_upright_in_short_chunks_stays_upright(face, dpi):
    """'Jan' 'e' 'Wh' 'itb' 'y' stacked in a column narrower than one word, beside a title
    whose words reach the column's edge: every chunk is an upright word of its own, none is
    turned and none joins the title."""
    chunks = ["Jan", "e", "Wh", "itb", "y"]
    size, lead = 8, 8 * 1.18

    def draw(c):
        c.setFont(face, size)
        title = "Number of contacts"
        c.drawString(20, H - 40, title)
        x = 20 + c.stringWidth(title, face, size) + 4       # the column starts 4 pt further
        for k, ch in enumerate(chunks):
            c.drawString(x, H - 40 - k * lead, ch)
    found = _words(_page(draw, dpi, seed=2), dpi)
    assert not any(w.turn for w in found)
    title_end = max(w.x1 for w in found if w.y0 < _px(40, dpi))
    stacked = [w for w in found if w.x0 > title_end - 1 or w.y0 > _px(45, dpi)]
    assert len(found) == 3 + len(chunks) and len(stacked) == len(chunks) - 1


@pytest.mark.parametrize("face,dpi", CASES)
def test_what_a_scan_keeps_of_a_hairline_rule_is_no_word(face, dpi):
    """A light-grey hairline comes out of a scan in faint pieces (drawn here as a dashed
    0.15 pt rule of 0.75 grey): not text. The black digits and the printed dash beside it are."""
    def draw(c):
        c.setFont(face, 8)
        c.drawString(30, H - 50, "1354")
        c.drawString(80, H - 50, "-")
        c.setStrokeGray(0.75)
        c.setLineWidth(0.15)
        c.setDash(2, 3)
        c.line(20, H - 70, 300, H - 70)
        c.line(70, H - 20, 70, H - 140)
        c.line(74, H - 20, 74, H - 140)
    gray = _page(draw, dpi, seed=3)
    pink = page_ink(_mask(gray, dpi))
    printed = [(28, 40, 50, 52), (79, 44, 86, 52)]
    found = find_words(pink, dpi, gray).words
    owner = [[k for k, b in enumerate(printed) if _inside(w, b, dpi)] for w in found]
    assert all(len(o) == 1 for o in owner) and {o[0] for o in owner} == {0, 1}
    # without the grey page the pieces of the rules are taken for glyphs
    assert len(find_words(pink, dpi).words) > 2


@pytest.mark.parametrize("face", ("Helvetica", "Carlito", "DejaVuCondensed"))
@pytest.mark.parametrize("dpi", (200, 300))
def test_a_decimal_point_the_scan_lost_leaves_its_advance_between_two_digit_centres(face, dpi):
    """A faint point can vanish from a scan and leave its advance between two digits (drawn here
    as the digits before it, the point's advance, then the rest). Digits are tabular, so their
    centres step by one advance and the lost point shows as a longer step, beside a '1' too, whose
    narrow ink leaves wide gaps by itself ('1.4' read '14', '2.1' read '21'). Values printed
    without a point step evenly, however narrow their '1's."""
    from recover.readers.ocr.glyphs import wide_pitch_suspect
    from recover.readers.ocr.ink import cell_ink
    face = _face(face)

    def value(parts):
        def draw(c):
            c.setFont(face, 8)
            x = 40
            for text, skip in parts:
                c.drawString(x, H - 60, text)
                x += c.stringWidth(text, face, 8) + (c.stringWidth(".", face, 8) if skip else 0)
        gray = _page(draw, dpi, seed=4)
        s = dpi / 72
        return cell_ink(_mask(gray, dpi),
                        (int(30 * s), int(40 * s), int(150 * s), int(70 * s)), dpi)
    for lost in ([("8", True), ("8%", False)], [("1", True), ("4", False)], [("2", True), ("1", False)],
                 [("4", True), ("1%", False)], [("13", True), ("5", False)], [("21", True), ("3%", False)]):
        assert wide_pitch_suspect(value(lost)), lost
    for plain in ("88%", "1354", "21%", "8.8%", "110", "21", "41", "215", "1421", "33", "1,278", "-11", "213%",
                  "13%"):
        assert not wide_pitch_suspect(value([(plain, False)])), plain


@pytest.mark.parametrize("face,dpi", CASES)
def test_faint_specks_of_a_dotted_hairline_are_no_dash(face, dpi):
    """A light hairline can come out of a scan as specks the size of a printed dash (4 x 2 px at
    200 dpi): a dash word must be black. They had made a line of 'values' that ended a table's
    body under its month labels. The printed dash beside them is still a word."""
    def draw(c):
        c.setFont(face, 8)
        c.drawString(30, H - 50, "1354")
        c.drawString(80, H - 50, "-")
        c.setStrokeGray(0.8)
        c.setLineWidth(0.5)
        c.setDash(1.85, 25)
        c.line(20, H - 90, 400, H - 90)
    gray = _page(draw, dpi, seed=5)
    pink = page_ink(_mask(gray, dpi))
    found = find_words(pink, dpi, gray).words
    assert not [w for w in found if w.y0 > _px(80, dpi)]
    assert any(_inside(w, (79, 44, 86, 52), dpi) for w in found)
    # the specks are ink all the same: without the grey page they pass for dashes
    assert [w for w in find_words(pink, dpi).words if w.y0 > _px(80, dpi)]


CARLITO = "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"   # Calibri's metrics
DEJAVU_CONDENSED = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf"   # the corpus's values


def _face(name: str) -> str:
    files = {"Carlito": (CARLITO, "fonts-crosextra-carlito"), "DejaVuCondensed": (DEJAVU_CONDENSED, "fonts-dejavu-core")}
    if name in files:
        import os

        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        path, package = files[name]
        if not os.path.exists(path):
            pytest.skip(f"{name} ({package}) not installed")
        pdfmetrics.registerFont(TTFont(name, path))
    return name


@pytest.mark.parametrize("face", ("Times-Roman", "Carlito"))
def test_a_one_with_a_foot_is_no_digit_too_wide_for_the_others(face):
    """Calibri's and Times' '1' carry a flag and a foot that make its ink as wide as a narrow
    digit at 200 dpi; it is still one stem, and a '1' beside a wider digit is no sign of a point
    fused into that digit. A '7' slants and ends in a narrow stroke."""
    from recover.readers.ocr.glyphs import fused_point_suspect, is_one
    from recover.readers.ocr.ink import cell_ink
    face = _face(face)

    def value(text):
        def draw(c):
            c.setFont(face, 8)
            c.drawString(40, H - 60, text)
        gray = _page(draw, 200, seed=6)
        return cell_ink(dk.ink_mask(gray, 21), (80, 120, 300, 190), 200)
    for text in ("121", "148", "166", "1354"):
        assert not fused_point_suspect(value(text)), text
    for text in ("17", "14", "13"):
        ink = value(text)
        sub = ink.mask[ink.box[1]:ink.box[3], ink.box[0]:ink.box[2]]
        pieces = sorted(ink.cc()[1][1:].tolist(), key=lambda s: s[0])
        assert [is_one(sub, s) for s in pieces] == [True, False], text


def test_a_value_column_with_one_tall_glyph_is_not_taken_for_turned_names():
    """Turned names are tall ink; a value column's ink is wide, and every such cell says so.
    A single tall glyph in it (a '5' whose top bar the scan parted from its bowl) once made
    the whole column 'turned', and every value in it was read sideways."""
    from recover.readers.ocr.grid import CellBox
    from recover.readers.ocr.ink import Ink
    from recover.readers.ocr.text import rotated_columns

    def ink(mask):
        ys, xs = np.nonzero(mask)
        return Ink(mask, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1), (0, 0))

    def wide(n_digits):
        m = np.zeros((20, 40), np.uint8)
        for k in range(n_digits):
            m[4:16, 2 + 8 * k:8 + 8 * k] = 255
        return ink(m)
    five = np.zeros((20, 40), np.uint8)
    five[3:5, 30:37] = 255          # the top bar, parted from ...
    five[6:16, 30:37] = 255         # ... the rest of the glyph
    turned_name = np.zeros((80, 20), np.uint8)
    for k in range(6):              # letters one above another, 3 px apart
        turned_name[4 + 12 * k:13 + 12 * k, 6:15] = 255
    inks = {}
    for r in range(6):
        inks[CellBox(r, 0, r, 0, 0, 0, 20, 80)] = ink(turned_name.copy())
        inks[CellBox(r, 1, r, 1, 0, 0, 40, 20)] = ink(five.copy()) if r == 2 else wide(2 + r % 2)
    assert rotated_columns(None, inks, 200) == {0}


@pytest.mark.parametrize("misread", (2, 5))
def test_a_month_label_ocr_misread_still_stands_for_its_column(misread):
    """The values under a month label are read as month values. A label OCR misread ('jJun-18')
    left its column out, its values unread, and the layout model moved the row's other values a
    month to fill the gap: the run's word in the step between two labels is a label all the same,
    and a word off the step is not."""
    from recover.readers.ocr.inkwords import InkWord, PageWords
    from recover.readers.ocr.monthruns import label_slots
    step, none = 86, np.zeros(0, np.int64)
    words = [InkWord(800 + k * step, 100, 840 + k * step, 112, 0, none) for k in range(8)]
    words.append(InkWord(810 + 3 * step + 43, 100, 830 + 3 * step + 43, 112, 0, none))   # half a step off
    pw = PageWords(tuple(words), 12.0)
    run = list(range(len(words)))
    labels = [k for k in range(8) if k != misread]
    assert label_slots(pw, run, labels, step) == list(range(8))


def test_month_values_the_geometry_could_not_place_are_not_sure():
    """A month prints one value. A row whose values the layout model could not place into its
    months (t.doubtful) is read as the geometry allows: with more value words than months (values
    in pieces: '17' '4%' of '17.4%', '10' '1%' of '10.1%' whose point the scan lost) the words stay
    in the columns they fell in, and only a cell holding two values is unplaced; with as many as
    months or fewer, another placement was nearly as near and no month of the row is sure."""
    from types import SimpleNamespace

    from recover.layout.settings import DEFAULT
    from recover.readers.ocr.unruled import LEFT_WHERE_FELL, _placement_cap
    months = frozenset({5, 6, 7, 8})
    t = SimpleNamespace(doubtful=(frozenset(), frozenset(months), frozenset(months)))
    # (value words, values) per cell
    pieces = {(2, 5): (1, 1), (2, 6): (2, 1), (2, 7): (2, 2), (2, 8): (1, 1)}   # 6 words in 4 months
    shifted = {(3, 5): (1, 1), (3, 6): (1, 1), (3, 8): (1, 1)}                 # placement ambiguous
    plain = {(1, k): (1, 1) for k in months}
    values = {**pieces, **shifted, **plain}
    assert [_placement_cap(1, k, t, months, values) for k in sorted(months)] == [1.0] * 4
    assert [_placement_cap(2, k, t, months, values) for k in sorted(months)] == \
        [LEFT_WHERE_FELL, LEFT_WHERE_FELL, DEFAULT.ambiguous_conf, LEFT_WHERE_FELL]
    assert [_placement_cap(3, k, t, months, values) for k in sorted(months)] == [DEFAULT.ambiguous_conf] * 4
    # two values in one month are no placement, whatever the row says
    assert _placement_cap(1, 6, t, months, {**plain, (1, 6): (2, 2)}) == DEFAULT.ambiguous_conf


@pytest.mark.parametrize("dpi", (200, 300))
def test_the_pieces_of_one_value_are_one_value_and_two_months_values_are_two(dpi):
    """Ink words part a value at its point ('17' '.' '4%'), and where a faint point was lost
    ('10' '1%'): less than a glyph's height apart. Two months' values in one cell stand a column
    gap apart; words that are no value (a title's word, one not read) are not counted."""
    from recover.readers.ocr.context import CellRead
    from recover.readers.ocr.inkwords import InkWord, PageWords
    from recover.readers.ocr.unruled import _value_words
    k, none = dpi / 300, np.zeros(0, np.int64)

    def word(x0, x1):
        return InkWord(int(x0 * k), 100, int(x1 * k), int(100 + 20 * k), 0, none)
    texts = ["17", "4%", "10", "1%", "13.8%", "9.2%", "at", "7"]
    words = [word(1222, 1246), word(1249, 1290), word(3000, 3024), word(3036, 3070),
             word(4000, 4070), word(4132, 4190), word(5000, 5020), word(5030, 5050)]
    pw = PageWords(tuple(words), 16 * k)
    reads = {i: CellRead(t, 0.9) for i, t in enumerate(texts) if i != 7}
    assert _value_words(pw, [0, 1], reads) == (2, 1)
    assert _value_words(pw, [2, 3], reads) == (2, 1)
    assert _value_words(pw, [4, 5], reads) == (2, 2)
    assert _value_words(pw, [4, 6, 7], reads) == (1, 1)
    assert _value_words(pw, [6], reads) == (0, 0)


@pytest.mark.parametrize("face,dpi", CASES)
def test_where_two_faint_rules_cross_is_no_word(face, dpi):
    """Hairline rules break up in a scan, but where two cross their strokes overlap, as dark as
    text: a thin cross two or three glyphs tall. It had stood under the month labels as a word
    that is no value, and ended the table's body there (every row below it lost). Text beside
    it is still found, and so is a glyph-sized mark."""
    from recover.readers.ocr.inkwords import WordSettings

    def draw(c):
        c.setFont(face, 8)
        c.drawString(30, H - 50, "1354")
        c.drawString(30, H - 110, "+ 12%")
        c.setStrokeGray(0.45)
        c.setLineWidth(0.4)
        for x, y in ((150, 60), (260, 100)):
            c.line(x - 6, H - y, x + 6, H - y)
            c.line(x, H - y - 8, x, H - y + 8)
    gray = _page(draw, dpi, seed=7)
    pink = page_ink(_mask(gray, dpi))
    found = find_words(pink, dpi, gray).words
    assert not [w for w in found if w.x0 > _px(130, dpi)]
    assert any(_inside(w, (29, 44, 50, 52), dpi) for w in found)
    assert any(_inside(w, (29, 104, 60, 112), dpi) for w in found)
    # they are ink as dark as text all the same: without the rule they pass for words
    kept = find_words(pink, dpi, gray, settings=WordSettings(crossing=99.0)).words
    assert len([w for w in kept if w.x0 > _px(130, dpi)]) == 2


def test_a_row_after_a_wide_gap_goes_on_with_the_table_and_other_text_ends_it():
    """The body of a table under its month labels goes on while its text lines follow each other
    closely; a row made taller by its wrapped text or names parts them more widely, and the row
    after it still belongs to the table when its values stand under the labels (its ref and title
    may come first). Text after such a gap that holds no values under the labels ends the body,
    and so does a line of values much further down (the next dashboard's band)."""
    from recover.readers.ocr.inkwords import InkWord, PageWords
    from recover.readers.ocr.unruled import _body_end, _MonthLine
    glyph, step, none = 12.0, 86, np.zeros(0, np.int64)
    centres = tuple(820.0 + k * step for k in range(8))

    def values(y):          # a line of values under the labels
        return [InkWord(int(c) - 15, y, int(c) + 15, y + 12, 0, none) for c in centres]

    def title(y):           # a ref and a title, left of the months
        return [InkWord(50, y, 90, y + 12, 0, none), InkWord(150, y, 400, y + 12, 0, none)]
    layout = [values(100), values(140), values(180),   # the month line and two rows
              title(252), values(272),                  # 6 glyphs below: a row all the same
              title(344), values(364),
              title(436)]                               # 6 glyphs below, and no values follow
    far = [values(800)]                                 # a band further down
    words, lines = [], []
    for ln in layout + far:
        lines.append(list(range(len(words), len(words) + len(ln))))
        words += ln
    pw = PageWords(tuple(words), glyph)
    m = _MonthLine(0, centres, float(step), 0)
    assert _body_end(pw, lines, 0, m) == 6
    # without the rows' values below their titles the body ends at the first wide gap
    assert _body_end(pw, [ln for k, ln in enumerate(lines) if k not in (4, 6)], 0, m) == 2


@pytest.mark.parametrize("glyph,wrapped", ((11.0, 5), (13.0, 6)))
def test_a_row_whose_values_stand_at_the_foot_of_a_tall_row_goes_on_with_the_table(glyph, wrapped):
    """A producer that sets values at the foot of their cell prints them at the bottom of a row
    that its ref, wrapped title and outcome made tall: further below the row's first line than
    the ROW_GAP window, but at the end of one band of closely spaced lines. Such rows (a row of
    dashes among them) belong to the table; a band with no values under the labels still ends it."""
    from recover.readers.ocr.inkwords import InkWord, PageWords
    from recover.readers.ocr.unruled import ROW_GAP, _body_end, _MonthLine
    step, none = 86, np.zeros(0, np.int64)
    centres = tuple(820.0 + k * step for k in range(8))
    pitch = int(1.7 * glyph)

    def values(y, w=30):    # a line of values (w=6: dashes) under the labels
        return [InkWord(int(c) - w // 2, y, int(c) + w // 2, y + int(glyph), 0, none) for c in centres]

    def text(y):            # a ref, a title and an outcome line, left of the months
        return [InkWord(50, y, 90, y + int(glyph), 0, none), InkWord(150, y, 400, y + int(glyph), 0, none)]

    def tall_row(y, w=30):  # wrapped lines, then the values at the foot of the row
        return [text(y + k * pitch) for k in range(wrapped)] + [values(y + wrapped * pitch, w)]
    gap = int(6 * glyph)
    top = 100
    layout = [values(top)]                              # the month line
    y = top + int(glyph) + gap
    for w in (30, 6, 30):                               # three tall rows, the second of dashes
        layout += tall_row(y, w)
        y += wrapped * pitch + int(glyph) + gap
    n_rows = len(layout) - 1
    layout += [text(y + k * pitch) for k in range(wrapped)]   # a note under the table: no values
    assert wrapped * pitch > ROW_GAP * glyph            # the values are beyond the ROW_GAP window
    words, lines = [], []
    for ln in layout:
        lines.append(list(range(len(words), len(words) + len(ln))))
        words += ln
    pw = PageWords(tuple(words), glyph)
    m = _MonthLine(0, centres, float(step), 0)
    assert _body_end(pw, lines, 0, m) == n_rows


@pytest.mark.parametrize("labels", (15.0, 17.0))
def test_the_gap_a_row_may_follow_counts_in_the_tables_own_label_height(labels):
    """The page's median glyph falls on a page of long lowercase commentary (10-11 px at 200 dpi
    where the pack's other pages measure 13), the gaps between a table's rows do not: a gap of
    8.5 median glyphs is a row gap when the month labels are half as tall again, and a band of
    values much further down still ends the body."""
    from recover.readers.ocr.inkwords import InkWord, PageWords
    from recover.readers.ocr.unruled import ROW_GAP, _body_end, _MonthLine
    glyph, step, none = 10.0, 86, np.zeros(0, np.int64)
    centres = tuple(820.0 + k * step for k in range(8))

    def values(y):
        return [InkWord(int(c) - 15, y, int(c) + 15, y + int(labels), 0, none) for c in centres]

    def title(y):
        return [InkWord(50, y, 90, y + 12, 0, none), InkWord(150, y, 400, y + 12, 0, none)]
    gap = int(8.5 * glyph)
    assert gap > ROW_GAP * glyph
    layout, y = [values(100)], 100 + int(labels)
    for _ in range(3):                                   # three rows after gaps of 8.5 glyphs
        y += gap
        layout += [title(y), values(y + 20)]
        y += 20 + int(labels)
    n_rows = len(layout) - 1
    layout += [values(y + int(30 * labels))]             # the next band, far below
    words, lines = [], []
    for ln in layout:
        lines.append(list(range(len(words), len(words) + len(ln))))
        words += ln
    pw = PageWords(tuple(words), glyph)
    assert _body_end(pw, lines, 0, _MonthLine(0, centres, float(step), 0, labels)) == n_rows
    # counted in the page's glyphs alone, the first gap ended the table
    assert _body_end(pw, lines, 0, _MonthLine(0, centres, float(step), 0)) == 0


# crops of LibreOffice scans at 300 dpi where hairline rules cross (the straightened page, grey):
# (file, the boxes of the crop that hold text: x0, y0, x1, y1 pixels)
CROSSINGS = [("agenda_2019-04-25_lo-hairline-scan300.p7-crossings.png", [(40, 175, 800, 202)]),
             ("agenda_2019-05-02_lo-hairline-scan300.p10-crossings.png", [(615, 30, 665, 60)]),
             ("agenda_2018-09-06_lo-stacked-hairline-scan300.p5-crossings.png",
              [(0, 20, 280, 50), (360, 20, 440, 50)])]


@pytest.mark.parametrize("name,text", CROSSINGS, ids=["hairline-a", "hairline-b", "stacked-hairline"])
def test_at_300_dpi_where_hairlines_cross_is_faint_and_text_is_not(name, text):
    """Where two of LibreOffice's hairlines cross, or a piece of one thickens, a 300 dpi scan
    keeps a dot or a short stroke whose darkest pixel is 0.76-0.80 of the paper: dark enough to
    pass the 200 dpi share (0.78), so the dots had become words under the months, which ended a
    table's body (a page lost its last 11 rows). At 300 dpi text keeps far darker pixels: every
    glyph of these crops is kept, every piece of rule is faint."""
    from pathlib import Path

    from PIL import Image

    from recover.readers.ocr.inkwords import DEFAULT, _faint
    gray = np.array(Image.open(Path(__file__).parent / "data" / "scans" / name))
    pink = page_ink(_mask(gray, 300))
    st = pink.stats[1:]
    cx, cy = st[:, 0] + st[:, 2] / 2, st[:, 1] + st[:, 3] / 2
    inked = st[:, 4] >= 8                       # specks of a few pixels are no glyph either way
    in_text = np.zeros(len(st), bool)
    for x0, y0, x1, y1 in text:
        in_text |= (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)
    faint = _faint(pink, gray, DEFAULT, 300)
    assert in_text[inked].sum() >= 2 and (~in_text[inked]).sum() >= 5
    assert not faint[inked & in_text].any()
    assert faint[inked & ~in_text].all()
    # the share for 200 dpi scans, where thin strokes of text are lighter, lets some through
    assert not _faint(pink, gray, DEFAULT, 200)[inked & ~in_text].all()
