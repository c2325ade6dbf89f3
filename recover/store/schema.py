"""The store's schema, versioned with SQLite's `PRAGMA user_version`.

`MIGRATIONS` is an ordered list: migration N takes a store at version N-1 to version N. A store is
brought up to date in place when it is opened, all its pending migrations in one transaction, so
an interrupted upgrade leaves the store as it was. A store whose version is higher than the last
migration was written by a newer recover and is refused (it is never "downgraded").

To change the schema, append a `Migration` at the end with the next number and a line saying why.
Never edit or reorder one that has landed: stores in use have already run it, and will not again.
A migration is SQL (statements separated by `;`), or a function of the connection for changes SQL
alone cannot express (filling a new column from old ones); it runs inside the upgrade transaction,
so it must not commit.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Migration:
    version: int
    why: str
    sql: str = ""
    run: Callable[[sqlite3.Connection], None] | None = None

    def apply(self, db: sqlite3.Connection) -> None:
        for statement in statements(self.sql):
            db.execute(statement)
        if self.run is not None:
            self.run(db)


# Stores made before versioning have user_version 0 and exactly these tables; `IF NOT EXISTS` lets
# migration 1 adopt them as they are.
BASE = """
CREATE TABLE IF NOT EXISTS packs (
    file_hash TEXT PRIMARY KEY, source TEXT, path TEXT, pack TEXT, window INTEGER, pages INTEGER,
    method TEXT, settings_key TEXT, read_at TEXT, seconds REAL, warnings TEXT);
CREATE TABLE IF NOT EXISTS pages (
    file_hash TEXT, page INTEGER, layer TEXT, kind TEXT, why TEXT,
    PRIMARY KEY (file_hash, page));
CREATE TABLE IF NOT EXISTS observations (
    file_hash TEXT, page INTEGER, ref TEXT, month TEXT, raw TEXT, value REAL, status TEXT,
    confidence REAL, method TEXT, box TEXT, decimals INTEGER, row_id TEXT, why TEXT,
    UNIQUE (file_hash, page, row_id, month));
CREATE INDEX IF NOT EXISTS observations_ref_month ON observations (ref, month);
CREATE TABLE IF NOT EXISTS rows (
    row_id TEXT PRIMARY KEY, file_hash TEXT, pack TEXT, source TEXT, page INTEGER, ref TEXT,
    ref_printed TEXT, title_printed TEXT, match_score REAL, match_why TEXT, owner TEXT, reporter TEXT,
    outcome TEXT, commentary TEXT, extras TEXT, candidates TEXT, confidence REAL, method TEXT, box TEXT);
CREATE INDEX IF NOT EXISTS rows_file ON rows (file_hash);
CREATE TABLE IF NOT EXISTS series (
    ref TEXT, month TEXT, value REAL, confidence REAL, status TEXT, n_sources INTEGER, sources TEXT,
    reason TEXT, PRIMARY KEY (ref, month));
CREATE TABLE IF NOT EXISTS corrections (
    ref TEXT, month TEXT, corrected_value REAL, previous_value REAL, previous_status TEXT,
    applied_at TEXT, reviewer_note TEXT, evidence_key TEXT);
CREATE INDEX IF NOT EXISTS corrections_cell ON corrections (ref, month);
CREATE TABLE IF NOT EXISTS runs (
    started_at TEXT, finished_at TEXT, inputs TEXT, packs_read INTEGER, packs_skipped INTEGER, args TEXT);
"""

# Migration 3. `indicators` is the register the last run matched with (`meta` says which: its
# origin and content hash); series.decimals keeps the printed precision (19.10 is not 19.1).
HANDOVER = """
CREATE TABLE indicators (
    ref TEXT PRIMARY KEY, title TEXT, unit TEXT, aliases TEXT, position INTEGER, first_seen TEXT,
    last_seen TEXT, section TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
ALTER TABLE series ADD COLUMN decimals INTEGER;
CREATE VIEW observations_with_sources AS
    SELECT k.pack, k.source, k.path, o.page, o.ref, i.title, i.unit, o.month, o.raw, o.value, o.decimals,
           o.status, o.confidence, o.method, o.box, o.lines, o.why, o.row_id, o.file_hash, k.read_at
    FROM observations o JOIN packs k USING (file_hash) LEFT JOIN indicators i ON i.ref = o.ref;
CREATE VIEW series_with_titles AS
    SELECT s.ref, i.title, i.unit, s.month, s.value, s.decimals, s.confidence, s.status, s.n_sources,
           s.sources, s.reason
    FROM series s LEFT JOIN indicators i USING (ref);
CREATE VIEW review_cells AS
    SELECT * FROM series_with_titles WHERE status = 'review';
CREATE VIEW corrections_in_force AS
    SELECT c.ref, i.title, c.month, c.corrected_value, c.previous_value, c.previous_status, c.applied_at,
           c.reviewer_note
    FROM corrections c LEFT JOIN indicators i USING (ref)
    WHERE c.rowid = (SELECT d.rowid FROM corrections d WHERE d.ref = c.ref AND d.month = c.month
                     ORDER BY d.applied_at DESC, d.rowid DESC LIMIT 1);
CREATE VIEW pages_with_sources AS
    SELECT k.pack, k.source, k.path, p.page, p.layer, p.kind, p.why, p.file_hash
    FROM pages p JOIN packs k USING (file_hash);
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "packs, pages, observations, rows, series, corrections and runs", BASE),
    Migration(2, "the source lines a row of a text input was read from, so a reviewer finds it without recover",
              """ALTER TABLE observations ADD COLUMN lines TEXT;
                 ALTER TABLE rows ADD COLUMN lines TEXT"""),
    Migration(3, "the register, titles and units in the store, and views joining observations to packs and "
                 "sources: a store handed over on its own says what every number is and where it was printed",
              HANDOVER),
    Migration(4, "identification as its own stage: what a row prints of itself (kind, unit of its values, "
                 "more label text), how and with which register it was identified, the reading's confidence "
                 "before identification, and the rows a person assigned (unmatched.csv); the readings view "
                 "holds only readings under a ref, unmatched rows have their own",
              """ALTER TABLE rows ADD COLUMN kind TEXT DEFAULT 'table';
                 ALTER TABLE rows ADD COLUMN unit_hint TEXT;
                 ALTER TABLE rows ADD COLUMN labels TEXT;
                 ALTER TABLE rows ADD COLUMN identified_by TEXT;
                 ALTER TABLE rows ADD COLUMN register TEXT;
                 ALTER TABLE observations ADD COLUMN read_confidence REAL;
                 CREATE INDEX IF NOT EXISTS observations_row ON observations (row_id);
                 CREATE TABLE IF NOT EXISTS assignments (
                     file_hash TEXT, row_id TEXT, fingerprint TEXT, ref TEXT, assigned_at TEXT, note TEXT,
                     source TEXT, ref_printed TEXT, title_printed TEXT, PRIMARY KEY (file_hash, row_id));
                 DROP VIEW IF EXISTS observations_with_sources;
                 CREATE VIEW observations_with_sources AS
                     SELECT k.pack, k.source, k.path, o.page, o.ref, i.title, i.unit, o.month, o.raw, o.value,
                            o.decimals, o.status, o.confidence, o.method, o.box, o.lines, o.why, o.row_id,
                            o.file_hash, k.read_at
                     FROM observations o JOIN packs k USING (file_hash) LEFT JOIN indicators i ON i.ref = o.ref
                     WHERE o.ref IS NOT NULL;
                 CREATE VIEW unmatched_rows AS
                     SELECT k.pack, k.source, k.path, r.page, r.box, r.lines, r.kind, r.ref_printed,
                            r.title_printed, r.candidates, r.match_score, r.match_why, r.row_id, r.file_hash
                     FROM rows r JOIN packs k USING (file_hash) WHERE r.ref IS NULL"""),
    Migration(5, "the version of recover that made each reading (an upgrade reads stale packs again) and "
                 "the pages it could not read, typed (such a pack is kept and tried again)",
              """ALTER TABLE packs ADD COLUMN reader TEXT;
                 ALTER TABLE packs ADD COLUMN failures TEXT"""),
    Migration(6, "whether a row was read from text that drops blank cells (its months inferred from the "
                 "order of its values), so a stored row says how its months were known",
              "ALTER TABLE rows ADD COLUMN blanks_dropped INTEGER DEFAULT 0"),
]


class NewerStoreError(Exception):
    """The store's schema is newer than this code knows."""

    def __init__(self, found: int, known: int):
        self.found, self.known = found, known
        super().__init__(f"the store was written by a newer recover (schema {found}; this one knows up to {known})")


class MigrationError(Exception):
    """A migration failed; the upgrade was rolled back and the store is as it was."""

    def __init__(self, migration: Migration, error: Exception):
        self.migration = migration
        super().__init__(f"the upgrade to schema {migration.version} ({migration.why}) failed: {error}; "
                         "the store is unchanged")


def latest() -> int:
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, migrations: list[Migration] | None = None) -> list[Migration]:
    """Bring the store up to the last migration; returns the migrations that ran. The connection
    must be in autocommit mode (isolation_level=None): the upgrade is one explicit transaction."""
    migrations = MIGRATIONS if migrations is None else migrations
    check_order(migrations)
    known = migrations[-1].version if migrations else 0
    if version(db) == known:          # the common case: no write lock taken
        return []
    db.execute("BEGIN IMMEDIATE")
    try:
        current = version(db)         # read again under the lock: another run may have upgraded it
        if current > known:
            raise NewerStoreError(current, known)
        pending = [m for m in migrations if m.version > current]
        for m in pending:
            try:
                m.apply(db)
            except sqlite3.Error as e:
                raise MigrationError(m, e) from e
        # PRAGMA takes no parameters; the value is an int from the list above
        db.execute(f"PRAGMA user_version = {int(known)}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return pending


def check_order(migrations: list[Migration]) -> None:
    """Versions must be 1, 2, 3, ... in list order: a gap or a duplicate is a merge mistake."""
    for i, m in enumerate(migrations, start=1):
        if m.version != i:
            raise ValueError(f"migration {m.version} ({m.why}) is at position {i}; versions must be 1..n in order")


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (sqlite3.complete_statement knows about quotes,
    comments and trigger bodies); executescript cannot be used because it commits."""
    out, buf = [], ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n\t;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \n\t;"):
        raise ValueError(f"incomplete SQL statement in a migration: {buf.strip()[:60]!r}")
    return out
