"""Packs from printed figures, and realistic read errors, for measuring reconciliation.

bench/bench_reconcile.py builds PackRead records from golden/printed.csv (every month cell every
generated pack prints) and golden/rows_printed.csv (the row's % changes, 12-month average and max),
then corrupts a share of the readings the way OCR does — 8 read as 3, 1 as 7, a lost decimal point
(4.4 -> 44), a lost digit — mostly with the low confidence tesseract gives such reads, some with a
high one (the case only the arithmetic checks can catch). Tests use the same builders on small,
hand-made series.
"""
from __future__ import annotations

import csv
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from recover.model import Extra, Observation, PackRead, RowRecord
from recover.printed.numbers import parse_change, parse_value

EXTRA_LABELS = {"pct_prev": "% change from previous month", "pct_year": "% change from same month prev. yr",
                "avg12": "12 month average", "max12": "12-mnth max value"}
CONFUSIONS = {"8": "3", "3": "8", "1": "7", "7": "1", "5": "6", "6": "5", "0": "8", "9": "8"}


def file_hash(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def method_of(variant: str) -> str:
    v = (variant or "").lower()
    if any(k in v for k in ("scan", "ocr", "image", "png", "jpg", "tif")):
        return "ocr"
    if any(k in v for k in ("txt", "text-file", "extract", "md", "html", "tsv")):
        return "extracted-text"
    return "text-layer"


# ---- building packs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PrintedCell:
    pack: str
    source: str
    page: int
    kind: str
    ref: str
    month: str
    printed: str
    method: str
    variant: str = ""


def observation(cell: PrintedCell, row_id: str, conf: float = 1.0, printed: str | None = None) -> Observation:
    text = cell.printed if printed is None else printed
    v = parse_value(text)
    return Observation(pack=cell.pack, source=cell.source, page=cell.page, ref=cell.ref, month=cell.month,
                       raw=text, value=v.value, status=v.status, confidence=conf, method=cell.method,
                       decimals=v.decimals, row_id=row_id, file_hash=file_hash(cell.source))


def extra(role: str, printed: str, conf: float = 1.0) -> Extra:
    v = parse_change(printed) if role.startswith("pct") else parse_value(printed)
    return Extra(role, EXTRA_LABELS.get(role, role), printed, v.value, conf)


def row_id_for(source: str, page: int, ref: str, kind: str = "table") -> str:
    return f"{file_hash(source)[:12]}:{page}:{kind}:{ref}"


def build_packs(cells: list[Observation], rows: list[RowRecord]) -> list[PackRead]:
    """Group observations and rows by file into PackRead records."""
    obs_by: dict[str, list[Observation]] = defaultdict(list)
    rows_by: dict[str, list[RowRecord]] = defaultdict(list)
    for o in cells:
        obs_by[o.source].append(o)
    for r in rows:
        rows_by[r.source].append(r)
    packs = []
    for source, obs in obs_by.items():
        months = {o.month for o in obs}
        p = max(o.pack for o in obs)
        packs.append(PackRead(source=source, path=source, file_hash=file_hash(source), pack=p, window=len(months),
                              pages=(), rows=tuple(rows_by.get(source, ())), observations=tuple(obs),
                              method=obs[0].method))
    return sorted(packs, key=lambda k: (k.pack, k.source))


def load_printed(golden: Path, set_name: str = "full") -> tuple[list[PrintedCell], dict[tuple[str, int, str], dict[str, str]]]:
    """Printed cells and rows of one corpus set; a page's layer (pages.csv) says how it was read."""
    layers: dict[tuple[str, int], str] = {}
    pages = golden / "pages.csv"
    if pages.exists():
        with open(pages, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r.get("set", set_name) == set_name:
                    layers[(r["source"], int(r["page"]))] = r.get("layer", "")
    cells = []
    with open(golden / "printed.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r.get("ref") or r.get("set", set_name) != set_name:
                continue
            page = int(r.get("page") or 0)
            layer = layers.get((r["source"], page), "")
            method = "ocr" if layer == "image" else "text-layer" if layer == "text" else method_of(r.get("variant", ""))
            cells.append(PrintedCell(r["pack"], r["source"], page, r.get("kind") or "table",
                                     r["ref"], r["month"], r["printed"], method, r.get("variant", "")))
    rows: dict[tuple[str, int, str], dict[str, str]] = {}
    path = golden / "rows_printed.csv"
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r.get("ref") and r.get("set", set_name) == set_name:
                    rows[(r["source"], int(r.get("page") or 0), r["ref"])] = r
    return cells, rows


def load_truth(golden: Path) -> dict[tuple[str, str], tuple[float | None, str]]:
    out = {}
    with open(golden / "truth.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            v = float(r["value"]) if r.get("value") not in (None, "") else None
            out[(r["ref"], r["month"])] = (v, r["status"])
    return out


def load_revisions(golden: Path) -> dict[tuple[str, str], tuple[float, str, float]]:
    out = {}
    path = golden / "truth_revisions.csv"
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out[(r["ref"], r["month"])] = (float(r["provisional_value"]), r["last_provisional_pack"],
                                               float(r["final_value"]))
    return out


# ---- read errors ----------------------------------------------------------------------------------
def misread(text: str, rng: random.Random) -> str | None:
    """One OCR-typical error in a printed number, or None when the text offers none."""
    kinds = []
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if any(text[i] in CONFUSIONS for i in digits):
        kinds += ["swap"] * 3
    if "." in text:
        kinds += ["point"] * 2
    if len(digits) >= 2:
        kinds += ["drop"]
    if not kinds:
        return None
    kind = rng.choice(kinds)
    if kind == "swap":
        i = rng.choice([i for i in digits if text[i] in CONFUSIONS])
        return text[:i] + CONFUSIONS[text[i]] + text[i + 1:]
    if kind == "point":
        return text.replace(".", "", 1)
    i = rng.choice(digits)
    out = text[:i] + text[i + 1:]
    return out if any(ch.isdigit() for ch in out) else None


@dataclass(frozen=True)
class ErrorModel:
    """Shares and confidences of simulated misreads, per reading method (and scan resolution: the lab
    notes measured 84-86% of cells exact at 200 dpi, ~99-100% at 300 dpi)."""
    p_misread: tuple[tuple[str, float], ...] = (("ocr", 0.03), ("ocr@200", 0.12), ("extracted-text", 0.01),
                                               ("text-layer", 0.0005))
    p_confident: float = 0.15          # share of misreads the reader is sure of
    p_extra_misread: float = 0.01      # % changes / avg / max misread too
    seed: int = 7

    def rate(self, method: str, variant: str = "") -> float:
        rates = dict(self.p_misread)
        if method == "ocr" and "200" in variant and "ocr@200" in rates:
            return rates["ocr@200"]
        return rates.get(method, 0.03)


def read_confidence(method: str, wrong: bool, confident: bool, rng: random.Random) -> float:
    if method == "text-layer":
        return 1.0 if not wrong or confident else rng.uniform(0.5, 0.9)
    if method == "extracted-text":
        # text extracted by someone else's OCR carries no confidence: every cell looks the same
        return 0.9
    if not wrong:
        return rng.uniform(0.82, 0.97) if rng.random() > 0.05 else rng.uniform(0.5, 0.82)
    return rng.uniform(0.85, 0.96) if confident else rng.uniform(0.25, 0.8)


def corrupt(cell: PrintedCell, row_id: str, model: ErrorModel, rng: random.Random) -> tuple[Observation, bool]:
    """The reading a reader would produce: usually right, sometimes an OCR-style misread."""
    wrong_text = misread(cell.printed, rng) if rng.random() < model.rate(cell.method, cell.variant) else None
    confident = wrong_text is not None and rng.random() < model.p_confident
    conf = read_confidence(cell.method, wrong_text is not None, confident, rng)
    return observation(cell, row_id, conf, wrong_text), wrong_text is not None


def corrupt_extra(e: Extra, method: str, model: ErrorModel, rng: random.Random) -> Extra:
    if rng.random() >= model.p_extra_misread * (1 if method == "ocr" else 0.3):
        return replace(e, conf=read_confidence(method, False, False, rng))
    bad = misread(e.raw, rng)
    if bad is None:
        return e
    fresh = extra(e.role, bad)
    return replace(fresh, label=e.label, conf=read_confidence(method, True, rng.random() < model.p_confident, rng))


def simulate_packs(cells: list[PrintedCell], rows: dict[tuple[str, int, str], dict[str, str]],
                   model: ErrorModel) -> tuple[list[PackRead], int]:
    """PackRead records as readers would deliver them; returns them and the number of misreads made."""
    rng = random.Random(model.seed)
    obs, wrong = [], 0
    row_keys: dict[str, tuple[PrintedCell, str]] = {}
    for c in cells:
        rid = row_id_for(c.source, c.page, c.ref, c.kind)
        row_keys.setdefault(rid, (c, c.kind))
        o, bad = corrupt(c, rid, model, rng)
        obs.append(o)
        wrong += bad
    records = []
    for rid, (c, kind) in row_keys.items():
        printed = rows.get((c.source, c.page, c.ref), {}) if kind == "table" else {}
        extras = tuple(corrupt_extra(extra(role, printed[role]), c.method, model, rng)
                       for role in EXTRA_LABELS if printed.get(role, "").strip())
        records.append(RowRecord(row_id=rid, pack=c.pack, source=c.source, page=c.page, ref=c.ref, ref_printed=c.ref,
                                 title_printed=printed.get("title", ""), match_score=1.0, match_why="simulated",
                                 owner=printed.get("owner", ""), reporter=printed.get("reporter", ""),
                                 commentary=printed.get("commentary", ""), extras=extras, method=c.method,
                                 file_hash=file_hash(c.source)))
    return build_packs(obs, records), wrong


# ---- small hand-made packs (tests) -------------------------------------------------------------------
def _round_half_up(x: float, nd: int = 0) -> float:
    from decimal import ROUND_HALF_UP, Decimal
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-nd), rounding=ROUND_HALF_UP))


def printed_extras(view: dict[str, str], pack: str) -> dict[str, str]:
    """% changes, 12-month average and max as a pack prints them, from the values it knows."""
    from recover.printed.months import month_add
    vals = {m: parse_value(t) for m, t in view.items()}

    def num(m):
        v = vals.get(m)
        return v.value if v is not None and v.value is not None else None
    out = {}
    pct = "%" if any(v.is_percent for v in vals.values()) else ""
    d = max((v.decimals or 0) for v in vals.values() if v.value is not None)
    for role, back in (("pct_prev", 1), ("pct_year", 12)):
        a, b = num(pack), num(month_add(pack, -back))
        if a is not None and b:
            out[role] = f"{_round_half_up((a - b) / b * 100):.0f}%"
    last12 = [num(month_add(pack, -k)) for k in range(12)]
    if all(x is not None for x in last12):
        out["avg12"] = f"{_round_half_up(sum(last12) / 12, d):.{d}f}{pct}"
        out["max12"] = f"{max(last12):.{d}f}{pct}"
    return out


def make_pack(pack: str, source: str, view: dict[str, dict[str, str]], window: int, method: str = "text-layer",
              conf: float = 1.0, misreads: dict | None = None, with_extras: bool = True,
              extras_override: dict | None = None) -> PackRead:
    """A pack printing `window` months up to `pack` for each ref of view ({ref: {month: printed}}).
    misreads {(ref, month): (text, conf)} replace what the reader got; extras are computed from the
    true view, as the council's spreadsheet did."""
    from recover.printed.months import month_range
    misreads = misreads or {}
    obs, rows = [], []
    for ref, series in view.items():
        rid = row_id_for(source, 1, ref)
        for m in month_range(pack, window):
            if m not in series:
                continue
            cell = PrintedCell(pack, source, 1, "table", ref, m, series[m], method)
            text, c = misreads.get((ref, m), (None, conf))
            obs.append(observation(cell, rid, c, text))
        printed = printed_extras(series, pack) if with_extras else {}
        printed.update((extras_override or {}).get(ref, {}))
        rows.append(RowRecord(row_id=rid, pack=pack, source=source, page=1, ref=ref, ref_printed=ref,
                              title_printed=f"title of {ref}", match_score=1.0, match_why="exact ref",
                              extras=tuple(extra(r, t, conf) for r, t in printed.items()), method=method,
                              file_hash=file_hash(source)))
    return build_packs(obs, rows)[0]
