"""Ingest: what is each input, is it readable, and which pages hold a dataset.

Bad inputs stop here with a one-line RecoverError naming the file and the reason; the run goes on
with the other inputs.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from recover.errors import (CorruptInputError, EmptyInputError, EncryptedPdfError,
                            UnsupportedInputError)

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


def discover(paths: list[str], exclude: list[str] = ()) -> tuple[list[str], list[str]]:
    """Expand folders (recursively, sorted) into files. Returns (files, skipped lines): files in
    a folder that recover does not read are listed, never dropped silently. Folders in `exclude`
    (the output folder, when it sits inside an input folder) are not entered."""
    files, skipped = [], []
    skip_dirs = {os.path.abspath(e) for e in exclude}
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.abspath(os.path.join(root, d)) not in skip_dirs)
                for n in sorted(names):
                    full = os.path.join(root, n)
                    if n.startswith(".") or n.lower() == "readme.md":
                        continue
                    if _kind(n):
                        files.append(full)
                    else:
                        skipped.append(f"{full}: skipped (not a .pdf, image or text file)")
        else:
            files.append(p)
    return files, skipped


def _kind(name: str) -> str | None:
    ext = os.path.splitext(name)[1].lower()
    if ext in PDF_EXT:
        return "pdf"
    if ext in IMAGE_EXT:
        return "image"
    if ext in TEXT_EXT:
        return "text"
    return None


def fingerprint(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_source(path: str) -> Source:
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise CorruptInputError(name, "no such file", hint="check the path")
    kind = _kind(name)
    if kind is None:
        raise UnsupportedInputError(name, "unsupported file type")
    size = os.path.getsize(path)
    if size == 0:
        raise EmptyInputError(name, "empty file (0 bytes)")
    if kind == "pdf":
        with open(path, "rb") as f:
            head = f.read(1024)
        if b"%PDF" not in head:
            raise CorruptInputError(name, "not a PDF (no %PDF header)")
    return Source(path, name, kind, fingerprint(path), size)


def open_pdf(source: Source):
    """Open with pdfium, turning its errors into one-line messages with a fix."""
    import pypdfium2 as pdfium
    try:
        doc = pdfium.PdfDocument(source.path)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedPdfError(source.name, "the PDF is encrypted (password protected)") from None
        raise CorruptInputError(source.name, f"the PDF cannot be parsed ({e})") from None
    if len(doc) == 0:
        doc.close()
        raise EmptyInputError(source.name, "the PDF has no pages")
    return doc
