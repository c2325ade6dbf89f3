"""TextHeader rows of extracted tables: find them, merge two-line headers, give each column a role.

A header is one logical row: text columns (Ref., Indicator, Owner, Reporter, Outcome), a run of
month columns, then the 'tail' (% change, DoT, 12-month avg/max, benchmarks, targets, commentary).
Extraction breaks headers in known ways, each repaired by rule here:
- a header printed over two lines (seed 004: 12 months on one line, May-19 Jun-19 on the next);
- sub-labels on their own line ('Stat. Neighbour', 'England', 'SE region' under 'Benchmarking');
- merged cells ('Target 18- Target 19- 19 20') and split ones ('% cha from 20' + 'Mar-');
- a lost or blank 'Ref.' header (the column is then named, with conf < 1).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from recover.printed.months import is_month_name_only, label, month_add, parse_month, repair_sequence
from recover.printed.roles import TEXT_ROLES, Role, change_basis, classify
from recover.printed.text import norm

from .settings import CONF


@dataclass
class TextHeader:
    cells: list[str]
    confs: list[float]
    m0: int                      # column of the first month
    months: list[str]            # YYYY-MM per month column
    roles: list[str]             # one per column
    notes: list[str] = field(default_factory=list)
    inferred: bool = False       # synthesised from another clue, not read (conf <= 0.9)
    window_unread: bool = False  # inferred, and its length too: no read header of the pack and no
                                 # surviving label reach its first month (infer.py)
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


def keyword_count(cells: list[str]) -> int:
    """How many different column roles a line's labels name (a header's label line names several)."""
    return len(({text_role(c, 1) for c in cells} | {tail_role(c) for c in cells}) - {Role.OTHER})


def text_role(text: str, col: int) -> Role:
    """The role of a column left of the months; a blank label at column 0 is the ref's."""
    t = norm(text)
    role = classify(t)
    if role in TEXT_ROLES:
        return role
    return Role.REF if t == "" and col == 0 else Role.OTHER


def tail_role(text: str) -> Role:
    """The role of a column right of the months (names, titles and months count as OTHER there)."""
    role = classify(norm(text))
    return Role.OTHER if role in TEXT_ROLES or role is Role.MONTH else role


# labels printed on their own line under a spanning 'Benchmarking' cell
_SUB_LABEL_ROLES = (Role.STAT_NEIGHBOUR, Role.BENCHMARK, Role.ENGLAND, Role.SE_REGION, Role.OTHER)


def _fix_tail_cells(cells: list[str]) -> tuple[list[str], list[str]]:
    """Merge split header cells ('% cha from 20' + 'Mar-') and split merged ones
    ('Target 18- Target 19- 19 20' -> 'Target 18-19', 'Target 19-20')."""
    out: list[str] = []
    notes: list[str] = []
    for c in cells:
        t = norm(c)
        if out and is_month_name_only(t) and tail_role(out[-1]) in (Role.PCT, Role.PCT_PREV):
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
        if not t or tail_role(t) not in (Role.STAT_NEIGHBOUR, Role.BENCHMARK, Role.OTHER):
            continue
        if i + n <= len(tail) and all(not x for x in tail[i + 1: i + n]):
            new = list(tail)
            new[i] = f"{t} {labels[0]}"
            for k in range(1, n):
                new[i + k] = labels[k]
            return new, True
    return tail, False


def build_header(rows: list[list[str]], lines: tuple[int, int]) -> TextHeader | None:
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
    confs_m = [CONF.header_repaired if i in changed else 1.0 for i in range(W)]
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
            if tail_role(cells[col]) is not Role.OTHER and not parse_month(norm(cells[col])):
                return col
        return len(cells)

    tail_row = max(range(len(rows)), key=lambda r: sum(
        1 for c in rows[r][tail_start(r):] if tail_role(c) is not Role.OTHER))
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
            if t and not parse_month(t) and tail_role(t) in _SUB_LABEL_ROLES:
                if r not in month_rows and tail_role(t) is Role.OTHER:
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
    roles = [text_role(t, i) for i, t in enumerate(pre)] + [Role.MONTH] * W + _tail_roles(tail, months[-1])
    if len(rows) > 1:
        notes.append(f"header=merged-{len(rows)}-lines")
    h = TextHeader(cells=cells, confs=confs, m0=m0, months=months, roles=roles, notes=notes, lines=lines)
    _ensure_ref(h)
    return h


def _tail_roles(tail: list[str], last_month: str) -> list[Role]:
    """A change whose label names no basis takes it from the month it names, else from its place:
    a row prints the change from the previous month before the one from a year before."""
    roles = [tail_role(t) for t in tail]
    pct_seen = 0
    for i, (t, r) in enumerate(zip(tail, roles)):
        if r is Role.PCT_YEAR:
            pct_seen = 2
        elif r is Role.PCT_PREV:
            pct_seen += 1
        elif r is Role.PCT:
            basis = change_basis(t, last_month)
            roles[i] = basis if basis is not Role.PCT else (Role.PCT_PREV if pct_seen == 0 else Role.PCT_YEAR)
            pct_seen += 1
    return roles


def _ensure_ref(h: TextHeader) -> None:
    """Every grid gets a ref column at 0: a blank header there is named 'Ref.'; a header with
    no ref column at all gets one inserted (data rows then split glued refs into it)."""
    if h.roles and h.roles[0] is Role.REF:
        if not h.cells[0]:
            h.cells[0] = "Ref."
            h.confs[0] = CONF.header_repaired
            h.notes.append("ref_header=inferred")
        return
    h.cells.insert(0, "Ref.")
    h.confs.insert(0, CONF.header_repaired)
    h.roles.insert(0, Role.REF)
    h.m0 += 1
    h.notes.append("ref_column=inserted")


def synthesise_header(last_month: str, W: int, prev_label: str, year_label: str) -> TextHeader:
    """A header for a pack whose header was lost (seed 001 keeps only '% change from Jul-21')."""
    months = [month_add(last_month, k) for k in range(-(W - 1), 1)]
    pre = ["Ref.", "Indicator", "Owner", "Reporter", "Outcome"]
    tail = [prev_label, year_label, "DoT", "12-mnth avg", "12-mnth max.", "SN", "ENG", "SE region",
            "Commentary"]
    cells = pre + [label(m) for m in months] + tail
    roles = [Role.REF, Role.INDICATOR, Role.OWNER, Role.REPORTER, Role.OUTCOME] + [Role.MONTH] * W + [
        Role.PCT_PREV, Role.PCT_YEAR, Role.DOT, Role.AVG12, Role.MAX12, Role.STAT_NEIGHBOUR, Role.ENGLAND,
        Role.SE_REGION, Role.COMMENTARY]
    return TextHeader(cells=cells, confs=[CONF.header_repaired] * len(cells), m0=len(pre), months=months, roles=roles,
                  inferred=True)
