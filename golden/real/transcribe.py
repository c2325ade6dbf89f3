"""Typing aid for the real-seed golden files (golden/real/rows.csv, cells.csv).

Why this exists: typing ~230 rows x 7-14 month values by hand invites typos. This script only
*copies text* out of the seed lines that a person picked and labelled by hand below (line numbers,
canonical refs, printed refs, month counts, every override). It does not decide anything: every
row and every judgement call is in the hand-written tables in this file, and every row it emits
was then compared by eye against the seed (see README.md for the corrections made by hand).

It also prints sanity checks (computed 12-month max / average / % changes versus the figures the
pack prints) so that a shifted or dropped month shows up; it never "fixes" a value from them.

Run: python golden/real/transcribe.py [--seeds DIR]   (writes rows.csv and cells.csv next to it)
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parents[1] / "corpus" / "real"

SEED_FILES = {
    "003": "003_4eaf19d1b8904fe0.txt",
    "004": "004_d5d4e9064230e5ba.txt",
    "000": "000_2acbe4883c047f69.txt",
    "001": "001_90e6469a3e833956.txt",
}


def months(y: int, m: int, n: int) -> list[str]:
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


WINDOWS = {
    "003": months(2017, 4, 13),  # Apr-17 .. Apr-18
    "004": months(2018, 5, 14),  # May-18 .. Jun-19
    "000": months(2019, 10, 7),  # Oct-19 .. Apr-20
    "001": months(2021, 2, 7),   # Feb-21 .. Aug-21 (from '% change from Jul-21 / Aug-20')
}

# ---------------------------------------------------------------------------------------------
# Hand-made row tables: (line, canonical ref, ref as printed, note).  Chosen by reading each seed.
# Canonical spelling = what seed 004 (the cleanest, a text-layer agenda) prints.
# ---------------------------------------------------------------------------------------------
ROWS_003 = [
    (10, "M1", "", "ref lost; title = M1 in 004/000/001"),
    (11, "M2", "M2", "ref merged into the title cell"),
    (12, "M3", "", "ref lost; title = M3 elsewhere"),
    (13, "M2-NI", "M2-NI", "ref merged into the title cell"),
    (14, "M8-QL", "", "ref lost; title = M8-QL elsewhere"),
    (15, "M6-QL (val)", "MG-QL (val)", "ref OCR-garbled (6->G), merged into the title cell"),
    (16, "M6-QL", "", "ref lost; title = M6-QL elsewhere"),
    (17, "M4", "", "ref lost; title = M4 elsewhere"),
    (18, "EH1a", "", "ref lost; 'Universal Help Assessments started' = 004 Early Help table EH1a"),
    (19, "EH1c", "", "ref lost; 'UHAs completed in the month': targets 288/336/TBC printed on the row "
                     "are the same as 004 EH1c (INCLUDING adults), not EH14b"),
    (20, "EH1b", "", "ref lost; 'Universal Help Plans opened' = 004 EH1b"),
    (21, "M5", "", "ref lost; title = M5 in 004 Early Help table / 000 / 001"),
    (24, "EH2", "", "ref lost; title = EH2 elsewhere"),
    (25, "EH5-QL", "", "ref lost; title = EH5-QL elsewhere"),
    (26, "EH3", "EH3", "ref merged into the title cell"),
    (27, "EH3a%", "", "ref lost; title = EH3a% elsewhere"),
    (28, "EH3b%", "", "ref lost; title = EH3b% elsewhere"),
    (29, "EH3c%", "", "ref lost; title = EH3c% elsewhere"),
    (30, "EH3d%", "", "ref lost; title = EH3d% elsewhere"),
    (31, "EH3e%", "", "ref lost; title = EH3e% elsewhere"),
    (32, "EH4 (val)", "EH4 (val)", "ref merged into the title cell; pack inconsistency: printed % change from "
                                   "same month prev yr is -19% but Apr-17 98 -> Apr-18 83 is -15% (the values agree "
                                   "with EH4-QL 72.0% / 65.0% of EH3 137 / 128), kept as printed"),
    (33, "EH4-QL", "", "ref lost; title = EH4-QL elsewhere"),
    (36, "CP1", "CP1", ""),
    (37, "CP1-NI", "CP1-NI", ""),
    (38, "CP6B", "СРБВ", "ref OCR-garbled into Cyrillic letters (С Р Б В)"),
    (39, "CP6B-NI", "CP6B-NI", ""),
    (40, "CP2", "CP2", ""),
    (41, "CP2-NI", "CP2-NI", ""),
    (42, "CP4 (val)", "CP4 (val)", "12-month average/max printed as 34.00 / 50.00"),
    (43, "CP4", "CP4", ""),
    (44, "CP2b", "CP2b", ""),
    (45, "CP2b %", "CP2b %", ""),
    (46, "CP3-QL (val)", "CP3-QL (", "ref truncated ('val)' lost) and merged into the title cell"),
    (47, "CP3-QL", "CP3-QL", ""),
    (50, "CP8-QL", "CP8-QL", ""),
    (51, "CP5-QL (val)", "CP5-QL (val", "closing parenthesis lost"),
    (52, "CP5-QL", "CP5-QL", ""),
    (53, "CP9", "СРЭ", "ref OCR-garbled into Cyrillic letters (С Р Э); title = CP9 elsewhere"),
    (54, "CP7", "CP7", ""),
    (55, "LAC1", "LAC1", ""),
    (56, "LAC1-NI", "LAC1-NI", ""),
    (57, "LAC2", "LAC2", ""),
    (58, "LAC3", "LAC3", ""),
    (59, "LAC6 (val)", "LAC6 (val)", ""),
    (60, "LAC6 (%)", "LAC6 (%)", ""),
    (61, "LAC12 (val)", "LAC12 (val)", ""),
    (62, "LAC12 (%)", "LAC12 (%)", ""),
    (63, "LAC7-QL", "LAC7-QL", ""),
    (66, "LAC10 (%)", "LAC10 (%)", ""),
    (67, "LAC10-QL", "LAC10-QL", ""),
    (68, "LAC13", "LAC13", ""),
    (69, "LAC14", "LAC14", ""),
    (70, "LAC11-QL", "LAC11-QL", ""),
    (71, "LAC11-QL (%)", "LAC11-QL (%)", ""),
    (72, "NI147", "NI147", ""),
    (73, "LAC9 (val)", "LAC9 (val)", ""),
    (74, "LAC9", "LAC9", ""),
    (75, "LAC16", "LAC16", ""),
]

ROWS_004 = [
    (317, "M1", "M1", "month header of this table is split over two lines (315-316); row carries 14 values"),
    (318, "M2", "M2", ""),
    (319, "M3", "M3", ""),
    (320, "M2-NI", "M2-NI", ""),
    (321, "M8-QL", "M8-QL", ""),
    (322, "M6-QL (val)", "M6-QL (val)", ""),
    (323, "M6-QL", "M6-QL", ""),
    (324, "M4", "M4", ""),
    (325, "EH2", "EH2", ""),
    (326, "EH5-QL", "EH5-QL", ""),
    (327, "EH3", "EH3", ""),
    (328, "EH3a%", "EH3a%", ""),
    (329, "EH3b%", "EH3b%", ""),
    (335, "EH3c%", "EH3c%", ""),
    (336, "EH3d%", "EH3d%", ""),
    (337, "EH3e%", "EH3e%", ""),
    (338, "EH4 (val)", "EH4 (val)", ""),
    (339, "EH4-QL", "EH4-QL", ""),
    (340, "CP1", "CP1", ""),
    (341, "CP1-NI", "CP1-NI", ""),
    (342, "CP6B", "CP6B", ""),
    (343, "CP6B-NI", "CP6B-NI", ""),
    (344, "CP2", "CP2", ""),
    (347, "CP2-NI", "CP2-NI", ""),
    (348, "CP4 (val)", "CP4 (val)", "12-month average/max printed as 29.58 / 54.00"),
    (349, "CP4", "CP4", ""),
    (350, "CP2b", "CP2b", ""),
    (351, "CP2b %", "CP2b %", ""),
    (352, "CP3-QL (val)", "CP3-QL (val)", ""),
    (353, "CP3-QL", "CP3-QL", ""),
    (354, "CP8-QL", "CP8-QL", ""),
    (355, "CP5-QL (val)", "CP5-QL (val)", ""),
    (356, "CP5-QL", "CP5-QL", ""),
    (357, "CP9", "CP9", ""),
    (358, "CP7", "CP7", ""),
    (359, "LAC1", "LAC1", ""),
    (360, "LAC1-NI", "LAC1-NI", ""),
    (361, "LAC2", "LAC2", ""),
    (362, "LAC3", "LAC3", ""),
    (365, "LAC6 (val)", "LAC6 (val)", ""),
    (366, "LAC6 (%)", "LAC6 (%)", ""),
    (367, "LAC12 (val)", "LAC12 (val)", ""),
    (368, "LAC12 (%)", "LAC12 (%)", ""),
    (369, "LAC7-QL", "LAC7-QL", ""),
    (370, "LAC10 (%)", "LAC10 (%)", ""),
    (371, "LAC10-QL", "LAC10-QL", ""),
    (372, "LAC13", "LAC13", ""),
    (373, "LAC14", "LAC14", ""),
    (374, "LAC11-QL", "LAC11-QL", ""),
    (375, "LAC11-QL (%)", "LAC11-QL (%)", ""),
    (376, "NI147", "NI147", ""),
    (377, "LAC9 (val)", "LAC9 (val)", ""),
    (378, "LAC9", "LAC9", ""),
    (379, "LAC16", "LAC16", "Apr-19 and May-19 printed 'tbc'"),
    (389, "EH1a", "EH1a", "Early Help table (Appendix 2): no Outcome column"),
    (390, "EH1c", "EH1c", "Early Help table: no Outcome column"),
    (391, "EH1b", "EH1b", "Early Help table: no Outcome column"),
    (392, "M5", "M5", "Early Help table: no Outcome column; May-19 cell blank"),
    (393, "EH14b", "EH14b", "Early Help table: no Outcome column; May-18 and Jun-18 cells blank"),
    (394, "CIN5", "CIN5", "Early Help table: no Outcome column; May-18 and Jun-18 cells blank"),
]

ROWS_000 = [
    (4, "M1", "M1", ""),
    (5, "M2", "M2", ""),
    (6, "M3", "M3", ""),
    (7, "M2-NI", "M2-NI", ""),
    (8, "M8-QL", "M8-QL", ""),
    (9, "M6-QL (val)", "M6-QL (val)", ""),
    (10, "M6-QL", "M6-QL", ""),
    (11, "M4", "M4", ""),
    (12, "M5", "M5", "outcome text printed is M4's (pack error), title is M5's"),
    (27, "EH2", "EH2", ""),
    (28, "EH5-QL", "EH5-QL", ""),
    (29, "EH3", "EH3", ""),
    (30, "EH3a%", "EH3a%", ""),
    (31, "EH3b%", "EH3b%", ""),
    (32, "EH3c%", "EH3c%", ""),
    (33, "EH3d%", "EH3d%", ""),
    (34, "EH3e%", "EH3e%", ""),
    (35, "EH4 (val)", "EH4 (val)", ""),
    (36, "EH4-QL", "EH4-QL", ""),
    (37, "CP1", "CP1", ""),
    (40, "CP1-NI", "CP1-NI", ""),
    (41, "CP6B", "CP6B", ""),
    (42, "CP6B-NI", "CP68-NI", "ref OCR-garbled (B->8)"),
    (43, "CP2", "CP2", ""),
    (44, "CP2-NI", "CP2-NI", ""),
    (45, "CP4 (val)", "CP4 (val)", "% change from Apr-19 cell blank"),
    (46, "CP4", "CP4", ""),
    (47, "CP2b", "CP2b", ""),
    (48, "CP2b %", "CP2b %", ""),
    (51, "CP3-QL (val)", "", "ref lost; title and owner cells replaced by OCR 'Image:' junk and the row's "
                            "cells are printed twice on this one line (as HTML <td> cells, then again "
                            "tab-separated, identical values) - one row, listed once; ref from the title "
                            "fragment 'Number of children subject', the ICPC-timeliness outcome and the next "
                            "row (CP3-QL %): 28/47 ICPCs in Mar-20 = 60%, 18/27 in Apr-20 = 67%"),
    (52, "CP3-QL", "", "ref lost; title = CP3-QL elsewhere"),
    (53, "CP8-QL", "", "ref lost; title = CP8-QL elsewhere"),
    (54, "CP5-QL (val)", "", "ref lost; title garbled by OCR 'Image:' junk; outcome = CP5-QL and the "
                            "commentary says 4 children (16%) in Apr-20, matching this row's Apr-20 value 4 "
                            "and CP5-QL's 16%"),
    (55, "CP5-QL", "", "ref lost; title = CP5-QL elsewhere (contains a stray OCR glyph)"),
    (56, "CP9", "", "ref lost; title = CP9 elsewhere"),
    (57, "CP7", "", "ref lost; title = CP7 elsewhere"),
    (58, "LAC1", "", "ref lost; title = LAC1 elsewhere"),
    (59, "LAC1-NI", "হ", "ref garbled to a single OCR glyph in front of the title; title = LAC1-NI elsewhere"),
    (62, "LAC2", "LAC2", ""),
    (63, "LAC3", "LAC3", ""),
    (64, "LAC6 (val)", "LAC6 (val)", ""),
    (65, "LAC6 (%)", "LAC6 (%)", ""),
    (66, "LAC12 (val)", "LAC12 (val)", ""),
    (67, "LAC12 (%)", "LAC12 (%)", ""),
    (68, "LAC7-QL", "LAC7-QL", ""),
    (69, "LAC10 (%)", "LACI0 (%)", "ref OCR-garbled (1->I)"),
    (70, "LAC10-QL", "LAC10-QL", ""),
    (71, "LAC13", "LAC13", ""),
    (72, "LAC14", "LAC14", ""),
    (75, "LAC11-QL", "LAC11-QL", ""),
    (76, "LAC11-QL (%)", "LAC11-QL (%)", ""),
    (77, "NI147", "NI147", ""),
    (78, "LAC9 (val)", "LAC9 (val)", ""),
    (79, "LAC9", "LAC9", ""),
    (80, "LAC16", "LAC16", "12-month average and max printed as '-'"),
]

# 001: (line of the values, canonical ref, note).  ref_printed and title are copied from the
# fragment lines above the values (see parse_001_block) and were checked by eye.
ROWS_001 = [
    (34, "M1", ""), (72, "M2", ""), (111, "M3", ""), (155, "M2-NI", ""), (200, "M8-QL", ""),
    (246, "M6-QL (val)", ""), (286, "M6-QL", ""), (321, "M4", ""),
    (360, "M5", "outcome text printed is M4's (pack error), title is M5's"),
    (396, "EH2", "12-month average/max printed with thousands commas (1,190 / 1,348)"),
    (445, "EH5-QL", ""), (483, "EH3", ""), (527, "EH3a%", ""), (568, "EH3b%", ""), (609, "EH3c%", ""),
    (649, "EH3d%", ""), (688, "EH3e%", ""), (734, "EH4 (val)", ""), (777, "EH4-QL", ""),
    (815, "CP1", ""), (860, "CP1-NI", ""), (900, "CP6B", ""), (942, "CP6B-NI", ""), (983, "CP2", ""),
    (1024, "CP2-NI", ""), (1068, "CP4 (val)", ""), (1108, "CP4", ""), (1141, "CP2b", ""),
    (1178, "CP2b %", ""), (1218, "CP3-QL (val)", ""), (1258, "CP3-QL", ""), (1300, "CP8-QL", ""),
    (1348, "CP5-QL (val)", ""), (1388, "CP5-QL", ""), (1424, "CP9", ""), (1462, "CP7", ""),
    (1498, "LAC1", ""), (1538, "LAC1-NI", ""), (1575, "LAC2", ""), (1613, "LAC3", ""),
    (1654, "LAC6 (val)", ""),
    (1687, "LAC6 (%)", "pack inconsistency: May-21 printed 7% although LAC6 (val) 1 / LAC3 6 = 17% "
                       "(other months agree with val/LAC3); kept as printed"), (1725, "LAC12 (val)", ""), (1762, "LAC12 (%)", ""),
    (1797, "LAC7-QL", ""), (1842, "LAC10 (%)", ""),
    (1883, "LAC10-QL", "values share the line with the end of the outcome text"),
    (1919, "LAC13", ""), (1957, "LAC14", ""), (1996, "LAC11-QL", ""), (2043, "LAC11-QL (%)", ""),
    (2076, "NI147", ""), (2120, "LAC9 (val)", ""), (2151, "LAC9", ""),
    (2183, "LAC16", "Jul-21 and Aug-21 printed as 0 (kept as printed; the printed 12-month average 130 "
                    "includes them)"),
    (2215, "EH1a", "pack inconsistency: printed % change from Jul-21 is -6% but 182 -> 135 is -26%; kept as printed"),
    (2253, "EH1c", "only 5 values printed for 7 months. Aug-21 = 308 (last value; commentary: '308 "
                   "recorded'). 352 381 416 400 fill 4 of the 6 cells Feb-Jul and two are blank, but which "
                   "two cannot be told: '% change from Jul-21' = n/a would point at a blank Jul-21, yet the "
                   "other Early Help rows of this pack (EH1b, EH14b, CIN5) print n/a with a Jul-21 value "
                   "present, and the 12-month average/max (312 / 416) fit any placement: Feb-Jul unreadable"),
    (2292, "EH1b", "'% change from Jul-21' printed n/a although Jul-21 has a value (as for EH14b, CIN5)"),
    (2332, "EH14b", "'% change from Jul-21' printed n/a although Jul-21 has a value"),
    (2372, "CIN5", "'% change from Jul-21' printed n/a although Jul-21 has a value"),
    (2410, "LSCB17a", "4 '-' printed for 7 month cells (the rest blank): all missing; which months print "
                      "'-' cannot be told, so printed is left ''"),
    (2446, "YO2", "4 'tbc' printed for 7 month cells (the rest blank): all missing; which months print "
                  "'tbc' cannot be told, so printed is left ''"),
    (2481, "FM011", "no month values printed (quarterly measure, 'Pending QTR 2 data return'): all blank; "
                    "ref fragments 'FM' '01' '1'"),
    (2518, "FM012", "no month values printed (quarterly measure, 'Pending QTR 2 data return'): all blank; "
                    "ref fragments 'FM' '01' '2'"),
]

# Hand-written title overrides where the seed cell is not plain title text.
TITLE_OVERRIDE = {
    ("000", 51): "Image: Number of children subjectImage: Number of children subject",
}

# 001 month-token overrides: line -> list of (printed, status) per month, decided by hand.
OVERRIDE_001 = {
    2253: [("", "unreadable")] * 6 + [("308", "ok")],
    2410: [("", "missing")] * 7,
    2446: [("", "missing")] * 7,
    2481: [("", "missing")] * 7,
    2518: [("", "missing")] * 7,
}
# Notes on single cells (any seed): (seed, line, month) -> note.
CELL_NOTES = {
    ("001", 2183, "2021-07"): "printed 0 (likely no data yet); kept: the printed 12-month average 130 counts it",
    ("001", 2183, "2021-08"): "printed 0 (likely no data yet); kept: the printed 12-month average 130 counts it",
    ("001", 1687, "2021-05"): "printed 7% disagrees with LAC6 (val) 1 / LAC3 6; kept as printed",
    ("004", 392, "2019-05"): "blank cell in the Early Help table ('% change from previous month' = n/a agrees)",
    ("004", 393, "2018-05"): "leading blank cell in the Early Help table",
    ("004", 393, "2018-06"): "leading blank cell in the Early Help table",
    ("004", 394, "2018-05"): "leading blank cell in the Early Help table",
    ("004", 394, "2018-06"): "leading blank cell in the Early Help table",
}
CELL_NOTE_001 = {
    2253: "5 values (352 381 416 400 308) printed for 7 months; 308 = Aug-21; the other 4 sit in 4 of Feb-Jul, which 4 unknown",
    2410: "one of 4 '-' or blank; missing either way",
    2446: "one of 4 'tbc' or blank; missing either way",
}

VALUE_CELL = re.compile(r"^\s*(-?\d[\d,]*(\.\d+)?%?|-|tbc|TBC|n/a|)\s*$")
MISSING_TEXT = {"-", "tbc", "n/a", ""}


def to_value(printed: str) -> tuple[str, str]:
    p = printed.strip()
    if p.lower() in MISSING_TEXT:
        return "", "missing"
    return p.replace("%", "").replace(",", ""), "ok"


def find_values(cells: list[str], n: int) -> int:
    """Index of the first run of n value-like cells that follows a text cell."""
    for j in range(1, len(cells) - n + 1):
        if not VALUE_CELL.match(cells[j - 1]) and all(VALUE_CELL.match(x) for x in cells[j:j + n]):
            return j
    raise ValueError("no run of month values")


def tab_row(seed: str, text: str, line: int, ref_printed: str) -> tuple[str, list[str], list[str]]:
    n = len(WINDOWS[seed])
    if (seed, line) in TITLE_OVERRIDE:
        # the tab-separated repeat follows the HTML part: take the values from the tab cells
        cells = text.split("\t")
        j = find_values(cells, n)
        return TITLE_OVERRIDE[(seed, line)], cells[j:j + n], cells[j + n:]
    cells = text.split("\t")
    c0 = cells[0].strip()
    if ref_printed and c0 == ref_printed:
        title = cells[1]
    elif ref_printed and c0.startswith(ref_printed):
        title = c0[len(ref_printed):]
    else:
        title = cells[0]
    j = find_values(cells, n)
    return " ".join(title.split()), cells[j:j + n], cells[j + n:]


def is_word(tok: str) -> bool:
    return re.match(r"^[A-Z][a-z]+", tok) is not None


def parse_001_block(lines: list[str], start: int, end: int) -> tuple[str, str]:
    """ref fragments and title from the lines between two value lines (1-based, exclusive)."""
    block = [(i, lines[i - 1]) for i in range(start, end) if lines[i - 1].strip()]
    # the ref begins at the first short line (commentary lines are long)
    k = next(idx for idx, (_, t) in enumerate(block) if len(t.strip()) <= 3)
    frags, title = [], []
    for _, t in block[k:]:
        s = t.strip()
        if not title:
            first = s.split(" ", 1)
            if len(s) > 4 and is_word(first[0]):
                title.append(s)
            elif len(first) == 2 and is_word(first[1]):
                frags.append(t.split(first[1], 1)[0])
                title.append(first[1])
            else:
                frags.append(t)
        elif len(s) <= 3:
            break  # first owner fragment
        else:
            title.append(s)
    ref = " ".join("".join(frags).split())
    return ref, " ".join(" ".join(title).split())


def build(seeds: Path):
    rows, cells, checks = [], [], []
    for seed, table in (("003", ROWS_003), ("004", ROWS_004), ("000", ROWS_000)):
        fname = SEED_FILES[seed]
        text = (seeds / fname).read_text(encoding="utf-8").split("\n")
        for line, ref, ref_printed, note in table:
            title, vals, tail = tab_row(seed, text[line - 1], line, ref_printed)
            rows.append([fname, line, ref, ref_printed, title, note])
            for month, p in zip(WINDOWS[seed], vals):
                v, st = to_value(p)
                cells.append([fname, line, ref, month, p.strip(), v, st, CELL_NOTES.get((seed, line, month), "")])
            checks.append((fname, line, ref, [p.strip() for p in vals], " | ".join(t.strip() for t in tail[:8])))
    fname = SEED_FILES["001"]
    text = (seeds / fname).read_text(encoding="utf-8").split("\n")
    prev = 0
    for line, ref, note in ROWS_001:
        ref_printed, title = parse_001_block(text, prev + 1, line + (1 if line == 1883 else 0))
        if line == 1883:
            title = title.split(" 477 ")[0]
        raw = text[line - 1]
        if line == 1883:
            raw = raw.split("needs.", 1)[1]
        rows.append([fname, line, ref, ref_printed, title, note])
        if line in OVERRIDE_001:
            vals = OVERRIDE_001[line]
        else:
            toks = raw.split()[:7]
            vals = [(t, to_value(t)[1]) for t in toks]
        for month, (p, st) in zip(WINDOWS["001"], vals):
            v = to_value(p)[0] if st == "ok" else ""
            note = CELL_NOTE_001.get(line, "") if st != "ok" else ""
            cells.append([fname, line, ref, month, p, v, st, CELL_NOTES.get(("001", line, month), note)])
        checks.append((fname, line, ref, [p for p, _ in vals], raw.strip()))
        prev = line
    return rows, cells, checks


def num(s: str):
    s = s.strip().replace(",", "").rstrip("%")
    try:
        return float(s)
    except ValueError:
        return None


def sanity(checks) -> None:
    """Print computed 12-month max/avg and % changes next to the printed tail, flag disagreements."""
    for fname, line, ref, vals, tail in checks:
        nums = [num(v) for v in vals]
        last12 = [x for x in nums[-12:] if x is not None]
        tail_nums = [num(t) for t in re.split(r"[\s|]+", tail) if num(t) is not None]
        flags = []
        if last12:
            mx = max(last12)
            if len(nums) >= 12 and not any(abs(mx - t) < 1e-9 for t in tail_nums):
                flags.append(f"max {mx:g} not printed")
            if len(nums) < 12 and tail_nums and not any(t >= mx for t in tail_nums):
                flags.append(f"window max {mx:g} above every printed figure")
            if len(nums) >= 12:
                avg = sum(last12) / len(last12)
                if not any(abs(avg - t) <= 0.51 for t in tail_nums):
                    flags.append(f"avg {avg:.2f} not printed")
        if len(nums) >= 2 and nums[-1] is not None and nums[-2]:
            ch = round((nums[-1] / nums[-2] - 1) * 100)
            if not any(abs(ch - t) <= 1 for t in tail_nums):
                flags.append(f"prev-month change {ch}% not printed")
        if len(nums) >= 13:
            base = nums[-13]
            if base and nums[-1] is not None:
                ch = round((nums[-1] / base - 1) * 100)
                if not any(abs(ch - t) <= 1 for t in tail_nums):
                    flags.append(f"year change {ch}% not printed")
        print(f"{fname[:3]} {line:5d} {ref:13s} {' '.join(v or '_' for v in vals)}  ||  {tail}"
              + (f"   <<< {'; '.join(flags)}" if flags else ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--write", action="store_true", help="write rows.csv and cells.csv")
    args = ap.parse_args()
    rows, cells, checks = build(args.seeds)
    sanity(checks)
    if args.write:
        with open(HERE / "rows.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["seed", "line", "ref", "ref_printed", "title_printed", "note"])
            w.writerows(rows)
        with open(HERE / "cells.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["seed", "line", "ref", "month", "printed", "value", "status", "note"])
            w.writerows(cells)
        print(f"wrote {len(rows)} rows, {len(cells)} cells")


if __name__ == "__main__":
    main()
