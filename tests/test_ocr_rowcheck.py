"""A scanned table's month values read along their row (recover/readers/ocr/rowcheck.py), on rows
as OCR read them from two pages of a fills-without-lines pack at 200 dpi, where the points of most
values blurred into their cells' fill."""
from __future__ import annotations

import pytest

from recover.model import Box, Cell, Grid, GridMeta
from recover.readers.ocr.rowcheck import ODD_IN_ROW, RESTORED, doubt_odd_values

MONTHS = ["Oct-18", "Nov-18", "Dec-18", "Jan-19", "Feb-19", "Mar-19", "Apr-19"]
B = Box(0, 0, 1, 1)
SURE, DOUBTED = 0.8, 0.2


def _grid(rows: list[list[tuple[str, float]]], maxima: list[str] | None = None, header_row: int = 1) -> Grid:
    cells = [Cell(0, 0, "Children's services KPIs", B, 0.9), Cell(header_row, 0, "Ref.", B, 0.9)]
    cells += [Cell(header_row, 1 + k, m, B, 0.9) for k, m in enumerate(MONTHS)]
    cells.append(Cell(header_row, 8, "12-mnth max value", B, 0.9))
    for r, texts in enumerate(rows, start=header_row + 1):
        cells.append(Cell(r, 0, f"EH{r}", B, 0.95))
        cells += [Cell(r, 1 + k, t, B, conf) for k, (t, conf) in enumerate(texts)]
        if maxima:
            cells.append(Cell(r, 8, maxima[r - header_row - 1], B, 0.9))
    return Grid("x.pdf", 5, "ocr", tuple(cells), meta=GridMeta(header_row=header_row))


def _sure(*texts: str) -> list[tuple[str, float]]:
    return [(t, SURE) for t in texts]


def _doubted(g: Grid) -> set[tuple[int, str]]:
    before = {(c.row, c.col): c.conf for c in g.cells}
    return {(c.row, c.text) for c in doubt_odd_values(g).cells if c.conf < before[(c.row, c.col)]}


def test_a_value_with_fewer_decimals_than_its_row_lost_its_point():
    g = _grid([_sure("261%", "157%", "196%", "347%", "297%", "303%", "14.1%"),      # EH3b%, page 5
               _sure("97.1%", "940%", "93.7%", "97.0%", "960%", "949%", "92.8%")])  # LAC10 (%), page 7
    assert _doubted(g) == {(2, t) for t in ("261%", "157%", "196%", "347%", "297%", "303%")} | \
        {(3, "940%"), (3, "960%"), (3, "949%")}


def test_the_maximum_of_a_row_of_percentages_prints_its_precision():
    g = _grid([_sure("45%", "48%", "50%", "47%", "52%", "49%", "51%"),
               _sure("451%", "480%", "500%", "471%", "520%", "490%", "511%")], maxima=["52%", "52.0%"])
    assert _doubted(g) == {(3, t) for t in ("451%", "480%", "500%", "471%", "520%", "490%", "511%")}


def test_in_a_row_the_cell_checks_mostly_doubted_the_rest_of_that_form_is_doubted_too():
    row = [("670%", DOUBTED), ("480%", DOUBTED), ("540%", DOUBTED), ("630%", DOUBTED), ("570%", SURE),
           ("660%", DOUBTED), ("-", 0.97)]                                           # EH4-QL, page 5
    assert _doubted(_grid([row])) == {(2, "570%")}


def test_rows_read_in_their_own_format_are_left_alone():
    g = _grid([_sure("31.2%", "33.0%", "30.1%", "34.7%", "29.7%", "32.5%", "31.9%"),
               _sure("3", "2", "0", "1", "13", "2", "5"),             # counts that vary widely as printed
               _sure("1259", "1301", "1288", "1311", "-", "1340", "tbc"),
               [("14", DOUBTED), ("15", SURE), ("17", SURE), ("16", SURE), ("15", SURE), ("15", SURE), ("", 1.0)]],
              maxima=["34.7%", "13", "1340", "17.00"])                 # a count's maximum may print decimals
    assert _doubted(g) == set()


def test_a_value_far_off_its_row_is_no_lost_point():
    # a real spike in a row of percentages (the generated scan of tests/test_ocr.py), and a count
    g = _grid([_sure("31.4%", "29.0%", "25.5%", "tbc", "28.0%", "7.9%", "25.0%"),
               _sure("12", "15", "5", "14", "13", "11", "16")])
    assert _doubted(g) == set()


def test_a_row_of_counts_the_cell_checks_mostly_doubted_keeps_its_other_counts():
    row = [("193", DOUBTED), ("898", DOUBTED), ("159", DOUBTED), ("163", SURE), ("237", DOUBTED),
           ("210", DOUBTED), ("-", 0.97)]
    assert _doubted(_grid([row])) == set()


def _changes_grid(months: list[str], values: list[str], prev: str, year: str) -> Grid:
    head = [Cell(1, 0, "Ref.", B, 0.9)] + [Cell(1, 1 + k, m, B, 0.9) for k, m in enumerate(months)]
    n = len(months)
    head += [Cell(1, n + 1, "% change from previous month", B, 0.9),
             Cell(1, n + 2, "% change from same month prev. yr", B, 0.9)]
    row = [Cell(2, 0, "LAC", B, 0.95)] + [Cell(2, 1 + k, t, B, SURE) for k, t in enumerate(values)]
    row += [Cell(2, n + 1, prev, B, 0.9), Cell(2, n + 2, year, B, 0.9)]
    return Grid("x.pdf", 7, "ocr", tuple(head + row), meta=GridMeta(header_row=1))


LAC6 = (["Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19", "Feb-19", "Mar-19", "Apr-19", "May-19", "Jun-19",
         "Jul-19", "Aug-19", "Sep-19", "Oct-19"],
        ["4", "6", "5", "3", "2", "2", "10", "3", "4", "1", "2", "0", "0", "1"], "- n/a", "↓ -83%")
LAC14 = (["Mar-18", "Apr-18", "May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18",
          "Jan-19", "Feb-19", "Mar-19"],
         ["1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "1"], "- n/a", "→ 0%")


def test_a_change_printed_na_says_the_month_it_compares_with_printed_no_number_but_0():
    """LAC6 (val), a LibreOffice pack at 300 dpi: the month before the latest printed 0, read '9'
    (ok at 0.87); its % change from the previous month prints '- n/a' (no change from 0). LAC14,
    another pack and look, prints the same '- n/a' after a 0. A number other than 0 read there is a
    misread; 0, a dash, or a latest month that printed nothing (its change is 'n/a' too) say nothing."""
    for months, values, prev, year in (LAC6, LAC14):
        for misread in ("9", "1"):
            read = values[:-2] + [misread, values[-1]]
            assert _doubted(_changes_grid(months, read, prev, year)) == {(2, misread)}
        assert _doubted(_changes_grid(months, values, prev, year)) == set()
        assert _doubted(_changes_grid(months, values[:-2] + ["-", values[-1]], prev, year)) == set()
        assert _doubted(_changes_grid(months, values[:-2] + ["9", "-"], "- n/a", "- n/a")) == set()
        # a change that prints a figure says nothing of the kind
        assert _doubted(_changes_grid(months, values[:-2] + ["9", values[-1]], "↓ -89%", year)) == set()
    # the change from a year before compares with the month 12 back (LAC14's Mar-18 printed 1)
    months, values, prev, _ = LAC14
    assert _doubted(_changes_grid(months, ["7"] + values[1:], prev, "- n/a")) == {(2, "7")}


# rows of two packs read at 200 dpi as OCR read them (text, cell conf, how sure the looks were of
# the digits): LAC6 (%) of a LibreOffice ruled pack (Oct-18..Nov-19, p7) and EH3c% of a reportlab
# stacked pack (Nov-18..Dec-19, p5); then each row's 12-month average and maximum as read
LAC6_PCT = ([("37.5%", 0.96, 0.96), ("29.4%", 0.95, 0.95), ("17.6%", 0.92, 0.92), ("133%", 0.0, 0.0),
             ("18.2%", 0.96, 0.96), ("41.7%", 0.95, 0.95), ("27.3%", 0.95, 0.95), ("25.0%", 0.96, 0.96),
             ("71%", 0.3, 0.94), ("10.5%", 0.94, 0.94), ("0.0%", 0.96, 0.96), ("00%", 0.3, 0.95),
             ("8.0%", 0.3, 0.3), ("50%", 0.3, 0.94)], ["14 5%", "41 7%"],
            {"71%": "7.1%", "00%": "0.0%", "50%": "5.0%"})
EH3C_PCT = ([("13.0%", 0.95, 0.95), ("10.1%", 0.95, 0.95), ("113%", 0.3, 0.3), ("143%", 0.24, 0.24),
             ("14 3 %", 0.3, 0.0), ("262%", 0.3, 0.3), ("90%", 0.3, 0.96), ("115%", 0.3, 0.95),
             ("00%", 0.3, 0.94), ("12%", 0.3, 0.96), ("04%", 0.3, 0.94), ("80%", 0.3, 0.84),
             ("11.0%", 0.94, 0.94), ("180%", 0.3, 0.72)], ["10 4%", "26 2%"],
            {"90%": "9.0%", "115%": "11.5%", "00%": "0.0%", "12%": "1.2%", "04%": "0.4%", "80%": "8.0%"})


def _row_grid(values, extras, precise_extras: bool = False):
    n = len(values)
    labels = [f"{m}-{y}" for y in ("18", "19") for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                          "Aug", "Sep", "Oct", "Nov", "Dec")][-n:]
    head = [Cell(1, 0, "Ref.", B, 0.9)] + [Cell(1, 1 + k, m, B, 0.9) for k, m in enumerate(labels)]
    head += [Cell(1, n + 1, "12 month average", B, 0.9), Cell(1, n + 2, "12-month max value", B, 0.9)]
    row = [Cell(2, 0, "EH3c%", B, 0.9)] + [Cell(2, 1 + k, t, B, c) for k, (t, c, _) in enumerate(values)]
    row += [Cell(2, n + 1 + k, t if not precise_extras else t.replace(" ", "."), B, 0.9)
            for k, t in enumerate(extras)]
    digits = {(2, 1 + k): d for k, (_, _, d) in enumerate(values)}
    return Grid("x.pdf", 5, "ocr", tuple(head + row), meta=GridMeta(header_row=1)), digits


@pytest.mark.parametrize("values,extras,restored", [LAC6_PCT, EH3C_PCT], ids=["lo-ruled", "stacked"])
def test_a_row_gives_back_the_point_of_a_value_whose_digits_were_sure(values, extras, restored):
    """The row prints one decimal (its other months); a percentage every look read alike, and
    surely, without a point ('71%') takes it back where the precision puts it ('7.1%'), below a
    clean read; values whose digits were unsure stay in review, the row's other values as read."""
    g, digits = _row_grid(values, extras)
    out = {(c.row, c.col): c for c in doubt_odd_values(g, digits).cells}
    for k, (text, conf, _) in enumerate(values):
        c = out[(2, 1 + k)]
        if text in restored:
            assert (c.text, c.conf) == (restored[text], RESTORED)
        elif "." not in text:
            assert c.text == text and c.conf <= ODD_IN_ROW          # '133%' (unsure digits): review
        else:
            assert (c.text, c.conf) == (text, conf)                 # as read
    # without the looks' word on the digits nothing is given back
    assert all(c.text == t for c, (t, _, _) in zip(
        [c for c in doubt_odd_values(g).cells if c.row == 2 and 1 <= c.col <= len(values)], values))


def test_a_row_whose_every_value_lost_its_point_says_nothing_of_its_precision():
    values = [(t, 0.3, 0.95) for t in ("71%", "105%", "00%", "50%", "214%", "133%")]
    g, digits = _row_grid(values, ["145%", "417%"])
    assert all("." not in c.text for c in doubt_odd_values(g, digits).cells if c.row == 2)
    # a lone '1' before a gap is no point's gap: a narrow '1' leaves one after it in any number
    g, digits = _row_grid(values, ["1 45%", "1 00%"])
    assert all("." not in c.text for c in doubt_odd_values(g, digits).cells if c.row == 2)
    # its average or maximum printed with the point is what says it (percentages' precision), or
    # read with a space where the point stood: the point lost, the gap it stood in kept
    for precise in (True, False):
        g, digits = _row_grid(values, ["14 5%", "41 7%"], precise_extras=precise)
        got = {c.text for c in doubt_odd_values(g, digits).cells if c.row == 2}
        assert {"7.1%", "10.5%", "0.0%", "5.0%", "21.4%", "13.3%"} <= got


# EH3a% and M3 of a reportlab stacked pack at 200 dpi (Nov-18..Dec-19, p4): every month lost its
# point, every look agreeing on the digits; the 12-month average and maximum read with a space
# for theirs (text, cell conf, how sure the looks were of the digits)
EH3A_PCT = ([("98%", 0.3, 0.95), ("79%", 0.3, 0.93), ("68%", 0.3, 0.92), ("77%", 0.3, 0.95),
             ("112%", 0.18, 0.88), ("42%", 0.3, 0.96), ("79%", 0.3, 0.94), ("141%", 0.3, 0.96),
             ("144%", 0.3, 0.92), ("98%", 0.3, 0.93), ("53%", 0.3, 0.9), ("40%", 0.3, 0.96),
             ("100%", 0.0, 0.3), ("90%", 0.3, 0.96)], ["8 7%", "14 4%"])
M3_PCT = ([("128%", 0.08, 0.87), ("120%", 0.0, 0.84), ("167%", 0.3, 0.92), ("258%", 0.0, 0.84),
           ("339%", 0.0, 0.3), ("310%", 0.3, 0.96), ("299%", 0.03, 0.86), ("327%", 0.25, 0.89),
           ("363%", 0.0, 0.3), ("407%", 0.13, 0.88), ("439%", 0.04, 0.86), ("310%", 0.22, 0.89),
           ("290%", 0.0, 0.86), ("250%", 0.3, 0.88)], ["31 3%", "43 9%"])


@pytest.mark.parametrize("values,extras", [EH3A_PCT, M3_PCT], ids=["EH3a%", "M3"])
def test_a_row_whose_twelve_month_figures_kept_the_gap_of_their_point_gives_it_back(values, extras):
    """The two rows as read: the months whose digits the looks were sure of take the point one
    digit from the end (the precision the spaced figures show), the others stay in review."""
    g, digits = _row_grid(values, extras)
    out = {(c.row, c.col): c for c in doubt_odd_values(g, digits).cells}
    for k, (text, _, sure) in enumerate(values):
        c = out[(2, 1 + k)]
        if sure >= 0.8:
            assert (c.text, c.conf) == (text[:-2] + "." + text[-2:], RESTORED)
        else:
            assert c.text == text and c.conf <= ODD_IN_ROW
