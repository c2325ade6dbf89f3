"""Reader for already-extracted packs (text files): method "extracted-text".

    grids, warnings = read_text_file(path, source)

Recognises tab-separated rows (OCR output; tables inside a whole agenda), pdfminer line streams
with rotated refs/names split into fragments, markdown pipe tables, HTML cells, pdftotext -layout
columns and dashboard one-line tables; every table becomes Grid objects aligned to their header
(see docs/grid-contract.md). Extracted text has no pages: Grids are numbered in reading order and
carry the source line numbers of each row in GridMeta.row_lines.
"""
from __future__ import annotations

from recover.model import Grid, PageInfo
from recover.layout.words import is_tesseract_tsv
from recover.readers.base import TEXT, ReadContext, ReadJob, ReadResult, register

from . import html as _html
from .build import unreadable_rows
from .copies import check_against_charts
from .dashboard import read_dashboards
from .detect import detect_kind, detect_kinds, with_dashboards
from .layout import read_layout_text, read_tesseract_tsv
from .markdown import rows_from_markdown
from .ocrcheck import verify_rows
from .ordered import is_ocr_text, read_ordered
from .stream import read_stream
from .tabular import tables
from .tokens import tokenize
from .tsv import rows_from_tsv

__all__ = ["ExtractedTextReader", "read_text_file", "read_text", "detect_kind", "detect_kinds"]


def read_text(text: str, source: str) -> tuple[list[Grid], list[str]]:
    if is_tesseract_tsv(text):
        # words with boxes: the row/column model, never the line-based readers below
        grids, warnings = read_tesseract_tsv(text, source)
        grids = _renumber(grids)
        warnings = warnings + [w for g in grids if g.kind == "table" for w in unreadable_rows(g)]
        return grids, warnings or ([] if grids else ["no table found (kinds: tesseract-tsv)"])
    raw_text = text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paged = text                       # form feeds kept: layout text is read page by page
    text = text.replace("\f", "\n")
    lines = text.split("\n")
    kinds = detect_kinds(text, dashboards=False)    # the dashboards are read once, below
    grids: list[Grid] = []
    warnings: list[str] = []

    def add(found: tuple[list[Grid], list[str]]) -> None:
        grids.extend(found[0])
        warnings.extend(found[1])

    if {"tsv", "html", "markdown"} & set(kinds):
        rows = []
        if "<tr" in text.lower():
            rows += _html.rows_from_html(text)
            rows += [r for r in rows_from_tsv(lines) if r.kind != "html"]
        else:
            rows += rows_from_tsv(lines)
        if "markdown" in kinds:
            rows += rows_from_markdown(lines)
        rows.sort(key=lambda r: r.line)
        add(tables(rows, source, first_page=len(grids) + 1, kind_note="+".join(
            k for k in kinds if k in ("tsv", "html", "markdown"))))
    layouts: dict = {}                 # the layout pages the model read, for the dashboard pass
    if "layout" in kinds:
        add(read_layout_text(paged, source, first_page=len(grids) + 1, layouts=layouts))
    if not grids and not _fields_by_tabs(lines):
        # no tool's columns survived: the cells in reading order
        add(read_ordered(raw_text, source, first_page=len(grids) + 1))
    if not grids and "stream" in kinds:
        add(read_stream(text, source))
    # dashboard pages are looked for page by page (a pack's text prints tables and dashboards);
    # the dashboard model's blocks replace what another reader made of their lines
    dash, notes = read_dashboards(paged, source, first_page=len(grids) + 1, layout="layout" in kinds,
                                  layouts=layouts)
    if dash and is_ocr_text(tokenize(lines)):
        # OCR'd text: a chart's value with a digit lost or gained, or printed with another
        # precision than its neighbours, is doubted (its block prints no arithmetic to say more)
        dash = [verify_rows(g) for g in dash]
    elif dash:
        # a chart copies its table: a text-first row it contradicts was not its ref's
        grids, unpaired = check_against_charts(grids, dash)
        warnings.extend(unpaired)
    if dash:
        kinds = with_dashboards(kinds)
        taken = set().union(*(_lines(g) for g in dash))
        grids = [g for g in grids if not (_lines(g) & taken if g.kind == "dashboard" else
                                          _lines(g) and _lines(g) <= taken)]
    add((dash, notes))
    grids = _renumber(grids)
    for g in grids:
        if g.kind == "table":
            warnings.extend(unreadable_rows(g))
    if not grids:
        warnings.append(f"no table found (kinds: {'+'.join(kinds) or 'prose'})")
    return grids, warnings


def _fields_by_tabs(lines: list[str]) -> bool:
    """Most lines are tab-separated fields (tesseract's TSV: one word a line with its box): a
    table of records, not text in reading order, whose numbers would read as rows of values."""
    filled = [l for l in lines if l.strip()]
    return bool(filled) and sum(l.count("\t") >= 4 for l in filled) > len(filled) / 2


def _lines(g: Grid) -> set[int]:
    spans = [(a, b) for _, a, b in g.meta.row_lines] + ([g.meta.header_lines] if g.meta.header_lines else [])
    return {n for a, b in spans for n in range(a, b + 1)}


def _renumber(grids: list[Grid]) -> list[Grid]:
    from dataclasses import replace
    return [replace(g, page=i) for i, g in enumerate(grids, start=1)]


def read_text_file(path: str, source: str) -> tuple[list[Grid], list[str]]:
    from recover.ingest.sources import read_text as decoded
    return read_text(decoded(path), source)


@register
class ExtractedTextReader:
    """The Reader of text someone else extracted (one file = one 'page' in provenance; rows carry
    their source line numbers)."""
    name = "extracted-text"
    inputs = frozenset({TEXT})

    def read(self, job: ReadJob, ctx: ReadContext) -> ReadResult:
        from recover.ingest.sources import read_text as decoded
        text = decoded(job.source.path)
        grids, warnings = read_text(text, job.source.name)
        looked = extent(text)
        info = PageInfo(job.source.name, 1, "text-file", "dataset" if grids else "prose",
                        f"extracted text, {looked}: {len(grids)} table(s) found")
        return ReadResult(tuple(grids), (), tuple(warnings), (info,), looked_at=looked)


def extent(text: str) -> str:
    """How much text there was, in its own terms: '412 lines', '412 lines on 3 pages' (pages a
    tool ended with form feeds), '2310 words on 2 pages of tesseract TSV'. A text file is one
    'page' in provenance, which says nothing of what was read."""
    if is_tesseract_tsv(text):
        rows = [r.split("\t") for r in text.split("\n")]
        words = [r for r in rows if len(r) >= 12 and r[0] == "5" and "\t".join(r[11:]).strip()]
        pages = len({r[1] for r in words})
        return f"{len(words)} words on {pages} page{'s' * (pages != 1)} of tesseract TSV"
    paged = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n\f").split("\f")
    lines = sum(len(p.splitlines()) for p in paged)
    said = f"{lines} line{'s' * (lines != 1)}"
    return said + (f" on {len(paged)} pages" if len(paged) > 1 else "")
