"""Reading-order text (pdftotext default and -raw, pypdf, pdfplumber, pdfminer): tables rebuilt
from what the tokens are, not from where a tool put them.

    tokens (tokens.py) -> headers: runs of month labels (frames.py)
      -> rows: refs the register knows, each followed by its run of values (rows.py)
      -> each row's values split into months and tail and verified by the row's own arithmetic
         (align.py, checks.py) -> one Grid per header

Month cells are trusted only as far as the row's arithmetic pins them: a row with fewer values
than months, or a split the checks cannot tell from another, is unreadable, never guessed.
"""
from __future__ import annotations

from recover.model import Grid, GridMeta

from .align import Aligned
from .build import RowOut, make_grid
from .placement import place_run
from .frames import Frame, find_frames, header_words, make_header
from .rows import StreamRow, find_anchors, rows_between, title_text
from .tokens import Token, tokenize

SOURCE_KIND = "reading-order"


def read_ordered(lines: list[str], source: str, first_page: int = 1) -> tuple[list[Grid], list[str]]:
    tokens = tokenize(lines)
    frames = find_frames(tokens)
    grids: list[Grid] = []
    warnings: list[str] = []
    for k, frame in enumerate(frames):
        stop = frames[k + 1].start if k + 1 < len(frames) else len(tokens)
        grid, warns = _read_frame(tokens, frame, stop, source, first_page + len(grids))
        warnings.extend(warns)
        if grid is not None:
            grids.append(grid)
    return grids, warnings


def _read_frame(tokens: list[Token], frame: Frame, stop: int, source: str, page: int
                ) -> tuple[Grid | None, list[str]]:
    rows, free = rows_between(tokens, frame.end, stop)
    if not rows:
        return None, []
    words = header_words(tokens, frame, rows[0].anchor.start)
    header = make_header(frame, words)
    out: list[RowOut] = []
    warnings: list[str] = []
    for row in rows:
        if not row.values:
            continue
        out.append(RowOut(_aligned(row, header), row.first_line, row.last_line))
    if free:
        warnings.append(f"{source}: {len(free)} run(s) of values after the header at line "
                        f"{tokens[frame.start].line} belong to no ref; not read")
    if not out:
        return None, warnings
    return make_grid(source, page, header, out, meta=GridMeta(source_kind=SOURCE_KIND)), warnings


def _aligned(row: StreamRow, header) -> Aligned:
    commentary = " ".join(t.text for t in row.commentary)
    placed = place_run(row.values + ([commentary] if commentary else []), header, row.strays)
    ref_conf = 1.0 if row.anchor.score == 1.0 else 0.9
    return Aligned([row.anchor.printed, title_text(row.title)] + placed.cells,
                   [ref_conf, 1.0] + placed.confs, row.notes + placed.notes, placed.checks)


__all__ = ["read_ordered", "find_anchors"]
