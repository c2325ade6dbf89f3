"""A row of charts' value line, cut into one (label, values) group per chart (text without positions).

After a row of axes the tokens alternate labels (runs of words that are not values) and values;
OCR puts junk in a value's place ('m1'), loses labels, and loses values, so which runs are labels
is decided by the counts the axes give (see value_groups). Used by stream.py.
"""
from __future__ import annotations

import re
from itertools import combinations

from recover.printed.cells import month_value_like

from .axis import is_month_like
from .model import Token
from .settings import DashboardSettings

MAX_OFF_BY = 2          # a group off its count lost or gained at most this many values to OCR


def value_groups(toks: list[Token], start: int, sizes: list[int], s: DashboardSettings, one_window: bool = False,
                 names: frozenset[str] = frozenset()):
    """_value_groups of the stretch after the axes, with each chart label OCR split at a space
    ('LAC 10 (%)', 'LAC 16 164') joined again where the text above the charts names that ref
    (names: their titles' and 'Benchmarking (REF)' refs, upper case, first word): left apart,
    its digits count as a value and no cut of the stretch fits the axes."""
    end = start
    while end < len(toks) and not is_month_like(toks[end].text):
        end += 1
    seg, at = _joined(toks[start:end], names)
    if len(seg) == end - start:
        return _value_groups(toks, start, sizes, s, one_window, names)
    groups, last, doubt = _value_groups(seg, 0, sizes, s, one_window, names)
    if groups is None:
        return None, start, ""
    return groups, start + (at[last] if last < len(at) else end - start), doubt


def _joined(stretch: list[Token], names: frozenset[str]) -> tuple[list[Token], list[int]]:
    """stretch with each pair (letters, one or two digits) on one line that spells a name in
    names made one word; and, for each word of the result, its index in stretch."""
    out, at, j = [], [], 0
    while j < len(stretch):
        t = stretch[j]
        nxt = stretch[j + 1] if j + 1 < len(stretch) else None
        if nxt is not None and names and t.line == nxt.line and t.text.isalpha() and 2 <= len(t.text) <= 4 \
                and nxt.text.isdigit() and len(nxt.text) <= 2 and (t.text + nxt.text).upper() in names:
            out.append(Token(t.text + nxt.text, line=t.line, conf=min(t.conf, nxt.conf)))
            at.append(j)
            j += 2
            continue
        out.append(t)
        at.append(j)
        j += 1
    return out, at


def _value_groups(toks: list[Token], start: int, sizes: list[int], s: DashboardSettings, one_window: bool = False,
                  names: frozenset[str] = frozenset()):
    """One (label, values) group per axis (sizes: their month counts) from toks[start:], or None
    when the tokens there are no row of chart values. Returns the groups and the index after the
    last value taken.

    The stretch after the axes alternates labels (runs of words that are not values) and values.
    OCR puts junk in a value's place ('m1') and loses labels, so the runs that are labels are the
    ones that cut the stretch into groups of exactly the axes' month counts (junk counting as the
    value it replaced). When exactly one choice does, it is taken; when none does, the one choice
    that leaves the fewest groups off their count, each by at most MAX_OFF_BY values (those stay
    unverified); when none or several do, the runs that name charts when there are as many as
    axes (_named_runs); otherwise, when there are as many runs as axes, each run is a label and the groups keep the counts they have
    (align leaves a group whose count does not match unverified); otherwise None. one_window: the
    row's charts all show one window, so fewer groups than axes may be cut (a chart whose values
    OCR lost), when nothing value-like is left after them. names: as value_groups (_chart_words)."""
    end = start
    while end < len(toks) and not is_month_like(toks[end].text):
        end += 1
    kinds = [month_value_like(t.text) for t in toks[start:end]]
    runs = _label_runs(kinds)
    if not runs and not kinds:
        return None, start, ""
    if any(b - a > s.max_label_tokens for a, b in runs[:len(sizes)]):
        runs = [r for r in runs if r[1] - r[0] <= s.max_label_tokens] if runs[0][1] - runs[0][0] <= s.max_label_tokens \
            else []
    named = _chart_words(toks[start:end], kinds, names, len(sizes))
    # the first chart's label OCR lost altogether ('1222 1232 ... EH3 213 ...'): an empty label,
    # taken only where the counts cut the stretch between charts (the block is then named by its
    # context or values), and the last chart's values end where its count does: a dataset table's
    # header with its first rows' values after it (pdftotext's default order) is one axis and a
    # run of values longer than its months, which no count cuts
    lost = not (runs and runs[0][0] == 0)
    cuts = [(0, 0), *runs] if lost and len(sizes) >= 2 else runs
    got = _cut_by_counts(cuts, len(kinds), sizes, named=named)
    if got is not None and lost and _runs_on(got, kinds, sizes, named):
        got = None
    for k in range(len(sizes) - 1, 0, -1) if got is None and one_window else ():
        # charts whose values OCR lost: fewer groups, with nothing value-like left after them
        fewer = _cut_by_counts(cuts, len(kinds), sizes[:k], named=named)
        if fewer is not None and not any(kinds[fewer[-1][1] + sizes[k - 1]:]):
            got, sizes = fewer, sizes[:k]
            break
    if got is None:
        got = _cut_by_counts(cuts, len(kinds), sizes, len(sizes), named)
    choice = got if got is not None else _named_runs(runs, named, len(sizes))
    merged = choice is None and one_window and bool(runs) and runs[0][0] == 0 and len(runs) < len(sizes)
    if choice is None:
        if not merged and (len(runs) < len(sizes) or (runs and runs[0][0] != 0)):
            return None, start, ""
        choice = runs if merged else runs[:len(sizes)]
    groups, last = [], start
    for k, (a, b) in enumerate(choice):
        stop = choice[k + 1][0] if k + 1 < len(choice) else len(kinds) if merged else \
            _group_end(b, len(kinds), sizes[k], named)
        # junk in a value's place counts as that value, in the last group too when it fills its count
        if k + 1 == len(choice):
            stop = _line_end(toks, start, b, stop, kinds)
        whole = k + 1 < len(choice) or (got is not None and stop - b == sizes[k])
        values = [start + j for j in range(b, stop) if kinds[j] or whole]
        real = sum(kinds[j - start] for j in values)
        if merged and k + 1 == len(choice) and k and len(values) > sizes[k]:
            last = start + stop       # the next chart's label lost: its values ran on into these
            break
        if real < max(s.min_values, len(values) / 2) or len(values) > s.max_stream_values:
            return None, start, ""
        groups.append((label_of(toks[start + a:start + b]), [toks[j] for j in values]))
        last = start + stop
    doubt = f"{len(sizes) - len(runs)} of the row's chart labels lost: no group's count places its values" \
        if merged else ""
    return groups, last, doubt


def _named_runs(runs: list[tuple[int, int]], named: list[int], n: int) -> list[tuple[int, int]] | None:
    """The labels of a row of n charts that lost values, where the counts cut nothing: the run at
    the stretch's start and each later run from its word that names a chart ('LAC10 (%) 98 oF, 96
    ... LAC11-QL (% 97 ...'), junk runs ('oF,') counting as the values they replaced. None unless
    exactly n runs are so named: then each group keeps the count it has (unverified, align)."""
    if not runs or runs[0][0] != 0:
        return None
    out = [runs[0]]
    for a, b in runs[1:]:
        at = next((j for j in named if a <= j < b), None)
        if at is not None:
            out.append((at, b))
    return out if len(out) == n and len(runs) > n else None


def _line_end(toks: list[Token], start: int, b: int, stop: int, kinds: list[bool]) -> int:
    """The last group's end, short of words after its last value that stand on a later line: what
    follows a chart's values ('This page is intentionally left blank') is no junk in a value's
    place, and counting it would make a group that lost a value look whole."""
    real = [j for j in range(b, stop) if kinds[j]]
    if not real:
        return stop
    line = toks[start + real[-1]].line
    j = real[-1] + 1
    while j < stop and toks[start + j].line == line:
        j += 1
    return j


def _label_runs(kinds: list[bool]) -> list[tuple[int, int]]:
    """(first, last + 1) of every run of tokens that are not values."""
    runs, a = [], None
    for j, v in enumerate(kinds + [True]):
        if not v and a is None:
            a = j
        elif v and a is not None:
            runs.append((a, j))
            a = None
    return runs


_CHART_LABEL = re.compile(r"^[A-Za-z]{2,}\d")


def _names_a_chart(text: str) -> bool:
    """'LAC7-QL', 'cP9', 'EH1a': letters then a digit, a chart's label (the next chart's, when it
    follows a group's values), never junk OCR made of a value ('m1', 'ral', 'SiS', 'Zit)')."""
    return bool(_CHART_LABEL.match(text)) and not month_value_like(text)


def _chart_words(stretch: list[Token], kinds: list[bool], names: frozenset[str], n: int) -> list[int]:
    """Indices of the words of the stretch that name a chart. A ref the text above the charts names
    (names) is a label, one-letter refs too ('M3', which _names_a_chart cannot tell from junk);
    where those are exactly one word per chart, they are the labels, and a word merely shaped like
    one is junk OCR made of a value ('nB8', 'cB1'): taken for a label, it would cut a group short.
    Otherwise every word shaped like a label counts as well (a label OCR damaged, a title lost)."""
    listed = [j for j, t in enumerate(stretch) if not kinds[j] and t.text.upper() in names]
    if len(listed) == n and len({stretch[j].text.upper() for j in listed}) == n:
        return listed
    return sorted(set(listed) | {j for j, t in enumerate(stretch) if _names_a_chart(t.text)})


def _runs_on(choice: list[tuple[int, int]], kinds: list[bool], sizes: list[int], named: list[int]) -> bool:
    """Do the last group's values go on past its axis' count (no label where the count ends)?"""
    end = _group_end(choice[-1][1], len(kinds), sizes[len(choice) - 1], named)
    return end < len(kinds) and kinds[end]


def _group_end(b: int, n_tokens: int, size: int, named: list[int]) -> int:
    """The end of the last group, whose label ends at b: its axis' count of words on, or the
    next word that names a chart (the next chart's label: its values are not this one's), or
    the stretch's end."""
    return min([n_tokens, b + size] + [j for j in named if j >= b][:1])


def _cut_by_counts(runs: list[tuple[int, int]], n_tokens: int, sizes: list[int], max_off: int = 0,
                   named: list[int] = ()):
    """The one choice of labels (the first run at the stretch's start, then tails of runs) after
    which each group holds exactly its axis' month count, or, when none does, the one after which
    all groups but at most max_off do, those within MAX_OFF_BY values of it (a chart that lost a
    value beside charts that did not; not a chart's values run on into the next title); None
    when no choice or several equally good ones do."""
    if not runs or runs[0][0] != 0:
        return None
    # a label may follow junk in the last value's place ('SiS CP2'): any tail of a run may be one
    tails = [(p, b) for a, b in runs[1:] for p in range(a, b)]
    best: dict[int, list] = {}
    for rest in combinations(tails, len(sizes) - 1):
        choice = [runs[0], *rest]
        ends = [c[0] for c in rest] + [_group_end(choice[-1][1], n_tokens, sizes[-1], named)]
        counts = [e - c[1] for c, e in zip(choice, ends)]
        if min(counts) < 1 or any(c[1] <= j < e for c, e in zip(choice, ends) for j in named):
            continue           # a word that names a chart taken for junk in a value's place
        off = sum(c != n for c, n in zip(counts, sizes))
        if off <= max_off and all(abs(c - n) <= MAX_OFF_BY for c, n in zip(counts, sizes)):
            best.setdefault(off, []).append(choice)
    for off in sorted(best):
        return best[off][0] if len(best[off]) == 1 else None
    return None


def label_of(toks: list[Token]) -> Token | None:
    if not toks:
        return None
    return Token(" ".join(t.text for t in toks), line=toks[0].line, conf=min(t.conf for t in toks))
