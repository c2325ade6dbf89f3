"""Render the synthetic committee-pack corpus from its known truth.

  python corpus/make.py --out corpus/full                      # full corpus (make corpus)
  python corpus/make.py --out corpus/demo --demo               # the committed demo set
  python corpus/make.py --out /tmp/x --packs 2019-06 --variants text,scan300
  python corpus/make.py --golden                               # golden/truth*.csv, printed.csv, ...

Each output folder gets its PDFs, plus printed.csv, rows_printed.csv, pages.csv and manifest.csv in
its hidden .meta/ folder (hidden so `recover run <folder>` reads only the packs).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen import plan  # noqa: E402
from gen.common import ROOT  # noqa: E402
from gen.content import build_pack  # noqa: E402
from gen.render import layout_pack, to_pdf  # noqa: E402
from gen.truth import Truth  # noqa: E402
from gen.variants import parse as parse_variant  # noqa: E402

PRINTED_COLS = ["set", "pack", "variant", "source", "page", "kind", "ref", "month", "printed", "value",
                "status", "box"]
ROW_COLS = ["set", "pack", "variant", "source", "page", "ref", "ref_printed", "title", "owner", "reporter",
            "pct_prev", "pct_year", "avg12", "max12", "commentary"]
PAGE_COLS = ["set", "pack", "variant", "source", "page", "kind", "layer", "width", "height", "rotated",
             "skew_deg"]
GOLDEN_PRINTED_LIMIT = 15_000_000

_TRUTH: Truth | None = None


def truth() -> Truth:
    global _TRUTH
    if _TRUTH is None:
        _TRUTH = Truth()
    return _TRUTH


def records(set_name: str, pack: str, variant: str, pages) -> tuple[list, list, list]:
    """printed cells, printed rows and page facts of one (pack, variant); scans share the layout."""
    from gen import scan
    src = plan.file_name(pack, variant)
    cells, rows, pinfo = [], [], []
    for i, pg in enumerate(pages):
        for c in pg.cells:
            cells.append([set_name, pack, variant, src, c.page, c.kind, c.ref, c.month, c.printed, c.value,
                          c.status, ",".join(f"{v:.1f}" for v in c.box)])
        for r in pg.rows:
            rows.append([set_name, pack, variant, src, r.page, r.ref, r.ref_printed, r.title, r.owner,
                         r.reporter, r.pct_prev, r.pct_year, r.avg12, r.max12, r.commentary])
        layer, rotated, skew = scan.page_treatment(pack, variant, i, pg.kind)
        pinfo.append([set_name, pack, variant, src, i + 1, pg.kind, layer, f"{pg.size[0]:.2f}",
                      f"{pg.size[1]:.2f}", int(rotated), f"{skew:.3f}"])
    return cells, rows, pinfo


def render_one(args: tuple[str, str, str, str]) -> dict:
    set_name, pack, variant, out = args
    from gen import scan
    t0 = time.time()
    v = parse_variant(variant)
    pages = layout_pack(build_pack(truth(), pack), v.look.name)
    src = plan.file_name(pack, variant)
    if v.layer == "text":
        pdf = to_pdf(pages, f"Children and Families Scrutiny Panel {pack}")
    else:
        pdf = scan.variant_pdf(pages, pack, variant)
    Path(out, src).write_bytes(pdf)
    cells, rows, pinfo = records(set_name, pack, variant, pages)
    return {"pack": pack, "variant": variant, "source": src, "pages": len(pages), "bytes": len(pdf),
            "seconds": round(time.time() - t0, 2), "cells": cells, "rows": rows, "pinfo": pinfo}


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make_corpus(out: Path, set_name: str, items: list[tuple[str, str]], jobs: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    work = [(set_name, p, v, str(out)) for p, v in items]
    # text-layer packs are cheap; scans dominate, so spread them over processes
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(jobs) as ex:
            results = list(ex.map(render_one, work, chunksize=1))
    else:
        results = [render_one(w) for w in work]
    cells = [c for r in results for c in r["cells"]]
    rows = [x for r in results for x in r["rows"]]
    pinfo = [x for r in results for x in r["pinfo"]]
    meta = out / ".meta"
    meta.mkdir(exist_ok=True)
    write_csv(meta / "printed.csv", PRINTED_COLS, cells)
    write_csv(meta / "rows_printed.csv", ROW_COLS, rows)
    write_csv(meta / "pages.csv", PAGE_COLS, pinfo)
    write_csv(meta / "manifest.csv", ["set", "pack", "variant", "source", "pages", "bytes", "seconds"],
              [[set_name, r["pack"], r["variant"], r["source"], r["pages"], r["bytes"], r["seconds"]]
               for r in results])
    total = sum(r["bytes"] for r in results)
    print(f"{out}: {len(results)} PDFs, {sum(r['pages'] for r in results)} pages, {len(cells)} printed "
          f"month cells, {total / 1e6:.1f} MB, {time.time() - t0:.1f} s")


def make_golden(golden: Path) -> None:
    """Truth files and the printed cells of the full corpus and the demo set, from layout alone."""
    t0 = time.time()
    tr = truth()
    tr.write(golden)
    cells, rows, pinfo = [], [], []
    layouts: dict[tuple[str, str], list] = {}
    for set_name, items in (("full", plan.full_plan()), ("demo", plan.demo_plan())):
        for pack, variant in items:
            key = (pack, parse_variant(variant).look.name)
            if key not in layouts:
                layouts[key] = layout_pack(build_pack(tr, pack), key[1])
            c, r, p = records(set_name, pack, variant, layouts[key])
            cells += c
            rows += r
            pinfo += p
    path = golden / "printed.csv"
    write_csv(path, PRINTED_COLS, cells)
    if path.stat().st_size > GOLDEN_PRINTED_LIMIT:
        path.unlink()
        write_csv(golden / "printed.csv.gz", PRINTED_COLS, cells)
    write_csv(golden / "rows_printed.csv", ROW_COLS, rows)
    write_csv(golden / "pages.csv", PAGE_COLS, pinfo)
    print(f"{golden}: truth {sum(len(v) for v in tr.cells.values())} cells, {len(tr.revisions)} revisions; "
          f"printed {len(cells)} cells, {len(rows)} rows, {len(pinfo)} pages ({time.time() - t0:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="output folder for the PDFs")
    ap.add_argument("--packs", help="comma-separated pack months (YYYY-MM); default: the whole plan")
    ap.add_argument("--variants", help="comma-separated variants (text, scan300, nolines-scan200, ...: "
                                       "see corpus/gen/variants.py); default: the whole plan")
    ap.add_argument("--demo", action="store_true", help="render the demo plan (set=demo)")
    ap.add_argument("--golden", action="store_true", help="write golden/ truth and printed files")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    a = ap.parse_args(argv)
    if not a.out and not a.golden:
        ap.error("give --out and/or --golden")
    packs = a.packs.split(",") if a.packs else None
    variants = a.variants.split(",") if a.variants else None
    for v in variants or []:
        try:
            parse_variant(v)
        except ValueError as e:
            ap.error(str(e))
    if a.golden:
        make_golden(ROOT / "golden")
    if a.out:
        if a.demo:
            items = plan.demo_plan(packs, variants)
        elif packs:
            items = [(p, v) for p in packs for v in (variants or ["text"])]
        else:
            items = plan.full_plan(None, variants)
        make_corpus(a.out, "demo" if a.demo else "full", items, a.jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
