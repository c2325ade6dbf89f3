"""Reconciliation on packs built from the real seed values (golden/real/cells.csv).

The Jun-19 seed prints 14 months (2018-05..2019-06); earlier packs of the same council show the
same months, so a sequence of packs is their windows of one real series.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from recover.reconcile import reconcile_records
from recover.reconcile.confidence import OK_AT
from recover.register import load_register
from recover.testing import make_pack
from tests.golden_views import seed_view


def run(*packs):
    obs = [o for p in packs for o in p.observations]
    rows = [r for p in packs for r in p.rows]
    return reconcile_records(obs, rows)


@pytest.fixture(scope="module")
def jun19():
    return seed_view("004", ("M1", "M2", "M3", "M4", "CP1", "LAC1", "EH3"))


@pytest.mark.parametrize("ref,month,value", [("M2", "2019-03", 577), ("CP1", "2019-03", 152),
                                             ("LAC1", "2018-09", 499)])
def test_packs_that_agree_give_ok_cells(jun19, ref, month, value):
    packs = [make_pack(p, f"{p}.pdf", jun19, 14) for p in ("2019-04", "2019-05", "2019-06")]
    rec = run(*packs)
    cell = rec.cell(ref, month)
    assert (cell.value, cell.status, cell.n_sources) == (value, "ok", 3)
    assert cell.confidence >= OK_AT and cell.title == load_register().get(ref).title
    assert rec.cell("M3", "2019-03").value == 33.9 and rec.cell("M3", "2019-03").unit == "percent"
    assert not rec.revisions and not rec.review


def test_printed_precision_understood(jun19):
    """A later pack printing whole percentages agrees with the one-decimal print; the precise value is kept."""
    whole = {"M3": {m: f"{float(t.rstrip('%')):.0f}%" for m, t in jun19["M3"].items()}}
    later = make_pack("2019-09", "sep19.pdf", whole, 14)
    earlier = make_pack("2019-06", "jun19.pdf", {"M3": jun19["M3"]}, 14)
    rec = run(earlier, later)
    cell = rec.cell("M3", "2019-01")                 # 16.7% and 17%
    assert cell.value == 16.7 and cell.status == "ok" and cell.n_sources == 2
    assert cell.decimals == 1
    assert rec.cell("M3", "2018-12").value == 12.0   # 12.0% and 12%
    assert not rec.revisions


@pytest.mark.parametrize("ref,month,read", [("M6-QL", "2019-03", "5.01%"), ("EH3a%", "2019-02", "7.71%"),
                                             ("M3", "2019-01", "16.72%")])
def test_a_stray_digit_beyond_its_rows_precision_does_not_make_the_value(ref, month, read):
    """One scan reads a digit its row does not print ('5.0%' as '5.01%'): it agrees with the other
    packs within rounding, but the value is theirs, not the more precise-looking misread."""
    view = seed_view("004", (ref,))
    packs = [make_pack(p, f"{p}.pdf", view, 14) for p in ("2019-04", "2019-05")]
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.9,
                     misreads={(ref, month): (read, 0.9)})
    cell = run(*packs, scan).cell(ref, month)
    assert cell.value == float(view[ref][month].rstrip("%")) and cell.decimals == 1
    assert cell.status == "ok"


@pytest.mark.parametrize("ref,month,provisional", [("M1", "2019-04", "1498"), ("CP1", "2019-04", "110"),
                                                   ("LAC1", "2019-04", "497")])
def test_revision_later_pack_wins_and_is_listed(jun19, ref, month, provisional):
    final = jun19[ref][month]                                          # in every later pack
    p_apr = make_pack("2019-04", "apr19.pdf", {ref: dict(jun19[ref], **{month: provisional})}, 14)
    p_may = make_pack("2019-05", "may19.pdf", {ref: jun19[ref]}, 14)
    p_jun = make_pack("2019-06", "jun19.pdf", {ref: jun19[ref]}, 14)
    rec = run(p_apr, p_may, p_jun)
    cell = rec.cell(ref, month)
    assert cell.value == int(final) and cell.status == "ok"
    (rev,) = rec.revisions
    assert (rev.ref, rev.month, rev.old_value, rev.old_pack, rev.new_value, rev.new_pack) == \
        (ref, month, int(provisional), "2019-04", int(final), "2019-05")
    assert "revised" in cell.reason


@pytest.mark.parametrize("ref,month,read", [("M2", "2019-02", "878"),      # 378 read as 878
                                            ("CP1", "2019-01", "56"),      # 96 as 56
                                            ("EH3", "2019-04", "236")])    # 286 as 236
def test_lone_low_confidence_reading_is_a_misread_not_a_revision(jun19, ref, month, read):
    view = {ref: jun19[ref]}
    packs = [make_pack(p, f"{p}.pdf", view, 14, conf=0.97) for p in ("2019-04", "2019-05")]
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.93,
                     misreads={(ref, month): (read, 0.45)})
    rec = run(*packs, scan)
    cell = rec.cell(ref, month)
    assert cell.value == int(jun19[ref][month]) and cell.status == "ok"
    assert not rec.revisions
    assert any(read in m for m in rec.misreads)


@pytest.mark.parametrize("ref,month,read", [("M4", "2018-10", "7"), ("CP1", "2018-08", "77"),
                                            ("M3", "2019-02", "28.8%")])
def test_two_confident_readings_of_one_pack_month_disagreeing_go_to_review(jun19, ref, month, read):
    view = {ref: jun19[ref]}
    a = make_pack("2019-06", "jun19.pdf", view, 14, conf=0.95, with_extras=False)
    b = make_pack("2019-06", "jun19-copy.pdf", view, 14, conf=0.95, with_extras=False,
                  misreads={(ref, month): (read, 0.95)})
    rec = run(a, b)
    cell = rec.cell(ref, month)
    assert cell.status == "review"
    assert {c.value for c in cell.candidates} == {float(jun19[ref][month].rstrip("%")), float(read.rstrip("%"))}
    assert any(item.ref == ref and item.month == month for item in rec.review)


@pytest.mark.parametrize("ref,month,read", [("M2", "2019-03", "877"), ("CP1", "2019-03", "752"),
                                            ("LAC1", "2018-07", "826")])
def test_arithmetic_catches_a_confident_misread_that_looks_like_a_revision(jun19, ref, month, read):
    """The Jun-19 scan reads Mar-19's 577 as 877 with high confidence: two packs against one later pack
    would be a revision, but the scan's own row prints max12 = 577, which 877 breaks."""
    view = {ref: jun19[ref]}
    earlier = [make_pack(p, f"{p}.pdf", view, 14, conf=0.95) for p in ("2019-04", "2019-05")]
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.95,
                     misreads={(ref, month): (read, 0.96)})
    rec = run(*earlier, scan)
    cell = rec.cell(ref, month)
    assert cell.value == int(jun19[ref][month]) and cell.status == "ok"
    assert not rec.revisions
    # without the row's arithmetic nothing tells a revision from a misread: a person must look
    bare = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.95, with_extras=False,
                     misreads={(ref, month): (read, 0.96)})
    assert run(*earlier, bare).cell(ref, month).status == "review"


@pytest.mark.parametrize("ref,read", [("M4", "6"), ("CP1", "136"), ("LAC1", "560")])
def test_arithmetic_flags_a_confident_misread_of_the_latest_month(jun19, ref, read):
    """Only the newest pack shows its own month: the printed % change from the previous month is the
    only other witness. M4's 9 read as 6 breaks '+13%' (8 -> 9) and must not pass as ok."""
    view = {ref: jun19[ref]}
    prev = make_pack("2019-05", "may19.pdf", view, 14, conf=0.97)
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.95,
                     misreads={(ref, "2019-06"): (read, 0.95)})
    cell = run(prev, scan).cell(ref, "2019-06")
    assert cell.value == int(read) and cell.status == "review"
    assert "pct_prev" in cell.reason or "max12" in cell.reason


@pytest.mark.parametrize("ref", ["M4", "CP1", "LAC1"])
def test_arithmetic_confirms_a_lone_uncertain_reading(jun19, ref):
    """A single OCR reading below the ok threshold is vouched for when the row's % change pins it."""
    view = {ref: jun19[ref]}
    prev = make_pack("2019-05", "may19.pdf", view, 14, conf=0.97)
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.85)
    cell = run(prev, scan).cell(ref, "2019-06")
    assert cell.value == int(jun19[ref]["2019-06"]) and cell.status == "ok"
    no_checks = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.85, with_extras=False)
    assert run(prev, no_checks).cell(ref, "2019-06").status == "review"


@pytest.mark.parametrize("ref,month,read,neighbour", [("M6-QL", "2019-04", "80%", "2019-03"),
                                                     ("EH3a%", "2019-04", "42%", "2019-05")])
def test_lost_decimal_point_is_caught(ref, month, read, neighbour):
    """'8.0%' read as '80%' (or '4.2%' as '42%') with high confidence: plausible as a percentage,
    but its row prints one decimal and its 12-month max is far below."""
    view = seed_view("004", (ref,))
    scan = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.96,
                     misreads={(ref, month): (read, 0.96)})
    cell = run(scan).cell(ref, month)
    assert cell.value == float(read.rstrip("%")) and cell.status == "review"
    assert "lost decimal point" in cell.reason and "max12" in cell.reason
    assert run(scan).cell(ref, neighbour).status == "ok"     # its neighbours are not blamed


@pytest.mark.parametrize("ref,before,read", [("M3", "31.0%", "132.7%"), ("LAC10 (%)", "94.9%", "949%"),
                                             ("M1", "1354", "-1323"), ("M2", "416", "38.0")])
def test_implausible_values_go_to_review(ref, before, read):
    """A percentage over 100, a negative count, a fractional count."""
    view = {ref: {"2019-05": before, "2019-06": read}}
    cell = run(make_pack("2019-06", "a.pdf", view, 2, with_extras=False)).cell(ref, "2019-06")
    assert cell.status == "review" and "implausible" in cell.reason


@pytest.mark.parametrize("ref,dash,old", [("M4", "2019-02", "2"), ("CP1", "2018-11", "91")])
def test_missing_prints_and_gaps(jun19, ref, dash, old):
    view = {ref: dict(jun19[ref], **{dash: "-"})}
    a = make_pack("2019-06", "jun19.pdf", view, 14, with_extras=False)
    b = make_pack("2019-06", "jun19b.pdf", {ref: {"2019-06": jun19[ref]["2019-06"]}}, 1, with_extras=False)
    before = make_pack("2018-03", "mar18.pdf", {ref: {"2018-03": old}}, 1, with_extras=False)
    rec = run(a, b, before)
    assert rec.cell(ref, dash).status == "missing" and rec.cell(ref, dash).value is None
    gap = rec.cell(ref, "2018-04")                 # no pack read shows Apr-18
    assert gap.status == "missing" and gap.n_sources == 0


def test_unmatched_rows_are_not_reconciled(jun19):
    pack = make_pack("2019-06", "jun19.pdf", {"M4": jun19["M4"]}, 14)
    from dataclasses import replace
    obs = [replace(o, ref=None) for o in pack.observations]
    rows = [replace(r, ref=None) for r in pack.rows]
    rec = reconcile_records(obs, rows)
    assert rec.cells == () and rec.review == ()


GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.mark.skipif(not (GOLDEN / "truth_revisions.csv").exists(), reason="golden corpus files not generated")
def test_every_true_revision_of_the_generated_corpus_is_found():
    """Every file of the generated corpus (golden/printed.csv: text, scans, mixed), read without misreads
    (a scan's readings at confidence 0.9, short of what one reading needs), against golden/truth_revisions.csv: the final value
    wins and each revision is listed with its provisional value and last pack."""
    from recover.testing import load_printed, load_revisions, load_truth, observation, packs_from_printed
    revisions = load_revisions(GOLDEN)
    refs = {ref for ref, _ in revisions}
    cells, rows = load_printed(GOLDEN)
    cells = [c for c in cells if c.ref in refs]
    # a scan's readings carry a confidence below what one reading needs to be ok on its own
    rec = run(*packs_from_printed(cells, rows, lambda c, rid: observation(c, rid, 0.9 if c.method == "ocr" else 1.0)))
    truth = load_truth(GOLDEN)
    listed = {(r.ref, r.month): r for r in rec.revisions}
    shown_later = 0
    for (ref, month), (provisional, last_pack, final) in revisions.items():
        cell = rec.cell(ref, month)
        assert cell is not None and cell.value == truth[(ref, month)][0] == final
        if any(c.ref == ref and c.month == month and c.pack > last_pack for c in cells):
            shown_later += 1
            rev = listed[(ref, month)]
            assert (rev.old_value, rev.old_pack, rev.new_value) == (provisional, last_pack, final)
    assert shown_later >= 50
    assert set(listed) <= set(revisions)                 # no revision invented
