"""Rows of text that drops blank cells, placed on their months by what other packs print.

tests/data/blank-cells/ holds corpus extractions (corpus/extract.py) of consecutive packs by two
reading-order tools: pypdf of reportlab packs and pdftotext -raw of LibreOffice packs (one
reportlab pack among them). The text keeps a row's values and drops its blanks, so the row's own
arithmetic cannot say where the blanks were.
- late-start/: in the earliest pack of each set EH14b and CIN5 print values only from Jul-18 (4 to
  8 blank months first); in the others M5 prints May-19 blank. Other packs pin those months.
- quarterly/: FM011 and FM012 print one value a quarter, 0 or 1 in each pack's 7 months, and no
  pack pins any of them: only the packs together do.
The truth is the source PDFs' printed cells (golden/printed*.csv)."""
from __future__ import annotations

from pathlib import Path

import pytest

from recover.identify.placing import NEAR_BEST, Placing, place
from recover.model import Observation
from recover.pipeline import Settings, open_all, read_sources
from recover.register import load_register
from tests.golden_views import printed_by_source

DATA = Path(__file__).resolve().parent / "data" / "blank-cells"
LATE = DATA / "late-start"
QUARTERLY = DATA / "quarterly"
SETS = {"pypdf": "agenda_2019-04-25_text", "pdftotext-raw": "agenda_2018-12-06_lo-stacked"}
REFS = ("EH14b", "CIN5", "M5", "FM011", "FM012")


def read(files: list[Path]):
    sources, errors = open_all([str(f) for f in files])
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), load_register())
    assert not errors and not errs
    return packs


def score(pack, printed) -> tuple[int, int, int, list]:
    """(cells of REFS printed, exact, wrong with status ok, the observations of the cells missed)."""
    source = pack.source.split(".")[0] + ".pdf"
    want = {(c["ref"], c["month"]): c for c in printed[source] if c["kind"] == "table" and c["ref"] in REFS}
    got = {(o.ref, o.month): o for o in pack.observations if o.ref in REFS}
    exact = wrong = 0
    missed = []
    for key, c in want.items():
        o = got.get(key)
        right_value = o is not None and (c["status"] != "ok" or (o.value is not None
                                                                  and abs(o.value - float(c["value"])) < 1e-9))
        if o is not None and o.status == c["status"] and right_value:
            exact += 1
        else:
            missed.append((key, c["printed"], o and (o.raw, o.status)))
        wrong += o is not None and o.status == "ok" and not (c["status"] == "ok" and right_value)
    return len(want), exact, wrong, missed


@pytest.fixture(scope="module")
def printed():
    return printed_by_source({f.name.split(".")[0] + ".pdf" for f in DATA.rglob("*.txt")})


@pytest.mark.parametrize("tool", sorted(SETS))
def test_blank_months_are_placed_by_the_other_packs(tool, printed):
    files = sorted((LATE / tool).glob("*.txt"))
    packs = read(files)
    first = next(p for p in packs if p.source.startswith(SETS[tool]))
    n, exact, wrong, missed = score(first, printed)
    assert wrong == 0
    # every cell but a value a later pack revised (left unreadable: the packs disagree)
    assert exact >= n - 1, missed
    placed = [o for o in first.observations if o.ref in ("EH14b", "CIN5") and "by agreement" in o.why]
    assert placed and all(o.confidence < 0.95 for o in placed)       # ok, but below a clean read
    assert {"ok", "missing"} <= {o.status for o in placed}          # values, and the blanks before them
    for p in packs:
        assert score(p, printed)[2] == 0


@pytest.mark.parametrize("tool", sorted(SETS))
def test_alone_the_blank_months_stay_unreadable(tool, printed):
    """Read by itself, the pack has nothing to place its rows by: no month of them is ok."""
    first = read([LATE / tool / f"{SETS[tool]}.{tool}.txt"])[0]
    rows = [o for o in first.observations if o.ref in ("EH14b", "CIN5")]
    assert rows and not any(o.status == "ok" for o in rows)
    assert score(first, printed)[2] == 0


@pytest.mark.parametrize("tool", sorted(SETS))
def test_quarterly_rows_are_placed_where_every_pack_agrees(tool, printed):
    packs = read(sorted((QUARTERLY / tool).glob("*.txt")))
    for p in packs:
        n, exact, wrong, missed = score(p, printed)
        assert n and exact == n and wrong == 0, (p.source, missed)
    jointly = [o for p in packs for o in p.observations if "every pack printing them agrees" in o.why]
    assert {o.status for o in jointly} == {"ok", "missing"} and all(o.confidence < 0.95 for o in jointly)


@pytest.mark.parametrize("tool", sorted(SETS))
def test_quarterly_rows_stay_unplaced_where_the_packs_cannot_tell(tool, printed):
    """Without the pack before the first value, the 35 could lie in any of six months."""
    later = sorted((QUARTERLY / tool).glob("*.txt"))[1:]
    for p in read(later):
        assert not [o for o in p.observations if o.ref in ("FM011", "FM012") and o.status == "ok"]
        assert score(p, printed)[2] == 0


def test_packs_that_disagree_place_nothing_of_the_indicator(tmp_path):
    """A revision (the last pack prints FM011's 35 as 36) leaves no series every pack agrees with."""
    files = sorted((QUARTERLY / "pypdf").glob("*.txt"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        if f is files[-1]:
            head, tail = text.split("FM011", 1)
            printed = " 35\n- n/a\n- n/a\n35\n35\n"        # the month, its changes, its average and maximum
            assert printed in tail
            text = head + "FM011" + tail.replace(printed, printed.replace("35", "36"), 1)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    packs = read(sorted(tmp_path.glob("*.txt")))
    fm011 = [o for p in packs for o in p.observations if o.ref == "FM011"]
    assert fm011 and not [o for o in fm011 if o.status == "ok"]
    assert [o for p in packs for o in p.observations if o.ref == "FM012" and o.status == "ok"]


# ---- the placement itself ---------------------------------------------------------------------
HOW = Placing(agree_months=3, conf=0.8, unverified_conf=0.3, what="test", blanks_printed=True, near_best=2)


def obs(month: str, raw: str, row: str = "r", status: str = "unreadable") -> Observation:
    v = float(raw) if raw else None
    return Observation(pack="2020-06", source="s", page=1, ref="X1", month=month, raw=raw, value=v,
                       status=status, confidence=0.3, method="extracted-text", row_id=row)


def held(*pairs) -> dict:
    out = {}
    for month, raw in pairs:
        o = obs(month, raw, row="other", status="ok" if raw else "missing")
        out.setdefault(("X1", month), []).append(o)
    return out


MONTHS = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"]


def window(raws):
    return [obs(m, r) for m, r in zip(MONTHS, raws)]


def test_values_go_where_the_other_readings_agree():
    row = window(["11", "12", "13", "14", "", ""])          # the reader's guess: blanks last
    got = place(row, [o for o in row if o.raw], held(("2020-01", ""), ("2020-02", ""), ("2020-03", "11"),
                                                     ("2020-04", "12"), ("2020-05", "13")), HOW)
    assert [(o.raw, o.status) for o in got] == [("", "missing"), ("", "missing"), ("11", "ok"),
                                                 ("12", "ok"), ("13", "ok"), ("14", "ok")]


def test_a_value_between_months_nobody_holds_is_not_placed():
    row = window(["11", "12", "13", "14", "", ""])
    got = place(row, [o for o in row if o.raw], held(("2020-03", "12"), ("2020-04", "13"), ("2020-05", "14")), HOW)
    # 11 could sit in Jan or Feb: neither is held
    assert [o.status for o in got[:2]] == ["unreadable", "unreadable"]
    assert [o.raw for o in got[2:5]] == ["12", "13", "14"]


def test_nothing_is_placed_on_thin_or_contradicted_agreement():
    row = window(["11", "12", "13", "14", "", ""])
    vals = [o for o in row if o.raw]
    assert place(row, vals, held(("2020-03", "11"), ("2020-04", "12")), HOW) is None
    assert place(row, vals, held(("2020-03", "11"), ("2020-04", "99"), ("2020-05", "98")), HOW) is None
    assert NEAR_BEST > HOW.near_best            # OCR'd charts keep the wider margin


@pytest.mark.parametrize("tool", ["tesseract-psm3", "tesseract-psm6"])
def test_ocr_text_rows_are_placed_only_where_other_readings_print_their_values(tool):
    """tesseract's plain text loses values as well as blanks, and misreads digits: a month without
    a value there is no printed blank, and a row's values are placed by the other readings (the
    pack's charts, other packs' tables) only as a chart's are, at six agreeing months, and a value
    no other reading of its month prints stays unreadable where it was placed."""
    from recover.readers.extracted.ordered import is_ocr_text
    from recover.readers.extracted.tokens import tokenize
    # the samples the reader recognises as OCR'd (a scan of a table without rules leaves no rule
    # marks in tesseract's text, and is read as a text tool's: README, Known limits)
    files = [f for f in sorted((DATA.parent / "extracted" / tool).glob("*.txt"))
             if is_ocr_text(tokenize(f.read_text(encoding="utf-8").splitlines()))]
    assert len(files) >= 2
    packs = read(files)
    held: dict = {}
    for p in packs:
        for o in p.observations:
            if o.status == "ok":
                held.setdefault((o.ref, o.month), []).append(o)
    placed = 0
    for p in packs:
        assert not any(r.blanks_dropped for r in p.rows if r.kind == "table")
        assert not [o for o in p.observations if "every pack printing them agrees" in o.why]
        for o in p.observations:
            if "OCR lost values" in o.why:
                placed += 1
                assert o.status == "ok" and any(h.row_id != o.row_id and abs(h.value - o.value) < 1e-9
                                                for h in held[(o.ref, o.month)]), o
            if "by agreement" in o.why:
                assert o.status != "missing", o
    assert placed
