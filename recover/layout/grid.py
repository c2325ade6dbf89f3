"""TableLayout -> Grid (docs/grid-contract.md): one header row, then one row per row band.

Cell text is what is printed: upright words by line, left to right; turned words in reading
order. Text-layer words keep their glyphs, and their cells are spelled by the text-layer
reader's own glyph rules, so a page read with or without its ruling lines gives the same text.
"""
from __future__ import annotations

from recover.model import Box, Cell, Grid, GridMeta

from . import vocab
from .model import TableLayout
from .settings import DEFAULT, LayoutSettings
from .words import Word


def words_text(words: tuple[Word, ...] | list[Word], em: float) -> str:
    if not words:
        return ""
    if all(w.chars for w in words):
        from recover.readers.textlayer.cells import cell_text
        return cell_text([c for w in words for c in w.chars])
    if len(words) == 1 and words[0].upright:       # most cells: what the general case gives it
        return " ".join(words[0].text.split())
    up = sorted((w for w in words if w.upright), key=lambda w: w.cy)
    lines: list[list[Word]] = []
    for w in up:
        if lines and abs(w.cy - lines[-1][0].cy) < 0.45 * em:
            lines[-1].append(w)
        else:
            lines.append([w])
    parts = [" ".join(w.text for w in sorted(ln, key=lambda w: w.x0)) for ln in lines]
    turned = [w for w in words if not w.upright]
    if turned:
        cols: list[list[Word]] = []
        for w in sorted(turned, key=lambda w: w.cx):
            if cols and abs(w.cx - cols[-1][0].cx) < 0.45 * em:
                cols[-1].append(w)
            else:
                cols.append([w])
        down = turned[0].turn == 1          # top-to-bottom text stacks its lines right to left
        if down:
            cols.reverse()
        for col in cols:
            col.sort(key=lambda w: w.cy if down else -w.cy)
            parts.append(" ".join(w.text for w in col))
    return " ".join(" ".join(parts).split())


def to_grid(t: TableLayout, source: str, page: int, method: str, *, em: float,
            box_scale: float | None = 1.0, notes: tuple[str, ...] = (), source_kind: str = "",
            settings: LayoutSettings = DEFAULT) -> Grid:
    """The Grid of one table. `box_scale` turns the words' unit into PDF points (1 for a text
    layer, 72/dpi for OCR pixels); None for text inputs, which carry line numbers instead."""
    cols = t.columns
    month_cols = set(t.month_cols)
    bands = [t.header] + list(t.rows)
    cells = []
    # without the print itself (extracted text, OCR), an empty first cell in a column that
    # holds refs in most rows is more likely lost than blank
    firsts = [bool(t.cells[r][0]) for r in range(1, len(bands))]
    lost_ref = method != "text-layer" and sum(firsts) * 2 > len(firsts)
    for r, band in enumerate(bands):
        doubt = t.doubtful[r - 1] if r else frozenset()
        # a word across a month boundary leaves every month of the row unplaced
        row_doubt = bool(doubt & month_cols)
        for c, col in enumerate(cols):
            ws = t.cells[r][c]
            text = words_text(ws, em)
            conf = min([1.0] + [w.conf for w in ws])      # an OCR engine's word confidence
            if not r and c in month_cols and col.month and vocab.parse_month(text) != col.month:
                # the month label with header words of a neighbour merged in ('% Mar21' under a
                # wrapped '% change'): the column's month is the run's, the label its own word;
                # or the label its narrow cell wrapped mid-word ('Sept-1' over '8'), read whole
                text = _run_label(ws, col.month) or _wrapped_month(ws, col.month) or text
            if r and c in month_cols and row_doubt:
                conf = min(conf, settings.ambiguous_conf)
            elif c in doubt:
                conf = min(conf, 0.8)
            if r and c == 0 and not text and lost_ref:
                conf = min(conf, 0.5)            # a ref the text lost, not one left blank
            box = None
            if box_scale is not None:
                k = box_scale
                box = Box(round(col.x0 * k, 2), round(band.y0 * k, 2), round(col.x1 * k, 2), round(band.y1 * k, 2))
            cells.append(Cell(r, c, text, box, conf))
    # a table whose only labels are its months is a chart's one-line table (grid contract rule 1)
    kind = "dashboard" if all(c.label is None or c.label.in_run for c in cols) else "table"
    meta = GridMeta(notes=tuple(notes), window=len(month_cols), source_kind=source_kind,
                    row_lines=tuple((r, a, b) for r, (a, b) in _row_lines(t)))
    return Grid(source, page, method, tuple(cells), kind, meta)


def _run_label(ws, month: str) -> str | None:
    return next((w.text for w in ws if vocab.parse_month(w.text) == month), None)


def _wrapped_month(words, month: str) -> str | None:
    """A month label its cell wrapped mid-word ('Sept-1' over '8') as printed whole: its pieces
    top to bottom without the line break, when they spell the column's month."""
    text = "".join(w.text for w in sorted(words, key=lambda w: (w.cy, w.x0)))
    return text if vocab.parse_month(text) == month else None


def _row_lines(t: TableLayout) -> list[tuple[int, tuple[int, int]]]:
    out = []
    for r, row in enumerate(t.cells):
        ns = [w.line for ws in row for w in ws if w.line is not None]
        if ns:
            out.append((r, (min(ns), max(ns))))
    return out
