"""Rows a tool gave column by column within a band of rows, put back row by row.

poppler's default reading order (pdftotext without -layout or -raw) makes one text block of the
cells of a column that lie close together: where several rows in a row print one-line titles, the
rows' cells of each column come as a block, top-down, and the blocks left to right, so a band of
k rows reads

    24.1% 25.3% 118 75.0%  16.3% 34.2% 121 66.0%  ...        the months, k cells a month
    ↑ 33% ↓ -30% ↑ 19% ↑ 39%  ⇒ -2% ▼ ↑ 14% ▲ ↑ 140% ▲ ⇒ -8%  the % changes, k a column (DoT between)
    18.2% 40.4% 178 61.6%  29.6% 59.1% 291 90.0%  ...         12-month average, maximum, benchmarks

while the rows of taller titles around it come one row at a time. A band is taken only where
each of its k rows, read with a stride of k, is confirmed by its own arithmetic (a check that
pins its months passes and none fails) and no other band height is; the k rows then take the
band's place in the run, each as a row prints (months, changes, average, maximum), and the cut
of the run into the page's rows (textfirst.cut_rows) reads them as it reads any row. A stretch
that is no such band (a blank month breaks the stride, two columns read as one block) is left as
the tool gave it.
"""
from __future__ import annotations

from .header import TextHeader as Header
from .placement import MAX_BLANKS, PINNING, candidates, month_like
from .tokens import MONTH, VALUE, Token
from .vocab import is_glyph_only, norm

MAX_BAND = 8          # rows of one band at most (rows of one-line titles printed together)
MIN_INNER = 5         # values among a header's labels taken as its top row's at least


def in_header(tokens: list[Token], frame, header: Header) -> list[Token]:
    """The values among a header's month labels, when they are its top row's months: pdftotext's
    default order gives the top row's cell of each month column in the block of the next
    column's label ('Oct-18 Nov-18 1620 Dec-18 1871 ...'), a value between two labels, so the
    values between the labels, one to a gap and as many as the months but the last less the
    blanks a row may have, are the top row's first months, and the rest of its values follow the
    header as the other rows' do. Values among the labels in any other number are kept out."""
    gaps: list[list[Token]] = [[]]
    for t in tokens[frame.start:frame.end]:
        if t.kind == MONTH:
            gaps.append([])
        elif t.kind == VALUE:
            gaps[-1].append(t)
    inner = [t for g in gaps for t in g]
    if any(len(g) > 1 for g in gaps) or not header.W > len(inner) >= max(MIN_INNER, header.W - 1 - MAX_BLANKS):
        return []
    return inner


def unband(values: list[Token], header: Header) -> list[Token]:
    """`values` with every verified band's cells in row order (the tokens themselves, moved)."""
    texts = [t.text for t in values]
    W, L = header.W, len(values)
    out: list[Token] = []
    s = 0
    while s < L:
        order = _band_at(texts, s, header) if W >= 2 else None
        if order is None:
            out.append(values[s])
            s += 1
            continue
        rows, end = order
        out.extend(_cell(values, c) for row in rows for c in row)
        s = end
    return out


def _cell(values: list[Token], c: int | tuple[int, int]) -> Token:
    """A cell of a band's row: a token, or a change and its arrow as one cell ('↑ 33%'), as
    the band's columns say they are one (apart, and with no DoT cell after them, the tail
    aligner could take a percentage row's arrow for its DoT and its change for the average)."""
    if isinstance(c, int):
        return values[c]
    arrow, pct = values[c[0]], values[c[1]]
    return Token(f"{arrow.text} {pct.text}", pct.line, VALUE, arrow.first)


def _band_at(texts: list[str], s: int, header: Header) -> tuple[list[list[int]], int] | None:
    """The rows (as indices into texts) of the one band height that verifies at s, and where the
    band's verified cells end."""
    W, L = header.W, len(texts)
    months = 0
    while s + months < L and months < MAX_BAND * W and month_like(texts[s + months]):
        months += 1
    if months < 2 * W:
        return None
    found = []
    for k in range(2, min(MAX_BAND, months // W) + 1):
        rows = _rows(texts, s, k, W)
        if rows is not None and all(_verified([_text(texts, c) for c in r], header) for r in rows):
            found.append(rows)
    if len(found) != 1:
        return None
    rows = found[0]
    return rows, max(c if isinstance(c, int) else c[1] for r in rows for c in r) + 1


def _text(texts: list[str], c: int | tuple[int, int]) -> str:
    return texts[c] if isinstance(c, int) else f"{texts[c[0]]} {texts[c[1]]}"


def _rows(texts: list[str], s: int, k: int, W: int) -> list[list] | None:
    """Band of k rows at s: each row's months (stride k), % change from the previous month and
    from a year before (a column of k changes each), 12-month average and maximum (k each)."""
    p = s + k * W
    changes, p = _changes(texts, p, 2 * k)
    if changes is None:
        return None
    plain = []
    while p < len(texts) and len(plain) < 2 * k:
        if is_glyph_only(norm(texts[p])):       # a DoT cell after the changes
            p += 1
            continue
        if not month_like(texts[p]):
            return None
        plain.append(p)
        p += 1
    if len(plain) < 2 * k:
        return None
    return [list(range(s + r, s + k * W, k)) + [changes[r], changes[k + r], plain[r], plain[k + r]]
            for r in range(k)]


def _changes(texts: list[str], p: int, n: int) -> tuple[list | None, int]:
    """n % change cells from p ('↑ 33%': a pair of indices, '-2%', '- n/a'), DoT glyphs between
    them skipped."""
    out: list = []
    L = len(texts)
    while p < L and len(out) < n:
        t = norm(texts[p])
        if is_glyph_only(t):
            if p + 1 < L and _change(norm(texts[p + 1]), arrow=True):
                out.append((p, p + 1))
                p += 2
            else:
                p += 1                      # a DoT cell
            continue
        if not _change(t, arrow=False):
            break
        out.append(p)
        p += 1
    return (out if len(out) == n else None), p


def _change(t: str, arrow: bool) -> bool:
    if "n/a" in t.lower():
        return True
    if not t.endswith("%"):
        return False
    return arrow or t[:1] in "-−–+"


def _verified(run: list[str], header: Header) -> bool:
    cands, _ = candidates(run, header, blanks=0, interior=False, text_first=True)
    if not cands:
        return False
    best = max(cands, key=lambda c: c.score)
    return best.n == header.W and any(c.result == "pass" and c.name in PINNING for c in best.checks) \
        and not any(c.result == "fail" for c in best.checks)


__all__ = ["unband"]
