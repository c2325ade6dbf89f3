"""`recover register` and `recover match`: the register and the matcher, readable in a terminal."""
from __future__ import annotations

import sys

from recover.register import load_register, register_csv

TITLE_WIDTH = 72


def cmd_register(path: str | None = None, csv_out: bool = False, out=sys.stdout) -> None:
    """Every indicator as an aligned table (long titles cut with '...'; aliases counted), or with
    csv_out the register as CSV, a template to edit and pass with --register. path: a register
    CSV (checked as --register would check it); None: the bundled one."""
    reg = load_register(path)
    if csv_out:
        out.write(register_csv(reg))
        return
    rows = [("ref", "unit", "section", "seen", "aliases", "title")]
    for ind in reg.indicators:
        rows.append((ind.ref, ind.unit, ind.section, f"{ind.first_seen}..{ind.last_seen}",
                     str(len(ind.aliases)) if ind.aliases else "", _cut(ind.title, TITLE_WIDTH)))
    _table(rows, out)
    print(f"{len(reg.indicators)} indicators ({reg.origin}, sha256 {reg.digest[:12]})", file=out)


def cmd_match(title: str, ref: str = "", unit_hint: str | None = None, register: str | None = None,
              out=sys.stdout) -> None:
    """The decision and the best candidates with their scores for one printed row (by its label:
    a run also weighs the row's values against what other packs hold)."""
    reg = load_register(register)
    m = reg.match(ref or "", title or "", unit_hint=unit_hint)
    print(f"match: {m.ref if m.ref else '(none: unmatched)'}  score {m.score:.3f}", file=out)
    print(f"why:   {m.why}", file=out)
    if not m.candidates:
        return
    rows = [("candidate", "score", "unit", "title")]
    for cand, score in m.candidates:
        ind = reg.get(cand)
        rows.append((cand, f"{score:.3f}", ind.unit, _cut(ind.title, TITLE_WIDTH)))
    _table(rows, out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3] + "..."


def _table(rows: list[tuple[str, ...]], out) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        cells = [c.ljust(w) for c, w in zip(row, widths)]
        print("  ".join(cells).rstrip(), file=out)
        if k == 0:
            print("  ".join("-" * w for w in widths), file=out)
