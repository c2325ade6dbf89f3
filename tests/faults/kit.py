"""What the fault tests share: bad inputs made on the spot, a good pack to put beside them, and the
checks every fault ends in (one line naming the file, the exit code, the good pack written, the
store intact)."""
from __future__ import annotations

import csv
import hashlib
import io
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from recover.cli import main
from tests.pdfs import table_pdf

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def lines_naming(self, name: str) -> list[str]:
        return [line for line in (self.out + self.err).splitlines() if name in line]


def recover(capfd, *args: str) -> Ran:
    """The command line in this process; capfd also catches what C libraries write to fd 2."""
    capfd.readouterr()
    code = main([str(a) for a in args])
    cap = capfd.readouterr()
    if os.environ.get("SHOW_FAULTS"):
        sys.__stdout__.write(f"\n[{code}] {cap.err}")
    return Ran(int(code), cap.out, cap.err)


def recover_as_nobody(*args: str, cwd: str | None = None) -> Ran:
    """The command line as an unprivileged user (root reads files whatever their mode), in a child."""
    env = {**os.environ, "MPLCONFIGDIR": tempfile.mkdtemp(), "HOME": "/tmp"}
    os.chmod(env["MPLCONFIGDIR"], 0o777)
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           sys.executable, "-m", "recover.cli", *map(str, args)]
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd or str(ROOT), timeout=300)
    return Ran(p.returncode, p.stdout, p.stderr)


def is_root() -> bool:
    return os.geteuid() == 0


def shared_dir() -> Path:
    """A folder every user can enter (pytest's tmp_path is private to its owner)."""
    d = Path(tempfile.mkdtemp(prefix="recover-faults-"))
    d.chmod(0o777)
    return d


def good_pack(folder: Path, name: str = "good.pdf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    table_pdf(str(p))
    return p


def sources_written(out: Path) -> set[str]:
    with open(out / "observations.csv", newline="") as f:
        return {r["source"] for r in csv.DictReader(f)}


def assert_one_line(ran: Ran, name: str, *, says: str = "") -> str:
    """The fault is told once, on stderr, on one line naming the file; no traceback anywhere."""
    assert "Traceback" not in ran.out + ran.err
    named = ran.lines_naming(name)
    assert len(named) == 1, named
    assert named[0] in ran.err.splitlines(), f"not on stderr: {named[0]}"
    assert named[0].startswith("error: "), named[0]
    if says:
        assert says in named[0], named[0]
    return named[0]


# ---- bad images -------------------------------------------------------------------------------

def _image_bytes(fmt: str) -> bytes:
    import numpy as np
    from PIL import Image
    rnd = np.random.default_rng(7)
    img = Image.fromarray((rnd.random((120, 160)) * 255).astype("uint8"))
    buf = io.BytesIO()
    img.save(buf, fmt, **({"compression": "tiff_deflate"} if fmt == "TIFF" else {}))
    return buf.getvalue()


def truncated_image(path: Path, fmt: str) -> Path:
    data = _image_bytes(fmt)
    path.write_bytes(data[: len(data) // 2])
    return path


def scrambled_image(path: Path, fmt: str) -> Path:
    """Valid header, junk in the middle of the image data (a bad sector, a broken transfer)."""
    data = bytearray(_image_bytes(fmt))
    rnd = random.Random(3)
    start = len(data) // 3
    for i in range(start, start + 400):
        data[i] = rnd.randrange(256)
    path.write_bytes(bytes(data))
    return path


def headerless_image(path: Path, fmt: str) -> Path:
    data = _image_bytes(fmt)
    path.write_bytes(b"\x00" * 16 + data[16:])
    return path


# ---- the store --------------------------------------------------------------------------------

def store_state(db_path: Path) -> tuple[str, str]:
    """(integrity_check's answer, a digest of every row of every table), read without writing."""
    uri = Path(db_path).resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        db.execute("PRAGMA user_version")
    except sqlite3.OperationalError:      # on a read-only disk WAL cannot be set up: read the file as it is
        db.close()
        db = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        h = hashlib.sha256()
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            h.update(table.encode())
            for row in sorted(map(repr, db.execute(f'SELECT * FROM "{table}"'))):
                h.update(row.encode())
        return ok, h.hexdigest()
    finally:
        db.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# ---- output locations ---------------------------------------------------------------------------

def can_mount() -> str | None:
    """None when this process may mount a tmpfs, else the reason it may not."""
    if not is_root():
        return "mounting a tmpfs needs root"
    probe = Path(tempfile.mkdtemp(prefix="recover-mount-probe-"))
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                           capture_output=True, text=True)
        if r.returncode:
            return f"mount -t tmpfs is not allowed here ({r.stderr.strip() or r.returncode})"
        subprocess.run(["umount", str(probe)], check=True)
        return None
    finally:
        probe.rmdir()


class Tmpfs:
    """A small memory file system at `path`: a disk that fills up, or one remounted read-only."""

    def __init__(self, path: Path, size: str):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(self.path)], check=True)

    def read_only(self) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)

    def fill(self) -> None:
        """Take every free byte (a file written until the disk says it is full)."""
        fd = os.open(self.path / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)

    def close(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# ---- damaged PDFs -------------------------------------------------------------------------------

def _first_page_stream(path: Path, image: bool = False) -> tuple[int, int]:
    """(offset, length) in the file of page 1's content stream, or of its first image."""
    from pypdf import PdfReader
    page = PdfReader(str(path)).pages[0]
    if image:
        stream = next(iter(page["/Resources"]["/XObject"].values())).get_object()
    else:
        stream = page["/Contents"].get_object()
    raw = bytes(stream._data)
    data = Path(path).read_bytes()
    return data.find(raw), len(raw)


def damaged_table_pdf(path: Path, how: str, ascii85: bool = True) -> Path:
    """A one-page table whose content stream is damaged in its middle, the file keeping its length
    (so its cross-reference table stays right, as after a bad sector or a broken transfer):
    'junk' overwrites 60 bytes with random bytes, 'cut' blanks the second half."""
    from reportlab import rl_config
    saved = rl_config.useA85
    rl_config.useA85 = int(ascii85)
    try:
        table_pdf(str(path))
    finally:
        rl_config.useA85 = saved
    at, n = _first_page_stream(path)
    data = bytearray(Path(path).read_bytes())
    rnd = random.Random(5)
    if how == "junk":
        for k in range(at + n // 2, at + n // 2 + 60):
            data[k] = rnd.randrange(256)
    else:
        data[at + n // 2: at + n] = b" " * (n - n // 2)
    Path(path).write_bytes(bytes(data))
    return path


def scanned_pdf_with_cut_image(path: Path) -> Path:
    """An image-only page (a JPEG scan of a table) whose image data is cut short in place."""
    import pypdfium2 as pdfium
    from PIL import Image
    src = path.with_suffix(".src.pdf")
    table_pdf(str(src))
    bitmap = pdfium.PdfDocument(str(src))[0].render(scale=100 / 72, grayscale=True)
    img = Image.fromarray(bitmap.to_numpy().squeeze())
    img.save(path, "PDF", resolution=100.0)
    src.unlink()
    at, n = _first_page_stream(path, image=True)
    data = bytearray(Path(path).read_bytes())
    data[at + n // 2: at + n] = b"\0" * (n - n // 2)
    Path(path).write_bytes(bytes(data))
    return path


def damaged_font_pdf(src: Path, path: Path, part: str, pages: tuple[int, ...] = (1, 4)) -> Path:
    """Pages of src (the cover and the first dataset page of a demo pack: a short run) whose body-text
    font (the one the first page names last: a pack's regular face) is damaged in the middle of its
    embedded program (part='program') or of its ToUnicode map (part='map'), the file keeping its length."""
    from pypdf import PdfReader, PdfWriter
    writer, reader = PdfWriter(), PdfReader(str(src))     # one reader: the pages share one copy of the font
    for p in pages:
        writer.add_page(reader.pages[p - 1])
    writer.write(str(path))
    fonts = PdfReader(str(path)).pages[0]["/Resources"]["/Font"]
    font = list(fonts.values())[-1].get_object()
    stream = (font["/FontDescriptor"]["/FontFile2"] if part == "program" else font["/ToUnicode"]).get_object()
    raw = bytes(stream._data)
    data = bytearray(Path(path).read_bytes())
    at = data.find(raw)
    assert at > 0 and data.count(raw) == 1
    rnd = random.Random(11)
    for k in range(at + len(raw) // 2, at + len(raw) // 2 + min(60, len(raw) // 4)):
        data[k] = rnd.randrange(256)
    Path(path).write_bytes(bytes(data))
    return path
