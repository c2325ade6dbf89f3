"""The extracted-text reader: real seeds against the hand-made golden cells, plus one small inline
sample per trap (each written from what the seeds print, never from the reader's output)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from recover.model import Grid
from recover.readers.extracted import detect_kind, read_text, read_text_file
from recover.printed.text import norm
from recover.printed.months import parse_month, repair_sequence

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "golden" / "real" / "cells.csv"
SEED_DIRS = [ROOT / "corpus" / "real"]
SEEDS = {
    "003_4eaf19d1b8904fe0.txt": "tsv",
    "004_d5d4e9064230e5ba.txt": "tsv",
    "000_2acbe4883c047f69.txt": "tsv+html",
    "001_90e6469a3e833956.txt": "stream",
}


def seed_path(name: str) -> Path:
    for d in SEED_DIRS:
        if (d / name).exists():
            return d / name
    pytest.skip(f"seed {name} not available")


# ----------------------------------------------------------------------------- helpers

def month_columns(grid: Grid) -> dict[int, str]:
    """Header month -> column, the way the table stage reads it (labels repaired by sequence)."""
    header = grid.rows()[0]
    found = [(c.col, parse_month(norm(c.text))) for c in header]
    cols = [c for c, m in found if m]
    W = grid.meta.window
    first = min(cols)
    by_col = {c.col: c for c in header}
    seq = [parse_month(norm(by_col[i].text)) if i in by_col else None for i in range(first, first + W)]
    fixed, _ = repair_sequence(seq)
    return {first + k: ym for k, ym in enumerate(fixed)}


def month_cells(grid: Grid, row: int) -> dict[str, tuple[str, float]]:
    cols = month_columns(grid)
    cells = {c.col: c for c in grid.rows()[row]}
    return {ym: (cells[col].text, cells[col].conf) if col in cells else ("", 0.0)
            for col, ym in cols.items()}


def row_at(grids: list[Grid], line: int) -> tuple[Grid, int] | None:
    for g in grids:
        for r, a, b in g.meta.row_lines:
            if a <= line <= b:
                return g, r
    return None


@lru_cache(maxsize=None)
def read_seed(name: str):
    return read_text_file(str(seed_path(name)), name)


def golden_cells(name: str) -> list[dict]:
    if not GOLDEN.exists():
        pytest.skip("golden/real/cells.csv not available")
    with GOLDEN.open(newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["seed"] == name]


# ----------------------------------------------------------------------------- real seeds

@pytest.mark.parametrize("name", list(SEEDS))
def test_seed_month_cells_match_golden(name):
    grids, _ = read_seed(name)
    gold = golden_cells(name)
    ok = equal = 0
    wrong_confident = []
    unmatched = set()
    for g in gold:
        found = row_at(grids, int(g["line"]))
        if found is None:
            unmatched.add(g["line"])
            continue
        text, conf = month_cells(*found).get(g["month"], ("", 0.0))
        same = norm(text) == norm(g["printed"])
        if g["status"] == "ok":
            ok += 1
            equal += same and conf > 0.3
        if not same and conf > 0.5:
            wrong_confident.append((g["line"], g["month"], g["printed"], text, conf))
    assert not unmatched, f"golden rows not found: {sorted(unmatched)}"
    assert ok and equal / ok >= 0.99, f"{equal}/{ok} ok cells read"
    assert not wrong_confident, wrong_confident[:5]


@pytest.mark.parametrize("name,kind", list(SEEDS.items()))
def test_seed_kind_detected(name, kind):
    assert detect_kind(seed_path(name).read_text(encoding="utf-8")) == kind


def test_seed_004_finds_both_tables_in_the_agenda():
    grids, _ = read_seed("004_d5d4e9064230e5ba.txt")
    rows = sum(g.n_rows - 1 for g in grids)
    assert rows == 60                              # 54 main-table rows + 6 Early Help rows
    early = [g for g in grids if "Outcome" not in " ".join(c.text for c in g.rows()[0])]
    assert len(early) == 1 and early[0].n_rows - 1 == 6


def test_seed_001_header_inferred_from_change_clue():
    grids, _ = read_seed("001_90e6469a3e833956.txt")
    (g,) = grids
    assert g.meta.header_inferred and g.meta.pack_hint == "2021-08"
    assert list(month_columns(g).values())[0] == "2021-02"
    assert all(c.conf <= 0.9 for c in g.rows()[0])


# ----------------------------------------------------------------------------- inline traps

HEADER_13 = ("Ref.\tIndicator\tOwner\tReporter\tOutcome\t" + "\t".join(
    ["Apr-17", "May-17", "Jun-17", "Jul-17", "Aug-17", "Sep-17", "Oct-17", "Nov-17", "Dec-17",
     "Jan-18", "Feb-18", "Mar-18", "Apr-18"]) +
    "\t% change from previous month\t% change from same month prev. yr\tDoT\t12 month average"
    "\t12-mnth max value")
VALS_M2 = "244\t333\t307\t299\t246\t281\t309\t257\t194\t302\t229\t270\t245"
TAIL_M2 = "→ -9%\t→ 0%\t\t273\t333"
OUTCOME = "Referrals for children in need of help and support are accepted appropriately."


def only_grid(text: str) -> Grid:
    grids, _ = read_text(text, "sample.txt")
    assert len(grids) == 1
    return grids[0]


def data_row(g: Grid, r: int = 1) -> list[str]:
    return [c.text for c in g.rows()[r]]


# Three rows of seed 003 under its 13-month header, each consistent with its own printed
# changes, average and maximum: the traps below are each shown on all three.
ROWS = [
    pytest.param("M2", "Number of new referrals of Children In Need", "Jane White", "Catherine Parkin",
                 VALS_M2, TAIL_M2, id="M2"),
    pytest.param("M2-NI", "Number of new referrals of Children in Need rate per 10,000", "Jane White",
                 "Catherine Parkin", "50\t68\t62\t60\t49\t56\t62\t52\t39\t61\t46\t54\t49", "-9%\t-2%\t\t55\t68",
                 id="M2-NI"),
    pytest.param("LAC1", "Number of Looked after Children at end of period", "Julian Watkins", "Sean Holthouse",
                 "546\t536\t526\t515\t514\t523\t517\t528\t519\t517\t518\t522\t521", "→ 0%\t→ -5%\t▼\t521\t536",
                 id="LAC1"),
]


def row_line(ref, title, owner, reporter, vals, tail) -> str:
    return f"{ref}\t{title}\t{owner}\t{reporter}\t{OUTCOME}\t{vals}\t{tail}"


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_glued_ref_is_split_from_title(ref, title, owner, reporter, vals, tail):
    g = only_grid(HEADER_13 + f"\n{ref} {title}\t{owner}\t{reporter}\t{OUTCOME}\t{vals}\t{tail}\n")
    row = data_row(g)
    assert row[0] == ref and row[1] == title
    first, last = vals.split("\t")[0], vals.split("\t")[-1]
    assert month_cells(g, 1)["2017-04"] == (first, 1.0) and month_cells(g, 1)["2018-04"][0] == last


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_lost_ref_inserts_an_empty_cell(ref, title, owner, reporter, vals, tail):
    g = only_grid(HEADER_13 + f"\n{title}\t{owner}\t{reporter}\t{OUTCOME}\t{vals}\t{tail}\n")
    first = g.rows()[1][0]
    assert first.text == "" and first.conf < 1
    assert month_cells(g, 1)["2017-04"] == (vals.split("\t")[0], 1.0)


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_merged_owner_reporter_realigned(ref, title, owner, reporter, vals, tail):
    g = only_grid(HEADER_13 + f"\n{ref}\t{title}\t{owner} {reporter}\t{OUTCOME}\t{vals}\t{tail}\n")
    row = g.rows()[1]
    assert [c.text for c in row[:5]][4] == OUTCOME
    assert any(c.text == "" and c.conf < 1 for c in row[2:4])
    assert month_cells(g, 1)["2017-05"] == (vals.split("\t")[1], 1.0)


@pytest.mark.parametrize("ref,vals,tail,pct,last", [
    # '-609\t6 4 -679' is OCR for '-60%' and '↓ -67%' (seed 003 CP5-QL (val))
    ("CP5-QL (val)", "6\t5\t15\t6\t11\t3\t21\t12\t10\t12\t1\t5\t2", "-609\t6 4 -679\t▼\t9\t21", "-60%", "2"),
    # '-559\t6 🗘 -749\t6 ▼' is '-55%' and '-74%' (seed 003 CP5-QL, the percentage row)
    ("CP5-QL", "33.3%\t19.2%\t39.5%\t18.2%\t28.2%\t7.1%\t47.7%\t24.0%\t27.8%\t25.5%\t4.2%\t19.2%\t8.7%",
     "-559\t6 🗘 -749\t6 ▼\t22.4%\t47.7%", "-55%", "8.7%"),
])
def test_percent_read_as_nine_and_split_sign_repaired_in_tail(ref, vals, tail, pct, last):
    g = only_grid(HEADER_13 + f"\n{ref}\tNumber of new CPPs (repeat)\tStuart Webb\t\t{OUTCOME}\t{vals}\t{tail}\n")
    row = data_row(g)
    assert pct in row and month_cells(g, 1)["2018-04"] == (last, 1.0)
    assert "pct_prev=pass" in g.meta.row_note(1)


@pytest.mark.parametrize("ref,vals,tail,joined", [
    # '4 -20\t%' = '↓ -20%' with the % in the next cell (seed 003 line 25, and line 27)
    ("EH5-QL", "40\t48\t37\t41\t32\t34\t42\t42\t33\t41\t46\t34\t32", "-6%\t4 -20\t% ◼\t39\t48", "4 -20%"),
    ("M9", "7.3%\t7.3%\t11.6%\t10.1%\t2.6%\t7.3%\t8.6%\t7.4%\t10.9%\t10.6%\t6.1%\t8.1%\t4.7%",
     "-42%\t4 -36\t% 🔺\t7.9%\t11.6%", "4 -36%"),
])
def test_arrow_read_as_digit_and_pct_split(ref, vals, tail, joined):
    g = only_grid(HEADER_13 + f"\n{ref}\tNumber of children missing\tJane White\tSimon\t{OUTCOME}"
                  f"\t{vals}\t{tail}\n")
    assert joined in data_row(g)
    assert "pct_year=pass" in g.meta.row_note(1)
    assert month_cells(g, 1)["2017-04"] == (vals.split("\t")[0], 1.0)


@pytest.mark.parametrize("ref,vals,tail,pct", [
    # seed 000: the minus of the previous month's change a cell before its number, twice
    ("M6-QL (val)", "13\t23\t7\t17\t12\t17\t10", "¥ -\t41%\t↓ -75%\t•\t17\t32", "-41%"),
    ("M5", "6\t6\t5\t13\t22\t2\t1", "¥ -\t50%\t↓ -80%\t\t7\t22", "-50%"),
])
def test_minus_split_from_number_moves_back(ref, vals, tail, pct):
    header7 = ("Ref.\tIndicator\tOwner\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t% change from Mar-20\t% change from Apr-19\t\t12-mnth avg\t12-mnth max.")
    g = only_grid(header7 + f"\n{ref}\tNumber of re-referrals\ttbc\t{OUTCOME}\t{vals}\t{tail}\n")
    assert pct in " ".join(data_row(g))
    assert "pct_prev=pass" in g.meta.row_note(1)


@pytest.mark.parametrize("tds,first,last", [
    # seed 000's CP row, printed as HTML cells after its title, then the same cells again tab-separated
    (["5", OUTCOME, "19", "28", "53", "4", "14", "28", "18", "÷", "-36%", "¥", "-14%", "•", "25", "53"], "19", "18"),
    # the same shape for the M5 row of that table
    (["tbc", OUTCOME, "6", "6", "5", "13", "22", "2", "1", "¥", "-50%", "↓", "-80%", "", "7", "22"], "6", "1"),
])
def test_row_printed_as_html_cells(tds, first, last):
    header7 = ("ᐐᐒ Indicator\tOwner Reporter\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t\tchange m Mar- 20\t\tchange n Apr-19\t\t12-mnth avg\t12-mnth max.")
    line = ("Image: Number of children subjectImage: Number of children subject "
            + " ".join(f"<td>{t}</td>" for t in tds) + "\t" + "\t".join(tds))
    g = only_grid(header7 + "\n" + line + "\n")
    assert g.n_rows == 2
    m = month_cells(g, 1)
    assert m["2019-10"] == (first, 1.0) and m["2020-04"] == (last, 1.0)
    assert data_row(g)[1] == "Number of children subject"


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_repeated_header_at_page_break_starts_a_new_grid(ref, title, owner, reporter, vals, tail):
    row = row_line(ref, title, owner, reporter, vals, tail)
    grids, _ = read_text("\n".join([HEADER_13, row, "", HEADER_13, row.replace(f"{ref}\t", "M2-NI\t"), ""]),
                         "s.txt")
    assert len(grids) == 2 and all(g.n_rows == 2 for g in grids)
    assert data_row(grids[0])[0] == ref and data_row(grids[1])[0] == "M2-NI"


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_table_found_inside_agenda_prose(ref, title, owner, reporter, vals, tail):
    prose = "\n".join(["# Children and Families Scrutiny Panel", "", "Thursday, 25th July, 2019",
                       "<b>DECISION-MAKER:</b>\tCHILDREN AND FAMILIES SCRUTINY PANEL\t\t",
                       "Performance information up to 30 June 2019 is attached in Appendix 1.", ""])
    g = only_grid(prose + "\n" + HEADER_13 + "\n" + row_line(ref, title, owner, reporter, vals, tail)
                  + "\n\n### GLOSSARY\n<i>Abuse</i>\t3\n")
    assert g.n_rows == 2 and g.meta.lines_of(1) == (8, 8) and data_row(g)[0] == ref


EH_MONTHS = ["May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19",
             "Feb-19", "Mar-19", "Apr-19", "May-19", "Jun-19"]
EH_HEADER = ("Ref.\tIndicator\tOwner\tReporter\t" + "\t".join(EH_MONTHS)
             + "\t% change from previous month\t% change from same month prev. yr\tDoT\t12 month average"
             "\t12-mnth max value\tPercentage?\tBenchmarking\t\t\tTarget 17-18"
             + "\n\t\t\t\tStat. Neighbour\tEngland\tSE region" + "\t" * 20)


@pytest.mark.parametrize("blanks,vals,tail", [
    # seed 004's EH14b: two months before the indicator was counted
    (2, "22\t25\t36\t74\t43\t89\t56\t166\t560\t104\t110\t165", "↑\t50%\t-\tn/a\t121\t560"),
    # the same table shape, counted from its fourth month
    (3, "41\t39\t44\t52\t47\t50\t38\t45\t49\t53\t40", "↓\t-25%\t-\tn/a\t45\t53"),
])
def test_early_help_table_without_outcome_and_leading_blanks(blanks, vals, tail):
    row = ("EH14b\tNumber of EHAs completed, EXCLUDING adults\tJane White\tSean Holthouse\t" + "\t" * blanks
           + f"{vals}\t{tail}\t-\tLocal\tLocal\tLocal")
    g = only_grid(EH_HEADER + "\n" + row + "\n")
    m = month_cells(g, 1)
    read = vals.split("\t")
    assert all(m[ym][0] == "" for ym in list(m)[:blanks])
    assert m[list(m)[blanks]] == (read[0], 1.0) and m["2019-06"] == (read[-1], 1.0)
    hdr = data_row(g, 0)
    assert "England" in hdr and "SE region" in hdr
    assert f"{tail.split(chr(9))[0]} {tail.split(chr(9))[1]}" in data_row(g) and "- n/a" in data_row(g)


@pytest.mark.parametrize("targets,labels", [
    ("Target 18- Target 19- 19 20", ["Target 18-19", "Target 19-20"]),      # seed 004
    ("Target 17- Target 18- 18 19", ["Target 17-18", "Target 18-19"]),      # a year earlier
])
def test_header_over_two_lines_and_merged_target_cells(targets, labels):
    top = ("Ref.\tIndicator\tOwner\tReporter\tOutcome\tKey to direction of travel:" + "\t" * 12 +
           "% change from previous month\t% change from same month prev. yr\tDoT\t12 month average"
           "\t12-mnth max value\t" + targets)
    months = ["May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19",
              "Feb-19", "Mar-19", "Apr-19"]
    second = "\t" * 5 + "\t".join(months) + "\t" * 7 + "May-19\tJun-19"
    vals = "270\t215\t255\t262\t226\t235\t240\t192\t286\t378\t577\t488\t522\t542"
    row = f"M2\tNumber of new referrals\tJane White\tJacqueline Schofield\t{OUTCOME}\t{vals}\t⇔\t4%\t↑\t152%\t\t350\t577\t383\t359"
    g = only_grid("\n".join([top, second, row]) + "\n")
    m = month_cells(g, 1)
    assert len(m) == 14 and m["2019-05"] == ("522", 1.0) and m["2019-06"] == ("542", 1.0)
    hdr = data_row(g, 0)
    assert all(t in hdr for t in labels)
    assert "pct_year=pass" in g.meta.row_note(1)


STREAM = """ M
2-

N
I Number of new referrals of Children in 

Need (CiN) rate per 10,000

Ju
lia

n 
W

at
ki

ns

Ja
cq

ui
 S

ch
of

ie
ld

Referrals for children in need of help 
and support are comparable. 
48 90 66 87 67 69 56 -19% 8%  70 90 Local Local Local

The number of new referrals has reduced.

% change 
from Jul-21

% change 
from Aug-20
EH
1c
Number of  Early Help Assessment 
(EHA) completed in the month
St
ep
h 
M
ur
ra
y
Se
an
 H
ol
eh
ou
se
Assessments are completed for adult 
family members.
352 381 416 400 308  - n/a 17%  312 416 - - -
The number of EHA's completed is slightly below average.
"""


def test_stream_fragments_rejoined_and_header_inferred():
    g = only_grid(STREAM)
    row = data_row(g)
    assert row[:4] == ["M2-NI", "Number of new referrals of Children in Need (CiN) rate per 10,000",
                       "Julian Watkins", "Jacqui Schofield"]
    assert g.meta.pack_hint == "2021-08" and g.meta.header_inferred
    m = month_cells(g, 1)
    assert m["2021-02"] == ("48", 1.0) and m["2021-08"] == ("56", 1.0)
    assert data_row(g, 2)[2:4] == ["Steph Murray", "Sean Holehouse"]


@pytest.mark.parametrize("row,ref,cut,note", [
    (2, "EH1c", None, "fewer-values:5/7"),                       # as printed: five values for 7 months
    (2, "EH1c", ("352 381 416 400 308 ", "352 381 416 400 "), "fewer-values:4/7"),   # one more lost
])
def test_stream_row_with_fewer_values_than_months_is_unreadable(row, ref, cut, note):
    text = STREAM.replace(*cut) if cut else STREAM
    g = only_grid(text)
    m = month_cells(g, row)
    assert all(conf <= 0.3 for _, conf in m.values())
    assert note in g.meta.row_note(row)
    _, warnings = read_text(text, "sample.txt")
    assert any(ref in w and "unreadable" in w for w in warnings)


@pytest.mark.parametrize("glyph", ["\uf071", "\uf0e8", "\ue000"])
def test_stream_private_use_arrow_is_the_dot_cell(glyph):
    # symbol fonts land anywhere in the private-use area after PDF export
    text = STREAM.replace("-19% 8%  70 90", f"-19% 8% {glyph} 70 90")
    g = only_grid(text)
    row = data_row(g)
    assert glyph in row and month_cells(g, 1)["2021-08"] == ("56", 1.0)


@pytest.mark.parametrize("lost", [0, 5, 12])
@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_shifted_row_detected_by_checks(ref, title, owner, reporter, vals, tail, lost):
    # One month value lost by OCR: 12 values for 13 months, then the tail.
    kept = vals.split("\t")
    del kept[lost]
    g = only_grid(HEADER_13 + "\n" + row_line(ref, title, owner, reporter, "\t".join(kept), tail) + "\n")
    assert all(conf <= 0.3 for _, conf in month_cells(g, 1).values())


@pytest.mark.parametrize("twice", [0, 6, 12])
@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_duplicated_value_cell_is_not_trusted(ref, title, owner, reporter, vals, tail, twice):
    read = vals.split("\t")
    read.insert(twice, read[twice])
    g = only_grid(HEADER_13 + "\n" + row_line(ref, title, owner, reporter, "\t".join(read), tail) + "\n")
    truth = dict(zip(month_columns(g).values(), vals.split("\t")))
    for ym, (text, conf) in month_cells(g, 1).items():
        assert text == truth[ym] or conf <= 0.5


@pytest.mark.parametrize("ref,title,owner,reporter,vals,tail", ROWS)
def test_checks_disagreeing_lower_confidence(ref, title, owner, reporter, vals, tail):
    # Printed % change from previous month does not fit the last two months (pack inconsistency
    # or misread): those cells drop to 0.5, not unreadable and not certain.
    bad = "\t".join(["→ -40%", *tail.split("\t")[1:]])
    g = only_grid(HEADER_13 + "\n" + row_line(ref, title, owner, reporter, vals, bad) + "\n")
    m = month_cells(g, 1)
    assert m["2018-04"] == (vals.split("\t")[-1], 0.5) and m["2018-03"][1] == 0.5
    assert 0.5 < m["2017-06"][1] < 1.0


DASH_MONTHS = "Apr-17 May-17 Jun-17 Jul-17 Aug-17 Sep-17 Oct-17 Nov-17 Dec-17 Jan-18 Feb-18 Mar-18 Apr-18"
DASH_LINES = [   # OCR'd dashboard value lines: the label as read, the ref it folds to, 13 values
    ("LACL3", "LAC13", "11 | 10 11 | 10 12 13 | 12 12 14 | 14 14 14 | 13"),
    ("LACI0", "LAC10", "94.9% | 95.1% 94.0% | 93.2% 92.8% 93.5% | 94.1% 95.0% 94.6% | 93.9% 94.4% 95.2% | 94.8%"),
    ("LAC1", "LAC1", "546 | 536 | 526 515 514 523 517 528 519 517 518 522 521"),
]


@pytest.mark.parametrize("printed,ref,values", DASH_LINES)
def test_dashboard_line_with_lost_first_value(printed, ref, values):
    """12 values under 13 months: which month lost its value nothing says, so the values are kept
    under the last months as printed but unreadable, never ok on a guessed month."""
    lost = values.split("|", 1)[1]
    text = f"Number of current UASC\n{DASH_MONTHS}\n{printed} | {lost}\n"
    grids, _ = read_text(text, "dash.txt")
    (g,) = grids
    assert g.kind == "dashboard" and detect_kind(text) == "dashboard"
    m = month_cells(g, 1)
    kept = lost.replace("|", " ").split()
    assert m["2017-04"][0] == "" and m["2017-05"][0] == kept[0] and m["2018-04"][0] == kept[-1]
    assert all(conf <= 0.3 for _, conf in m.values())
    assert data_row(g)[0] == ref and g.meta.label_printed == ("" if printed == ref else printed)
    assert g.meta.row_note(1).startswith("unverified: 12 values for 13 months")


@pytest.mark.parametrize("printed,ref,values", DASH_LINES)
def test_dashboard_line_with_every_value_is_placed_by_count(printed, ref, values):
    g = only_grid(f"{DASH_MONTHS}\n{printed} | {values}\n")
    m = month_cells(g, 1)
    read = values.replace("|", " ").split()
    assert m["2017-04"] == (read[0], 0.9) and m["2018-04"] == (read[-1], 0.9)
    assert data_row(g)[0] == ref and g.meta.row_note(1) == "count"


@pytest.mark.parametrize("line", ["LAC1 521 | 536 | 526 515 514 523 517 528 519 517 518 522 521",
                                  "M2 244 | 333 307 | 299 246 281 | 309 257 194 | 302 229 270 | 245"])
def test_dashboard_values_without_month_labels_are_not_placed_on_months(line):
    grids, warnings = read_text(line + "\n", "d.txt")
    assert grids == []
    assert any("line 1" in w and "no month labels" in w for w in warnings)


LAYOUT = """\
Ref.   Indicator                          Owner          Oct-19  Nov-19  Dec-19  Jan-20  Feb-20  Mar-20  Apr-20   % change from Mar-20   12-mnth avg   12-mnth max.
M1     Number of contacts received        Jane White       1354    1323    1258    1419    1129    1198    1147   -4%                    1291          1535
       (includes contacts that become
       referrals)
M2     Number of new referrals of CiN     Jane White        416     380     309     406     318     300     286   -5%                     387           523
       Number of referrals which are re-  Jane White         13      23       7      17      12      17      10   -41%                     17            32
"""


def test_pdftotext_layout_columns():
    assert detect_kind(LAYOUT) == "layout"
    g = only_grid(LAYOUT)
    assert g.n_rows == 4
    assert data_row(g)[1] == "Number of contacts received (includes contacts that become referrals)"
    assert month_cells(g, 1)["2019-10"] == ("1354", 1.0) and month_cells(g, 2)["2020-04"] == ("286", 1.0)
    lost = g.rows()[3]
    assert lost[0].text == "" and lost[0].conf < 1 and month_cells(g, 3)["2019-10"] == ("13", 1.0)


def test_markdown_pipe_table():
    text = ("Some prose before the table.\n\n"
            "| Ref. | Indicator | Owner | Outcome | Oct-19 | Nov-19 | Dec-19 | Jan-20 | Feb-20 | Mar-20 | Apr-20 | "
            "% change from Mar-20 |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            f"| M3 | Percentage of contacts that become referrals | tbc | {OUTCOME} | 31% | 29% | 25% | 29% | 28% | "
            "25% | 25% | 0% |\n"
            f"| M4 | Number of new referrals where CSE was a factor | tbc | {OUTCOME} | 5 | 2 | 2 | 1 | 1 | 5 | 1 | "
            "-80% |\n")
    assert detect_kind(text) == "markdown"
    g = only_grid(text)
    assert month_cells(g, 1)["2019-10"] == ("31%", 1.0) and month_cells(g, 1)["2020-04"] == ("25%", 1.0)
    assert data_row(g, 2)[0] == "M4"
    assert month_cells(g, 2)["2019-10"] == ("5", 1.0) and month_cells(g, 2)["2020-04"] == ("1", 1.0)


def test_html_table_document():
    cells = ["Ref.", "Indicator", "Owner", "Outcome", "Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20",
             "Mar-20", "Apr-20"]
    rows = [["M4", "Number of new referrals where CSE was a factor", "tbc", OUTCOME, "5", "2", "2", "1", "1", "5", "1"],
            ["M1", "Number of contacts received", "Jane White", OUTCOME, "1354", "1323", "1258", "1419", "1129",
             "1198", "1147"]]
    text = ("<table>\n<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>\n" +
            "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows) + "</table>\n")
    assert "html" in detect_kind(text)
    g = only_grid(text)
    for r, row in enumerate(rows, start=1):
        assert month_cells(g, r)["2019-10"][0] == row[4] and month_cells(g, r)["2020-04"][0] == row[-1]
        assert data_row(g, r)[0] == row[0]


@pytest.mark.parametrize("text", ["Minutes of the meeting.\nNo data this month.\n",
                                  "Agenda item 5\nApologies for absence: 3 members.\nDate of next meeting: Jun-19\n"])
def test_prose_only_file_gives_no_grid_and_says_so(text):
    grids, warnings = read_text(text, "p.txt")
    assert grids == [] and any("no table" in w for w in warnings)


@pytest.mark.parametrize("line,blank,month,before,after", [
    (1, "1258", "2019-12", ("2019-11", "1323"), ("2020-01", "1419")),     # M1's Dec-19 blanked in place
    (4, "318", "2020-02", ("2020-01", "406"), ("2020-03", "300")),        # M2's Feb-20
])
def test_layout_blank_month_placed_by_position(line, blank, month, before, after):
    # A blank cell leaves only spaces where its value was
    row = LAYOUT.splitlines()[line]
    blanked = row.replace(f" {blank} ", " " * (len(blank) + 2)).replace(row[:3], "M9 ")
    assert blanked != row
    g = only_grid(LAYOUT + blanked + "\n")
    m = month_cells(g, 4)
    assert m[month][0] == "" and m[before[0]] == (before[1], 1.0) and m[after[0]] == (after[1], 1.0)
    assert m["2020-04"] == (row.split()[-4], 1.0)


@pytest.mark.parametrize("cell,title", [
    ("Number of new ChildImage: Stress of the stress of th", "Number of new Child"),     # seed 000
    ("Number of children subjectImage: Number of children subject", "Number of children subject"),
])
def test_image_alt_text_dropped_from_title(cell, title):
    header7 = ("Ref.\tIndicator\tOwner\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t% change from Mar-20")
    g = only_grid(header7 + f"\n{cell}\t_\t{OUTCOME}\t11\t7\t20\t0\t4\t13\t4\t-69%\n")
    assert data_row(g)[:2] == ["", title]
    assert month_cells(g, 1)["2019-10"] == ("11", 1.0)


_AXIS = "Mar-20 Apr-20 May-20 Jun-20 Jul-20 Aug-20 Sep-20 Oct-20 Nov-20 Dec-20 Jan-21 Feb-21 Mar-21"
_CHARTS = (f"Children and Families performance dashboard - Mar-21\n{_AXIS}\n"
           "M2 300 286 269 311 274 301 213 223 284 203 284 244 460\n"
           f"{_AXIS}\nM3 25 25 20 27 22 22 17 16 22 14 21 19 26\n")


_TABLE_13 = ("Children and Families dataset - Mar-21\nRef.\nIndicator\nOutcome\n" + "\n".join(_AXIS.split())
             + "\n% change from Feb-21\n% change from Mar-20\n"
             "M2\nNumber of new referrals of Children In Need (CiN)\nReferrals are accepted appropriately.\n"
             + "\n".join("300 286 269 311 274 301 213 223 284 203 284 244 460".split()) + "\n→ 62%\n↑ 53%\n")
_GUESSED = [
    ("LAC7-QL", "Percentage of Looked after Children visited within timescales", ("90%", "88%"), "-2%", "33%",
     "The percentage visited within timescales has reduced by 2%."),
    ("LAC11-QL", "Percentage of Care Leavers in suitable accommodation", ("95%", "93%"), "-2%", "21%",
     "The percentage of Care Leavers in suitable accommodation has reduced by 2%."),
]


def _headerless(ref, title, values, change, year, note):
    return (f"Children and Families dataset - Mar-21\n{ref}\n{title}\n" + "\n".join(values)
            + f"\n→ {change}\n↑\n{year}\n{note}\n"
            "LAC3\nNumber of ceasing Looked after Children (episodes)\n21\n17\n→ -19%\n↓\n6%\nThe number has fallen.\n")


@pytest.mark.parametrize("ref,title,values,change,year,note", _GUESSED)
def test_a_month_of_a_guessed_window_is_sure_only_where_a_check_pins_it_whatever_its_width(
        ref, title, values, change, year, note):
    """A page whose table header was lost (pdftotext scatters a LibreOffice table's cells and keeps
    two values of a row) under a window its rows do not verify: the pack's other table prints 13
    months, so 13 is guessed for a 7-month table. The printed change
    from the month before ('-2%', the commentary's '2%' taking a tail column) passes as the change
    from a year before with the earlier value put 12 months back: that value's month is a guess,
    never ok; the pack month stays."""
    page = _headerless(ref, title, values, change, year, note)
    grids, _ = read_text(_TABLE_13 + "\f" + page, "guessed.txt")
    table = next(g for g in grids if g.kind == "table" and g.meta.header_inferred)
    assert table.meta.window == 13
    rows = table.rows()
    months = {c.col: c.text for c in rows[0] if parse_month(c.text)}
    row = next(r for r in rows if r and r[0].text == ref)
    got = {months[c.col]: (c.text, c.conf) for c in row if c.col in months and c.text}
    last, conf = got.pop("Mar-21")
    assert last == values[1] and conf > 0.3
    assert got and all(conf <= 0.3 for _, conf in got.values()), got


_CHARTS_2 = ("Children and Families performance dashboard - Mar-21\n" + " ".join([_AXIS] * 3) + "\n"
             "EH2 1334 1292 1330 1222 1250 1283 1259 1240 1109 1169 1200 1269 1276 "
             "EH3 342 259 207 213 247 268 314 290 278 286 341 317 329 "
             "EH5-QL 82 50 60 66 58 45 63 52 48 42 55 62 64\n")


@pytest.mark.parametrize("charts", [_CHARTS, _CHARTS_2], ids=["axes-apart", "axes-side-by-side"])
@pytest.mark.parametrize("ref,title,values,change,year,note", _GUESSED)
def test_a_dashboards_month_axes_are_no_header_of_the_packs_tables(charts, ref, title, values, change, year,
                                                                    note):
    """The charts' 13-month axes (one a line, or three side by side on one line) end with the pack
    month as a 13-month table's header would; counted among the pack's headers they outnumbered
    any 7-month table and gave a page whose header was lost 13 months. They are the dashboard
    model's axes, no header: with no table header anywhere and too few rows to verify a window,
    the page is not read, saying so; the charts still are."""
    grids, warnings = read_text(_headerless(ref, title, values, change, year, note) + "\f" + charts, "axes.txt")
    assert not [g for g in grids if g.kind == "table"]
    assert any("no month header" in w and "not read" in w for w in warnings)
    assert len([g for g in grids if g.kind == "dashboard"]) == (2 if charts is _CHARTS else 3)
