"""Which packs and variants make up the full corpus and the committed demo set, and their file names."""
from __future__ import annotations

from .common import PACKS
from .register import meeting_date

VARIANTS = ("text", "scan300", "scan200", "mixed")
# A spread over the three eras (incl. the seed pack months and dashboard packs) gets the scanned
# and mixed variants in the full corpus; every pack gets a text-layer PDF.
SCANNED_PACKS = ("2018-04", "2018-09", "2019-01", "2019-06", "2019-10", "2020-01", "2020-04",
                 "2020-09", "2021-01", "2021-03", "2021-08", "2021-12")
DEMO = (("2018-09", "text"), ("2020-06", "text"), ("2019-06", "scan300"), ("2018-04", "mixed"),
        ("2021-01", "scan200"))


def full_plan(packs: list[str] | None = None, variants: list[str] | None = None) -> list[tuple[str, str]]:
    out = []
    for p in packs or PACKS:
        for v in VARIANTS:
            if v == "text" or p in SCANNED_PACKS:
                if variants is None or v in variants:
                    out.append((p, v))
    return out


def demo_plan(packs: list[str] | None = None, variants: list[str] | None = None) -> list[tuple[str, str]]:
    return [(p, v) for p, v in DEMO if (packs is None or p in packs) and (variants is None or v in variants)]


def file_name(pack: str, variant: str) -> str:
    """Named like a downloaded agenda (by meeting date), not by the pack month it contains."""
    return f"agenda_{meeting_date(pack)}_{variant}.pdf"
