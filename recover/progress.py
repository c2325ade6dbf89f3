"""What a long run tells whoever is watching: the library reports events to a Progress object it
is given and never prints. The command line passes one that writes to stderr; a caller that wants
nothing passes nothing (`SILENT`), and one that wants a progress bar or a log subclasses `Progress`
and overrides the events it cares about.

Events, in the order a run makes them:
    planned(packs, skipped)                       how many inputs will be read, how many are unchanged
    pack_planned(name, pages, dataset, ocr, extent)  a pack opened and its pages classified; extent says
                                                  how much a text file held in its own terms ('412 lines
                                                  on 3 pages'), where its one provenance 'page' would
                                                  mislead ('' for a PDF or an image)
    page_read(done, total)                        one more page OCR'd (across every pack of the run)
    pack_done(name, pack, rows, cells)            a pack read (pack is the month it shows, YYYY-MM)
    problem(error)                                a per-file error record (a RecoverError), when found
    note(text)                                    anything else worth one line
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recover.errors import RecoverError


class Progress:
    """Every event does nothing; subclass and override."""

    def planned(self, packs: int, skipped: int) -> None:
        pass

    def pack_planned(self, name: str, pages: int, dataset: int, ocr: int, extent: str = "") -> None:
        pass

    def page_read(self, done: int, total: int) -> None:
        pass

    def pack_done(self, name: str, pack: str | None, rows: int, cells: int) -> None:
        pass

    def problem(self, error: "RecoverError") -> None:
        pass

    def note(self, text: str) -> None:
        pass


SILENT = Progress()
