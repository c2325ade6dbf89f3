"""Dashboards in tesseract's plain text: rows of month labels OCR damaged past reading, read from
the caption's window (recover/dashboard/window.py), and value lines that lost a chart's label
(recover/dashboard/groups.py). Real inputs: tesseract's text of scanned
corpus pages (tests/data/dashboards/README.md), scored against golden/printed.csv."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from recover.dashboard.align import align
from recover.dashboard.stream import find_blocks

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "dashboards"


@pytest.mark.parametrize("name, source, page, window", [
    ("agenda_2021-07-08_charts-scan200", "agenda_2021-07-08_charts.pdf", 13, ("2020-06", "2021-06")),
    ("agenda_2021-04-15_charts-scan200", "agenda_2021-04-15_charts-scan200.pdf", 11, ("2020-03", "2021-03"))])
def test_a_label_whose_year_ocr_misread_does_not_stop_the_row_of_axes_being_read(name, source, page, window):
    """tesseract's text of 200 dpi reportlab dashboards: a row of axes too damaged for a run of
    labels, one of whose labels also came out with another year ('jun-22' for Jun-21, 'Jan-22'
    for Jan-21). That one label outside the caption's window kept the row from being read as its
    window, and three charts were lost. It is one more label damaged past reading: every chart
    of the page is found over the window, and those placed by count read as printed."""
    truth: dict[str, dict[str, str]] = {}
    with open(ROOT / "golden" / "printed.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["source"] == source and r["page"] == str(page) and r["kind"] == "dashboard":
                truth.setdefault(r["ref"], {})[r["month"]] = r["printed"]
    text = (SAMPLES / f"{name}.p{page}.tesseract-psm3.txt").read_text(encoding="utf-8")
    blocks = find_blocks(text.split("\n"))
    assert len(blocks) == len(truth) == 6
    assert all((b.axis.months[0], b.axis.last) == window for b in blocks)
    same = total = 0
    for b in blocks:
        got = align(b, False)
        if got.verified:
            best = max(truth.values(), key=lambda t: sum(t.get(c.month) == c.text for c in got.cells))
            same += sum(best.get(c.month) == c.text for c in got.cells)
            total += len(got.cells)
    assert total >= 3 * 13 and same >= 0.9 * total


@pytest.mark.parametrize("off, read", [(["Jun-21"], True), (["Jun-21", "Jul-21"], False)])
def test_labels_of_another_year_are_damage_only_one_a_row(off, read):
    """Made up: a chart's damaged labels under 'Monthly trend, Dec-19 to Dec-20', one ('Jun-21'
    for Jun-20) outside the window: read as the window. Two outside: that is no row of this
    window's axes, and the line stays as it is."""
    from recover.dashboard.stream import tokens_of
    from recover.dashboard.window import window_axes
    labels = ["Dec-19", "Jan20", "Fed-20", "Mar-20", "For20", "May-20", "Jun-20", "h20", "Aug-20", "Sep.20",
              "Oct-20", "Nov-20", "Dec-20"]
    for k, t in zip((6, 8), off):
        labels[k] = t
    toks = tokens_of(["Monthly trend, Dec-19 to Dec-20", " ".join(labels)])
    got = window_axes(toks)
    assert (got != toks) == read
    if read:
        assert [t.text for t in got if t.line == 2][6] == "Jun-20"


def test_labels_read_back_are_marked_so_not_by_their_confidence():
    """Made up: the labels window_axes puts back for the months it could not read (Fed-20, For20,
    h20) are marked read back, and only those are repaired: a label read with confidence 0 is still
    a label read."""
    from recover.dashboard.model import Axis
    from recover.dashboard.stream import tokens_of
    from recover.dashboard.window import window_axes, window_repaired
    from recover.printed.months import month_add
    labels = ["Dec-19", "Jan20", "Fed-20", "Mar-20", "For20", "May-20", "Jun-20", "h20", "Aug-20", "Sep.20",
              "Oct-20", "Nov-20", "Dec-20"]
    got = [t for t in window_axes(tokens_of(["Monthly trend, Dec-19 to Dec-20", " ".join(labels)])) if t.line == 2]
    assert [k for k, t in enumerate(got) if t.read_back] == [2, 4, 7]
    got[0] = replace(got[0], conf=0.0)
    axis = window_repaired(Axis(tuple(got), tuple(month_add("2019-12", k) for k in range(13))))
    assert axis.repaired == (2, 4, 7)


def _printed(golden: str, source: str, page: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with open(ROOT / "golden" / golden, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["source"] == source and r["page"] == str(page) and r["kind"] == "dashboard":
                out.setdefault(r["ref"], []).append(r["printed"])
    return out


@pytest.mark.parametrize("name, golden, source, kept", [
    ("agenda_2021-07-08_lo-charts-scan200", "printed_lo.csv", "agenda_2021-07-08_lo-charts-scan200.pdf",
     ["LAC2", "LAC9 (val)"]),
    ("agenda_2021-07-08_charts-scan300", "printed.csv", "agenda_2021-07-08_charts.pdf", ["LAC9 (val)"])])
def test_a_row_whose_later_chart_lost_its_label_keeps_the_charts_before_it(name, golden, source, kept):
    """tesseract's text of dashboard pages (LibreOffice 200 dpi, reportlab 300 dpi) where a row of
    three charts lost the third chart's label: its values run on after the second's ('LAC2 4 1 5 ...
    LAC3 12 9 14 ... 20 18 18', LAC13's among LAC3's), so fewer labels than charts and no cut of the
    line fitted, and the whole row was lost. The charts before the run-on group keep their values,
    in their printed order, unverified (placed only by agreement with other readings); the run-on
    group, holding more values than a chart has months, is read as no chart."""
    printed = _printed(golden, source, 12)
    text = (SAMPLES / f"{name}.p12.tesseract-psm3.txt").read_text(encoding="utf-8")
    blocks = find_blocks(text.split("\n"))
    assert all(len(b.values) <= 13 for b in blocks)

    def in_order(b, ref) -> bool:
        it = iter(printed[ref])
        return len(b.values) >= 5 and all(any(t.text == p for p in it) for t in b.values)

    for ref in kept:
        mine = [b for b in blocks if in_order(b, ref)]
        assert mine and not any(align(b, False).verified for b in mine)
