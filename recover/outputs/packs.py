"""How well each pack was read: packs.csv, the report's quality table and `RunResult.packs`.

A pack's month cells are counted from the readings' side:
    ok          legible, in a series cell recover vouches for (ok, corrected, or printed missing)
    review      in a series cell a person should look at
    unreadable  too poor to count (the reader's confidence below its floor, or no cell found)
    unmatched   in a row that matched no indicator of the register
    outvoted    legible and counted as ok, but the series settled on another value: the reading was
                a misread, or the pack printed a provisional figure a later pack revised
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from ..reconcile.precision import agree
from ..reconcile.records import Reconciled

HOW = {"text": "text layer", "mixed": "text layer", "image": "OCR", "text-file": "extracted text"}


@dataclass(frozen=True)
class PackSummary:
    pack: str
    source: str
    file_hash: str
    method: str
    pages: int
    page_kinds: str               # "dataset 6 (text layer); dashboard 1 (text layer); prose 4"
    cells: int
    ok: int
    review: int
    unreadable: int
    unmatched: int
    outvoted: int
    mean_confidence: float
    seconds: float
    warnings: int
    read_at: str

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = tuple(PackSummary.__dataclass_fields__)


def summarise_packs(rec: Reconciled, store) -> list[PackSummary]:
    cells = rec.by_key()
    by_file: dict[str, list] = defaultdict(list)
    for o in store.observations(unmatched=True):
        by_file[o.file_hash].append(o)
    unmatched_rows = {r.row_id for r in store.rows() if not r.ref}
    warnings = _warning_counts(store)
    out = []
    for p in store.packs():
        obs = by_file.get(p.file_hash, [])
        count = Counter()
        for o in obs:
            if not o.ref or o.row_id in unmatched_rows:
                count["unmatched"] += 1
            elif o.status == "unreadable":
                count["unreadable"] += 1
            else:
                cell = cells.get((o.ref, o.month))
                if cell is not None and cell.status == "review":
                    count["review"] += 1
                else:
                    count["ok"] += 1
                    if cell is not None and cell.value is not None and o.value is not None and \
                            not agree(o.value, o.decimals, cell.value, cell.decimals):
                        count["outvoted"] += 1
        confs = [o.confidence for o in obs if o.confidence is not None]
        out.append(PackSummary(
            pack=p.pack or "", source=p.source, file_hash=p.file_hash[:12], method=p.method or "",
            pages=p.pages or 0, page_kinds=_page_kinds(store.pages(p.file_hash)), cells=len(obs),
            ok=count["ok"], review=count["review"], unreadable=count["unreadable"], unmatched=count["unmatched"],
            outvoted=count["outvoted"], mean_confidence=round(sum(confs) / len(confs), 4) if confs else 0.0,
            seconds=round(p.seconds or 0.0, 2), warnings=warnings.get(p.file_hash, 0), read_at=p.read_at or ""))
    return sorted(out, key=lambda s: (s.pack, s.source))


def _page_kinds(pages) -> str:
    kinds = Counter((p.kind, HOW.get(p.layer, p.layer)) for p in pages)
    order = {"dataset": 0, "dashboard": 1, "prose": 2, "blank": 3}
    parts = []
    for (kind, how), n in sorted(kinds.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])):
        parts.append(f"{kind} {n} ({how})" if kind in ("dataset", "dashboard") else f"{kind} {n}")
    return "; ".join(parts)


def _warning_counts(store) -> dict[str, int]:
    return {h: len(w) for h, w in store.pack_warnings().items()}
