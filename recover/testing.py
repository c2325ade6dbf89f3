"""Records as readers deliver them, built from printed text instead of read: for tests, and for
the benchmarks that measure what comes after the readers (reconciliation, checks).

    make_pack(pack, source, {ref: {month: printed}}, window)   a small hand-made pack
    packs_from_printed(cells, rows)                              every pack of the corpus truth
    load_printed / load_truth / load_revisions                   the corpus truth files (golden/)
    printed_row_truth(printed_csv)                               row -> the indicator printed where it was read
    tsv_words / ocr_words, plain_reads                          what tesseract read inside each printed cell

Nothing here reads a PDF: the readings are exactly the printed texts, with the confidences given.
"""
from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from recover.model import Box, Extra, Observation, PackRead, RowRecord
from recover.printed.numbers import parse_change, parse_value

EXTRA_LABELS = {"pct_prev": "% change from previous month", "pct_year": "% change from same month prev. yr",
                "avg12": "12 month average", "max12": "12-mnth max value"}


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


def row_record(rid: str, cell: "PrintedCell", printed: dict[str, str], extras: tuple[Extra, ...]) -> RowRecord:
    """The row a reader delivers for a printed row (ref, title, names, commentary as printed)."""
    return RowRecord(row_id=rid, pack=cell.pack, source=cell.source, page=cell.page, ref=cell.ref,
                     ref_printed=cell.ref, title_printed=printed.get("title", ""), match_score=1.0,
                     match_why="simulated", owner=printed.get("owner", ""), reporter=printed.get("reporter", ""),
                     commentary=printed.get("commentary", ""), extras=extras, method=cell.method,
                     file_hash=file_hash(cell.source))


def packs_from_printed(cells: list["PrintedCell"], rows: dict[tuple[str, int, str], dict[str, str]],
                       reading=None, extra_reading=None) -> list[PackRead]:
    """PackRead records as a reader that reads everything right would deliver them. `reading(cell,
    row_id)` and `extra_reading(extra, method)` may replace each reading (a simulator's misreads)."""
    obs, first = [], {}
    for c in cells:
        rid = row_id_for(c.source, c.page, c.ref, c.kind)
        first.setdefault(rid, c)
        obs.append(reading(c, rid) if reading else observation(c, rid))
    records = []
    for rid, c in first.items():
        printed = rows.get((c.source, c.page, c.ref), {}) if c.kind == "table" else {}
        extras = tuple(extra(role, printed[role]) for role in EXTRA_LABELS if printed.get(role, "").strip())
        if extra_reading:
            extras = tuple(extra_reading(e, c.method) for e in extras)
        records.append(row_record(rid, c, printed, extras))
    return build_packs(obs, records)


# ---- small hand-made packs -------------------------------------------------------------------------
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


# ---- which printed row a read row is --------------------------------------------------------------
ROW_OVERLAP = 0.5


def printed_row_boxes(printed_csv: Path) -> dict:
    """(source, page) -> {ref: box of its printed month cells} for every printed row and block of a
    printed.csv (golden/, or a corpus folder's .meta/)."""
    out: dict = defaultdict(dict)
    with open(printed_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["box"]:
                continue
            key, box = (r["source"], int(r["page"])), Box.parse(r["box"])
            have = out[key].get(r["ref"])
            out[key][r["ref"]] = box if have is None else have.union(box)
    return out


def row_overlap(a: Box, b: Box) -> float:
    """How well a read row and a printed row's month cells line up: the share of the lower one's
    height they have in common (a read row's box may span the whole printed row, ref to last
    column, or only its values), 0 if they do not overlap across the page."""
    if min(a.x1, b.x1) <= max(a.x0, b.x0):
        return 0.0
    inter = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, inter) / max(1e-6, min(a.height, b.height))


def printed_row_truth(printed_csv: Path):
    """row -> the ref printed where the row was read (its box over one printed row's month cells by
    at least ROW_OVERLAP of their height), or None: over none, or over several (a reader that made
    one row of many has no one truth)."""
    boxes = printed_row_boxes(printed_csv)

    def truth(row):
        cands = boxes.get((row.source, row.page), {})
        if row.box is None or not cands:
            return None
        over = [ref for ref, box in cands.items() if row_overlap(row.box, box) >= ROW_OVERLAP]
        return over[0] if len(over) == 1 else None
    return truth


def line_row_truth(rows_csv: Path):
    """row -> the ref a hand-read rows.csv (seed, line, ref: golden/real/) gives the source lines the
    row came from, or None when they name none or several."""
    by_seed: dict = defaultdict(dict)
    with open(rows_csv, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            by_seed[r["seed"]][int(r["line"])] = r["ref"]

    def truth(row):
        if not row.lines:
            return None
        a, _, b = row.lines.partition("-")
        lines = by_seed.get(row.source, {})
        hits = {lines[n] for n in range(int(a), int(b or a) + 1) if n in lines}
        return hits.pop() if len(hits) == 1 else None
    return truth


# ---- what OCR made of printed cells (the calibration bench's measured slips) ----------------------
CONFUSION_COLUMNS = ("variant", "dpi", "source", "page", "ref", "month", "printed", "plain", "plain_conf")


@dataclass(frozen=True)
class OcrWord:
    """A word tesseract read, its box in points of the page (top-left origin), conf 0-100."""
    text: str
    conf: float
    box: Box


def ocr_words(texts, confs, lefts, tops, widths, heights, dpi: int) -> list[OcrWord]:
    """Tesseract's word columns (image_to_data, or one page of its TSV) in pixels at dpi -> words in
    points; its block, line and empty entries (conf -1, no text) dropped."""
    k = 72.0 / dpi
    return [OcrWord(t.strip(), float(c), Box(float(x) * k, float(y) * k, (float(x) + float(w)) * k,
                                             (float(y) + float(h)) * k))
            for t, c, x, y, w, h in zip(texts, confs, lefts, tops, widths, heights)
            if (t or "").strip() and float(c) >= 0]


def tsv_words(tsv_text: str, page: int, dpi: int) -> list[OcrWord]:
    """The words of one page of `tesseract ... tsv` output (one header; page_num as written)."""
    rows = [r for r in csv.DictReader(tsv_text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r["page_num"] == str(page)]
    cols = ("text", "conf", "left", "top", "width", "height")
    return ocr_words(*([r[c] for r in rows] for c in cols), dpi=dpi)


def plain_reads(words: list[OcrWord], cells: list[dict]) -> list[tuple[dict, str, float]]:
    """(printed cell, plain read, confidence 0-1) for each printed cell (a golden printed.csv row with
    a box): the words whose centre falls inside its box, left to right, and their lowest confidence
    (0 when no word fell inside)."""
    out = []
    for cell in cells:
        box = Box.parse(cell["box"])
        inside = sorted((w for w in words if box.x0 <= (w.box.x0 + w.box.x1) / 2 <= box.x1
                         and box.y0 <= (w.box.y0 + w.box.y1) / 2 <= box.y1), key=lambda w: w.box.x0)
        out.append((cell, " ".join(w.text for w in inside), min((w.conf for w in inside), default=0.0) / 100))
    return out
