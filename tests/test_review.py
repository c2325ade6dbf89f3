"""The review loop: review.csv out, a reviewer's corrections in, kept across runs unless new evidence disagrees."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from recover.errors import ReviewFileError
from recover.outputs import apply_review, write_outputs
from recover.reconcile import reconcile
from recover.testing import make_pack
from recover.store import Store
from tests.golden_views import seed_view





def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def refresh(store: Store, out: Path):
    rec = reconcile(store)
    write_outputs(rec, store, out)
    return rec


@pytest.fixture()
def conflicted(tmp_path):
    """Two readings of the Jun-19 pack disagree on M4 Oct-18 (4 and 7): a cell for review."""
    view = seed_view("004", ("M4",))
    store = Store(tmp_path / "store")
    store.upsert_pack(make_pack("2019-06", "jun19.pdf", view, 14, conf=0.95, with_extras=False), "k")
    store.upsert_pack(make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.95, with_extras=False,
                                misreads={("M4", "2018-10"): ("7", 0.95)}), "k")
    out = tmp_path / "out"
    refresh(store, out)
    return store, out, view


def fill(path: Path, corrections: dict[tuple[str, str], str], note: str = "checked the PDF") -> None:
    rows = read_csv(path)
    for r in rows:
        if (r["ref"], r["month"]) in corrections:
            r["corrected_value"] = corrections[(r["ref"], r["month"])]
            r["note"] = note
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)


def test_review_file_lists_the_unsure_cell_with_both_candidates(conflicted):
    _, out, _ = conflicted
    (line,) = [r for r in read_csv(out / "review.csv") if r["month"] == "2018-10"]
    assert line["ref"] == "M4" and line["corrected_value"] == "" and line["note"] == ""
    assert "jun19.pdf" in line["candidates"] and "jun19-scan.pdf" in line["candidates"]
    assert "4 [" in line["candidates"] and "7 [" in line["candidates"]
    series = {(r["ref"], r["month"]): r for r in read_csv(out / "series.csv")}
    assert series[("M4", "2018-10")]["status"] == "review"
    wide = read_csv(out / "series_wide.csv")[0]
    assert wide["2018-10"] == "" and wide["2018-11"] == "5"     # unsure values are not put in the wide table


def test_apply_valid_review_then_corrected_and_kept_on_rerun(conflicted):
    store, out, view = conflicted
    fill(out / "review.csv", {("M4", "2018-10"): "4"})
    result = apply_review(out / "review.csv", store)
    (c,) = result.applied
    assert (c.ref, c.month, c.corrected_value, c.previous_status, c.reviewer_note) == \
        ("M4", "2018-10", 4.0, "review", "checked the PDF")
    assert c.previous_value in (4.0, 7.0) and c.applied_at
    rec = refresh(store, out)
    cell = rec.cell("M4", "2018-10")
    assert (cell.value, cell.status) == (4, "corrected")
    assert not [r for r in read_csv(out / "review.csv") if r["month"] == "2018-10"]
    # a re-run that re-reads the same files keeps the correction
    store.upsert_pack(make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.95, with_extras=False,
                                misreads={("M4", "2018-10"): ("7", 0.95)}), "k2")
    assert refresh(store, out).cell("M4", "2018-10").status == "corrected"
    # a new pack agreeing with the correction changes nothing either
    store.upsert_pack(make_pack("2019-07", "jul19.pdf", view, 14, conf=0.97, with_extras=False), "k")
    assert refresh(store, out).cell("M4", "2018-10").status == "corrected"


def test_new_confident_disagreeing_evidence_returns_the_cell_to_review(conflicted):
    store, out, view = conflicted
    fill(out / "review.csv", {("M4", "2018-10"): "4"})
    apply_review(out / "review.csv", store)
    revised = {"M4": dict(view["M4"], **{"2018-10": "5"})}
    store.upsert_pack(make_pack("2019-07", "jul19.pdf", revised, 14, conf=0.99, with_extras=False), "k")
    rec = refresh(store, out)
    cell = rec.cell("M4", "2018-10")
    assert cell.status == "review" and cell.value == 4
    assert "new evidence" in cell.reason and "jul19.pdf" in cell.reason
    (line,) = [r for r in read_csv(out / "review.csv") if r["month"] == "2018-10"]
    assert "correction" in line["candidates"] and "5 [" in line["candidates"]


def test_malformed_review_file_lists_lines_and_changes_nothing(conflicted, tmp_path):
    store, out, _ = conflicted
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,title,month,corrected_value,note\n"
                   "M4,x,2018-10,4,fine\n"
                   "M4,x,2018-11,abc,\n"
                   "M99,x,2018-10,3,\n"
                   "M4,x,2031-01,3,\n"
                   "M4,x,not a month,3,\n", encoding="utf-8")
    with pytest.raises(ReviewFileError) as err:
        apply_review(bad, store)
    msg = str(err.value)
    assert "line 3" in msg and "'abc' is not a number" in msg
    assert "line 4" in msg and "unknown ref or month" in msg and "M99" in msg
    assert "line 5" in msg and "line 6" in msg and "line 2" not in msg
    assert err.value.exit_code == 8
    assert store.corrections() == []                     # the good line 2 was not applied either


def test_wrong_columns_are_rejected(conflicted, tmp_path):
    store, _, _ = conflicted
    bad = tmp_path / "cols.csv"
    bad.write_text("reference,month,value\nM4,2018-10,4\n", encoding="utf-8")
    with pytest.raises(ReviewFileError, match=r"line 1: missing column\(s\) ref, corrected_value"):
        apply_review(bad, store)
    assert store.corrections() == []


def test_unapplied_reviewer_work_is_not_overwritten(conflicted):
    store, out, _ = conflicted
    fill(out / "review.csv", {("M4", "2018-10"): "4"})
    refresh(store, out)                                  # outputs rewritten before `apply`
    kept = list(out.glob("review.unapplied-*.csv"))
    assert len(kept) == 1 and ",4," in kept[0].read_text(encoding="utf-8")


def test_output_files_and_columns(conflicted):
    store, out, view = conflicted
    from dataclasses import replace
    pack = make_pack("2019-06", "jun19-other.pdf", {"M1": seed_view("004", ("M1",))["M1"]}, 14)
    stray = replace(pack.rows[0], ref=None, ref_printed="M1?", title_printed="Number of contcts",
                    candidates=(("M1", 0.81), ("M2", 0.4)), match_why="score below 0.85",
                    commentary="Contacts rose.")
    store.upsert_pack(replace(pack, rows=(stray,), observations=tuple(replace(o, ref=None) for o in pack.observations)), "k")
    rec = refresh(store, out)
    header = {name: next(csv.reader(open(out / name, encoding="utf-8"))) for name in
              ("observations.csv", "series.csv", "series_wide.csv", "review.csv", "revisions.csv",
               "commentary.csv", "unmatched.csv", "rows.csv")}
    assert header["observations.csv"] == ["pack", "source", "page", "ref", "month", "raw", "value", "status",
                                          "confidence", "method", "box", "lines", "row_id"]
    assert header["series.csv"][:9] == ["ref", "title", "unit", "month", "value", "confidence", "status",
                                       "n_sources", "sources"]
    assert header["revisions.csv"] == ["ref", "month", "old_value", "old_pack", "new_value", "new_pack"]
    assert header["commentary.csv"] == ["pack", "ref", "text"]
    assert {"ref_printed", "title_printed", "candidates", "reason"} <= set(header["unmatched.csv"])
    assert {"owner", "reporter", "pct_prev", "pct_prev_conf", "avg12", "max12_conf", "targets_raw", "target", "avg12_raw"} <= set(header["rows.csv"])
    (unmatched,) = read_csv(out / "unmatched.csv")
    assert unmatched["candidates"] == "M1 0.81; M2 0.40" and unmatched["ref_printed"] == "M1?"
    assert not any(c.ref == "M1" for c in rec.cells)             # unmatched rows are not reconciled
    obs = read_csv(out / "observations.csv")
    assert obs and all(o["ref"] for o in obs)                    # observations are all under a ref ...
    assert unmatched["values"].count(": ") == 14 and unmatched["ref"] == ""   # ... unmatched rows' values here
    rows = {r["ref"]: r for r in read_csv(out / "rows.csv")}
    assert rows["M4"]["max12"] == "" and rows["M4"]["pack"] == "2019-06"   # built without extras
    series = read_csv(out / "series.csv")
    assert {r["status"] for r in series} <= {"ok", "review", "missing", "corrected"}
    assert all(r["value"] == "" or "." not in r["value"] for r in series if r["ref"] == "M4")  # counts as printed


def test_a_crash_while_writing_leaves_the_old_file(tmp_path):
    from recover.outputs.csvio import write_csv
    path = tmp_path / "series.csv"
    write_csv(path, ("a", "b"), [(1, 2)])

    def broken():
        yield (3, 4)
        raise RuntimeError("disk gone")
    with pytest.raises(RuntimeError):
        write_csv(path, ("a", "b"), broken())
    assert path.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["series.csv"]


def test_outputs_are_created_with_the_users_umask(tmp_path):
    import os
    from recover.outputs.csvio import write_csv, write_text
    old = os.umask(0o022)
    try:
        write_csv(tmp_path / "a.csv", ("x",), [(1,)])
        write_text(tmp_path / "b.html", "<p>")
        os.umask(0o077)
        write_csv(tmp_path / "c.csv", ("x",), [(1,)])
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == {"a.csv": 0o644, "b.html": 0o644, "c.csv": 0o600}


def test_impossible_corrections_are_rejected(conflicted, tmp_path):
    """M4 is a count: 4.5 children or 40% cannot be right, and nothing is applied."""
    store, _, _ = conflicted
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,title,month,corrected_value,note\n"
                   "M4,x,2018-10,4.5,\n"
                   "M4,x,2018-11,40%,\n"
                   "M4,x,2018-12,-2,\n", encoding="utf-8")
    with pytest.raises(ReviewFileError) as err:
        apply_review(bad, store)
    msg = str(err.value)
    assert "line 2" in msg and "line 3" in msg and "% sign" in msg and "line 4" in msg
    assert store.corrections() == []


def test_accept_takes_the_current_value_without_retyping(conflicted):
    store, out, _ = conflicted
    rows = read_csv(out / "review.csv")
    (line,) = [r for r in rows if r["month"] == "2018-10"]
    line["accept"] = "y"
    with open(out / "review.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    (c,) = apply_review(out / "review.csv", store).applied
    assert (c.ref, c.month, c.corrected_value) == ("M4", "2018-10", float(line["current_value"]))
    assert c.reviewer_note == "accepted as read"
    assert refresh(store, out).cell("M4", "2018-10").status == "corrected"


def test_a_bad_accept_is_a_line_numbered_error_and_changes_nothing(conflicted, tmp_path):
    store, _, _ = conflicted
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,month,current_value,accept,corrected_value\n"
                   "M4,2018-10,4,y,\n"               # fine on its own
                   "M4,2018-11,5,maybe,\n"           # not a yes
                   "M4,2018-12,,y,\n"                # nothing to accept
                   "M4,2019-01,6,y,9\n", encoding="utf-8")   # two different answers
    with pytest.raises(ReviewFileError) as err:
        apply_review(bad, store)
    msg = str(err.value)
    assert "line 3" in msg and "'maybe' is not a yes" in msg
    assert "line 4" in msg and "no current_value" in msg
    assert "line 5" in msg and "keep one" in msg and "line 2" not in msg
    assert store.corrections() == []


def test_a_correction_far_outside_the_neighbouring_months_is_applied_with_a_warning(conflicted):
    store, out, view = conflicted
    typo = str(int(float(view["M4"]["2018-11"])) * 100 + 7)       # a slip of the keyboard
    fill(out / "review.csv", {("M4", "2018-10"): typo})
    result = apply_review(out / "review.csv", store)
    assert [c.corrected_value for c in result.applied] == [float(typo)]
    (w,) = result.warnings
    assert "line 2" in w and "M4 2018-10" in w and "far outside the neighbouring months" in w
    assert "warning:" in result.render()
    fill(out / "review.csv", {("M4", "2018-10"): "4"})               # a plausible one: no warning
    assert not apply_review(out / "review.csv", store).warnings


@pytest.mark.parametrize("before", [0, 2])
def test_a_record_the_csv_module_refuses_is_a_line_numbered_error(conflicted, tmp_path, before):
    """A field over the csv module's size limit (a pasted page) is the reviewer's line to fix, not a crash."""
    store, _, _ = conflicted
    bad = tmp_path / "huge.csv"
    good = "M4,x,2018-10,4,fine\n" * before
    bad.write_text("ref,title,month,corrected_value,note\n" + good +
                   'M4,x,2018-11,4,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(ReviewFileError, match=rf"line {before + 2}: field larger than field limit") as err:
        apply_review(bad, store)
    assert err.value.exit_code == 8
    assert store.corrections() == []
