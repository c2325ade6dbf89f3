"""`recover register init`: a register proposed from a folder of packs, for a person to edit.

    propose(rows, observations) -> Proposal

One entry per distinct indicator the packs print, found the way identification would find it:

1. rows are grouped by the ref they print, read cleanly ('LAC10 (%)', 'M8- QL' wrapped in its cell),
   and the leading word of their title;
2. the groups are taken in order of support (rows, then packs) into a growing register: a group whose
   ref and title the register matcher places on an entry already taken is the same indicator printed
   damaged ('MG-QL (val)' is M6-QL (val), 'CP3-QL (' with a count title is CP3-QL (val)); any other
   group is a new entry. Near-twins stay apart because the matcher keeps them apart (their titles
   lead with Number / Percentage and their values differ in unit);
3. a group whose values agree with another's in the other packs (recover.identify's value claim) is
   that indicator printed with a ref damaged beyond repair ('LACS (val)', 'CP6 B-N'); two groups one
   file prints are never merged (a file's tables print an indicator once);
4. rows without a readable ref are identified against the entries by their title and by their values
   against the other packs' (recover.identify), and join the entry they are identified as; a row that
   joins none is reported, not guessed into an entry.

Each entry: the ref as most rows print it; the title most packs print (ties: the longest, so a
truncated print never wins); as aliases, the other wordings at least MIN_ALIAS_PACKS packs print
(rewordings across eras persist, OCR damage and truncation are one-offs); the unit from the values
(most rows print '%': percent; else 'rate' when the title says a rate per N, else count); and the
first and last pack month seen.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from recover.model import Observation, RowRecord
from recover.register import Indicator, Register
from recover.register.match import FOREIGN_REF, lead_of, match_row, norm_title, separate_ref_title
from recover.register.refs import looks_like_ref, ref_key

from .evidence import from_row, row_order
from .stage import CLAIM_LLR, MIN_AGREE, MIN_OVERLAP
from .values import HeldValues

MIN_ALIAS_PACKS = 2
SAME_TITLE = 0.9          # a title this close to an entry's (before the foreign-ref factor) is its title
_RATE = re.compile(r"\brate\b|\bper\s+1(0|00),?000\b", re.I)


@dataclass
class _Group:
    key: str
    rows: list = field(default_factory=list)          # (RowRecord, ref text, title text)

    def refs(self) -> Counter:
        return Counter(ref for _, ref, _ in self.rows if ref)

    def packs(self) -> set[str]:
        return {r.pack for r, _, _ in self.rows}

    def support(self) -> tuple:
        return (-len(self.rows), -len(self.packs()), self.key)


@dataclass(frozen=True)
class Proposal:
    indicators: tuple[Indicator, ...]
    rows: int                                   # rows read
    placed: int                                 # rows that joined an entry
    left_out: tuple[str, ...] = ()              # rows that joined none, with where they are
    merged: tuple[str, ...] = ()                # damaged refs read as an entry's ref

    @property
    def register(self) -> Register:
        return Register(self.indicators, origin="proposed register")


def propose(rows: list[RowRecord], observations: list[Observation]) -> Proposal:
    from recover.identify import identify_records
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        by_row[o.row_id].append(o)
    groups: dict[str, _Group] = {}
    loose: list[tuple[RowRecord, str, str]] = []
    for r in rows:
        ref, title = separate_ref_title(r.ref_printed or "", r.title_printed or "")
        if ref and _plain(r.ref_printed or "") and looks_like_ref(ref.replace(" ", "")):
            # the title's leading word (Number / Percentage / Rate) is part of the key: a ref whose
            # wrapped '-NI' line OCR lost ('CP1' over 'Rate of Section 47 ...') is not CP1
            key = f"{ref_key(ref)}|{lead_of(norm_title(title)) or ''}"
            groups.setdefault(key, _Group(key)).rows.append((r, ref, title))
        else:   # no ref, or one read in look-alike letters of other scripts ('СРЭ'): placed in step 4
            loose.append((r, ref, title))
    entries: list[_Group] = []
    merged: list[str] = []

    def merge(g: _Group, into: _Group, how: str) -> None:
        into.rows.extend(g.rows)
        merged.append(f"{_ref_of(g)} ({len(g.rows)} row(s)) read as {_ref_of(into)}: {how}")

    for g in sorted(groups.values(), key=_Group.support):      # 2. by the label
        into = _place(g, entries)
        if into is None:    # one printed ref, one entry: the draft register holds each ref once
            into = next((e for e in entries if _ref_of(e) == _ref_of(g)), None)
        if into is None:
            entries.append(g)
        else:
            merge(g, into, "its ref and title")
    for g, into in _by_values(entries, by_row):                # 3. by the values
        merge(g, into, "its values agree with the other packs'")
        entries.remove(g)
    entries = _print_order(entries)
    draft = _draft(entries)
    left_out = []
    if loose:                                                   # 4. rows without a readable ref
        idents = identify_records([r for r, _, _ in loose] + [r for g in entries for r, _, _ in g.rows],
                                  observations, draft)
        by_ref = {_ref_of(g): g for g in entries}
        for r, ref, title in loose:
            got = idents[r.row_id].ref
            if got in by_ref:
                by_ref[got].rows.append((r, ref, title))
            else:
                left_out.append(f"{r.source} {_where(r)}: {r.ref_printed!r} {r.title_printed[:60]!r} "
                                f"({idents[r.row_id].why})")
    indicators = tuple(_indicator(g) for g in entries)
    placed = sum(len(g.rows) for g in entries)
    return Proposal(indicators, len(rows), placed, tuple(left_out), tuple(merged))


def _files(g: _Group) -> set[str]:
    return {r.file_hash for r, _, _ in g.rows if r.kind == "table"}


def _place(g: _Group, entries: list[_Group]) -> _Group | None:
    """The entry this group's rows are a damaged print of, by the register matcher: its ref reads
    as the entry's ref, or its title is the entry's near exactly. Never an entry printed in the same
    file as the group: a file's tables print an indicator once. None: a new entry."""
    if not entries:
        return None
    draft = _draft(entries)
    ref = g.refs().most_common(1)[0][0]
    title = Counter(t for _, _, t in g.rows if t).most_common(1)
    hint = Counter(h for r, _, _ in g.rows if (h := _hint(r))).most_common(1)
    m = match_row(draft, ref, title[0][0] if title else "", unit_hint=hint[0][0] if hint else None)
    if m.ref is None or not (m.why.startswith("ref") or m.score >= SAME_TITLE * FOREIGN_REF):
        return None
    into = next(e for e in entries if _ref_of(e) == m.ref)
    return None if _files(g) & _files(into) else into


def _by_values(entries: list[_Group], by_row: dict) -> list[tuple[_Group, _Group]]:
    """Entries whose rows' values name another entry (recover.identify's value claim, against the
    other entries' rows of other packs), smallest first: a ref damaged beyond its shape ('LACS (val)',
    'CP6 B-N') is still the indicator whose values it prints. Never two entries one file prints."""
    held = HeldValues()
    ev_of = {}
    for e in entries:
        for r, _, _ in e.rows:
            ev = from_row(r, by_row.get(r.row_id, []))
            ev_of[r.row_id] = ev
            held.add(_ref_of(e), ev.pack, ev.values)
    by_ref = {_ref_of(e): e for e in entries}
    out, gone = [], set()
    for g in sorted(entries, key=lambda e: (len(e.rows), e.key)):
        tests = []                                    # per row: {ref: Agreement} with other entries
        for r, _, _ in g.rows:
            ev = ev_of[r.row_id]
            refs = held.candidates(ev.values, ev.pack, at_least=MIN_AGREE) - {_ref_of(g)} - gone
            tests.append({ref: held.agreement(ref, ev.values, ev.pack) for ref in refs})
        votes = Counter(max(t.values(), key=lambda a: a.llr).ref for t in tests
                        if t and max(a.llr for a in t.values()) >= CLAIM_LLR
                        and max(t.values(), key=lambda a: a.llr).agree >= MIN_AGREE)
        if not votes:
            continue
        ref, n = votes.most_common(1)[0]
        into = by_ref[ref]
        seen = [held.agreement(ref, ev_of[r.row_id].values, ev_of[r.row_id].pack) for r, _, _ in g.rows]
        seen = [a for a in seen if a.overlap >= MIN_OVERLAP]
        # most rows that can be compared name it, none contradicts it, and no file prints both
        if n * 2 > len(seen) and all(a.llr > 0 for a in seen) and not _files(g) & _files(into) \
                and len(into.rows) >= len(g.rows):
            out.append((g, into))
            gone.add(_ref_of(g))
    return out


def _plain(text: str) -> bool:
    return text.isascii()


def _draft(entries: list[_Group]) -> Register:
    """The entries so far as a register to match with; no first/last seen (they are still being
    learnt, and must not count against a pack)."""
    return Register(tuple(replace(_indicator(e), first_seen="", last_seen="") for e in entries))


def _print_order(entries: list[_Group]) -> list[_Group]:
    """The entries in the order the packs print them: each entry's share of the other entries it
    precedes in the files that print both (a Borda count over files). The proposal then reads like
    a pack, and the matcher's print-order tie-break ('the row above was CP2b %') works with it."""
    where: dict[int, dict[str, tuple]] = defaultdict(dict)     # entry -> file -> first position
    for k, g in enumerate(entries):
        for r, _, _ in g.rows:
            pos = (r.kind != "table", row_order(r.row_id))
            if r.file_hash not in where[k] or pos < where[k][r.file_hash]:
                where[k][r.file_hash] = pos
    score = {}
    for k in range(len(entries)):
        wins = n = 0
        for j in range(len(entries)):
            if j == k:
                continue
            for f, pos in where[k].items():
                other = where[j].get(f)
                if other is not None:
                    n += 1
                    wins += pos < other
        score[k] = wins / n if n else 0.0
    return [entries[k] for k in sorted(range(len(entries)), key=lambda k: (-score[k], entries[k].key))]


def _ref_of(g: _Group) -> str:
    """The ref as the packs print it: the spelling most rows print, a ref's own shape first (not a
    narrow cell's wrap joined with spaces, 'LAC 9 (v al)')."""
    refs = g.refs()
    return max(refs, key=lambda r: (looks_like_ref(r), refs[r], -len(r), r)) if refs else g.key


def _indicator(g: _Group) -> Indicator:
    titles: dict[str, Counter] = defaultdict(Counter)     # normalised wording -> printed spellings
    packs: dict[str, set] = defaultdict(set)
    for r, _, t in g.rows:
        t = " ".join(t.split())
        n = norm_title(t)
        if n:
            titles[n][t] += 1
            packs[n].add(r.pack)
    order = sorted(titles, key=lambda n: (-len(packs[n]), -len(n), n))
    title = titles[order[0]].most_common(1)[0][0] if order else _ref_of(g)
    aliases = tuple(titles[n].most_common(1)[0][0] for n in order[1:]
                    if len(packs[n]) >= MIN_ALIAS_PACKS and not order[0].startswith(n))
    seen = sorted(r.pack for r, _, _ in g.rows if r.pack)
    return Indicator(_ref_of(g), title, _unit(g, title), aliases, seen[0] if seen else "",
                     seen[-1] if seen else "", "")


def _unit(g: _Group, title: str) -> str:
    hints = Counter(h for r, _, _ in g.rows if (h := _hint(r)))
    if hints["percent"] > hints["number"]:
        return "percent"
    if not hints and lead_of(norm_title(title)) == "percentage":
        return "percent"      # values printed without '%' (a dashboard) or none: the title says
    return "rate" if _RATE.search(title) else "count"


def _hint(r: RowRecord) -> str | None:
    """What a row's values say of its unit, as identification reads it (a dashboard's bare values
    say nothing: evidence.block_hint)."""
    return from_row(r, []).unit_hint


def _where(r: RowRecord) -> str:
    return f"lines {r.lines}" if r.lines else f"p.{r.page}"
