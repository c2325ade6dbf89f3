"""The dashboard model (recover/dashboard): blocks found from the month axis of each chart's
one-line table, the values placed under their months (verified, never assumed), the text around
each block kept as evidence of its indicator; on words made by hand and on the text layers of both
renderers' dashboards (reportlab drawn here from the corpus generator; LibreOffice from a committed
sample, tests/data/dashboards/)."""
from __future__ import annotations

import csv
from dataclasses import replace
import sys
from pathlib import Path

import pytest

from recover.dashboard import Axis, Block, Token, read_positioned
from recover.dashboard.align import align
from recover.dashboard.context import read_context
from recover.identify import identify_packs
from recover.layout import Word
from recover.pipeline import Settings, open_all, read_sources
from recover.printed.dashboard import (benchmark, benchmarking_ref, caption_months, is_fixed_text,
                                       is_percent_note, titled_ref)
from recover.printed.roles import Role
from recover.register import load_register

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "dashboards"


# ---------------------------------------------------------------- what a pack prints around a chart

@pytest.mark.parametrize("text", ["All figures shown as percentages", "Al figures shawn as percentaqes"])
def test_the_percent_note_clean_and_as_ocr_reads_it(text):
    assert is_percent_note(text)


@pytest.mark.parametrize("text", ["All figures are provisional", "Percentages of all contacts"])
def test_other_text_is_no_percent_note(text):
    assert not is_percent_note(text)


@pytest.mark.parametrize("text, ref", [("Benchmarking (LAC13)", "LAC13"), ("Benchmarking (LAC11-QL (%))", "LAC11-QL (%)"),
                                       ("8enchmarking [CP1]", "CP1"), ("Benchmarking (M3", "M3")])
def test_the_benchmarking_box_names_its_ref(text, ref):
    assert benchmarking_ref(text) == ref


def test_benchmarking_without_a_ref_names_nothing():
    assert benchmarking_ref("Benchmarking") is None
    assert benchmarking_ref("Number of contacts") is None


@pytest.mark.parametrize("text, window", [("Monthly trend, Jun-19 to Jun-20", ("2019-06", "2020-06")),
                                          ("Trend: Mar-20 to Mar-21", ("2020-03", "2021-03"))])
def test_the_caption_names_the_window(text, window):
    assert caption_months(text) == window


@pytest.mark.parametrize("text, ref", [("CP1 - Number of Section 47 (S47) ...", "CP1"),
                                       ("LAC9 (val) - Number of Looked after", "LAC9 (val)"),
                                       ("M2-NI - Rate of referrals", "M2-NI")])
def test_a_title_starts_with_its_ref(text, ref):
    assert titled_ref(text)[0] == ref


@pytest.mark.parametrize("text", ["Child Protection", "Monthly trend, Jun-19 to Jun-20"])
def test_a_heading_or_caption_is_no_titled_ref(text):
    assert titled_ref(text) is None


@pytest.mark.parametrize("text, role, value", [("Stat. Neighbour 1791", Role.STAT_NEIGHBOUR, "1791"),
                                               ("Stat Neighbour 45.2", Role.STAT_NEIGHBOUR, "45.2"),
                                               ("England -", Role.ENGLAND, "-"), ("SE region", Role.SE_REGION, "")])
def test_benchmarks_with_or_without_their_value(text, role, value):
    b = benchmark(text)
    assert (b.role, b.value) == (role, value)


@pytest.mark.parametrize("text", ["Show values as: Monthly", "Show valucs as: Monthly", "Average", "Avera9e"])
def test_fixed_legend_and_box_text_names_nothing(text):
    assert is_fixed_text(text)


@pytest.mark.parametrize("lines,title,heading,window,legend,pct,sn", [
    (["Children Looked After", "Monthly trend, Jun-19 to Jun-20",
      "LAC11-QL (%) - Percentage of children looked after", "with three or more placements",
      "1500", "60.", "— LAC11-QL (%)", "Average", "Benchmarking (LAC11-QL (%))",
      "Show values as: Monthly", "Stat. Neighbour 12", "All figures shown as percentages"],
     "LAC11-QL (%) - Percentage of children looked after with three or more placements", "Children Looked After",
     ("2019-06", "2020-06"), ("LAC11-QL (%)",), True, "12"),
    (["Child Protection", "Trend: Mar-20 to Mar-21", "CP1 - Number of Section 47 (S47)", "enquiries started",
      "200", "— CP1", "Avera9e", "8enchmarking [CP1]", "Show valucs as: Monthly", "Stat. Neighbour 1791"],
     "CP1 - Number of Section 47 (S47) enquiries started", "Child Protection", ("2020-03", "2021-03"), ("CP1",),
     False, "1791"),
])
def test_the_context_of_a_block_keeps_what_names_its_indicator(lines, title, heading, window, legend, pct, sn):
    ctx = read_context(lines)
    assert ctx.title == title
    assert ctx.heading == heading and ctx.caption_window == window
    assert ctx.percent_note == pct and ctx.legend_refs == legend
    labels = ctx.labels()
    assert ("title_ref", legend[0]) in labels and (("unit_note", "percent") in labels) == pct
    assert ("benchmark:stat_neighbour", sn) in labels


# ---------------------------------------------------------------- words made by hand

MONTHS = ["Jun-19", "Jul-19", "Aug-19", "Sep-19", "Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20",
          "Mar-20", "Apr-20", "May-20", "Jun-20"]
STEP = 24.0


def _line(y: float, items: list[tuple[float, str]], h: float = 6.0, cw: float = 3.0) -> list[Word]:
    return [Word(t, x, y, x + cw * len(t), y + h) for x, t in items]


def _block(x0: float, label: str, values: list[str], y: float = 100.0, title: str = "",
           after_axis: list[str] = (), rows: int = 1) -> list[Word]:
    """A chart's one-line table: the month labels centred over their cells, values right-aligned
    in them, the label in a cell two months wide; a title line above."""
    words = _line(y - 30, [(x0, title)]) if title else []
    months = [(x0 + 2 * STEP + STEP * k + STEP / 2 - 9, m) for k, m in enumerate(MONTHS)]
    extra = [(x0 + 2 * STEP + STEP * (13 + k) + 2, t) for k, t in enumerate(after_axis)]
    words += _line(y, months + extra)
    for r in range(rows):
        cells = [(x0 + 2 * STEP + STEP * (k + 1) - 2 - 3 * len(v), v) for k, v in enumerate(values) if v]
        words += _line(y + 12 + 12 * r, [(x0 + 2, label)] + cells)
    return words


VALUES = ["1660", "1315", "1210", "1158", "1354", "1290", "1012", "1477", "1390", "1201", "980", "1120", "1334"]


@pytest.mark.parametrize("left,right,title", [("M1", "LAC11-QL (%", "LAC11-QL (%)"), ("CP1", "M2-N", "M2-NI")])
def test_two_charts_side_by_side_are_two_blocks_with_their_labels(left, right, title):
    words = _block(20, left, VALUES, title=f"{left} - Number of contacts received") + \
        _block(20 + 16 * STEP, right, [v[:2] for v in VALUES], title=f"{title} - Placements")
    grids, regions = read_positioned(words, source="d", page=3, method="text-layer")
    assert len(grids) == len(regions) == 2
    a, b = (g.rows() for g in grids)
    assert [c.text for c in a[1]] == [left, *VALUES]
    assert [c.text for c in b[1]] == [right, *(v[:2] for v in VALUES)]    # truncated, kept as printed
    assert ("title_ref", left) in grids[0].meta.labels and ("title_ref", title) in grids[1].meta.labels
    assert all(g.kind == "dashboard" and g.meta.window == 13 for g in grids)


@pytest.mark.parametrize("blank", [4, 0, 12])
def test_a_month_without_a_value_printed_nothing_on_a_text_layer_and_lost_it_in_ocr(blank):
    vals = VALUES[:blank] + [""] + VALUES[blank + 1:]
    for blank_is_missing, conf in ((True, 1.0), (False, 0.0)):
        (g,), _ = read_positioned(_block(20, "CP1", vals), source="d", page=1, method="m",
                                  blank_is_missing=blank_is_missing)
        cell = g.rows()[1][blank + 1]
        assert (cell.text, cell.conf) == ("", conf)
        assert [c.text for c in g.rows()[1][1:] if c.text] == [v for v in vals if v]
        assert [c.col for c in g.rows()[1] if c.text][1:] == [k + 1 for k, v in enumerate(vals) if v]


@pytest.mark.parametrize("lost", [(1, 3, 4, 6, 9), (0, 2, 5, 7, 8, 11)])
def test_ocr_words_that_lost_many_of_a_line_s_values_are_unverified(lost):
    """OCR lost 5 or 6 of 13 values: the words it kept are unreadable (a text layer's blanks are
    printed blanks, and stay)."""
    vals = ["" if i in lost else v for i, v in enumerate(VALUES)]
    (ocr,), _ = read_positioned(_block(20, "CP1", vals), source="d", page=1, method="m", blank_is_missing=False)
    (text,), _ = read_positioned(_block(20, "CP1", vals), source="d", page=1, method="m", blank_is_missing=True)
    assert ocr.meta.row_note(1).startswith("unverified") and all(c.conf <= 0.3 for c in ocr.rows()[1][1:])
    assert text.meta.row_note(1) == "positions"


@pytest.mark.parametrize("after", [["%", "avg", "max"], ["12.5", "1410"]])
def test_a_dataset_table_going_on_right_of_its_months_is_no_block(after):
    assert read_positioned(_block(20, "M1", VALUES, after_axis=after), source="d", page=1, method="m")[0] == []


@pytest.mark.parametrize("rows", [2, 3])
def test_rows_of_values_under_one_axis_are_a_table_not_a_block(rows):
    assert read_positioned(_block(20, "M1", VALUES, rows=rows), source="d", page=1, method="m")[0] == []


# ---------------------------------------------------------------- alignment without positions

def _stream_block(values: list[str]) -> Block:
    axis = Axis(tuple(Token(m) for m in MONTHS), tuple(f"{2019 + (k + 5) // 12}-{(k + 5) % 12 + 1:02d}"
                                                        for k in range(13)))
    return Block(axis, Token("M1"), tuple(Token(v) for v in values))


@pytest.mark.parametrize("values", [VALUES, [f"{v[:2]}.{v[2]}%" for v in VALUES], ["-", *VALUES[1:]]])
def test_as_many_values_as_months_are_placed_in_print_order(values):
    al = align(_stream_block(values), blank_is_missing=False)
    assert al.verified and al.how == "count"
    assert [(p.month, p.text) for p in al.cells][:2] == [("2019-06", values[0]), ("2019-07", values[1])]
    assert [p.text for p in al.cells] == values


@pytest.mark.parametrize("n", [12, 14])
def test_a_count_that_does_not_match_leaves_the_values_unverified(n):
    vals = (VALUES + ["7"])[:n] if n > 13 else VALUES[1:n + 1]
    al = align(_stream_block(vals), blank_is_missing=False)
    assert not al.verified and al.how.startswith("unverified")
    assert all(p.conf <= 0.3 for p in al.cells)


# ---------------------------------------------------------------- the text layers of both renderers

def _read(paths):
    sources, errors = open_all([str(p) for p in paths])
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1))
    assert not errors and not errs
    return identify_packs(packs, load_register())


def _got(packs) -> dict[tuple[str, str], tuple[str, float | None]]:
    rows = {r.row_id: r for p in packs for r in p.rows if r.kind == "dashboard"}
    assert rows and all(r.ref for r in rows.values())
    return {(rows[o.row_id].ref, o.month): (o.status, o.value) for p in packs for o in p.observations
            if o.row_id in rows}


def _check(got, truth: dict[tuple[str, str], tuple[str, float | None]]) -> None:
    assert set(got) == set(truth)
    wrong = {k: (got[k], v) for k, v in truth.items() if v[0] == "ok" and got[k] != v}
    assert wrong == {}
    assert all(got[k][0] != "ok" for k, v in truth.items() if v[0] != "ok")


@pytest.fixture(scope="module")
def reportlab_dashboards(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "corpus"))
    from gen.content import build_pack
    from gen.dash import specs
    from gen.render import layout_pack, to_pdf
    from gen.truth import Truth
    pc = build_pack(Truth(), "2020-06")
    d = tmp_path_factory.mktemp("dash")
    out = {}
    for look in ("charts", "ruled"):
        pages = [pg for pg in layout_pack(pc, look) if pg.kind in ("table", "dashboard")]
        path = d / f"pack_{look}.pdf"
        path.write_bytes(to_pdf(pages, pc.pack))
        out[look] = path
    return pc, specs(pc), out


def test_reportlab_chart_dashboards_every_cell_under_its_indicator(reportlab_dashboards):
    pc, specs, paths = reportlab_dashboards
    truth = {(s.ref, c.month): (c.status, float(c.value) if c.status == "ok" else None)
             for s in specs for c in s.cells}
    got = _got(_read([paths["charts"]]))
    assert any(s.label != s.ref for s in specs)       # a truncated label among them
    _check(got, truth)


def test_reportlab_polyline_dashboards_every_block_under_its_indicator(reportlab_dashboards):
    pc, _, paths = reportlab_dashboards
    truth = {(d.ref, c.month): (c.status, float(c.value) if c.status == "ok" else None)
             for d in pc.dashboards for c in d.cells}
    got = _got(_read([paths["ruled"]]))
    _check(got, truth)


def test_libreoffice_chart_dashboards_every_cell_under_its_indicator():
    """Two dashboard pages of a LibreOffice pack (pages 10 and 12 of the corpus file, charts removed),
    against golden/printed_lo.csv."""
    sample = SAMPLES / "agenda_2020-07-16_lo-charts.pdf"
    pages = {"10": 1, "12": 2}
    with open(ROOT / "golden" / "printed_lo.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["source"] == sample.name and r["page"] in pages
                and r["kind"] == "dashboard"]
    assert len(rows) == 12 * 13
    truth = {(r["ref"], r["month"]): (r["status"], float(r["value"]) if r["status"] == "ok" else None)
             for r in rows}
    _check(_got(_read([sample])), truth)


# ---------------------------------------------------------------- extracted text of both kinds

EXTRACTED = ROOT / "tests" / "data" / "extracted"
PLAIN_TOOLS = ("pdfminer", "pdfminer-V", "pdfplumber", "pdftotext-raw", "pypdf")


def _printed_dashboards(source: str) -> dict[tuple[str, str], str]:
    with open(ROOT / "golden" / "printed.csv", encoding="utf-8", newline="") as f:
        return {(r["ref"], r["month"]): r["printed"] for r in csv.DictReader(f)
                if r["source"] == source and r["set"] == "full" and r["kind"] == "dashboard"}


def _blocks_of(text: str):
    from recover.readers.extracted import read_text
    from recover.table.header import find_header
    grids, _ = read_text(text, "x.txt")
    out = {}
    for g in (g for g in grids if g.kind == "dashboard"):
        months = {c.col: c.month for c in find_header(g).month_columns()}
        label, *cells = g.rows()[1]
        out[label.text] = {months[c.col]: (c.text, c.conf) for c in cells if c.col in months}
    return out


@pytest.mark.parametrize("tool", [*PLAIN_TOOLS, "pdftotext-layout"])
def test_every_tools_text_of_the_polyline_dashboards(tool):
    """The 2020-06 pack's 18 charts as each tool extracts them: axes and values on lines of their
    own (pdfminer), axes and value rows each on one line (pdftotext -raw), month and value
    interleaved cell by cell (pypdf), character columns (pdftotext -layout). Every value placed
    with confidence is the printed one."""
    name = "agenda_2020-07-16_text.pdf"
    truth = _printed_dashboards(name)
    path = EXTRACTED / tool / f"agenda_2020-07-16_text.{tool}.txt"
    blocks = _blocks_of(path.read_text(encoding="utf-8"))
    refs = {r for r, _ in truth}
    assert len(set(blocks) & refs) >= 17
    wrong = [(ref, m, got) for ref, cells in blocks.items() for m, got in cells.items()
             if got[1] > 0.3 and got[0] != truth.get((ref, m))]
    assert wrong == []
    placed = sum(1 for cells in blocks.values() for text, conf in cells.values() if conf > 0.3)
    assert placed >= 17 * 13


OCR_SAMPLES = [("agenda_2021-04-15_charts-scan300.pdf", "printed.csv"),
               ("agenda_2021-04-15_lo-charts-scan300.pdf", "printed_lo.csv")]


@pytest.mark.parametrize("source, golden", OCR_SAMPLES, ids=["reportlab", "libreoffice"])
def test_ocr_text_of_both_renderers_dashboards(source, golden):
    """tesseract's text of a scanned dashboard page: three charts' axes merged on one line, their
    values on the next, labels garbled ('cP1', 'Cer', 'CPS'), junk in a value's place ('m1',
    'Lif'), rule marks glued to values ('104)'). Every chart is found with its months verified
    by count, under the indicator its title and 'Benchmarking (REF)' name."""
    with open(ROOT / "golden" / golden, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["source"] == source and r["page"] == "11"
                and r["kind"] == "dashboard"]
    truth: dict[str, dict[str, str]] = {}
    for r in rows:
        truth.setdefault(r["ref"], {})[r["month"]] = r["printed"]
    from recover.readers.extracted import read_text
    from recover.table.header import find_header
    text = (SAMPLES / source.replace(".pdf", ".p11.tesseract-psm3.txt")).read_text(encoding="utf-8")
    grids = [g for g in read_text(text, "ocr.txt")[0] if g.kind == "dashboard"]
    assert len(grids) == len(truth) == 6
    for g in grids:
        named = dict(g.meta.labels)
        ref = named["title_ref"]
        assert named["legend"] == ref and ref in truth
        months = {c.col: c.month for c in find_header(g).month_columns()}
        cells = {months[c.col]: c for c in g.rows()[1][1:]}
        assert g.meta.row_note(1) == "count" and set(cells) == set(truth[ref])
        same = sum(cells[m].text == p for m, p in truth[ref].items())
        assert same >= 11, (ref, [(c.text, truth[ref][m]) for m, c in cells.items()])


@pytest.mark.parametrize("source", [s for s, _ in OCR_SAMPLES], ids=["reportlab", "libreoffice"])
def test_a_digit_ocr_lost_or_gained_in_a_chart_s_values_is_doubted(source):
    """tesseract's text of both renderers' dashboard page, one CP6B value damaged as OCR damages
    digits ('408' read '48', '385' read '3855'): a block prints no arithmetic, but a value that
    far off its neighbours is a slip, not a print - unreadable; the rest of the block stays."""
    from recover.readers.extracted import read_text
    text = (SAMPLES / source.replace(".pdf", ".p11.tesseract-psm3.txt")).read_text(encoding="utf-8")
    assert " 408 385 " in text
    for damaged in ("48 385", "408 3855"):
        grids = [g for g in read_text(text.replace("408 385", damaged, 1), "ocr.txt")[0]
                 if g.kind == "dashboard" and dict(g.meta.labels).get("title_ref") == "CP6B"]
        row = {c.text: c.conf for c in grids[0].rows()[1][1:]}
        bad = next(t for t in damaged.split() if t not in ("408", "385"))
        assert row[bad] <= 0.3 and row["399"] > 0.3 and row["358"] > 0.3


@pytest.mark.parametrize("token, bare", [("104)", "104"), ("SiS}", "SiS"), ("}", ""), ("383,", "383"),
                                         ("1373!", "1373"), ("274!", "274"), ("Apr-20_", "Apr-20"),
                                         ("[70", "70"), ("LAC9 (val)", "LAC9 (val)"), ("(%)", "(%)")])
def test_rule_marks_ocr_glues_to_a_word_are_dropped(token, bare):
    from recover.printed.confusions import strip_rule_marks
    assert strip_rule_marks(token) == bare


def _stream(*value_lines: str) -> list[str]:
    return [" ".join(MONTHS) + " " + " ".join(MONTHS), *value_lines]


@pytest.mark.parametrize("line, junk", [
    ("M1 " + " ".join(VALUES[:3]) + " m1 " + " ".join(VALUES[4:]) + " M2 " + " ".join(VALUES), (0, 3)),
    ("M1 " + " ".join(VALUES[:12]) + " SiS M2 " + " ".join(VALUES), (0, 12))])
def test_junk_in_a_values_place_keeps_the_charts_apart(line, junk):
    """Two charts' values on one line, one value OCR'd to letters: the labels are the words that
    cut the line into two groups of 13."""
    from recover.dashboard.stream import find_blocks
    a, b = find_blocks(_stream(line))
    assert (a.label.text, b.label.text) == ("M1", "M2")
    assert len(a.values) == len(b.values) == 13 and [t.text for t in b.values] == VALUES
    assert align(a, False).verified and a.values[junk[1]].text in ("m1", "SiS")


@pytest.mark.parametrize("line", ["M1 " + " ".join(VALUES[1:]) + " M2 " + " ".join(VALUES),
                                  "M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES[:-1])])
def test_a_lost_value_leaves_its_chart_unverified(line):
    from recover.dashboard.stream import find_blocks
    blocks = find_blocks(_stream(line))
    assert len(blocks) == 2
    assert [align(b, False).verified for b in blocks].count(False) == 1


@pytest.mark.parametrize("glued, cells", [("313]}-", ("313", "-")), ("1158]1354", ("1158", "1354")),
                                          ("46|-", ("46", "-"))])
def test_two_cells_ocr_read_as_one_word_across_their_rule_are_two_values(glued, cells):
    """tesseract's text of a LibreOffice chart's ruled one-line table: a value, the rule after its
    cell and the next cell read as one word ('EH3 192 306} 313]}- 549 ...' for 313 and Sep-19's
    '-'). Taken apart, the chart holds its 13 values again and is verified by their count; a
    label is never taken apart so."""
    from recover.dashboard.stream import find_blocks
    k = VALUES.index(VALUES[5])
    line = " ".join(["M1", *VALUES[:k], glued, *VALUES[k + len(cells):], "M2", *VALUES])
    a, b = find_blocks(_stream(line))
    assert [t.text for t in a.values[k:k + len(cells)]] == list(cells)
    assert len(a.values) == 13 and align(a, False).verified
    if "|" not in glued:          # a '|' parts any two words anyway
        assert all(t.conf < 0.9 for t in a.values[k:k + len(cells)])
    assert find_blocks(_stream(line.replace("M2", "LAC9 (val)")))[1].label.text == "LAC9 (val)"


# ---------------------------------------------------------------- damaged blocks against the tables

def _row(rid: str, kind: str):
    from recover.model import RowRecord
    return RowRecord(rid, "2021-03", "p.txt", 1, "CP2", "CP2", "", 1.0, "", kind=kind)


def _obs(rid: str, month: str, raw: str, conf: float = 0.9, status: str = "ok"):
    from recover.model import Observation
    value = float(raw) if status == "ok" else None
    return Observation("2021-03", "p.txt", 1, "CP2", month, raw, value, status, conf, "extracted-text",
                       row_id=rid, read_confidence=conf)


@pytest.mark.parametrize("damage", [_obs("d", "2020-05", "Lif", 0.0, "unreadable"), _obs("d", "2020-05", "38", 0.85)])
def test_an_ocr_damaged_block_s_misread_is_unreadable_where_the_tables_disagree(damage):
    """A block with junk in a value's place, or a rule mark glued to a value, is OCR-damaged:
    its '855' that the tables print as 33 is unreadable; its values the tables confirm, or
    that no table prints, stay."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table"), _row("t2", "table")]
    table = [_obs("t1", "2020-03", "33", 1.0), _obs("t2", "2020-03", "33", 1.0), _obs("t1", "2020-04", "27", 1.0)]
    mine = [_obs("d", "2020-03", "855"), _obs("d", "2020-04", "27"), _obs("d", "2020-02", "41"), damage]
    got = {o.month: o for o in against_tables(rows, table + mine, mine)}
    assert got["2020-03"].status == "unreadable" and "the tables print 33" in got["2020-03"].why
    assert got["2020-04"].status == "ok" and got["2020-02"].status == "ok"


@pytest.mark.parametrize("other_conf", [1.0, 0.6])
def test_a_lost_leading_digit_of_a_damaged_block_is_unreadable_where_another_pack_s_dashboard_disagrees(other_conf):
    """'7' for '17' among 18, 21, 6 and 5 is no outlier along its row; a damaged block's '7' that
    another pack's dashboard prints as 17 (its table cell unreadable) is unreadable; its values
    the other dashboard confirms stay. The other dashboard's 17 stays unless it is damaged too: then
    nothing says which of the two OCR misread ('|7' read as '17' is OCR's as well)."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("e", "dashboard"), _row("t1", "table")]
    other = [_obs("e", "2021-01", "17", other_conf), _obs("e", "2020-12", "18", 1.0),
             _obs("t1", "2021-01", "a", 0.0, "unreadable")]
    mine = [_obs("d", "2020-12", "18", 0.95), _obs("d", "2021-01", "7", 0.84), _obs("d", "2021-05", "6", 0.97)]
    got = {(o.row_id, o.month): o for o in against_tables(rows, other + mine, other + mine)}
    assert got["d", "2021-01"].status == "unreadable" and "other dashboards print 17" in got["d", "2021-01"].why
    assert got["d", "2020-12"].status == "ok" and got["d", "2021-05"].status == "ok"
    assert got["e", "2021-01"].status == ("ok" if other_conf == 1.0 else "unreadable")
    assert got["e", "2020-12"].status == "ok"


@pytest.mark.parametrize("held, status", [
    ([("t1", "27")], "ok"), ([("t1", "27"), ("e", "27")], "ok"), ([("e", "27.0")], "ok"),
    ([("t1", "28")], "unreadable"), ([("t1", "27"), ("e", "72")], "unreadable"), ([], "unreadable")])
def test_a_value_ocr_read_doubtfully_is_ok_where_every_other_reading_of_its_month_prints_it(held, status):
    """A ruled chart cell whose looks disagreed ('27' read once of three: unreadable, its text a
    value) in a row whose months are sure is ok when the other packs' readings of that month (an
    earlier table, another dashboard) all print it, below a clean read's confidence; any reading
    that prints otherwise, or none at all, leaves it to review."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("e", "dashboard"), _row("t1", "table")]
    mine = [_obs("d", f"2020-{m:02d}", str(20 + m), 0.96) for m in (1, 2, 3, 5, 6)]
    mine.append(replace(_obs("d", "2020-04", "27", 0.2, "unreadable"), raw="27"))
    other = [_obs(rid, "2020-04", raw, 1.0) for rid, raw in held]
    got = {o.month: o for o in against_tables(rows, other + mine, mine)}
    assert got["2020-04"].status == status
    if status == "ok":
        assert got["2020-04"].value == 27 and 0.3 < got["2020-04"].confidence < 0.9
    assert all(got[f"2020-{m:02d}"].status == "ok" for m in (1, 2, 3, 5, 6))


def test_a_doubtful_value_of_a_row_whose_months_are_unverified_stays_unreadable():
    """A block placed right-aligned (fewer values than months: every month unverified) says
    nothing of which month a value is; agreeing with another reading of a month is no placement."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = [replace(_obs("d", f"2020-{m:02d}", str(20 + m), 0.3, "unreadable"), raw=str(20 + m)) for m in range(1, 7)]
    other = [_obs("t1", "2020-04", "24", 1.0)]
    assert all(o.status == "unreadable" for o in against_tables(rows, other + mine, mine))


_LAC3 = ["18", "17", "21", "17", "15", "6", "13", "5", "16", "14", "16", "18", "15"]
_LAC3_MONTHS = [f"{2020 + (11 + k) // 12}-{(11 + k) % 12 + 1:02d}" for k in range(13)]


def _lost_one(lost: int):
    """A chart's row as the stream reader leaves it when OCR lost one value: the 12 it kept placed
    from the last month back, every month unverified."""
    kept = _LAC3[:lost] + _LAC3[lost + 1:]
    return [replace(_obs("d", m, "0", 0.2, "unreadable"), raw=t)
            for m, t in zip(_LAC3_MONTHS, [""] + kept)]


@pytest.mark.parametrize("lost, held_at", [(7, [0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12]), (4, [2, 3, 4, 5, 6, 7, 8])])
def test_a_chart_that_lost_one_value_is_placed_where_its_months_agree_with_other_readings(lost, held_at):
    """LAC3's chart in tesseract's text lost Jul-21's '5' (or another month's): placed from the
    last month back its first values sat a month late. Other readings of its months (the pack's
    own table, an earlier pack) agree with one gap's placement at 6 months or more, and every other
    gap puts a value where a reading says otherwise: the values go under those months, ok; the
    lost month stays unreadable."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = _lost_one(lost)
    other = [_obs("t1", _LAC3_MONTHS[i], _LAC3[i], 1.0) for i in held_at]
    got = {o.month: o for o in against_tables(rows, other + mine, mine)}
    assert got[_LAC3_MONTHS[lost]].status == "unreadable"
    assert [got[m].raw for m in _LAC3_MONTHS if m != _LAC3_MONTHS[lost]] == _LAC3[:lost] + _LAC3[lost + 1:]
    assert all(got[m].status == "ok" and got[m].value == float(got[m].raw) for m in _LAC3_MONTHS
               if m != _LAC3_MONTHS[lost])


@pytest.mark.parametrize("held_at, values", [([0, 1, 2, 3], None), (list(range(13)), ["15"] * 13)])
def test_a_chart_that_lost_one_value_stays_to_review_without_clear_agreement(held_at, values):
    """Fewer than 6 months held, or a series so flat that every gap agrees: nothing says where the
    value was lost, so every month stays unreadable."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = _lost_one(7)
    if values:
        mine = [replace(o, raw="15") if o.raw else o for o in mine]
    other = [_obs("t1", _LAC3_MONTHS[i], (values or _LAC3)[i], 1.0) for i in held_at]
    assert all(o.status == "unreadable" for o in against_tables(rows, other + mine, mine))


@pytest.mark.parametrize("lost, held_at, open_at", [(7, [0, 1, 2, 3, 8, 9, 10, 11, 12], [3, 4, 5, 6, 7, 8]),
                                                   (2, [0, 5, 6, 7, 8, 9, 10, 11], [0, 1, 2, 3, 4, 5])])
def test_a_chart_that_lost_one_value_places_only_the_values_every_likely_gap_puts_alike(lost, held_at, open_at):
    """No reading of the months around the gap (any of four gaps agrees alike): the values further
    from it are placed by the months held there; the months the gap may be in, and the held months
    beside them (a value there could have slid into the month beside it, losing only its one
    agreement), stay unreadable, naming the values left unplaced."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = _lost_one(lost)
    other = [_obs("t1", _LAC3_MONTHS[i], _LAC3[i], 1.0) for i in held_at]
    got = {o.month: o for o in against_tables(rows, other + mine, mine)}
    for k, m in enumerate(_LAC3_MONTHS):
        if k in open_at:
            assert got[m].status == "unreadable" and got[m].value is None and "not placed" in got[m].why
        else:
            assert got[m].status == "ok" and got[m].raw == _LAC3[k]


def _lost(lost: set[int], series=_LAC3):
    """The chart's row when OCR lost the values at `lost`: the rest placed from the last month back."""
    kept = [v for k, v in enumerate(series) if k not in lost]
    return [replace(_obs("d", m, "0", 0.2, "unreadable"), raw=t)
            for m, t in zip(_LAC3_MONTHS, [""] * len(lost) + kept)]


@pytest.mark.parametrize("lost", [{2, 9}, {0, 12}, {5, 6, 7}])
def test_a_chart_that_lost_several_values_is_placed_where_its_months_agree_with_other_readings(lost):
    """Two or three values lost ('CPL 156) 106 94 ...' for CP1's 13, as tesseract's plain text gave a
    LibreOffice chart at 300 dpi): the values kept, in their printed order, go where the most months
    agree with other readings (the pack's table, an earlier pack: here every month, the lost ones
    too); the lost months stay unreadable."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = _lost(lost)
    other = [_obs("t1", _LAC3_MONTHS[i], _LAC3[i], 1.0) for i in range(13)]
    got = {o.month: o for o in against_tables(rows, other + mine, mine)}
    for k, m in enumerate(_LAC3_MONTHS):
        if k in lost:
            assert got[m].status == "unreadable" and got[m].value is None
        else:
            assert got[m].status == "ok" and got[m].raw == _LAC3[k], (k, got[m])


def test_a_chart_that_lost_several_values_stays_to_review_when_a_reading_contradicts_two_months():
    """The best placement puts two months against what other readings print: no placement."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    mine = _lost({2, 9})
    held = {i: _LAC3[i] for i in range(13) if i not in (2, 9)}
    held[0], held[12] = "99", "98"
    other = [_obs("t1", _LAC3_MONTHS[i], v, 1.0) for i, v in held.items()]
    assert all(o.status == "unreadable" for o in against_tables(rows, other + mine, mine))


@pytest.mark.parametrize("table_value,block_value", [("33", "35"), ("27.5", "28.1"), ("1201", "1210")])
def test_a_clean_block_keeps_a_value_the_tables_print_otherwise(table_value, block_value):
    """No sign of OCR damage: a dashboard that prints another figure than an earlier table may show
    a revision; that is the reconciler's to weigh."""
    from recover.dashboard.check import against_tables
    rows = [_row("d", "dashboard"), _row("t1", "table")]
    table = [_obs("t1", "2020-03", table_value, 1.0)]
    mine = [_obs("d", "2020-03", block_value), _obs("d", "2020-04", "27")]
    assert [o.status for o in against_tables(rows, table + mine, mine)] == ["ok", "ok"]


@pytest.mark.parametrize("cut", ["Jun-19", "Jun-19 Jul-19"])
def test_a_third_axis_cut_short_by_ocr_columns_leaves_the_two_whole_charts(cut):
    from recover.dashboard.stream import find_blocks
    lines = [" ".join(MONTHS) + " " + " ".join(MONTHS) + " " + cut,
             "M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES) + " M3"]
    a, b = find_blocks(lines)
    assert (a.label.text, b.label.text) == ("M1", "M2") and align(a, False).verified and align(b, False).verified


@pytest.mark.parametrize("refs", [("EH2", "EH3"), ("LAC1", "LAC2")])
def test_a_label_naming_two_charts_of_one_window_is_the_last_ones(refs):
    """'EH2 EH3 342 259 ...': OCR lost the first chart's values. Every chart of the row shows the
    same months, so the values' months do not depend on which chart they are: they are the last
    named chart's (the label before them), and the chart after takes the next title."""
    from recover.dashboard.stream import find_blocks
    titles = f"{refs[0]} - Number of a {refs[1]} - Number of b M9 - Number of c"
    lines = [titles, " ".join(MONTHS * 3), f"{refs[0]} {refs[1]} " + " ".join(VALUES) + " M9 " + " ".join(VALUES)]
    a, b = find_blocks(lines)
    assert (a.label.text, b.label.text) == (refs[1], "M9")
    assert a.context.title.startswith(refs[1]) and b.context.title.startswith("M9")
    assert align(a, False).verified and align(b, False).verified


@pytest.mark.parametrize("refs", [("EH2", "EH3"), ("LAC1", "LAC2")])
def test_a_label_naming_two_charts_of_two_windows_leaves_the_row_unverified(refs):
    """The same lost values when the charts show different months: which window the values are
    under is not known, so no group of the row is placed with confidence."""
    from recover.dashboard.stream import find_blocks
    later = [m.replace("-19", "-2x").replace("-20", "-21").replace("-2x", "-20") for m in MONTHS]
    lines = [" ".join(MONTHS + later), f"{refs[0]} {refs[1]} " + " ".join(VALUES) + " M9 " + " ".join(VALUES)]
    blocks = find_blocks(lines)
    assert len(blocks) == 2 and not any(align(b, False).verified for b in blocks)
    assert all(p.conf <= 0.3 for b in blocks for p in align(b, False).cells)


# ---------------------------------------------------------------- month axes as OCR damages them

YEAR_19 = [f"{m}-19" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]


def _axis_of(labels: list[str]):
    from recover.dashboard.axis import month_runs
    from recover.dashboard.stream import tokens_of
    runs = month_runs(tokens_of([" ".join(labels)]))
    return [ax for _, _, ax in runs]


@pytest.mark.parametrize("k, bad", [(10, "Apr-20_"), (1, "Jul-19_"), (6, "Dec:19"), (5, "Nov:19"), (11, "May-20.")])
def test_a_rule_mark_or_colon_in_a_month_label_is_read_through(k, bad):
    got = _axis_of(MONTHS[:k] + [bad] + MONTHS[k + 1:])
    assert len(got) == 1 and len(got[0].months) == 13 and not got[0].repaired


@pytest.mark.parametrize("k, bad", [(4, ["Ape-za"]), (7, ["pe2"]), (5, ["une21", "ue21"]), (9, ["jun-22"])])
def test_words_between_two_labels_as_many_months_apart_are_those_months(k, bad):
    got = _axis_of(MONTHS[:k] + bad + MONTHS[k + len(bad):])
    assert len(got) == 1 and got[0].months[0] == "2019-06" and len(got[0].months) == 13
    assert got[0].repaired == tuple(range(k, k + len(bad)))


@pytest.mark.parametrize("labels, repaired", [
    (["pec-18"] + YEAR_19, (0,)),                           # a damaged first label (Dec-18)
    (["Oec-18"] + YEAR_19, (0,)),
    (MONTHS[:11] + ["Moy-20", "jun-2a"], (11, 12)),          # damaged last labels (May-20, Jun-20)
    (YEAR_19[2:] + ["Jan-20", "Fep-20", "mar-2a"], (11, 12)),
])
def test_a_damaged_label_at_either_end_that_agrees_with_its_month_joins_the_axis(labels, repaired):
    got = _axis_of(labels)
    assert len(got) == 1 and len(got[0].months) == len(labels) and got[0].repaired == repaired


@pytest.mark.parametrize("labels", [["Xyz-55"] + MONTHS[1:], MONTHS[:12] + ["Total"], YEAR_19[:12] + ["Fep-20"]])
def test_a_word_at_an_axis_end_that_disagrees_with_its_month_stays_out(labels):
    got = _axis_of(labels)
    assert len(got) == 1 and len(got[0].months) == 12


@pytest.mark.parametrize("k", [3, 9])
def test_a_month_name_and_year_ocr_split_in_two_words_are_one_label(k):
    name, year = MONTHS[k].split("-")
    got = _axis_of(MONTHS[:k] + [name, year] + MONTHS[k + 1:])
    assert len(got) == 1 and len(got[0].months) == 13


@pytest.mark.parametrize("cut", [slice(0, 9), slice(4, 13), slice(0, 7)])
def test_an_axis_cut_short_in_a_row_of_one_window_is_completed(cut):
    """Three charts side by side show the same months; OCR cut one chart's labels short (its first
    or last month kept): its 13 values are placed on the row's window, the lost labels repaired."""
    from recover.dashboard.stream import find_blocks
    lines = [" ".join(MONTHS + MONTHS[cut] + MONTHS),
             "M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES) + " M3 " + " ".join(VALUES)]
    blocks = find_blocks(lines)
    assert [b.label.text for b in blocks] == ["M1", "M2", "M3"]
    assert all(align(b, False).verified for b in blocks)
    mid = blocks[1].axis
    assert len(mid.months) == 13 and set(mid.repaired) == set(range(13)) - set(range(13)[cut])


def test_an_axis_cut_at_both_ends_is_not_completed():
    """Neither the window's first nor its last month kept: the labels could be another window's."""
    from recover.dashboard.stream import find_blocks
    lines = [" ".join(MONTHS + MONTHS[2:10] + MONTHS),
             "M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES) + " M3 " + " ".join(VALUES)]
    blocks = find_blocks(lines)
    assert not any(b.label.text == "M2" and align(b, False).verified for b in blocks)


@pytest.mark.parametrize("short", [0, 1])
def test_a_chart_that_lost_a_value_beside_whole_ones_leaves_only_itself_unverified(short):
    """Three charts' values on one line, one of them a value short (OCR lost it), another with junk
    in a value's place: the only cut leaving one group off its count is taken; the whole charts
    are verified, the short one not (which value it lost is not known)."""
    from recover.dashboard.stream import find_blocks
    groups = [list(VALUES), list(VALUES), VALUES[:5] + ["ng"] + VALUES[6:]]
    groups[short] = VALUES[:7] + VALUES[8:]
    lines = [" ".join(MONTHS * 3), " ".join(f"{ref} " + " ".join(g) for ref, g in zip(("M1", "M2", "M3"), groups))]
    blocks = find_blocks(lines)
    assert [b.label.text for b in blocks] == ["M1", "M2", "M3"]
    assert [align(b, False).verified for b in blocks] == [k != short for k in range(3)]
    assert blocks[2].values[5].text == "ng"


@pytest.mark.parametrize("after", ["% change from May-20 % change from Jun-19 12-mnth avg SN ENG region",
                                   "from from 12 me ne SN ENG Ain Ml"])
def test_a_dataset_table_header_with_its_months_is_no_block(after):
    """A table header's months run on into its other columns' words (as OCR reads them): the words
    after the months are not a chart's values."""
    from recover.dashboard.stream import find_blocks
    assert find_blocks(["Ref. Indicator " + " ".join(MONTHS[6:]) + " " + after]) == []


def test_two_charts_that_lost_a_value_leave_the_whole_one_verified():
    """'ux 9 (val 159 ... LAC16 153 ... EHla 86 ...': the first label split by a stray digit, the
    first two charts a value short: the one cut leaving those two groups one value off their count
    still verifies the third."""
    from recover.dashboard.stream import find_blocks
    lines = [" ".join(MONTHS * 3), "ux 9 (val " + " ".join(VALUES[:12]) + " LAC16 " + " ".join(VALUES[1:])
             + " EHla " + " ".join(VALUES)]
    blocks = find_blocks(lines)
    assert [b.label.text for b in blocks][1:] == ["LAC16", "EHla"]
    assert [align(b, False).verified for b in blocks] == [False, False, True]


@pytest.mark.parametrize("refs", [("LAC9 (val)", "LAC16", "EH1a"), ("LAC10 (%)", "LAC11-QL (%)", "NI147")])
def test_titles_side_by_side_on_one_line_each_go_to_their_chart(refs):
    """OCR's line 'LAC9 (val) - Number of ... LAC16 - Number of ...': a ref's bracketed part is part
    of its title, not the start of another."""
    from recover.dashboard.stream import find_blocks
    titles = " ".join(f"{r} - Number of things (LAC) at end of period" for r in refs)
    lines = [titles, " ".join(MONTHS * 3), " ".join(f"{r} " + " ".join(VALUES) for r in refs)]
    blocks = find_blocks(lines)
    assert [b.context.title.split(" - ")[0] for b in blocks] == list(refs)


@pytest.mark.parametrize("before, ref", [("All figures shown as percentages", "M3"), ("SE region Local", "EH3"),
                                         ("England 1278 SE region", "LAC9 (val)")])
def test_a_table_read_cell_by_cell_after_the_box_text_keeps_its_ref(before, ref):
    """pypdf's text of a chart's one-line table: 'M3 Mar-20 25 Apr-20 25 ...', right after the
    benchmarking box's last words: the label is the ref those words end with."""
    from recover.dashboard.stream import find_blocks
    pairs = " ".join(f"{m} {v}" for m, v in zip(MONTHS, VALUES))
    (b,) = find_blocks([f"Benchmarking ({ref})", before, f"{ref} {pairs}"])
    assert b.label.text == ref and [t.text for t in b.values] == VALUES and align(b, False).verified


@pytest.mark.parametrize("where", [0, 1])
def test_a_table_read_cell_by_cell_with_its_label_among_the_first_cells(where):
    """pdftotext: 'Mar-20 1198 M1 Apr-20 1147 ...' or 'Mar-20 M1 1198 ...'."""
    from recover.dashboard.stream import find_blocks
    cells = [w for m, v in zip(MONTHS, VALUES) for w in (m, v)]
    cells.insert(1 + where, "M1")
    (b,) = find_blocks(["M1 - Number of contacts", " ".join(cells)])
    assert b.label.text == "M1" and [t.text for t in b.values] == VALUES and align(b, False).verified


@pytest.mark.parametrize("k", [3, 7])
def test_two_month_labels_before_their_values_is_no_table_read_cell_by_cell(k):
    """'Aug-20 Sep-20 1379 1373': pdftotext does not keep such values in print order, so the
    months of the values are not known."""
    from recover.dashboard.stream import find_blocks
    cells = [w for m, v in zip(MONTHS, VALUES) for w in (m, v)]
    cells[2 * k + 1], cells[2 * k + 2] = cells[2 * k + 2], cells[2 * k + 1]
    assert not any(align(b, False).verified and len(b.axis.months) == 13 for b in find_blocks(["M1 " + " ".join(cells)]))


@pytest.mark.parametrize("finder", ["read_stream", "read_positioned"])
def test_extracted_text_reads_its_dashboards_once(monkeypatch, finder):
    """The reader reads a text's dashboards once (they used to be read a second time to say
    which kinds of text the file holds)."""
    import recover.readers.extracted.dashboard as dash
    from recover.readers.extracted import read_text
    calls = []
    real = getattr(dash, finder)
    monkeypatch.setattr(dash, finder, lambda *a, **k: calls.append(1) or real(*a, **k))
    if finder == "read_stream":
        text = "\n".join(_stream("M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES)))
    else:
        text = "      ".join(MONTHS) + "\n" + "M1  " + "    ".join(f"{v:>6}" for v in VALUES) + "\n" + \
               "      ".join(MONTHS) + "\n" + "M2  " + "    ".join(f"{v:>6}" for v in VALUES)
    grids, _ = read_text(text, "d.txt")
    assert calls == [1] and any(g.kind == "dashboard" for g in grids)


@pytest.mark.parametrize("caption, names", [("Monthly trend, Mar-20 to Mar-21", False),
                                            ("Monthly trend, Jun-19 to Jun-", False),
                                            ("Monthly trend, June 2019 to June 2020", False),
                                            ("Monthly trend, Jun-19 to Jun-20: contacts received", True),
                                            ("Contacts received, monthly trend Mar-20 to Mar-21", True)])
def test_a_caption_naming_only_its_window_is_no_title_of_the_indicator(caption, names):
    """'Monthly trend, Mar-20 to Mar-21' says which months a chart shows, nothing of which
    indicator it is: it is kept in the block's labels, but not as a title to match the register."""
    from recover.dashboard import Context
    labels = dict(Context(caption=caption, caption_window=caption_months(caption)).labels())
    assert ("caption" in labels) == names and ("window" in labels) == (not names)


@pytest.mark.parametrize("caption", [True, False])
def test_part_of_a_table_read_cell_by_cell_is_not_read(caption):
    """pdftotext: 'LAC2 Apr-20 17 May-20 7 ...' with Mar-20's label printed elsewhere, so each value
    sits beside the next month's label: a run of pairs shorter than the chart's window (its caption's,
    or 13 months) gives no block; the whole window does."""
    from recover.dashboard.stream import find_blocks
    head = ["Monthly trend, Jun-19 to Jun-20", "LAC2 - Number of new Looked after Children"] if caption else []
    part = " ".join(f"{m} {v}" for m, v in zip(MONTHS[1:11], VALUES))
    whole = " ".join(f"{m} {v}" for m, v in zip(MONTHS, VALUES))
    assert find_blocks(head + ["Benchmarking (LAC2)", f"LAC2 {part}"]) == []
    (b,) = find_blocks(head + ["Benchmarking (LAC2)", f"LAC2 {whole}"])
    assert b.label.text == "LAC2" and align(b, False).verified


@pytest.mark.parametrize("line, before", [
    ("LAC11-QL (% 97 99 97- 96 97 97 96 97 96 94 94 96", ["97", "99", "97"]),   # pdfplumber, LibreOffice chart
    ("M1 " + " ".join(VALUES[:6]) + f" {VALUES[6]}- " + " ".join(VALUES[8:]), VALUES[:7])])
def test_a_value_glued_to_the_dash_of_the_missing_month_after_it_is_two_cells(line, before):
    """Narrow cells leave no gap between a value and the dash printed for the next month: the two
    are read as one word ('97-'), so the chart would look a value short."""
    from recover.dashboard.stream import find_blocks
    (b,) = find_blocks([" ".join(MONTHS), line])
    al = align(b, False)
    assert al.verified and len(b.values) == 13
    assert [c.text for c in al.cells[:len(before) + 1]] == [*before, "-"]


@pytest.mark.parametrize("after", ["This page is intentionally left blank", "CHILDREN AND FAMILIES GLOSSARY"])
def test_words_on_the_line_after_the_last_chart_s_values_are_not_its_values(after):
    """The last chart of a row lost a value: the text after its value line is no junk in a value's
    place that would make it look whole (its values would all move a month)."""
    from recover.dashboard.stream import find_blocks
    line = "M1 " + " ".join(VALUES) + " M2 " + " ".join(VALUES[:5] + VALUES[6:])
    blocks = find_blocks([" ".join(MONTHS * 2), line, after])
    assert [b.label.text for b in blocks] == ["M1", "M2"]
    assert [align(b, False).verified for b in blocks] == [True, False]
    assert not any(t.text in after.split() for t in blocks[1].values)


# pdftotext -layout lays out each line on its own: value lines that drift off their month labels
_LAYOUT_LO = [  # two LibreOffice charts side by side (the 2021-06 pack's page 12)
    "                Jun-20    Jul-20       Aug-20 Sep-20   Oct-20 Nov-20 Dec-20   Jan-21   Feb-21 Mar-21 Apr-21 May-21 Jun-21"
    "                             Jun-20    Jul-20       Aug-20 Sep-20   Oct-20 Nov-20 Dec-20   Jan-21   Feb-21 Mar-21 Apr-21"
    " May-21 Jun-21",
    "",
    "LAC2                  4            1        5      6       4      14     14       15      13          6           8      15"
    "     15    LAC3                 12            9       14     10      10      13     18       17      21        17       "
    "     15     6     13"]
_LAYOUT_DASH_FIRST = [  # a chart whose first month printed '-' (the 2020-09 pack's page 10)
    "                    Sep-19   Oct-19     Nov-19   Dec-19   Jan-20   Feb-20   Mar-20   Apr-20   May-20    Jun-20      Jul-20"
    "     Aug-20   Sep-20",
    "",
    "EH3             -                 549      479      379      407      325      342      259      207        213          230"
    "      285      287"]


@pytest.mark.parametrize("lines, want", [
    (_LAYOUT_LO, {"LAC2": "4 1 5 6 4 14 14 15 13 6 8 15 15", "LAC3": "12 9 14 10 10 13 18 17 21 17 15 6 13"}),
    (_LAYOUT_DASH_FIRST, {"EH3": "- 549 479 379 407 325 342 259 207 213 230 285 287"})])
def test_layout_text_values_that_drift_off_their_labels_are_placed_by_count(lines, want):
    """One value per month in order, ended by the next chart's label or the line's end: each under
    its month, whatever columns pdftotext gave them."""
    from recover.readers.extracted.dashboard import read_dashboards
    grids, _ = read_dashboards("\n".join(lines), "p.txt", layout=True)
    got = {g.rows()[1][0].text: " ".join(c.text for c in g.rows()[1][1:]) for g in grids}
    assert got == want
    assert all(g.meta.row_note(1) == "count" for g in grids)


@pytest.mark.parametrize("change", ["blank", "goes on"])
def test_layout_text_a_value_line_not_one_value_per_month_is_not_placed_by_count(change):
    """A chart with a month that printed nothing, or a dataset row going on with % changes and
    averages: not one value per month, so nothing is placed by count (the blank is left to the
    positions; the dataset row is no chart)."""
    from recover.readers.extracted.dashboard import read_dashboards
    axis, blank, values = _LAYOUT_DASH_FIRST
    values = values.replace(" 479 ", "     ") if change == "blank" else values + "    -4%    310.5    549"
    grids, _ = read_dashboards("\n".join([axis, blank, values]), "p.txt", layout=True)
    assert not any(g.meta.row_note(1) == "count" for g in grids)
    assert len(grids) == (change == "blank")


def test_of_two_titles_the_one_naming_the_chart_s_legend_is_its_title():
    """pdftotext -layout put the next chart's title inside this chart's columns, closer to it than
    its own: the legend 'Benchmarking (EH2)' says which is this chart's."""
    lines = ["EH2 - Number of Children In Need (CiN) at end of period (all open cases)",
             "EH3 - Number of Single Assessments (SA) completed", "EH2", "Average", "Benchmarking (EH2)"]
    assert read_context(lines).title.startswith("EH2 - ")
    assert read_context(lines[:2]).title.startswith("EH3 - ")       # no legend: the closest title
