"""Render the synthetic committee-pack corpus from its known truth.

  python corpus/make.py --out corpus/full                      # full corpus (make corpus)
  python corpus/make.py --out corpus/demo --demo               # the committed demo set
  python corpus/make.py --out /tmp/x --packs 2019-06 --variants text,scan300
  python corpus/make.py --golden                               # golden/truth*.csv, printed.csv, ...
  python corpus/make.py --out /tmp/check --packs 2019-09 --variants hairline,lo-nolines --salt check-1

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
from gen.variants import name_of, parse as parse_variant  # noqa: E402

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


def records(set_name: str, pack: str, variant: str, pages, salt: str = "") -> tuple[list, list, list]:
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
        layer, rotated, skew = scan.page_treatment(pack, variant, i, pg.kind, salt)
        pinfo.append([set_name, pack, variant, src, i + 1, pg.kind, layer, f"{pg.size[0]:.2f}",
                      f"{pg.size[1]:.2f}", int(rotated), f"{skew:.3f}"])
    return cells, rows, pinfo


def layout_for(pack: str, variant: str, salt: str = ""):
    """The pages (with printed cells) of one pack in one variant's renderer and look."""
    v = parse_variant(variant)
    pc = build_pack(truth(), pack)
    if v.renderer == "libreoffice":
        from gen.lo import layout_lo_pack
        return pc, layout_lo_pack(pc, v.look.name, salt)
    return pc, layout_pack(pc, v.look.name, salt)


def _reusable(folders: list[str], name: str, n_pages: int) -> Path | None:
    """A complete PDF of that name in one of the reuse folders (an interrupted run may have left
    a partial file: it must open and have the layout's page count)."""
    import pypdfium2 as pdfium
    for d in folders:
        p = Path(d, name)
        if not p.exists():
            continue
        try:
            doc = pdfium.PdfDocument(str(p))
            ok = len(doc) == n_pages
            doc.close()
        except pdfium.PdfiumError:
            ok = False
        if ok:
            return p
    return None


def render_group(args: tuple[str, str, tuple[str, ...], str, str, tuple[str, ...]]) -> list[dict]:
    """Every variant of one (pack, renderer, look): the text-layer PDF is drawn once and scanned
    for the image variants (a LibreOffice conversion is the expensive part). With `reuse`
    folders, files already rendered there by the same generator are linked instead of drawn."""
    set_name, pack, group, out, salt, reuse = args
    from gen import scan
    pc, pages = layout_for(pack, group[0], salt)
    v0 = parse_variant(group[0])
    t0 = time.time()
    found = {v: _reusable(list(reuse), plan.file_name(pack, v), len(pages)) for v in group}
    if all(found.values()):
        results = []
        for variant in group:
            src = plan.file_name(pack, variant)
            target = Path(out, src)
            if target.resolve() != found[variant].resolve():
                target.unlink(missing_ok=True)
                os.link(found[variant], target)
            cells, rows, pinfo = records(set_name, pack, variant, pages, salt)
            results.append({"pack": pack, "variant": variant, "source": src, "pages": len(pages),
                            "bytes": target.stat().st_size, "seconds": 0.0, "cells": cells, "rows": rows,
                            "pinfo": pinfo})
        return results
    title = f"Children and Families Scrutiny Panel {pack}"
    text_variant = name_of(v0.renderer, v0.look.name, "text")
    done = _reusable(list(reuse), plan.file_name(pack, text_variant), len(pages))
    if done is not None:
        text_pdf = done.read_bytes()          # scans of a text layer an earlier run made
    elif v0.renderer == "libreoffice":
        from gen.lo import lo_pdf
        text_pdf = lo_pdf(pc, v0.look.name, pages, salt)
    else:
        text_pdf = to_pdf(pages, title)
    results = []
    t1 = t0          # the first variant's time includes drawing the text layer
    for variant in group:
        v = parse_variant(variant)
        src = plan.file_name(pack, variant)
        target = Path(out, src)
        if found[variant] is not None:
            if target.resolve() != found[variant].resolve():
                target.unlink(missing_ok=True)
                os.link(found[variant], target)
        else:
            pdf = text_pdf if v.layer == "text" else scan.variant_pdf(pages, pack, variant, text_pdf, salt)
            tmp = target.with_suffix(".part")
            tmp.write_bytes(pdf)
            tmp.replace(target)           # an interrupted run leaves no partial PDF behind
        cells, rows, pinfo = records(set_name, pack, variant, pages, salt)
        results.append({"pack": pack, "variant": variant, "source": src, "pages": len(pages),
                        "bytes": target.stat().st_size, "seconds": round(time.time() - t1, 2), "cells": cells,
                        "rows": rows, "pinfo": pinfo})
        t1 = time.time()
    return results


def groups_of(items: list[tuple[str, str]]) -> list[tuple[str, tuple[str, ...]]]:
    """(pack, variants) sharing one text-layer drawing, text first; in plan order."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for pack, variant in items:
        v = parse_variant(variant)
        out.setdefault((pack, v.renderer, v.look.name), []).append(variant)
    return [(k[0], tuple(sorted(vs, key=lambda x: parse_variant(x).layer != "text"))) for k, vs in out.items()]


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def make_corpus(out: Path, set_name: str, items: list[tuple[str, str]], jobs: int, salt: str = "",
                reuse: list[Path] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    keep = tuple(str(r) for r in (reuse or []))
    work = [(set_name, p, g, str(out), salt, keep) for p, g in groups_of(items)]
    # LibreOffice conversions and scans dominate: the slowest groups first, spread over processes
    work.sort(key=lambda w: -(4 * parse_variant(w[2][0]).renderer.startswith("libre") + len(w[2])))
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(jobs) as ex:
            done = list(ex.map(render_group, work, chunksize=1))
    else:
        done = [render_group(w) for w in work]
    by_key = {(r["pack"], r["variant"]): r for rs in done for r in rs}
    results = [by_key[k] for k in items if k in by_key]
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
          f"month cells, {total / 1e6:.1f} MB, {time.time() - t0:.1f} s", flush=True)


def golden_records(set_name: str, items: list[tuple[str, str]], salt: str = "") -> dict[str, tuple]:
    """{renderer: (cells, rows, pages)} of a set, from layout alone (no LibreOffice needed)."""
    out: dict[str, tuple[list, list, list]] = {}
    layouts: dict[tuple[str, str], list] = {}
    for pack, variant in items:
        v = parse_variant(variant)
        key = (pack, v.renderer, v.look.name)
        if key not in layouts:
            layouts[key] = layout_for(pack, variant, salt)[1]
        c, r, p = records(set_name, pack, variant, layouts[key], salt)
        acc = out.setdefault(v.renderer, ([], [], []))
        acc[0].extend(c)
        acc[1].extend(r)
        acc[2].extend(p)
    return out


def write_golden_set(folder: Path, suffix: str, cells: list, rows: list, pinfo: list) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"printed{suffix}.csv"
    write_csv(path, PRINTED_COLS, cells)
    if path.stat().st_size > GOLDEN_PRINTED_LIMIT:
        path.unlink()
        write_csv(folder / f"printed{suffix}.csv.gz", PRINTED_COLS, cells)
    write_csv(folder / f"rows_printed{suffix}.csv", ROW_COLS, rows)
    write_csv(folder / f"pages{suffix}.csv", PAGE_COLS, pinfo)


def make_golden(golden: Path) -> None:
    """Truth files and the printed cells of the full corpus, the demo set and the holdout.

    printed.csv / rows_printed.csv / pages.csv: the reportlab packs (full and demo sets);
    printed_lo.csv / ...: the LibreOffice packs; holdout/: the holdout (both renderers)."""
    t0 = time.time()
    tr = truth()
    tr.write(golden)
    full = golden_records("full", plan.full_plan())
    demo = golden_records("demo", plan.demo_plan())
    rl = [a + b for a, b in zip(full["reportlab"], demo["reportlab"])]
    write_golden_set(golden, "", *rl)
    write_golden_set(golden, "_lo", *full["libreoffice"])
    hold = golden_records("holdout", plan.holdout_plan(), plan.HOLDOUT_SALT)
    write_golden_set(golden / "holdout", "", *[a + b for a, b in zip(hold["reportlab"], hold["libreoffice"])])
    n = len(rl[0]) + len(full["libreoffice"][0])
    print(f"{golden}: truth {sum(len(v) for v in tr.cells.values())} cells, {len(tr.revisions)} revisions; "
          f"printed {n} cells (+{sum(len(h[0]) for h in hold.values())} holdout) "
          f"({time.time() - t0:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="output folder for the PDFs")
    ap.add_argument("--packs", help="comma-separated pack months (YYYY-MM); default: the whole plan")
    ap.add_argument("--variants", help="comma-separated variants (text, scan300, nolines-scan200, ...: "
                                       "see corpus/gen/variants.py); default: the whole plan")
    ap.add_argument("--demo", action="store_true", help="render the demo plan (set=demo)")
    ap.add_argument("--holdout", action="store_true", help="render the holdout plan (set=holdout)")
    ap.add_argument("--golden", action="store_true", help="write golden/ truth and printed files")
    ap.add_argument("--salt", help="draw every layout choice from this seed, as the holdout does (column "
                                   "widths, font size, zoom, margins, rules): a check set of the holdout's "
                                   "class that is not the holdout (set=check)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--reuse", type=Path, action="append",
                    help="a folder rendered by this same generator: link its PDFs instead of drawing them "
                         "again (hard links, same file system); may be given more than once")
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
        elif a.holdout:
            items = [(p, v) for p, v in plan.holdout_plan() if (not packs or p in packs)
                     and (not variants or v in variants)]
        elif packs:
            items = [(p, v) for p in packs for v in (variants or ["text"])]
        else:
            items = plan.full_plan(None, variants)
        set_name = "demo" if a.demo else "holdout" if a.holdout else "check" if a.salt else "full"
        salt = plan.HOLDOUT_SALT if a.holdout else a.salt or ""
        make_corpus(a.out, set_name, items, a.jobs, salt, a.reuse)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
