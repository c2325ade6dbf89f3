"""The text part of a row (ref, title, owner, reporter, outcome) aligned to the header's text
columns: a lost ref or a merged Owner+Reporter cell becomes an inserted empty cell (conf < 1), a
ref glued to its title is split off."""
from __future__ import annotations

import re
from functools import lru_cache

from recover.printed.cells import is_long_text, is_name_like
from recover.printed.confusions import fold_lookalikes
from recover.printed.glyphs import is_junk_char
from recover.printed.refs import is_ref_like, split_glued_ref
from recover.printed.text import norm

from .dp import dp_align
from .settings import CONF


@lru_cache(maxsize=65536)
def _text_cost(t: str, role: str) -> float:
    ref, name, long_ = is_ref_like(t), is_name_like(t), is_long_text(t)
    if role == "ref":
        if ref:
            return 0.0
        if not t:
            return 0.2
        return 0.3 if all(is_junk_char(ch) for ch in norm(t).replace(" ", "")) else 4.0
    if role == "indicator":
        return 0.0 if long_ else (3.0 if ref else (0.5 if t and not name else 2.0))
    if role in ("owner", "reporter", "names"):
        if not t:
            return 0.3
        return 2.0 if ref and not name else (0.0 if name else 4.0)
    if role == "outcome":
        return 0.0 if long_ else (1.0 if not t else 3.0)
    return 1.0


_TEXT_EMPTY = {"ref": 1.0, "indicator": 5.0, "owner": 1.2, "reporter": 1.0, "names": 1.5,
               "outcome": 2.5, "other": 0.4}


def _text_merge(group: list[str], role: str) -> float | None:
    joined = " ".join(norm(g) for g in group if norm(g))
    if role in ("names",) and all(is_name_like(g) for g in group):
        return 0.6 * (len(group) - 1)
    return 1.6 * (len(group) - 1) + _text_cost(joined, role)


_IMAGE = re.compile(r"Image:\s*")


def clean_text_cell(t: str) -> str:
    """'Number of new ChildImage: Stress of...' -> 'Number of new Child': a document converter's
    image alt text is dropped; when it is all the cell holds, it is kept once ('Image: X Image: X')."""
    t = norm(t)
    if "Image:" in t:
        before = norm(t.split("Image:", 1)[0])
        if before:
            return before          # what follows is the converter's OCR of an image: junk
        parts = [norm(p) for p in _IMAGE.split(t) if norm(p)]
        seen: list[str] = []
        for p in parts:
            if p not in seen:
                seen.append(p)
        t = " ".join(seen)
    return t


def _junk_ref(t: str) -> tuple[str, str] | None:
    """'হ Looked after Children rate...' -> ('হ', 'Looked after ...'): an OCR-garbled ref glued to
    the title as glyph junk."""
    head, _, rest = norm(t).partition(" ")
    if head and rest and all(is_junk_char(ch) for ch in head) and len(rest.split()) >= 3:
        return head, rest
    return None


def _glued_ref(t: str) -> tuple[str, str] | None:
    ref, title = split_glued_ref(norm(t))
    return (ref, title) if ref and title else None


def align_text(cells: list[str], roles: list[str]) -> tuple[list[str], list[float], list[str], float]:
    cells = [clean_text_cell(c) for c in cells]
    notes: list[str] = []
    split_conf: dict[int, float] = {}
    # a ref glued to its title, then junk standing where the ref was: each split is tried only
    # while the first cell still does not look like a ref
    for split, note, conf in ((_glued_ref, "ref-split-from-title", {0: CONF.ref_split, 1: CONF.title_split}),
                              (_junk_ref, "junk-ref-split-from-title", {0: CONF.junk_ref, 1: CONF.title_split})):
        if roles and roles[0] == "ref" and cells and not is_ref_like(cells[0]):
            parts = split(cells[0])
            if parts:
                cells = [parts[0], parts[1]] + cells[1:]
                notes.append(note)
                split_conf = conf
    cost, groups = dp_align(cells, roles, _text_cost, lambda r: _TEXT_EMPTY.get(r, 0.4), _text_merge,
                            overflow=3.0)
    out, confs = [], []
    for j, g in enumerate(groups):
        if j >= len(roles):
            # Extra text cells beyond the header's text columns: fold into the last one.
            out[-1] = norm(out[-1] + " " + cells[g[0]])
            confs[-1] = min(confs[-1], CONF.merged)
            notes.append("text-overflow-merged")
            continue
        if not g:
            out.append("")
            confs.append(CONF.inserted)
            notes.append(f"inserted-empty:{roles[j]}")
        elif len(g) == 1:
            out.append(cells[g[0]])
            confs.append(split_conf.get(g[0], 1.0))
        else:
            out.append(" ".join(cells[k] for k in g if cells[k]))
            confs.append(CONF.merged)
            notes.append(f"merged:{roles[j]}")
    if out and roles and roles[0] == "ref" and out[0] != fold_lookalikes(out[0]):
        out[0] = fold_lookalikes(out[0])
        confs[0] = min(confs[0], CONF.merged)
        notes.append("ref-homoglyphs-folded")
    return out, confs, notes, cost
