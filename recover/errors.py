"""Exit codes, and the exceptions that carry one and tell the user the fix (one line each).

Every code means one thing; the README's table of exit codes is this enum. When several inputs of a
run fail, the run exits with the code of the first failing file in name order.
"""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NEEDS_PERSON = 1      # `check` found something a person must look at
    USAGE = 2             # the command line is wrong (argparse's own code)
    ENCRYPTED = 3         # a PDF is password protected
    CORRUPT = 4           # a file is damaged or not what its name says
    EMPTY = 5             # a file has no bytes, no pages or no text
    NOT_A_PACK = 6        # a file holds no KPI dataset table
    UNSUPPORTED = 7       # a file type recover does not read
    REVIEW_FILE = 8       # a review, unmatched or register file with malformed lines (nothing applied)
    MISSING_PROGRAM = 9   # a system program or library is missing
    MISSING_FILE = 10     # an input path does not exist
    NO_ACCESS = 11        # an input cannot be opened (permissions)
    NOTHING_TO_READ = 12  # the inputs hold no file recover reads (an empty folder, say)
    PARTLY_READ = 13      # some pages of a pack could not be read; they are tried again next run
    STORE = 14            # the store (DIR/recover.sqlite) cannot be used; it is left untouched
    OUTPUT = 15           # the output folder cannot be written
    CRASH = 70            # a bug in recover (sysexits' EX_SOFTWARE); re-run with --debug for the traceback
    INTERRUPTED = 130     # Ctrl-C (128 + SIGINT)


class RecoverError(Exception):
    exit_code = ExitCode.CRASH
    hint = ""

    def __init__(self, source: str, reason: str, hint: str | None = None):
        self.source = source
        self.reason = reason
        if hint is not None:
            self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.source}: {self.reason}{tail}"


class EncryptedPdfError(RecoverError):
    exit_code = ExitCode.ENCRYPTED
    hint = "decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"


class CorruptInputError(RecoverError):
    exit_code = ExitCode.CORRUPT
    hint = "the file is damaged or not what its name says; re-download or re-export it"


class EmptyInputError(RecoverError):
    exit_code = ExitCode.EMPTY
    hint = "the file has no pages or no text; check the download"


class NotAPackError(RecoverError):
    exit_code = ExitCode.NOT_A_PACK
    hint = "no KPI dataset table was found; is this a Children and Families Scrutiny Panel pack?"


# what recover reads, as every message says it (the kinds themselves: recover.ingest.sources)
READS = ".pdf, .png/.jpg/.tif and .txt/.md/.tsv/.csv/.html"


class UnsupportedInputError(RecoverError):
    exit_code = ExitCode.UNSUPPORTED
    hint = f"recover reads {READS}"


class ReviewFileError(RecoverError):
    exit_code = ExitCode.REVIEW_FILE
    hint = "fix the lines listed and run apply again; nothing was changed"


class RegisterFileError(RecoverError):
    """A register CSV (--register FILE) that cannot be used: every bad line is listed. A file a person
    wrote, as review.csv is: the same code."""
    exit_code = ExitCode.REVIEW_FILE
    hint = "fix the lines listed; nothing was read or changed"


class MissingProgramError(RecoverError):
    exit_code = ExitCode.MISSING_PROGRAM


TESSERACT_HINT = ("install it: sudo apt-get install -y tesseract-ocr tesseract-ocr-eng, or run make setup; "
                  "the pack is read again on the next run")


class MissingFileError(RecoverError):
    exit_code = ExitCode.MISSING_FILE
    hint = "check the path"


class NoAccessError(RecoverError):
    exit_code = ExitCode.NO_ACCESS
    hint = "check the file's permissions (ls -l)"


class NothingToReadError(RecoverError):
    exit_code = ExitCode.NOTHING_TO_READ
    hint = f"recover reads {READS} files, and folders of them"


class PartlyReadError(RecoverError):
    """Some pages of a pack could not be read (typed failures: recover.model.PageFailure). What was
    read is kept and the pack is read again on the next run."""
    exit_code = ExitCode.PARTLY_READ
    hint = "what was read is kept; the pack is read again on the next run"

    @classmethod
    def of(cls, source: str, failures, pages: int, kept: bool = True) -> "RecoverError":
        """The error for a pack's failed pages; when a missing program (tesseract) is all that kept
        them from being read, a MissingProgramError (exit 9) that says how to install it."""
        shown = sorted(failures, key=lambda f: (f.page is None, f.page or 0))
        groups: dict[str, list] = {}          # one reason, all its pages (a damaged font spoils many)
        for f in shown:
            groups.setdefault(_short(f.reason()), []).append(f.page)
        listed = "; ".join(f"{_pages(pages)}: {why}" for why, pages in list(groups.items())[:3])
        if len(groups) > 3:
            listed += f"; and {len(groups) - 3} more"
        n = len({f.page for f in shown})
        reason = f"{n} of {pages} page(s) could not be read ({listed})"
        if not kept:
            reason += "; the pages that could be read hold no dataset table"
        kinds = {f.kind for f in shown}
        if kinds == {"program-missing"}:
            return MissingProgramError(source, f"{n} of {pages} page(s) need OCR, not read: {shown[0].detail}",
                                       hint=TESSERACT_HINT)
        fix = ("what was read is kept; the pack is read again on the next run" if kept
               else "the pack is read again on the next run")
        if "damaged" in kinds:
            fix += "; if it stays so, the file is damaged: download or export it again"
        elif "ocr-failed" in kinds:
            fix += "; --debug-images DIR shows the page"
        return cls(source, reason, hint=fix)


def _pages(pages: list) -> str:
    """'page 3', 'pages 1-14', 'pages 2, 5-6', 'the file' (a failure of no one page)."""
    if pages == [None]:
        return "the file"
    numbers = sorted({p for p in pages if p is not None})
    runs: list[list[int]] = []
    for p in numbers:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    text = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
    text = ("page " if len(numbers) == 1 else "pages ") + text
    return text + (" and the file" if None in pages else "")


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class StoreError(RecoverError):
    """The run's store cannot be used. Raised before anything is written to it."""
    exit_code = ExitCode.STORE


class OutputError(RecoverError):
    """The output folder cannot be written (not a folder, read-only, full)."""
    exit_code = ExitCode.OUTPUT


class UnexpectedError(RecoverError):
    """Reading one input raised something recover does not expect: a bug, reported for that file
    while the other inputs are still read. `detail` keeps the traceback for --debug."""
    exit_code = ExitCode.CRASH
    hint = "a bug in recover: run again with --debug for the traceback, and report it"

    def __init__(self, source: str, error: BaseException, detail: str = ""):
        self.error, self.detail = error, detail
        text = " ".join(str(error).split())
        super().__init__(source, f"could not be read: {type(error).__name__}" + (f": {text[:200]}" if text else ""))
