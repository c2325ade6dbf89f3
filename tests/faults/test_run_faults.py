"""Faults of the run's own files: the store (junk, truncated, damaged, newer) and the output folder
(a file, a path that cannot exist, read-only, full). Each is one line naming the path and the fix,
its own exit code, no traceback, and what the store held is unchanged."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from recover.errors import ExitCode
from tests.faults import kit

MOUNT = kit.can_mount()


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    """An output folder of a good run: what the faults below must leave as it was."""
    base = tmp_path_factory.mktemp("held")
    kit.good_pack(base / "in")
    out = base / "out"
    from recover.cli import main
    assert main(["run", str(base / "in"), "--out", str(out), "--quiet"]) == ExitCode.OK
    return out


def _copy(held, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(held, out)
    return out


def _new_pack(tmp_path):
    from tests.pdfs import ROWS, table_pdf
    rows = [list(r) for r in ROWS]
    rows[0][8] = "1500"
    p = tmp_path / "new.pdf"
    table_pdf(str(p), rows=rows)
    return p


def _damage_truncate(db):
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _damage_junk(db):
    db.write_bytes(b"these are not the bytes of a database\n" * 200)


def _damage_middle(db):
    """Overwrite one page in the middle with junk: the file keeps its length and its header."""
    conn = sqlite3.connect(db)
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    n = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    at = page * (n // 2)
    data[at:at + page] = b"\xa5" * page
    db.write_bytes(bytes(data))


DAMAGE = {"truncated": (_damage_truncate, "truncated"), "junk": (_damage_junk, "not an SQLite database"),
          "damaged-inside": (_damage_middle, "damaged")}


@pytest.mark.parametrize("command", ["run", "check", "apply"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_store_is_refused_untouched(held, tmp_path, capfd, command, damage):
    out = _copy(held, tmp_path)
    db = out / "recover.sqlite"
    make, says = DAMAGE[damage]
    make(db)
    before = {p.name: kit.file_digest(p) for p in out.iterdir() if p.is_file()}
    args = {"run": ("run", _new_pack(tmp_path), "--out", out, "--quiet"),
            "check": ("check", _new_pack(tmp_path), "--store", out, "--quiet", "--record"),
            "apply": ("apply", out / "review.csv")}[command]
    ran = kit.recover(capfd, *args)
    assert ran.code == ExitCode.STORE, ran
    line = kit.assert_one_line(ran, str(db), says=says)
    assert "move it aside" in line
    after = {p.name: kit.file_digest(p) for p in out.iterdir() if p.is_file()}
    assert after == before                     # the store and every output as they were


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_doctor_checks_the_store_and_says_what_to_do(held, tmp_path, capfd, damage):
    out = _copy(held, tmp_path)
    ran = kit.recover(capfd, "doctor", "--store", out)
    assert "store" in ran.out and "integrity_check ok" in ran.out
    DAMAGE[damage][0](out / "recover.sqlite")
    before = kit.file_digest(out / "recover.sqlite")
    ran = kit.recover(capfd, "doctor", "--store", out)
    assert ran.code == ExitCode.STORE
    (line,) = [x for x in ran.out.splitlines() if "recover.sqlite" in x]
    assert "DAMAGED" in line and "mv " in line
    assert kit.file_digest(out / "recover.sqlite") == before


def test_a_store_from_a_newer_recover_is_refused(held, tmp_path, capfd):
    from recover.store import schema
    out = _copy(held, tmp_path)
    db = out / "recover.sqlite"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.latest() + 1}")
    conn.close()
    state = kit.store_state(db)
    ran = kit.recover(capfd, "run", _new_pack(tmp_path), "--out", out, "--quiet")
    assert ran.code == ExitCode.STORE
    kit.assert_one_line(ran, str(db), says="newer recover")
    assert kit.store_state(db) == state


def test_out_is_a_file(tmp_path, capfd):
    kit.good_pack(tmp_path / "in")
    target = tmp_path / "out.txt"
    target.write_text("my notes\n")
    ran = kit.recover(capfd, "run", tmp_path / "in", "--out", target, "--quiet")
    assert ran.code == ExitCode.OUTPUT
    kit.assert_one_line(ran, str(target), says="is a file, not a folder")
    assert target.read_text() == "my notes\n"


@pytest.mark.parametrize("where,says", [("under-a-file", "a part of the path is a file"),
                                        ("too-long", "the path is too long")])
def test_out_is_a_path_that_cannot_exist(tmp_path, capfd, where, says):
    kit.good_pack(tmp_path / "in")
    (tmp_path / "plain.txt").write_text("x")
    out = tmp_path / "plain.txt" / "out" if where == "under-a-file" else tmp_path / ("x" * 300)
    ran = kit.recover(capfd, "run", tmp_path / "in", "--out", out, "--quiet")
    assert ran.code == ExitCode.OUTPUT
    line = kit.assert_one_line(ran, "cannot be written", says=says)
    assert "pass another --out" in line


def test_out_in_a_folder_nobody_may_write(tmp_path, capfd):
    """Root writes anywhere: as root the run is made as 'nobody'."""
    base = kit.shared_dir() if kit.is_root() else tmp_path
    try:
        kit.good_pack(base / "in")
        (base / "in").chmod(0o755)
        locked = base / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        args = ("run", base / "in", "--out", locked / "out", "--quiet")
        ran = kit.recover_as_nobody(*args) if kit.is_root() else kit.recover(capfd, *args)
        assert ran.code == ExitCode.OUTPUT, ran
        kit.assert_one_line(ran, str(locked / "out"), says="permission denied")
    finally:
        if kit.is_root():
            shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(MOUNT is not None, reason=f"read-only and full disks are tmpfs mounts: {MOUNT}")
def test_a_read_only_output_folder_leaves_the_store_as_it_was(held, tmp_path, capfd):
    with kit.Tmpfs(tmp_path / "mnt", "64m") as fs:
        out = fs.path / "out"
        shutil.copytree(held, out)
        fs.read_only()
        state = kit.store_state(out / "recover.sqlite")
        ran = kit.recover(capfd, "run", _new_pack(tmp_path), "--out", out, "--quiet")
        assert ran.code == ExitCode.OUTPUT, ran
        kit.assert_one_line(ran, str(out), says="read-only file system")
        assert kit.store_state(out / "recover.sqlite") == state


@pytest.mark.skipif(MOUNT is not None, reason=f"read-only and full disks are tmpfs mounts: {MOUNT}")
@pytest.mark.parametrize("command", ["run", "check"])
def test_a_full_disk_leaves_the_store_as_it_was(held, tmp_path, capfd, command):
    with kit.Tmpfs(tmp_path / "mnt", "64m") as fs:
        out = fs.path / "out"
        shutil.copytree(held, out)
        (out / "recover.sqlite-wal").unlink(missing_ok=True)
        state = kit.store_state(out / "recover.sqlite")
        fs.fill()
        if command == "run":
            args = ("run", _new_pack(tmp_path), "--out", out, "--quiet")
        else:
            args = ("check", _new_pack(tmp_path), "--store", out, "--quiet", "--record")
        ran = kit.recover(capfd, *args)
        assert ran.code == ExitCode.OUTPUT, ran
        line = kit.assert_one_line(ran, "cannot be written", says="the disk is full")
        assert "free some space" in line
        (fs.path / "filler").unlink()
        assert kit.store_state(out / "recover.sqlite") == state


@pytest.mark.skipif(MOUNT is not None, reason=f"read-only and full disks are tmpfs mounts: {MOUNT}")
def test_check_reads_a_store_on_a_read_only_mount(held, tmp_path, capfd):
    """A check that records nothing only reads the store: a shared, read-only copy is enough, and
    it is not changed. With --record, and apply, it is the output fault."""
    with kit.Tmpfs(tmp_path / "mnt", "64m") as fs:
        out = fs.path / "out"
        shutil.copytree(held, out)
        fs.read_only()
        state = kit.store_state(out / "recover.sqlite")
        ran = kit.recover(capfd, "check", _new_pack(tmp_path), "--store", out, "--quiet")
        assert ran.code == ExitCode.NEEDS_PERSON, ran           # the new pack revises a value
        assert "error:" not in ran.err and "M1 2020-01: held 1419" in ran.out and "new 1500" in ran.out
        ran = kit.recover(capfd, "check", _new_pack(tmp_path), "--store", out, "--quiet", "--record")
        assert ran.code == ExitCode.OUTPUT
        kit.assert_one_line(ran, str(out), says="read-only file system")
        ran = kit.recover(capfd, "apply", out / "review.csv")
        assert ran.code == ExitCode.OUTPUT
        line = kit.assert_one_line(ran, str(out), says="read-only file system")
        assert "apply there" in line
        assert kit.store_state(out / "recover.sqlite") == state


def test_check_without_record_leaves_the_store_file_as_it_was(held, tmp_path, capfd):
    """Not migrated, not checkpointed: byte for byte (SQLite's -shm and -wal side files, which any
    reader of a WAL store may make, aside)."""
    out = _copy(held, tmp_path)

    def files():
        return {p.name: kit.file_digest(p) for p in out.iterdir()
                if p.is_file() and not p.name.endswith(("-wal", "-shm"))}
    before = files()
    ran = kit.recover(capfd, "check", _new_pack(tmp_path), "--store", out, "--quiet")
    assert ran.code == ExitCode.NEEDS_PERSON, ran
    assert files() == before
