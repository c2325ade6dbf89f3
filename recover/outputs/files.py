"""One function per output file; numbers are written with the precision the packs printed them."""
from __future__ import annotations

import csv
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..identify.unmatched import write_unmatched
from ..model import RowRecord
from ..reconcile.precision import fmt, infer_decimals
from ..reconcile.records import Reconciled
from ..reconcile.review import parse_number
from .csvio import write_csv
from .packs import COLUMNS as PACK_COLUMNS, summarise_packs
from .report import write_report
from .review import REVIEW_COLUMNS, review_lines, review_row

EXTRA_ROLES = ("pct_prev", "pct_year", "avg12", "max12", "stat_neighbour", "england", "se_region")

SERIES_COLUMNS = ("ref", "title", "unit", "month", "value", "confidence", "status", "n_sources", "sources", "reason")


@dataclass(frozen=True)
class Written:
    out_dir: str
    lines: dict                   # file name -> data lines written
    crops: object = None          # crops.CropStats: pictures made for the review queue
    report: object = None         # report.ReportStats
    queue: tuple = ()             # the review lines (review.ReviewLine), in review.csv's order
    packs: tuple = ()             # packs.PackSummary per file

    def render(self) -> str:
        return "\n".join(f"  {name}: {n} line(s)" for name, n in self.lines.items())


def _conf(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def write_outputs(reconciled: Reconciled, store, out_dir) -> Written:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store.save_series(reconciled.cells)
    rows = store.rows()
    queue, crop_stats = review_lines(reconciled, store, out)
    lines = {
        "observations.csv": write_observations(store, out / "observations.csv"),
        "series.csv": write_series(reconciled, out / "series.csv"),
        "series_wide.csv": write_series_wide(reconciled, out / "series_wide.csv"),
        "review.csv": write_review(queue, out / "review.csv", store),
        "revisions.csv": write_revisions(reconciled, out / "revisions.csv"),
        "commentary.csv": write_commentary(rows, out / "commentary.csv"),
        "unmatched.csv": write_unmatched(store, out / "unmatched.csv"),
        "rows.csv": write_rows(rows, out / "rows.csv"),
    }
    packs = summarise_packs(reconciled, store)
    lines["packs.csv"] = write_csv(out / "packs.csv", PACK_COLUMNS, (tuple(p.as_dict().values()) for p in packs))
    report = write_report(out / "report.html", reconciled, store, queue, packs, cache_dir=out / ".cache",
                          unmatched=lines["unmatched.csv"])
    return Written(str(out), lines, crop_stats, report, tuple(queue), tuple(packs))


def write_observations(store, path: Path) -> int:
    obs = sorted(store.observations(), key=lambda o: (o.pack, o.source, o.page, o.row_id, o.month))
    return write_csv(path, ("pack", "source", "page", "ref", "month", "raw", "value", "status", "confidence",
                            "method", "box", "lines", "row_id"),
                     ((o.pack, o.source, o.page, o.ref or "", o.month, o.raw, fmt(o.value, o.decimals), o.status,
                       _conf(o.confidence), o.method, str(o.box) if o.box else "", o.lines, o.row_id) for o in obs))


def write_series(rec: Reconciled, path: Path) -> int:
    return write_csv(path, SERIES_COLUMNS,
                     ((c.ref, c.title, c.unit, c.month, fmt(c.value, c.decimals), _conf(c.confidence), c.status,
                       c.n_sources, "; ".join(c.sources), c.reason) for c in rec.cells))


def write_series_wide(rec: Reconciled, path: Path) -> int:
    """Only values recover vouches for (ok, corrected); review and missing cells are left empty."""
    months = sorted({c.month for c in rec.cells})
    by_ref: dict[str, dict] = {}
    info: dict[str, tuple[str, str]] = {}
    for c in rec.cells:
        info[c.ref] = (c.title, c.unit)
        if c.status in ("ok", "corrected"):
            by_ref.setdefault(c.ref, {})[c.month] = fmt(c.value, c.decimals)
    return write_csv(path, ("ref", "title", "unit", *months),
                     ((ref, *info[ref], *(by_ref.get(ref, {}).get(m, "") for m in months)) for ref in sorted(info)))


def write_review(queue, path: Path, store) -> int:
    """review.csv: one line per cell a person should decide (see review.py for what a line holds)."""
    _keep_unapplied(path, store)
    return write_csv(path, REVIEW_COLUMNS, (review_row(line) for line in queue))


def _keep_unapplied(path: Path, store) -> None:
    """A reviewer's filled lines that were never applied are copied aside before review.csv is rewritten."""
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            filled = [(r.get("ref", ""), r.get("month", ""),
                       parse_number(r.get("corrected_value") or "" if not (r.get("accept") or "").strip()
                                    else r.get("current_value") or ""))
                      for r in csv.DictReader(f)
                      if (r.get("corrected_value") or "").strip() or (r.get("accept") or "").strip()]
    except (OSError, csv.Error, UnicodeDecodeError):
        filled = [("?", "?", None)]
    applied = {(c.ref, c.month, c.corrected_value) for c in store.corrections()}
    if any(item not in applied for item in filled):
        shutil.copy2(path, path.with_name(f"review.unapplied-{time.strftime('%Y%m%d-%H%M%S')}.csv"))


def write_revisions(rec: Reconciled, path: Path) -> int:
    return write_csv(path, ("ref", "month", "old_value", "old_pack", "new_value", "new_pack"),
                     ((r.ref, r.month, fmt(r.old_value, r.old_decimals), r.old_pack, fmt(r.new_value, r.new_decimals),
                       r.new_pack) for r in rec.revisions))


def _best_rows(rows: list[RowRecord]) -> list[RowRecord]:
    """One row per pack and indicator: a pack read twice (a PDF and its scan) or shown on a dashboard
    page too keeps the fullest, most confident row."""
    best: dict[tuple[str, str], RowRecord] = {}
    for r in rows:
        if not r.ref:
            continue
        key = (r.pack, r.ref)
        score = (bool(r.title_printed) + bool(r.owner) + bool(r.commentary) + len(r.extras), r.confidence)
        old = best.get(key)
        if old is None or score > (bool(old.title_printed) + bool(old.owner) + bool(old.commentary) + len(old.extras),
                                   old.confidence):
            best[key] = r
    return sorted(best.values(), key=lambda r: (r.pack, r.ref))


def write_commentary(rows: list[RowRecord], path: Path) -> int:
    return write_csv(path, ("pack", "ref", "text"),
                     ((r.pack, r.ref, " ".join(r.commentary.split())) for r in _best_rows(rows) if r.commentary.strip()))


def _extra_text(e) -> str:
    """The printed text of an extra, whitespace collapsed."""
    return "" if e is None else " ".join(e.raw.split())


def _extra_number(e) -> str:
    """The number an extra prints, with its printed decimals; empty when it prints none ('Local', '-')."""
    if e is None or e.value is None:
        return ""
    return fmt(e.value, infer_decimals(e.value, e.raw))


def write_rows(rows: list[RowRecord], path: Path) -> int:
    """One line per pack and indicator. Numeric columns hold numbers only (empty when the pack prints
    none there); what was printed is in the matching *_raw column ('↑ -4%', 'Local')."""
    header = ["pack", "source", "page", "ref", "ref_printed", "title_printed", "owner", "reporter", "outcome"]
    for role in EXTRA_ROLES:
        header += [role, f"{role}_raw", f"{role}_conf"]
    header += ["target", "target_label", "targets_raw", "targets_conf", "dot", "percentage_flag", "match_score",
               "row_confidence", "method", "row_id"]

    def line(r: RowRecord):
        out = [r.pack, r.source, r.page, r.ref, r.ref_printed, r.title_printed, " ".join(r.owner.split()),
               " ".join(r.reporter.split()), " ".join(r.outcome.split())]
        for role in EXTRA_ROLES:
            e = r.extra(role)
            out += [_extra_number(e), _extra_text(e), _conf(e.conf) if e else ""]
        targets = [e for e in r.extras if e.role == "target"]
        first = next((e for e in targets if e.value is not None), None)
        out += [_extra_number(first), " ".join(first.label.split()) if first else "",
                "; ".join(f"{' '.join(e.label.split())}: {_extra_text(e)}" for e in targets),
                _conf(min(e.conf for e in targets)) if targets else "",
                _extra_text(r.extra("dot")), _extra_text(r.extra("percentage_flag")),
                f"{r.match_score:.2f}", _conf(r.confidence), r.method, r.row_id]
        return out
    return write_csv(path, header, (line(r) for r in _best_rows(rows)))
