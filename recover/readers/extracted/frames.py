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
