"""The extraction test bed: the committed samples (tests/data/extracted/, written by corpus/extract.py
from corpus packs of both renderers) are what each tool gives for a named source PDF, so
golden/printed*.csv is their truth; and the bench's 'intact' measure counts what it says."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus"))

import extract  # noqa: E402
from bench.measure import golden_printed, intact, ocr_page_texts, tokens  # noqa: E402

SAMPLES = ROOT / "tests" / "data" / "extracted"


def sources() -> list[dict]:
    with open(SAMPLES / ".meta" / "sources.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def printed():
    return golden_printed()


def test_every_tool_has_samples_of_both_renderers():
    by_tool = defaultdict(set)
    for s in sources():
        assert (SAMPLES / s["file"]).exists(), s["file"]
        assert s["file"] == extract.out_name(s["source"], s["tool"])
        by_tool[s["tool"]].add(s["renderer"])
    assert set(by_tool) == set(extract.TOOLS)
    for tool, renderers in by_tool.items():
        assert renderers == {"reportlab", "libreoffice"}, tool


def _overlap(text_tokens: Counter, cells: list[dict]) -> int:
    want = Counter(c["printed"] for c in cells)
    return sum(min(n, text_tokens.get(v, 0)) for v, n in want.items())


@pytest.mark.parametrize("tool", extract.TOOLS)
def test_samples_hold_their_source_pdfs_printed_values(tool, printed):
    """Each sample is the text of the PDF it names: the source's printed table values are there
    as tokens (a text layer keeps them whole; OCR damages some, more on turned 200 dpi pages), and
    more of them than of any other pack's."""
    mine = [s for s in sources() if s["tool"] == tool]
    table = {s["source"]: [c for c in printed[s["source"]] if c["kind"] == "table" and c["printed"]]
             for s in sources()}
    pack = {s["source"]: s["pack"] for s in sources()}
    for s in mine:
        cells = table[s["source"]]
        assert len(cells) > 300, s["source"]
        have = tokens((SAMPLES / s["file"]).read_text(encoding="utf-8"))
        found = _overlap(have, cells)
        floor = 0.4 if tool.startswith("tesseract") else 0.97
        assert found >= floor * len(cells), (s["file"], found, len(cells))
        others = [_overlap(have, c) / len(c) for src, c in table.items() if pack[src] != s["pack"]]
        assert found / len(cells) > max(others), s["file"]


def _versions() -> dict[str, str]:
    with open(SAMPLES / ".meta" / "tools.csv", newline="", encoding="utf-8") as f:
        return {r["tool"]: r["version"] for r in csv.DictReader(f)}


@pytest.mark.parametrize("tool", ["pdftotext-layout", "pdftotext", "pdftotext-raw"])
def test_poppler_samples_are_reproducible(tool):
    """With the poppler that made them, the committed PDFs extract to the committed text."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    p = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    if (p.stdout + p.stderr).splitlines()[0].strip() != _versions()["pdftotext"]:
        pytest.skip("another poppler version")
    committed = {"agenda_2019-12-12_lo-ruled.pdf": ROOT / "tests" / "data" / "lo",
                 "agenda_2020-07-16_text.pdf": ROOT / "corpus" / "demo"}
    checked = 0
    for s in sources():
        if s["tool"] == tool and s["source"] in committed:
            got = extract.TEXT_FN[tool](str(committed[s["source"]] / s["source"]))
            assert got == (SAMPLES / s["file"]).read_text(encoding="utf-8")
            checked += 1
    assert checked == 2


def test_ocr_samples_keep_page_numbers():
    for s in sources():
        if s["tool"] == "tesseract-tsv":
            header = (SAMPLES / s["file"]).read_text(encoding="utf-8").splitlines()[0].split("\t")
            assert header[:2] == ["level", "page_num"] and header[-1] == "text"
            texts = ocr_page_texts(SAMPLES / s["file"], [])
            assert len(texts) >= 3 and min(texts) > 3          # dataset pages follow the prose pages


def test_intact_counts_whole_tokens_with_multiplicity():
    cells = [{"page": "4", "printed": "12"}] * 5 + [{"page": "4", "printed": "1,576"},
                                                     {"page": "4", "printed": "19%"}]
    text = {4: "M1 | 12 12 |12| 112 1,576 19 % tbc"}
    exact = {4: Counter({"12": 2, "1,576": 1})}
    assert intact(cells, text, exact) == (4, 3)        # three '12' and '1,576' intact; '19%' split
    assert tokens("‘12’ (3) |4|") == Counter({"12": 1, "3": 1, "4": 1})


def test_ocr_choice_covers_eras_looks_and_dashboards():
    pages = defaultdict(list)
    for r in csv.DictReader(open(ROOT / "golden" / "pages.csv", encoding="utf-8", newline="")):
        if r["set"] == "full":
            pages[r["source"]].append(r)
    chosen = extract.ocr_choice(pages)
    from gen.common import era
    for layer in ("scan300", "scan200"):
        mine = [s for s in chosen if pages[s][0]["variant"].endswith(layer)]
        assert 4 <= len(mine) <= 6
        assert {era(pages[s][0]["pack"]) for s in mine} == {1, 2, 3}
        assert any(q["kind"] == "dashboard" for s in mine for q in pages[s])


def test_a_run_of_some_tools_keeps_the_others_in_the_source_map(tmp_path):
    (tmp_path / "pypdf").mkdir()
    (tmp_path / "pypdf" / "a.pypdf.txt").write_text("x")
    meta = tmp_path / "sources.csv"
    meta.write_text("file,tool,source\npypdf/a.pypdf.txt,pypdf,a.pdf\npypdf/gone.pypdf.txt,pypdf,gone.pdf\n"
                    "tesseract-psm6/b.tesseract-psm6.txt,tesseract-psm6,b.pdf\n")
    new = [["tesseract-psm6/b.tesseract-psm6.txt", "tesseract-psm6", "b.pdf"]]
    assert extract.merge_sources(meta, tmp_path, new) == [
        ["pypdf/a.pypdf.txt", "pypdf", "a.pdf"], ["tesseract-psm6/b.tesseract-psm6.txt", "tesseract-psm6", "b.pdf"]]
