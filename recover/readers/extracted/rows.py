"""Rows of a table in reading-order text: refs that start them, runs of values that fill them.

Whatever the tool, a row's cells come in the printed order of its columns when the tool keeps
rows together (pdftotext -raw, pypdf, pdfplumber; pdfminer for each row's values): ref, title,
names, outcome, the month values, % changes, DoT, averages, benchmarks, targets, commentary.

- An anchor is a ref at the start of a line that the register knows, exactly or after the
  repairs refs.py knows. Narrow ref cells wrap ('M2-' / 'NI', 'LAC' / '11-' / 'QL (' / '%)'),
  and a suffix can land on the next line ('LAC12' / '(%) Orders ...'): the fragments that
  follow on the next lines are tried joined, longest first.
- A value run is a maximal sequence of value tokens (numbers, missing markers, glyphs, and the
  benchmark words 'Local'/'P'), with >= MIN_RUN values: numbers inside titles and commentary
  ('per 10,000', 'Jul 21 has') are shorter.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from recover.printed.confusions import prints_digit
from recover.printed.roles import Role, classify

from .titles import TITLE_START
from .tokens import GLYPH, MONTH, RULE, VALUE, WORD, Token
from .vocab import is_tail_word, normalise_ref, ref_score

MIN_RUN = 3          # value tokens a row's run has at least (months or tail)
REF_MIN = 0.9        # register score an anchor needs (exact, or repaired by a known rule)
MAX_FRAGMENTS = 4    # lines a wrapped ref cell may take after its first
_REF_START = re.compile(r"^[A-Za-z\u0400-\u04FF]{1,5}[A-Za-z0-9\u0400-\u04FF]{0,5}(?:-[A-Za-z0-9]{0,3})?%?$")
_FRAGMENT = re.compile(r"^[A-Za-z0-9()%\-\u0400-\u04FF]{1,5}$")


@dataclass(frozen=True)
class Anchor:
    start: int        # token index of the ref's first token
    end: int          # token index after the ref
    printed: str      # the ref as printed, fragments joined
    score: float
    elsewhere: tuple[int, ...] = ()   # tokens of the ref outside start..end (a wrapped suffix)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    n_values: int


@dataclass
class StreamRow:
    anchor: Anchor | None      # None: the ref was lost (the title may still name the row)
    title: list[Token] = field(default_factory=list)   # title, names, outcome
    values: list[str] = field(default_factory=list)
    commentary: list[Token] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    notes: list[str] = field(default_factory=list)
    strays: int = 0     # leading values that end a text line, the run proper starting below
    run: Run | None = None   # the run of values the row took


@lru_cache(maxsize=65536)
def _scored(text: str) -> float:
    return ref_score(text)


def _piece(tokens: list[Token], j: int, stop: int) -> list[int]:
    """Token j and, on its line, a short '(...' or '%' piece after it ('QL (', 'LAC10 (%)')."""
    out = [j]
    k = j + 1
    if k < stop and tokens[k].line == tokens[j].line and tokens[k].text[:1] in "(%" \
            and len(tokens[k].text) <= 5:
        out.append(k)
    return out


def _line_starts(tokens: list[Token], j: int, stop: int, line: int, n: int) -> list[int]:
    """Indices of the first tokens of the n lines after `line` (consecutive lines only)."""
    out = []
    while j < stop and len(out) < n:
        while j < stop and tokens[j].line == line:
            j += 1
        if j >= stop or tokens[j].line != line + 1:
            break
        out.append(j)
        line = tokens[j].line
    return out


def anchor_at(tokens: list[Token], i: int, stop: int) -> Anchor | None:
    """The ref starting at token i, if one does (longest joined reading the register knows).

    A narrow ref cell wraps: each following line starts with a fragment of it, alone on its line
    (pdfminer, pdftotext -raw: 'M2-' / 'NI') or followed by the title's next line (pdfplumber:
    'M8- Percentage of ...' / 'QL MASH where ...'). Joined readings must be exact refs."""
    t = tokens[i]
    if not t.first or not _REF_START.match(t.text):
        return None
    if len(t.text) > 4 and not any(ch.isdigit() for ch in t.text):
        return None       # a word; a ref's first line either holds its digit or is a narrow fragment
    pieces = [_piece(tokens, i, stop)]
    for j in _line_starts(tokens, i + 1, stop, t.line, MAX_FRAGMENTS):
        if tokens[j].kind == RULE:
            continue      # OCR'd text: a line the ref cell left empty, led by a rule read as '='
        if not _FRAGMENT.match(tokens[j].text):
            break
        pieces.append(_piece(tokens, j, stop))
    if not any(prints_digit(tokens[k].text) for p in pieces for k in p):
        return None       # every register ref prints a digit; letters alone are names ('M' 'S')
    # the '(...' after a fragment may be the title's ('(E43,', '(CPP)'): readings with and without
    readings = []
    for n in range(len(pieces), 0, -1):
        for choice in product(*[(p, p[:1]) if len(p) > 1 else (p,) for p in pieces[:n]]):
            readings.append((n, list(choice)))
    for n, chosen in readings:
        used = [k for p in chosen for k in p]
        printed = "\n".join(" ".join(tokens[k].text for k in p) for p in chosen)
        if not prints_digit(printed):
            continue      # every register ref prints a digit; letters alone are names ('M' 'S')
        score = _scored(printed)
        if n > 1 and score < 1.0 or score < REF_MIN:
            continue
        end = max(used) + 1
        if used != list(range(i, end)):
            end = chosen[0][-1] + 1
        rest = tuple(k for k in used if k >= end)
        if _titled(tokens, end, stop, rest):
            return Anchor(i, end, " ".join(normalise_ref(printed).split()), score, rest)
    return None


def _titled(tokens: list[Token], j: int, stop: int, skip: tuple[int, ...] = ()) -> bool:
    """A row's ref is followed by its title, (a ref column printed alone) by the next ref, or (a
    ref on a line of its own) by its values."""
    while j < stop and (j in skip or tokens[j].kind == RULE):
        j += 1
    if j >= stop:
        return False
    t = tokens[j]
    return bool(TITLE_START.match(t.text)) or (t.first and bool(_REF_START.match(t.text))) or \
        (t.first and _values_line(tokens, j, stop))


def _values_line(tokens: list[Token], j: int, stop: int) -> bool:
    """A line that starts with a run of values: the row's months right under a ref printed on a
    line of its own (pdftotext -raw on LibreOffice packs whose titles and names are drawn apart)."""
    line, n = tokens[j].line, 0
    while j < stop and tokens[j].line == line and tokens[j].kind == VALUE:
        n += 1
        j += 1
    return n >= MIN_RUN


def find_anchors(tokens: list[Token], start: int, stop: int) -> list[Anchor]:
    out: list[Anchor] = []
    i = start
    while i < stop:
        a = anchor_at(tokens, i, stop)
        if a is not None:
            out.append(a)
            i = a.end
        else:
            i += 1
    return out


def runs_in(tokens: list[Token], start: int, stop: int) -> list[Run]:
    runs: list[Run] = []
    i = start
    while i < stop:
        if tokens[i].kind != VALUE:
            i += 1
            continue
        j, n = i, 0
        while j < stop and (tokens[j].kind in (VALUE, GLYPH, RULE) or
                            (tokens[j].kind == WORD and is_tail_word(tokens[j].text))):
            n += tokens[j].kind == VALUE
            j += 1
        if n >= MIN_RUN:
            runs.append(Run(i, j, n))
        i = j
    return runs


def split_rows(tokens: list[Token], r: Run, min_values: int) -> list[Run]:
    """A run over several lines, cut where a line starts that holds a row's values by itself
    (months and tail: min_values or more). Tools that give each row's values on one line put
    two rows back to back when the refs between them were drawn apart (LibreOffice); a line
    continuing the row before holds only its tail ('⇒ 1%' / '⇒ ▼ 78.3% 83.8% P')."""
    if min_values <= MIN_RUN:
        return [r]
    cuts, k = [r.start], r.start
    while k < r.end:
        j = k
        while j < r.end and tokens[j].line == tokens[k].line:
            j += 1
        if k > cuts[-1] and tokens[k].kind == VALUE and \
                sum(1 for t in tokens[k:j] if t.kind == VALUE) >= min_values and \
                sum(1 for t in tokens[cuts[-1]:k] if t.kind == VALUE) >= min_values:
            cuts.append(k)
        k = j
    bounds = cuts + [r.end]
    return [Run(a, b, sum(1 for t in tokens[a:b] if t.kind == VALUE)) for a, b in zip(bounds, bounds[1:])]


def rows_between(tokens: list[Token], start: int, stop: int, min_values: int = MIN_RUN,
                 lossy: bool = False, anchors: list[Anchor] | None = None
                 ) -> tuple[list[StreamRow], list[Run]]:
    """Rows anchored on refs, each taking the first value run before the next ref. Also returns
    the runs no ref claimed (a table whose text columns came before its values). In `lossy`
    text (OCR, which loses and garbles refs) an unclaimed run of >= min_values values after the
    first ref is a row of its own whose ref was lost: the title before it still names the row."""
    anchors = find_anchors(tokens, start, stop) if anchors is None else anchors
    runs = runs_in(tokens, start, stop)
    if not lossy:
        runs = [part for r in runs for part in split_rows(tokens, r, min_values)]
    run_starts = [r.start for r in runs]
    rows: list[StreamRow] = []
    claimed: set[int] = set()
    bounds = [a.start for a in anchors[1:]] + [stop]
    for k, (a, end) in enumerate(zip(anchors, bounds)):
        # a ref takes the first run after it however short (a row OCR lost values from must
        # not take the next row's)
        mine = runs[bisect_left(run_starts, a.end):bisect_left(run_starts, end)]
        if mine and not lossy and k and _stacked(anchors[k - 1], a):
            # the last of refs given one under another with nothing between (pdftotext's default
            # order gives a table's ref column as one block): the run after the block is
            # whichever row the tool gave next, not this ref's by place
            mine = []
        if mine and not lossy and _header_between(tokens, a.end, mine[0].start):
            # the table's header lies between the ref and the run (pdftotext's default order
            # gives a page's cells in an order of their own): the run is not this ref's by place
            mine = []
        row = StreamRow(anchor=a, first_line=tokens[a.start].line, last_line=tokens[end - 1].line)
        if mine:
            r = mine[0]
            claimed.add(r.start)
            fill_row(row, tokens, r, (mine[1].start if lossy and len(mine) > 1 else end))
            row.title = _without(tokens, a.end, r.start, a.elsewhere)
            if len(mine) > 1 and not lossy:
                row.notes.append(f"runs-after-ref={len(mine)}")
        else:
            row.title = _without(tokens, a.end, end, a.elsewhere)
            row.notes.append("no-values")
        rows.append(row)
    first = anchors[0].start if anchors else start
    before = [r for r in runs if anchors and r.start < first]
    free = [r for r in runs if r.start not in claimed and r.start >= first]
    if not lossy:
        return rows, free + before
    rows += _lost_rows(tokens, [r for r in free if r.n_values >= min_values], runs, anchors, start, stop)
    rows.sort(key=lambda x: x.first_line)
    return rows, before


def _stacked(prev: Anchor, a: Anchor) -> bool:
    """Two refs with nothing between them: a column of refs, not two rows."""
    return a.start == prev.end


# a header cell of the text columns, on a line of its own: no row prints one between its ref and
# its months ('Indicator', 'Ref.', 'Reporter', 'Outcome (what impact will', 'Commentary (Sep-21)')
_TEXT_LABELS = frozenset({Role.REF, Role.INDICATOR, Role.OWNER, Role.REPORTER, Role.NAMES, Role.OUTCOME,
                          Role.COMMENTARY})
_LABEL_WORDS = ("ref", "indicator", "owner", "reporter", "outcome", "commentary")
MAX_LABEL_WORDS = 5


def _header_between(tokens: list[Token], a: int, b: int) -> bool:
    """Does the stretch from a row's ref to its run hold a header cell: a month label, or a line
    that starts with a text column's label?"""
    line: list[str] = []
    for k in range(a, b + 1):
        if k < b and tokens[k].kind == MONTH:
            return True
        if k == b or (line and tokens[k].first):
            if _label_line(line):
                return True
            line = []
        if k < b:
            line.append(tokens[k].text)
    return False


def _label_line(words: list[str]) -> bool:
    if not 0 < len(words) <= MAX_LABEL_WORDS or words[0].lower().rstrip(".:") not in _LABEL_WORDS:
        return False
    return classify(" ".join(words)) in _TEXT_LABELS


def _lost_rows(tokens: list[Token], lost: list[Run], runs: list[Run], anchors: list[Anchor],
               start: int, stop: int) -> list[StreamRow]:
    ends = sorted([x.end for x in runs] + [a.end for a in anchors])
    starts = sorted([x.start for x in runs] + [a.start for a in anchors])
    out = []
    for r in lost:
        k = bisect_right(ends, r.start)
        prev = max(ends[k - 1], start) if k else start
        k = bisect_right(starts, r.start)
        nxt = starts[k] if k < len(starts) else stop
        row = StreamRow(anchor=None, first_line=tokens[max(prev, r.start - 1)].line)
        fill_row(row, tokens, r, nxt)
        row.title = tokens[prev:r.start]
        row.notes.append("ref-lost")
        out.append(row)
    return out


def fill_row(row: StreamRow, tokens: list[Token], r: Run, end: int) -> None:
    """The row's values from run r, what follows it up to `end` as its commentary."""
    row.run = r
    row.values = [t.text for t in tokens[r.start:r.end] if t.kind != RULE]
    row.strays = _strays(tokens, r)
    row.commentary = tokens[r.end:end]
    row.last_line = tokens[max(r.end, end) - 1].line


def _strays(tokens: list[Token], r: Run) -> int:
    """Values ending a line of words, before the run's next line: a number of a text line that a
    tool merging columns (pdfplumber) put just before the values ('... with a 12' / '16.3% ...')."""
    first = tokens[r.start]
    if first.first:
        return 0
    k = r.start
    while k < r.end and tokens[k].line == first.line:
        k += 1
    return k - r.start if k < r.end and tokens[r.start - 1].kind == WORD else 0


def _without(tokens: list[Token], a: int, b: int, skip: tuple[int, ...]) -> list[Token]:
    return [tokens[k] for k in range(a, b) if k not in skip]
