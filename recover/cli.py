"""recover's command line: a thin layer over the library (every command is a function call)."""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback

from recover import __version__
from recover.errors import READS, ExitCode, RecoverError
from recover.pipeline import DPI
from recover.progress import Progress

DEBUG_ENV = "RECOVER_DEBUG"


class StderrProgress(Progress):
    """Per pack and per OCR page progress on stderr. Errors are always printed, once each, as they are
    found; --quiet silences the rest."""

    def __init__(self, quiet: bool = False, stream=None, debug: bool = False):
        self.quiet, self.stream, self.debug = quiet, stream or sys.stderr, debug
        self.total = self.n = 0
        self.t0 = time.perf_counter()
        self.reported: list[RecoverError] = []

    def _say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def planned(self, packs: int, skipped: int) -> None:
        self.total = packs
        if skipped:
            self._say(f"{skipped} pack(s) unchanged since the last run: not re-read")

    def pack_planned(self, name: str, pages: int, dataset: int, ocr: int, extent: str = "") -> None:
        self.n += 1
        if extent:        # a text file: one 'page' in provenance, which says nothing of what was read
            found = "a dataset table found" if dataset else "no dataset table found"
            self._say(f"[{self.n}/{self.total}] {name}: {extent}, {found}")
            return
        extra = f", {ocr} to OCR" if ocr else ""
        self._say(f"[{self.n}/{self.total}] {name}: {pages} page(s), {dataset} with a dataset{extra}")

    def page_read(self, done: int, total: int) -> None:
        if done == total or done % 5 == 0:
            rate = done / max(time.perf_counter() - self.t0, 1e-6)
            self._say(f"  OCR {done}/{total} pages ({rate:.1f} pages/s)")

    def pack_done(self, name: str, pack: str | None, rows: int, cells: int) -> None:
        self._say(f"  {name}: pack {pack}, {rows} rows, {cells} cells")

    def problem(self, error: RecoverError) -> None:
        if any(error is e for e in self.reported):
            return
        self.reported.append(error)
        print(f"error: {error.line()}", file=self.stream, flush=True)
        if self.debug and getattr(error, "detail", ""):
            print(error.detail.rstrip(), file=self.stream, flush=True)

    def note(self, text: str) -> None:
        self._say(text)


def cmd_run(args) -> int:
    from recover.api import run
    summary = run(args.paths, args.out, dpi=args.dpi, ocr=not args.no_ocr, workers=args.workers,
                  debug_dir=args.debug_images, force=args.force, progress=args.progress, register=args.register)
    print(summary.render())
    return summary.exit_code


def cmd_check(args) -> int:
    from recover.api import check_report
    from recover.errors import ExitCode
    report = check_report(args.pack, args.store, dpi=args.dpi, progress=args.progress, record=args.record,
                          register=args.register)
    if args.json:
        import json
        print(json.dumps(report.to_dict(), indent=1))
    else:
        print(report.render())
    return ExitCode.NEEDS_PERSON if report.needs_person else ExitCode.OK


def cmd_apply(args) -> int:
    from recover.api import apply
    print(apply(args.review, store_dir=args.store, register=args.register))
    return 0


def cmd_register(args) -> int:
    from recover.register.commands import cmd_register as show
    show(args.register, csv_out=args.csv, out=sys.stdout)
    return 0


def cmd_register_init(args) -> int:
    from recover.api import propose_register
    proposal = propose_register(args.paths, args.out, ocr=not args.no_ocr, workers=args.workers,
                                progress=args.progress)
    print(proposal.render())
    return proposal.exit_code


def cmd_match(args) -> int:
    from recover.register.commands import cmd_match as match
    match(args.title, ref=args.ref, unit_hint=args.unit, register=args.register, out=sys.stdout)
    return 0


def cmd_doctor(args) -> int:
    from recover.doctor import doctor
    ok, text = doctor()
    print(text)
    if args.store:
        from recover.store.health import store_health
        health = store_health(args.store)
        print(("ok       " if health.ok else "PROBLEM  ") + health.text)
        if not health.ok:
            return ExitCode.STORE
    return ExitCode.OK if ok else ExitCode.MISSING_PROGRAM


MIN_DPI, MAX_DPI = 50, 1200      # below 50 dpi no digit is legible; above 1200 a page is gigabytes


def dpi_value(text: str) -> int:
    return _whole(text, "a resolution in dpi", MIN_DPI, MAX_DPI)


def workers_value(text: str) -> int:
    return _whole(text, "a number of processes", 1, 256)


def _whole(text: str, what: str, low: int, high: int) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
    if not low <= n <= high:
        raise argparse.ArgumentTypeError(f"{n} is not {what} from {low} to {high}")
    return n


def _register_option(parser) -> None:
    parser.add_argument("--register", metavar="FILE",
                        help="a register CSV (ref,title,unit,aliases) to use instead of the bundled one")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="recover", description=__doc__)
    p.add_argument("--version", action="version", version=f"recover {__version__}")
    p.add_argument("--debug", action="store_true",
                   help=f"show the traceback when recover fails (or set {DEBUG_ENV}=1)")
    # --debug is also accepted after the command; SUPPRESS keeps the top-level value when it is not
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", parents=[common], help="read packs (files or folders) and write the reconciled outputs")
    r.add_argument("paths", nargs="+", help=f"{READS} files, or folders of them")
    r.add_argument("--out", required=True, help="output folder (also holds the SQLite store)")
    r.add_argument("--dpi", type=dpi_value, default=DPI, help=f"render resolution for scanned pages (default {DPI})")
    r.add_argument("--no-ocr", action="store_true", help="skip image-only pages")
    r.add_argument("--workers", type=workers_value, help="OCR worker processes (default: one per core)")
    r.add_argument("--debug-images", metavar="DIR", help="draw detected grids and read values on page images")
    r.add_argument("--force", action="store_true", help="re-read packs the store already holds")
    r.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _register_option(r)
    r.set_defaults(func=cmd_run)

    c = sub.add_parser("check", parents=[common], help="compare a new pack with what the store holds")
    c.add_argument("pack", help="the new pack (.pdf or text)")
    c.add_argument("--store", required=True, help="output folder of an earlier run")
    c.add_argument("--dpi", type=dpi_value, default=DPI, help=f"render resolution for scanned pages (default {DPI})")
    c.add_argument("--record", action="store_true", help="also add the pack to the store")
    c.add_argument("--json", action="store_true", help="print the report as JSON (the same findings, as data)")
    c.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _register_option(c)
    c.set_defaults(func=cmd_check)

    a = sub.add_parser("apply", parents=[common],
                       help="store a person's decisions: review.csv (corrected values) or unmatched.csv (refs)")
    a.add_argument("review", help="review.csv with corrected_value filled in, or unmatched.csv with ref filled in")
    a.add_argument("--store", help="output folder (default: the folder holding the file)")
    _register_option(a)
    a.set_defaults(func=cmd_apply)

    g = sub.add_parser("register", parents=[common],
                       help="print the register of indicators; 'register init' proposes one from packs")
    g.add_argument("--csv", action="store_true", help="write it as CSV (a template for --register)")
    _register_option(g)
    g.set_defaults(func=cmd_register)
    gsub = g.add_subparsers(dest="action")
    gi = gsub.add_parser("init", parents=[common],
                         help="propose a register from a folder of packs: one entry per indicator they print")
    gi.add_argument("paths", nargs="+", help="packs: files or folders")
    gi.add_argument("--out", required=True, help="the CSV to write (edit it, then pass it with --register)")
    gi.add_argument("--no-ocr", action="store_true", help="skip image-only pages")
    gi.add_argument("--workers", type=workers_value, help="OCR worker processes (default: one per core)")
    gi.add_argument("--quiet", action="store_true", help="no progress on stderr")
    gi.set_defaults(func=cmd_register_init)

    m = sub.add_parser("match", parents=[common], help="show register candidates for a title")
    m.add_argument("title")
    m.add_argument("--ref", default="", help="the ref as printed, if any")
    m.add_argument("--unit", choices=["percent", "number"], help="what the row's values look like")
    _register_option(m)
    m.set_defaults(func=cmd_match)

    d = sub.add_parser("doctor", parents=[common], help="check system programs and versions (and a store)")
    d.add_argument("--store", metavar="DIR", help="also check the store in DIR (SQLite integrity_check)")
    d.set_defaults(func=cmd_doctor)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:          # argparse has printed the usage line (code 2) or --help/--version (0)
        return ExitCode.USAGE if e.code else ExitCode.OK
    debug = args.debug or os.environ.get(DEBUG_ENV, "") not in ("", "0")
    args.progress = StderrProgress(quiet=getattr(args, "quiet", False), debug=debug)
    try:
        return args.func(args)
    except RecoverError as e:
        args.progress.problem(e)     # printed once, even if it was already reported as found
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as e:           # a bug: one line by default, the traceback on request
        if debug:
            traceback.print_exc()
        else:
            print(f"error: recover crashed: {type(e).__name__}: {_one_line(str(e))} (this is a bug in recover; "
                  f"run again with --debug, or {DEBUG_ENV}=1, to see the traceback, and report it)", file=sys.stderr)
        return ExitCode.CRASH


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
