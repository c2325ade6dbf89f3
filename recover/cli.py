"""recover's command line: a thin layer over the library (every command is a function call)."""
from __future__ import annotations

import argparse
import os
import sys
import time

from recover.errors import RecoverError


class Progress:
    """Per pack and per OCR page progress on stderr; --quiet silences it."""

    def __init__(self, total: int, quiet: bool = False):
        self.total, self.quiet, self.n, self.ocr_done = total, quiet, 0, 0
        self.t0 = time.perf_counter()

    def _say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=sys.stderr, flush=True)

    def source_planned(self, src, plans) -> None:
        self.n += 1
        ocr = sum(1 for p in plans if p.ocr)
        data = sum(1 for p in plans if p.info.kind in ("dataset", "dashboard"))
        extra = f", {ocr} to OCR" if ocr else ""
        self._say(f"[{self.n}/{self.total}] {src.name}: {len(plans)} page(s), {data} with a dataset{extra}")

    def page_done(self, name: str, page: int, total: int) -> None:
        self.ocr_done += 1
        if self.ocr_done == total or self.ocr_done % 5 == 0:
            rate = self.ocr_done / max(time.perf_counter() - self.t0, 1e-6)
            self._say(f"  OCR {self.ocr_done}/{total} pages ({rate:.1f} pages/s)")

    def source_done(self, src, pack) -> None:
        if pack is not None:
            self._say(f"  {src.name}: pack {pack.pack}, {len(pack.rows)} rows, {len(pack.observations)} cells")

    def note(self, text: str) -> None:
        self._say(text)


def _err(e: RecoverError) -> None:
    print(f"error: {e.line()}", file=sys.stderr)


def cmd_run(args) -> int:
    from recover.api import run
    summary = run(args.paths, args.out, dpi=args.dpi, ocr=not args.no_ocr, workers=args.workers,
                  debug_dir=args.debug_images, force=args.force, quiet=args.quiet)
    print(summary.render())
    return summary.exit_code


def cmd_check(args) -> int:
    from recover.api import check
    report, code = check(args.pack, args.store, dpi=args.dpi, quiet=args.quiet, record=args.record)
    print(report)
    return code


def cmd_apply(args) -> int:
    from recover.api import apply
    print(apply(args.review, store_dir=args.store))
    return 0


def cmd_register(args) -> int:
    from recover.register.commands import cmd_register as show
    show(out=sys.stdout)
    return 0


def cmd_match(args) -> int:
    from recover.register.commands import cmd_match as match
    match(args.title, ref=args.ref, unit_hint=args.unit, out=sys.stdout)
    return 0


def cmd_doctor(args) -> int:
    from recover.doctor import doctor
    ok, text = doctor()
    print(text)
    return 0 if ok else 9


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recover", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="read packs (files or folders) and write the reconciled outputs")
    r.add_argument("paths", nargs="+", help=".pdf, .png/.jpg/.tif, .txt/.md files or folders of them")
    r.add_argument("--out", required=True, help="output folder (also holds the SQLite store)")
    r.add_argument("--dpi", type=int, default=300, help="render resolution for scanned pages (default 300)")
    r.add_argument("--no-ocr", action="store_true", help="skip image-only pages")
    r.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="OCR worker processes")
    r.add_argument("--debug-images", metavar="DIR", help="draw detected grids and read values on page images")
    r.add_argument("--force", action="store_true", help="re-read packs the store already holds")
    r.add_argument("--quiet", action="store_true", help="no progress on stderr")
    r.set_defaults(func=cmd_run)

    c = sub.add_parser("check", help="compare a new pack with what the store holds")
    c.add_argument("pack", help="the new pack (.pdf or text)")
    c.add_argument("--store", required=True, help="output folder of an earlier run")
    c.add_argument("--dpi", type=int, default=300)
    c.add_argument("--record", action="store_true", help="also add the pack to the store")
    c.add_argument("--quiet", action="store_true")
    c.set_defaults(func=cmd_check)

    a = sub.add_parser("apply", help="store a reviewer's corrections from review.csv")
    a.add_argument("review", help="the review.csv with corrected_value filled in")
    a.add_argument("--store", help="output folder (default: the folder holding review.csv)")
    a.set_defaults(func=cmd_apply)

    g = sub.add_parser("register", help="print the register of indicators")
    g.set_defaults(func=cmd_register)

    m = sub.add_parser("match", help="show register candidates for a title")
    m.add_argument("title")
    m.add_argument("--ref", default="", help="the ref as printed, if any")
    m.add_argument("--unit", choices=["percent", "number"], help="what the row's values look like")
    m.set_defaults(func=cmd_match)

    d = sub.add_parser("doctor", help="check system programs and versions")
    d.set_defaults(func=cmd_doctor)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except RecoverError as e:
        _err(e)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
