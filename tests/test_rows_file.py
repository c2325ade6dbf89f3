"""rows.csv: numbers in the numeric columns, what was printed in the *_raw columns."""
from __future__ import annotations

import csv

from recover.api import run
from tests.pdfs import ROWS, table_pdf


def test_numeric_columns_hold_numbers_and_raw_columns_the_print(tmp_path):
    rows = [list(r) for r in ROWS]
    rows[1][13] = "Local"                               # a 12-month average printed as a word
    table_pdf(str(tmp_path / "apr20.pdf"), rows=rows)
    run([str(tmp_path / "apr20.pdf")], str(tmp_path / "out"))
    with open(tmp_path / "out" / "rows.csv", newline="", encoding="utf-8") as f:
        got = {r["ref"]: r for r in csv.DictReader(f)}
    m1 = got["M1"]
    assert (m1["pct_prev"], m1["pct_prev_raw"]) == ("-4", "↑ -4%")
    assert (m1["avg12"], m1["avg12_raw"]) == ("1291", "1,291")
    assert (m1["max12"], m1["max12_raw"]) == ("1535", "1535")
    val = got["M6-QL (val)"]
    assert (val["avg12"], val["avg12_raw"]) == ("", "Local")
    numeric = ("pct_prev", "pct_year", "avg12", "max12", "stat_neighbour", "england", "se_region", "target",
               "match_score", "row_confidence")
    for r in got.values():
        for col in numeric:
            assert r[col] == "" or float(r[col]) == float(r[col])       # a number or nothing, never text

