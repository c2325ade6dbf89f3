"""Reading a CSV file a person wrote (review.csv, unmatched.csv, a register): each record with the
line it starts on, so a message can name the line to fix even when a quoted field spans lines."""
from __future__ import annotations

import csv
from typing import Iterable


class MalformedCsv(csv.Error):
    """The csv module's error, with the line the bad record starts on and the line reading stopped at."""

    def __init__(self, start: int, stop: int, error: csv.Error):
        super().__init__(str(error))
        self.start = start
        self.stop = stop


def numbered_records(lines: Iterable[str]) -> list[tuple[int, list[str]]]:
    """(first line number, fields) of every record; raises MalformedCsv where the csv module fails."""
    reader = csv.reader(lines)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for rec in reader:
            out.append((start, rec))
            start = reader.line_num + 1
    except csv.Error as e:
        raise MalformedCsv(start, reader.line_num, e) from None
    return out
