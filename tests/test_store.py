"""Store: idempotent upserts keyed by content hash, incremental skip, corrections kept apart."""
from __future__ import annotations

import sqlite3

from recover.model import PageInfo
from recover.testing import make_pack
from recover.store import Correction, Store
from tests.golden_views import seed_view





def test_upsert_is_idempotent_and_replaces(tmp_path):
    view = seed_view("004", ("M1", "M3"))
    pack = make_pack("2019-06", "jun19.pdf", view, 14)
    store = Store(tmp_path)
    assert store.path == tmp_path / "recover.sqlite"
    store.upsert_pack(pack, "dpi=300")
    store.upsert_pack(pack, "dpi=300")
    obs = store.observations()
    assert len(obs) == 28 and len(store.rows()) == 2 and len(store.packs()) == 1
    m3 = {o.month: o for o in obs if o.ref == "M3"}
    assert m3["2019-03"].value == 33.9 and m3["2019-03"].decimals == 1 and m3["2019-03"].pack == "2019-06"
    assert m3["2019-03"].source == "jun19.pdf" and m3["2019-03"].row_id

    # the same file read again with fewer cells: its old records go, nothing is left behind
    smaller = make_pack("2019-06", "jun19.pdf", {"M1": view["M1"]}, 7)
    store.upsert_pack(smaller, "dpi=400")
    assert len(store.observations()) == 7 and [r.ref for r in store.rows()] == ["M1"]


def test_rows_round_trip_extras_and_candidates(tmp_path):
    pack = make_pack("2019-06", "jun19.pdf", seed_view("004", ("M2",)), 14)
    store = Store(tmp_path / "s.sqlite")
    store.upsert_pack(pack, "k")
    (row,) = store.rows()
    assert row == pack.rows[0]
    assert row.extra("max12").value == 577 and row.extra("pct_prev").value == 4


def test_incremental_skip_depends_on_settings(tmp_path):
    pack = make_pack("2019-06", "jun19.pdf", seed_view("004", ("M4",)), 14)
    store = Store(tmp_path)
    assert not store.has_pack(pack.file_hash, "dpi=300")
    store.upsert_pack(pack, "dpi=300")
    assert store.has_pack(pack.file_hash, "dpi=300")
    assert not store.has_pack(pack.file_hash, "dpi=400")       # other settings: read again
    store.close()
    again = Store(tmp_path)                                      # persisted on disk
    assert again.has_pack(pack.file_hash, "dpi=300")


def test_corrections_survive_reupserts(tmp_path):
    pack = make_pack("2019-06", "jun19.pdf", seed_view("004", ("M4",)), 14)
    store = Store(tmp_path)
    store.upsert_pack(pack, "k")
    store.add_correction(Correction("M4", "2019-03", 4.0, 3.0, "review", "2026-01-01T00:00:00", "checked", "x:3"))
    store.upsert_pack(pack, "k2")
    (c,) = store.corrections()
    assert (c.ref, c.month, c.corrected_value, c.previous_value) == ("M4", "2019-03", 4.0, 3.0)


def test_schema_has_the_contract_columns(tmp_path):
    store = Store(tmp_path)
    pack = make_pack("2019-06", "jun19.pdf", seed_view("004", ("M4",)), 14)
    pack = pack.__class__(**{**pack.__dict__, "pages": (PageInfo("jun19.pdf", 1, "text", "dataset", "months"),)})
    store.upsert_pack(pack, "k")
    store.record_run("2026-01-01T00:00:00", "2026-01-01T00:01:00", ["a.pdf"], 1, 0, {"dpi": 300})
    db = sqlite3.connect(tmp_path / "recover.sqlite")

    def cols(t):
        return {r[1] for r in db.execute(f"PRAGMA table_info({t})")}
    assert {"file_hash", "source", "path", "pack", "window", "pages", "method", "settings_key", "read_at",
            "seconds"} <= cols("packs")
    assert {"file_hash", "page", "layer", "kind", "why"} <= cols("pages")
    assert {"file_hash", "page", "ref", "month", "raw", "value", "status", "confidence", "method", "box",
            "decimals", "row_id", "why"} <= cols("observations")
    assert {"row_id", "extras", "candidates", "owner", "reporter", "commentary"} <= cols("rows")
    assert {"ref", "month", "value", "confidence", "status", "n_sources", "sources", "reason"} <= cols("series")
    assert {"corrected_value", "previous_value", "previous_status", "applied_at", "reviewer_note",
            "evidence_key"} <= cols("corrections")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.runs()[0].packs_read == 1 and store.runs()[0].args == {"dpi": 300}
    assert store.pages()[0].kind == "dataset"


def test_a_file_replaced_in_place_drops_its_stale_read(tmp_path):
    """Same path, new content: the old reading must not stay behind as a second agreeing source."""
    from dataclasses import replace
    view = seed_view("004", ("M1",))
    old = make_pack("2019-06", "jun19.pdf", view, 14)
    new = replace(make_pack("2019-06", "jun19.pdf", view, 14), file_hash="f" * 64)
    store = Store(tmp_path)
    store.upsert_pack(old, "k")
    store.upsert_pack(new, "k")
    assert [p.file_hash for p in store.packs()] == ["f" * 64]
    assert len(store.observations()) == 14
