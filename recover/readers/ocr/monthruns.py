"""Runs of month labels on a scanned page's text lines (the unruled reader's header first):
words of one size at an even step, a run grown by the labels that line grouping put beside it,
and the slots between labels that OCR misread; once the model has the table, the read of each
month column's label."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from recover.printed.months import parse_month

from .inkwords import PageWords

if TYPE_CHECKING:
    from recover.layout import TableLayout

    from .context import CellRead

def run_ends(pw: PageWords, lines: list[list[int]], k: int, run: list[int], line_tol: float) -> list[int]:
    """The run grown by the words of the lines beside it that continue it at either end: a word
    of the labels' size one step before the first or after the last, at the labels' height. A
    text line is grouped top down, so a label without a descender ('Mar-18') beside the
    header's wrapped cells joins their upper line (its centre is a few pixels above the
    others': 'May-18', 'Aug-18' reach down), out of its run."""
    ws = [pw.words[i] for i in run]
    step = float(np.median(np.diff([w.cx for w in ws])))
    wid, hgt = np.median([w.w for w in ws]), np.median([w.h for w in ws])
    cy = float(np.median([w.cy for w in ws]))
    near = [i for j in (k - 1, k + 1) if 0 <= j < len(lines) for i in lines[j]
            if abs(pw.words[i].cy - cy) < line_tol * pw.glyph and abs(pw.words[i].w - wid) <= EVEN * wid
            and abs(pw.words[i].h - hgt) <= EVEN * hgt]
    out = sorted(run, key=lambda i: pw.words[i].cx)
    for _ in range(len(near)):
        lo, hi = pw.words[out[0]].cx - step, pw.words[out[-1]].cx + step
        add = [i for i in near if i not in out and min(abs(pw.words[i].cx - lo), abs(pw.words[i].cx - hi))
               <= EVEN * step]
        if not add:
            break
        out = sorted(out + add[:1], key=lambda i: pw.words[i].cx)
    return out


def label_slots(pw: PageWords, run: list[int], labels: list[int], step: float) -> list[int]:
    """The month labels, and the words of the run standing in the step between two of them: a
    label OCR misread ('jJun-18') is still a month's column, and the values under it are month
    values (left unread, they were missing when the layout model placed the row's values into
    months, and the row's other values moved a month to fill the gap)."""
    lo, hi = pw.words[labels[0]].cx, pw.words[labels[-1]].cx
    return [i for i in run if i in labels or (lo < pw.words[i].cx < hi and abs(
        (pw.words[i].cx - lo) / step - round((pw.words[i].cx - lo) / step)) <= EVEN)]


EVEN = 0.35             # a run of labels: widths, heights and steps within this share of their median


def even_runs(pw: PageWords, ln: list[int], min_words: int) -> list[int]:
    """The words of the runs of neighbouring words of one size at an even step (month labels,
    or a line of values) of min_words words or more: several on a line of dashboards."""
    ws = [pw.words[i] for i in ln]
    if len(ws) < min_words:
        return []
    wid = np.median([w.w for w in ws])
    hgt = np.median([w.h for w in ws])
    ok = [abs(w.w - wid) <= EVEN * wid and abs(w.h - hgt) <= EVEN * hgt for w in ws]
    runs: list[list[int]] = []
    cur: list[int] = []
    for j, w in enumerate(ws):
        if not ok[j]:
            runs.append(cur)
            cur = []
            continue
        if len(cur) >= 2:
            step = float(np.median(np.diff([pw.words[i].cx for i in cur])))
            if abs((w.cx - pw.words[cur[-1]].cx) - step) > EVEN * step:
                runs.append(cur)
                cur = cur[-1:]
        cur = cur + [ln[j]]
    runs.append(cur)
    return [i for r in runs if len(r) >= min_words for i in r]


def month_label_reads(t: "TableLayout", index: dict[int, int],
                      word_reads: dict[int, "CellRead"]) -> dict[int, "CellRead"]:
    """Column -> the read of its month label, for the month columns whose label is one word read
    as a month. The header cell of such a column may also hold a word of its neighbour's label
    (a '%' that opens a wrapped '% change from previous month' centred over a wider column): read
    as one cell, 'Apr-19' and the '%' gave '% Apri', the column was no month, and its values were
    lost on every row of the page."""
    out = {}
    for k in t.month_cols:
        label = t.columns[k].label
        if label is None:
            continue
        ws = [index.get(id(w)) for w in label.words]
        read = [word_reads[i] for i in ws if i is not None and i in word_reads]
        if len(ws) == 1 and len(read) == 1 and parse_month(read[0].text):
            out[k] = read[0]
    return out
