"""Reading-order text (pdftotext default and -raw, pypdf, pdfplumber, pdfminer): tables rebuilt
from what the tokens are, not from where a tool put them.

    tokens (tokens.py) -> pages (form feeds) -> headers: runs of month labels (frames.py)
      -> rows: refs the register knows (rows.py), and the values of each row:
           row-major  every ref followed by its own run (pdftotext -raw, pypdf, pdfplumber)
           text-first all refs, then every row's values as one run (pdfminer, pdftotext;
                      columns.py, textfirst.py)
      -> each row's values split into months and tail and verified by the row's own arithmetic
         (placement.py, checks.py) -> one Grid per header

Month cells are trusted only as far as the row's arithmetic pins them: a row with fewer values
than months, or a split the checks cannot tell from another, is unreadable, never guessed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from recover.model import Grid
from recover.printed.months import label
from recover.printed.numbers import odd_in_row
from recover.printed.text import norm

from .align import Aligned
from .apart import APART_LOSSY, pair_apart
from .build import READING_ORDER, RowOut, order_grid
from .columns import read_columns as _read_columns
from .frames import Frame, complete_frames, find_frames, header_words, make_header
from .header import TextHeader as Header
from .placement import months_printed, place_run
from .settings import CONF
from .rows import MIN_RUN, StreamRow, find_anchors, rows_between, runs_in, split_rows
from .titles import lost_ref_title, title_text
from .ocrcheck import doubt_before_pack
from .pairing import BORROWED, doubt_borrowed
from .infer import (MIN_ROWS, infer_pack, infer_window, inferred_frame, label_span, shared_window,
                    surviving_span, window_scores, year_bound)
from .tokens import RULE, Token, misread_values, tokenize
from .rowdoubt import pinned_in_guessed_window

SOURCE_KIND = READING_ORDER
ROW_MAJOR_SHARE = 0.6     # refs with a run of their own before the next ref: a row-major page
MAX_ROW_TAIL = 24         # values a row prints after its months at most (textfirst.MAX_TAIL)


def read_ordered(text: str, source: str, first_page: int = 1) -> tuple[list[Grid], list[str]]:
    """`text` as extracted (form feeds kept: they end pages); line numbers count a form feed as
    a line break, as read_text does."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.replace("\f", "\n").split("\n")
    page_starts, breaks = [0], 0
    for i, ch in enumerate(text):
        if ch in "\n\f":
            breaks += 1
            if ch == "\f":
                page_starts.append(breaks)      # 0-based index of the page's first line
    tokens = tokenize(lines)
    lossy = is_ocr_text(tokens)
    if lossy:
        tokens = misread_values(tokens)
    grids: list[Grid] = []
    warnings: list[str] = []
    pack, pack_why = infer_pack(tokens, 0, len(tokens))
    pages = _page_ranges(tokens, page_starts)
    frames = [_frames(tokens, a, b) for a, b in pages]
    if lossy:
        frames = [_pack_months(tokens, page, frames, b) for page, (a, b) in zip(frames, pages)]
    guesses = {i: _window_scores(tokens, a, b, pack, lossy) for i, (a, b) in enumerate(pages)
               if pack and not frames[i]}
    # the pack's tables: headers read on other pages, else the window the pages verify together;
    # a dashboard chart's month axis is no table's header (its 13 months outnumber a 7-month
    # table's header on every pack that prints six charts a page)
    axes = _axis_lines(tokens, lines, pages, frames, pack)
    shared = Counter(len(f.months) for page in frames for f in page if f.months[-1] == pack
                     and not any(tokens[k].line in axes for k in range(f.start, f.end)))
    # windows whose length the text gives: a header read, or a page whose surviving labels reach
    # back to the window's first month (the pack's pages print one table: another page's labels
    # give this page's window too)
    read_windows = Counter(shared) + Counter(
        span for i, (a, b) in enumerate(pages) if pack and not frames[i]
        for span in [surviving_span(tokens, a, b, pack)] if span)
    if not shared:
        together = shared_window([g for g in guesses.values() if g])
        shared = Counter({together: 1} if together else {})
    for i, (a, b) in enumerate(pages):
        if frames[i]:
            found = _read_page(tokens, frames[i], a, b, source, first_page + len(grids), lossy, pack)
        else:
            found = [_read_unlabelled(tokens, a, b, source, first_page + len(grids), pack, pack_why,
                                      guesses.get(i), shared, lossy, read_windows)]
        for grid, warns in found:
            warnings.extend(warns)
            if grid is not None:
                grids.append(grid)
    if lossy:
        # OCR'd text loses values as well as blank cells: a month without a value there is not a
        # printed blank, so its rows are not placed as a text's that drops blanks; a row none of
        # whose months it could pin is placed as a chart's, only where other readings print its
        # values (recover/identify/placing.py LOST)
        grids = [replace(g, meta=replace(g.meta, blanks_dropped=False)) for g in doubt_before_pack(grids)]
    return grids, warnings


def _axis_lines(tokens: list[Token], lines: list[str], pages: list[tuple[int, int]], frames: list[list[Frame]],
                pack: str | None) -> set[int]:
    """Lines (1-based, as tokens count them) on which the dashboard model finds a chart's month
    axis, on the pages whose month runs could be taken for the pack's table header."""
    from recover.dashboard.stream import find_blocks
    out: set[int] = set()
    for (a, b), page in zip(pages, frames):
        if pack and any(f.months[-1] == pack for f in page):
            first, last = tokens[a].line, tokens[b - 1].line
            for blk in find_blocks(lines[first - 1:last], first):
                out.update(t.line for t in blk.axis.labels if t.line)
    return out


OCR_RULES = 0.01     # share of tokens that are ruling lines read as punctuation: OCR'd text


def is_ocr_text(tokens: list[Token]) -> bool:
    """Text-layer tools never print a table's rules; OCR reads them as '|', '=', '—'. OCR text
    may have lost printed values, which changes what a short run of values means."""
    rules = sum(1 for t in tokens if t.kind == RULE)
    return rules >= max(5, OCR_RULES * len(tokens))


def _page_ranges(tokens: list[Token], page_starts: list[int]) -> list[tuple[int, int]]:
    """Token ranges of the pages (page_starts are 0-based line indices)."""
    firsts = [ps + 1 for ps in page_starts]     # 1-based, as tokens count lines
    out, k = [], 0
    for p, first in enumerate(firsts):
        nxt = firsts[p + 1] if p + 1 < len(firsts) else None
        a = k
        while k < len(tokens) and (nxt is None or tokens[k].line < nxt):
            k += 1
        if k > a:
            out.append((a, k))
    return out


def _frames(tokens: list[Token], a: int, b: int) -> list[Frame]:
    frames = find_frames(tokens[a:b])
    frames = [Frame(f.start + a, f.end + a, f.months, f.labels) for f in frames]
    return complete_frames(tokens, frames, a, b)


def _pack_months(tokens: list[Token], page: list[Frame], pages: list[list[Frame]], b: int) -> list[Frame]:
    """OCR'd text: a header that lost its first labels, made as long as a header of the same
    last month on another page of the pack when more of this page's rows print that many
    values. (A pack may print tables of two lengths: the Early Help dataset's 14 months beside
    a 7-month dataset, so the longer header is not taken on trust.) Text-layer tools do not
    lose labels: their headers are kept as read."""
    out = []
    for k, f in enumerate(page):
        longer = {len(g.months): g.months for other in pages for g in other
                  if g.months[-1] == f.months[-1] and len(g.months) > len(f.months)}
        if not longer:
            out.append(f)
            continue
        stop = page[k + 1].start if k + 1 < len(page) else b
        counts = Counter(months_printed(r) for r in _value_runs(tokens, f.end, stop))
        best = max(longer, key=lambda n: counts[n])
        if counts[best] > counts[len(f.months)]:
            f = Frame(f.start, f.end, longer[best], tuple(label(m) for m in longer[best]))
        out.append(f)
    return out


def _read_page(tokens: list[Token], frames: list[Frame], a: int, b: int, source: str, page: int,
               lossy: bool = False, pack: str | None = None):
    refs_apart, row_runs = _text_first(tokens, a, b, len(frames[0].months)) if len(frames) == 1 else (False, True)
    if refs_apart and not row_runs:
        return [_read_columns(tokens, frames[0], a, b, source, page, pack)]
    out = []
    for k, frame in enumerate(frames):
        stop = frames[k + 1].start if k + 1 < len(frames) else b
        out.append(_read_row_major(tokens, frame, stop, source, page + len(out), lossy))
    if refs_apart and out[0][0] is None:
        # runs of a row's size that no ref claims (pdftotext's default order keeps a row's
        # cells together but not beside its ref): the page is read as one block after all
        return [_read_columns(tokens, frames[0], a, b, source, page, pack)]
    return out


def _text_first(tokens: list[Token], a: int, b: int, W: int) -> tuple[bool, bool]:
    """(most refs have no run of their own before the next ref, the values are in runs of a
    row's size). Text-first is both no and yes: the values come as one block (pdfminer). A page
    whose refs were drawn apart from their rows (LibreOffice wrapped refs, pdftotext -raw)
    still prints a run per row."""
    anchors = find_anchors(tokens, a, b)
    if len(anchors) < 2:
        return False, True
    # a run over several lines that holds a row's values a line is as many rows (pdftotext -raw
    # gives a LibreOffice page's value lines as one block, broken only by the one-line refs)
    runs = [p for r in runs_in(tokens, a, b) for p in split_rows(tokens, r, W + 1)]
    bounds = [x.start for x in anchors[1:]] + [b]
    own = sum(1 for x, end in zip(anchors, bounds) if any(x.end <= r.start < end for r in runs))
    rows = sum(1 for r in runs if W < r.n_values <= W + MAX_ROW_TAIL)
    return own < ROW_MAJOR_SHARE * len(anchors), rows >= ROW_MAJOR_SHARE * len(anchors)


def _read_row_major(tokens: list[Token], frame: Frame, stop: int, source: str, page: int,
                    lossy: bool = False, window_unread: bool = False,
                    pinned_only: bool = False) -> tuple[Grid | None, list[str]]:
    first = find_anchors(tokens, frame.end, stop)
    header = make_header(frame, header_words(tokens, frame, first[0].start if first else stop))
    header.window_unread = window_unread
    # a run without a ref is a row only with a tail after its months (a dashboard's one-line
    # table prints the months alone, and is the dashboard reader's)
    rows, free = rows_between(tokens, frame.end, stop, header.W + 1, lossy, first)
    free, apart = pair_apart(tokens, rows, free, header.W + 1, lossy)
    if lossy:
        doubt_borrowed(tokens, rows)
    if apart:
        rows.sort(key=lambda r: r.first_line)
    if not rows:
        return None, []
    out = [RowOut(_aligned(row, header, lossy, pinned_only), row.first_line, row.last_line)
           for row in rows if row.values]
    warnings = []
    if free:
        warnings.append(f"{source}: {len(free)} run(s) of values after the header at line "
                        f"{tokens[frame.start].line} belong to no ref; not read")
    return order_grid(source, page, header, out, "row-major"), warnings


def _value_runs(tokens: list[Token], a: int, b: int) -> list[list[str]]:
    runs = [r for r in runs_in(tokens, a, b) if r.n_values >= MIN_RUN]
    return [[t.text for t in tokens[r.start:r.end] if t.kind != RULE] for r in runs]


def _window_scores(tokens: list[Token], a: int, b: int, pack: str, lossy: bool = False) -> dict[int, int]:
    """How many rows of a page without a header each window verifies (infer.py)."""
    runs = _value_runs(tokens, a, b)
    if len(runs) < 2:
        return {}
    return window_scores(runs, label_span(tokens, a, b, pack),
                         lambda w: make_header(inferred_frame(pack, w, a), []), lossy)


def _read_unlabelled(tokens: list[Token], a: int, b: int, source: str, page: int,
                     pack: str | None, pack_why: str, scores: dict[int, int] | None,
                     shared: Counter, lossy: bool, read_windows: Counter | None = None
                     ) -> tuple[Grid | None, list[str]]:
    """A page whose header labels were lost (OCR): months inferred (infer.py), rows row-major."""
    line = tokens[a].line
    if pack is None:
        n = len(_value_runs(tokens, a, b))
        if n < 2:
            return None, []
        return None, [f"{source}: page at line {line}: {n} rows of values but no month header "
                      f"and no sure pack month ({pack_why}); not read"]
    if not scores:
        return None, []
    W, why = infer_window(scores, shared)
    if W is None:
        return None, [f"{source}: page at line {line}: no month header and {why}; not read"]
    frame = inferred_frame(pack, W, a)
    # the window's length is read where the pack's read headers print it or a surviving label
    # reaches its first month, or the rows' year-on-year changes name it; else the rows'
    # arithmetic alone chose it
    unread = W > label_span(tokens, a, b, pack) and W not in (read_windows or {}) and \
        not year_bound(_value_runs(tokens, a, b), make_header(frame, []))
    # a window this page's rows do not verify (the pack's other tables', or the commonest) is a
    # guess: a month cell is then sure only where its row's own arithmetic pins it (pdftotext
    # scatters a LibreOffice table's cells, and the 13 months of the dashboards' axes outvoted the
    # 7 of a table that lost every row's values but two)
    guessed = scores.get(W, 0) < MIN_ROWS
    grid, warnings = _read_row_major(tokens, frame, b, source, page, lossy, window_unread=unread,
                                     pinned_only=guessed)
    if grid is None:
        return None, warnings
    meta = replace(grid.meta, header_inferred=True,
                   notes=grid.meta.notes + (f"header_inferred=pack {pack} ({pack_why}); {why}",))
    return replace(grid, meta=meta), warnings


def _aligned(row: StreamRow, header: Header, lossy: bool = False, pinned_only: bool = False) -> Aligned:
    commentary = " ".join(t.text for t in row.commentary)
    placed = place_run(row.values + ([commentary] if commentary else []), header, _strays(row, header, lossy), lossy)
    if pinned_only:
        placed.confs[:header.W] = pinned_in_guessed_window(placed, placed.confs[:header.W])
    if APART_LOSSY in row.notes or BORROWED in row.notes:
        placed.confs[:header.W] = [min(c, CONF.apart_lossy) for c in placed.confs[:header.W]]
    if row.anchor is None:
        ref, title, ref_conf = "", lost_ref_title(row.title), 0.5
    else:
        ref, title = row.anchor.printed, title_text(row.title)
        ref_conf = 1.0 if row.anchor.score == 1.0 else 0.9
    return Aligned([ref, title] + placed.cells, [ref_conf, 1.0] + placed.confs,
                   row.notes + placed.notes, placed.checks)


def _strays(row: StreamRow, header: Header, lossy: bool) -> int:
    """How many leading values of the row may be no month: those ending a line of words
    (rows._strays), and in OCR'd text a first value foreign to the row (odd_in_row: '2' before
    '152 204 ...') where the run prints more month-like values than months: a number OCR made of
    the marks before the values ('=|2', a rule and a name column's specks). The run is placed with
    and without it, and the checks choose. A first value that fits the row ('6' before '6 6 5 13
    22') stays a month: checks of small counts can hold by chance for a row shifted a month."""
    if lossy and months_printed(row.values) > header.W and \
            0 in odd_in_row([norm(v) for v in row.values[:header.W + 1]]):
        return max(row.strays, 1)
    return row.strays


__all__ = ["read_ordered"]
