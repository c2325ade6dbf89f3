"""Exceptions that carry an exit code and tell the user the fix (one line each)."""
from __future__ import annotations


class RecoverError(Exception):
    exit_code = 2
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
    exit_code = 3
    hint = "decrypt it first, e.g. qpdf --decrypt in.pdf out.pdf"


class CorruptInputError(RecoverError):
    exit_code = 4
    hint = "the file is damaged or not what its name says; re-download or re-export it"


class EmptyInputError(RecoverError):
    exit_code = 5
    hint = "the file has no pages or no text; check the download"


class NotAPackError(RecoverError):
    exit_code = 6
    hint = "no KPI dataset table was found; is this a Children and Families Scrutiny Panel pack?"


class UnsupportedInputError(RecoverError):
    exit_code = 7
    hint = "recover reads .pdf, .png/.jpg/.tif and .txt/.md/.tsv/.html"


class ReviewFileError(RecoverError):
    exit_code = 8
    hint = "fix the lines listed and run apply again; nothing was changed"


class MissingProgramError(RecoverError):
    exit_code = 9
