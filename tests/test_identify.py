"""Identification: every observation under a canonical ref, unmatched rows for a person, value
agreement across packs, a register as user data.

The packs are rendered by the corpus generator from its truth (three consecutive 2020 packs, the
middle one with dashboard pages); the alternative register (tests/data) is another council's,
written by hand: its own wording and casing, some of the packs' indicators absent, some it holds
that the packs never print. On a text layer the printed ref is what the generator printed, so it
is the truth of each row.
"""
from __future__ import annotations

import csv
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from recover.api import apply, run
from recover.errors import ReviewFileError
from recover.identify import Evidence, Reading, from_row, identify, identify_packs, identify_records
from recover.pipeline import Settings, open_all, read_sources
from recover.register import load_register
from recover.register.refs import ref_key
from recover.store import Store

ROOT = Path(__file__).resolve().parents[1]
OTHER = ROOT / "tests" / "data" / "register_other_council.csv"
PACKS = ("2020-05", "2020-06", "2020-07")


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "corpus"))
    from gen.content import build_pack
    from gen.render import layout_pack, to_pdf
    from gen.truth import Truth
    truth = Truth()
    d = tmp_path_factory.mktemp("packs")
    for p in PACKS:
        pages = [pg for pg in layout_pack(build_pack(truth, p)) if pg.kind in ("table", "dashboard")]
        (d / f"pack_{p}.pdf").write_bytes(to_pdf(pages, p))
    return d


@pytest.fixture(scope="module")
def raw_packs(pack_dir):
    sources, errors = open_all(sorted(str(p) for p in pack_dir.glob("*.pdf")))
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1))
    assert not errors and not errs
    return packs


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


# --------------------------------------------------------------------------------------------
# Rows read unidentified; identified together

def test_the_table_stage_leaves_rows_unidentified(raw_packs):
    rows = [r for p in raw_packs for r in p.rows]
    assert rows and all(r.ref is None for r in rows)
    assert all(o.ref is None for p in raw_packs for o in p.observations)
    assert {r.kind for r in rows} == {"table", "dashboard"}
    assert {"percent", "number"} <= {r.unit_hint for r in rows if r.kind == "table"} <= {"percent", "number", ""}


def test_every_row_gets_its_printed_indicator_with_the_bundled_register(raw_packs):
    packs = identify_packs(raw_packs, load_register())
    tables = [r for p in packs for r in p.rows if r.kind == "table"]
    assert all(r.ref == r.ref_printed for r in tables)
    dashboards = [r for p in packs for r in p.rows if r.kind == "dashboard"]
    assert len(dashboards) >= 12 and all(r.ref for r in dashboards)
    # a dashboard's 13 values overlap what the tables of the other two packs print
    assert all("values" in r.identified_by for r in dashboards)
    assert all(o.ref for p in packs for o in p.observations)


def test_alternative_register_present_rows_match_absent_rows_go_unmatched(raw_packs):
    other = load_register(OTHER)
    held = {ref_key(i.ref): i.ref for i in other}
    packs = identify_packs(raw_packs, other)
    tables = [r for p in packs for r in p.rows if r.kind == "table"]
    present = [r for r in tables if ref_key(r.ref_printed) in held]
    absent = [r for r in tables if ref_key(r.ref_printed) not in held]
    assert len(present) > 100 and len(absent) > 20
    assert [(r.ref_printed, r.match_why) for r in present if r.ref != held[ref_key(r.ref_printed)]] == []
    assert [(r.ref_printed, r.ref) for r in absent if r.ref is not None] == []
    for r in absent:                               # each keeps its candidates and says why
        assert r.match_why and r.candidates


# --------------------------------------------------------------------------------------------
# Value agreement

def _evidences(packs, register):
    rows = [r for p in packs for r in p.rows]
    obs = [o for p in packs for o in p.observations]
    return rows, obs


def _junk(block):
    """The block with everything naming its indicator replaced by junk: its label, title, legend
    refs and caption (the percent note, which names no indicator, kept)."""
    return replace(block, ref_printed="x#&", title_printed="",
                   labels=tuple((k, t) for k, t in block.labels if k == "unit_note"))


def test_a_block_whose_label_is_junk_is_identified_by_its_values(raw_packs):
    reg = load_register()
    rows, obs = _evidences(raw_packs, reg)
    blocks = [r for r in rows if r.kind == "dashboard"]
    junk = {b.row_id: _junk(b) for b in blocks}
    assert any(b.labels != junk[b.row_id].labels for b in blocks)
    got = identify_records([junk.get(r.row_id, r) for r in rows], obs, reg)
    truth = identify_records(rows, obs, reg)
    for rid in junk:
        assert got[rid].ref == truth[rid].ref and got[rid].by == "values", got[rid].why
        assert got[rid].agreement.agree >= 6


def test_a_dashboard_block_whose_percent_note_was_missed_is_still_identified(raw_packs):
    """Dashboards print percentages bare under 'All figures shown as percentages'; a reader that
    misses the note leaves values without '%', which on a dashboard say nothing of the unit. In a
    table they do: the same row as a table row is refused for the contradiction."""
    reg = load_register()
    rows, obs = _evidences(raw_packs, reg)
    truth = identify_records(rows, obs, reg)
    percent = [r for r in rows if r.kind == "dashboard" and truth[r.row_id].ref
               and reg.get(truth[r.row_id].ref).unit == "percent"]
    assert percent
    lost = {b.row_id: replace(b, unit_hint="number", labels=tuple(x for x in b.labels if x[0] != "unit_note"))
            for b in percent}
    got = identify_records([lost.get(r.row_id, r) for r in rows], obs, reg)
    assert [(rid, got[rid].ref, got[rid].why) for rid in lost if got[rid].ref != truth[rid].ref] == []
    as_table = {rid: replace(b, kind="table") for rid, b in lost.items()}
    got = identify_records([as_table.get(r.row_id, r) for r in rows], obs, reg)
    assert all(got[rid].ref is None for rid in as_table)
    assert Evidence.block("b", label="M3", unit_hint="number").unit_hint is None
    assert Evidence.block("b", label="M3", percent_note=True).unit_hint == "percent"


@pytest.mark.parametrize("pack,real,printed", [("2020-07", "M1", "CP1"), ("2020-06", "CP1", "M1"),
                                               ("2020-07", "LAC1", "M2")])
def test_a_confident_wrong_label_is_caught_by_the_values(raw_packs, pack, real, printed):
    """A row labelled, ref and title, as another indicator its pack also prints."""
    reg = load_register()
    rows, obs = _evidences(raw_packs, reg)
    (row,) = [r for r in rows if r.ref_printed == real and r.pack == pack and r.kind == "table"]
    other = reg.get(printed)
    (real_other,) = [r for r in rows if r.ref_printed == printed and r.pack == pack and r.kind == "table"]
    wrong = replace(row, ref_printed=other.ref, title_printed=other.title)
    got = identify_records([wrong if r is row else r for r in rows], obs, reg)
    assert got[row.row_id].ref == real and got[row.row_id].by == "values"
    assert got[real_other.row_id].ref == printed
    # the pack's two rows that say it are settled by the values, not by the order they come in
    assert f"{printed} is also printed by row" in got[row.row_id].why


def test_values_of_its_own_pack_never_identify_a_row(raw_packs):
    """The 2020-06 pack alone (the one of these with dashboards): its dashboard copies of table rows
    agree with its own tables, but one pack printing a figure twice is not two packs agreeing."""
    reg = load_register()
    alone = [p for p in raw_packs if p.pack == "2020-06"]
    rows, obs = _evidences(alone, reg)
    junk = [_junk(r) if r.kind == "dashboard" else r for r in rows]
    assert any(r.kind == "dashboard" for r in junk)
    got = identify_records(junk, obs, reg)
    assert all(got[r.row_id].ref is None for r in junk if r.kind == "dashboard")


def _ev(key, pack, months, values, label=""):
    return Evidence(key, refs=(label,) if label else (), values=tuple(
        Reading(m, v, 0) for m, v in zip(months, values)), pack=pack, file=key, unit_hint="number")


@pytest.mark.parametrize("label, base", [("M1", 1200), ("CP1", 310)])
def test_a_pack_printing_a_row_twice_is_not_two_packs_agreeing(label, base):
    """The rule of the test above on constructed rows of two indicators: an unlabelled copy of a
    labelled row in the SAME pack stays unidentified; the same copy in another pack is identified by
    its values (the control that lets this test fail)."""
    reg = load_register()
    months = [f"2020-{m:02d}" for m in range(1, 13)]
    series = [base + 37 * k % 101 for k in range(12)]
    printed = _ev("a", "2020-07", months[:7], series[:7], label=label)
    same = _ev("b", "2020-07", months[:7], series[:7])
    other = _ev("c", "2020-10", months[:7], series[:7])
    assert identify([printed, same], reg)["b"].ref is None
    got = identify([printed, other], reg)
    assert got["c"].ref == label and got["c"].by == "values"


def test_no_row_is_identified_through_a_row_identified_by_its_values():
    reg = load_register()
    months = [f"2020-{m:02d}" for m in range(1, 13)] + [f"2021-{m:02d}" for m in range(1, 13)]
    series = [1200 + 37 * k % 301 for k in range(24)]
    anchor = _ev("a", "2020-07", months[:7], series[:7], label="M1")      # printed M1: identified by label
    middle = _ev("b", "2020-10", months[3:10], series[3:10])              # agrees with a at 4 months
    far = _ev("c", "2021-01", months[7:14], series[7:14])                 # overlaps only b
    got = identify([anchor, middle, far], reg)
    assert got["a"].ref == "M1" and got["b"].ref == "M1" and got["b"].by == "values"
    assert got["c"].ref is None


def test_pieces_of_one_printed_row_keep_its_ref_two_printed_rows_do_not():
    """A reader that lost a table's row boundaries (OCR of a table without rules) reads a row whose
    cells wrapped as two overlapping records: the ref with the top line's cells, and the rest. Both
    are that row; two records that do not overlap, or that print different values for a month, are
    two rows claiming one ref, and the values must settle it."""
    reg = load_register()
    months = [f"2020-{m:02d}" for m in range(1, 13)]
    series = [1200 + 37 * k % 301 for k in range(12)]

    def ev(key, pack, span, picks, label="", file="f"):
        values = tuple(Reading(months[k], series[k] if k != 99 else 0, 0) for k in picks)
        return Evidence(key, refs=(label,) if label else (), values=values, pack=pack, file=file,
                        unit_hint="number", order=(7, 0, int(span[0])), span=span)

    held = [ev("a1", "2020-08", (90, 110), range(0, 8), "M1", "g"),
            ev("a2", "2020-11", (90, 110), range(3, 11), "M1", "h")]
    top = ev("top", "2020-12", (126.3, 150.4), (10, 11), "M1")
    for below, kept in ((ev("rest", "2020-12", (145.7, 168.8), range(0, 11)), True),     # overlaps: a piece
                        (ev("rest", "2020-12", (151.0, 172.0), range(0, 11)), False)):   # a row of its own
        got = identify(held + [top, below], reg)
        assert got["rest"].by == "values" or "also printed by row" in got["rest"].why
        assert (got["top"].ref == got["rest"].ref == "M1") is kept, (got["top"], got["rest"])
    misread = replace(ev("rest", "2020-12", (145.7, 168.8), range(0, 11)),
                      values=tuple(replace(r, value=r.value + 100) if r.month == months[10] else r
                                   for r in ev("rest", "2020-12", (0, 1), range(0, 11)).values))
    got = identify(held + [top, misread], reg)
    assert not (got["top"].ref == got["rest"].ref == "M1")       # they print different values for Nov


@pytest.mark.parametrize("label, base", [("LAC1", 515), ("LAC7-QL", 79)])
def test_an_unlabelled_piece_overlapping_a_labelled_row_takes_its_ref(label, base):
    """An unruled scan read without its row boundaries: the label with the last months, and a record
    of its own with the first months, overlapping it on the page (as the 2018-05 partial scan prints
    LAC1, LAC2, LAC7-QL). No other pack holds those first months, so only the overlap can say whose
    they are. Controls: a record that does not overlap, or prints a month differently, or overlaps
    two labelled rows, is left to its values (here: unmatched)."""
    reg = load_register()
    months = [f"2017-{m:02d}" for m in range(4, 13)] + [f"2018-{m:02d}" for m in range(1, 5)]
    series = [base + (7 * k) % 11 for k in range(13)]

    def ev(key, span, picks, label="", title="", shift=None):
        values = tuple(Reading(months[k], series[k] + (1 if k == shift else 0), 0) for k in picks)
        return Evidence(key, refs=(label,) if label else (), titles=(title,) if title else (), values=values,
                        pack="2018-05", file="f", unit_hint="number" if base > 100 else None,
                        order=(7, 0, int(span[0])), span=span)

    row = ev("row", (230.6, 253.7), range(3, 13), label=label)
    for piece, taken in ((ev("piece", (249.0, 254.4), range(0, 6)), True),
                         (ev("piece", (249.0, 254.4), range(0, 6), title="|"), True),       # rule glyphs: no label
                         (ev("piece", (254.0, 262.0), range(0, 6)), False),                 # below the row
                         (ev("piece", (249.0, 254.4), range(0, 6), shift=4), False),        # prints Aug differently
                         (ev("piece", (249.0, 254.4), range(0, 3)), False)):                # no month in common
        got = identify([row, piece], reg)
        assert got["row"].ref == label
        assert (got["piece"].ref == label) is taken, (piece, got["piece"])
        if taken:
            assert "a piece of row row" in got["piece"].why and got["piece"].by == got["row"].by
    other = ev("other", (252.0, 270.0), range(3, 13), label="CP9")
    got = identify([row, other, ev("piece", (249.0, 254.4), range(0, 6))], reg)
    assert got["piece"].ref is None                                    # it overlaps two labelled rows


@pytest.mark.parametrize("label, base", [("CP7", 52), ("M1", 1300)])
def test_the_label_half_of_a_split_row_keeps_its_ref_beside_the_half_with_the_values(label, base):
    """The same reader's other split: the ref and title with every month unreadable, and the values
    in a record of their own just below, which other packs identify. A row that prints no value
    claims no values, so the two are no conflict; a label row that does print values still is."""
    reg = load_register()
    months = [f"2020-{m:02d}" for m in range(1, 13)] + [f"2021-{m:02d}" for m in range(1, 5)]
    series = [base + (37 * k) % 23 for k in range(16)]

    def ev(key, pack, span, picks, label="", file="f"):
        return Evidence(key, refs=(label,) if label else (), values=tuple(Reading(months[k], series[k], 0) for k in picks),
                        pack=pack, file=file, unit_hint="number", order=(7, 0, int(span[0])), span=span)

    held = [ev("h1", "2020-12", (90, 110), range(0, 12), label, "g"), ev("h2", "2021-01", (90, 110), range(1, 13), label, "h")]
    values_half = ev("values", "2021-05", (263.0, 286.1), range(6, 16))
    label_half = ev("label", "2021-05", (234.2, 262.3), (), label)
    got = identify(held + [label_half, values_half], reg)
    assert got["values"].ref == label and got["values"].by == "values"
    assert got["label"].ref == label, got["label"]
    wrong = replace(label_half, values=(Reading(months[15], series[15] + 40, 0),))   # prints April otherwise
    got = identify(held + [wrong, values_half], reg)
    assert not (got["label"].ref == got["values"].ref == label)


@pytest.mark.parametrize("label, base", [("CP1", 120), ("LAC13", 40)])
def test_a_chart_copy_of_a_table_row_read_as_a_table_row_is_no_conflict(label, base):
    """A reader that took a chart's 13-month table for a dataset table row gives the file two table
    rows of one indicator: the dataset row's 7 months and the chart's 13. Printing no month
    differently, they are one row printed twice and both keep the ref; a chart row that prints one
    month differently is a conflict the values must settle."""
    reg = load_register()
    months = [f"2020-{m:02d}" for m in range(9, 13)] + [f"2021-{m:02d}" for m in range(1, 10)]
    series = [base + (13 * k) % 17 for k in range(13)]

    def ev(key, page, picks, label, shift=None):
        return Evidence(key, refs=(label,), values=tuple(Reading(months[k], series[k] + (5 if k == shift else 0), 0)
                                                         for k in picks),
                        pack="2021-10", file="f", unit_hint="number", order=(page, 0, 1), span=(60.0, 110.0))

    table, chart = ev("table", 6, range(6, 13), label), ev("chart", 12, range(0, 13), label)
    got = identify([table, chart], reg)
    assert got["table"].ref == got["chart"].ref == label
    got = identify([table, ev("chart", 12, range(0, 13), label, shift=9)], reg)
    assert not (got["table"].ref == got["chart"].ref == label)


def test_identification_does_not_depend_on_the_order_of_rows_or_packs(raw_packs):
    reg = load_register()
    rows, obs = _evidences(raw_packs, reg)
    by_row = {}
    for o in obs:
        by_row.setdefault(o.row_id, []).append(o)
    evs = [from_row(_junk(r) if r.kind == "dashboard" else r,
                    by_row.get(r.row_id, [])) for r in rows]
    first = identify(evs, reg)
    shuffled = evs[:]
    random.Random(7).shuffle(shuffled)
    assert identify(shuffled, reg) == first


# --------------------------------------------------------------------------------------------
# The contract: observations under a ref, unmatched.csv, apply, the register as user data

A_REGISTER = """ref,title,unit,aliases
FD1,Front door contacts received,count,
M2,Number of new referrals of Children In Need (CiN),count,
"""


@pytest.fixture()
def own_refs(tmp_path):
    """A council whose register calls M1 'FD1' and words it its own way: the packs' M1 rows match
    nothing until a person says which they are."""
    path = tmp_path / "register.csv"
    path.write_text(A_REGISTER, encoding="utf-8")
    return path


def test_a_run_writes_no_observation_without_a_ref_and_lists_unmatched_rows(pack_dir, tmp_path, own_refs):
    out = tmp_path / "out"
    summary = run([str(pack_dir)], str(out), ocr=False, workers=1, register=str(own_refs))
    obs = read_csv(out / "observations.csv")
    assert obs and {o["ref"] for o in obs} == {"M2"}
    unmatched = read_csv(out / "unmatched.csv")
    assert summary.unmatched == len(unmatched) > 50
    assert str(out / "unmatched.csv") in summary.render()
    for u in unmatched:
        assert u["ref"] == "" and u["row_id"] and u["file_hash"] and u["source"].startswith("pack_")
        assert u["where"].startswith("box ") and u["page"]
        assert u["values"].count(": ") >= 7 or u["kind"] == "dashboard"
    m1 = [u for u in unmatched if u["ref_printed"] == "M1" and u["kind"] == "table"]
    assert len(m1) == 3 and all("not in the register" in u["reason"] for u in m1), [u["reason"] for u in m1]


def test_apply_of_a_filled_unmatched_csv_puts_the_rows_into_the_series(pack_dir, tmp_path, own_refs):
    out = tmp_path / "out"
    run([str(pack_dir)], str(out), ocr=False, workers=1, register=str(own_refs))
    lines = read_csv(out / "unmatched.csv")
    for u in lines:
        if u["ref_printed"] == "M1" and u["kind"] == "table":
            u["ref"], u["note"] = "fd1", "M1 is our FD1"      # any spelling of a ref the register holds
    write_csv(out / "unmatched.csv", lines)
    text = apply(str(out / "unmatched.csv"), register=str(own_refs))
    assert "3 row(s) assigned" in text
    series = [s for s in read_csv(out / "series.csv") if s["ref"] == "FD1"]
    months = {s["month"] for s in series}
    assert {"2019-11", "2020-07"} <= months
    jul = next(s for s in series if s["month"] == "2020-07")
    assert jul["status"] == "ok" and "assigned" in jul["reason"] and "pack_2020-07.pdf" in jul["sources"]
    assert not any(u["ref_printed"] == "M1" and u["kind"] == "table" for u in read_csv(out / "unmatched.csv"))
    with Store(out) as store:
        (a, *_) = store.assignments()
        assert a.ref == "FD1" and a.note == "M1 is our FD1" and len(a.file_hash) == 64 and a.assigned_at
    # a later run keeps them, without reading the packs again
    summary = run([str(pack_dir)], str(out), ocr=False, workers=1, register=str(own_refs))
    assert summary.packs_read == 0
    assert [s for s in read_csv(out / "series.csv") if s["ref"] == "FD1"] == series


def test_a_malformed_unmatched_csv_is_rejected_and_changes_nothing(pack_dir, tmp_path, own_refs):
    out = tmp_path / "out"
    run([str(pack_dir)], str(out), ocr=False, workers=1, register=str(own_refs))
    before = (out / "series.csv").read_text(encoding="utf-8")
    lines = read_csv(out / "unmatched.csv")
    lines[0]["ref"] = "NOPE9"                        # a ref the register does not hold
    lines[1]["ref"], lines[1]["row_id"] = "M2", "deadbeef:1:0:1"    # a row the store does not hold
    write_csv(out / "unmatched.csv", lines)
    with pytest.raises(ReviewFileError) as e:
        apply(str(out / "unmatched.csv"), register=str(own_refs))
    text = e.value.line()
    assert "line 2: unknown ref 'NOPE9'" in text and "line 3: row 'deadbeef:1:0:1' is not in the store" in text
    assert e.value.exit_code == 8
    with Store(out) as store:
        assert store.assignments() == []
    assert (out / "series.csv").read_text(encoding="utf-8") == before


def test_a_changed_register_identifies_the_stored_rows_again_without_reading(pack_dir, tmp_path, own_refs):
    out = tmp_path / "out"
    first = run([str(pack_dir)], str(out), ocr=False, workers=1, register=str(own_refs))
    assert first.packs_read == 3 and first.unmatched > 50
    second = run([str(pack_dir)], str(out), ocr=False, workers=1)      # the bundled register
    assert second.packs_read == 0 and second.unmatched == 0 and second.reidentified > 50
    with Store(out) as store:
        assert store.registers_used() == {load_register().digest}
    obs = read_csv(out / "observations.csv")
    assert {"M1", "M2", "M6-QL", "M6-QL (val)"} <= {o["ref"] for o in obs}


# --------------------------------------------------------------------------------------------
# register init

def test_register_init_proposes_one_entry_per_indicator_the_packs_print(pack_dir, tmp_path):
    from recover.cli import main
    out = tmp_path / "proposed.csv"
    assert main(["register", "init", str(pack_dir), "--out", str(out), "--quiet", "--no-ocr"]) == 0
    proposed = load_register(out)                       # a register --register accepts as it is
    bundled = load_register()
    tables = [r for p in read_sources(open_all(sorted(str(p) for p in pack_dir.glob("*.pdf")))[0],
                                      Settings(ocr=False, workers=1))[0] for r in p.rows if r.kind == "table"]
    printed = {bundled.get(r.ref_printed).ref for r in tables}
    assert {i.ref for i in proposed} == printed
    for i in proposed:
        assert i.unit == bundled.get(i.ref).unit, i.ref
        assert i.title == bundled.get(i.ref).title and i.first_seen == "2020-05" <= i.last_seen


def test_register_init_on_the_real_seeds_proposes_their_indicators():
    """Four real extractions (OCR'd, markdown, pdfminer): refs garbled ('MG-QL (val)', 'СРЭ') or
    lost, titles truncated. Each indicator the seeds print (golden/real/rows.csv, read by hand) is
    one entry, with the bundled register's unit, and no entry holds two of them."""
    from recover.identify.propose import propose
    from recover.register import load_register
    from tests.golden_views import read_seed_packs, seed_row_truth
    packs, _ = read_seed_packs(load_register())
    rows = [r for p in packs for r in p.rows]
    obs = [o for p in packs for o in p.observations]
    proposal = propose([replace(r, ref=None) for r in rows], obs)
    truth = seed_row_truth()
    printed = {truth(r) for r in rows} - {None}
    assert len(proposal.indicators) == len(printed) == 64
    idents = identify_records(rows, obs, proposal.register)
    entry_of: dict[str, set] = {}
    for r in rows:
        if idents[r.row_id].ref and truth(r):
            entry_of.setdefault(truth(r), set()).add(idents[r.row_id].ref)
    assert all(len(e) == 1 for e in entry_of.values())          # none split
    assert len({next(iter(e)) for e in entry_of.values()}) == len(entry_of) == 64   # none merged
    units = {i.ref: i.unit for i in proposal.indicators}
    assert {t: units[next(iter(e))] for t, e in entry_of.items()} == {t: load_register().get(t).unit for t in entry_of}
    assert len(proposal.left_out) <= 3


def test_register_commands_take_a_register_file(tmp_path, capsys):
    from recover.cli import main
    assert main(["register", "--csv"]) == 0
    template = tmp_path / "template.csv"
    template.write_text(capsys.readouterr().out, encoding="utf-8")
    assert load_register(template).digest == load_register().digest
    assert main(["register", "--register", str(OTHER)]) == 0
    assert "CHILDREN LOOKED AFTER AT MONTH END" in capsys.readouterr().out
    assert main(["match", "Number of Section 47 (S47) enquiries started", "--ref", "CP1",
                 "--register", str(OTHER)]) == 0
    assert capsys.readouterr().out.startswith("match: CP1")
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,title,unit,aliases\nM1,,count,\n", encoding="utf-8")
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out"), "--register", str(bad), "--quiet"]) == 8
    assert "line 2: title is empty" in capsys.readouterr().err


def test_every_row_of_a_scanned_pack_gets_its_printed_indicator():
    """The demo's 300 dpi scan, read by OCR with the demo's text-layer packs: every row it prints
    (by where its cells are, corpus/demo/.meta/printed.csv) is identified as the printed indicator,
    with the bundled register and with the other council's; none wrong."""
    from recover.testing import printed_row_truth
    demo = ROOT / "corpus" / "demo"
    files = sorted(str(p) for p in demo.glob("*.pdf") if p.stem.endswith(("_text", "_scan300")))
    sources, errors = open_all(files)
    packs, errs = read_sources(sources, Settings(workers=1))
    assert not errors and not errs
    truth = printed_row_truth(demo / ".meta" / "printed.csv")
    scan = [p for p in packs if p.source.endswith("_scan300.pdf")]
    for register in (load_register(), load_register(OTHER)):
        held = {ref_key(i.ref): i.ref for i in register}
        rows = [r for p in identify_packs(packs, register) if p.source.endswith("_scan300.pdf") for r in p.rows]
        assert len(rows) >= 60
        wrong = [(r.ref_printed, truth(r), r.ref) for r in rows
                 if r.ref is not None and r.ref != held.get(ref_key(truth(r) or ""))]
        assert wrong == []
        missed = [(r.ref_printed, truth(r), r.match_why) for r in rows
                  if r.ref is None and ref_key(truth(r) or "") in held]
        assert missed == []
    assert scan


def test_register_init_holds_each_ref_once_when_a_dashboard_prints_it_bare(raw_packs):
    """A dashboard block whose percent note was missed, its chart title lost: its values print no
    '%' and its title names no kind of figure. It is the table's indicator, not a second entry of
    the same ref (which no register can hold), and the unit comes from the table."""
    from recover.identify.propose import propose
    rows = [replace(r, unit_hint="number", title_printed="", labels=()) if r.kind == "dashboard" else r
            for p in raw_packs for r in p.rows]
    proposal = propose(rows, [o for p in raw_packs for o in p.observations])
    refs = [i.ref for i in proposal.indicators]
    assert len(refs) == len(set(refs))
    bundled = load_register()
    blocks = {r.ref_printed for r in rows if r.kind == "dashboard"} & set(refs)
    assert blocks and all(proposal.register.get(b).unit == bundled.get(b).unit for b in blocks)


# --------------------------------------------------------------------------------------------
# A reader that paired a block of refs with the next row's values: its anchors hold shifted copies

def _month(k: int) -> str:
    return f"{2017 + k // 12}-{k % 12 + 1:02d}"


def _block_files(block, shifted_packs=(), n_shifted=2, packs=range(17, 25)):
    """Evidence of the files of packs 2018-06 .. 2019-01 (month numbers from 2017-01), each printing
    `block`'s rows with their last 13 months; each pack in shifted_packs has n_shifted more files whose
    reader paired every ref with the next row's values (the block's last ref pairs with nothing).
    A row's series keeps to a few values near its base (counts that change little month to month),
    so a value is common in its own series and rare in its neighbours'."""
    def series(k, m):
        return block[k][1] + (7 * m + 3 * k) % 5

    out = []
    for p in packs:
        files = [("f", False)] + [(f"s{n}", True) for n in range(n_shifted if p in shifted_packs else 0)]
        for f, shift in files:
            for k, (ref, _) in enumerate(block[:-1] if shift else block):
                src = k + 1 if shift else k
                out.append(Evidence(f"{_month(p)}/{f}/{ref}", refs=(ref,), values=tuple(
                    Reading(_month(m), series(src, m), 0) for m in range(p - 13, p)), pack=_month(p),
                    file=f"{_month(p)}/{f}", unit_hint="number", order=(7, 0, k)))
    return out


BLOCKS = [(("CP9", 86), ("CP7", 26), ("LAC1", 517), ("LAC2", 14), ("LAC3", 300)),
          (("M1", 1354), ("M2", 402), ("CP9", 73), ("CP7", 160))]


@pytest.mark.parametrize("block", BLOCKS, ids=["CP-LAC", "M-CP"])
def test_a_copy_few_packs_hold_does_not_vouch_for_a_row(block):
    """One pack's two files whose refs were paired with the next row's values (as a reader of
    text without positions did with a page's CP7 .. LAC3 block) hold each indicator's values under
    the ref above. The other packs' rows, printed right, agree with those copies too; but the
    copies are outvoted month after month by what every other pack holds, so each row keeps its own
    label, and the shifted rows are either named by their values (overruling a sure label: not
    surely) or left unmatched. Never another row's ref."""
    reg = load_register()
    evs = _block_files(block, shifted_packs=(23,))
    got = identify(evs, reg)
    for ev in evs:
        file, ref = ev.key.rsplit("/", 1)
        truth = ref if file.endswith("/f") else block[[r for r, _ in block].index(ref) + 1][0]
        i = got[ev.key]
        assert i.ref in (truth, None), (ev.key, i)
        if file.endswith("/f"):
            assert i.ref == truth and i.by == "label+values", (ev.key, i)
        elif i.ref is not None:
            assert i.by == "values" and i.score <= 0.75, (ev.key, i)


@pytest.mark.parametrize("block", BLOCKS, ids=["CP-LAC", "M-CP"])
def test_a_row_whose_values_agree_with_its_label_and_another_indicator_is_unmatched(block):
    """Where a shifted copy is all another pack holds of some months, a row printed right agrees
    with both its own indicator and the one above it: the evidence names two indicators, and the
    row goes to a person rather than under either (control: with the shifted file gone, the row
    keeps its label)."""
    reg = load_register()
    held = _block_files(block, shifted_packs=(17,), n_shifted=1, packs=(17,))
    held = [e for e in held if "/s0/" in e.key]          # pack 2018-06's shifted file alone
    row = _block_files(block, packs=(18,))[1]            # pack 2018-07's row of the second ref
    got = identify(held + [row], reg)[row.key]
    above = block[0][0]
    assert got.ref != above
    assert got.ref is None and "name two indicators" in got.why or got.ref == block[1][0] and got.score < 0.9, got


@pytest.mark.parametrize("base, other", [(517, 26), (1354, 402)])
def test_an_agreement_is_only_as_good_as_the_copy_it_agrees_with(base, other):
    """Ten packs hold an indicator's series; one pack's shifted file holds the next row's values
    under it. A row that prints those next-row values agrees with the copy at every month, but the
    copy is what one pack of eleven shows: the agreement weighs far less than agreement with what
    the ten show (before, the rarer values made the copy look the more telling)."""
    from recover.identify import HeldValues
    series = {m: base + (7 * m) % 5 for m in range(30)}
    shifted = {m: other + (7 * m + 3) % 5 for m in range(30)}
    held = HeldValues()
    for p in range(17, 27):
        held.add("X", _month(p), [Reading(_month(m), series[m], 0) for m in range(p - 13, p)])
    held.add("X", _month(23), [Reading(_month(m), shifted[m], 0) for m in range(10, 23)])
    right = held.agreement("X", [Reading(_month(m), series[m], 0) for m in range(14, 27)], _month(27))
    copy = held.agreement("X", [Reading(_month(m), shifted[m], 0) for m in range(14, 27)], _month(27))
    assert copy.agree == 9 and right.agree == right.overlap == 12
    assert copy.llr < right.llr / 2, (copy, right)


def _series_ev(key, pack, ref, months, series, file=None):
    return Evidence(key, refs=(ref,) if ref else (), values=tuple(Reading(_month(m), series(m), 0) for m in months),
                    pack=_month(pack), file=file or key, unit_hint="number", order=(5, 0, 1))


@pytest.mark.parametrize("ref, rival, base", [("CP9", "CP7", 86), ("M1", "M2", 1354)])
def test_values_that_two_indicators_claim_name_neither(ref, rival, base):
    """An unlabelled row is identified by its values only where they exclude the other rows: when
    its values agree as well with what other packs hold under another indicator (later packs that
    print the series under another ref, months the first packs do not print), the row is unmatched
    (control: the later pack gone, the values name the row)."""
    reg = load_register()
    s = lambda m: base + (37 * m) % 23            # noqa: E731
    held = [_series_ev(f"h{p}", p, ref, range(p - 13, p), s) for p in (20, 21, 22)]    # months 7 .. 21
    rival_copy = _series_ev("r", 29, rival, range(22, 29), s)
    row = _series_ev("x", 28, "", range(15, 28), s)
    got = identify(held + [row], reg)["x"]
    assert got.ref == ref and got.by == "values", got
    got = identify(held + [rival_copy, row], reg)["x"]
    assert got.ref is None and f"{rival} at" in got.why and "as well" in got.why, got


@pytest.mark.parametrize("ref, neighbour, base", [("CP9", "CP7", 86), ("M1", "M2", 1354)])
def test_values_that_are_another_indicators_one_month_off_name_neither(ref, neighbour, base):
    """An unlabelled row whose values agree with one indicator, and with another's held values one
    month later, may be the other's row with its values put one month column over: doubtful, so
    unmatched (control: the other indicator's series unrelated, the values name the row)."""
    reg = load_register()
    s = lambda m: base + (37 * m) % 23            # noqa: E731
    held = [_series_ev(f"h{p}", p, ref, range(p - 13, p), s) for p in (20, 21, 22)]
    later = [_series_ev(f"n{p}", p, neighbour, range(p - 13, p), lambda m: s(m - 1)) for p in (20, 21, 22)]
    unrelated = [_series_ev(f"n{p}", p, neighbour, range(p - 13, p), lambda m: 3 * base + m) for p in (20, 21, 22)]
    row = _series_ev("x", 25, "", range(12, 25), s)
    got = identify(held + unrelated + [row], reg)["x"]
    assert got.ref == ref and got.by == "values", got
    got = identify(held + later + [row], reg)["x"]
    assert got.ref is None and f"a month later they agree with {neighbour}" in got.why, got


# --------------------------------------------------------------------------------------------
# OCR'd text: a twin's suffix on a line of its own

OCR_TEXT = ROOT / "tests" / "data" / "identify" / "tesseract-psm3"


@pytest.fixture(scope="module")
def ocr_text_packs():
    sources, errors = open_all(sorted(str(p) for p in OCR_TEXT.glob("*.txt")))
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1))
    assert not errors and not errs and len(packs) == 2
    return packs


def cp5_rows(packs):
    """{source: {lead word of the title: row}} of the rows printing 'CP5-QL', with its suffix or
    without (the extracted-text reader joins a suffix that only a line of rule marks keeps from
    its ref, as in the 2020-05 pack; the 2019-08 pack's is further down, for identification)."""
    out: dict = {}
    for p in packs:
        for r in p.rows:
            if r.ref_printed.strip().startswith("CP5-QL"):
                lead = r.title_printed.strip("| _").split()[0]
                out.setdefault(p.source, {})[lead] = r
    return out


def test_a_clean_ref_whose_twin_suffix_is_on_a_later_line_gets_the_twin_the_title_and_unit_name(ocr_text_packs):
    """Two packs of two renderers: tesseract printed CP5-QL (val)'s '(val)' lines below its ref;
    the title counts a Number and no value prints '%', both CP5-QL (val)'s, neither CP5-QL's."""
    rows = cp5_rows(identify_packs(ocr_text_packs, load_register()))
    assert len(rows) == 2
    for source, by_lead in rows.items():
        assert by_lead["Number"].ref == "CP5-QL (val)", (source, by_lead["Number"].match_why)
        assert by_lead["Percentage"].ref == "CP5-QL", (source, by_lead["Percentage"].match_why)


def test_a_register_without_the_twin_leaves_such_a_row_unmatched(ocr_text_packs):
    other = load_register(str(OTHER))
    assert other.get("CP5-QL") is not None and not any(i.ref == "CP5-QL (val)" for i in other)
    for source, by_lead in cp5_rows(identify_packs(ocr_text_packs, other)).items():
        assert by_lead["Number"].ref is None, (source, by_lead["Number"].match_why)


def test_unmatched_csv_lists_rows_a_person_can_assign_and_counts_stray_records(tmp_path):
    """pdfminer's text of a pack emits the % change, benchmark and target columns of a table as
    runs of their own, which the reader makes records of that print only '-' in their month cells
    and no ref: no ref would put anything into the series, so unmatched.csv leaves them out and the
    run counts them. The rows that print values or a ref stay listed."""
    from recover.identify.unmatched import assignable
    src = ROOT / "tests" / "data" / "identify" / "pdfminer" / "agenda_2020-06-11_text.pdfminer.txt"
    sources, errors = open_all([str(src)])
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1))
    pack = identify_packs(packs, load_register())[0]
    obs_of = {r.row_id: [o for o in pack.observations if o.row_id == r.row_id] for r in pack.rows}
    unmatched = [r for r in pack.rows if not r.ref]
    stray = [r for r in unmatched if not assignable(r, obs_of[r.row_id])]
    assert stray and len(stray) < len(unmatched)
    assert all(not r.ref_printed.strip() and all(o.status == "missing" for o in obs_of[r.row_id]) for r in stray)
    out = tmp_path / "out"
    summary = run([str(src)], str(out), ocr=False, workers=1)
    listed = read_csv(out / "unmatched.csv")
    assert not {u["row_id"] for u in listed} & {r.row_id for r in stray}
    assert summary.unmatched == len(listed) == len(unmatched) - len(stray)
    assert summary.unmatched_noise == len(stray) and f"{len(stray)} stray record(s)" in summary.render()
    assert all(u["ref_printed"].strip() or any(c.split(": ", 1)[1] not in ("-", "(blank)")
                                               for c in u["values"].split("; ")) for u in listed)
