"""Header rows of extracted tables: find them, merge two-line headers, give each column a role.

A header is one logical row: text columns (Ref., Indicator, Owner, Reporter, Outcome), a run of
month columns, then the 'tail' (% change, DoT, 12-month avg/max, benchmarks, targets, commentary).
Extraction breaks headers in known ways, each repaired by rule here:
- a header printed over two lines (seed 004: 12 months on one line, May-19 Jun-19 on the next);
- sub-labels on their own line ('Stat. Neighbour', 'England', 'SE region' under 'Benchmarking');
- merged cells ('Target 18- Target 19- 19 20') and split ones ('% cha from 20' + 'Mar-');
- a lost or blank 'Ref.' header (the column is then named, with conf < 1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from recover.table.months import month_add, month_diff, months_in_text, parse_month, repair_sequence

from .text import norm

TEXT_ROLES = ("ref", "indicator", "owner", "reporter", "names", "outcome", "other")


@dataclass
class Header:
    cells: list[str]
    confs: list[float]
    m0: int                      # column of the first month
    months: list[str]            # YYYY-MM per month column
    roles: list[str]             # one per column
    notes: list[str] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)

    @property
    def W(self) -> int:
        return len(self.months)

    @property
    def text_roles(self) -> list[str]:
        return self.roles[: self.m0]

    @property
    def tail_roles(self) -> list[str]:
        return self.roles[self.m0 + self.W:]

    def col_of(self, role: str) -> int | None:
        for i, r in enumerate(self.roles):
            if r == role:
                return i
        return None


def count_months(cells: list[str]) -> int:
    return sum(1 for c in cells if parse_month(norm(c)))


_KEYWORDS = ("ref", "indicator", "owner", "reporter", "outcome", "% change", "commentary",
             "target", "average", "max", "benchmark", "dot")


def keyword_count(cells: list[str]) -> int:
    low = " | ".join(norm(c).lower() for c in cells)
    return sum(1 for k in _KEYWORDS if k in low)


def text_role(text: str, col: int) -> str:
    t = norm(text).lower()
    if "indicator" in t:
        return "indicator"
    if "outcome" in t or "what impact" in t:
        return "outcome"
    if "owner" in t and ("report" in t or "renort" in t):
        return "names"
    if "owner" in t:
        return "owner"
    if "report" in t:
        return "reporter"
    if t.startswith("ref") or (t == "" and col == 0):
        return "ref"
    return "other"


def tail_role(text: str) -> str:
    t = norm(text).lower()
    if not t:
        return "other"
    if "commentary" in t:
        return "commentary"
    if "targ" in t:
        return "target"
    if "average" in t or "avg" in t:
        return "avg12"
    if "max" in t:
        return "max12"
    if "percentage" in t:
        return "percentage"
    if "same month" in t or "prev. yr" in t or "prev yr" in t or "sam month" in t:
        return "pct_year"
    if "change" in t or "chang" in t or "cha " in t or t.startswith("%"):
        return "pct"          # resolved to prev/year below
    if t == "dot" or ("direction" in t and not t.startswith("key")):
        return "dot"
    if "stat" in t or "neighbour" in t or t == "sn":
        return "sn"
    if "england" in t or t == "eng":
        return "eng"
    if "region" in t:
        return "se"
    if "benchmark" in t:
        return "sn"
    return "other"


_MONTH_FRAGMENT = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-\s]*$", re.I)


def _fix_tail_cells(cells: list[str]) -> tuple[list[str], list[str]]:
    """Merge split header cells ('% cha from 20' + 'Mar-') and split merged ones
    ('Target 18- Target 19- 19 20' -> 'Target 18-19', 'Target 19-20')."""
    out: list[str] = []
    notes: list[str] = []
    for c in cells:
        t = norm(c)
        if out and _MONTH_FRAGMENT.match(t) and tail_role(out[-1]) == "pct":
            out[-1] = f"{out[-1]} {t}"
            notes.append(f"header_merge={t}")
            continue
        parts = _split_targets(t)
        if len(parts) > 1:
            notes.append(f"header_split={t}")
        out.extend(parts)
    return out, notes


def _split_targets(t: str) -> list[str]:
    if t.lower().count("target") < 2:
        return [t]
    words = t.split()
    heads: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        if words[i].lower() == "target" and i + 1 < len(words):
            heads.append(f"Target {words[i + 1]}")
            i += 2
        else:
            rest.append(words[i])
            i += 1
    # Trailing year halves wrapped onto the next line: 'Target 18-' + '19'.
    out = []
    for k, h in enumerate(heads):
        if h.endswith("-") and k < len(rest):
            h = h + rest[k]
        out.append(h)
    return out


def _group_fill(tail: list[str], labels: list[str]) -> tuple[list[str], bool]:
    """Sub-labels printed on their own line fill a spanning cell's group ('Benchmarking', '', '')."""
    n = len(labels)
    for i, t in enumerate(tail):
        if not t or tail_role(t) not in ("sn", "other"):
            continue
        if i + n <= len(tail) and all(not x for x in tail[i + 1: i + n]):
            new = list(tail)
            new[i] = f"{t} {labels[0]}"
            for k in range(1, n):
                new[i + k] = labels[k]
            return new, True
    return tail, False


def build_header(rows: list[list[str]], lines: tuple[int, int]) -> Header | None:
    """One logical header from one or two printed lines (month columns anywhere in either)."""
    found = [(col, r, parse_month(norm(c))) for r, cells in enumerate(rows)
             for col, c in enumerate(cells) if parse_month(norm(c))]
    if len(found) < 5:
        return None
    found.sort(key=lambda x: (x[0], x[1]))
    month_rows = {r for _, r, _ in found}
    primary = max(range(len(rows)), key=lambda r: sum(1 for _, rr, _ in found if rr == r))
    m0 = min(col for col, _, _ in found)
    # Unparsed cells between month cells of one row (OCR 'Mav-18') keep their column.
    labels: list[tuple[int, str | None, str]] = []
    if len(month_rows) == 1:
        cells = rows[primary]
        last = max(col for col, _, _ in found)
        for col in range(m0, last + 1):
            t = norm(cells[col])
            ym = parse_month(t)
            # An unparsed label between months counts only if it could be an OCR'd label.
            if ym or (t and len(t) <= 10 and any(ch.isdigit() for ch in t)):
                labels.append((col, ym, t))
    else:
        labels = [(col, ym, norm(rows[r][col])) for col, r, ym in found]
    months, changed = repair_sequence([ym for _, ym, _ in labels])
    if any(m is None for m in months):
        return None
    W = len(months)
    notes: list[str] = []
    confs_m = [0.9 if i in changed else 1.0 for i in range(W)]
    if changed:
        notes.append("header_months_repaired=" + ",".join(labels[i][2] or "?" for i in changed))

    # Text columns: everything left of the first month, lines merged.
    pre: list[str] = []
    for col in range(m0):
        parts = [norm(rows[r][col]) for r in range(len(rows)) if col < len(rows[r]) and norm(rows[r][col])]
        pre.append(" ".join(parts))

    # Tail: from the line that carries the tail labels.
    def tail_start(r: int) -> int:
        cells = rows[r]
        if r in month_rows:
            last = max(col for col, rr, _ in found if rr == r)
            return last + 1
        for col in range(m0, len(cells)):
            if tail_role(cells[col]) not in ("other",) and not parse_month(norm(cells[col])):
                return col
        return len(cells)

    tail_row = max(range(len(rows)), key=lambda r: sum(
        1 for c in rows[r][tail_start(r):] if tail_role(c) != "other"))
    ts = tail_start(tail_row)
    tail = [norm(c) for c in rows[tail_row][ts:]]
    tail, fix_notes = _fix_tail_cells(tail)
    notes.extend(fix_notes)
    # Sub-labels from the other line(s): non-month, non-empty cells right of the text columns
    # that are not already part of the chosen tail.
    subs: list[str] = []
    for r, cells in enumerate(rows):
        if r == tail_row:
            continue
        for col in range(m0, len(cells)):
            t = norm(cells[col])
            if t and not parse_month(t) and tail_role(t) in ("sn", "eng", "se", "other"):
                if r not in month_rows and tail_role(t) == "other":
                    continue   # legend text in the month area ('Key to direction of travel:')
                subs.append(t)
    if subs:
        tail, ok = _group_fill(tail, subs)
        notes.append(("header_sublabels=" if ok else "header_sublabels_unplaced=") + "|".join(subs))
    while tail and not tail[-1]:
        tail.pop()

    month_texts = [lab for _, _, lab in labels]
    cells = pre + month_texts + tail
    confs = [1.0] * len(pre) + confs_m + [1.0] * len(tail)
    roles = [text_role(t, i) for i, t in enumerate(pre)] + ["month"] * W + _tail_roles(tail, months[-1])
    if len(rows) > 1:
        notes.append(f"header=merged-{len(rows)}-lines")
    h = Header(cells=cells, confs=confs, m0=m0, months=months, roles=roles, notes=notes, lines=lines)
    _ensure_ref(h)
    return h


def _tail_roles(tail: list[str], last_month: str) -> list[str]:
    roles = [tail_role(t) for t in tail]
    pct_seen = 0
    for i, (t, r) in enumerate(zip(tail, roles)):
        if r != "pct":
            if r == "pct_year":
                pct_seen = 2
            continue
        ms = months_in_text(t)
        if ms and month_diff(ms[-1], last_month) == 1:
            roles[i] = "pct_prev"
        elif ms and month_diff(ms[-1], last_month) == 12:
            roles[i] = "pct_year"
        elif "previous" in t.lower() or "prev" in t.lower() and "yr" not in t.lower():
            roles[i] = "pct_prev"
        else:
            roles[i] = "pct_prev" if pct_seen == 0 else "pct_year"
        pct_seen += 1
    return roles


def _ensure_ref(h: Header) -> None:
    """Every grid gets a ref column at 0: a blank header there is named 'Ref.'; a header with
    no ref column at all gets one inserted (data rows then split glued refs into it)."""
    if h.roles and h.roles[0] == "ref":
        if not h.cells[0]:
            h.cells[0] = "Ref."
            h.confs[0] = 0.9
            h.notes.append("ref_header=inferred")
        return
    h.cells.insert(0, "Ref.")
    h.confs.insert(0, 0.9)
    h.roles.insert(0, "ref")
    h.m0 += 1
    h.notes.append("ref_column=inserted")


def synthesise_header(last_month: str, W: int, prev_label: str, year_label: str) -> Header:
    """A header for a pack whose header was lost (seed 001 keeps only '% change from Jul-21')."""
    months = [month_add(last_month, k) for k in range(-(W - 1), 1)]
    from recover.table.months import label
    pre = ["Ref.", "Indicator", "Owner", "Reporter", "Outcome"]
    tail = [prev_label, year_label, "DoT", "12-mnth avg", "12-mnth max.", "SN", "ENG", "SE region",
            "Commentary"]
    cells = pre + [label(m) for m in months] + tail
    roles = ["ref", "indicator", "owner", "reporter", "outcome"] + ["month"] * W + [
        "pct_prev", "pct_year", "dot", "avg12", "max12", "sn", "eng", "se", "commentary"]
    return Header(cells=cells, confs=[0.9] * len(cells), m0=len(pre), months=months, roles=roles,
                  notes=["header=inferred"])
