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


def test_glued_ref_is_split_from_title():
    g = only_grid(HEADER_13 + f"\nM2 Number of new referrals of Children In Need\tJane White\tCatherine Parkin\t"
                  f"{OUTCOME}\t{VALS_M2}\t{TAIL_M2}\n")
    row = data_row(g)
    assert row[0] == "M2" and row[1] == "Number of new referrals of Children In Need"
    assert month_cells(g, 1)["2017-04"] == ("244", 1.0) and month_cells(g, 1)["2018-04"][0] == "245"


def test_lost_ref_inserts_an_empty_cell():
    g = only_grid(HEADER_13 + f"\nNumber of new referrals of Children In Need\tJane White\tCatherine Parkin\t"
                  f"{OUTCOME}\t{VALS_M2}\t{TAIL_M2}\n")
    first = g.rows()[1][0]
    assert first.text == "" and first.conf < 1
    assert month_cells(g, 1)["2017-04"] == ("244", 1.0)


def test_merged_owner_reporter_realigned():
    g = only_grid(HEADER_13 + f"\nM2\tNumber of new referrals\tJane White Catherine Parkin\t"
                  f"{OUTCOME}\t{VALS_M2}\t{TAIL_M2}\n")
    row = g.rows()[1]
    assert [c.text for c in row[:5]][4] == OUTCOME
    assert any(c.text == "" and c.conf < 1 for c in row[2:4])
    assert month_cells(g, 1)["2017-05"] == ("333", 1.0)


def test_percent_read_as_nine_and_split_sign_repaired_in_tail():
    # '-609\t6 4 -679' is OCR for '-60%' and '↓ -67%' (seed 003 CP5-QL (val)).
    vals = "6\t5\t15\t6\t11\t3\t21\t12\t10\t12\t1\t5\t2"
    g = only_grid(HEADER_13 + f"\nCP5-QL (val)\tNumber of new CPPs (repeat)\tStuart Webb\t\t{OUTCOME}"
                  f"\t{vals}\t-609\t6 4 -679\t▼\t9\t21\n")
    row = data_row(g)
    assert "-60%" in row and month_cells(g, 1)["2018-04"] == ("2", 1.0)
    assert "pct_prev=pass" in g.meta.row_note(1)


def test_arrow_read_as_digit_and_pct_split():
    # '4 -20\t%' = '↓ -20%' with the % in the next cell (seed 003 line 25).
    vals = "40\t48\t37\t41\t32\t34\t42\t42\t33\t41\t46\t34\t32"
    g = only_grid(HEADER_13 + f"\nEH5-QL\tNumber of children missing\tJane White\tSimon\t{OUTCOME}"
                  f"\t{vals}\t-6%\t4 -20\t% ◼\t39\t48\n")
    assert "4 -20%" in data_row(g)
    assert "pct_year=pass" in g.meta.row_note(1) and month_cells(g, 1)["2017-04"] == ("40", 1.0)


def test_minus_split_from_number_moves_back():
    header7 = ("Ref.\tIndicator\tOwner\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t% change from Mar-20\t% change from Apr-19\t\t12-mnth avg\t12-mnth max.")
    g = only_grid(header7 + f"\nM6-QL (val)\tNumber of re-referrals\ttbc\t{OUTCOME}"
                  "\t13\t23\t7\t17\t12\t17\t10\t¥ -\t41%\t↓ -75%\t•\t17\t32\n")
    assert "-41%" in " ".join(data_row(g))
    assert "pct_prev=pass" in g.meta.row_note(1)


def test_row_printed_as_html_cells():
    header7 = ("ᐐᐒ Indicator\tOwner Reporter\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t\tchange m Mar- 20\t\tchange n Apr-19\t\t12-mnth avg\t12-mnth max.")
    tds = ["5", OUTCOME, "19", "28", "53", "4", "14", "28", "18", "÷", "-36%", "¥", "-14%", "•", "25", "53"]
    line = ("Image: Number of children subjectImage: Number of children subject "
            + " ".join(f"<td>{t}</td>" for t in tds) + "\t" + "\t".join(tds))
    g = only_grid(header7 + "\n" + line + "\n")
    assert g.n_rows == 2
    m = month_cells(g, 1)
    assert m["2019-10"] == ("19", 1.0) and m["2020-04"] == ("18", 1.0)
    assert data_row(g)[1] == "Number of children subject"


def test_repeated_header_at_page_break_starts_a_new_grid():
    row = f"M2\tNumber of new referrals\tJane White\tCatherine Parkin\t{OUTCOME}\t{VALS_M2}\t{TAIL_M2}"
    grids, _ = read_text("\n".join([HEADER_13, row, "", HEADER_13, row.replace("M2\t", "M2-NI\t"), ""]), "s.txt")
    assert len(grids) == 2 and all(g.n_rows == 2 for g in grids)
    assert data_row(grids[1])[0] == "M2-NI"


def test_table_found_inside_agenda_prose():
    prose = "\n".join(["# Children and Families Scrutiny Panel", "", "Thursday, 25th July, 2019",
                       "<b>DECISION-MAKER:</b>\tCHILDREN AND FAMILIES SCRUTINY PANEL\t\t",
                       "Performance information up to 30 June 2019 is attached in Appendix 1.", ""])
    row = f"M2\tNumber of new referrals\tJane White\tCatherine Parkin\t{OUTCOME}\t{VALS_M2}\t{TAIL_M2}"
    g = only_grid(prose + "\n" + HEADER_13 + "\n" + row + "\n\n### GLOSSARY\n<i>Abuse</i>\t3\n")
    assert g.n_rows == 2 and g.meta.lines_of(1) == (8, 8)


def test_early_help_table_without_outcome_and_leading_blanks():
    months = ["May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19",
              "Feb-19", "Mar-19", "Apr-19", "May-19", "Jun-19"]
    header = ("Ref.\tIndicator\tOwner\tReporter\t" + "\t".join(months)
              + "\t% change from previous month\t% change from same month prev. yr\tDoT\t12 month average"
              "\t12-mnth max value\tPercentage?\tBenchmarking\t\t\tTarget 17-18"
              + "\n\t\t\t\tStat. Neighbour\tEngland\tSE region" + "\t" * 20)
    row = ("EH14b\tNumber of EHAs completed, EXCLUDING adults\tJane White\tSean Holthouse\t\t\t22\t25\t36\t74\t43"
           "\t89\t56\t166\t560\t104\t110\t165\t↑\t50%\t-\tn/a\t121\t560\t-\tLocal\tLocal\tLocal")
    g = only_grid(header + "\n" + row + "\n")
    m = month_cells(g, 1)
    assert m["2018-05"][0] == "" and m["2018-06"][0] == "" and m["2018-07"] == ("22", 1.0)
    assert m["2019-06"] == ("165", 1.0)
    hdr = data_row(g, 0)
    assert "England" in hdr and "SE region" in hdr
    assert "↑ 50%" in data_row(g) and "- n/a" in data_row(g)


def test_header_over_two_lines_and_merged_target_cells():
    top = ("Ref.\tIndicator\tOwner\tReporter\tOutcome\tKey to direction of travel:" + "\t" * 12 +
           "% change from previous month\t% change from same month prev. yr\tDoT\t12 month average"
           "\t12-mnth max value\tTarget 18- Target 19- 19 20")
    months = ["May-18", "Jun-18", "Jul-18", "Aug-18", "Sep-18", "Oct-18", "Nov-18", "Dec-18", "Jan-19",
              "Feb-19", "Mar-19", "Apr-19"]
    second = "\t" * 5 + "\t".join(months) + "\t" * 7 + "May-19\tJun-19"
    vals = "270\t215\t255\t262\t226\t235\t240\t192\t286\t378\t577\t488\t522\t542"
    row = f"M2\tNumber of new referrals\tJane White\tJacqueline Schofield\t{OUTCOME}\t{vals}\t⇔\t4%\t↑\t152%\t\t350\t577\t383\t359"
    g = only_grid("\n".join([top, second, row]) + "\n")
    m = month_cells(g, 1)
    assert len(m) == 14 and m["2019-05"] == ("522", 1.0) and m["2019-06"] == ("542", 1.0)
    hdr = data_row(g, 0)
    assert "Target 18-19" in hdr and "Target 19-20" in hdr
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


def test_stream_row_with_fewer_values_than_months_is_unreadable():
    g = only_grid(STREAM)
    m = month_cells(g, 2)
    assert all(conf <= 0.3 for _, conf in m.values())
    assert "fewer-values:5/7" in g.meta.row_note(2)
    _, warnings = read_text(STREAM, "sample.txt")
    assert any("EH1c" in w and "unreadable" in w for w in warnings)


def test_stream_private_use_arrow_is_the_dot_cell():
    text = STREAM.replace("-19% 8%  70 90", "-19% 8% \uf071 70 90")
    g = only_grid(text)
    row = data_row(g)
    assert "\uf071" in row and month_cells(g, 1)["2021-08"] == ("56", 1.0)


def test_shifted_row_detected_by_checks():
    # One month value lost by OCR: 12 values for 13 months, then the tail.
    vals = VALS_M2.split("\t")
    del vals[5]
    g = only_grid(HEADER_13 + f"\nM2\tNumber of new referrals\tJane White\tCatherine Parkin\t{OUTCOME}"
                  f"\t{chr(9).join(vals)}\t{TAIL_M2}\n")
    assert all(conf <= 0.3 for _, conf in month_cells(g, 1).values())


def test_duplicated_value_cell_is_not_trusted():
    vals = VALS_M2.split("\t")
    vals.insert(6, vals[6])
    g = only_grid(HEADER_13 + f"\nM2\tNumber of new referrals\tJane White\tCatherine Parkin\t{OUTCOME}"
                  f"\t{chr(9).join(vals)}\t{TAIL_M2}\n")
    truth = dict(zip(month_columns(g).values(), VALS_M2.split("\t")))
    for ym, (text, conf) in month_cells(g, 1).items():
        assert text == truth[ym] or conf <= 0.5


def test_checks_disagreeing_lower_confidence():
    # Printed % change from previous month does not fit the last two months (pack inconsistency
    # or misread): those cells drop to 0.5, not unreadable and not certain.
    g = only_grid(HEADER_13 + f"\nM2\tNumber of new referrals\tJane White\tCatherine Parkin\t{OUTCOME}"
                  f"\t{VALS_M2}\t→ -40%\t→ 0%\t\t273\t333\n")
    m = month_cells(g, 1)
    assert m["2018-04"] == ("245", 0.5) and m["2018-03"][1] == 0.5
    assert 0.5 < m["2017-06"][1] < 1.0


def test_dashboard_line_with_lost_first_value():
    """12 values under 13 months: which month lost its value nothing says, so the values are kept
    under the last months as printed but unreadable, never ok on a guessed month."""
    months = "Apr-17 May-17 Jun-17 Jul-17 Aug-17 Sep-17 Oct-17 Nov-17 Dec-17 Jan-18 Feb-18 Mar-18 Apr-18"
    text = f"Number of current UASC\n{months}\nLACL3 | 10 11 | 10 12 13 | 12 12 14 | 14 14 14 | 13\n"
    grids, _ = read_text(text, "dash.txt")
    (g,) = grids
    assert g.kind == "dashboard" and detect_kind(text) == "dashboard"
    m = month_cells(g, 1)
    assert m["2017-04"][0] == "" and m["2017-05"][0] == "10" and m["2018-04"][0] == "13"
    assert all(conf <= 0.3 for _, conf in m.values())
    assert data_row(g)[0] == "LAC13" and g.meta.label_printed == "LACL3"
    assert g.meta.row_note(1).startswith("unverified: 12 values for 13 months")


def test_dashboard_line_with_every_value_is_placed_by_count():
    months = "Apr-17 May-17 Jun-17 Jul-17 Aug-17 Sep-17 Oct-17 Nov-17 Dec-17 Jan-18 Feb-18 Mar-18 Apr-18"
    g = only_grid(f"{months}\nLAC13 | 11 | 10 11 | 10 12 13 | 12 12 14 | 14 14 14 | 13\n")
    m = month_cells(g, 1)
    assert m["2017-04"] == ("11", 0.9) and m["2018-04"] == ("13", 0.9)
    assert g.meta.row_note(1) == "count"


def test_dashboard_values_without_month_labels_are_not_placed_on_months():
    grids, warnings = read_text("LAC1 521 | 536 | 526 515 514 523 517 528 519 517 518 522 521\n", "d.txt")
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
            "25% | 25% | 0% |\n")
    assert detect_kind(text) == "markdown"
    g = only_grid(text)
    assert month_cells(g, 1)["2019-10"] == ("31%", 1.0) and month_cells(g, 1)["2020-04"] == ("25%", 1.0)


def test_html_table_document():
    cells = ["Ref.", "Indicator", "Owner", "Outcome", "Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20",
             "Mar-20", "Apr-20"]
    row = ["M4", "Number of new referrals where CSE was a factor", "tbc", OUTCOME, "5", "2", "2", "1", "1", "5", "1"]
    text = ("<table>\n<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>\n<tr>" +
            "".join(f"<td>{c}</td>" for c in row) + "</tr>\n</table>\n")
    assert "html" in detect_kind(text)
    g = only_grid(text)
    assert month_cells(g, 1)["2020-04"][0] == "1" and data_row(g)[0] == "M4"


def test_prose_only_file_gives_no_grid_and_says_so():
    grids, warnings = read_text("Minutes of the meeting.\nNo data this month.\n", "p.txt")
    assert grids == [] and any("no table" in w for w in warnings)


def test_layout_blank_month_placed_by_position():
    # A blank cell leaves only spaces: the Dec-19 value of M1 blanked in place.
    m1 = LAYOUT.splitlines()[1]
    blanked = m1.replace("1258", "    ").replace("M1 ", "M9 ")
    g = only_grid(LAYOUT + blanked + "\n")
    m = month_cells(g, 4)
    assert m["2019-12"][0] == "" and m["2019-11"] == ("1323", 1.0) and m["2020-01"] == ("1419", 1.0)
    assert m["2020-04"] == ("1147", 1.0)


def test_image_alt_text_dropped_from_title():
    header7 = ("Ref.\tIndicator\tOwner\tOutcome\tOct-19\tNov-19\tDec-19\tJan-20\tFeb-20\tMar-20\tApr-20"
               "\t% change from Mar-20")
    g = only_grid(header7 + f"\nNumber of new ChildImage: Stress of the stress of th\t_\t{OUTCOME}"
                  "\t11\t7\t20\t0\t4\t13\t4\t-69%\n")
    assert data_row(g)[:2] == ["", "Number of new Child"]
    assert month_cells(g, 1)["2019-10"] == ("11", 1.0)
