"""Each value of a block under its month, and how that was verified — never assumed.

Evidence, strongest first:
  positions  the input says where each value is: it sits under one month label (within
             place_tol of a step) and no two values claim one month. A month with nothing under
             it printed nothing (a text layer, layout text) or lost its value (OCR): the reader
             says which (blank_is_missing).
  count      no usable positions, but as many value tokens as month labels: in print order, one
             per month (every tool reads a line left to right; junk in a value's place still
             counts as that value, unreadable).
Otherwise (fewer or more tokens than months, positions that contradict) the values are placed
right-aligned (the pack month is always printed; the first value is the one readers lose) with
conf <= unverified_conf, so they are unreadable: never ok-and-wrong. Agreement with what other
packs hold can still identify the block, but never moves a value to another month.
"""
from __future__ import annotations

from .model import Aligned, Block, Placed, Token
from .settings import DEFAULT, DashboardSettings


def align(block: Block, blank_is_missing: bool, settings: DashboardSettings = DEFAULT) -> Aligned:
    if block.positioned:
        got = _by_positions(block, blank_is_missing, settings)
        if got is not None:
            return got
    return _by_count(block, settings)


def _conf(block: Block, i: int, tok: Token, settings: DashboardSettings) -> float:
    c = tok.conf
    if i in block.axis.repaired:
        c = min(c, settings.repaired_axis_conf)
    return c


def _by_positions(block: Block, blank_is_missing: bool, settings: DashboardSettings) -> Aligned | None:
    axis = block.axis
    step = axis.step
    if step is None or step <= 0 or any(t.cx is None for t in block.values):
        return None
    centres = [t.cx for t in axis.labels]
    slot: dict[int, Token] = {}
    for tok in block.values:
        i = min(range(len(centres)), key=lambda k: abs(centres[k] - tok.cx))
        if abs(centres[i] - tok.cx) > settings.place_tol * step or i in slot:
            return None            # a value between two months, or two values under one
        slot[i] = tok
    lost = 0 if blank_is_missing else len(axis.months) - len(slot)
    if lost > settings.max_lost_share * len(axis.months):
        # OCR lost this many of the line's words: its segmentation of the line failed, and the
        # words it kept ('7' for '17' beside a lost one) are no reading to vouch for
        return _unverified(block, [slot.get(i) for i in range(len(axis.months))],
                           f"OCR lost {lost} of {len(axis.months)} values", settings)
    cells = []
    for i, month in enumerate(axis.months):
        tok = slot.get(i)
        if tok is None:
            cells.append(Placed(month, "", 1.0 if blank_is_missing else 0.0))
        else:
            cells.append(Placed(month, tok.text, _conf(block, i, tok, settings), tok.box, tok.line))
    return Aligned(block, tuple(cells), "positions", True)


def _by_count(block: Block, settings: DashboardSettings) -> Aligned:
    months, vals = block.axis.months, block.values
    n, k = len(months), len(vals)
    if k == n and not block.doubt:
        cells = tuple(Placed(m, t.text, min(_conf(block, i, t, settings), settings.count_conf), t.box, t.line)
                      for i, (m, t) in enumerate(zip(months, vals)))
        return Aligned(block, cells, "count", True)
    # right-aligned, unverified: the last value under the pack month
    placed = list(vals[-n:]) if k > n else [None] * (n - k) + list(vals)
    return _unverified(block, placed, f"{block.doubt or f'{k} values for {n} months'}, placed from the last month back",
                       settings)


def _unverified(block: Block, placed: list[Token | None], why: str, settings: DashboardSettings) -> Aligned:
    cells = []
    for m, t in zip(block.axis.months, placed):
        if t is None:
            cells.append(Placed(m, "", 0.0))
        else:
            cells.append(Placed(m, t.text, min(t.conf, settings.unverified_conf), t.box, t.line))
    return Aligned(block, tuple(cells), f"unverified: {why}", False)
