"""pdftotext -layout text through the row/column model (recover/layout): what layout text does
to a table that a text layer does not - labels joined to their neighbours by one space, a
label on a line of its own, text spread into the next column, row labels beside the values -
each tested on at least two inputs of its kind."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from recover.layout import read_words, words_from_layout_text
from recover.printed.months import parse_month
from recover.readers.extracted import read_text

MONTHS = ["Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19", "Feb-19"]
YM = ["2018-08", "2018-09", "2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
VALUES = [["1754", "1441", "1620", "1871", "1598", "1715", "1463"],
          ["262", "226", "235", "240", "192", "286", "378"]]
FIRST = 48          # right edge of the first month's values (a character column)


def put(items: list[tuple[int, str]], right: bool = False) -> str:
    """A text line with each string starting (or, right=True, ending) at its column."""
    line = ""
    for col, text in items:
        start = col - len(text) if right else col
        line = line.ljust(start) + text
    return line


def month_line(step: int, glue: str = "") -> str:
    """The month labels right-aligned over their values; `glue` ends one space before the first."""
    items = [(FIRST + k * step, m) for k, m in enumerate(MONTHS)]
    if glue:
        items.insert(0, (FIRST - len(MONTHS[0]) - 1, glue))
    return put(items, right=True)


def row_line(ref: str, title: str, vals: list[str], step: int, spill: str = "") -> str:
    """A row on one text line; `spill`: the title's last words, run on to one space before the
    first value (layout text spreads a long cell into the next column's room)."""
    line = put([(0, ref), (6, title)])
    if spill:
        title = " ".join(f"{title} {spill}".split())
        line = put([(0, ref), (FIRST - len(vals[0]) - 1 - len(title), title)])
    return line.ljust(FIRST - len(vals[0])) + "".join(v.rjust(step if k else len(v)) for k, v in enumerate(vals))


def table(head: list[str], step: int, spill: str = "") -> str:
    rows = [row_line("M1", "Number of contacts received", VALUES[0], step, spill),
            row_line("M2", "Number of new referrals", VALUES[1], step, spill)]
    return "\n".join(["Ref   Indicator"] + head + [""] + rows) + "\n"


def months_of(text: str) -> list[dict[str, str]]:
    """{month: cell text} of each body row of the one table read from `text`."""
    (g,) = [g for g in read_text(text, "t.txt")[0] if g.kind == "table"]
    rows = g.rows()
    head = {c.col: parse_month(c.text) for c in rows[0] if parse_month(c.text)}
    return [{head[c.col]: c.text for c in r if c.col in head} for r in rows[1:]]


EXPECTED = [dict(zip(YM, v)) for v in VALUES]


@pytest.mark.parametrize("step", [9, 11])
def test_the_model_reads_a_plain_layout_table(step):
    assert months_of(table([month_line(step)], step)) == EXPECTED


@pytest.mark.parametrize("glue,step", [("measures", 9), ("of our", 11)])
def test_a_month_label_joined_to_the_text_before_it_is_a_column_of_its_own(glue, step):
    head = month_line(step, glue)
    assert f"{glue} {MONTHS[0]}" in head
    assert months_of(table([head], step)) == EXPECTED


@pytest.mark.parametrize("step", [7, 8])
def test_two_month_labels_one_space_apart_are_two_columns(step):
    head = month_line(step)
    assert f"{MONTHS[0]} {MONTHS[1]}" in head or f"{MONTHS[0]}  {MONTHS[1]}" in head
    assert months_of(table([head], step)) == EXPECTED


@pytest.mark.parametrize("where", ["above", "below"])
def test_the_first_month_on_a_line_of_its_own_joins_the_run(where):
    """Layout text puts a label whose baseline differs a little on the line above or below."""
    step = 9
    head = month_line(step)
    at = head.index(MONTHS[0])
    lone, rest = put([(at, MONTHS[0])]), head[:at] + " " * len(MONTHS[0]) + head[at + len(MONTHS[0]):]
    lines = [lone, rest] if where == "above" else [rest, lone]
    assert months_of(table(lines, step)) == EXPECTED


@pytest.mark.parametrize("k", [0, 3, 6])
def test_a_month_label_its_narrow_cell_wrapped_is_the_months_column(k):
    """A cell narrower than its label wraps it mid-word: 'Nov-1' on the line above the month
    line and '8' on the line below, at the first month, inside the run or at the last. The
    pieces, read top to bottom, are that month's label (and the '8' no row of values)."""
    step = 9
    head = month_line(step)
    at = head.index(MONTHS[k])
    label = MONTHS[k]
    blank = head[:at] + " " * len(label) + head[at + len(label):]
    lines = [put([(at, label[:-1])]), blank, put([(at + 2, label[-1])])]
    assert label not in "".join(lines)
    assert months_of(table(lines, step)) == EXPECTED


@pytest.mark.parametrize("n,where", [(1, "below"), (2, "below"), (2, "above")])
def test_the_last_months_on_a_line_of_their_own_join_the_run(n, where):
    """Layout text puts the last labels of a wide header on the line under (or over) the
    others when their baselines differ, one space from the next column's label ('Jul-19',
    then 'Aug-19 Sept-19 previous' a line down): each is a month of the run."""
    step = 9
    head = month_line(step)
    at = head.index(MONTHS[-n])
    lone, rest = put([(at, head[at:] + " previous")]), head[:at].rstrip()
    lines = [rest, lone] if where == "below" else [lone, rest]
    assert months_of(table(lines, step)) == EXPECTED


@pytest.mark.parametrize("glue", ["previous", "from same"])
def test_a_month_label_joined_to_the_text_after_it_is_a_column_of_its_own(glue):
    """'Feb-19 previous': the last month one space from the next column's label."""
    step = 9
    head = month_line(step) + " " + glue
    assert f"{MONTHS[-1]} {glue}" in head
    assert months_of(table([head], step)) == EXPECTED


@pytest.mark.parametrize("extra", [20, 30])
def test_consecutive_months_spread_far_apart_stay_one_header(extra):
    """Layout text spreads a header whose cells wrap unevenly: the labels after a wide gap
    (here 3.2 and 4.3 steps from the one before) still continue the same run of months."""
    step = 9
    at = FIRST + 2 * step + 1          # just after the third month's label and values

    def spread(line: str) -> str:
        return line[:at] + " " * extra + line[at:]
    lines = [spread(month_line(step))]
    rows = [spread(row_line(ref, title, v, step))
            for ref, title, v in (("M1", "Number of contacts received", VALUES[0]),
                                  ("M2", "Number of new referrals", VALUES[1]))]
    text = "\n".join(["Ref   Indicator"] + lines + [""] + rows) + "\n"
    assert months_of(text) == EXPECTED
    # the row/column model itself reads it as one table of every month (not only a fallback)
    got = read_words(words_from_layout_text(text.split("\n")), source="t", page=1,
                     method="extracted-text", box_scale=None)
    (g,) = got.grids
    assert [parse_month(c.text) for c in g.rows()[0][2:]] == YM


@pytest.mark.parametrize("step", [9, 11])
def test_a_number_ending_the_text_before_the_months_leaves_a_short_row_unplaced(step):
    """'... receive the help 24.2%  22.6% ...': layout text can push the first month's value
    out of its column onto the end of the text before it. In a row with fewer values than
    months, which month each value is in is then unknown: its month cells are doubtful
    (conf <= 0.3), never placed with full confidence; a row of every month is still read."""
    vals = VALUES[0]
    pushed = put([(0, "M1"), (6, "Contacts, help " + vals[0])])
    assert len(pushed) <= FIRST - step      # the first value ends a step before its column
    rest = put([(FIRST + k * step, v) for k, v in enumerate(vals) if k >= 2], right=True)
    short = pushed + rest[len(pushed):]
    text = "\n".join(["Ref   Indicator", month_line(step), "", short,
                      row_line("M2", "Number of new referrals", VALUES[1], step)]) + "\n"
    (g,) = [g for g in read_text(text, "t.txt")[0] if g.kind == "table"]
    grid = g.rows()
    head = {c.col for c in grid[0] if parse_month(c.text)}
    assert max(c.conf for c in grid[1] if c.col in head) <= 0.3
    assert [c.text for c in grid[2] if c.col in head] == VALUES[1]
    assert min(c.conf for c in grid[2] if c.col in head) == 1.0


@pytest.mark.parametrize("spill", ["have", "that like"])
def test_text_of_the_column_before_spread_into_the_first_month_stays_there(spill):
    step = 9
    text = table([month_line(step)], step, spill)
    assert f"{spill} {VALUES[0][0]}" in text
    assert months_of(text) == EXPECTED
    (g,) = [g for g in read_text(text, "t.txt")[0] if g.kind == "table"]
    assert g.rows()[1][1].text.endswith(spill)


DASH = ["Jun-19", "Jul-19", "Aug-19", "Sep-19", "Oct-19", "Nov-19", "Dec-19"]


@pytest.mark.parametrize("ref_gap", [3, 6])
def test_dashboards_side_by_side_keep_their_row_labels(ref_gap):
    """'M1' at its own character column far left of its values; 'M2' printed a few columns
    after the first table's last value: each is the row label of its own table."""
    a = ["1660", "1315", "1210", "1158", "1354", "1323", "1258"]
    b = ["542", "477", "492", "508", "416", "380", "309"]
    step, second = 10, 120
    head = put([(19 + step * (k + 1), m) for k, m in enumerate(DASH)] +
               [(second + step * (k + 1), m) for k, m in enumerate(DASH)], right=True)
    end_a = 19 + step * len(DASH)
    vals = put([(19 + step * (k + 1), v) for k, v in enumerate(a)], right=True)
    vals = put([(0, "M1"), (len("M1"), vals[2:])])
    vals = put([(0, vals), (end_a + ref_gap, "M2")])
    vals = vals + put([(second + step * (k + 1), v) for k, v in enumerate(b)], right=True)[len(vals):]
    words = words_from_layout_text([head, "", vals])
    got = read_words(words, source="d", page=1, method="extracted-text", box_scale=None)
    assert [[c.text for c in g.rows()[1]] for g in got.grids] == [["M1"] + a, ["M2"] + b]


SAMPLES = Path(__file__).resolve().parent / "data" / "extracted" / "pdftotext-layout"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_layout_samples_of_both_renderers_read_every_printed_month(sample):
    """The committed pdftotext -layout samples (two packs of each renderer, ruled and unruled)
    through the pipeline: every printed month cell of the source PDF exact, none wrong with
    status ok, every row with a ref. The unruled ones hold last-month values that layout text
    pushed past the months' edge ('3  \u2191 200%')."""
    from recover.ingest.sources import open_source
    from recover.pipeline import Settings, read_sources
    from recover.register import load_register
    source = sample.split(".")[0] + ".pdf"
    printed = [r for name in ("printed.csv", "printed_lo.csv")
               for r in csv.DictReader(open(GOLDEN / name, newline="", encoding="utf-8"))
               if r["source"] == source and r["kind"] == "table" and r["set"] == "full"]
    assert len(printed) > 300
    packs, errors = read_sources([open_source(str(SAMPLES / sample))], Settings(workers=1, ocr=False),
                                 load_register())
    assert not errors
    got: dict[tuple[str, str], list] = {}
    for o in packs[0].observations:
        got.setdefault((o.ref, o.month), []).append(o)
    missed, wrong_ok = [], 0
    for p in printed:
        want = float(p["value"]) if p["value"] else None
        obs = got.get((p["ref"], p["month"]), [])
        if not any(o.status == p["status"] and (o.value == want if want is None or o.value is None
                                                 else abs(o.value - want) < 1e-6) for o in obs):
            missed.append((p["ref"], p["month"], p["printed"]))
            wrong_ok += any(o.status == "ok" for o in obs)
    assert not missed and not wrong_ok
    assert all(r.ref for r in packs[0].rows)


@pytest.mark.parametrize("n,shift", [(3, 24), (2, 30)])
def test_the_last_months_far_out_on_the_next_line_join_the_run(n, shift):
    """A header whose labels sit at two baselines: layout text lays out each line on its own, so
    the last n labels come out on the next line, far right of the others (further than the run's
    step allows), with nothing printed between: they continue the run (LibreOffice layouts)."""
    step = 9
    head = month_line(step)
    at = head.index(MONTHS[-n])
    rest, tail = head[:at].rstrip(), put([(at + shift, head[at:].strip() + "  previous")])
    lines = [rest, tail]
    assert months_of(table(lines, step)) == EXPECTED


def squeezed(step: int, lead: int, arrow: bool = True) -> str:
    """A month line crowded to the left by the text before it ('... measures have on Aug-18 ...'),
    over rows whose values layout text laid out `lead` columns further right at the same step,
    each row ended by its % change ('↑ 20%' or a bare '20%')."""
    head = put([(FIRST - len(MONTHS[0]) - 20, "measures have on")] +
               [(FIRST - 3 + k * step, m) for k, m in enumerate(MONTHS)] +
               [(FIRST + lead + 6 * step + 12, "change")], right=True)
    rows = []
    for ref, vals in zip(("M1", "M2", "M3"), VALUES + [VALUES[0]]):
        line = row_line(ref, "Indicator title", vals, step)
        line = line[:FIRST - len(vals[0])] + " " * lead + line[FIRST - len(vals[0]):]
        rows.append(line + ("    ↑ 20%" if arrow else "    20%   12%"))
    return "\n".join(["Ref   Indicator", head, ""] + rows) + "\n"


@pytest.mark.parametrize("step,lead", [(8, 4), (9, 5)])
def test_values_laid_out_right_of_their_squeezed_labels_are_placed_by_the_rows_that_print_every_month(step, lead):
    """The month line crowded left by the text before it: every value sits closer to the next
    month's label than to its own, and the last month's value past the months' edge. Rows
    printing exactly one value per month, ended by the % change's arrow, say where each month's
    values are; the values go to their own months."""
    got = months_of(squeezed(step, lead))
    assert got == [dict(zip(YM, v)) for v in VALUES + [VALUES[0]]]

