"""unmatched.csv: the rows no indicator was identified for, and a person's refs for them.

    write_unmatched(store, path) -> lines written
    apply_unmatched(path, store, register) -> AssignResult      (recover apply DIR/unmatched.csv)

One line per unmatched row that prints a value or a ref (`assignable`; a stray record with neither
is counted, not listed): where it is (source, page and box, or the lines of a text input), what it
prints (ref, title, its values by month), the best candidates with their scores and why none was
chosen, and an empty `ref` column. A person types the right ref there; `recover apply` checks the
whole file first (a ref the register does not hold, a row the store does not hold, one row given two
refs: every bad line is listed and nothing is changed), then stores the assignments, which every
later run uses. The row's readings then join the series, marked as assigned by a person.
"""
from __future__ import annotations

import csv
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from recover.csvlines import MalformedCsv, numbered_records
from recover.errors import ReviewFileError
from recover.register.match import separate_ref_title
from recover.register.refs import looks_like_ref, normalise_ref, ref_key
from recover.store.sqlite import Assignment, now_iso

from .persist import fingerprint

COLUMNS = ("pack", "source", "page", "where", "kind", "ref_printed", "title_printed", "values", "candidates",
           "score", "reason", "row_id", "file_hash", "ref", "note")
FILLED = ("ref", "note")          # the columns for a person


@dataclass(frozen=True)
class AssignResult:
    path: str
    assigned: tuple[Assignment, ...]
    skipped: int                  # lines left without a ref

    def render(self) -> str:
        lines = [f"{self.path}: {len(self.assigned)} row(s) assigned, {self.skipped} line(s) left as they were"]
        lines += [f"  {a.source} {a.row_id} ({a.ref_printed or a.title_printed[:40]!r}): {a.ref}" for a in self.assigned]
        return "\n".join(lines)

    __str__ = render


def where(row) -> str:
    if row.lines:
        return f"lines {row.lines}"
    return f"box {row.box}" if row.box is not None else ""


def values_text(observations) -> str:
    """'2019-10: 1354; 2019-11: 1323; 2019-12: -' — every month cell as read."""
    return "; ".join(f"{o.month}: {o.raw.strip() or '(blank)'}" for o in sorted(observations, key=lambda o: o.month))


def assignable(row, observations) -> bool:
    """An unmatched row a person can assign: some month cell printed something (a value read, or
    text that could not be read), or it prints a ref-shaped text (in its Ref cell, or glued to the
    start of its title). A record with neither (a reader's stray line: the wrapped end of a title,
    a table's % change and target columns that an extraction emitted as a run of their own, rule
    glyphs) would put nothing into the series under any ref and names nothing to look up: it is
    left out of unmatched.csv and only counted (RunSummary.unmatched_noise)."""
    if any(o.status in ("ok", "unreadable") for o in observations):
        return True
    ref, _ = separate_ref_title(row.ref_printed or "", row.title_printed or "")   # 'EH3 Percentage ...'
    ref = normalise_ref(ref).replace(" ", "")
    return bool(ref) and looks_like_ref(ref)


def unmatched_rows(store) -> tuple[list, dict, int]:
    """(the unmatched rows unmatched.csv lists, their observations by row id, the records left out
    as noise)."""
    by_row = defaultdict(list)
    for o in store.observations(unmatched=True):
        if o.ref is None:
            by_row[o.row_id].append(o)
    rows, noise = [], 0
    for r in store.rows():
        if r.ref:
            continue
        if assignable(r, by_row.get(r.row_id, [])):
            rows.append(r)
        else:
            noise += 1
    return rows, by_row, noise


def unmatched_lines(store):
    rows, by_row, _ = unmatched_rows(store)
    for r in rows:
        yield (r.pack, r.source, r.page, where(r), r.kind, r.ref_printed, r.title_printed,
               values_text(by_row.get(r.row_id, [])), "; ".join(f"{ref} {s:.2f}" for ref, s in r.candidates),
               f"{r.match_score:.2f}", r.match_why, r.row_id, r.file_hash, "", "")


def write_unmatched(store, path: Path) -> int:
    from recover.outputs.csvio import write_csv    # outputs imports this module: not at the top
    _keep_unapplied(Path(path), store)
    return write_csv(Path(path), COLUMNS, unmatched_lines(store))


def _keep_unapplied(path: Path, store) -> None:
    """Refs a person typed but never applied are copied aside before unmatched.csv is rewritten."""
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            filled = {((r.get("row_id") or "").strip(), ref_key(r.get("ref") or ""))
                      for r in csv.DictReader(f) if (r.get("ref") or "").strip()}
    except (OSError, csv.Error, UnicodeDecodeError):
        filled = {("?", "?")}
    applied = {(a.row_id, ref_key(a.ref)) for a in store.assignments()}
    if filled - applied:
        shutil.copy2(path, path.with_name(f"unmatched.unapplied-{time.strftime('%Y%m%d-%H%M%S')}.csv"))


# ---- apply ------------------------------------------------------------------------------------
def is_unmatched_file(header: list[str]) -> bool:
    cols = {h.strip().lower() for h in header}
    return "row_id" in cols and "ref" in cols and "corrected_value" not in cols


def _records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewFileError(str(path), f"cannot read the file: {e}") from None
    try:
        out = numbered_records(text.splitlines(keepends=True))
    except MalformedCsv as e:
        raise ReviewFileError(str(path), f"line {e.start}: {e}") from None
    if not out:
        raise ReviewFileError(str(path), "line 1: the file is empty (expected unmatched.csv's header)")
    return [h.strip().lower() for h in out[0][1]], out[1:]


def apply_unmatched(path, store, register) -> AssignResult:
    """Store a person's refs from unmatched.csv: all lines are checked first, all or nothing."""
    path = Path(path)
    header, records = _records(path)
    missing = [c for c in ("row_id", "ref") if c not in header]
    if missing:
        raise ReviewFileError(str(path), f"line 1: missing column(s) {', '.join(missing)}; "
                                         f"found {', '.join(h for h in header if h) or 'none'}")
    col = {name: header.index(name) for name in header if name}
    rows = {r.row_id: r for r in store.rows()}
    canonical = {ref_key(i.ref): i.ref for i in register}
    by_row = defaultdict(list)
    for o in store.observations(unmatched=True):
        by_row[o.row_id].append(o)
    problems, wanted, skipped = [], {}, 0
    for line, rec in records:
        if not any(x.strip() for x in rec):
            continue
        if len(rec) > len(header):
            problems.append(f"line {line}: {len(rec)} fields but the header has {len(header)}")
            continue
        get = lambda name: rec[col[name]].strip() if name in col and col[name] < len(rec) else ""  # noqa: E731
        typed = get("ref")
        if not typed:
            skipped += 1
            continue
        bad = []
        ref = register.get(typed) and typed or canonical.get(ref_key(typed))
        if ref is None:
            bad.append(f"unknown ref {typed!r}: the register ({register.origin}) has no such indicator "
                       "(recover register lists them)")
        row = rows.get(get("row_id"))
        if row is None or (get("file_hash") and get("file_hash") != row.file_hash):
            bad.append(f"row {get('row_id')!r} is not in the store (was its file removed, or the line edited?)")
        elif row.row_id in wanted and wanted[row.row_id][1] != ref:
            bad.append(f"row {row.row_id} is already given {wanted[row.row_id][1]} on line {wanted[row.row_id][0]}")
        if bad:
            problems.append(f"line {line}: " + "; ".join(bad))
            continue
        wanted[row.row_id] = (line, ref, get("note"))
    if problems:
        raise ReviewFileError(str(path), f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
    at = now_iso()
    items = tuple(Assignment(rows[rid].file_hash, rid, fingerprint(rows[rid], by_row.get(rid, [])), ref, at, note,
                             rows[rid].source, rows[rid].ref_printed, rows[rid].title_printed)
                  for rid, (_, ref, note) in sorted(wanted.items()))
    if items:
        store.add_assignments(items)
    return AssignResult(str(path), items, skipped)
