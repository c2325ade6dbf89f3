"""Every look of both renderers, as text layer and as 300/200 dpi scans, read through the pipeline
and scored against golden/printed*.csv (file, page, ref and month must match). Prints tables,
never asserts.

    python bench/bench_layout.py corpus/full                         # everything (scans: minutes)
    python bench/bench_layout.py corpus/full --layers text           # text layers only (seconds)
    python bench/bench_layout.py corpus/full --looks nolines,hairline --renderers libreoffice
    python bench/bench_layout.py corpus/full-holdout --holdout
    python bench/bench_layout.py /tmp/check --truth /tmp/check     # a folder rendered with --salt

Table 1: table month cells exact % (wrong with status ok), rows = look, columns = renderer x layer.
Table 2: every class of bench/measure.py per look, renderer and layer, with seconds per page
(text layers are read on one core; scans with --workers OCR processes).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.measure import (DETAIL, Tally, detail_row, env_jobs, golden_pages, golden_printed,  # noqa: E402
                           print_table, read_files, summary, tally_pack)
from gen.variants import LOOKS, parse as parse_variant  # noqa: E402

LAYERS = ("text", "scan300", "scan200", "mixed")
RENDERERS = ("reportlab", "libreoffice")


def corpus_groups(folder: Path, holdout: bool | Path, layers, renderers, looks, per_group: int):
    """{(renderer, look, layer): [pdf paths]} of the PDFs present in the folder."""
    pages = golden_pages(holdout)
    groups = defaultdict(list)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pdf") or name not in pages:
            continue
        v = parse_variant(pages[name][0]["variant"])
        if v.layer in layers and v.renderer in renderers and (looks is None or v.look.name in looks):
            groups[(v.renderer, v.look.name, v.layer)].append(str(folder / name))
    if per_group:
        groups = {k: v[:per_group] for k, v in groups.items()}
    return groups


def read_groups(groups, workers: int, cache: str | None, progress: bool = True):
    """{group: [PackRead]}, text layers on one core (their speed is a figure), scans in workers."""
    out, errors = {}, defaultdict(list)
    for key, files in sorted(groups.items()):
        if progress:
            print(f"  reading {len(files)} PDF(s): {'/'.join(key)}", file=sys.stderr, flush=True)
        scan = key[2] != "text"
        packs, errs, secs = read_files(files, ocr=scan, workers=workers if scan else 1, cache_dir=cache)
        out[key] = (files, packs, secs)
        errors[key] += errs
    return out, errors


def score_groups(read, holdout: bool | Path, kind: str = "table"):
    from bench.measure import dashboard_only
    printed = golden_printed(holdout)
    pages = golden_pages(holdout)
    res: dict[tuple, Tally] = {}
    for key, (files, packs, secs) in read.items():
        by_name = {p.source: p for p in packs}
        res.setdefault(key, Tally()).seconds += secs
        for f in files:
            name = os.path.basename(f)
            cells = printed.get(name, [])
            cells = dashboard_only(cells) if kind == "dashboard" else [c for c in cells if c["kind"] == "table"]
            if not cells:
                continue
            n_pages = len(pages.get(name, []))
            p = by_name.get(name)
            if p is None:
                t = Tally(inputs=1, printed=len(cells), not_found=len(cells), pages=n_pages)
            else:
                t, _ = tally_pack(p, cells, by_page=True, n_pages=n_pages)
            res.setdefault(key, Tally()).add(t)
    return res


def report(res, errors, title: str, show: int) -> None:
    looks = [lk for lk in LOOKS if any(k[1] == lk for k in res)]
    cols = [(r, lay) for r in RENDERERS for lay in ("text", "scan300", "scan200")
            if any(k[0] == r and k[2] == lay for k in res)]
    print_table(f"{title}: month cells exact % (wrong with status ok)",
                ["look"] + [f"{'rl' if r == 'reportlab' else 'lo'} {lay}" for r, lay in cols],
                [[lk] + [summary(res.get((r, lk, lay))) for r, lay in cols] for lk in looks],
                "rl = reportlab, lo = LibreOffice; '-' = not in this corpus")
    rows = [detail_row(list(k), res[k]) for k in sorted(res, key=lambda k: (k[0], list(LOOKS).index(k[1]),
                                                                          LAYERS.index(k[2])))]
    print_table(f"{title}: every class", ["renderer", "look", "layer", *DETAIL], rows)
    for k, errs in sorted(errors.items()):
        for e in errs[:3]:
            print(f"  error ({'/'.join(k)}): {e}")
    if show:
        for k in sorted(res):
            for m in res[k].misses[:show]:
                print(f"  miss {'/'.join(k)}:", *m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, help="a corpus/make.py output folder")
    ap.add_argument("--layers", default="text,scan300,scan200,mixed")
    ap.add_argument("--renderers", default=",".join(RENDERERS))
    ap.add_argument("--looks", help="comma-separated looks (default: all)")
    ap.add_argument("--per-group", type=int, default=0, help="at most this many PDFs per look/layer")
    ap.add_argument("--holdout", action="store_true", help="score against golden/holdout/")
    ap.add_argument("--truth", type=Path, help="score against the printed cells in this corpus/make.py "
                                               "output folder's .meta/ (a check set rendered with --salt)")
    ap.add_argument("--workers", type=int, default=env_jobs())
    ap.add_argument("--cache", help="OCR cache folder shared between runs (default: none)")
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args(argv)
    if a.truth:
        a.holdout = a.truth
    groups = corpus_groups(a.folder, a.holdout, a.layers.split(","), a.renderers.split(","),
                           a.looks.split(",") if a.looks else None, a.per_group)
    if not groups:
        print(f"{a.folder}: no PDFs of the chosen layers/renderers/looks")
        return 1
    read, errors = read_groups(groups, a.workers, a.cache)
    report(score_groups(read, a.holdout), errors, "layout, table cells", a.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
