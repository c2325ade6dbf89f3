"""Which reader reads what: the built-in readers, registered by importing them here (each class is
decorated with recover.readers.base.register). A new reader is one more import (docs/readers.md)."""
from __future__ import annotations

from recover.readers.base import REGISTRY, Reader
from recover.readers.extracted import ExtractedTextReader
from recover.readers.ocr import OcrReader
from recover.readers.textlayer.reader import TextLayerReader

BUILTIN = (TextLayerReader, OcrReader, ExtractedTextReader)


def readers() -> dict[str, Reader]:
    return dict(REGISTRY)


def reader_for(kind: str) -> Reader:
    """The reader of one kind of input (recover.readers.base: PDF, SCANNED_PAGE, IMAGE, TEXT); the
    first registered that reads it."""
    for reader in REGISTRY.values():
        if kind in reader.inputs:
            return reader
    raise LookupError(f"no reader reads {kind!r} inputs")
