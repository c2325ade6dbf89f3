import pytest

from recover.table.months import month_add, month_range, months_in_text, parse_month, repair_sequence
from recover.table.values import parse_change, parse_value


@pytest.mark.parametrize("text,ym", [
    ("Oct-19", "2019-10"), ("Mar20", "2020-03"), ("Sept-19", "2019-09"), ("Sep 2019", "2019-09"),
    ("0ct-19", "2019-10"), ("Apr-l8", "2018-04"), ("May-2O", "2020-05"),
    ("12-mnth", None), ("M1", None), ("Target 19-20", None), ("", None),
])
def test_parse_month(text, ym):
    assert parse_month(text) == ym


def test_month_arithmetic():
    assert month_add("2019-12", 1) == "2020-01"
    assert month_range("2020-04", 7) == ["2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03", "2020-04"]
    assert months_in_text("% change from Jul-21") == ["2021-07"]


def test_repair_sequence_fixes_an_ocr_label():
    parsed = [parse_month(t) for t in ["Apr-17", "May-17", "Jun-17", "Jul-17", "Aug-10"]]
    fixed, changed = repair_sequence(parsed)
    assert fixed[-1] == "2017-08" and changed == [4]


@pytest.mark.parametrize("text,value,status,decimals,pct", [
    ("1354", 1354, "ok", 0, False), ("1,576", 1576, "ok", 0, False), ("19.1%", 19.1, "ok", 1, True),
    ("31%", 31, "ok", 0, True), ("34.00", 34, "ok", 2, False), ("-", None, "missing", None, False),
    ("tbc", None, "missing", None, False), ("TBC", None, "missing", None, False), ("n/a", None, "missing", None, False),
    ("", None, "missing", None, False), ("12 3", None, "unreadable", None, False), ("l2", None, "unreadable", None, False),
])
def test_parse_value(text, value, status, decimals, pct):
    v = parse_value(text)
    assert (v.value, v.status, v.decimals, v.is_percent) == (value, status, decimals, pct)


def test_change_cells_strip_arrows():
    assert parse_change("↑ 20%").value == 20
    assert parse_change("\uf0e2 -4%").value == -4
    v = parse_change("1 20%")           # an arrow OCR'd as '1'
    assert v.value == 20 and v.conf < 0.9
