"""Dashboard blocks on a text-layer page: the page's words through the dashboard model
(recover/dashboard), whose grids replace whatever the rules or the row/column model found inside
each block (the one-line table's frame, the benchmarking box)."""
from __future__ import annotations

from recover.model import Box, Grid
from recover.printed.months import parse_month

from .geometry import Char

MIN_MONTHS = 6          # month labels a page needs before its words are looked at for blocks


def with_dashboards(chars: list[Char], grids: list[Grid], source: str, page: int) -> list[Grid]:
    from recover.dashboard import read_positioned
    from recover.layout import words_from_chars
    words = words_from_chars(chars)
    if sum(1 for w in words if parse_month(w.text)) < MIN_MONTHS:
        return grids
    blocks, regions = read_positioned(words, source=source, page=page, method="text-layer")
    if not blocks:
        return grids
    kept = [g for g in grids if not any(_inside(_box(g), r) for r in regions)]
    return kept + blocks


def _box(g: Grid) -> Box | None:
    bs = [c.box for c in g.cells if c.box is not None]
    if not bs:
        return None
    return Box(min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs), max(b.y1 for b in bs))


def _inside(b: Box | None, r: Box, tol: float = 2.0) -> bool:
    """Most of the grid lies inside the block's region."""
    if b is None:
        return False
    w = max(0.0, min(b.x1, r.x1) - max(b.x0, r.x0))
    h = max(0.0, min(b.y1, r.y1 + tol) - max(b.y0, r.y0 - tol))
    return w * h >= 0.6 * max(b.width * b.height, 1e-6)
