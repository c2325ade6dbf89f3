"""Text-first rows checked against the pack's own dashboard charts.

A text-first page pairs the k-th ref with the k-th row cut from the run of values, on the tool
keeping the ref column's order (textfirst.order_checked verifies the register's order and each
row's unit). pdfminer with -V can still give two rows' value blocks in each other's place: a
2020-09 pack's CP1 ref took CP6B's row and CP6B took CP1's, both counts, both rows' own
arithmetic passing, 7 cells each sure and wrong when the pack is read alone. The pack's
dashboard charts print the same indicators' months: a chart copies its table, so a paired row
whose sure months its ref's chart contradicts was not that ref's row. Such rows, and every row
of the page between two of them (each may have taken the next ref's values), lose their ref:
identification decides them from their values as for any row a page could not pair, never
under the guessed ref. A chart is no evidence for a row it agrees with, nor where the two share
fewer than MIN_SHARED months.
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Grid
from recover.printed.months import parse_month
from recover.printed.numbers import parse_value
from recover.reconcile.precision import agree

MIN_SHARED = 2     # months a row and its chart both print before they can contradict each other
SURE = 0.8         # a cell conf that counts as read
UNPAIRED = "text-first row unpaired: its ref's dashboard chart prints other values"


def check_against_charts(grids: list[Grid], charts: list[Grid]) -> tuple[list[Grid], list[str]]:
    """The text-first table grids with the rows their charts contradict unpaired; notes."""
    held = _chart_values(charts)
    if not held:
        return grids, []
    out, notes = [], []
    for g in grids:
        if g.kind != "table" or "layout=text-first" not in g.meta.notes:
            out.append(g)
            continue
        rows = g.rows()
        months = {c.col: parse_month(c.text) for c in rows[0]}
        bad = [r for r in range(1, len(rows)) if rows[r] and _contradicted(rows[r], months, held)]
        if not bad:
            out.append(g)
            continue
        span = set(range(bad[0], bad[-1] + 1))
        refs = [rows[r][0].text for r in sorted(span) if rows[r][0].text]
        notes.append(f"{g.source}: rows {', '.join(refs)}: a ref's dashboard chart prints other values "
                     "than its row; those rows are left unidentified")
        cells = tuple(replace(c, text="", conf=0.0) if c.row in span and c.col in (0, 1) else c
                      for c in g.cells)
        row_notes = tuple((r, n.replace("text-first row paired", UNPAIRED) if r in span else n)
                          for r, n in g.meta.row_notes)
        out.append(replace(g, cells=cells, meta=replace(g.meta, row_notes=row_notes)))
    return out, notes


def _chart_values(charts: list[Grid]) -> dict[tuple[str, str], tuple[float, int]]:
    held: dict[tuple[str, str], tuple[float, int]] = {}
    for g in charts:
        rows = g.rows()
        if len(rows) < 2:
            continue
        months = {c.col: parse_month(c.text) for c in rows[0]}
        for row in rows[1:]:
            if not row or not row[0].text:
                continue
            for c in row[1:]:
                m = months.get(c.col)
                v = parse_value(c.text)
                if m and c.conf >= SURE and v.status == "ok":
                    held[(row[0].text, m)] = (v.value, v.decimals)
    return held


def _contradicted(row, months: dict[int, str | None], held: dict) -> bool:
    ref = row[0].text
    agree_n = disagree_n = 0
    for c in row[2:]:
        m = months.get(c.col)
        if not m or c.conf < SURE or (ref, m) not in held:
            continue
        v = parse_value(c.text)
        if v.status != "ok":
            continue
        if agree(v.value, v.decimals, *held[(ref, m)]):
            agree_n += 1
        else:
            disagree_n += 1
    return agree_n + disagree_n >= MIN_SHARED and disagree_n > agree_n
