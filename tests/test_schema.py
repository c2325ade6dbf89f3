"""The store's schema is versioned: old stores are upgraded in place, newer ones refused, and adding a
migration at the end of the list is all it takes to change the schema."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from recover.testing import make_pack
from recover.errors import ExitCode, StoreError
from recover.store import Store, schema
from tests.golden_views import seed_view


def _pack():
    return make_pack("2019-06", "jun19.pdf", seed_view("004", ("M1", "M3")), 14)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _user_version(path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        db.close()


def test_a_new_store_is_at_the_latest_version(tmp_path):
    store = Store(tmp_path)
    assert [m.version for m in store.migrated] == list(range(1, schema.latest() + 1))
    store.close()
    assert _user_version(tmp_path / "recover.sqlite") == schema.latest()
    again = Store(tmp_path)
    assert again.migrated == []                      # nothing left to do on the second open


def test_a_store_made_before_versioning_is_adopted_with_its_data(tmp_path):
    """Such a store has user_version 0 and the first migration's tables, made by executescript."""
    path = tmp_path / "recover.sqlite"
    old = sqlite3.connect(path)
    old.executescript(schema.MIGRATIONS[0].sql)
    old.execute("INSERT INTO corrections VALUES ('M1','2019-03',4.0,3.0,'review','2026-01-01','x','h:3')")
    old.commit()
    old.close()
    store = Store(tmp_path)
    assert [m.version for m in store.migrated] == list(range(1, schema.latest() + 1))
    (c,) = store.corrections()
    assert (c.ref, c.month, c.corrected_value) == ("M1", "2019-03", 4.0)


def test_an_appended_migration_upgrades_an_existing_store_in_place(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.upsert_pack(_pack(), "k")
    store.close()
    n = schema.latest()
    added = schema.Migration(n + 1, "a note per pack",
                             "ALTER TABLE packs ADD COLUMN note TEXT; "
                             "CREATE TABLE notes (file_hash TEXT, text TEXT DEFAULT 'a;b')")
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, added])
    store = Store(tmp_path)
    assert store.migrated == [added]
    assert len(store.observations()) == 28                              # the data is kept
    cols = {r[1] for r in store.db.execute("PRAGMA table_info(packs)")}
    assert "note" in cols
    store.db.execute("INSERT INTO notes (file_hash) VALUES ('x')")
    assert store.db.execute("SELECT text FROM notes").fetchone() == ("a;b",)
    store.close()
    assert _user_version(tmp_path / "recover.sqlite") == n + 1


def test_a_migration_can_be_a_function(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.upsert_pack(_pack(), "k")
    store.close()

    def fill(db):
        db.execute("UPDATE packs SET note = source || ' read'")
    n = schema.latest()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS,
                                               schema.Migration(n + 1, "note", "ALTER TABLE packs ADD COLUMN note TEXT",
                                                                run=fill)])
    store = Store(tmp_path)
    assert store.db.execute("SELECT note FROM packs").fetchone() == ("jun19.pdf read",)


def test_a_failing_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.upsert_pack(_pack(), "k")
    store.close()
    path = tmp_path / "recover.sqlite"
    n = schema.latest()
    monkeypatch.setattr(schema, "MIGRATIONS", [
        *schema.MIGRATIONS,
        schema.Migration(n + 1, "two steps, the second wrong",
                         "CREATE TABLE half (x TEXT); ALTER TABLE no_such_table ADD COLUMN y TEXT")])
    with pytest.raises(StoreError) as e:
        Store(tmp_path)
    assert e.value.exit_code == ExitCode.STORE and "\n" not in e.value.line()
    assert f"schema {n + 1}" in e.value.line() and "unchanged" in e.value.line()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:n])
    assert _user_version(path) == n
    store = Store(tmp_path)
    assert len(store.observations()) == 28
    assert not store.db.execute("SELECT 1 FROM sqlite_master WHERE name='half'").fetchone()


def test_a_store_from_a_newer_recover_is_refused_untouched(tmp_path):
    store = Store(tmp_path)
    store.upsert_pack(_pack(), "k")
    store.db.execute(f"PRAGMA user_version = {schema.latest() + 3}")
    store.close()
    path = tmp_path / "recover.sqlite"
    before = _digest(path)
    with pytest.raises(StoreError) as e:
        Store(tmp_path)
    line = e.value.line()
    assert "newer recover" in line and str(path) in line and "\n" not in line
    assert e.value.exit_code == ExitCode.STORE
    assert _digest(path) == before


def test_migration_versions_are_one_to_n_in_order():
    schema.check_order(schema.MIGRATIONS)
    with pytest.raises(ValueError, match="position 2"):
        schema.check_order([schema.Migration(1, "a"), schema.Migration(3, "gap")])
    with pytest.raises(ValueError, match="position 2"):
        schema.check_order([schema.Migration(1, "a"), schema.Migration(1, "twice")])


def test_statements_split_on_semicolons_outside_quotes():
    assert schema.statements("CREATE TABLE t (x TEXT DEFAULT ';'); INSERT INTO t VALUES ('a;b');\n") == [
        "CREATE TABLE t (x TEXT DEFAULT ';');", "INSERT INTO t VALUES ('a;b');"]
    with pytest.raises(ValueError, match="incomplete"):
        schema.statements("INSERT INTO t VALUES ('open")
