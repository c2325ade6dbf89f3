"""Rows whose ref the tool gave apart from their values, in reading-order text.

LibreOffice draws a ref cell that wraps ('CP3-QL' / '(val)') as its own text object, after the
row's other cells: pypdf, pdfplumber and pdftotext -raw then give that row's names and values
with no ref before them, and the ref later among the titles and outcomes. So a page holds refs
with no values and runs of values with no ref.

A ref among the titles may also be followed by the run of a row whose own ref came before its
names (the page's last row: pdfplumber gives its values at the end of the text): rows print in
the register's order, so a ref whose run breaks that order did not print that run; the run is
unclaimed again (of the refs with runs, those outside the longest run of refs in the register's
order).

A run without a ref is paired with a ref without values only when the register's order says so:
the run sits between two rows whose refs are known, exactly one ref without values lies between
those two in the register, exactly one unclaimed run lies between those two rows, and the run
prints the ref's unit (a percentage row prints '%'). Anything else stays unpaired and is not read.
In OCR'd text the order's premise (every ref on the page is seen) fails where OCR garbled a ref
beyond recognition, so a row paired there is marked (APART_LOSSY) and its months are unreadable.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from .rows import Run, StreamRow, fill_row
from .titles import starts_title
from .tokens import RULE, Token
from .vocab import register_position, register_unit

APART_SCORE = 0.95    # the ref's score once paired by order (not by place): never fully sure
APART_LOSSY = "apart-in-ocr-text"   # the note of a row paired so in OCR'd text


def pair_apart(tokens: list[Token], rows: list[StreamRow], free: list[Run], min_values: int,
               lossy: bool = False) -> tuple[list[Run], list[str]]:
    """Fill rows that have a ref but no values with the unclaimed runs the register's order
    gives them (rows changed in place). Returns the runs still unclaimed and notes. `lossy`:
    OCR'd text, whose paired rows are noted APART_LOSSY."""
    if not free or not any(r.anchor is not None and not r.values for r in rows):
        return free, []
    pos = {id(r): register_position(r.anchor.printed) for r in rows if r.anchor is not None}
    valued = sorted((r for r in rows if r.values and r.anchor is not None), key=lambda r: r.run.start)
    free = sorted(free + [_unclaim(r) for r in _out_of_order(valued, pos)], key=lambda x: x.start)
    orphans = [r for r in rows if r.anchor is not None and not r.values]
    valued = [r for r in valued if r.values]
    starts = [r.run.start for r in valued]   # none: a page of drawn-apart refs is one gap
    gaps: dict[int, list[Run]] = {}
    for run in free:
        if run.n_values >= min_values:
            gaps.setdefault(bisect_left(starts, run.start), []).append(run)
    left, notes = list(free), []
    all_starts = sorted(starts + [r.start for r in free])
    for k, runs in gaps.items():
        lo = pos[id(valued[k - 1])] if k > 0 else -1
        hi = pos[id(valued[k])] if k < len(valued) else None
        if lo is None or (k < len(valued) and hi is None):
            continue
        fits = sorted((r for r in orphans if not r.values and pos[id(r)] is not None
                       and lo < pos[id(r)] and (hi is None or pos[id(r)] < hi)), key=lambda r: pos[id(r)])
        # as many refs as runs in the gap, in the same order, each run in its ref's unit
        if len(fits) != len(runs) or not all(_unit_agrees(tokens, run, row.anchor.printed)
                                             for run, row in zip(runs, fits)):
            continue
        prev = valued[k - 1] if k > 0 else None
        for run, row in zip(runs, fits):
            _pair(tokens, prev, row, run, rows, all_starts)
            if lossy:
                row.notes.append(APART_LOSSY)
            left.remove(run)
            notes.append(row.anchor.printed)
            prev = row
    return left, notes


def _pair(tokens: list[Token], prev: StreamRow | None, row: StreamRow, run: Run, rows: list[StreamRow],
          run_starts: list[int]) -> None:
    if prev is not None:
        before = _cut_commentary(tokens, prev, tokens[run.start])
        if before and starts_title(before):
            # the title was drawn with the row's names and values, only the ref apart
            row.title = before
    end = _next_start(run, rows, run_starts, len(tokens))
    fill_row(row, tokens, run, end)
    row.anchor = replace(row.anchor, score=min(row.anchor.score, APART_SCORE))
    row.first_line = tokens[run.start].line
    row.notes = [n for n in row.notes if n != "no-values"] + [
        f"ref-apart: line {tokens[row.anchor.start].line}, paired by the register's order"]


def _out_of_order(valued: list[StreamRow], pos: dict[int, int | None]) -> list[StreamRow]:
    """Rows (in text order) outside the longest sequence whose refs the register lists in order
    (refs the register does not place are left alone)."""
    placed = [r for r in valued if pos[id(r)] is not None]
    best: list[list[StreamRow]] = []
    for r in placed:
        prev = max((b for b in best if pos[id(b[-1])] < pos[id(r)]), key=len, default=[])
        best.append(prev + [r])
    keep = {id(r) for r in max(best, key=len, default=[])}
    return [r for r in placed if id(r) not in keep]


def _unclaim(row: StreamRow) -> Run:
    run = row.run
    row.values, row.commentary, row.run, row.strays = [], [], None, 0
    row.notes = [n for n in row.notes if not n.startswith("runs-after-ref=")] + ["no-values",
                                                                                 "run-out-of-order"]
    return run


def _cut_commentary(tokens: list[Token], row: StreamRow, first: Token) -> list[Token]:
    """The row before the paired run took it as commentary: its commentary ends after its own
    line. Returns the lines between (the paired row's names, and its title if drawn there)."""
    # (a row paired before this run took its commentary up to the run already)
    i = next((i for i, t in enumerate(row.commentary) if t is first), len(row.commentary))
    last = tokens[row.run.end - 1].line
    own = [c for c in row.commentary[:i] if c.line == last]
    rest = row.commentary[len(own):i]
    row.commentary = own
    row.notes = [n for n in row.notes if not n.startswith("runs-after-ref=")]
    return rest


def _next_start(run: Run, rows: list[StreamRow], run_starts: list[int], n: int) -> int:
    """Where what follows the run stops being its commentary: the next run or ref."""
    after = [s for s in run_starts if s > run.start] + \
        [r.anchor.start for r in rows if r.anchor is not None and r.anchor.start > run.start]
    return min(after, default=n)


def _unit_agrees(tokens: list[Token], run: Run, ref: str) -> bool:
    vals = [t.text for t in tokens[run.start:run.end] if t.kind != RULE and any(c.isdigit() for c in t.text)]
    want = register_unit(ref)
    if want is None or not vals:
        # a run of missing markers alone ('- - - - n/a') prints no unit to contradict the ref's
        return True
    pct = sum(v.endswith("%") for v in vals) * 2 > len(vals)
    return pct == (want == "percent")
