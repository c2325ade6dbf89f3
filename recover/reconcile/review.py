"""The review loop: a reviewer fills corrected_value (or accept) in review.csv; apply_review stores the corrections.

All or nothing: the whole file is checked first and any problem raises ReviewFileError listing every
bad line by number; only a clean file is written, in one transaction. `accept` takes the line's
current_value as the correction, so a right value need not be retyped. A correction far outside the
indicator's neighbouring months is applied but warned about (a typo such as 15900 for 1590). A correction records when it
was made, the value and status it replaced, the reviewer's note, and which files' readings the
reviewer saw (evidence_key), so a later run can tell a new disagreeing reading from an old one.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..csvlines import MalformedCsv, numbered_records
from ..errors import ReviewFileError
from ..store import Correction, Store
from ..store.sqlite import now_iso
from ..printed.months import parse_month

REQUIRED = ("ref", "month", "corrected_value")
ACCEPT_WORDS = ("y", "yes", "x", "1", "true", "ok")
JUMP_MONTHS = 6           # neighbours looked at either side of a corrected month
JUMP_MIN_NEIGHBOURS = 3
_NUMBER = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$|^[-−]?\.\d+%?$")
_YM = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class ApplyResult:
    path: str
    applied: tuple[Correction, ...]
    skipped: int                      # lines left without a corrected_value
    warnings: tuple[str, ...] = ()    # corrections applied that look implausible

    def render(self) -> str:
        lines = [f"{self.path}: {len(self.applied)} correction(s) applied, {self.skipped} line(s) left as they were"]
        lines += [f"  {c.ref} {c.month}: {c.corrected_value:g} (was {c.previous_value if c.previous_value is not None else 'empty'}, "
                  f"{c.previous_status})" for c in self.applied]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    __str__ = render


def parse_number(text: str) -> float | None:
    t = text.strip().replace("−", "-")
    if not _NUMBER.match(t):
        return None
    return float(t.rstrip("%").replace(",", ""))


def _month(text: str) -> str | None:
    t = text.strip()
    if _YM.match(t):
        return t if 1 <= int(t[5:7]) <= 12 else None
    return parse_month(t)


def _read(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewFileError(str(path), f"cannot read the review file: {e}") from None
    try:
        records = numbered_records(text.splitlines(keepends=True))
    except MalformedCsv as e:      # e.g. a pasted field over the csv module's size limit
        raise ReviewFileError(str(path), f"line {e.start}: {e}") from None
    if not records:
        raise ReviewFileError(str(path), "line 1: the file is empty (expected a header with ref, month, corrected_value)")
    header = [h.strip().lower() for h in records[0][1]]
    return header, records[1:]


def _implausible(ref: str, value: float, text: str) -> list[str]:
    """A correction must be possible for the indicator's unit (no 150% and no 5.5 children)."""
    from ..register import load_register
    from .core import implausible
    ind = load_register().get(ref)
    if ind is None:
        return []
    if text.rstrip().endswith("%") and ind.unit != "percent":
        return [f"corrected_value {text!r} has a % sign but {ref} is a {ind.unit}"]
    decimals = len(text.split(".")[1].rstrip("% ")) if "." in text else 0
    why = implausible(value, decimals, ind.unit)
    return [f"corrected_value {text!r}: {why} ({ref} is a {ind.unit})"] if why else []


def _validate(path: Path, store: Store):
    header, records = _read(path)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReviewFileError(str(path), f"line 1: missing column(s) {', '.join(missing)}; found {', '.join(header) or 'none'}")
    col = {name: header.index(name) for name in header if name}
    known = store.known_cells() | {(c.ref, c.month) for c in store.corrections()}
    problems: list[str] = []
    wanted: dict[tuple[str, str], tuple[int, float, str, str]] = {}
    skipped = 0
    for line, rec in records:
        if not any(x.strip() for x in rec):
            continue
        if len(rec) > len(header):
            problems.append(f"line {line}: {len(rec)} fields but the header has {len(header)}")
            continue
        get = lambda name: rec[col[name]].strip() if name in col and col[name] < len(rec) else ""
        ref, month_text, value_text = get("ref"), get("month"), get("corrected_value")
        bad = []
        accept = get("accept")
        if accept:
            value_text, bad = _accepted(accept, value_text, get("current_value"))
        if not value_text and not bad:
            skipped += 1
            continue
        month = _month(month_text)
        if not ref:
            bad.append("ref is empty")
        if month is None:
            bad.append(f"month {month_text!r} is not a month (YYYY-MM)")
        value = parse_number(value_text) if value_text else None
        if value is None and value_text:
            bad.append(f"corrected_value {value_text!r} is not a number")
        if not bad and (ref, month) not in known:
            bad.append(f"unknown ref or month: no pack shows {ref} {month}")
        if not bad:
            bad.extend(_implausible(ref, value, value_text))
        if not bad and (ref, month) in wanted and wanted[(ref, month)][1] != value:
            bad.append(f"{ref} {month} already corrected to {wanted[(ref, month)][1]:g} on line {wanted[(ref, month)][0]}")
        if bad:
            problems.append(f"line {line}: " + "; ".join(bad))
            continue
        note = get("note") or ("accepted as read" if accept else "")
        wanted[(ref, month)] = (line, value, note, get("current_value"))
    if problems:
        raise ReviewFileError(str(path), f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return wanted, skipped


def _accepted(accept: str, corrected: str, current: str) -> tuple[str, list[str]]:
    """The value an `accept` mark stands for, or why the mark cannot be taken."""
    if accept.lower() not in ACCEPT_WORDS:
        return "", [f"accept {accept!r} is not a yes (y, yes, x, 1): leave it empty to decide later"]
    if not current:
        return "", ["accept is marked but the line has no current_value to accept: type corrected_value"]
    if corrected and parse_number(corrected) != parse_number(current):
        return "", [f"accept is marked and corrected_value {corrected!r} differs from current_value "
                    f"{current!r}: keep one of them"]
    return current, []


def _far_off(ref: str, month: str, value: float, held: dict) -> str:
    """Why the value is far outside the indicator's neighbouring months, or ''."""
    from ..printed.months import month_add
    near = []
    for k in range(-JUMP_MONTHS, JUMP_MONTHS + 1):
        got = held.get((ref, month_add(month, k))) if k else None
        if got and got[0] is not None and got[2] in ("ok", "corrected"):
            near.append(got[0])
    if len(near) < JUMP_MIN_NEIGHBOURS:
        return ""
    lo, hi = min(near), max(near)
    mid = sorted(near)[len(near) // 2]
    room = max(hi - lo, 0.5 * abs(mid), 1.0)     # the row's own spread, or half its level
    if lo - room <= value <= hi + room:
        return ""
    return f"{value:g} is far outside the neighbouring months ({lo:g} to {hi:g})"


def apply_review(review_csv_path: str | Path, store: Store) -> ApplyResult:
    path = Path(review_csv_path)
    wanted, skipped = _validate(path, store)
    if not wanted:
        return ApplyResult(str(path), (), skipped)
    held = store.series()
    warnings = []
    for (ref, month), (line, value, _, _) in sorted(wanted.items(), key=lambda kv: kv[1][0]):
        why = _far_off(ref, month, value, held)
        if why:
            warnings.append(f"{path.name} line {line}: {ref} {month} corrected to {why}; applied, "
                            "check it (apply the file again with the right value to replace it)")
    evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
    for o in store.observations():
        if o.ref and (o.ref, o.month) in wanted:
            evidence[(o.ref, o.month)].append(f"{o.file_hash or o.source}:{'' if o.value is None else f'{o.value:g}'}")
    at = now_iso()
    applied = []
    for (ref, month), (_, value, note, current) in sorted(wanted.items()):
        prev_value, prev_status = None, "review"
        if (ref, month) in held:
            prev_value, _, prev_status = held[(ref, month)]
        elif current:
            prev_value = parse_number(current)
        applied.append(Correction(ref, month, value, prev_value, prev_status, at, note,
                                  ";".join(sorted(set(evidence[(ref, month)])))))
    with store.transaction():
        for c in applied:
            store.add_correction(c)
    return ApplyResult(str(path), tuple(applied), skipped, tuple(warnings))
