"""Step 1 of a scanned page: undo a quarter turn and the feed skew (the line finder needs lines
that run along the pixel axes)."""
from __future__ import annotations

import numpy as np

from recover.model import GridMeta

from . import deskew as dk
from .engine import Engine, Layout

MIN_SKEW = 0.05       # degrees: below this the page is left as it is (and no note is made)
CLEAR_VOTE = 0.25     # mean confidence by which one reading direction must win without OSD


def straighten(gray: np.ndarray, engine: Engine) -> tuple[np.ndarray, GridMeta]:
    """The page upright and straight, and what was done (the turn and the skew removed)."""
    turn = 0
    if dk.looks_turned(gray):
        turn = turn_needed(gray, engine)
        gray = dk.turn(gray, turn)
    gray, skew = dk.deskew(gray)
    return gray, GridMeta(rotated=turn, skew=round(skew, 2) if abs(skew) >= MIN_SKEW else 0.0)


def turn_needed(gray: np.ndarray, engine: Engine) -> int:
    """Clockwise turn (90 or 270) that makes a sideways page upright: a few lines of its text are
    read both ways and the way that reads wins (on the corpus's 19 turned pages: 0.6-0.9 mean
    confidence the right way, under 0.15 the wrong way; ~0.14 s). Tesseract's OSD decides only
    a close vote: on a whole 300 dpi page it costs 0.3-0.6 s."""
    boxes = dk.sideways_text_boxes(gray)
    votes = {}
    for cand in (90, 270):
        confs = [engine.read(dk.turn(gray[y0:y1, x0:x1], cand), Layout.LINE).conf for x0, y0, x1, y1 in boxes]
        votes[cand] = float(np.mean(confs)) if confs else 0.0
    if abs(votes[90] - votes[270]) >= CLEAR_VOTE:
        return max(votes, key=votes.get)
    deg, conf = engine.orientation(dk.lines_removed(gray))
    if deg in (90, 270) and conf >= 1.0:
        return 360 - deg
    return max(votes, key=votes.get)
