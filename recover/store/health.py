"""`recover doctor --store DIR`: SQLite's integrity_check on the store, read without writing to it,
and what to do about what it finds."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import faults, schema
from .sqlite import STORE_FILE


@dataclass(frozen=True)
class Health:
    path: str
    ok: bool
    text: str            # one line: the state and, when not ok, the fix


def store_health(store_dir: str) -> Health:
    path = Path(store_dir)
    db = path if path.suffix == ".sqlite" else path / STORE_FILE
    name = str(db)
    if not db.exists():
        return Health(name, False, f"store {name}: not found -> run 'recover run PACKS --out {store_dir}' first")
    aside = f"mv {name} {name}.damaged"
    seen = faults.damage(name)
    if seen:
        return Health(name, False, f"store {name}: DAMAGED, {seen} -> {aside}, then run recover again "
                                   "(it starts a new store; keep the damaged copy if it held review corrections)")
    try:
        db_conn = faults.read_only_connection(db)
    except sqlite3.Error as e:
        return Health(name, False, f"store {name}: cannot be opened ({e}) -> check its permissions, or {aside}")
    try:
        return _check(db_conn, name, aside)
    except sqlite3.DatabaseError as e:
        return Health(name, False, f"store {name}: DAMAGED ({e}) -> {aside}, then run recover again "
                                   "(keep the damaged copy if it held review corrections)")
    finally:
        db_conn.close()


def _check(conn: sqlite3.Connection, name: str, aside: str) -> Health:
    version = schema.version(conn)
    problems = faults.check_lines(r[0] for r in conn.execute("PRAGMA integrity_check(5)"))
    if problems != ["ok"]:
        corrections = _count(conn, "corrections")
        held = f"; it holds {corrections} review correction(s): keep the damaged copy" if corrections else ""
        return Health(name, False, f"store {name}: DAMAGED (integrity_check: {'; '.join(problems)}) -> {aside}, "
                                   f"then run recover again{held}")
    known = schema.latest()
    if version > known:
        return Health(name, False, f"store {name}: written by a newer recover (schema {version}; this one "
                                   f"knows up to {known}) -> upgrade recover")
    tables = ", ".join(f"{_count(conn, t)} {t}" for t in ("packs", "observations", "corrections"))
    upgrade = f"; the next run upgrades it to schema {known}" if version < known else ""
    return Health(name, True, f"store {name}: ok (integrity_check ok; schema {version}{upgrade}; {tables})")


def _count(conn: sqlite3.Connection, table: str) -> int | str:
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return "?"
