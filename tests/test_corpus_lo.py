"""The LibreOffice renderer: the committed sample PDFs (tests/data/lo/, made by corpus/make.py from an
openpyxl workbook and `soffice --convert-to pdf`) print exactly what golden/printed_lo.csv says, where
it says, and come apart under pdfminer the way LibreOffice exports do. No LibreOffice is needed here."""
from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))

from gen import plan  # noqa: E402
from gen.content import PUA_SIMILAR, build_pack  # noqa: E402
from gen.lo import layout_lo_pack  # noqa: E402
from gen.sheet import as_cell_value  # noqa: E402
from gen.truth import Truth  # noqa: E402
from tests.pdfs import text_in_boxes  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "lo"


def golden(name: str) -> list[dict]:
    with open(ROOT / "golden" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def printed_lo():
    by_src = defaultdict(list)
    for r in golden("printed_lo.csv"):
        by_src[r["source"]].append(r)
    return by_src


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


def test_samples_cover_three_eras_and_are_in_the_plan(printed_lo):
    from gen.common import era
    packs = set()
    for p in sample_pdfs():
        rows = printed_lo[p.name]
        assert rows, p.name
        packs.add(rows[0]["pack"])
        assert (rows[0]["pack"], rows[0]["variant"]) in set(plan.full_plan())
    assert {era(p) for p in packs} == {1, 2, 3}


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.name)
def test_every_month_cell_is_printed_in_its_computed_box(pdf, printed_lo):
    """The boxes come from the sheet geometry (corpus/gen/sheet.py), not from the PDF: this is the
    check that LibreOffice printed each cell there, with exactly the golden text."""
    pytest.importorskip("pypdfium2")
    rows = printed_lo[pdf.name]
    assert len(rows) > 300
    for r, got in text_in_boxes(pdf, rows):
        assert got.strip() == r["printed"], (pdf.name, r)


@pytest.mark.parametrize("pdf", sample_pdfs(), ids=lambda p: p.name)
def test_page_kinds_match_the_pdf(pdf):
    pdfium = pytest.importorskip("pypdfium2")
    pages = [p for p in golden("pages_lo.csv") if p["source"] == pdf.name]
    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) == len(pages)
    for p in pages:
        text = doc[int(p["page"]) - 1].get_textpage().get_text_bounded()
        assert ("Indicator" in text and "Ref." in text) == (p["kind"] == "table"), p
    doc.close()


def test_libreoffice_output_comes_apart_under_pdfminer_as_exports_do():
    """pdfminer's default output of a LibreOffice page: rotated names as single reversed letters,
    the Ref/Indicator columns as one block before any month value, then the values row by row."""
    from pdfminer.high_level import extract_text
    pdf = SAMPLES / "agenda_2019-12-12_lo-ruled.pdf"
    text = extract_text(str(pdf), page_numbers=[3])
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    rows = [r for r in golden("rows_printed_lo.csv") if r["source"] == pdf.name and r["page"] == "4"]
    reporter = rows[0]["reporter"].replace(" ", "")
    singles = "".join(ln for ln in lines if len(ln) == 1)
    # last letter first; pdfminer may swap two neighbouring glyphs, so compare letters per window
    n = len(reporter)
    assert any(Counter(singles[i:i + n]) == Counter(reporter) and singles[i] == reporter[-1]
               for i in range(len(singles) - n + 1))
    assert reporter not in text.replace(" ", "")
    cells = [r for r in golden("printed_lo.csv") if r["source"] == pdf.name and r["page"] == "4"]
    first_values = [r["printed"] for r in cells if r["ref"] == rows[0]["ref"] and r["printed"]]
    start = lines.index(first_values[0])
    assert lines[start:start + len(first_values)] == first_values          # one row's months in order
    last_ref = max(lines.index(r["ref_printed"]) for r in rows if r["ref_printed"] in lines)
    assert last_ref < start


def test_the_wingdings_arrow_survives_as_the_private_use_character():
    pytest.importorskip("pypdfium2")
    from pdfminer.high_level import extract_text
    pdf = SAMPLES / "agenda_2020-02-20_lo-nolines.pdf"
    assert build_pack(Truth(), "2020-01").arrows["similar"] == PUA_SIMILAR
    assert PUA_SIMILAR in extract_text(str(pdf), page_numbers=[3])


def test_stacked_names_break_between_letters_like_seed_001():
    from pdfminer.high_level import extract_text
    pdf = SAMPLES / "agenda_2018-12-06_lo-stacked.pdf"
    text = extract_text(str(pdf), page_numbers=[3])
    rows = [r for r in golden("rows_printed_lo.csv") if r["source"] == pdf.name and r["page"] == "4"]
    owner = rows[0]["owner"]
    assert owner not in text
    frags = [ln for ln in text.splitlines() if 1 <= len(ln.strip()) <= 4]
    assert owner.replace(" ", "") in "".join(f.strip() for f in frags)


def test_number_formats_reproduce_the_printed_text():
    for printed in ("1297", "1,576", "29.58", "19.1%", "19%", "0%", "0.0%", "100%"):
        value, fmt = as_cell_value(printed)
        assert not isinstance(value, str), printed
        if fmt.endswith("%"):
            nd = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
            assert f"{value * 100:.{nd}f}%" == printed
        elif fmt == "#,##0":
            assert f"{value:,}" == printed
        else:
            nd = len(fmt.split(".")[1]) if "." in fmt else 0
            assert f"{value:.{nd}f}" == printed
    for text in ("-", "tbc", "- n/a", "\u2191 20%", PUA_SIMILAR + " -3%"):
        assert as_cell_value(text) == (text, None)


def test_golden_lo_rows_are_current():
    """golden/printed_lo.csv is the layout's own record (regenerate with make.py --golden)."""
    import make
    t = Truth()
    rows = golden("printed_lo.csv")
    for pack, variant in [("2019-11", "lo-ruled"), ("2018-11", "lo-stacked")]:
        pages = layout_lo_pack(build_pack(t, pack), variant[3:])
        cells, _, _ = make.records("full", pack, variant, pages)
        want = [[str(x) for x in c] for c in cells]
        got = [[r[k] for k in make.PRINTED_COLS] for r in rows if r["pack"] == pack and r["variant"] == variant]
        assert got == want and len(got) > 300
