"""One way to score every input - a PDF of any renderer and layer, or the text a tool extracted from
one - against the cells its PDF printed (golden/printed*.csv, written from the truth).

Each printed month cell falls in exactly one class:
  exact      an observation with the right ref and month has the printed status and value
  wrong ok   otherwise, an observation with status ok and another value (the error that matters)
             - 'sure' counts those whose confidence is >= the series' ok threshold (0.95)
  flagged    otherwise, an observation exists but says unreadable (or missing for a printed value)
  not found  no observation with that ref and month
Besides: observations written without a canonical ref, rows left unmatched, and seconds per page.

A PDF's observations are matched on (file, page, ref, month). Extracted text has no trustworthy
page numbers (pypdf and pdfplumber text has no page breaks), so its observations are matched on
(ref, month) within the file; a (ref, month) that a pack prints twice (a table and a dashboard)
prints the same value both times.

'Intact' (OCR'd text only): a printed month value is intact when its printed text appears as a
whole token (split on white space and '|', outer brackets/quotes stripped) in tesseract's text of
that page, counted with multiplicity: if a page prints '12' five times and the OCR text holds
'12' three times, three of those cells are intact. 'recovered of intact' = for each printed string
on a page, min(exact cells, intact cells), summed, over the intact cells.
"""
from __future__ import annotations

import csv
import gzip
import os
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpus"))

OK_AT = 0.95


# --- the truth ----------------------------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    if not path.exists() and Path(str(path) + ".gz").exists():
        with gzip.open(str(path) + ".gz", "rt", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _golden(holdout: bool | Path, name: str) -> list[Path]:
    """The truth files of one kind: golden/ (both renderers), golden/holdout/, or a folder that
    corpus/make.py rendered (a check set), whose .meta/ holds the cells it printed."""
    g = ROOT / "golden"
    if isinstance(holdout, Path):
        return [holdout / ".meta" / f"{name}.csv"]
    return [g / "holdout" / f"{name}.csv"] if holdout else [g / f"{name}.csv", g / f"{name}_lo.csv"]


def golden_printed(holdout: bool | Path = False) -> dict[str, list[dict]]:
    """{PDF file name: its printed month cells}, both renderers (or the holdout's, or a rendered
    folder's own: see _golden)."""
    names = _golden(holdout, "printed")
    out: dict[str, list[dict]] = defaultdict(list)
    seen = set()
    for n in names:
        for r in _read(n):
            key = (r["source"], r["page"], r["ref"], r["month"], r["kind"])
            if r["set"] == "demo" or key in seen:   # demo files re-render full-set packs
                continue
            seen.add(key)
            out[r["source"]].append(r)
    return out


def golden_pages(holdout: bool | Path = False) -> dict[str, list[dict]]:
    names = _golden(holdout, "pages")
    out: dict[str, list[dict]] = defaultdict(list)
    for n in names:
        for r in _read(n):
            if r["set"] != "demo":
                out[r["source"]].append(r)
    return out


def dashboard_only(cells: list[dict]) -> list[dict]:
    """A pack's dashboard cells whose month its tables do not print (the 13-month dashboard row
    reaches further back than the 7-month sheet): only a dashboard reader can give them."""
    table = {(c["ref"], c["month"]) for c in cells if c["kind"] == "table"}
    return [c for c in cells if c["kind"] == "dashboard" and (c["ref"], c["month"]) not in table]


# --- reading ------------------------------------------------------------------------------------

def read_files(files: list[str], ocr: bool = True, workers: int = 1, cache_dir: str | None = None,
               pages: dict[str, set[int]] | None = None, cpu: list[float] | None = None):
    """(PackRead list, error lines, seconds) through the whole reading pipeline. The seconds are
    the wall time of the whole read (imports and the register loaded before the clock starts):
    per-pack times overlap when pages are OCR'd in a pool. pages: only these scanned pages of
    each file ({file name: page numbers}). cpu: a list the read's CPU seconds are appended to,
    this process's and its workers' (which have ended when the pool closes)."""
    from recover.pipeline import Settings, open_all, read_sources
    from recover.register import load_register
    register = load_register()
    t0, c0 = time.perf_counter(), cpu_seconds()
    sources, errors = open_all(files)
    packs, errs = read_sources(sources, Settings(ocr=ocr, workers=workers, cache_dir=cache_dir), register,
                               pages=pages)
    secs = time.perf_counter() - t0
    if cpu is not None:
        cpu.append(cpu_seconds() - c0)
    return packs, [e.line() for e in errors + errs], secs


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (OCR workers, tesseract)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def read_page_list(path: Path) -> dict[str, set[int]]:
    """{file name: page numbers} from a CSV with columns source,page ('#' lines are comments)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(ln for ln in f if ln.strip() and not ln.startswith("#")))
    out: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        out[r["source"]].add(int(r["page"]))
    return dict(out)


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Tally:
    inputs: int = 0
    printed: int = 0
    exact: int = 0
    wrong_ok: int = 0
    wrong_sure: int = 0
    flagged: int = 0
    not_found: int = 0
    obs: int = 0
    unmatched_values: int = 0   # values of rows identification left unmatched (unmatched.csv)
    rows: int = 0
    rows_unmatched: int = 0
    pages: int = 0
    seconds: float = 0.0
    intact: int = 0
    intact_recovered: int = 0
    errors: list = field(default_factory=list)
    misses: list = field(default_factory=list)

    def add(self, o: "Tally") -> None:
        for k, v in vars(o).items():
            if isinstance(v, list):
                getattr(self, k).extend(v)
            else:
                setattr(self, k, getattr(self, k) + v)

    def worst_misses(self, n: int) -> list:
        """The first n misses, worst class first (wrong and sure, wrong ok, not found, flagged), in
        reading order within a class: a wrong value with status ok is the defect to see first."""
        return sorted(self.misses, key=lambda m: MISS_ORDER.get(m[5], len(MISS_ORDER)))[:n]

    def pct(self, n: int, d: int | None = None) -> str:
        d = self.printed if d is None else d
        return f"{100.0 * n / d:.2f}" if d else "-"

    @property
    def s_page(self) -> str:
        return f"{self.seconds / self.pages:.3f}" if self.pages else "-"


MISS_ORDER = {"wrong_sure": 0, "wrong_ok": 1, "not_found": 2, "flagged": 3}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


def classify(cell: dict, obs: list) -> str:
    """One printed cell's outcome. A wrong value with status ok counts as wrong even when another
    reading of the same cell is right: observations.csv holds both, and a user sees the wrong one."""
    want = float(cell["value"]) if cell["value"] not in ("", None) else None
    wrong_ok = [o for o in obs if o.status == "ok" and not _same(o.value, want)]
    if wrong_ok:
        return "wrong_sure" if any(o.confidence >= OK_AT for o in wrong_ok) else "wrong_ok"
    if any(o.status == cell["status"] and _same(o.value, want) for o in obs):
        return "exact"
    return "flagged" if obs else "not_found"


def tally_refused(source: str, cells: list[dict], n_pages: int) -> Tally:
    """An input the tool refused: every cell it printed is lost - counted not found, and listed
    among the misses like any other (a list of misses compared between commits must see them)."""
    t = Tally(inputs=1, printed=len(cells), not_found=len(cells), pages=n_pages)
    t.misses = [(source, c["page"], c["ref"], c["month"], c["printed"], "not_found", "the input was refused")
                for c in cells]
    return t


def tally_pack(pack, cells: list[dict], by_page: bool, n_pages: int) -> tuple[Tally, dict[int, Counter]]:
    """Score one read input against its PDF's printed cells. Returns the tally and, per page,
    how many cells of each printed string came out exact (for the intact measure)."""
    t = Tally(inputs=1, pages=n_pages)
    got = defaultdict(list)
    for o in pack.observations:
        t.obs += 1
        if not o.ref:             # its row is unmatched: unmatched.csv holds it, observations.csv never
            t.unmatched_values += 1
            continue
        got[(o.page if by_page else 0, o.ref, o.month)].append(o)
    t.rows = len(pack.rows)
    t.rows_unmatched = sum(1 for r in pack.rows if not r.ref)
    exact_by_page: dict[int, Counter] = defaultdict(Counter)
    for c in cells:
        t.printed += 1
        key = (int(c["page"]) if by_page else 0, c["ref"], c["month"])
        cls = classify(c, got.get(key, []))
        if cls == "exact":
            t.exact += 1
            exact_by_page[int(c["page"])][c["printed"]] += 1
            continue
        if cls == "wrong_sure":
            t.wrong_ok += 1
            t.wrong_sure += 1
        else:
            setattr(t, cls, getattr(t, cls) + 1)
        obs = got.get(key, [])
        t.misses.append((pack.source, c["page"], c["ref"], c["month"], c["printed"], cls,
                         [(o.raw, o.status, round(o.confidence, 2)) for o in obs[:2]]))
    return t, exact_by_page


# --- intact values in OCR text ------------------------------------------------------------------

TOKEN_STRIP = "|[](){}'\"\u2018\u2019\u201c\u201d,;:"


def tokens(text: str) -> Counter:
    return Counter(w.strip(TOKEN_STRIP) for w in re.split(r"[\s|]+", text) if w.strip(TOKEN_STRIP))


def ocr_page_texts(path: Path, ocr_pages: list[int]) -> dict[int, str]:
    """{PDF page: tesseract's text of it} from a tesseract-psm6/-psm3 .txt (pages split by form
    feeds, in the order they were OCR'd) or a tesseract TSV (page_num column)."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".tsv":
        out: dict[int, list[str]] = defaultdict(list)
        for ln in raw.splitlines()[1:]:
            f = ln.split("\t")
            if len(f) >= 12 and f[11].strip():
                out[int(f[1])].append(f[11])
        return {p: " ".join(ws) for p, ws in out.items()}
    chunks = raw.split("\f")
    return {p: chunks[k] for k, p in enumerate(ocr_pages) if k < len(chunks)}


def intact(cells: list[dict], page_text: dict[int, str], exact_by_page: dict[int, Counter]) -> tuple[int, int]:
    """(intact cells, intact cells recovered exact) of one OCR'd file."""
    n_int = n_rec = 0
    by_page: dict[int, Counter] = defaultdict(Counter)
    for c in cells:
        if c["printed"]:
            by_page[int(c["page"])][c["printed"]] += 1
    for page, printed in by_page.items():
        toks = tokens(page_text.get(page, ""))
        for s, n in printed.items():
            k = min(n, toks.get(s, 0))
            n_int += k
            n_rec += min(k, exact_by_page.get(page, Counter()).get(s, 0))
    return n_int, n_rec


# --- printing -----------------------------------------------------------------------------------

def print_table(title: str, header: list[str], rows: list[list], note: str = "") -> None:
    cells = [header] + [[str(x) for x in r] for r in rows]
    widths = [max(len(r[k]) for r in cells) for k in range(len(header))]
    print(f"\n{title}")
    for n, r in enumerate(cells):
        print("  " + "  ".join(x.ljust(w) if k == 0 else x.rjust(w) for k, (x, w) in enumerate(zip(r, widths))))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))
    if note:
        print(f"  {note}")


DETAIL = ["inputs", "printed", "exact%", "wrong ok (sure)", "flagged", "not found", "unmatched values",
          "rows unmatched", "s/page"]
DETAIL_NOTE = ("unmatched values: values of the rows identification left unmatched (unmatched.csv; "
               "observations.csv holds none)")


def detail_row(label: list[str], t: Tally) -> list:
    return label + [t.inputs, t.printed, t.pct(t.exact), f"{t.wrong_ok} ({t.wrong_sure})", t.flagged,
                    t.not_found, t.unmatched_values, f"{t.rows_unmatched}/{t.rows}", t.s_page]


def summary(t: Tally | None) -> str:
    if t is None or not t.printed:
        return "-"
    return f"{t.pct(t.exact)} ({t.wrong_ok})"


def env_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))
