"""Text-first pages of reading-order text (ordered.py): every ref of the page first (in the
tool's order, or turned back where pdftotext's default order gave them bottom-up), then the
page's values as one run, cut into as many rows as refs where the rows' arithmetic says rows
start (textfirst.py, gapcut.py), each row's months then doubted where the cut or the pairing is
not verified (rowdoubt.py)."""
from __future__ import annotations

from recover.model import Grid

from .align import Aligned
from .bands import in_header, unband
from .build import RowOut, order_grid
from .frames import Frame, header_words, make_header
from .gapcut import cut_around_gap, uncounted
from .placement import MAX_BLANKS, UNPINNED, place_run
from .rowdoubt import CHANGES, broken_cuts, rival_confs, seen_by_checks
from .rows import find_anchors, runs_in
from .textfirst import MIN_SHORT as MIN_LATE, cut_rows, order_checked, print_order, row_unit, value_tokens
from .tokens import Token


def read_columns(tokens: list[Token], frame: Frame, a: int, b: int, source: str, page: int,
                 pack: str | None = None) -> tuple[Grid | None, list[str]]:
    """A text-first page: its rows cut from the run of values. A page no cut reads is cut again
    with rows that start late allowed (a new indicator's first months blank, in a window of
    13-14 months): tried first, they would let the cut explain two rows' interleaved values as
    one long row and a late one."""
    got = _cut_columns(tokens, frame, a, b, source, page, pack=pack)
    if got[0] is None and len(frame.months) - MAX_BLANKS > MIN_LATE:
        late = _cut_columns(tokens, frame, a, b, source, page, late=True, pack=pack)
        if late[0] is not None:
            return late
    return got


def _cut_columns(tokens: list[Token], frame: Frame, a: int, b: int, source: str, page: int,
                 late: bool = False, pack: str | None = None) -> tuple[Grid | None, list[str]]:
    found = find_anchors(tokens, a, b)
    anchors = print_order(found)
    turned = anchors != found
    # the values are one block, after the header and outside the refs' block (pdfminer puts
    # the ref column before the values, or with -V after them)
    span = (min(x.start for x in anchors), max(x.end for x in anchors))
    runs = [r for r in runs_in(tokens, frame.end, b) if not span[0] <= r.start < span[1]]
    header = make_header(frame, header_words(tokens, frame, runs[0].start if runs else b))
    if not runs:
        # pdfminer -V can give a page's values before the header that names them, none after it
        # (values partly before and partly after it come in no order the cut could trust)
        runs = [r for r in runs_in(tokens, a, frame.start) if not span[0] <= r.start < span[1]]
    # the top row's cells pdftotext gave between the header's labels, and rows it gave column by
    # column within a band of rows, put back row by row
    values = unband(in_header(tokens, frame, header) + value_tokens(tokens, runs), header)
    texts = [t.text for t in values]
    cuts = cut_rows(texts, len(anchors), header, late)
    line = tokens[frame.start].line
    warnings = []
    if cuts is None:
        # a stretch no row start explains (a row of two values, two rows' boxes interleaved):
        # the rows on both sides of it, counted from the first ref and from the last
        cuts = cut_around_gap(texts, len(anchors), header, late)
        if cuts is None:
            return None, [f"{source}: the values after the header at line {line} could not be cut into "
                          f"{len(anchors)} rows; not read"]
        lost = [a.printed for a, c in zip(anchors, cuts) if c is None]
        warnings.append(f"{source}: page at line {line}: the values of {', '.join(lost)} could not be "
                        "cut from the run; not read")
    placed = [place_run(texts[c.start:c.end], header, text_first=True) if c else None for c in cuts]
    # the pairing is verified on every row cut, the ones left unread below included: a row's
    # unit that contradicts its ref says the tool did not keep the ref column's order
    paired, why = order_checked(anchors, [row_unit(p.cells[:header.W]) if p else None for p in placed])
    if not paired:
        warnings.append(f"{source}: page at line {line}: {why}; its rows are left unidentified")
    unsure = uncounted(texts, cuts, placed, header) if paired else set()
    if paired and turned and (unsure or None in cuts or frame.months[-1] != pack):
        # refs turned back (pdftotext's default order): that order scatters a row's values too
        # (the top row's among the header's labels, a first value far from the rest), so a row
        # short or in doubt may have moved every row's count, on either side of it; and it moves
        # header labels away from the header (a header that lost its last months places every
        # row's values months early, and the rows' own arithmetic passes all the same)
        paired, unsure = False, set()
        warnings.append(f"{source}: page at line {line}: its refs come bottom-up and a row's count or the "
                        "header's last month is in doubt; its rows are left unidentified")
    if unsure and (None in cuts or late):
        # a stretch and a row that may not be one: the count of neither side is sure (pdftotext's
        # default order gives a page's row runs in an order of its own, which such a cut took
        # for the refs' order); a cut with rows that start late is taken only where every row's
        # count is (two rows' interleaved boxes read as one row and a late one)
        return None, [f"{source}: the values after the header at line {line} could not be cut into "
                      f"{len(anchors)} rows; not read"]
    if unsure:
        warnings.append(f"{source}: page at line {line}: the count of the rows around "
                        f"{', '.join(anchors[k].printed for k in sorted(unsure))} is in doubt (two rows "
                        "as one, or a piece of one); those rows are left unidentified")
    broken = broken_cuts(texts, cuts, placed, header)
    # a row beside the stretch may have lost values to it or taken some, as beside a short row
    short = {k for k, p in enumerate(placed) if p is None or sum(1 for m in p.cells[:header.W] if m) < header.W}
    out = []
    for k, (anchor, cut, p) in enumerate(zip(anchors, cuts, placed)):
        if cut is None:
            continue
        confs = rival_confs(texts, cut, p, header)
        if k in broken:
            confs[:header.W] = [min(c, UNPINNED) for c in confs[:header.W]]
            p.notes.append("cut-unverified")
        elif any(c.result == "fail" for c in p.checks):
            # a rounded 12-month average passes either way a one-cell shift goes
            confs[:header.W] = seen_by_checks(p, confs[:header.W], CHANGES)
        elif short & {k - 1, k, k + 1}:
            # a row short of values may have lost them to a neighbour's run: pdfminer gives the
            # first month's boxes of close rows interleaved ('1 9 3 5 6' for LAC2's '1 5 6' with
            # the next rows' first values), which moves only months no check sees
            confs[:header.W] = seen_by_checks(p, confs[:header.W])
        row_paired = paired and k not in unsure
        if turned and not row_paired:
            # a row of a page whose refs came bottom-up and whose pairing is not verified may
            # still be identified by its values: pdftotext's default order puts a row's first
            # value apart from the rest, and the cut then takes the value before it (the row
            # above's) for its first month, which only a check that pins it can tell
            confs[:header.W] = seen_by_checks(p, confs[:header.W])
        notes = [f"text-first row {'paired' if row_paired else 'unpaired'}"] + \
            ([] if cut.sure else [f"row-start ambiguous: {len(cut.rivals)} other start(s)"]) + p.notes
        ref = anchor.printed if row_paired else ""
        # a title is the ref's only when it shares the ref's line (the boxes of a text-first
        # page need not alternate ref, title, ref, title)
        ref_line = tokens[anchor.start].line
        title = " ".join(t.text for t in tokens[anchor.end: anchor.end + 30] if t.line == ref_line) \
            if row_paired else ""
        aligned = Aligned([ref, title] + p.cells, [0.9 if row_paired else 0.0, 1.0] + confs, notes, p.checks)
        out.append(RowOut(aligned, values[cut.start].line, values[cut.end - 1].line))
    return order_grid(source, page, header, out, "text-first"), warnings
