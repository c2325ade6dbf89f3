"""One cell read the way its column's role says: numbers with the digit recipe, % changes with
their arrow, refs line by line, names turned back upright, running text to a few lines."""
from __future__ import annotations

from .context import TRUNCATED, CellRead, OcrPage
from .header import NUMERIC_ROLES
from .ink import Ink
from .numbers import read_change, read_number
from .text import Turn, read_line_by_line, read_text_cell

REF_LINES = 4           # wrapped lines of a ref read ('M6-' / 'QL (' / 'val)')
TEXT_LINES = 6          # lines of a title or name read


def read_by_role(ctx: OcrPage, ink: Ink, role: str, turn: Turn | None, ruled: bool = False,
                 digit_h: float = 0.0) -> CellRead:
    """ruled: a cell of a table ruled all round (its ink is the interior, rules taken out);
    digit_h: the median ink height of that table's month values."""
    s = ctx.settings
    if role == "pct":
        return read_change(ctx, ink)
    if role in NUMERIC_ROLES:
        if role == "month":
            return read_number(ctx, ink, s.num_whitelist, retry=True, ruled=ruled, digit_h=digit_h)
        return read_number(ctx, ink, None, retry=False, height=s.extra_height)
    if role == "ref":
        # the ref is the register's strongest key: each wrapped line is read on its own at full size
        return read_line_by_line(ctx, ink, max_lines=REF_LINES)
    lines = {"commentary": s.commentary_lines, "outcome": s.outcome_lines}.get(role, TEXT_LINES)
    r = read_text_cell(ctx, ink, turn=turn, max_lines=lines, height=s.line_height)
    # text a person reads (title, outcome, commentary) says when it is only the first lines
    return CellRead(r.text + TRUNCATED, r.conf) if r.cut and r.text else r
