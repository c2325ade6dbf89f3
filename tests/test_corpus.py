"""The synthetic corpus is exact: what the PDFs print is what golden/ says, and golden/ is the truth.

These tests read the committed demo PDFs and golden files, and re-render single pages in memory;
they do not need corpus/full.
"""
from __future__ import annotations

import csv
import gzip
import io
import sys
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))

from gen import plan  # noqa: E402
from gen.common import MONTHS, PACKS  # noqa: E402
from gen.content import build_pack  # noqa: E402
from gen.render import layout_pack, to_pdf  # noqa: E402
from gen.truth import Truth  # noqa: E402
from tests.pdfs import text_in_boxes  # noqa: E402

GOLDEN = ROOT / "golden"
DEMO = ROOT / "corpus" / "demo"


def read_csv(name: str) -> list[dict]:
    path = GOLDEN / name
    if not path.exists() and (GOLDEN / (name + ".gz")).exists():
        with gzip.open(GOLDEN / (name + ".gz"), "rt", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def truth_rows():
    return {(r["ref"], r["month"]): r for r in read_csv("truth.csv")}


@pytest.fixture(scope="module")
def revisions():
    return {(r["ref"], r["month"]): r for r in read_csv("truth_revisions.csv")}


@pytest.fixture(scope="module")
def printed():
    return read_csv("printed.csv")


@pytest.fixture(scope="module")
def truth_model():
    return Truth()


def at_precision(value: str, like: str) -> str:
    nd = len(like.split(".")[1]) if "." in like else 0
    return str(Decimal(value).quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP))


def test_truth_covers_every_indicator_and_month(truth_rows):
    with open(ROOT / "recover" / "register" / "indicators.csv", encoding="utf-8", newline="") as f:
        reg = list(csv.DictReader(f))
    assert len(truth_rows) == len(reg) * len(MONTHS)
    for ind in reg:
        for m in MONTHS:
            t = truth_rows[(ind["ref"], m)]
            if t["status"] == "missing":
                assert t["value"] == "" and t["marker"] in ("-", "tbc", "")
                continue
            v = float(t["value"])
            if ind["unit"] == "percent":
                assert 0.0 <= v <= 100.0 and len(t["value"].split(".")[1]) == 1
            else:
                assert v == int(v) and v >= 0


def test_truth_holds_the_real_seed_values_exactly(truth_rows):
    with open(GOLDEN / "real" / "cells.csv", encoding="utf-8", newline="") as f:
        real = list(csv.DictReader(f))
    assert len(real) > 2000
    for r in real:
        t = truth_rows[(r["ref"], r["month"])]
        if r["status"] == "ok":
            assert t["status"] == "ok" and float(t["value"]) == float(r["value"]), r
        elif r["status"] == "missing":
            assert t["status"] == "missing", r


def test_revisions_are_rare_and_change_what_is_printed(truth_rows, revisions):
    ok = sum(1 for t in truth_rows.values() if t["status"] == "ok")
    assert 0.01 * ok < len(revisions) < 0.04 * ok
    for (ref, m), rv in revisions.items():
        assert truth_rows[(ref, m)]["value"] == rv["final_value"]
        assert m <= rv["last_provisional_pack"] <= PACKS[-1]
        assert at_precision(rv["provisional_value"], "1") != at_precision(rv["final_value"], "1") or \
            rv["provisional_value"] != rv["final_value"]


def test_every_printed_value_is_the_truth_the_pack_knew(printed, truth_rows, revisions):
    provisional_seen = 0
    for r in printed:
        t = truth_rows[(r["ref"], r["month"])]
        if r["status"] == "missing":
            assert t["status"] == "missing" and r["printed"] == t["marker"] and r["value"] == "", r
            continue
        expected = t["value"]
        rv = revisions.get((r["ref"], r["month"]))
        if rv and r["pack"] <= rv["last_provisional_pack"]:
            expected = rv["provisional_value"]
            provisional_seen += 1
        assert t["status"] == "ok" and at_precision(expected, r["value"]) == r["value"], r
        assert r["printed"].replace("%", "") == r["value"], r
    assert provisional_seen > 20


def test_demo_rows_are_identifiable_and_cover_the_demo_plan(printed):
    demo = {(r["pack"], r["variant"]) for r in printed if r["set"] == "demo"}
    assert demo == set(plan.demo_plan())
    kinds = {r["kind"] for r in printed if r["set"] == "demo"}
    assert kinds == {"table", "dashboard"}


def _demo_text_sources(printed) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for r in printed:
        if r["set"] == "demo" and r["variant"] == "text":
            out[r["source"]].append(r)
    return out


def test_demo_text_layer_prints_exactly_what_golden_says(printed):
    pytest.importorskip("pypdfium2")
    sources = _demo_text_sources(printed)
    assert sources
    checked = 0
    for src, rows in sources.items():
        for r, got in text_in_boxes(DEMO / src, rows):
            assert got.strip() == r["printed"], (src, r)
            checked += 1
    assert checked > 500


def test_demo_pdfs_match_their_manifest_and_layers(printed):
    pdfium = pytest.importorskip("pypdfium2")
    pages = [p for p in read_csv("pages.csv") if p["set"] == "demo"]
    by_src = defaultdict(list)
    for p in pages:
        by_src[p["source"]].append(p)
    assert set(by_src) == {plan.file_name(p, v) for p, v in plan.demo_plan()}
    for src, plist in by_src.items():
        doc = pdfium.PdfDocument(str(DEMO / src))
        assert len(doc) == len(plist)
        for p in plist[:6] + plist[-2:]:
            page = doc[int(p["page"]) - 1]
            n_chars = page.get_textpage().count_chars()
            assert (n_chars > 0) == (p["layer"] == "text"), (src, p)
            w, h = page.get_size()
            if p["rotated"] == "1":
                assert abs(w - float(p["height"])) < 1 and abs(h - float(p["width"])) < 1
        doc.close()


def _one_table_page_pdf(truth_model, pack: str) -> tuple[bytes, object]:
    pages = layout_pack(build_pack(truth_model, pack))
    page = next(p for p in pages if p.kind == "table")
    return to_pdf([page], "t"), page


@pytest.mark.parametrize("style_pack", ["chunk", "glyph"])
def test_rotated_names_come_apart_under_pdfminer(truth_model, style_pack):
    from pdfminer.high_level import extract_text

    pack = next(p for p in ("2021-07", "2021-08") if build_pack(truth_model, p).name_style == style_pack)
    pdf, page = _one_table_page_pdf(truth_model, pack)
    text = extract_text(io.BytesIO(pdf))
    lines = [ln for ln in text.split("\n") if ln != ""]
    names = {r.owner for r in page.rows} | {r.reporter for r in page.rows}
    for name in names:
        assert name not in text                                   # never whole
    # the names dissolve into short fragments, as in seed 001
    short = [ln for ln in lines if 1 <= len(ln.strip()) <= 3]
    assert len(short) > 100
    owner = page.rows[0].owner
    if style_pack == "chunk":
        # 2-3 letter runs in reading order, one per line: 'Ju' 'lia' 'n ' 'W' ...
        frags = [ln for ln in lines if len(ln) <= 3]
        joined = "".join(frags)
        assert owner.replace(" ", "") in joined.replace(" ", "")
        assert any(len(f.strip()) >= 2 for f in frags)
    else:
        # mostly one glyph per line, last letter first (LibreOffice-like); pdfminer joins the odd
        # narrow pair, so compare letters, not exact order
        frags = [ln.strip() for ln in lines if 1 <= len(ln.strip()) <= 2]
        singles = [f for f in frags if len(f) == 1]
        assert len(singles) > 0.8 * len(frags)
        stream = "".join(frags)
        rev = "".join(ch for ch in reversed(owner) if ch != " ")
        start = stream.find(rev[:2])
        assert start >= 0
        assert Counter(stream[start:start + len(rev) + 2]) >= Counter(rev) - Counter({c: 1 for c in rev})


def test_rendering_is_deterministic(truth_model):
    a_pages = layout_pack(build_pack(truth_model, "2019-06"))
    b_pages = layout_pack(build_pack(Truth(), "2019-06"))
    assert [p.cells for p in a_pages] == [p.cells for p in b_pages]
    assert [p.rows for p in a_pages] == [p.rows for p in b_pages]
    assert to_pdf(a_pages[3:5], "x") == to_pdf(b_pages[3:5], "x")


def test_golden_printed_is_current_for_the_demo_set(truth_model, printed):
    """golden/printed.csv must be regenerated when the generator changes (make.py --golden)."""
    sys.path.insert(0, str(ROOT / "corpus"))
    import make

    for pack, variant in plan.demo_plan():
        pages = layout_pack(build_pack(truth_model, pack))
        cells, _, _ = make.records("demo", pack, variant, pages)
        want = [[str(x) for x in c] for c in cells]
        got = [[r[k] for k in make.PRINTED_COLS] for r in printed
               if r["set"] == "demo" and r["pack"] == pack and r["variant"] == variant]
        assert got == want


# --- the other looks of the reportlab renderer ------------------------------------------------

def _look_page(truth_model, pack: str, look: str):
    pages = layout_pack(build_pack(truth_model, pack), look)
    k = next(i for i, p in enumerate(pages) if p.kind == "table")
    return to_pdf([pages[k]], "t"), pages[k]


def _text_at(pdf: bytes, cells) -> list[tuple[str, str]]:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    tp, h = page.get_textpage(), page.get_height()
    out = []
    for c in cells:
        x0, y0, x1, y1 = c.box
        got = tp.get_text_bounded(left=x0 + 0.3, bottom=h - y1 + 0.3, right=x1 - 0.3, top=h - y0 - 0.3)
        out.append((got.strip(), c.printed))
    doc.close()
    return out


def test_every_look_is_planned_on_two_packs_per_layer_and_eras_differ():
    from gen.common import era
    from gen.variants import NEW_LOOKS, name_of
    items = set(plan.full_plan())
    for look in NEW_LOOKS:
        for layer in ("text", "scan300", "scan200"):
            packs = [p for p, v in items if v == name_of("reportlab", look, layer)]
            assert len(packs) >= 2, (look, layer)
            assert len({era(p) for p in packs}) >= 2, (look, layer)


@pytest.mark.parametrize("look", ["nolines", "hairline", "partial", "fills", "fills-nolines", "stacked",
                                  "stacked-hairline"])
def test_each_look_prints_exactly_the_truth_in_its_boxes(truth_model, look):
    pack = "2021-08" if look < "o" else "2019-06"
    pdf, page = _look_page(truth_model, pack, look)
    pairs = _text_at(pdf, page.cells)
    assert len(pairs) >= 7 * 11
    assert all(got == want for got, want in pairs), [p for p in pairs if p[0] != p[1]][:5]


def _paths(pdf: bytes):
    """(stroked line widths, stroke greys, fill colours) of every path on the page."""
    pdfium = pytest.importorskip("pypdfium2")
    import pypdfium2.raw as raw
    doc = pdfium.PdfDocument(pdf)
    widths, fills = [], []
    for obj in doc[0].get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        w = raw.FS_FLOAT(0)
        raw.FPDFPageObj_GetStrokeWidth(obj.raw, w)
        r, g, b, a = (raw.c_uint(0) for _ in range(4))
        raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
        fm, st = raw.c_int(0), raw.FPDF_BOOL(0)
        raw.FPDFPath_GetDrawMode(obj.raw, fm, st)
        if st.value:
            sr, sg, sb, sa = (raw.c_uint(0) for _ in range(4))
            raw.FPDFPageObj_GetStrokeColor(obj.raw, sr, sg, sb, sa)
            widths.append((round(w.value, 3), sr.value))
        if fm.value:
            fills.append((r.value, g.value, b.value))
    doc.close()
    return widths, fills


def test_looks_draw_the_rules_they_claim(truth_model):
    ruled, _ = _paths(_look_page(truth_model, "2020-04", "ruled")[0])
    assert len(ruled) > 200 and {w for w, _ in ruled} == {0.5}
    none, _ = _paths(_look_page(truth_model, "2020-04", "nolines")[0])
    assert none == []
    hair, _ = _paths(_look_page(truth_model, "2020-04", "hairline")[0])
    assert len(hair) > 4 * 200 and all(w <= 0.25 and grey >= 100 for w, grey in hair)
    partial, _ = _paths(_look_page(truth_model, "2020-04", "partial")[0])     # one path per edge, as hairline
    assert 0 < len(partial) < 0.8 * len(hair)


def test_fills_colour_the_qualitative_cells(truth_model):
    _, fills = _paths(_look_page(truth_model, "2021-08", "fills")[0])
    coloured = [f for f in fills if len(set(f)) > 1]          # not a grey
    assert len(coloured) >= 3 * 10                             # latest month + two % changes per row


def test_stacked_names_are_upright_chunks_in_narrow_columns(truth_model):
    pdfium = pytest.importorskip("pypdfium2")
    pdf, page = _look_page(truth_model, "2021-08", "stacked")
    doc = pdfium.PdfDocument(pdf)
    text = doc[0].get_textpage().get_text_bounded()
    doc.close()
    lines = [ln.strip() for ln in text.splitlines()]
    owner = page.rows[0].owner
    assert owner not in text
    # the owner's name comes back in 2-4 letter pieces, each its own line of the page
    pieces, rest = [], owner.replace(" ", "")
    for ln in lines:
        if rest and ln and rest.startswith(ln.replace(" ", "")) and len(ln) <= 4:
            pieces.append(ln)
            rest = rest[len(ln.replace(" ", "")):]
    assert rest == "" and len(pieces) >= 4 and all(1 <= len(p) <= 4 for p in pieces)


def test_golden_printed_is_current_for_the_looks(truth_model, printed):
    import make
    from gen.variants import NEW_LOOKS, name_of
    for look in NEW_LOOKS[:3]:
        pack = plan.look_packs("reportlab", look)["text"][0]
        variant = name_of("reportlab", look, "text")
        cells, _, _ = make.records("full", pack, variant, layout_pack(build_pack(truth_model, pack), look))
        want = [[str(x) for x in c] for c in cells]
        got = [[r[k] for k in make.PRINTED_COLS] for r in printed
               if r["set"] == "full" and r["pack"] == pack and r["variant"] == variant]
        assert got == want and len(got) > 300


@pytest.mark.parametrize("name", ["printed_lo.csv", "holdout/printed.csv"])
def test_other_renderers_and_the_holdout_print_the_truth(name, truth_rows, revisions):
    rows = read_csv(name)
    assert len(rows) > 5000
    for r in rows:
        t = truth_rows[(r["ref"], r["month"])]
        if r["status"] == "missing":
            assert t["status"] == "missing" and r["printed"] == t["marker"] and r["value"] == "", r
            continue
        rv = revisions.get((r["ref"], r["month"]))
        expected = rv["provisional_value"] if rv and r["pack"] <= rv["last_provisional_pack"] else t["value"]
        assert at_precision(expected, r["value"]) == r["value"] and r["printed"].replace("%", "") == r["value"], r
