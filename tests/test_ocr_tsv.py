"""Tesseract's TSV (OCR'd words with boxes) read through the row/column model: a crooked feed
levelled, the rules and marks OCR reads as text dropped, a header's month labels made whole, and
month values the row's own arithmetic contradicts made unreadable.

Real inputs: the committed TSV of two scanned packs, one per renderer (reportlab 2021-01 at
200 dpi, LibreOffice 2019-11 at 300 dpi)."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from recover.layout import Word, find_tables, words_from_tesseract_tsv
from recover.model import Cell, Grid
from recover.printed.months import label, month_add, parse_month
from recover.readers.extracted import read_text
from recover.readers.extracted.ocrcheck import verify_rows
from recover.readers.extracted.ocrwords import clean_marks, repair_month_labels
from recover.readers.extracted.settings import CONF

TSV = Path(__file__).parent / "data" / "extracted" / "tesseract-tsv"
SAMPLES = [("agenda_2019-12-12_lo-ruled-scan300", "2019-11", 14), ("agenda_2021-02-11_scan200", "2021-01", 7)]
HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(words: list[tuple[str, float, float, float, float]], line_of=lambda i: 1) -> str:
    rows = [HEAD]
    for i, (t, x, y, w, h) in enumerate(words):
        rows.append(f"5\t4\t1\t1\t{line_of(i)}\t{i + 1}\t{x:.0f}\t{y:.0f}\t{w:.0f}\t{h:.0f}\t95\t{t}")
    return "\n".join(rows) + "\n"


def _line(texts: list[str], y: float, x0: float = 100, step: float = 120, h: float = 22) -> list[Word]:
    return [Word(t, x0 + k * step, y, x0 + k * step + 14 * len(t), y + h, 0.95) for k, t in enumerate(texts)]


# ---------------------------------------------------------------- a crooked feed

@pytest.mark.parametrize("degrees", [1.2, -0.8])
def test_words_of_a_crooked_scan_are_levelled(degrees):
    # one header line across an A3 page drifts by several text lines at 1 degree; tesseract's
    # own lines (block, paragraph, line) give the slope
    s = math.tan(math.radians(degrees))
    words = []
    for line in range(4):
        for k in range(12):
            x = 100 + 380 * k
            words.append((f"w{k}", x, 300 + 60 * line + s * x, 70, 22))
    pages = words_from_tesseract_tsv(_tsv(words, line_of=lambda i: i // 12 + 1))
    ws = pages[4]
    for line in range(4):
        ys = [w.y1 for w in ws[12 * line:12 * line + 12]]
        assert max(ys) - min(ys) < 3, (degrees, ys)


def test_a_level_page_is_left_as_it_is():
    words = [(f"w{k}", 100 + 380 * k, 300 + 60 * (k // 12), 70, 22) for k in range(36)]
    ws = words_from_tesseract_tsv(_tsv(words, line_of=lambda i: i // 12 + 1))[4]
    assert [(w.x0, w.y0) for w in ws] == [(x, y) for _, x, y, _, _ in words]


# ---------------------------------------------------------------- marks read as text

def test_rules_glued_to_values_come_off_and_refs_keep_their_brackets():
    ws = _line(["1441)", "1198]", "115}Local", "(val)", "|"], 500)
    got = [w.text for w in clean_marks(ws + _line(["12", "34"], 600))]
    assert got[:5] == ["1441", "1198", "115", "Local", "(val)"]


@pytest.mark.parametrize("glued,value", [("167,", "167"), ("350,", "350"), ("57%,", "57%")])
def test_a_comma_ocr_read_after_a_value_comes_off(glued, value):
    """Tesseract reads the dot of a chart cell's rule after a value as a comma ('167,' for LAC16's
    167, '350,' for CP6B's 350): the value, as the plain-text readers take it
    (printed.confusions.strip_rule_marks). A comma inside a number and words with a comma stay."""
    ws = _line([glued, "1,234", "Local,", "12"], 500)
    assert [w.text for w in clean_marks(ws)] == [value, "1,234", "Local,", "12"]


def test_half_height_marks_and_lone_punctuation_are_dropped():
    # stripes over a row's values read as 'F', '5', ':' 12 px high where the digits are 22
    values = _line(["31%", "29%", "25%", "5"], 500)
    marks = [Word("F", 160, 470, 170, 482), Word("5", 280, 470, 290, 482), Word(":", 400, 470, 404, 483),
             Word("‘", 520, 470, 524, 480)]
    got = [w.text for w in clean_marks(values + marks)]
    assert got == ["31%", "29%", "25%", "5"]        # a full-height '5' is a value


# ---------------------------------------------------------------- month labels

def _months(ws: list[Word], y: float) -> list[str]:
    return [w.text for w in sorted(ws, key=lambda w: w.x0) if w.y0 >= y - 5 and w.y1 <= y + 30]


def test_marks_beside_labels_and_split_labels_are_one_label_each():
    # LibreOffice fills at 300 dpi: 'Jan-18 y', 'Mar a 18', 'Jun . 1g', 'Oct 18'
    ws = _line(["Jan-18", "Feb-18", "Mar-18", "Apr-18", "May-18", "Jun-18", "Jul-18", "Aug-18"], 200)
    ws[0:1] = [ws[0], Word("y", ws[0].x1 + 4, 205, ws[0].x1 + 12, 222)]
    mar = ws[3]
    ws[3:4] = [Word("Mar", mar.x0, 200, mar.x0 + 40, 222), Word("a", mar.x0 + 46, 205, mar.x0 + 54, 222),
               Word("18", mar.x0 + 60, 200, mar.x0 + 84, 222)]
    jun = [w for w in ws if w.text == "Jun-18"][0]
    k = ws.index(jun)
    ws[k:k + 1] = [Word("Jun", jun.x0, 200, jun.x0 + 40, 222), Word(".", jun.x0 + 44, 218, jun.x0 + 48, 222),
                   Word("1g", jun.x0 + 52, 200, jun.x0 + 76, 222)]
    got = _months(repair_month_labels(ws), 200)
    assert got == ["Jan-18", "Feb-18", "Mar-18", "Apr-18", "May-18", "Jun-18", "Jul-18", "Aug-18"]


def test_a_lost_or_damaged_label_between_good_ones_is_its_column_month():
    ws = _line(["Sep-20", "Oct-20", "Nov-20", "vec-20", "Jan-21", "Feb-21", "Mar-21"], 200)
    del ws[5]                                                    # Feb-21 lost altogether
    fixed = repair_month_labels(ws)
    assert _months(fixed, 200) == ["Sep-20", "Oct-20", "Nov-20", "Dec-20", "Jan-21", "Feb-21", "Mar-21"]
    assert min(w.conf for w in fixed if w.text in ("Dec-20", "Feb-21")) <= 0.5


def test_words_past_a_run_are_months_only_when_they_look_like_labels():
    # 'our' where Oct-20 would stand, 'mar-2a' (Mar-21 at a dashboard axis' end), 'from' after it
    ws = _line(["of", "our", "Nov-20", "Dec-20", "Jan-21", "Feb-21", "mar-2a", "from"], 200)
    got = _months(repair_month_labels(ws), 200)
    assert got == ["of", "our", "Nov-20", "Dec-20", "Jan-21", "Feb-21", "Mar-21", "from"]


@pytest.mark.parametrize("texts,months", [
    # LibreOffice ruled, 200 dpi: two labels parse, the next five OCR damaged ('ind' is Jul-20's)
    (["Ref.", "May-20", "Jun-20", "ind", "Ane20", "sepao.", "octeza", "Novo", "change"],
     ["Ref.", "May-20", "Jun-20", "Jul-20", "Aug-20", "Sep-20", "Oct-20", "Nov-20", "change"]),
    # the same damage before the two that parse, in a run of a later year
    (["of", "Juli", "Aug", "sepa1", "Oct-21", "Nov-21", "from"],
     ["of", "Jul-21", "Aug-21", "Sep-21", "Oct-21", "Nov-21", "from"]),
])
def test_damaged_labels_beside_two_good_ones_continue_their_run(texts, months):
    assert _months(repair_month_labels(_line(texts, 200)), 200) == months


def test_two_labels_alone_are_no_run():
    # '% change from Oct-20 | Nov-19' or two months of a sentence: nothing names a third month
    for texts in (["from", "Oct-20", "Nov-20", "avg", "max."], ["during", "Jan-20", "Feb-20", "has", "reduced"]):
        assert _months(repair_month_labels(_line(texts, 200)), 200) == texts


@pytest.mark.parametrize("texts,at", [
    (["Jun-21", "Jul-21", "Aug-21", "Sep-21", "Oct-21", "Nov-21", "Dec-21"], 2),      # a 7-month table
    ([label(month_add("2019-03", k)) for k in range(13)], 8),                          # a 13-month one
])
def test_a_rule_read_as_a_mark_between_two_labels_leaves_the_run_whole(texts, at):
    ws = _line(texts, 200, step=106)
    ws.append(Word("=", ws[at].x1 + 6, 194, ws[at].x1 + 14, 224, 0.38))
    runs = find_tables(repair_month_labels(clean_marks(ws + _line(["12", "34"] * 4, 400, step=106)))).runs
    assert any(len(r.labels) == len(texts) for r in runs)


def test_two_runs_on_one_line_are_repaired_apart():
    # dashboards side by side: two 13-month axes on one text line
    axis = [parse_month("Mar-20")]
    for _ in range(12):
        axis.append(month_add(axis[-1], 1))
    labels = [f"{['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][int(m[5:]) - 1]}-{m[2:4]}"
              for m in axis]
    left, right = list(labels), list(labels)
    left[4], right[8] = "Juk20", "pec-20"
    ws = _line(left, 200, x0=100, step=60) + _line(right, 200, x0=1000, step=60)
    got = _months(repair_month_labels(ws), 200)
    assert got == labels + labels


@pytest.mark.parametrize("name,pack,window", SAMPLES)
def test_pages_of_real_tsv_find_the_tables_month_run(name, pack, window):
    pages = words_from_tesseract_tsv((TSV / f"{name}.tesseract-tsv.tsv").read_text(encoding="utf-8"))
    found = 0
    for ws in pages.values():
        runs = find_tables(repair_month_labels(clean_marks(ws))).runs
        if any(len(r.labels) == window and r.months[-1] == pack for r in runs):
            found += 1
    assert found >= 4, found


@pytest.mark.parametrize("name,pack,window", SAMPLES)
def test_real_tsv_reads_tables_of_the_pack(name, pack, window):
    grids, _ = read_text((TSV / f"{name}.tesseract-tsv.tsv").read_text(encoding="utf-8"), name)
    tables = [g for g in grids if g.kind == "table"]
    # a page whose first label OCR lost altogether reads one month short (nothing says it is there)
    assert sum(g.meta.window == window for g in tables) >= 4
    assert all(g.meta.window <= window for g in tables)


@pytest.mark.parametrize("name,pack,window", SAMPLES)
def test_a_month_columns_header_is_its_label_whatever_ocr_merged_into_it(name, pack, window):
    # a wrapped neighbour's '%' lands in a month column's header ('% Mar21'): the column is still
    # the run's month, and its header says so (the table stage reads months from header texts)
    grids, _ = read_text((TSV / f"{name}.tesseract-tsv.tsv").read_text(encoding="utf-8"), name)
    for g in grids:
        if g.kind == "table":
            assert sum(1 for c in g.rows()[0] if parse_month(c.text)) == g.meta.window, g.page


# ---------------------------------------------------------------- the row's own arithmetic

def _grid(values: list[str], avg: str, mx: str) -> Grid:
    months = ["Jan-18", "Feb-18", "Mar-18", "Apr-18", "May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18",
              "Oct-18", "Nov-18", "Dec-18"]
    head = ["Ref."] + months + ["12 month average", "12 month max"]
    row = ["M1"] + values + [avg, mx]
    cells = [Cell(0, c, t, None, 0.95) for c, t in enumerate(head)] + \
            [Cell(1, c, t, None, 0.95) for c, t in enumerate(row)]
    return Grid("x.tsv", 1, "extracted-text", tuple(cells))


def test_values_a_failing_check_involves_are_unreadable():
    vals = ["4.1%", "4.5%", "47%", "4.2%", "4.4%", "4.0%", "4.3%", "4.6%", "4.4%", "4.2%", "4.1%", "4.5%"]
    got = verify_rows(_grid(vals, "4.3%", "4.7%"))          # '4.7%' lost its point: max fails
    confs = {c.col: c.conf for c in got.cells if c.row == 1}
    assert confs[3] <= 0.3
    got = verify_rows(_grid(["41", "45", "47", "42", "44", "40", "43", "46", "44", "42", "41", "45"], "43", "47"))
    assert all(c.conf == 0.95 for c in got.cells if c.row == 1)        # both checks hold


def test_the_one_month_that_explains_every_failing_check_is_the_only_one_doubted():
    # '7' for '77' (a digit lost in a shaded cell): the average and the maximum both fail, and only
    # that month can make them hold
    vals = ["71", "75", "7", "72", "74", "70", "73", "76", "74", "72", "71", "75"]
    got = verify_rows(_grid(vals, "73", "77"))
    confs = {c.col: c.conf for c in got.cells if c.row == 1}
    assert confs[3] <= 0.3 and all(confs[c] == 0.95 for c in range(1, 13) if c != 3)
    # two months wrong: no one month explains the checks, so every month they involve is doubted
    vals[5] = "7"
    got = verify_rows(_grid(vals, "73", "77"))
    assert all(c.conf <= 0.3 for c in got.cells if c.row == 1 and 1 <= c.col <= 12)


def test_a_passing_check_vouches_only_for_the_months_it_tested():
    # a 14-month window: the 12-month checks cover the last 12; the first two rest on tesseract
    vals = ["39", "60", "41", "45", "47", "42", "44", "40", "43", "46", "44", "42", "41", "45"]
    months = ["Nov-17", "Dec-17", "Jan-18", "Feb-18", "Mar-18", "Apr-18", "May-18", "Jun-18", "Jul-18",
              "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18"]
    head = ["Ref."] + months + ["12 month average", "12 month max"]
    confs = [0.95, 0.6] + [0.95] * 12
    cells = [Cell(0, c, t, None, 0.95) for c, t in enumerate(head)] + \
            [Cell(1, c, t, None, ([0.95] + confs + [0.95, 0.95])[c]) for c, t in enumerate(["M1"] + vals + ["43", "47"])]
    got = {c.col: c.conf for c in verify_rows(Grid("x.tsv", 1, "extracted-text", tuple(cells))).cells if c.row == 1}
    assert got[1] == 0.95 and got[2] <= 0.3 and all(got[c] == 0.95 for c in range(3, 15))


def test_a_table_whose_tail_labels_ocr_lost_is_not_trusted():
    g = _grid(["41", "45", "47", "42", "44", "40", "43", "46", "44", "42", "41", "45"], "43", "47")
    g = Grid(g.source, g.page, g.method, tuple(Cell(c.row, c.col, "ss ayoth" if c.row == 0 and c.col > 12 else c.text,
                                                     c.box, c.conf) for c in g.cells))
    assert all(c.conf <= 0.3 for c in verify_rows(g).cells if c.row == 1 and 1 <= c.col <= 12)


def test_a_row_no_check_confirms_is_not_trusted():
    got = verify_rows(_grid(["41", "45", "7", "42", "44", "40", "43", "46", "44", "42", "41", "45"], "", ""))
    assert all(c.conf <= 0.3 for c in got.cells if c.row == 1 and 1 <= c.col <= 12)


def _labels(months: list[str]) -> list[str]:
    return [label(m) for m in months]


def _row_grid(months: list[str], values: list[str], confs: list[float], tail_head: list[str],
              tail: list[str], kind: str = "table") -> Grid:
    head = ["Ref."] + months + tail_head
    row = ["M1"] + values + tail
    cs = [0.95] + confs + [0.95] * len(tail)
    cells = [Cell(0, c, t, None, 0.95) for c, t in enumerate(head)] + \
            [Cell(1, c, t, None, cs[c]) for c, t in enumerate(row)]
    return Grid("x.tsv", 1, "extracted-text", tuple(cells), kind=kind)


SEVEN = ["Jul-19", "Aug-19", "Sep-19", "Oct-19", "Nov-19", "Dec-19", "Jan-20"]


@pytest.mark.parametrize("values,change", [
    (["7", "5", "5", "4", "2", "2", "23"], "70%"),                # '5' read '4' at 0.63, '3' read '23'
    (["512", "510", "493", "498", "485", "490", "487"], "1%"),    # a change OCR read without its '-'
])
def test_beside_a_failing_check_a_month_no_check_tested_keeps_only_a_sure_read(values, change):
    confs = [0.97, 0.97, 0.97, 0.63, 0.97, 0.97, 0.97]
    g = _row_grid(SEVEN, values, confs, ["% change from Dec-19"], [change])
    got = {c.col: c.conf for c in verify_rows(g).cells if c.row == 1}
    assert got[6] <= 0.3 and got[7] <= 0.3            # the failing change's months
    assert got[4] <= 0.3                              # outside every check, read unsure
    assert all(got[c] == 0.97 for c in (1, 2, 3, 5))  # outside every check, read sure


@pytest.mark.parametrize("values,change,printed", [
    (["0", "0", "1", "1", "1", "2"], "200%", "3"),     # 1 to 3 printed; '3' read '2'
    (["5", "4", "7", "6", "4", "5"], "50%", "6"),      # 4 to 6 printed; '6' read '5'
])
def test_a_change_on_whole_numbers_vouches_only_as_exact_counts(values, change, printed):
    months = SEVEN[1:]
    g = _row_grid(months, values, [0.97] * 6, ["% change from Dec-19"], [change])
    # rounded, '1' to '2' is 0.5..1.5 to 1.5..2.5, which a 200% change covers; as counts it is 100%
    assert all(c.conf <= 0.3 for c in verify_rows(g).cells if c.row == 1 and 1 <= c.col <= 6)
    right = list(values[:-1]) + [printed]
    g = _row_grid(months, right, [0.97] * 6, ["% change from Dec-19"], [change])
    assert all(c.conf == 0.97 for c in verify_rows(g).cells if c.row == 1 and 1 <= c.col <= 6)


@pytest.mark.parametrize("low", [7, 9])
def test_a_maximum_vouches_only_for_the_month_that_is_the_maximum(low):
    # CP7: '22' for '23' at 0.64 under a printed maximum of 57, which holds for any value below it
    vals = ["53", "29", "57", "52", "26", "27", "23", "21", "22", "16", "40", "20", "41", "25"]
    months = [month_add("2018-07", k) for k in range(14)]
    labels = _labels(months)
    confs = [0.97] * 14
    confs[low - 1] = confs[2] = 0.64
    got = {c.col: c.conf for c in verify_rows(_row_grid(labels, vals, confs, ["12-mnth max value"], ["57"])).cells
           if c.row == 1}
    assert got[low] <= 0.3                       # under the maximum, read unsure
    assert got[3] == 0.64                        # the maximum itself: the check pins it
    assert all(got[c] == 0.97 for c in range(1, 15) if c not in (low, 3))


@pytest.mark.parametrize("ends", [["2019-01", "2019-01", "2019-03", "2019-03"], ["2020-04", "2020-04", "2020-06"]])
def test_a_table_ending_before_the_pack_month_lost_its_last_labels(ends):
    from recover.readers.extracted.ocrcheck import pack_month

    def table(end):
        months = [month_add(end, k - 6) for k in range(7)]
        labels = _labels(months)
        return _row_grid(labels, ["41", "45", "47", "42", "44", "40", "44"], [0.97] * 7,
                         ["% change from previous month"], ["10%"])

    grids = [table(e) for e in ends]
    pack = pack_month(grids)
    assert pack == (max(ends) if ends.count(max(ends)) >= 2 else None)
    for e, g in zip(ends, grids):
        confs = [c.conf for c in verify_rows(g, pack).cells if c.row == 1 and 1 <= c.col <= 7]
        assert all(x <= 0.3 for x in confs) if pack and e < pack else all(x == 0.97 for x in confs[-2:])


@pytest.mark.parametrize("values", [["73", "75", "69", "75", "64", "77", "72", "70"],
                                    ["4.1%", "4.5%", "4.7%", "4.2%", "4.4%", "4.0%", "4.3%", "4.6%"]])
def test_a_dashboards_unsure_read_in_line_with_its_neighbours_is_left_to_identification(values):
    # a chart's one-line table prints no arithmetic, and tesseract's confidence in its values says
    # little (right reads at 0.5-0.8 are common): the value stays, for the tables to weigh
    months = [month_add("2021-04", k) for k in range(len(values))]
    confs = [0.94] * (len(values) - 1) + [0.56]
    g = _row_grid(_labels(months), values, confs, [], [], kind="dashboard")
    got = [c.conf for c in verify_rows(g).cells if c.row == 1 and c.col >= 1]
    assert got == confs


@pytest.mark.parametrize("values,at", [(["73", "75", "69", "75", "7", "77", "72", "71"], 5),
                                       (["170", "173", "1733", "168", "171", "172", "169", "174"], 3)])
def test_a_digit_lost_or_gained_is_doubted_in_a_dashboard(values, at):
    months = [month_add("2021-04", k) for k in range(len(values))]
    labels = _labels(months)
    g = _row_grid(labels, values, [0.95] * len(values), [], [], kind="dashboard")
    got = {c.col: c.conf for c in verify_rows(g).cells if c.row == 1}
    assert got[at] <= 0.3 and all(got[c] == 0.95 for c in range(1, len(values) + 1) if c != at)


@pytest.mark.parametrize("lost", [0, 7])
def test_a_month_with_nothing_under_it_in_a_dashboards_ocr_words_is_a_lost_value(lost):
    # tesseract's words of a chart's one-line table with a value lost (a chart prints '-' for a
    # month without a value): that month is unreadable, never a blank print
    values = ["18", "17", "21", "17", "15", "16", "13", "15", "16", "14", "16", "18", "15"]
    values[lost] = ""
    months = [month_add("2020-12", k) for k in range(13)]
    g = _row_grid(_labels(months), values, [0.95] * 13, [], [], kind="dashboard")
    got = {c.col: c for c in verify_rows(g).cells if c.row == 1 and c.col >= 1}
    assert got[lost + 1].conf == 0.0 and not got[lost + 1].text
    assert all(got[c].conf == 0.95 for c in got if c != lost + 1)


@pytest.mark.parametrize("avg,sure_of_row", [("43", True), ("50", False)])
def test_a_month_tesseract_gave_no_word_for_is_never_a_sure_blank(avg, sure_of_row):
    # a blank print and a word OCR lost (a shaded cell, faint print) look alike in OCR'd words
    vals = ["41", "45", "47", "42", "", "40", "43", "46", "44", "42", "41", "45"]
    got = {c.col: c.conf for c in verify_rows(_grid(vals, avg, "47")).cells if c.row == 1}
    if sure_of_row:         # the checks hold: the blank may be printed, but not surely
        assert CONF.ambiguous < got[5] < 0.95 and got[4] == 0.95
    else:                   # the average fails: the lost word is the likelier
        assert got[5] <= CONF.ambiguous


# ---------------------------------------------------------------- a month OCR read as junk

@pytest.mark.parametrize("texts,tail,junk", [
    # the LibreOffice scan's M2 row ('S77,' for 577, the row's maximum) and the reportlab scan's
    # 7-month row whose Dec-20 tesseract read as '™%': each row's failing checks hold for some
    # value of the junk month and for no other month's
    ("235 240 192 286 378 S77, 488 522 542 477 492 508 416 380".split(),
     {"pct_prev": "=> -9%", "pct_year": "T 58%", "avg12": "438", "max12": "577"}, 5),
    (["5%", "4%", "4%", "10%", "6%", "™%", "5%"], {"pct_prev": "+ -29%"}, 5),
])
def test_a_month_read_as_junk_is_the_one_month_its_rows_failing_checks_doubt(texts, tail, junk):
    from recover.readers.extracted.checks import culprit, run_checks
    failing = [ch for ch in run_checks(texts, tail, lossy=True) if ch.result == "fail"]
    assert failing
    assert culprit(texts, tail, failing) == junk
    if "avg12" in tail:
        # a junk month no value of which lets every check hold explains nothing (an average
        # above the maximum)
        bad = dict(tail, avg12="9999")
        failing = [ch for ch in run_checks(texts, bad, lossy=True) if ch.result == "fail"]
        assert culprit(texts, bad, failing) is None


def test_a_junk_month_as_culprit_leaves_its_rows_other_months_kept():
    path = TSV / "agenda_2019-12-12_lo-ruled-scan300.tesseract-tsv.tsv"
    grids, _ = read_text(path.read_text(encoding="utf-8"), path.name)
    row = next(r for g in grids for r in g.rows()[1:] if r[0].text == "M2")
    months = [c for c in row if parse_month(next(h.text for h in grids[0].rows()[0] if h.col == c.col) or "")]
    kept = [c.text for c in months if c.conf > CONF.ambiguous]
    assert "S77," not in kept and len(kept) >= 10, [(c.text, c.conf) for c in months]
