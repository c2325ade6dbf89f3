"""Digit slips in OCR'd text (tesseract's plain text and TSV of corpus scans of both renderers):
a confused digit that keeps the value's size ('24' for '21', '16' for '76') hides from the checks
that only bound a row (an average, a maximum), so such a check vouches for a month only when it
rules out every one-digit slip of it, and a value one slip away from its row's range is doubted.
Real tesseract output (tests/data/extracted/tesseract-*) read through the whole pipeline, scored
against the cells the PDFs printed (golden/printed*.csv)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from recover.pipeline import Settings, open_all, read_sources
from recover.reconcile.confidence import OK_AT
from recover.register import load_register
from tests.test_ocr_text_refs import printed

ROOT = Path(__file__).resolve().parents[1]
EXTRACTED = ROOT / "tests" / "data" / "extracted"
OCR_SAMPLES = sorted(p for tool in ("tesseract-psm3", "tesseract-psm6", "tesseract-tsv")
                     for p in (EXTRACTED / tool).iterdir())


@lru_cache(maxsize=None)
def observations() -> dict[str, list]:
    """{sample file name: its observations}, every OCR sample read together."""
    sources, errors = open_all([str(p) for p in OCR_SAMPLES])
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), load_register())
    assert not errors and not errs
    return {p.source: p.observations for p in packs}


def _gold(name: str) -> dict[tuple[str, str], str]:
    return printed(name.split(".")[0] + ".pdf")


def _cell(tool: str, stem: str, ref: str, month: str):
    name = next(p.name for p in OCR_SAMPLES if p.parent.name == tool and p.name.startswith(stem + "."))
    got = [o for o in observations()[name] if o.ref == ref and o.month == month]
    assert len(got) == 1, (name, ref, month, got)
    return got[0], _gold(name)[(ref, month)]


def test_no_wrong_value_read_from_ocr_text_is_sure():
    """Over every OCR sample: a value that is not the printed one is never sure (it may be ok
    below sure, which puts it to review in the series unless another pack agrees)."""
    for name, obs in observations().items():
        gold = _gold(name)
        wrong = [(o.ref, o.month, o.raw, o.confidence) for o in obs
                 if o.ref and (o.ref, o.month) in gold and o.raw != gold[(o.ref, o.month)]
                 and o.confidence >= OK_AT]
        assert not wrong, (name, wrong)


@pytest.mark.parametrize("tool", ["tesseract-psm3", "tesseract-psm6", "tesseract-tsv"])
def test_a_slip_inside_the_rows_average_is_not_vouched_for_by_it(tool):
    """CP7 printed 21 for Feb-19; tesseract read 24 in every mode. The 12-month average holds
    either way (rounded, one month moves it a quarter), so it cannot pin the month: the read is
    not sure (plain text) or unreadable (TSV, whose word confidences the checks lean on)."""
    o, printed_text = _cell(tool, "agenda_2019-12-12_lo-ruled-scan300", "CP7", "2019-02")
    assert o.raw != printed_text
    assert o.confidence < OK_AT
    if tool == "tesseract-tsv":
        assert o.status == "unreadable"


@pytest.mark.parametrize("tool,stem,ref,month", [
    ("tesseract-psm3", "agenda_2019-12-12_lo-ruled-scan300", "CP1-NI", "2019-10"),   # '24' for '21'
    ("tesseract-tsv", "agenda_2019-12-12_lo-ruled-scan300", "CP1-NI", "2019-10"),
    ("tesseract-psm6", "agenda_2021-02-11_scan200", "CP6B-NI", "2020-10"),           # '16' for '76'
    ("tesseract-tsv", "agenda_2021-02-11_scan200", "CP6B-NI", "2020-10"),
])
def test_a_misread_month_the_checks_or_its_row_single_out_is_unreadable(tool, stem, ref, month):
    """The one month that explains every failing check of its row, or that one slip brings back
    into its row's range, is unreadable; both renderers' scans, plain text and TSV."""
    o, printed_text = _cell(tool, stem, ref, month)
    assert o.raw != printed_text
    assert o.status == "unreadable"
