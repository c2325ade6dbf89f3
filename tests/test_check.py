"""The data team's check: a new pack against what the store holds, without writing it unless asked."""
from __future__ import annotations

from dataclasses import replace

import pytest

from recover.compare import check_pack
from recover.testing import make_pack
from recover.store import Store
from tests.golden_views import seed_view

REFS = ("M1", "M2", "M3", "M4")




@pytest.fixture()
def held(tmp_path):
    view = seed_view("004", REFS)
    store = Store(tmp_path)
    for p in ("2019-03", "2019-04", "2019-05"):
        store.upsert_pack(make_pack(p, f"{p}.pdf", view, 14), "k")
    return store, view


def test_a_clean_new_pack_needs_nobody_and_is_not_recorded(held):
    store, view = held
    new = make_pack("2019-06", "jun19.pdf", view, 14)
    report = check_pack(new, store)
    assert not report.needs_person and not report.differences
    assert "OK: no person needed" in report.render()
    assert len(store.packs()) == 3                               # nothing written


def test_revision_and_misread_are_told_apart(held):
    store, view = held
    revised = {r: dict(v) for r, v in view.items()}
    revised["M1"]["2019-04"] = "1590"                            # the council revised Apr-19 (was 1572)
    new = make_pack("2019-06", "jun19.pdf", revised, 14,
                    misreads={("M2", "2019-03"): ("877", 0.97)})  # a confident misread of 577 (max12 says 577)
    report = check_pack(new, store)
    kinds = {(d.ref, d.month): d for d in report.differences}
    rev = kinds[("M1", "2019-04")]
    assert rev.kind == "revision" and rev.held_value == 1572 and rev.new_value == 1590
    mis = kinds[("M2", "2019-03")]
    assert mis.kind == "misread" and mis.held_value == 577 and mis.new_value == 877
    assert mis.confidence >= 0.95
    text = report.render()
    assert "revisions" in text and "probable misreads" in text and "M2 2019-03" in text


def test_unsettled_difference_needs_a_person(held):
    store, view = held
    new = make_pack("2019-06", "jun19-scan.pdf", view, 14, method="ocr", conf=0.9, with_extras=False,
                    misreads={("M4", "2019-02"): ("3", 0.9)})     # 8 read as 3, no arithmetic to tell
    report = check_pack(new, store)
    (d,) = report.differences
    assert (d.ref, d.month, d.held_value, d.new_value) == ("M4", "2019-02", 8, 3)
    assert d.confidence < 0.95 or d.kind == "unclear"
    assert report.needs_person and "NEEDS A PERSON" in report.render()


def test_new_vanished_and_implausible(held):
    store, view = held
    shown = {r: view[r] for r in ("M1", "M2", "M3")}              # M4 no longer shown
    shown["M3"] = dict(shown["M3"], **{"2019-06": "327%"})      # a lost decimal point: 327% is no percentage
    new = make_pack("2019-06", "jun19.pdf", dict(shown, **{"EH2": {"2019-06": "1783"}}), 14)
    report = check_pack(new, store)
    assert report.new_indicators == ("EH2",)
    assert report.vanished_indicators == ("M4",) and report.compared_with == "pack 2019-05"
    assert any(r == "M3" and m == "2019-06" for r, m, _, _ in report.implausible)
    assert report.needs_person


def test_unmatched_rows_need_a_person(held):
    store, view = held
    new = make_pack("2019-06", "jun19.pdf", view, 14)
    stray = replace(new.rows[0], ref=None, ref_printed="M1x", title_printed="Number of contacts recieved")
    report = check_pack(replace(new, rows=new.rows + (stray,)), store)
    assert report.unmatched == (("M1x", "Number of contacts recieved"),) and report.needs_person


def test_record_writes_the_pack(held):
    store, view = held
    new = make_pack("2019-06", "jun19.pdf", view, 14)
    report = check_pack(new, store, record=True, settings_key="k")
    assert report.recorded and store.has_pack(new.file_hash, "k")
    # checking it again compares it with the other packs, not with itself
    again = check_pack(new, store)
    assert not again.differences and again.held_packs == 3


def test_an_older_pack_back_filled_shows_superseded_figures(held):
    """Back-filling: the new file is OLDER than the held packs, and its provisional figure was revised
    by them. That is not a misread of the new pack."""
    store, view = held
    provisional = {r: dict(v) for r, v in view.items()}
    provisional["M1"]["2018-12"] = "1590"                        # printed before the council revised it
    older = make_pack("2019-01", "jan19.pdf", provisional, 14, with_extras=False)
    report = check_pack(older, store)
    d = {(x.ref, x.month): x for x in report.differences}[("M1", "2018-12")]
    assert d.kind == "superseded" and d.held_value == 1598 and d.new_value == 1590
    assert "later held pack revised" in report.render()


def test_a_pack_the_store_already_holds_is_said_to_be_identical(held):
    store, view = held
    new = make_pack("2019-06", "jun19.pdf", view, 14)
    check_pack(new, store, record=True, settings_key="k")
    again = check_pack(new, store)
    assert again.same_file.startswith("jun19.pdf, pack 2019-06")
    assert "identical: the store already holds this very file" in again.render()
    # the same pack exported again under another name: another file, the same cells
    copy = make_pack("2019-06", "jun19-export.pdf", view, 14)
    report = check_pack(copy, store)
    assert not report.same_file and report.same_values_as == "jun19.pdf (pack 2019-06)"


def test_the_cells_a_pack_adds_and_the_review_cells_it_settles(tmp_path):
    view = seed_view("004", REFS)
    store = Store(tmp_path)
    # the May pack and a scan of it that reads M4 Feb-19 as 3: nobody can settle that cell yet
    store.upsert_pack(make_pack("2019-05", "2019-05.pdf", view, 14, conf=0.95, with_extras=False), "k")
    store.upsert_pack(make_pack("2019-05", "2019-05-scan.pdf", view, 14, method="ocr", conf=0.95,
                                with_extras=False, misreads={("M4", "2019-02"): ("3", 0.95)}), "k")
    report = check_pack(make_pack("2019-06", "jun19.pdf", view, 14), store)
    assert {(c.ref, c.month) for c in report.adds} == {(r, "2019-06") for r in REFS}
    (c,) = [c for c in report.resolves if (c.ref, c.month) == ("M4", "2019-02")]
    assert c.status == "ok" and c.value == 8 and c.before.startswith("review")
    text = report.render()
    assert "cells it adds: 4" in text and "review cells it settles" in text and "M4 2019-02: 8 (ok" in text


def test_each_held_value_names_where_it_comes_from(held):
    store, view = held
    revised = {r: dict(v) for r, v in view.items()}
    revised["M1"]["2019-04"] = "1590"
    report = check_pack(make_pack("2019-06", "jun19.pdf", revised, 14), store)
    d = {(x.ref, x.month): x for x in report.differences}[("M1", "2019-04")]
    assert "2019-05.pdf p.1" in d.held_source and "2019-04.pdf p.1" in d.held_source
    assert f"held 1572 ({d.held_source})" in report.render()


def test_a_held_correction_is_named_as_the_reviewers(held, tmp_path):
    from recover.outputs import apply_review
    store, view = held
    path = tmp_path / "review.csv"
    path.write_text("ref,month,corrected_value\nM1,2019-03,1500\n", encoding="utf-8")
    apply_review(path, store)
    report = check_pack(make_pack("2019-06", "jun19.pdf", view, 14), store)
    d = {(x.ref, x.month): x for x in report.differences}[("M1", "2019-03")]
    assert d.held_value == 1500 and d.held_source.startswith("reviewer's correction 20")


def test_the_report_as_data(held):
    import json
    store, view = held
    report = check_pack(make_pack("2019-06", "jun19.pdf", view, 14), store)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["needs_person"] is False and data["pack"] == "2019-06"
    assert {(c["ref"], c["month"]) for c in data["adds"]} == {(r, "2019-06") for r in REFS}
