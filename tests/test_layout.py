"""The row/column model (recover/layout): tables from positioned words, ruling lines optional."""
from __future__ import annotations

import os

import pypdfium2 as pdfium
import pytest

import recover.readers.textlayer as textlayer
from recover.readers.textlayer.geometry import page_chars
from recover.layout import Word, read_words, words_from_chars
from recover.table.header import find_header
from tests.pdfs import HEADER, ROWS, table_pdf

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_TEXT = ["agenda_2018-10-25_text.pdf", "agenda_2020-07-16_text.pdf"]   # 13-month / 7-month eras


def _squash(grid) -> list[list[str]]:
    """Cell texts with whitespace removed: the ruled reader and the model may break a wrapped
    line differently, never a value."""
    return [["".join(c.text.split()) for c in row] for row in grid.rows()]


def _layout_of_page(doc, i: int, name: str):
    page = doc[i]
    try:
        height = page.get_bbox()[3]
        chars = page_chars(page, height)
        return read_words(words_from_chars(chars), source=name, page=i + 1, method="text-layer")
    finally:
        page.close()


@pytest.mark.parametrize("name,page,word", [("agenda_2020-02-20_lo-nolines.pdf", 6, "multi-agency"),
                                              ("agenda_2018-12-06_lo-stacked.pdf", 6, "transfer-Ins")])
def test_a_hyphen_that_ends_a_wrapped_line_is_read(name, page, word):
    """pdfium marks a printed hyphen that ends a line as a soft one; a cell LibreOffice wrapped
    there ('CP6B-' over 'NI') keeps it, on its line, right after the letter before it."""
    doc = pdfium.PdfDocument(os.path.join(ROOT, "tests", "data", "lo", name))
    try:
        pg = doc[page - 1]
        chars = page_chars(pg, pg.get_bbox()[3])
        pg.close()
    finally:
        doc.close()
    text = "".join(c.text for c in chars)
    k = text.index(word)
    head, dash = chars[k + word.index("-") - 1], chars[k + word.index("-")]
    assert dash.text == "-" and abs(dash.y0 - head.y0) < 1 and abs(dash.x0 - head.x1) < 1


@pytest.mark.parametrize("name", DEMO_TEXT)
def test_model_without_rules_gives_the_ruled_readers_cells(name):
    """Every table page of two packs: the model, never told where the rules are, gives the same
    cells as the reader that reads the cells between the rules."""
    doc = pdfium.PdfDocument(os.path.join(ROOT, "corpus", "demo", name))
    pages = 0
    try:
        for i in range(len(doc)):
            ruled = [g for g in textlayer.read_page(doc, i, name).grids if find_header(g)]
            got = [g for g in _layout_of_page(doc, i, name).grids if find_header(g)]
            assert [_squash(g) for g in got] == [_squash(g) for g in ruled], f"page {i + 1}"
            pages += bool(ruled)
    finally:
        doc.close()
    assert pages >= 5


def test_pack_read_without_rules_is_exact(monkeypatch):
    """The whole pipeline on a pack whose ruling lines are hidden from the reader: every printed
    month cell (golden/printed.csv) comes back exact, with its ref."""
    from tests.golden_views import not_read, printed_cells
    from recover.ingest.sources import open_source
    from recover.pipeline import Settings, read_sources
    from recover.register import load_register
    from recover.readers.textlayer import page as textlayer_page
    monkeypatch.setattr(textlayer_page, "page_segments", lambda page, height: [])
    name = DEMO_TEXT[1]
    src = open_source(os.path.join(ROOT, "corpus", "demo", name))
    packs, errors = read_sources([src], Settings(workers=1, ocr=False), load_register())
    assert not errors
    printed = printed_cells("text", {name}, "demo")
    missed, wrong_ok = not_read(packs[0].observations, printed)
    assert len(printed) > 300
    assert not missed and wrong_ok == 0
    assert all(r.ref for r in packs[0].rows)


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "filled"])
def unruled(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("layout") / "t.pdf"
    table_pdf(str(path), rules=False, fills=request.param)
    doc = pdfium.PdfDocument(str(path))
    page = textlayer.read_page(doc, 0, "t.pdf")
    doc.close()
    return page


def test_borderless_table_read_from_its_words(unruled):
    """Another producer's style: labels and values left-aligned at the top of their cells. With
    a shaded header band and filled cells, the fills' outlines frame a 'ruled table' that misses
    most cells: the words are read instead."""
    grids = [g for g in unruled.grids if find_header(g)]
    assert len(grids) == 1 and "layout=words" in grids[0].meta.notes
    rows = grids[0].rows()
    assert [c.text for c in rows[0]] == [" ".join(h.split()) for h in HEADER]
    for expected, row in zip(ROWS, rows[1:]):
        got = [c.text for c in row]
        assert got[0] == expected[0]
        assert got[5:12] == expected[5:12]          # '-' and 'tbc' stay in their months
        assert got[2] == expected[2]                # rotated name rejoined


# ---------------------------------------------------------------- words made by hand

def _line(y: float, items: list[tuple[float, str]], h: float = 6.0, cw: float = 3.0) -> list[Word]:
    return [Word(t, x, y, x + cw * len(t), y + h) for x, t in items]


MONTHS = ["Jan-20", "Feb-20", "Mar-20", "Apr-20", "May-20", "Jun-20"]


def _dashboard(x0: float, ref: str, values: list[str], y: float = 100.0) -> list[Word]:
    head = _line(y, [(x0 + 30 * (k + 1) + 6, m) for k, m in enumerate(MONTHS)])
    vals = _line(y + 15, [(x0 + 2, ref)] + [(x0 + 30 * (k + 2) - 2 - 3 * len(v), v)
                                              for k, v in enumerate(values)])
    return head + vals


@pytest.mark.parametrize("left,right,gap", [(("M1", ["10", "12", "-", "14", "15", "16"]),
                                             ("M2", ["1", "2", "3", "4", "5", "60"]), 260),
                                            (("LAC13", ["94%", "95%", "93%", "92%", "96%", "94%"]),
                                             ("CP1", ["102", "83", "94", "-", "87", "115"]), 300)])
def test_dashboards_side_by_side_are_separate_tables(left, right, gap):
    words = _dashboard(30, *left) + _dashboard(gap, *right) + _line(160, [(200, "Page"), (215, "9")])
    got = read_words(words, source="d", page=1, method="ocr")
    assert len(got.grids) == 2
    a, b = (g.rows() for g in got.grids)
    assert [c.text for c in a[1]] == [left[0], *left[1]]
    assert [c.text for c in b[1]] == [right[0], *right[1]]
    assert len(a) == len(b) == 2                    # the page footer is no row


@pytest.mark.parametrize("first,rest,joined", [("M2-", "NI", "M2- NI"), ("LAC11-", "QL", "LAC11- QL"),
                                               ("CP6B", "-NI", "CP6B -NI")])
def test_a_ref_wrapped_in_a_narrow_column_opens_one_row(first, rest, joined):
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(MONTHS)])
    r1 = _line(70, [(10, "M1"), (40, "Contacts")]) + _line(80, [(160 + 30 * k, "5") for k in range(6)])
    r2 = _line(100, [(10, first), (40, "Referrals")]) + _line(108, [(10, rest), (40, "per"), (52, "10,000")]) + \
        _line(116, [(160 + 30 * k, "7") for k in range(6)])
    got = read_words(head + r1 + r2, source="t", page=1, method="ocr")
    rows = got.grids[0].rows()
    assert [c.text for c in rows[1][:2]] == ["M1", "Contacts"]
    assert [c.text for c in rows[2][:2]] == [joined, "Referrals per 10,000"]
    assert [c.text for c in rows[2][2:]] == ["7"] * 6



@pytest.mark.parametrize("under,rows_found", [("c", 3), ("l", 3),          # a speck read as a letter
                                               ("Notes", 1)])                 # a word: the table ends
def test_a_lone_letter_under_the_months_on_a_row_s_first_line_does_not_end_the_table(under, rows_found):
    """A LibreOffice sheet's filled cell leaves a speck at its edge in a 200 dpi scan, which OCR
    reads as one letter ('c') under a month, on the first line of a tall row (its ref and title;
    the values sit at the cell's foot). A word under the months that is no value ends a table's
    body (prose, a chart's title, the footer), so every row from there on was lost (130 cells of
    one page). One letter alone is no prose: the rows go on; a word still ends the table."""
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(MONTHS)])
    words = head + _line(70, [(10, "M1"), (40, "Contacts")]) + _line(90, [(160 + 30 * k, "5") for k in range(6)])
    words += _line(110, [(10, "M2"), (40, "Referrals"), (152 + 30 * 5, under)]) + \
        _line(130, [(160 + 30 * k, "7") for k in range(6)])
    words += _line(150, [(10, "M3"), (40, "Visits")]) + _line(170, [(160 + 30 * k, "8") for k in range(6)])
    rows = read_words(words, source="t", page=1, method="ocr").grids[0].rows()
    assert [r[0].text for r in rows[1:]] == ["M1", "M2", "M3"][:rows_found]
    # the letter stays a word of the cell it fell in, for the cell reading to weigh
    assert [[c.text.split()[-1] for c in r[2:]] for r in rows[1:]] == [["5"] * 6, ["7"] * 6, ["8"] * 6][:rows_found]


def _tall_row(y: float, ref_lines: list[str], value: str) -> list[Word]:
    """A row of a LibreOffice sheet whose commentary wraps: ref and title lines a leading apart,
    the values at the cell's foot, a gap wider than body_gap leadings to the next row."""
    title = ["Number", "of", "children", "open"]
    words = [w for k, t in enumerate(title)
             for w in _line(y + 8 * k, ([(10, ref_lines[k])] if k < len(ref_lines) and ref_lines[k] else [])
                            + [(40, t)])]
    return words + _line(y + 8 * len(title), [(160 + 30 * k, value) for k in range(6)])


@pytest.mark.parametrize("ref", [["EHS-", "QL"], ["CPZ-", "NI"], ["LACS-", "QL"],    # a digit read as a letter
                                 ["Mé-", "QL"], ["Mé-", "QL (val)"],                # or as an accented one
                                 ["C", "6 (val)"], ["", "12 (val)"]])                # the ref's first line lost
def test_a_row_below_a_wide_gap_goes_on_whether_or_not_its_ref_was_read_as_one(ref):
    """Tall rows (a LibreOffice sheet whose commentary wraps: 2021-10 stacked-hairline, 200 dpi)
    leave gaps wider than body_gap between one row's values and the next row's ref. A 200 dpi scan
    read the 5 of 'EH5-' (over 'QL') as 'S', and 'LAC' (over '6 (val)') as 'C': the values that
    follow before the next wide gap say a row goes on, and a ref's head with its digit read as the
    letter it looks like is still one, so the row keeps its own ref line (the page had lost 9 of
    its 10 rows, another 6 of its 9)."""
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(MONTHS)])
    words = head + _tall_row(70, ["EH2"], "5") + _tall_row(140, ref, "7") + _tall_row(210, ["EH3"], "8")
    rows = read_words(words, source="t", page=1, method="ocr").grids[0].rows()
    assert [[c.text for c in r[2:]] for r in rows[1:]] == [["5"] * 6, ["7"] * 6, ["8"] * 6]
    assert [rows[1][0].text, rows[3][0].text] == ["EH2", "EH3"]
    if ref[0][-1:] == "-":
        assert rows[2][0].text == " ".join(ref)


@pytest.mark.parametrize("pieces", [["LA", "C1", "0-", "QL"], ["LA", "C1", "1-", "QL"], ["CP", "6B-", "NI"],
                                    ["CP", "1", "0-", "NI"]])
def test_a_ref_wrapped_a_few_letters_a_line_opens_one_row(pieces):
    """A column narrower still wraps a ref two or three letters a line, its head complete-looking
    before its last digit ('LAC1' of 'LAC10-QL'): the pieces after it are the same ref, not a row
    opening with 'QL'."""
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(MONTHS)])
    r1 = _line(70, [(10, "M1"), (40, "Contacts")]) + _line(80, [(160 + 30 * k, "5") for k in range(6)])
    title = ["Looked", "after", "children", "at", "end", "of", "month"]
    r2 = [w for k, p in enumerate(pieces) for w in _line(100 + 8 * k, [(10, p), (40, title[k])])]
    r2 += _line(100 + 8 * len(pieces), [(160 + 30 * k, "7") for k in range(6)])
    got = read_words(head + r1 + r2, source="t", page=1, method="ocr")
    rows = got.grids[0].rows()
    assert len(rows) == 3
    assert [c.text for c in rows[2][:2]] == [" ".join(pieces), " ".join(title[:len(pieces)])]
    assert [c.text for c in rows[2][2:]] == ["7"] * 6


@pytest.mark.parametrize("k", [0, 2, 5])
def test_a_month_label_its_narrow_cell_wrapped_is_read_whole(k):
    """A month column narrower than its label wraps it mid-word, centred on the month line:
    'Mar-2' above it, '0' below, at the first month, inside the run or at the last. The pieces
    are that month's label, its header cell reads 'Mar-20', and the '0' is no row of values."""
    from recover.printed.months import parse_month
    m = MONTHS[k]
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * j, t) for j, t in enumerate(MONTHS) if j != k])
    head += _line(46, [(150 + 30 * k, m[:-1])]) + _line(54, [(150 + 30 * k + 6, m[-1])])
    r1 = _line(70, [(10, "M1"), (40, "Contacts")] + [(160 + 30 * j, "5") for j in range(6)])
    r2 = _line(90, [(10, "M2"), (40, "Referrals")] + [(160 + 30 * j, "7") for j in range(6)])
    got = read_words(head + r1 + r2, source="t", page=1, method="ocr")
    rows = got.grids[0].rows()
    assert [parse_month(c.text) for c in rows[0][2:]] == [parse_month(t) for t in MONTHS]
    assert rows[0][2 + k].text == m
    assert [[c.text for c in r] for r in rows[1:]] == [["M1", "Contacts"] + ["5"] * 6,
                                                       ["M2", "Referrals"] + ["7"] * 6]


# ---------------------------------------------------------------- glyphs and marks

def _glyphs(items: list[tuple[str, float, float]], y: float = 100.0, size: float = 6.5, lift=()):
    """Chars of one line: (text, x0, x1); glyphs in `lift` reach higher (a '/' drawn taller)."""
    from recover.readers.textlayer.geometry import Char
    return [Char(t, x0, y - (0.3 if t in lift else 0.0), x1, y + 4.0, 0.0, size) for t, x0, x1 in items]


@pytest.mark.parametrize("size", [5.9, 7.0])
def test_a_dash_drawn_close_after_a_number_is_the_next_cells_mark(size):
    """A right-aligned value ending its column and the next column's left-aligned '-' can be
    drawn closer than a word space (LibreOffice exports): a number never ends in a dash, so
    they are two words; glyphs that touch ('2-3', a date '2019-05') stay one."""
    g = 0.23 * size
    got = words_from_chars(_glyphs([("0", 804.2, 807.6), ("-", 807.6 + g, 809.7 + g)], size=size))
    assert [w.text for w in got] == ["0", "-"]
    touching = _glyphs([("2", 10.0, 13.3), ("-", 13.3, 15.4), ("3", 15.4, 18.7)], size=size)
    assert [w.text for w in words_from_chars(touching)] == ["2-3"]
    spaced = _glyphs([("1", 10.0, 13.3), ("-", 14.0, 16.1), ("5", 16.1, 19.4)], size=size)
    assert [w.text for w in words_from_chars(spaced)] == ["1", "-5"]


@pytest.mark.parametrize("size", [5.9, 7.8])
def test_a_mark_drawn_close_after_a_percentage_or_number_is_the_next_cells(size):
    """Narrow columns bring the next cell's left-aligned mark closer than a word space to a
    right-aligned value: a percentage never ends in a dash, a number never runs on into
    letters ('100.0%' '-', '172' 'tbc'); a ref's glyphs touch and stay one word ('CP6B')."""
    g = 0.21 * size
    pct = _glyphs([("0", 350.0, 354.0), ("%", 354.0, 359.6), ("-", 359.6 + g, 362.0 + g)], size=size)
    assert [w.text for w in words_from_chars(pct)] == ["0%", "-"]
    tbc = _glyphs([("7", 10.0, 14.0), ("2", 14.0, 18.0), ("t", 18.0 + g, 20.6 + g), ("b", 20.6 + g, 24.7 + g),
                   ("c", 24.7 + g, 28.0 + g)], size=size)
    assert [w.text for w in words_from_chars(tbc)] == ["72", "tbc"]
    ref = _glyphs([("P", 10.0, 14.0), ("6", 14.05, 18.0), ("B", 18.05, 22.0)], size=size)
    assert [w.text for w in words_from_chars(ref)] == ["P6B"]


@pytest.mark.parametrize("lift", [0.3, 1.2])
def test_a_change_marks_dash_and_na_pair_up_whatever_their_boxes(lift):
    """'- n/a' (a % change whose month is blank): the '/' glyph lifts the box of 'n/a' (text
    layer) or OCR draws it taller, so the two need not round to one line."""
    from recover.layout import slots
    dash = Word("-", 718.9, 334.55, 720.9, 338.6)
    na = Word("n/a", 722.5, 334.55 - lift, 730.7, 338.65)
    other = Word("-", 882.2, 334.55, 884.2, 338.6)
    assert slots.change_marks([na, other, dash], space=1.6) == [(dash, na)]
    far = Word("n/a", 740.0, 334.2, 748.0, 338.65)
    assert slots.change_marks([dash, far], space=1.6) == []


@pytest.mark.parametrize("glued", ["-n/a", "–N/A", "1]-n/a"])
def test_a_dash_glued_to_na_is_no_month_value(glued):
    """OCR glues the '- n/a' of a blank month's change into one word, or onto the last month's
    value beside it ('1]-n/a' comes apart as '1' and '-n/a'): counted as a value, it pushed
    every value of the row one month left."""
    from recover.layout import slots
    from recover.readers.extracted.ocrwords import clean_marks
    row = [Word(v, 100 + 40 * k, 10, 110 + 40 * k, 20) for k, v in enumerate(["0", "1", "6"])]
    words = clean_marks(row + [Word(glued, 220, 10, 250, 20)])
    got = [w.text for w in slots.zone_tokens(words, 0, 300)]
    assert got == ["0", "1", "6"] + (["1"] if glued.startswith("1") else [])


@pytest.mark.parametrize("mark", [("a", 2.5, 12.0), ("", 1.0, 20.0)], ids=["corner", "edge"])
@pytest.mark.parametrize("under", [0, 3, 5])
def test_a_low_mark_under_the_months_does_not_end_the_body(mark, under):
    """Where a dark fill over some months meets a lighter one, a scan keeps pieces of the fill's
    edge between two rows, under the months: a corner read 'a', a strip read as nothing, lower
    than any text. They ended the table's body there and the rows below were lost (two rows of a
    LibreOffice pack's page with fills and no rules). Text under the months, a line of prose as
    tall as the page's words, still ends it."""
    text, h, w = mark
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + 30 * k, m) for k, m in enumerate(MONTHS)])
    r1 = _line(70, [(10, "M1"), (40, "Contacts")] + [(160 + 30 * k, "5") for k in range(6)])
    piece = [Word(text, 150 + 30 * under, 82, 150 + 30 * under + w, 82 + h)]
    r2 = _line(90, [(10, "M2"), (40, "Referrals")] + [(160 + 30 * k, "7") for k in range(6)])
    got = read_words(head + r1 + piece + r2, source="t", page=1, method="ocr")
    rows = got.grids[0].rows()
    assert [[c.text for c in r][:2] for r in rows[1:]] == [["M1", "Contacts"], ["M2", "Referrals"]]
    prose = _line(82, [(150 + 30 * under, "Children"), (180 + 30 * under, "who")])
    got = read_words(head + r1 + prose + r2, source="t", page=1, method="ocr")
    assert [[c.text for c in r][:2] for r in got.grids[0].rows()[1:]] == [["M1", "Contacts"]]


@pytest.mark.parametrize("ref,values,heading,gap", [
    ("CP1", ["156", "126", "140", "121", "106", "171"], ("Child", "Protection"), 25),
    ("LAC13", ["16", "16", "15", "15", "15", "14"], ("Early", "Help"), 40)])
def test_the_caption_under_a_row_of_charts_is_no_part_of_the_charts_above(ref, values, heading, gap):
    """Tesseract's words of LibreOffice's charts: under a chart's one-line table the next row of charts
    begins with its heading and caption ('Monthly trend, Jan-20 to Jun-20'), starting left of the
    table, so its last month label falls under the first month. It is no value of the row above: the
    month cells hold the values only ('156', not '156 Jun-20')."""
    x0, y = 60.0, 100.0
    words = _dashboard(x0, ref, values, y) + _line(y + gap, [(5, heading[0]), (23, heading[1])])
    words += _line(y + gap + 12, [(21, "Monthly"), (45, "trend,"), (66, "Jan-20"), (87, "to"), (x0 + 36, "Jun-20")])
    got = read_words(words, source="d", page=1, method="ocr")
    rows = got.grids[0].rows()
    assert [c.text for c in rows[1]][1:] == values


@pytest.mark.parametrize("before", [29.5 / 86.5, 28.0 / 92.0], ids=["reportlab-fills-nolines-200", "lo-stacked-hairline-200"])
def test_a_sparse_rows_values_the_scan_cut_in_two_are_not_placed_by_their_order(before):
    """A sparse row (the CP2b % row: '100.0%' in a few months, '-' or nothing in the others) whose
    points a 200 dpi scan lost reads each value as two words, '100' ending a third of a step
    before the month's right edge and '0%' at it (a reportlab page with fills and no rules; a
    LibreOffice page with hairlines). Three values made six words, one a month, and the row was
    placed by order: '0%' went with status ok into months that print 100.0%. Where a value lies
    further than half a step from the month it was placed in, the geometry says it is in another
    month and the row's months are not sure; the row read whole, or with a dash right-aligned in
    its cell, is placed as before."""
    step, months = 30.0, 6
    anchor = [168 + step * k for k in range(months)]

    def at(k: int, text: str, end: float = 0.0) -> tuple[float, str]:
        return anchor[k] - end * step - 3 * len(text), text
    head = _line(50, [(10, "Ref."), (40, "Indicator")] + [(150 + step * k, m) for k, m in enumerate(MONTHS)])
    full = [w for i, ref in enumerate(("CP2", "CP2a", "CP2b"))
            for w in _line(70 + 20 * i, [(10, ref), (40, "Transfers")] + [at(k, str(24 + i)) for k in range(months)])]
    cut = [p for k in (1, 2, 4) for p in (at(k, "100", before), at(k, "0%"))]
    whole = [at(k, "100.0%") for k in (1, 2, 4)]
    dashed = [at(0, "33.0%"), at(1, "-"), at(3, "100.0%")]
    for values, sure in ((cut, False), (whole, True), (dashed, True)):
        row = _line(130, [(10, "CP2b %"), (40, "Share")] + values)
        t = read_words(head + full + row, source="t", page=1, method="ocr").layout.tables[0]
        month_cols = set(t.month_cols)
        assert [bool(d & month_cols) for d in t.doubtful] == [False, False, False, not sure], values



# FM011 and FM012 as OCR'd on a reportlab page at 200 dpi (x of each word; the months' anchors)
RIGHTS = (1078, 1184, 1290, 1396, 1502, 1608, 1713)
LEFTS = (1033, 1138, 1244, 1350, 1455, 1560, 1720)


@pytest.mark.parametrize("first,last", [("27", "23"), ("37", "57")], ids=["FM011", "FM012"])
def test_a_dash_right_of_where_the_last_months_numbers_end_is_the_next_columns(first, last):
    """'27' in one month, '23' in the last, and the '- n/a' of the change after it, its 'n/a' not
    read as such (so no pair marks the dash as the change's). Counted as a month value the dash
    took the last month, '23' was pushed into the month before (which prints nothing) and the row
    went to review. No month prints a mark there: a month's '-' starts at its cell's left edge
    (reportlab) or ends where its numbers end (LibreOffice), both left of the last month's
    numbers' end. The rows that counted such a dash gave the last month's marks their anchor
    (1720, right of the numbers' 1713)."""
    from recover.layout import slots
    s = slots.Slots(RIGHTS, LEFTS, 106.0)
    a, b, dash = Word(first, 1370, 100, 1390, 120), Word(last, 1686, 100, 1707, 120), Word("-", 1720, 100, 1725, 120)
    assert slots.past_the_months([a, b, dash], s) == [dash]
    toks = [a, b]
    placed, doubt = slots.place(toks, slots.Slots(RIGHTS, LEFTS[:-1] + (1604,), 106.0), 0.25 * 106)
    assert placed == [3, 6] and not doubt and not slots.far_off(toks, placed, s, 0.5 * 106)
    # a month's own dash, left-aligned (reportlab) or right-aligned (LibreOffice), stays a month value
    for own in (Word("-", 1608, 100, 1613, 120), Word("-", 1708, 100, 1713, 120)):
        assert slots.past_the_months([a, own], s) == []
