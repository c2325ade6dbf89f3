"""pdftotext's default reading order (no -layout, no -raw) on committed samples of both renderers
(tests/data/extracted/pdftotext/, tests/data/streams/pdftotext/): the ref column bottom-up, rows
of one-line titles given column by column, the top row's cells among the header's labels.
Truth is golden/printed.csv and printed_lo.csv."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pytest

from recover.dashboard.stream import find_blocks
from recover.readers.extracted import read_text
from recover.readers.extracted.bands import in_header, unband
from recover.readers.extracted.frames import header_words, make_header
from recover.readers.extracted.ordered import _frames, _page_ranges
from recover.readers.extracted.rows import find_anchors, runs_in
from recover.readers.extracted.textfirst import print_order, value_tokens
from recover.readers.extracted.tokens import tokenize
from recover.printed.months import parse_month

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLES = {   # sample -> its golden file (the renderer's)
    "extracted/pdftotext/agenda_2019-12-12_lo-ruled.pdftotext.txt": "printed_lo.csv",
    "extracted/pdftotext/agenda_2020-02-20_lo-nolines.pdftotext.txt": "printed_lo.csv",
    "extracted/pdftotext/agenda_2020-07-16_text.pdftotext.txt": "printed.csv",
    "extracted/pdftotext/agenda_2021-05-20_nolines.pdftotext.txt": "printed.csv",
}


@lru_cache(maxsize=None)
def golden(path: str) -> tuple[dict, dict]:
    """({page: [refs in print order]}, {(page, ref): {month: printed}}) of a sample's PDF."""
    source = Path(path).name.split(".")[0] + ".pdf"
    order: dict[int, list[str]] = {}
    cells: dict[tuple[int, str], dict[str, str]] = {}
    with (ROOT / "golden" / SAMPLES[path]).open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["source"] == source and r["kind"] == "table" and r["set"] == "full":
                refs = order.setdefault(int(r["page"]), [])
                if r["ref"] not in refs:
                    refs.append(r["ref"])
                cells.setdefault((int(r["page"]), r["ref"]), {})[r["month"]] = r["printed"]
    return order, cells


def dataset_pages(path: str):
    """(tokens, frame, page start, page end) of every page of the sample with a month header."""
    text = (DATA / path).read_text(encoding="utf-8")
    starts, breaks = [0], 0
    for ch in text:
        if ch in "\n\f":
            breaks += 1
            if ch == "\f":
                starts.append(breaks)
    tokens = tokenize(text.replace("\f", "\n").split("\n"))
    out = []
    for a, b in _page_ranges(tokens, starts):
        frames = _frames(tokens, a, b)
        if frames:
            out.append((tokens, frames[0], a, b))
    return out


def test_refs_given_bottom_up_are_turned_back_into_the_printed_order():
    # the ref column of a reportlab page comes bottom-up a ref at a time; a LibreOffice page's
    # in blocks of refs printed close together, each block top-down ('M5 EH2 EH5-QL M4 ... M1')
    turned = {"printed.csv": 0, "printed_lo.csv": 0}
    for path, gold in SAMPLES.items():
        order, _ = golden(path)
        printed = [refs for _, refs in sorted(order.items())]
        for tokens, frame, a, b in dataset_pages(path):
            found = find_anchors(tokens, a, b)
            got = print_order(found)
            if got == found:
                continue
            turned[gold] += 1
            # the turned order is one page's printed order (less a ref the reader did not find)
            names = [x.printed.replace(" ", "") for x in got]
            assert any(_in_order(names, [r.replace(" ", "") for r in refs]) for refs in printed), names
    assert turned["printed.csv"] >= 4 and turned["printed_lo.csv"] >= 8


def _in_order(names: list[str], refs: list[str]) -> bool:
    it = iter(refs)
    return len(names) >= len(refs) - 1 and all(n in it for n in names)


def test_refs_in_no_turned_order_keep_the_tools():
    # the Early Help page of a LibreOffice pack: 'EH14b CIN5 M5 EH1b EH1c EH1a'; read as blocks
    # it would put M5 (an indicator the register files with the MASH rows) above EH1b
    path = "extracted/pdftotext/agenda_2019-12-12_lo-ruled.pdftotext.txt"
    tokens, frame, a, b = dataset_pages(path)[-1]
    found = find_anchors(tokens, a, b)
    assert "M5" in [x.printed for x in found]
    assert print_order(found) == found


def _page_values(path: str, k: int):
    tokens, frame, a, b = dataset_pages(path)[k]
    anchors = find_anchors(tokens, a, b)
    span = (min(x.start for x in anchors), max(x.end for x in anchors))
    runs = [r for r in runs_in(tokens, frame.end, b) if not span[0] <= r.start < span[1]]
    header = make_header(frame, header_words(tokens, frame, runs[0].start if runs else b))
    return tokens, frame, header, value_tokens(tokens, runs)


@pytest.mark.parametrize("path,k,rows", [
    # two bands on a LibreOffice page: EH3d%, EH3e%, EH4 (val), EH4-QL (one-line titles) given
    # a month at a time, four cells a month, and CP2, CP2-NI two a month
    ("extracted/pdftotext/agenda_2019-12-12_lo-ruled.pdftotext.txt", 1,
     ["EH3d%", "EH3e%", "EH4 (val)", "EH4-QL", "CP2", "CP2-NI"]),
    # and a reportlab page's M6-QL (val) and M6-QL, a count and its percentage a month
    ("extracted/pdftotext/agenda_2021-05-20_nolines.pdftotext.txt", 0, ["M6-QL (val)", "M6-QL"]),
])
def test_rows_given_column_by_column_are_put_back_row_by_row(path, k, rows):
    _, cells = golden(path)
    tokens, frame, header, values = _page_values(path, k)
    page = int(min(p for p, _ in cells)) + k
    texts = [t.text for t in unband(values, header)]
    for ref in rows:
        want = [cells[(page, ref)][m] for m in frame.months]
        assert any(texts[s:s + len(want)] == want for s in range(len(texts))), ref
        # the tool's order held no such run
        raw = [t.text for t in values]
        assert not any(raw[s:s + len(want)] == want for s in range(len(raw))), ref


def test_a_band_no_stride_verifies_is_left_as_the_tool_gave_it():
    # a reportlab page whose rows come in bands with a column missing or two months as one block
    # ('1360 1171 269 311 ...'): no height reads every row's arithmetic, nothing moves
    for k in (0, 1):
        tokens, frame, header, values = _page_values("extracted/pdftotext/agenda_2020-07-16_text.pdftotext.txt", k)
        assert [t.text for t in unband(values, header)] == [t.text for t in values]


@pytest.mark.parametrize("path,k,ref", [
    # the top row's cells among the header's labels ('Oct-18 Nov-18 1620 Dec-18 1871 ...'),
    # on two LibreOffice packs
    ("extracted/pdftotext/agenda_2019-12-12_lo-ruled.pdftotext.txt", 0, "M1"),
    ("extracted/pdftotext/agenda_2019-12-12_lo-ruled.pdftotext.txt", 3, "LAC1-NI"),
    ("extracted/pdftotext/agenda_2020-02-20_lo-nolines.pdftotext.txt", 2, "CP6B-NI"),
])
def test_the_top_rows_cells_among_the_headers_labels_lead_the_values(path, k, ref):
    _, cells = golden(path)
    tokens, frame, header, values = _page_values(path, k)
    page = int(min(p for p, _ in cells)) + k
    top = [t.text for t in in_header(tokens, frame, header)]
    printed = [cells[(page, ref)][m] for m in frame.months]
    # the row's first months, in order (the last months follow the header)
    assert len(top) >= header.W - 3 and top == printed[:len(top)]


def test_pdftotext_samples_read_their_refs_values_or_nothing():
    # every month cell read sure under a ref is that ref's printed value, on both renderers;
    # and the turned pages give some
    sure = {"printed.csv": 0, "printed_lo.csv": 0}
    for path, gold in SAMPLES.items():
        _, cells = golden(path)
        grids, _ = read_text((DATA / path).read_text(encoding="utf-8"), "s.txt")
        printed = {}
        for (page, ref), months in cells.items():
            printed.setdefault(ref, []).append(months)
        for g in grids:
            if g.kind != "table":
                continue
            months = [parse_month(c.text) for c in g.rows()[0][2:2 + g.meta.window]]
            for row in g.rows()[1:]:
                got = {m: c.text for m, c in zip(months, row[2:]) if c.conf >= 0.8 and m}
                if not row[0].text or not got:
                    continue
                sure[gold] += len(got)
                assert any(all(p.get(m) == v for m, v in got.items()) for p in printed[row[0].text]), \
                    (path, row[0].text, got)
    assert sure["printed_lo.csv"] >= 100


@pytest.mark.parametrize("lines", [
    # a dataset table's header and its first rows' values in pdftotext's default order (two
    # reportlab packs): one axis and a run of values longer than its months, no chart
    ["Sept-17", "Oct-17", "Nov-17", "Dec-17", "Jan-18", "Feb-18", "Mar-18", "Apr-18", "May-18", "Jun-18",
     "Jul-18", "1358", "1378", "1215", "997", "1421", "1309", "1376", "1649", "1554", "1433", "281", "309",
     "257", "194", "302", "229", "270"],
    ["Jun-17", "Jul-17", "Aug-17", "Sep-17", "Oct-17", "Nov-17", "Dec-17", "Jan-18", "Feb-18", "1432",
     "1198", "1281", "1352", "1266", "1183", "1327", "1319", "1208", "1399", "1404", "295", "278"],
])
def test_a_tables_header_with_rows_after_it_is_no_chart(lines):
    assert find_blocks(lines) == []
