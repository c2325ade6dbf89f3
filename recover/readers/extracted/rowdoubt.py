"""How sure the months of a row cut from a reading-order run are: a cut the row's arithmetic does
not confirm, a rival start that would put other values in a month, a window the page does not
verify. Each lowers the months' confs to UNPINNED where the evidence is missing (see
docs/confidence.md, extracted text)."""
from __future__ import annotations

from recover.printed.arithmetic import YEAR

from .align import Aligned
from .header import TextHeader as Header
from .placement import MAX_BLANKS, PINNING, UNPINNED, place_run
from .textfirst import misfits, row_unit, typical
from .vocab import is_glyph_only

MAX_TAIL_GLYPHS = 3   # two change arrows and a DoT arrow


CHANGES = ("pct_prev", "pct_year")


def seen_by_checks(placed: Aligned, confs: list[float], checks: tuple[str, ...] = PINNING) -> list[float]:
    """A cut row with fewer values than months, or one a check contradicts: the values it lacks
    may have gone to the row before (the cut started late), or it took the row before's last
    cell for a month left blank (started early), which shifts only months no check sees (a
    14-month table's first months lie outside the 12-month average). Those months are not sure."""
    seen = {i for c in placed.checks if c.result == "pass" and c.name in checks for i in c.cells}
    out = [c if i in seen else min(c, UNPINNED) for i, c in enumerate(confs)]
    if out != confs:
        placed.notes.append("months-no-check-sees unverified")
    return out


def pinned_in_guessed_window(placed: Aligned, confs: list[float]) -> list[float]:
    """A row under a window its page does not verify: a month cell stays sure only where a passing
    check pins it without taking the window's width on trust. A % change from the previous month
    and the 12-month average name months counted back from the pack month; a % change from a year
    before names a month 12 back only if the window is as long as guessed, and which printed change
    is which is not known without the header ('-2%' from the month before passed as the year's
    with the month before placed 12 back), so it pins the pack month alone. A row that prints a
    value for each of 13 months and passes that check on its first value verifies the window
    itself: its values are a year long, and the count places them, as under a header read."""
    W = len(confs)
    if W == YEAR + 1 and all(placed.cells[:W]) and any(
            c.result == "pass" and c.name == "pct_year" and c.cells[0] == 0 for c in placed.checks):
        return confs
    seen = {i for c in placed.checks if c.result == "pass" and c.name in ("pct_prev", "avg12") for i in c.cells}
    seen |= {c.cells[-1] for c in placed.checks if c.result == "pass" and c.name == "pct_year" and c.cells}
    out = [c if i in seen else min(c, UNPINNED) for i, c in enumerate(confs)]
    if out != confs:
        placed.notes.append("guessed-window months no check pins unverified")
    return out


def broken_cuts(texts: list[str], cuts, placed: list[Aligned], header: Header) -> set[int]:
    """Rows whose cut the arithmetic does not confirm: no check that pins positions passes, the
    months are unverified, or the tail holds more arrows than a row prints (two rows' values
    interleaved by the tool). The row after a doubtful one starts where a guess ended."""
    bad: set[int] = set()
    for k, (cut, p) in enumerate(zip(cuts, placed)):
        if cut is None:           # a row cut_around_gap could not cut: not read
            continue
        seg = texts[cut.start:cut.end]
        glyphs = sum(1 for t in seg if is_glyph_only(t))
        if glyphs > MAX_TAIL_GLYPHS:
            bad |= {k - 1, k, k + 1}
        if not any(c.result == "pass" and c.name in PINNING for c in p.checks) or \
                "unverified" in " ".join(p.notes):
            bad |= {k, k + 1}     # where this row's values end, the next row's start is a guess
    return bad


def rival_confs(texts: list[str], cut, placed: Aligned, header: Header) -> list[float]:
    """A month cell stays trusted only if every rival start of its row puts the same text in it
    (a row start one value later, with a blank first month, changes only the first month)."""
    confs = list(placed.confs)
    W = header.W
    for s in cut.rivals:
        if not 0 < s - cut.start <= MAX_BLANKS:
            # a rival that starts the row elsewhere may take another row's values: any
            # agreement would be a coincidence of small counts
            return [min(c, UNPINNED) for c in confs[:W]] + confs[W:]
        other = place_run(texts[s:cut.end], header)
        # the rival start's own doubt counts too where its blank month may sit unseen, but only
        # when the values it gives the row before do not fit this row (M5's first month held
        # the row before's benchmark, 294 among counts under 10): a small count that fits the
        # row is as likely its own first month, and the rival's doubt would cost it for nothing
        doubt = _foreign(texts[cut.start:s], placed.cells[s - cut.start:W])
        for i in range(W):
            if other.cells[i] != placed.cells[i] or (doubt and other.confs[i] <= UNPINNED):
                confs[i] = min(confs[i], UNPINNED)
    return confs


def _foreign(first: list[str], rest: list[str]) -> bool:
    """Do the values a later start gives the row before misfit this row's months (unit or size,
    as the tail cells between two rows are judged)?"""
    rest = [m for m in rest if m]
    return misfits(tuple(first), row_unit(rest), typical(rest)) > 0
