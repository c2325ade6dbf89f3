"""OCR reader against the corpus truth: month cells exact per pack, confident wrong values, time.

    .venv/bin/python bench/bench_ocr.py corpus/full --variants scan300,scan200 [--jobs 2] [--packs 2019-06]
    .venv/bin/python bench/bench_ocr.py corpus/demo

Reads every page that printed.csv lists for the chosen scanned variants with
recover.readers.ocr.read_scanned_page (worker processes, OMP_THREAD_LIMIT=1), then compares each
printed month cell with the Grid: the row is found by its ref cell's text (a local helper: the
register/table stage is not used here), the month by the header label above the column. A
second pass over the same pages with the same cache directory measures the cache speed-up.

Figures printed:
  exact %      printed month cells whose cell text equals the printed text
  wrong        cells where a value was read that differs from the printed one with conf >= 0.8
               (and >= 0.5 in brackets): the 'silent wrong number' rate
  s/page       wall time of one page inside its worker (one page per core at a time)
  cpu/page     CPU seconds of that page (what it costs when the machine is shared)
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HIGH = 0.8


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def _read(args):
    path, page_index, source, cache_dir = args
    from recover.readers.ocr import read_scanned_page
    t, c = time.time(), time.process_time()
    grids = read_scanned_page(path, page_index, source, cache_dir=cache_dir)
    return source, page_index + 1, grids, time.time() - t, time.process_time() - c


def _norm_ref(text: str) -> str:
    return re.sub(r"[^A-Z0-9%]", "", (text or "").upper().replace("O", "0").replace("I", "1").replace("L", "1"))


def month_columns(grid):
    """{col: 'YYYY-MM'} from the header row (month labels repaired as the table stage would)."""
    from recover.printed.months import parse_month, repair_sequence
    hr = grid.meta.header_row
    if hr is None:
        return {}, None
    row = grid.rows()[hr]
    cols = [c for c in row]
    parsed = [parse_month(c.text) for c in cols]
    idx = [i for i, p in enumerate(parsed) if p]
    if not idx:
        return {}, hr
    lo, hi = idx[0], idx[-1]
    seq, _ = repair_sequence(parsed[lo:hi + 1])
    return {cols[lo + k].col: m for k, m in enumerate(seq) if m}, hr


def ref_column(grid, hr) -> int:
    row = grid.rows()[hr]
    for c in row:
        if re.match(r"^\s*ref", c.text, re.I):
            return c.col
    return 0


def _align(read: list[str], gold: list[str]) -> dict[int, str]:
    """Order-preserving alignment of read ref texts to the printed refs (both top to bottom),
    maximising text similarity: a misread ref ('MS' for 'M5') still lands on its row, and two
    refs that differ by case only ('EH3b%', 'EH3d%') cannot swap."""
    from rapidfuzz import fuzz
    n, m = len(read), len(gold)
    gap = 0.0
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = -1e9, None
            if i > 0 and j > 0:
                sim = fuzz.ratio(_norm_ref(read[i - 1]), _norm_ref(gold[j - 1])) / 100.0
                sim += 0.05 if read[i - 1].replace(" ", "") == gold[j - 1].replace(" ", "") else 0.0
                if sim >= 0.4 and score[i - 1][j - 1] + sim > best:
                    best, arg = score[i - 1][j - 1] + sim, "d"
            if i > 0 and score[i - 1][j] + gap > best:
                best, arg = score[i - 1][j] + gap, "u"
            if j > 0 and score[i][j - 1] + gap > best:
                best, arg = score[i][j - 1] + gap, "l"
            score[i][j], back[i][j] = best, arg
    out = {}
    i, j = n, m
    while i > 0 or j > 0:
        a = back[i][j]
        if a == "d":
            out[i - 1] = gold[j - 1]
            i, j = i - 1, j - 1
        elif a == "u":
            i -= 1
        else:
            j -= 1
    return out


def locate(grids, gold_rows):
    """{(ref, month): Cell} for the printed refs of one page (gold_rows in print order)."""
    out = {}
    entries = []      # (ref text, row cells, month columns) in page order
    entry_roles = []
    for g in grids:
        mcols, hr = month_columns(g)
        if not mcols:
            continue
        rc = ref_column(g, hr)
        roles = extra_columns(g, hr)
        title = (g.meta.title or "").split()
        for r in g.rows()[hr + 1:]:
            by_col = {c.col: c for c in r}
            text = by_col[rc].text if rc in by_col else ""
            if g.kind == "dashboard" and title:
                # the chart title's ref: the tiny label cell is often garbled ('Ml', 'LACL3')
                text = title[0].rstrip(":-")
            if text.strip():
                entries.append((text, by_col, mcols))
                entry_roles.append(roles)
    placed = _align([e[0] for e in entries], gold_rows)
    extras = {}
    for k, (_, by_col, mcols) in enumerate(entries):
        ref = placed.get(k)
        if ref is None:
            continue
        for col, month in mcols.items():
            if col in by_col:
                out[(ref, month)] = by_col[col]
        for role, col in entry_roles[k].items():
            if col in by_col:
                extras[(ref, role)] = by_col[col]
    return out, len(entries) - len(placed), extras


def extra_columns(grid, hr) -> dict[str, int]:
    """Columns of the % changes and 12-month figures, by their header text."""
    out, pct = {}, []
    for c in grid.rows()[hr]:
        t = c.text.lower()
        if "%" in t or "change" in t:
            pct.append(c.col)
        elif re.search(r"avg|average", t):
            out.setdefault("avg12", c.col)
        elif "max" in t:
            out.setdefault("max12", c.col)
    for role, col in zip(("pct_prev", "pct_year"), pct):
        out[role] = col
    return out


def load_truth(corpus: Path, variants, packs):
    gold = defaultdict(dict)        # (source, page) -> {(ref, month): printed}
    order = defaultdict(dict)       # (source, page) -> {ref: top y}: print order of the rows
    info = {}
    for cand in (corpus / ".meta" / "printed.csv", corpus / "printed.csv", ROOT / "golden" / "printed.csv"):
        if cand.exists():
            break
    present = {p.name for p in corpus.glob("*.pdf")}
    with open(cand, newline="") as f:
        for r in csv.DictReader(f):
            if r["variant"] not in variants or (packs and r["pack"] not in packs):
                continue
            if r["source"] not in present:
                continue
            gold[(r["source"], int(r["page"]))][(r["ref"], r["month"])] = r["printed"]
            x, y = (float(v) for v in r["box"].split(",")[:2]) if r["box"] else (0.0, 0.0)
            # dashboards sit three to a band: order by band, then left to right
            order[(r["source"], int(r["page"]))].setdefault(r["ref"], (round(y / 40), x))
            info[r["source"]] = (r["pack"], r["variant"])
    rows_file = cand.parent / "rows_printed.csv"
    extras = {}
    if rows_file.exists():
        with open(rows_file, newline="") as f:
            for r in csv.DictReader(f):
                if r["source"] in present and r["variant"] in variants:
                    for role in ("pct_prev", "pct_year", "avg12", "max12"):
                        extras[(r["source"], int(r["page"]), r["ref"], role)] = r[role]
    return gold, info, order, extras


def reference_ms(reads: int = 40) -> float:
    """CPU ms of one tesseract read of a fixed synthetic line (one thread). This VM's speed
    drifts ~15% over a day; the same figure printed beside s/page says which moment a run had."""
    import cv2
    import numpy as np
    from recover.readers.ocr.engine import default_engine
    os.environ["OMP_THREAD_LIMIT"] = "1"
    img = np.full((60, 900), 255, np.uint8)
    cv2.putText(img, "Rate of children per 10,000 aged 0-17: 42.5%", (10, 42), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    eng = default_engine()
    eng.read(img)
    c = time.process_time()
    for _ in range(reads):
        eng.read(img)
    return 1000 * (time.process_time() - c) / reads


def run(pages, jobs: int, cache_dir: str):
    t = time.time()
    results = []
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker) as ex:
        for res in ex.map(_read, [(str(p), i - 1, s, cache_dir) for p, s, i in pages]):
            results.append(res)
    return results, time.time() - t


def _drawn(printed: str) -> str:
    """What a printed extra looks like on paper: the packs' Wingdings right arrow is stored as
    the private-use character U+F0E8, and an image of it can only read as '→'."""
    return printed.replace("\uf0e8", "→")


def score(results, gold, info, order, extras_truth):
    from recover.printed.numbers import parse_value
    per = defaultdict(lambda: defaultdict(float))
    misses = []
    x_misses = score.x_misses = []
    for source, page, grids, secs, cpu in results:
        want = gold[(source, page)]
        ys = order[(source, page)]
        refs = sorted(ys, key=lambda r: ys[r])
        got, unplaced, extras = locate(grids, refs)
        for (ref, role), cell in extras.items():
            want_x = extras_truth.get((source, page, ref, role))
            if want_x is not None:
                per[info[source]]["x_cells"] += 1
                ok = " ".join(cell.text.split()) == " ".join(_drawn(want_x).split())
                per[info[source]]["x_exact"] += ok
                per[info[source]]["x_wrong"] += (not ok) and cell.conf >= HIGH
                if not ok:
                    x_misses.append((source, page, ref, role, want_x, cell.text, cell.conf))
        key = info[source]
        s = per[key]
        s["pages"] += 1
        s["secs"] += secs
        s["cpu"] += cpu
        s["unplaced"] += unplaced
        for (ref, month), printed in want.items():
            s["cells"] += 1
            cell = got.get((ref, month))
            text = cell.text if cell else None
            if text is not None and " ".join(text.split()) == printed:
                s["exact"] += 1
                continue
            misses.append((key, source, page, ref, month, printed, text, cell.conf if cell else None))
            if cell is None:
                s["lost"] += 1
                continue
            pv, gv = parse_value(text), parse_value(printed)
            if pv.status == "ok" and (gv.status != "ok" or pv.value != gv.value):
                if cell.conf >= HIGH:
                    s["wrong"] += 1
                if cell.conf >= 0.5:
                    s["wrong50"] += 1
    return per, misses


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "corpus" / "full"))
    ap.add_argument("--variants", default="scan300,scan200,mixed")
    ap.add_argument("--packs", default="")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="at most this many pages")
    ap.add_argument("--show", type=int, default=15, help="print this many misses")
    ap.add_argument("--show-extras", type=int, default=0, help="print this many extras misses")
    ap.add_argument("--no-second-run", action="store_true")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    variants = set(a.variants.split(","))
    packs = set(filter(None, a.packs.split(",")))
    gold, info, order, extras_truth = load_truth(corpus, variants, packs)
    pages = sorted({(corpus / s, s, p) for s, p in gold})
    if a.limit:
        pages = pages[:a.limit]
        gold = {k: v for k, v in gold.items() if (corpus / k[0], k[0], k[1]) in pages}
    if not pages:
        print("no scanned pages with printed cells found")
        return 1
    cache_dir = tempfile.mkdtemp(prefix="bench-ocr-cache-")
    try:
        ref0 = reference_ms()
        results, wall = run(pages, a.jobs, cache_dir)
        ref1 = reference_ms()
        per, misses = score(results, gold, info, order, extras_truth)
        print(f"{'pack':8} {'variant':8} {'pages':>5} {'cells':>6} {'exact%':>8} {'lost':>5} "
              f"{'wrong':>9} {'s/page':>7} {'cpu/page':>8}")
        tot = defaultdict(lambda: defaultdict(float))
        for (pack, variant), s in sorted(per.items()):
            print(f"{pack:8} {variant:8} {int(s['pages']):5d} {int(s['cells']):6d} "
                  f"{100 * s['exact'] / max(1, s['cells']):8.2f} {int(s['lost']):5d} "
                  f"{int(s['wrong']):4d} ({int(s['wrong50'])}) {s['secs'] / max(1, s['pages']):7.2f} "
                  f"{s['cpu'] / max(1, s['pages']):8.2f}")
            for k, v in s.items():
                tot[variant][k] += v
        for variant, s in sorted(tot.items()):
            print(f"TOTAL {variant:10}: {int(s['cells'])} cells, exact {100 * s['exact'] / max(1, s['cells']):.2f}%, "
                  f"wrong@{HIGH} {100 * s['wrong'] / max(1, s['cells']):.3f}% "
                  f"(@0.5 {100 * s['wrong50'] / max(1, s['cells']):.3f}%), "
                  f"{s['secs'] / max(1, s['pages']):.2f} s/page in a worker ({s['cpu'] / max(1, s['pages']):.2f} s CPU), "
                  f"unplaced rows {int(s['unplaced'])}; extras (% changes, 12-month avg/max) exact "
                  f"{100 * s['x_exact'] / max(1, s['x_cells']):.1f}% of {int(s['x_cells'])}, "
                  f"{int(s['x_wrong'])} wrong with conf >= {HIGH}")
        print(f"first run: {len(pages)} pages in {wall:.1f} s wall with {a.jobs} workers "
              f"({wall * a.jobs / len(pages):.2f} s/page/core)")
        print(f"machine speed: a reference tesseract read took {ref0:.1f} ms before the run and "
              f"{ref1:.1f} ms after (lower is faster)")
        for m in misses[:a.show]:
            print("  miss", *m)
        for m in score.x_misses[:a.show_extras]:
            print("  extra miss", *m)
        if not a.no_second_run:
            _, wall2 = run(pages, a.jobs, cache_dir)
            print(f"second run (cache): {wall2:.2f} s wall, {wall / max(wall2, 1e-6):.1f}x faster")
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
