"""The reader protocol: every reader turns one job into the same ReadResult.

    class Reader(Protocol):
        name: str                       # 'text-layer', 'ocr', 'extracted-text' (Grid.method)
        inputs: frozenset[str]          # what it reads: 'pdf', 'scanned-page', 'image', 'text'
        def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult: ...

A reader finds *structure* (where the cells are, which rows and columns they belong to); what the
texts mean (months, numbers, roles, refs) is recover/printed/. It never raises for one bad page:
the page becomes a PageFailure and the other pages are still read. The pipeline picks a reader
from the registry (recover/readers/registry.py: `reader_for(input)`) by what ingest found, so
adding a reader is: write the class, decorate it with @register, say which input it reads, and
import it in registry.py (docs/readers.md).

Models read: camelot's BaseParser (one parser class per strategy behind one interface) and
OCRmyPDF's plugin specs (the OCR engine as a replaceable component, faked in tests).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from recover.ingest.sources import Source
from recover.model import Grid, PageFailure, PageInfo

DEFAULT_DPI = 300                 # scans are rendered at this resolution unless told otherwise

# What a reader can be asked to read (ReadJob.input)
PDF = "pdf"                       # a PDF file: every page, through its text layer
SCANNED_PAGE = "scanned-page"     # one image-only page of a PDF
IMAGE = "image"                   # an image file (.png/.jpg/.tif), every frame
TEXT = "text"                     # an extracted text file (.txt/.md/.html/...)
# PageInfo.kind a reader gives a page with text whose tables the table stage classifies
TEXT_PAGE = "text"


@dataclass(frozen=True)
class ReadSettings:
    """What the user chose that changes what is read (part of the store's settings key)."""
    dpi: int = DEFAULT_DPI            # render resolution for scanned pages
    ocr: bool = True                  # False: image pages are listed as not read, never OCR'd
    cache_dir: str | None = None      # OCR results cached here per page (None: no cache)
    debug_dir: str | None = None      # debug drawings of every page with a table go here


@dataclass(frozen=True)
class ReadContext:
    """Everything a reader may use besides the job. Sent to worker processes, so it must pickle:
    `engine` is None (each worker starts its own tesseract) or a picklable OCR engine
    (recover.readers.ocr.engine.Engine; tests pass a scripted one)."""
    settings: ReadSettings = ReadSettings()
    engine: object | None = None


@dataclass(frozen=True)
class ReadJob:
    """One input, or some pages of it, for one reader."""
    source: Source
    input: str = ""                   # PDF | SCANNED_PAGE | IMAGE | TEXT; "" = the source's kind
    pages: tuple[int, ...] = ()       # 1-based pages to read; () = all

    @property
    def kind(self) -> str:
        return self.input or self.source.kind


@dataclass(frozen=True)
class ReadResult:
    """What a reader found. `pages` says what each page looked at is (layer, kind, why);
    `handoff` lists pages this reader cannot read that another reader should (the image-only
    pages of a PDF, for OCR); `failures` are pages that could not be read at all; `looked_at`
    is what a refusal says was read when 'N page(s)' would mislead (a text file has no pages)."""
    grids: tuple[Grid, ...] = ()
    failures: tuple[PageFailure, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: tuple[PageInfo, ...] = ()
    handoff: tuple[int, ...] = field(default=())
    looked_at: str = ""     # what was read, in the input's terms, for a refusal ('412 lines'); '' = its pages


@runtime_checkable
class Reader(Protocol):
    name: str
    inputs: frozenset[str]

    def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
        ...


REGISTRY: dict[str, Reader] = {}


def register(cls):
    """Class decorator: make a reader available to the pipeline under its name (one instance;
    readers keep no state between jobs)."""
    reader = cls()
    if not isinstance(reader, Reader):
        raise TypeError(f"{cls.__name__} does not implement the Reader protocol")
    REGISTRY[reader.name] = reader
    return cls


def worker_setup() -> None:
    """In a worker process that reads one page per core: one OCR thread per process was measured
    2x faster than tesseract's own threading on 2 cores."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
