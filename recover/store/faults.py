"""Faults of a run's own files, the store and the output folder, as one line that names the path
and the fix. Such a fault stops the run (the inputs are fine; where they would go is not), and the
store is left as it was: every write to it is a transaction that rolls back.

    output_folder(out_dir)          make the folder if needed and prove it can be written
    damage(db_path)                 a cheap look at the file before SQLite opens it (junk, truncated)
    guarded(db_path, out_dir)       turns sqlite3 and OS errors inside it into StoreError / OutputError
"""
from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from recover.errors import OutputError, RecoverError, StoreError

MOVE_ASIDE = "move it aside or pass another --out"
SQLITE_MAGIC = b"SQLite format 3\x00"

# SQLite's primary result codes (https://sqlite.org/rescode.html), from sqlite3.Error.sqlite_errorcode
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26


def output_folder(out_dir: str, fix: str = "pass another --out") -> None:
    """Create out_dir (and its parents) if needed and check a file can be made in it. fix: what
    else the user can do (the command's own option)."""
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise OutputError(out_dir, "is a file, not a folder", hint=fix)
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        raise os_fault(out_dir, e, fix=fix) from None
    try:
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".recover-probe-"):
            pass
    except OSError as e:
        raise os_fault(out_dir, e, path=out_dir, fix=fix) from None


def os_fault(out_dir: str, e: OSError, path: str | None = None, fix: str = "pass another --out") -> OutputError:
    path = path or (e.filename if isinstance(e.filename, str) else out_dir)
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the folder is on a read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "the path is too long",
        errno.ENOENT: "the path cannot be made",
        errno.EEXIST: "is a file, not a folder",
    }.get(e.errno, e.strerror or str(e))
    hint = f"free some space, or {fix}" if e.errno in (errno.ENOSPC, errno.EDQUOT) else fix
    return OutputError(path, f"cannot be written: {reason}", hint=hint)


def sqlite_fault(db_path: str, e: sqlite3.Error) -> RecoverError:
    code = (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF
    if code == _FULL:
        return OutputError(db_path, "cannot be written: the disk is full",
                           hint="free some space or pass another --out")
    if code in (_READONLY, _PERM, _CANTOPEN, _IOERR):
        return OutputError(db_path, f"cannot be written ({e})", hint="pass another --out")
    if code in (_BUSY, _LOCKED):
        return StoreError(db_path, "is in use by another recover run", hint="wait for it to finish, or pass another --out")
    if code in (_CORRUPT, _NOTADB):
        return StoreError(db_path, f"is damaged ({e})", hint=f"{MOVE_ASIDE}; 'recover doctor --store DIR' checks it")
    return StoreError(db_path, f"cannot be used as a store ({e})", hint=MOVE_ASIDE)


@contextlib.contextmanager
def guarded(db_path: str, out_dir: str):
    try:
        yield
    except sqlite3.Error as e:
        raise sqlite_fault(db_path, e) from None
    except OSError as e:
        raise os_fault(out_dir, e) from None


def read_only_connection(db_path) -> sqlite3.Connection:
    """The store opened for reading without writing anything beside it. A WAL store needs its -shm
    file, which a read-only folder cannot hold: then the file is read as it is, without locks."""
    uri = Path(db_path).resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def memory_copy(db_path) -> sqlite3.Connection:
    """A private copy of the store in memory (SQLite's backup): read and even migrated there, the
    file untouched."""
    source = read_only_connection(db_path)
    try:
        copy = sqlite3.connect(":memory:", isolation_level=None)
        source.backup(copy)
        return copy
    finally:
        source.close()


def read_fault(db_path: str, e: sqlite3.Error) -> RecoverError:
    """A store opened only to be read: damage is damage; anything else is that it cannot be read."""
    code = (getattr(e, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (_CORRUPT, _NOTADB):
        return sqlite_fault(db_path, e)
    return StoreError(db_path, f"cannot be read ({e})", hint="check its permissions (ls -l)")


def check_lines(answers) -> list[str]:
    """integrity_check / quick_check answers as one-line items ("ok" alone when all is well); SQLite
    puts several lines, headed '*** in database main ***', into one answer."""
    out = []
    for answer in answers:
        for line in str(answer).splitlines():
            line = " ".join(line.split())
            if line and not line.startswith("*** in database"):
                out.append(line)
    return out or ["ok"]


def damage(db_path: str) -> str | None:
    """What is visibly wrong with the file before SQLite reads it, or None. Costs one 100-byte read:
    a file that is not SQLite's, or shorter than its header says (a truncated copy). The length
    is only trusted when no write-ahead log is pending (a checkpoint cut short legitimately leaves
    the file shorter until the log is replayed)."""
    try:
        size = os.path.getsize(db_path)
    except OSError:
        return None                   # not there yet: SQLite makes it
    if size == 0:
        return None                   # SQLite treats an empty file as an empty database
    with open(db_path, "rb") as f:
        head = f.read(100)
    if not head.startswith(SQLITE_MAGIC):
        return "is not an SQLite database (file is not a database)"
    if len(head) < 100:
        return f"is truncated ({size} bytes, shorter than SQLite's header)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    header_valid = head[24:28] == head[92:96]          # the page count is valid for this change counter
    wal = db_path + "-wal"
    wal_pending = os.path.exists(wal) and os.path.getsize(wal) > 0
    if pages and header_valid and not wal_pending and size < pages * page_size:
        return f"is truncated ({size} of {pages * page_size} bytes)"
    return None
