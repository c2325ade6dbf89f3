"""Step 2: ruling lines -> tables (line pieces that cross or touch) -> cell boxes, merged cells
spanning the columns or rows they have no rule between."""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Box

from .geometry import Rule


@dataclass(frozen=True)
class TableFrame:
    ys: tuple[float, ...]          # row boundaries (top to bottom)
    xs: tuple[float, ...]          # column boundaries (left to right)
    verticals: tuple[Rule, ...]
    horizontals: tuple[Rule, ...]

    @property
    def box(self) -> Box:
        return Box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def find_tables(horiz: list[Rule], vert: list[Rule]) -> list[TableFrame]:
    """Group rules into tables: line pieces that cross or touch belong together. Pieces, not whole
    rules: dashboard tables side by side share their rules' y positions but not their pieces."""
    hs = [Rule(True, r.pos, (sp,)) for r in horiz for sp in r.spans]
    vs = [Rule(False, r.pos, (sp,)) for r in vert for sp in r.spans]
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs, start=len(hs)):
            if h.covers(v.pos) and v.covers(h.pos):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(hs + vs):
        groups.setdefault(find(i), []).append(rule)
    frames = []
    for members in groups.values():
        h_rules = _rejoin([r for r in members if r.horizontal])
        v_rules = _rejoin([r for r in members if not r.horizontal])
        if len(h_rules) >= 2 and len(v_rules) >= 2:
            frames.append(TableFrame(tuple(r.pos for r in h_rules), tuple(r.pos for r in v_rules),
                                     tuple(v_rules), tuple(h_rules)))
    frames.sort(key=lambda f: (f.ys[0], f.xs[0]))
    return frames


def _rejoin(pieces: list[Rule]) -> list[Rule]:
    """Pieces of one table at the same position are one rule again (with its gaps kept)."""
    by_pos: dict[float, list[tuple[float, float]]] = {}
    for r in pieces:
        by_pos.setdefault(r.pos, []).extend(r.spans)
    return [Rule(pieces[0].horizontal, pos, tuple(sorted(sp))) for pos, sp in sorted(by_pos.items())]


def cell_boxes(frame: TableFrame) -> list[tuple[int, int, Box]]:
    """(row, col, box) for every cell; merged cells (no rule between) span several columns
    or rows and take the index of their top-left column/row."""
    out = []
    ys, xs = frame.ys, frame.xs
    for r in range(len(ys) - 1):
        if _covered_by_cell_above(frame, r):
            continue
        mid_y = (ys[r] + ys[r + 1]) / 2
        bounds = [c for c, v in enumerate(frame.verticals) if v.covers(mid_y, tol=0)]
        for a, b in zip(bounds, bounds[1:]):
            r_end = _row_span_end(frame, r, xs[a], xs[b])
            out.append((r, a, Box(xs[a], ys[r], xs[b], ys[r_end])))
    return out


def _covered_by_cell_above(frame: TableFrame, r: int) -> bool:
    """A band with no horizontal rule at its top across its whole width is the lower part of
    taller cells handled by _row_span_end — but only when the rule is missing everywhere."""
    if r == 0:
        return False
    top = frame.horizontals[r]
    return not any(b - a > 2 for a, b in top.spans)


def _row_span_end(frame: TableFrame, r: int, x0: float, x1: float) -> int:
    mid_x = (x0 + x1) / 2
    end = r + 1
    while end < len(frame.ys) - 1 and not frame.horizontals[end].covers(mid_x, tol=0):
        end += 1
    return end
