"""The store handed over on its own: plain sqlite3, no recover, says what every number is and where it was printed."""
from __future__ import annotations

import sqlite3

from recover.api import run
from recover.store import Store, schema
from tests.pdfs import table_pdf


def test_titles_units_register_and_sources_from_sqlite_alone(tmp_path):
    table_pdf(str(tmp_path / "apr20.pdf"))
    out = tmp_path / "out"
    run([str(tmp_path / "apr20.pdf")], str(out))
    db = sqlite3.connect(out / "recover.sqlite")
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.latest()
    title, unit = db.execute("SELECT title, unit FROM indicators WHERE ref = 'M6-QL'").fetchone()
    assert title.startswith("Percentage of referrals which are re-referrals") and unit == "percent"
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert len(meta["register_digest"]) == 64 and meta["register_origin"]
    # every reading with its pack, file, page, box and the indicator's title
    rows = db.execute("SELECT pack, source, page, ref, title, unit, month, raw, value, box "
                      "FROM observations_with_sources WHERE ref = 'M1' ORDER BY month").fetchall()
    assert len(rows) == 7 and rows[0][:7] == ("2020-04", "apr20.pdf", 1, "M1", rows[0][4], "count", "2019-10")
    assert rows[0][7:9] == ("1354", 1354.0) and rows[0][9].count(",") == 3
    assert db.execute("SELECT count(*) FROM observations").fetchone() == \
        db.execute("SELECT count(*) FROM observations_with_sources").fetchone()
    # the series with titles, units and the printed precision
    got = db.execute("SELECT title, unit, value, decimals, status FROM series_with_titles "
                     "WHERE ref = 'M6-QL' AND month = '2019-10'").fetchone()
    assert got[1:] == ("percent", 3.0, 0, "ok") and got[0] == title
    assert db.execute("SELECT count(*) FROM series").fetchone() == db.execute(
        "SELECT count(*) FROM series_with_titles").fetchone()
    kinds = dict(db.execute("SELECT page, kind FROM pages_with_sources WHERE source = 'apr20.pdf'"))
    assert kinds == {1: "dataset"}


def test_a_store_of_the_previous_schema_is_brought_up_to_date(tmp_path):
    path = tmp_path / "recover.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    schema.migrate(db, schema.MIGRATIONS[:2])
    db.execute("INSERT INTO series (ref, month, value, confidence, status, n_sources, sources, reason) "
               "VALUES ('M1', '2019-10', 1354, 1.0, 'ok', 1, '', '')")
    db.close()
    store = Store(path)
    assert [m.version for m in store.migrated] == list(range(3, schema.latest() + 1))
    assert store.db.execute("SELECT ref, value, decimals FROM series_with_titles").fetchall() == [("M1", 1354.0, None)]
    store.close()
