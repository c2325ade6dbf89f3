"""Ingest: what is each input, is it readable, and which pages hold a dataset.

Bad inputs stop here with a one-line RecoverError naming the file and the reason; the run goes on
with the other inputs.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from recover.errors import (CorruptInputError, EmptyInputError, EncryptedPdfError, MissingFileError,
                            NoAccessError, NothingToReadError, RecoverError, UnsupportedInputError)

PDF_EXT = {".pdf"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
TEXT_EXT = {".txt", ".md", ".tsv", ".html", ".htm", ".csv"}


@dataclass(frozen=True)
class Source:
    path: str
    name: str
    kind: str          # pdf | image | text
    file_hash: str
    size: int


def discover(paths: list[str], exclude: list[str] = ()) -> tuple[list[str], list[str], list[RecoverError]]:
    """Expand folders (recursively, sorted) into files. Returns (files, skipped lines, problems):
    files in a folder that recover does not read are listed, never dropped silently; a folder that
    cannot be listed, or holds nothing recover reads, is a problem of its own. Paths that are not
    folders are returned as files, even when missing (open_source says what is wrong with them).
    Folders in `exclude` (the output folder, when it sits inside an input folder) are not entered."""
    files, skipped, problems = [], [], []
    skip_dirs = {os.path.abspath(e) for e in exclude}
    for p in paths:
        if not os.path.isdir(p):
            files.append(p)
            continue
        found = len(files)
        ignored = 0

        def unlistable(e: OSError) -> None:
            problems.append(NoAccessError(e.filename or p, f"the folder cannot be listed ({e.strerror})",
                                          hint="check the folder's permissions (ls -ld)"))
        for root, dirs, names in os.walk(p, onerror=unlistable):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and os.path.abspath(os.path.join(root, d)) not in skip_dirs)
            for n in sorted(names):
                full = os.path.join(root, n)
                if n.startswith(".") or n.lower() == "readme.md":
                    ignored += 1
                    continue
                if _kind(n):
                    files.append(full)
                else:
                    skipped.append(f"{full}: skipped (not a .pdf, image or text file)")
        if len(files) == found and not any(e.source == p for e in problems):
            what = "is empty" if not (skipped or ignored) else "holds no file recover reads"
            problems.append(NothingToReadError(p, f"nothing to read: the folder {what}"))
    return files, skipped, problems


def _kind(name: str) -> str | None:
    ext = os.path.splitext(name)[1].lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in IMAGE_EXT:
        return "image"
    if ext in TEXT_EXT:
        return "text"
    return None


def read_text(path: str) -> str:
    """A text input's characters (see recover.ingest.text for how the encoding is found)."""
    from recover.ingest.text import decode
    with open(path, "rb") as f:
        return decode(f.read())[0]


def fingerprint(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_source(path: str) -> Source:
    """A readable input, fingerprinted; or a one-line RecoverError saying why it is not."""
    name = os.path.basename(path.rstrip(os.sep)) or path
    if not os.path.exists(path):
        if os.path.islink(path):
            raise MissingFileError(name, f"a broken symbolic link (to {os.readlink(path)})")
        raise MissingFileError(name, "no such file or folder")
    if os.path.isdir(path):
        raise NoAccessError(name, "the folder cannot be listed", hint="check the folder's permissions (ls -ld)")
    kind = _kind(name)
    if kind is None:
        raise UnsupportedInputError(name, "unsupported file type")
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(4096)
        if size == 0:
            raise EmptyInputError(name, "empty file (0 bytes)")
        if kind == "pdf" and b"%PDF" not in head[:1024]:
            raise CorruptInputError(name, "not a PDF (no %PDF header)")
        if kind == "image":
            _check_image(path, name)
        if kind == "text":
            _check_text(path, name)
        return Source(path, name, kind, fingerprint(path), size)
    except PermissionError:
        raise NoAccessError(name, "permission denied") from None
    except OSError as e:             # an I/O error of the disk or the network share under it
        raise NoAccessError(name, f"cannot be read ({e.strerror or e})",
                            hint="copy it to a local disk and try again") from None


def _check_image(path: str, name: str) -> None:
    from recover.ingest import images
    try:
        images.check(path)
    except ValueError as e:
        raise CorruptInputError(name, f"the image cannot be decoded ({e})") from None


def _check_text(path: str, name: str) -> None:
    from recover.ingest.text import NotText, decode
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text, _ = decode(raw)
    except NotText as e:
        raise CorruptInputError(name, f"not a text file: {e}") from None
    if not text.strip():
        raise EmptyInputError(name, "the text file holds only white space")


def open_pdf(source: Source):
    """Open with pdfium, turning its errors into one-line messages with a fix."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(source.path)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedPdfError(source.name, "the PDF is encrypted (password protected)") from None
        if _page_count(source.path) == 0:      # pdfium refuses a PDF with no pages as if it were damaged
            raise EmptyInputError(source.name, "the PDF has no pages") from None
        raise CorruptInputError(source.name, f"the PDF cannot be parsed ({e})") from None
    if len(doc) == 0:
        doc.close()
        raise EmptyInputError(source.name, "the PDF has no pages")
    return doc


def _page_count(path: str) -> int | None:
    """The page count a second parser (pypdf, lenient) reads from the page tree; None if it cannot."""
    import logging
    try:
        from pypdf import PdfReader
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)     # its repairs are not the user's concern
        return len(PdfReader(path, strict=False).pages)
    except Exception:               # any failure means "no second opinion", never a crash
        return None
