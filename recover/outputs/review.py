"""The review queue as lines a person can decide on their own: review.csv and the report's queue.

Each line is one (ref, month) recover will not vouch for, with where its leading reading is printed
(source, page, box or lines), a picture of it (crops.py), the months printed beside it in the same
row, one short reason, and every candidate value with the box or lines of each of its readings.
The row-level explanation (a 12-month average or a % change that does not add up) is written once,
on the first line of the row; the row's other lines point to it.

Lines are ordered by source and page, then by confidence: the rows whose least sure cell is least
sure come first, a row's months together and in month order.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..model import Box, Observation
from ..reconcile.core import explain_row_note
from ..reconcile.precision import fmt
from ..reconcile.records import Reconciled, ReviewItem, Seen
from ..readers.base import DEFAULT_DPI
from .crops import CropJob, CropStats, make_crops


@dataclass(frozen=True)
class ReviewLine:
    item: ReviewItem
    primary: Seen | None
    row_months: str               # "2021-02=2101 [2021-03=2159] 2021-04=2119": the row as printed
    row_reason: str               # the row-level explanation, on the row's first line only
    image: str = ""               # DIR-relative picture of the primary reading
    other_images: tuple[str, ...] = ()   # pictures of the other candidates' readings

    @property
    def source(self) -> str:
        return self.primary.source if self.primary else ""

    @property
    def page(self) -> str:
        return str(self.primary.page) if self.primary else ""

    @property
    def where(self) -> str:
        return self.primary.where if self.primary else ""

    def candidates_text(self) -> str:
        parts = [c.label() for c in self.item.candidates]
        if self.item.unreadable:
            parts.append("unreadable [" + ", ".join(f"{_quoted(r.raw)} {r.label()}" for r in self.item.unreadable)
                         + "]")
        return " | ".join(parts)


def _quoted(raw: str) -> str:
    return repr(raw) if raw.strip() else "blank"


def _dpi(settings_key: str) -> int:
    m = re.search(r"dpi=(\d+)", settings_key or "")
    return int(m.group(1)) if m else DEFAULT_DPI


def review_lines(rec: Reconciled, store, out_dir, *, pictures: bool = True) -> tuple[list[ReviewLine], CropStats]:
    """The review queue in reading order, with its pictures written into DIR/crops/."""
    by_row: dict[str, list[Observation]] = defaultdict(list)
    for o in store.observations():
        if o.row_id:
            by_row[o.row_id].append(o)
    row_boxes = {r.row_id: r.box for r in store.rows()}
    packs = {p.file_hash: p for p in store.packs()}
    items = sorted(rec.review, key=lambda it: _order(it, by_row))
    lines: list[ReviewLine] = []
    first_line_of_row: dict[str, int] = {}
    row_notes: dict[str, dict[str, None]] = defaultdict(dict)     # every review cell's notes, per row
    for item in items:
        for n in item.row_notes:
            row_notes[_row_key(item)][n] = None
    jobs: list[CropJob] = []
    wanted: list[tuple[int, int]] = []           # (line index, 0 for primary / k for the k-th other)
    for item in items:
        primary = item.primary
        row_obs = by_row.get(primary.row_id, []) if primary else []
        reason = ""
        if item.row_notes:
            key = _row_key(item)
            if key in first_line_of_row:
                reason = f"as on line {first_line_of_row[key]} (same row)"
            else:
                first_line_of_row[key] = len(lines) + 2          # +1 for the header, +1 for 1-based
                reason = "; ".join(explain_row_note(n) for n in row_notes[key])
        lines.append(ReviewLine(item, primary, _row_months(row_obs, item.month), reason))
        for k, seen in enumerate(_pictured(item)):
            pack = packs.get(seen.file_hash)
            if pack is None:
                continue
            cells = tuple(sorted((o.month, o.box) for o in by_row.get(seen.row_id, []) if o.box is not None))
            text = tuple((o.month, o.raw.strip() or "?") for o in sorted(by_row.get(seen.row_id, []),
                                                                           key=lambda o: o.month))
            jobs.append(CropJob(seen, item.ref, item.month, pack.path, row_boxes.get(seen.row_id), cells,
                                _dpi(pack.settings_key), text))
            wanted.append((len(lines) - 1, k))
    stats = CropStats()
    if pictures:
        done, stats = make_crops(jobs, out_dir)
        images: dict[int, dict[int, str]] = defaultdict(dict)
        for j, (line, k) in enumerate(wanted):
            if j in done:
                images[line][k] = done[j]
        lines = [_with_images(line, images.get(i, {})) for i, line in enumerate(lines)]
    return lines, stats


def _row_key(item: ReviewItem) -> str:
    return f"{item.primary.row_id if item.primary else ''}|{item.ref}"


def _with_images(line: ReviewLine, got: dict[int, str]) -> ReviewLine:
    from dataclasses import replace
    return replace(line, image=got.get(0, ""), other_images=tuple(got[k] for k in sorted(got) if k))


def _pictured(item: ReviewItem) -> list[Seen]:
    """The primary reading, then the best reading of each other candidate from another place."""
    out: list[Seen] = []
    places = set()
    groups = [list(c.readings) for c in item.candidates if c.readings]
    if item.unreadable:
        groups.append(list(item.unreadable))
    for readings in groups:
        for r in readings:
            place = (r.file_hash, r.page, str(r.box), r.lines)
            if place not in places:
                places.add(place)
                out.append(r)
                break
    return out


def _order(item: ReviewItem, by_row: dict) -> tuple:
    p = item.primary
    if p is None:
        return ("\uffff", 0, 0.0, "", item.ref, item.month)
    row_conf = min([item.confidence] + [o.confidence for o in by_row.get(p.row_id, []) if o.ref == item.ref])
    return (p.source, p.page, round(row_conf, 4), p.row_id, item.ref, item.month)


def _row_months(row_obs: list[Observation], month: str) -> str:
    parts = []
    for o in sorted(row_obs, key=lambda o: o.month):
        text = fmt(o.value, o.decimals) if o.value is not None else (o.raw.strip() or
                                                                     ("?" if o.status == "unreadable" else "blank"))
        parts.append(f"[{o.month}={text}]" if o.month == month else f"{o.month}={text}")
    return " ".join(parts)


def review_row(line: ReviewLine) -> list:
    it = line.item
    return [line.source, line.page, line.where, it.ref, it.title, it.unit, it.month,
            fmt(it.current_value, it.decimals), f"{it.confidence:.4f}", "", "", "", it.short_reason or it.reason,
            line.row_months, line.image, line.candidates_text(), " | ".join(line.other_images), line.row_reason]


REVIEW_COLUMNS = ("source", "page", "where", "ref", "title", "unit", "month", "current_value", "confidence",
                  "accept", "corrected_value", "note", "reason", "row_months", "image", "candidates",
                  "other_images", "row_reason")

__all__ = ["ReviewLine", "review_lines", "review_row", "REVIEW_COLUMNS", "Box"]
