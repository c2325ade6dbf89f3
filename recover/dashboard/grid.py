"""An aligned block -> the Grid every reader hands the table stage (kind 'dashboard').

Row 0 is the axis (an empty label cell, then one month label per column, a repaired label in
the packs' own spelling), row 1 the label cell (its letters read back as digits: 'LACL3' -> 'LAC13', the printed text kept in
GridMeta.label_printed) and one cell per month. GridMeta carries the
rest: the chart title, the text naming the indicator (legend refs, caption, the percent note:
RowRecord.labels), the label as printed, how the months were verified, the source lines.
"""
from __future__ import annotations

from recover.model import Box, Cell, Grid, GridMeta
from recover.printed.months import label as month_label
from recover.printed.refs import fold_label

from .model import Aligned
from .settings import DEFAULT, DashboardSettings


def to_grid(al: Aligned, source: str, page: int, method: str, meta: GridMeta = GridMeta(),
            settings: DashboardSettings = DEFAULT) -> Grid:
    b = al.block
    axis = b.axis
    cells = [Cell(0, 0, "", None, 1.0)]
    for i, (tok, month) in enumerate(zip(axis.labels, axis.months)):
        text = month_label(month) if i in axis.repaired else tok.text
        cells.append(Cell(0, 1 + i, text, tok.box, 1.0 if i not in axis.repaired else 0.9))
    lab = b.label
    printed = lab.text if lab else ""
    folded = fold_label(printed)
    conf = (lab.conf if folded == printed else min(lab.conf, settings.folded_label_conf)) if lab else 0.0
    cells.append(Cell(1, 0, folded, lab.box if lab else None, conf))
    for i, p in enumerate(al.cells):
        cells.append(Cell(1, 1 + i, p.text, p.box, round(p.conf, 3)))
    lines = [t.line for t in (*axis.labels, *b.values, *((lab,) if lab else ())) if t.line is not None]
    notes = [f"dashboard: months by {al.how}"]
    if axis.repaired:
        notes.append("axis labels repaired: " + ", ".join(axis.labels[i].text for i in axis.repaired))
    win = b.context.caption_window
    if win and (win[0] != axis.months[0] or win[1] != axis.last):
        notes.append(f"caption names {win[0]}..{win[1]}, the axis {axis.months[0]}..{axis.last}")
    span = (min(lines), max(lines)) if lines else None
    meta = GridMeta(**{**meta.__dict__,
                       "title": b.context.title, "label_printed": printed if folded != printed else "", "labels": b.context.labels(), "window": len(axis.months),
                       "source_kind": meta.source_kind or "dashboard",
                       "header_lines": (min(t.line for t in axis.labels), max(t.line for t in axis.labels))
                       if span and all(t.line is not None for t in axis.labels) else None,
                       "row_lines": ((1, span[0], span[1]),) if span else (),
                       "row_notes": ((1, al.how),),
                       "notes": meta.notes + tuple(notes)})
    return Grid(source, page, method, tuple(cells), "dashboard", meta)


def box_of(region: tuple[float, float, float, float], scale: float) -> Box:
    x0, y0, x1, y1 = region
    return Box(x0 * scale, y0 * scale, x1 * scale, y1 * scale)
