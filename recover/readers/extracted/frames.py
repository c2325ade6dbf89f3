"""The header of a table in reading-order text: its month labels and the columns after them.

Reading-order tools keep a header's labels but not their columns: 'Apr-17 ... Apr-18' come in
order (on one line, or one a line), and the labels after them come as wrapped fragments
('% change' 'from' 'previous' 'month' 'Do' 'T' '12' 'month' 'average' ...) or, from tools that
merge lines across columns (pdfplumber), interleaved with each other. So:

- months: a run of >= MIN_MONTHS consecutive month labels among the tokens (a few other tokens
  may sit between two labels: a '% change' label printed between header lines);
- the tail: which columns follow the months is read from the label words after them (wrapped
  words rejoined), and put in the order every pack of this family prints them (changes, DoT,
  12-month average and max, Percentage?, benchmarks, targets, commentary). The order is not
  read from the text because tools that merge lines scramble it; the month a change label names
  says whether it is the previous month's or the same month last year's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from recover.printed.roles import Role

from .header import TextHeader
from .tokens import MONTH, Token
from .vocab import month_add, month_of, months_in_text

MIN_MONTHS = 5
MAX_GAP = 3          # other tokens allowed between two month labels of one header
TAIL_WORDS = 80      # label words looked at after the last month label


@dataclass(frozen=True)
class Frame:
    start: int               # token index of the first month label
    end: int                 # token index after the last month label
    months: tuple[str, ...]
    labels: tuple[str, ...]  # the month labels as printed


def find_frames(tokens: list[Token]) -> list[Frame]:
    """Every run of consecutive month labels long enough to be a table header."""
    frames: list[Frame] = []
    run: list[int] = []

    def close() -> None:
        if len(run) >= MIN_MONTHS:
            frames.append(Frame(run[0], run[-1] + 1, tuple(month_of(tokens[i].text) for i in run),
                                tuple(tokens[i].text for i in run)))

    for i, t in enumerate(tokens):
        if t.kind != MONTH:
            continue
        ym = month_of(t.text)
        if run and i - run[-1] <= MAX_GAP + 1 and ym == month_add(month_of(tokens[run[-1]].text), 1):
            run.append(i)
            continue
        close()
        run = [i]
    close()
    return frames


# Tail columns in the order packs print them, each with the squashed label words that name it.
_TAIL = (
    ("pct", ("%change", "%cha")),
    ("dot", ("dot", "directionoftravel")),
    ("percentage", ("percentage?", "percentage")),
    ("avg12", ("average", "avg")),
    ("max12", ("max",)),
    ("sn", ("stat.neighb", "statneighb", "neighbour")),
    ("eng", ("england",)),
    ("se", ("seregion", "region")),
    ("target", ("target", "targe")),
    ("commentary", ("commentary", "comment")),
)
_ORDER = ("pct_prev", "pct_year", "dot", "avg12", "max12", "percentage", "sn", "eng", "se")
_WHOLE = {"sn": "sn", "eng": "eng", "se": "se"}


def tail_roles(words: list[str], last_month: str) -> tuple[list[str], list[str]]:
    """(roles, labels) of the columns after the months, from the label words after them."""
    squashed = "".join(w.lower() for w in words)
    spaced = " ".join(words)
    found: dict[str, int] = {}
    for role, keys in _TAIL:
        found[role] = max(squashed.count(k) for k in keys) if role in ("pct", "target") else \
            int(any(k in squashed for k in keys))
    for w in words:
        if w.lower() in _WHOLE:
            found[_WHOLE[w.lower()]] = 1
    roles: list[str] = []
    if found["pct"] >= 1:
        roles += ["pct_prev", "pct_year"][: max(2, min(found["pct"], 2))]
    roles += [r for r in _ORDER[2:] if found.get(r)]
    roles += ["target"] * min(found["target"], 3)
    if found["commentary"]:
        roles.append("commentary")
    if not {"avg12", "max12"} <= set(roles) or "pct_prev" not in roles:
        # the labels were not readable: the columns every pack of the family prints
        roles = ["pct_prev", "pct_year", "dot", "avg12", "max12", "sn", "eng", "se", "target",
                 "commentary"]
    labels = [_label(r, spaced, last_month) for r in roles]
    return roles, labels


def _label(role: str, spaced: str, last_month: str) -> str:
    if role == "pct_prev":
        named = [m for m in months_in_text(spaced) if m == month_add(last_month, -1)]
        return f"% change from {named[0]}" if named else "% change from previous month"
    if role == "pct_year":
        named = [m for m in months_in_text(spaced) if m == month_add(last_month, -12)]
        return f"% change from {named[0]}" if named else "% change from same month prev. yr"
    return {"dot": "DoT", "avg12": "12-mnth avg", "max12": "12-mnth max.", "percentage": "Percentage?",
            "sn": "Stat. Neighbour", "eng": "England", "se": "SE region", "target": "Target",
            "commentary": "Commentary"}[role]


def changes_named(words: list[str], last_month: str) -> str:
    """'prev+year' when change labels name the months before the pack month; for notes."""
    ms = set(months_in_text(" ".join(words)))
    bits = [n for n, k in (("prev", -1), ("year", -12)) if month_add(last_month, k) in ms]
    return "+".join(bits) or "none"


def make_header(frame: Frame, tail_words: list[str]) -> TextHeader:
    """A header with two text columns (ref, title), the months, and the tail."""
    roles, labels = tail_roles(tail_words, frame.months[-1])
    cells = ["Ref.", "Indicator", *frame.labels, *labels]
    W = len(frame.months)
    notes = ["header=stream", f"tail_labels={changes_named(tail_words, frame.months[-1])}"]
    return TextHeader(cells=cells, confs=[1.0, 1.0] + [1.0] * W + [0.9] * len(labels), m0=2,
                      months=list(frame.months), roles=[Role.REF, Role.INDICATOR] + [Role.MONTH] * W
                      + [_ROLE.get(r, r) for r in roles], notes=notes)


# this reader's short names for the tail columns, as recover.printed.roles names them
_ROLE = {"sn": Role.STAT_NEIGHBOUR, "eng": Role.ENGLAND, "se": Role.SE_REGION, "percentage": Role.PERCENTAGE_FLAG}


_LABEL_WORD = re.compile(r"^[%(]?[A-Za-z?.%]{1,14}[)?.:]?$|^\d{2}-\d{2}$|^12(-mnth)?$")


def header_words(tokens: list[Token], frame: Frame, stop: int) -> list[str]:
    """The label words after the months, up to token `stop` (the first row)."""
    out = []
    for t in tokens[frame.end: min(stop, frame.end + TAIL_WORDS)]:
        if _LABEL_WORD.match(t.text) or month_of(t.text.strip("()")):
            out.append(t.text)
    return out


MIN_PIECE = 2        # month labels a broken-off piece of a header has at least
PIECE_LINES = 40     # lines a piece of a header lies from the rest of it at most


def complete_frames(tokens: list[Token], frames: list[Frame], a: int, b: int) -> list[Frame]:
    """Frames whose header a tool broke into pieces, made whole. pdftotext's block order can give
    'Apr-17 ... Jan-18' in one place and 'Feb-18 Mar-18 Apr-18' in another: read alone, the
    first piece would make a 10-month table whose rows' first values fill the wrong months. Runs
    of labels near the header (>= MIN_PIECE, or a label on a line of its own) that continue a
    frame's months extend it; labels further away belong to another table or a chart."""
    pieces = _label_runs(tokens, a, b)
    out = []
    for f in frames:
        months = list(f.months)
        lo, hi = tokens[f.start].line, tokens[f.end - 1].line
        grown = True
        while grown:
            grown = False
            for p, p_lo, p_hi in pieces:
                near = p_lo <= hi + PIECE_LINES and p_hi >= lo - PIECE_LINES
                # a piece that overlaps the months or touches either end continues them
                if near and p[0] <= month_add(months[-1], 1) and p[-1] >= month_add(months[0], -1) and \
                        (p[0] < months[0] or p[-1] > months[-1]):
                    first, last = min(p[0], months[0]), max(p[-1], months[-1])
                    months = [first]
                    while months[-1] < last:
                        months.append(month_add(months[-1], 1))
                    lo, hi = min(lo, p_lo), max(hi, p_hi)
                    grown = True
        if len(months) > len(f.months):
            out.append(Frame(f.start, f.end, tuple(months), tuple(_label_of(m) for m in months)))
        else:
            out.append(f)
    return out


def _label_runs(tokens: list[Token], a: int, b: int) -> list[tuple[list[str], int, int]]:
    """Runs of consecutive month labels with their first and last lines; a single label only
    when it is a line of its own (a header cell; a month in a sentence or a title is not one)."""
    runs: list[tuple[list[str], int, int]] = []
    alone: list[bool] = []
    for k in range(a, b):
        t = tokens[k]
        if t.kind != MONTH:
            continue
        ym = month_of(t.text)
        own_line = t.first and (k + 1 >= b or tokens[k + 1].line != t.line)
        if runs and ym == month_add(runs[-1][0][-1], 1) and t.line - runs[-1][2] <= PIECE_LINES:
            runs[-1] = (runs[-1][0] + [ym], runs[-1][1], t.line)
        else:
            runs.append(([ym], t.line, t.line))
            alone.append(own_line)
    return [r for r, one in zip(runs, alone) if len(r[0]) >= MIN_PIECE or one]


def _label_of(ym: str) -> str:
    from recover.printed.months import label
    return label(ym)
