"""The extraction test bed: the text that common tools give for every pack of a rendered corpus.

    python corpus/extract.py corpus/full                     # -> corpus/full-extracted/
    python corpus/extract.py corpus/full --tools pdftotext-layout,pypdf --no-ocr
    python corpus/extract.py corpus/full --out /tmp/x --sources 'agenda_2019-*'

Users hold text made by whatever tool was at hand; each output here is a file a user could hand to
`recover run`, named `<pdf stem>.<tool>.txt` (or .tsv) in one folder per tool:

  text-layer PDFs (both renderers, every look):
    pdftotext-layout  `pdftotext -layout`            pdftotext      `pdftotext` (reading order)
    pdftotext-raw     `pdftotext -raw`               pdfminer       pdfminer.six `pdf2txt.py`
    pdfminer-V        `pdf2txt.py -V` (vertical)     pypdf          `page.extract_text()` per page
    pdfplumber        `page.extract_text()` per page
  scanned PDFs (dataset and dashboard pages, the page image as scanned, at the scan's dpi; a few
  PDFs per renderer and resolution covering the eras, looks and dashboards, or all with --ocr-all):
    tesseract-psm6    `tesseract --psm 6` text       tesseract-psm3 `tesseract` (default --psm 3) text
    tesseract-tsv     `tesseract ... tsv` (psm 3), page_num set to the PDF's page number

pdftotext and pdfminer separate pages with a form feed, as they do on the command line; pypdf and
pdfplumber pages are joined with a newline, as the usual `"\\n".join(...)` script does.

`<out>/.meta/sources.csv` maps each file to its source PDF (so golden/printed*.csv, keyed by source,
is the truth of every extraction) and `<out>/.meta/tools.csv` records the tool versions. Outputs that
exist and are newer than their PDF are kept (re-runs are cheap).
"""
from __future__ import annotations

import argparse
import csv
import fnmatch
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen.variants import parse as parse_variant  # noqa: E402

TEXT_TOOLS = ("pdftotext-layout", "pdftotext", "pdftotext-raw", "pdfminer", "pdfminer-V", "pypdf", "pdfplumber")
OCR_TOOLS = ("tesseract-psm6", "tesseract-psm3", "tesseract-tsv")
TOOLS = TEXT_TOOLS + OCR_TOOLS
SOURCE_COLS = ["file", "tool", "source", "set", "pack", "variant", "renderer", "look", "layer"]
DPI = {"scan300": 300, "scan200": 200, "mixed": 300}


def out_name(pdf_name: str, tool: str) -> str:
    stem = pdf_name[:-4] if pdf_name.lower().endswith(".pdf") else pdf_name
    return f"{tool}/{stem}.{tool}.{'tsv' if tool == 'tesseract-tsv' else 'txt'}"


# --- text-layer tools -------------------------------------------------------------------------

def _pdftotext(pdf: str, *flags: str) -> str:
    p = subprocess.run(["pdftotext", *flags, "-enc", "UTF-8", pdf, "-"], capture_output=True, check=True)
    return p.stdout.decode("utf-8")


def _pdfminer(pdf: str, vertical: bool) -> str:
    from pdfminer.high_level import extract_text_to_fp
    from pdfminer.layout import LAParams
    out = io.StringIO()
    with open(pdf, "rb") as f:
        # what `pdf2txt.py [-V] file.pdf` writes: the default LAParams, detect_vertical with -V
        extract_text_to_fp(f, out, laparams=LAParams(detect_vertical=vertical), output_type="text", codec=None)
    return out.getvalue()


def _pypdf(pdf: str) -> str:
    from pypdf import PdfReader
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages)


def _pdfplumber(pdf: str) -> str:
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


TEXT_FN = {
    "pdftotext-layout": lambda p: _pdftotext(p, "-layout"),
    "pdftotext": lambda p: _pdftotext(p),
    "pdftotext-raw": lambda p: _pdftotext(p, "-raw"),
    "pdfminer": lambda p: _pdfminer(p, False),
    "pdfminer-V": lambda p: _pdfminer(p, True),
    "pypdf": _pypdf,
    "pdfplumber": _pdfplumber,
}


# --- tesseract on the scanned pages -----------------------------------------------------------

def _page_image(pdf: str, page: int, folder: str) -> str:
    """The page's image exactly as the scan stored it (pdfimages copies the JPEG out)."""
    prefix = os.path.join(folder, f"p{page}")
    subprocess.run(["pdfimages", "-j", "-f", str(page), "-l", str(page), pdf, prefix], check=True,
                   capture_output=True)
    found = sorted(n for n in os.listdir(folder) if n.startswith(f"p{page}-"))
    if not found:
        raise RuntimeError(f"{pdf} page {page}: no image")
    return os.path.join(folder, found[0])


def _tesseract(img: str, dpi: int, psm: int, base: str, *configs: str) -> None:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(["tesseract", img, base, "--dpi", str(dpi), "--psm", str(psm), *configs], check=True,
                   capture_output=True, env=env)


def ocr_pages(pdf: str, pages: list[int], dpi: int, tools: list[str]) -> dict[str, str]:
    out = {t: [] for t in tools}
    header = None
    with tempfile.TemporaryDirectory() as d:
        for page in pages:
            img = _page_image(pdf, page, d)
            base = os.path.join(d, f"o{page}")
            if "tesseract-psm6" in tools:
                _tesseract(img, dpi, 6, base + "-6", "txt")
                out["tesseract-psm6"].append(Path(base + "-6.txt").read_text(encoding="utf-8"))
            want3 = [c for t, c in (("tesseract-psm3", "txt"), ("tesseract-tsv", "tsv")) if t in tools]
            if want3:
                _tesseract(img, dpi, 3, base + "-3", *want3)     # one OCR run gives both
            if "tesseract-psm3" in tools:
                out["tesseract-psm3"].append(Path(base + "-3.txt").read_text(encoding="utf-8"))
            if "tesseract-tsv" in tools:
                lines = Path(base + "-3.tsv").read_text(encoding="utf-8").splitlines()
                header = header or lines[0]
                for ln in lines[1:]:
                    f = ln.split("\t")
                    if len(f) > 1:
                        f[1] = str(page)
                    out["tesseract-tsv"].append("\t".join(f))
    res = {}
    for t, parts in out.items():
        if t == "tesseract-tsv":
            res[t] = "\n".join([header or ""] + parts) + "\n"
        else:
            res[t] = "".join(p if p.endswith("\f") else p + "\f" for p in parts)
    return res


# --- the job ------------------------------------------------------------------------------------

def _fresh(path: Path, src: Path) -> bool:
    return path.exists() and path.stat().st_mtime >= src.stat().st_mtime


def extract_one(job: tuple[str, str, list[int], int, tuple[str, ...]]) -> tuple[str, dict[str, float]]:
    pdf, out, ocr_pages_list, dpi, tools = job
    src = Path(pdf)
    secs: dict[str, float] = {}
    todo = [t for t in tools if not _fresh(Path(out, out_name(src.name, t)), src)]
    for tool in [t for t in todo if t in TEXT_FN]:
        t0 = time.process_time()
        text = TEXT_FN[tool](pdf)
        secs[tool] = time.process_time() - t0
        _write(Path(out, out_name(src.name, tool)), text)
    ocr = [t for t in todo if t in OCR_TOOLS]
    if ocr and ocr_pages_list:
        t0 = time.time()
        for tool, text in ocr_pages(pdf, ocr_pages_list, dpi, ocr).items():
            _write(Path(out, out_name(src.name, tool)), text)
        secs["tesseract"] = time.time() - t0
    return src.name, secs


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def corpus_pages(corpus: Path) -> dict[str, list[dict]]:
    with open(corpus / ".meta" / "pages.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_src: dict[str, list[dict]] = {}
    for r in rows:
        by_src.setdefault(r["source"], []).append(r)
    return by_src


def tool_versions() -> list[list[str]]:
    import importlib.metadata as md
    rows = []
    for name, cmd in (("pdftotext", ["pdftotext", "-v"]), ("tesseract", ["tesseract", "--version"])):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            rows.append([name, (p.stdout + p.stderr).splitlines()[0].strip()])
        except (OSError, IndexError):
            rows.append([name, "missing"])
    for pkg in ("pdfminer.six", "pypdf", "pdfplumber"):
        try:
            rows.append([pkg, md.version(pkg)])
        except md.PackageNotFoundError:
            rows.append([pkg, "missing"])
    return rows


OCR_PER_GROUP = 4      # scanned PDFs OCR'd per (renderer, resolution), unless --ocr-all


def ocr_choice(by_src: dict[str, list[dict]], per_group: int = OCR_PER_GROUP) -> set[str]:
    """Which scanned PDFs get tesseract's own output. Tesseract costs ~12 CPU-s per A3 page
    (two runs), so each (renderer, resolution) gets a few PDFs, chosen in a seeded order to cover
    the three eras, the ruled look and another look, and a pack with dashboard pages."""
    from gen.common import era, rng
    groups: dict[tuple[str, str], list[str]] = {}
    for src, pages in by_src.items():
        v = parse_variant(pages[0]["variant"])
        if v.layer in ("scan300", "scan200"):
            groups.setdefault((v.renderer, v.layer), []).append(src)
    chosen: set[str] = set()
    for key, srcs in sorted(groups.items()):
        order = sorted(srcs, key=lambda s: rng("ocr-choice", s).random())
        picked: list[str] = []

        def facts(s):
            p = by_src[s][0]
            return (era(p["pack"]), parse_variant(p["variant"]).look.name == "ruled",
                    any(q["kind"] == "dashboard" for q in by_src[s]))
        wants = [lambda f: f[0] == 1, lambda f: f[0] == 2, lambda f: f[0] == 3, lambda f: f[1],
                 lambda f: not f[1], lambda f: f[2]]
        for want in wants:
            if len(picked) >= per_group + 1:
                break
            if any(want(facts(s)) for s in picked):
                continue
            hit = next((s for s in order if s not in picked and want(facts(s))), None)
            if hit:
                picked.append(hit)
        picked += [s for s in order if s not in picked][: max(0, per_group - len(picked))]
        chosen.update(picked)
    return chosen


def plan_jobs(corpus: Path, out: Path, tools: list[str], pattern: str | None,
              ocr_all: bool = False) -> tuple[list, list[list[str]]]:
    jobs, sources = [], []
    by_src = corpus_pages(corpus)
    ocr_ok = set(by_src) if ocr_all else ocr_choice(by_src)
    for src, pages in sorted(by_src.items()):
        if pattern and not fnmatch.fnmatch(src, pattern):
            continue
        if not (corpus / src).exists():
            continue
        v = parse_variant(pages[0]["variant"])
        text_layer = all(p["layer"] == "text" for p in pages)
        scan = [int(p["page"]) for p in pages if p["layer"] == "image" and p["kind"] in ("table", "dashboard")]
        if src not in ocr_ok:
            scan = []
        mine = [t for t in tools if (t in TEXT_TOOLS and text_layer) or (t in OCR_TOOLS and scan)]
        if not mine:
            continue
        jobs.append((str(corpus / src), str(out), scan, DPI.get(v.layer, 300), tuple(mine)))
        for t in mine:
            sources.append([out_name(src, t), t, src, pages[0]["set"], pages[0]["pack"], v.name, v.renderer,
                            v.look.name, v.layer])
    return jobs, sources


def merge_sources(path: Path, out: Path, sources: list[list[str]]) -> list[list[str]]:
    """This run's rows plus the earlier runs' rows whose files are still there, so a run of some
    tools (or some PDFs) does not drop the others from the map."""
    mine = {r[0] for r in sources}
    kept = []
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            kept = [r for r in csv.reader(f)][1:]
        kept = [r for r in kept if r and r[0] not in mine and (out / r[0]).exists()]
    return sorted(kept + sources)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a folder written by corpus/make.py --out")
    ap.add_argument("--out", type=Path, help="default: <corpus>-extracted")
    ap.add_argument("--tools", help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--no-ocr", action="store_true", help="skip the tesseract outputs")
    ap.add_argument("--ocr-all", action="store_true",
                    help=f"OCR every scanned PDF (default: {OCR_PER_GROUP}-5 per renderer and resolution)")
    ap.add_argument("--sources", help="only PDFs whose name matches this glob")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    a = ap.parse_args(argv)
    tools = a.tools.split(",") if a.tools else list(TOOLS)
    for t in tools:
        if t not in TOOLS:
            ap.error(f"unknown tool {t}")
    if a.no_ocr:
        tools = [t for t in tools if t not in OCR_TOOLS]
    for exe, needed in (("pdftotext", any(t.startswith("pdftotext") for t in tools)),
                        ("pdfimages", any(t in OCR_TOOLS for t in tools)),
                        ("tesseract", any(t in OCR_TOOLS for t in tools))):
        if needed and not shutil.which(exe):
            print(f"error: {exe} is missing: apt-get install -y poppler-utils tesseract-ocr", file=sys.stderr)
            return 1
    if not (a.corpus / ".meta" / "pages.csv").exists():
        print(f"error: {a.corpus} has no .meta/pages.csv (not a corpus/make.py folder)", file=sys.stderr)
        return 1
    out = a.out or a.corpus.with_name(a.corpus.name + "-extracted")
    t0 = time.time()
    jobs, sources = plan_jobs(a.corpus, out, tools, a.sources, a.ocr_all)
    # OCR jobs are the long ones: start them first so both workers stay busy to the end
    jobs.sort(key=lambda j: -len(j[2]))
    spent: dict[str, float] = {}
    done = 0
    with ProcessPoolExecutor(max(1, a.jobs)) as ex:
        for name, secs in ex.map(extract_one, jobs, chunksize=1):
            done += 1
            for k, v in secs.items():
                spent[k] = spent.get(k, 0.0) + v
            print(f"[{done}/{len(jobs)}] {name}", file=sys.stderr, flush=True)
    meta = out / ".meta"
    meta.mkdir(parents=True, exist_ok=True)
    sources = merge_sources(meta / "sources.csv", out, sources)
    with open(meta / "sources.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SOURCE_COLS)
        w.writerows(sources)
    with open(meta / "tools.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tool", "version"])
        w.writerows(tool_versions())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    cost = ", ".join(f"{k} {v:.0f} s" for k, v in sorted(spent.items()))
    print(f"{out}: {len(sources)} files from {len(jobs)} PDFs, {size / 1e6:.1f} MB, {time.time() - t0:.0f} s"
          + (f" (this run: {cost})" if cost else " (all up to date)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
