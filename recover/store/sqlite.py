"""SQLite persistence (stdlib sqlite3, WAL journal) for packs, observations, rows, series and corrections."""
from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import StoreError
from ..model import Box, Extra, Observation, PackRead, PageInfo, RowRecord
from . import faults, schema
from .records import Assignment, Correction, Held, PackInfo, RunInfo, failure_dict, now_iso

__all__ = ["Store", "Assignment", "Correction", "Held", "PackInfo", "RunInfo", "now_iso", "STORE_FILE"]

STORE_FILE = "recover.sqlite"


PACK_COLUMNS = ("file_hash", "source", "path", "pack", "window", "pages", "method", "settings_key", "read_at",
                "seconds", "warnings", "reader", "failures")


def _box(text: str | None) -> Box | None:
    return Box.parse(text) if text else None


def _box_text(box: Box | None) -> str:
    return str(box) if box is not None else ""


OBS_COLUMNS = ("file_hash", "page", "ref", "month", "raw", "value", "status", "confidence", "method", "box",
               "decimals", "row_id", "why", "lines", "read_confidence")
ROW_COLUMNS = ("row_id", "file_hash", "pack", "source", "page", "ref", "ref_printed", "title_printed", "match_score",
               "match_why", "owner", "reporter", "outcome", "commentary", "extras", "candidates", "confidence",
               "method", "box", "lines", "kind", "unit_hint", "labels", "identified_by", "register",
               "blanks_dropped")


class Store:
    """Store(path): path is the .sqlite file, or a directory that gets DIR/recover.sqlite."""

    def __init__(self, path: str | Path, *, verify: bool = False, read_only: bool = False):
        """verify=True also runs SQLite's quick_check (about 0.1 s per 20 MB) before anything is
        written, so a damaged store is refused instead of being written into. read_only=True works
        on a private copy in memory (migrated there if older): the file is never written, so a
        store in a read-only folder or mount can still be read."""
        p = Path(path)
        if p.is_dir() or not p.suffix:
            p = p / STORE_FILE
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        elif not read_only:
            p.parent.mkdir(parents=True, exist_ok=True)
        self.path = p
        self._depth = 0
        seen = faults.damage(str(p))
        if seen:
            raise StoreError(str(p), seen, hint=f"{faults.MOVE_ASIDE}; 'recover doctor --store DIR' checks it")
        # isolation_level=None: we open transactions ourselves so one upsert or one review file is atomic
        try:
            self.db = faults.memory_copy(p) if read_only else sqlite3.connect(str(p), isolation_level=None, timeout=30)
        except sqlite3.Error as e:
            raise (faults.read_fault(str(p), e) if read_only else faults.sqlite_fault(str(p), e)) from None
        try:
            schema.version(self.db)              # reads the header first: a junk file is not written to
            if verify:
                _quick_check(self.db)
            if not read_only:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.migrated = schema.migrate(self.db)
        except schema.MigrationError as e:
            self.db.close()
            raise StoreError(str(p), str(e), hint="keep using the previous recover with it, "
                             "or pass another --out") from None
        except schema.NewerStoreError as e:
            self.db.close()
            raise StoreError(str(p), str(e), hint="upgrade recover, or pass another --out") from None
        except sqlite3.Error as e:
            self.db.close()
            raise faults.sqlite_fault(str(p), e) from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    # ---- packs -------------------------------------------------------------------------------
    def has_pack(self, file_hash: str, settings_key: str) -> bool:
        row = self.db.execute("SELECT settings_key FROM packs WHERE file_hash=?", (file_hash,)).fetchone()
        return row is not None and row[0] == settings_key

    def held(self, file_hash: str) -> Held | None:
        """How the store's reading of this file was made, or None if it holds none."""
        row = self.db.execute("SELECT settings_key, reader, failures FROM packs WHERE file_hash=?",
                              (file_hash,)).fetchone()
        if row is None:
            return None
        return Held(row[0] or "", row[1] or "", tuple(json.loads(row[2] or "[]")))

    def upsert_pack(self, pack_read: PackRead, settings_key: str, reader: str | None = None) -> None:
        """Replace everything held for this file (by content hash) with this read. reader: the
        version of the code that made it (default: this code's, recover.versions)."""
        if reader is None:
            from recover.versions import reading_version
            reader = reading_version()
        failures = json.dumps([failure_dict(f) for f in getattr(pack_read, "failures", ())])
        h = pack_read.file_hash
        with self.transaction() as db:
            # a file replaced in place (same path, new content) must not count as a second pack
            stale = [r[0] for r in db.execute("SELECT file_hash FROM packs WHERE path=? AND file_hash<>?",
                                              (pack_read.path, h))]
            for old in [h] + stale:
                for table in ("pages", "observations", "rows", "packs"):
                    db.execute(f"DELETE FROM {table} WHERE file_hash=?", (old,))
            db.execute(
                f"INSERT OR REPLACE INTO packs ({', '.join(PACK_COLUMNS)}) VALUES ({', '.join('?' * len(PACK_COLUMNS))})",
                (h, pack_read.source, pack_read.path, pack_read.pack, pack_read.window,
                 len(pack_read.pages), pack_read.method, settings_key, now_iso(), pack_read.seconds,
                 json.dumps(list(pack_read.warnings)), reader, failures))
            # plain INSERTs: two readings with one key would be a reader bug, and must not pass silently
            db.executemany("INSERT INTO pages VALUES (?,?,?,?,?)",
                           [(h, p.page, p.layer, p.kind, p.why) for p in pack_read.pages])
            db.executemany(
                f"INSERT INTO observations ({', '.join(OBS_COLUMNS)}) VALUES ({', '.join('?' * len(OBS_COLUMNS))})",
                [(h, o.page, o.ref, o.month, o.raw, o.value, o.status, o.confidence, o.method,
                  _box_text(o.box), o.decimals, o.row_id, o.why, o.lines,
                  o.confidence if o.read_confidence is None else o.read_confidence)
                 for o in pack_read.observations])
            db.executemany(
                f"INSERT INTO rows ({', '.join(ROW_COLUMNS)}) VALUES ({', '.join('?' * len(ROW_COLUMNS))})",
                [_row_tuple(r, h) for r in pack_read.rows])

    def delete_pack(self, file_hash: str) -> None:
        with self.transaction() as db:
            for table in ("pages", "observations", "rows", "packs"):
                db.execute(f"DELETE FROM {table} WHERE file_hash=?", (file_hash,))

    def packs(self) -> list[PackInfo]:
        cur = self.db.execute(
            "SELECT file_hash, source, path, pack, window, pages, method, settings_key, read_at, seconds "
            "FROM packs ORDER BY pack, source")
        return [PackInfo(*r) for r in cur]

    def pack_warnings(self) -> dict[str, list[str]]:
        """file_hash -> the warnings its last read gave."""
        out = {}
        for h, text in self.db.execute("SELECT file_hash, warnings FROM packs"):
            try:
                out[h] = list(json.loads(text or "[]"))
            except ValueError:
                out[h] = [str(text)]
        return out

    def pages(self, file_hash: str | None = None) -> list[PageInfo]:
        q = "SELECT p.file_hash, k.source, p.page, p.layer, p.kind, p.why FROM pages p JOIN packs k USING (file_hash)"
        args: tuple = ()
        if file_hash:
            q += " WHERE p.file_hash=?"
            args = (file_hash,)
        return [PageInfo(source=r[1], page=r[2], layer=r[3], kind=r[4], why=r[5])
                for r in self.db.execute(q + " ORDER BY k.source, p.page", args)]

    # ---- observations and rows --------------------------------------------------------------
    def observations(self, ref: str | None = None, *, unmatched: bool = False) -> list[Observation]:
        """The readings under a canonical ref (of one ref, if given); unmatched=True adds the
        readings of rows no indicator was identified for (ref None)."""
        q = ("SELECT k.pack, k.source, o.page, o.ref, o.month, o.raw, o.value, o.status, o.confidence,"
             " o.method, o.box, o.decimals, o.row_id, o.file_hash, o.why, o.lines, o.read_confidence"
             " FROM observations o JOIN packs k USING (file_hash)")
        args: tuple = ()
        if ref is not None:
            q += " WHERE o.ref=?"
            args = (ref,)
        elif not unmatched:
            q += " WHERE o.ref IS NOT NULL"
        q += " ORDER BY o.ref, o.month, k.pack, k.source, o.page, o.row_id"
        return [Observation(pack=r[0] or "", source=r[1], page=r[2], ref=r[3], month=r[4], raw=r[5] or "",
                            value=r[6], status=r[7], confidence=r[8], method=r[9] or "", box=_box(r[10]),
                            decimals=r[11], row_id=r[12] or "", file_hash=r[13], why=r[14] or "",
                            lines=r[15] or "", read_confidence=r[16])
                for r in self.db.execute(q, args)]

    def rows(self) -> list[RowRecord]:
        """Every row read, identified or not (ref None)."""
        cur = self.db.execute(
            "SELECT row_id, pack, source, page, ref, ref_printed, title_printed, match_score, match_why, owner,"
            " reporter, outcome, commentary, extras, candidates, confidence, method, file_hash, box, lines,"
            " kind, unit_hint, labels, identified_by, register, blanks_dropped"
            " FROM rows ORDER BY pack, source, page, row_id")
        out = []
        for r in cur:
            extras = tuple(Extra(**e) for e in json.loads(r[13] or "[]"))
            cands = tuple((c[0], float(c[1])) for c in json.loads(r[14] or "[]"))
            labels = tuple((a, b) for a, b in json.loads(r[22] or "[]"))
            out.append(RowRecord(row_id=r[0], pack=r[1] or "", source=r[2], page=r[3], ref=r[4],
                                 ref_printed=r[5] or "", title_printed=r[6] or "", match_score=r[7] or 0.0,
                                 match_why=r[8] or "", owner=r[9] or "", reporter=r[10] or "",
                                 outcome=r[11] or "", commentary=r[12] or "", extras=extras, candidates=cands,
                                 confidence=r[15] if r[15] is not None else 1.0, method=r[16] or "",
                                 file_hash=r[17], box=_box(r[18]), lines=r[19] or "", kind=r[20] or "table",
                                 unit_hint=r[21] or "", labels=labels, identified_by=r[23] or "",
                                 register=r[24] or "", blanks_dropped=bool(r[25])))
        return out

    # ---- identification -----------------------------------------------------------------------
    def registers_used(self) -> set[str]:
        """Content hashes of the registers the stored rows were identified with ('' never identified)."""
        return {r[0] or "" for r in self.db.execute("SELECT DISTINCT register FROM rows")}

    def save_identification(self, rows: Iterable[RowRecord], observations: Iterable[Observation]) -> None:
        """Write what identification decided for stored rows and their readings (ref, score, why,
        candidates, how, register; each reading's ref, confidence and why), in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE rows SET ref=?, match_score=?, match_why=?, candidates=?, identified_by=?, register=?"
                " WHERE row_id=?",
                [(r.ref, r.match_score, r.match_why, json.dumps([[c, s] for c, s in r.candidates]),
                  r.identified_by, r.register, r.row_id) for r in rows])
            db.executemany(
                "UPDATE observations SET ref=?, confidence=?, why=? WHERE file_hash=? AND page=? AND row_id=?"
                " AND month=?",
                [(o.ref, o.confidence, o.why, o.file_hash, o.page, o.row_id, o.month) for o in observations])

    def assignments(self) -> list[Assignment]:
        return [Assignment(*r) for r in self.db.execute(
            "SELECT file_hash, row_id, fingerprint, ref, assigned_at, note, source, ref_printed, title_printed"
            " FROM assignments ORDER BY assigned_at, file_hash, row_id")]

    def add_assignments(self, items: Iterable[Assignment]) -> None:
        """A person's refs for unmatched rows (a later one for the same row replaces the earlier)."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO assignments VALUES (?,?,?,?,?,?,?,?,?)",
                           [(a.file_hash, a.row_id, a.fingerprint, a.ref, a.assigned_at, a.note, a.source,
                             a.ref_printed, a.title_printed) for a in items])

    def known_cells(self) -> set[tuple[str, str]]:
        """(ref, month) pairs any matched observation shows."""
        return {(r, m) for r, m in self.db.execute(
            "SELECT DISTINCT ref, month FROM observations WHERE ref IS NOT NULL")}

    # ---- series --------------------------------------------------------------------------------
    def save_series(self, cells: Iterable) -> None:
        """Replace the series table with reconciled cells (objects with the SeriesCell fields)."""
        with self.transaction() as db:
            db.execute("DELETE FROM series")
            db.executemany("INSERT INTO series (ref, month, value, confidence, status, n_sources, sources, reason,"
                           " decimals) VALUES (?,?,?,?,?,?,?,?,?)",
                           [(c.ref, c.month, c.value, c.confidence, c.status, c.n_sources,
                             "; ".join(c.sources), c.reason, getattr(c, "decimals", None)) for c in cells])

    def save_register(self, register) -> None:
        """Keep the register a run matched with (table indicators; meta says which one), so the
        store alone names every ref's title and unit."""
        rows = [(i.ref, i.title, i.unit, "|".join(i.aliases), k, i.first_seen, i.last_seen, i.section)
                for k, i in enumerate(register.indicators)]
        with self.transaction() as db:
            db.execute("DELETE FROM indicators")
            db.executemany("INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?)", rows)
            for key, value in (("register_origin", getattr(register, "origin", "")),
                               ("register_digest", getattr(register, "digest", "")),
                               ("register_saved_at", now_iso())):
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def indicators(self) -> dict[str, tuple[str, str]]:
        """ref -> (title, unit) of the register last saved."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT ref, title, unit FROM indicators")}

    def series(self) -> dict[tuple[str, str], tuple[float | None, float, str]]:
        """(ref, month) -> (value, confidence, status) as last saved."""
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in self.db.execute(
            "SELECT ref, month, value, confidence, status FROM series")}

    # ---- corrections ------------------------------------------------------------------------
    def add_correction(self, c: Correction) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO corrections VALUES (?,?,?,?,?,?,?,?)",
                       (c.ref, c.month, c.corrected_value, c.previous_value, c.previous_status,
                        c.applied_at, c.reviewer_note, c.evidence_key))

    def corrections(self, history: bool = False) -> list[Correction]:
        """The correction in force for each (ref, month) (the latest); history=True gives all of them."""
        rows = [Correction(*r) for r in self.db.execute(
            "SELECT ref, month, corrected_value, previous_value, previous_status, applied_at, reviewer_note,"
            " evidence_key FROM corrections ORDER BY ref, month, applied_at, rowid")]
        if history:
            return rows
        latest: dict[tuple[str, str], Correction] = {}
        for c in rows:
            latest[(c.ref, c.month)] = c
        return list(latest.values())

    # ---- runs --------------------------------------------------------------------------------
    def record_run(self, started_at: str | None = None, finished_at: str | None = None, inputs: Iterable = (),
                   packs_read: int = 0, packs_skipped: int = 0, args: dict | list | str | None = None) -> None:
        """One line per run; times default to now (ISO, local time)."""
        finished_at = finished_at or now_iso()
        with self.transaction() as db:
            db.execute("INSERT INTO runs VALUES (?,?,?,?,?,?)",
                       (started_at or finished_at, finished_at, json.dumps([str(i) for i in inputs]), packs_read,
                        packs_skipped, json.dumps(args if args is not None else {}, default=str)))

    def runs(self) -> list[RunInfo]:
        return [RunInfo(r[0], r[1], json.loads(r[2] or "[]"), r[3], r[4], json.loads(r[5] or "{}"))
                for r in self.db.execute("SELECT * FROM runs ORDER BY started_at, rowid")]


def _quick_check(db: sqlite3.Connection) -> None:
    problems = faults.check_lines(r[0] for r in db.execute("PRAGMA quick_check(3)"))
    if problems != ["ok"]:
        # SQLITE_CORRUPT, so that it is reported as damage like any other
        err = sqlite3.DatabaseError(f"quick_check: {'; '.join(problems)}")
        err.sqlite_errorcode = 11
        raise err


def _row_tuple(r: RowRecord, file_hash: str) -> tuple:
    extras = json.dumps([{"role": e.role, "label": e.label, "raw": e.raw, "value": e.value, "conf": e.conf}
                         for e in r.extras])
    cands = json.dumps([[ref, score] for ref, score in r.candidates])
    return (r.row_id, file_hash, r.pack, r.source, r.page, r.ref, r.ref_printed, r.title_printed,
            r.match_score, r.match_why, r.owner, r.reporter, r.outcome, r.commentary, extras, cands,
            r.confidence, r.method, _box_text(r.box), r.lines, r.kind, r.unit_hint,
            json.dumps([list(x) for x in r.labels]), r.identified_by, r.register, int(r.blanks_dropped))
