"""pdfminer line streams (seed 001): one table row becomes a sequence of lines

    ref fragments      'M' / '2-' / 'N' / 'I Number of new referrals of Children in'
    title lines        'Need (CiN) rate per 10,000 (0-17 year'
    name fragments     'Ju' 'lia' 'n ' 'W' 'at' 'ki' 'ns' 'Ja' 'cq' 'ui' ' S' ...
    outcome lines      'Referrals for children in need of help'
    one values line    '48 90 66 87 67 69 56 -19% 8%  70 90 Local Local Local'
    commentary lines

Rotated cells come out as 2-3 letter fragments in reading order, with their spaces kept
('n ' ends a word, ' S' starts one), so fragments are joined exactly as they are, never with
added spaces: 'Julian Watkins', 'M2-NI'. A record is anchored on its values line and read
backwards (outcome, names, title, ref), so a line is never classified out of context. The
header is lost; '% change from Jul-21' survives between rows and is the pack's only date clue.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from recover.model import Grid, GridMeta
from recover.printed.months import month_add, month_diff, months_in_text
from recover.printed.numbers import BENCHMARK_WORDS, is_missing, is_number_token
from recover.printed.text import norm

from .align import Aligned, place_values
from .align_tail import align_tail
from .build import RowOut, make_grid
from .header import TextHeader, synthesise_header
from .settings import CONF

_PUA = re.compile(r"[\ue000-\uf8ff]")
_TOKEN = re.compile(r"-\s*n/a|[\ue000-\uf8ff]|\S+", re.I)
_HEADER_FRAG = re.compile(r"^\s*(%\s*change\b.*|from\s+[A-Za-z]{3,9}[-\s]?\d{2,4}\s*)$", re.I)


def _is_value_token(tok: str) -> bool:
    """A number, a missing marker or a benchmark word: what the values line of a row prints."""
    return bool(_PUA.fullmatch(tok)) or is_number_token(tok) or is_missing(tok) or tok.lower() in BENCHMARK_WORDS


def is_values_line(line: str) -> bool:
    toks = _TOKEN.findall(line.replace("\u00a0", " "))
    if not toks or not all(_is_value_token(t) for t in toks):
        return False
    has_marker = any(_PUA.fullmatch(t) or "n/a" in t.lower() for t in toks)
    return len(toks) >= 4 or (has_marker and len(toks) >= 2)


def split_text_values(line: str) -> tuple[str, str] | None:
    """'which meet their needs. 477 477 470 ...' -> ('which meet their needs.', '477 477 470 ...')."""
    matches = list(_TOKEN.finditer(line.replace("\u00a0", " ")))
    for i, m in enumerate(matches):
        rest = matches[i:]
        if len(rest) >= 6 and all(_is_value_token(r.group(0)) for r in rest) and i > 0:
            return line[: m.start()].rstrip(), line[m.start():]
    return None


def is_frag(line: str) -> bool:
    t = line.strip()
    return 0 < len(t) <= 3


_FRAGTEXT = re.compile(r"^\s*(\S{1,3})\s+(\(?[A-Z][A-Za-z].*)$")


def split_fragtext(line: str) -> tuple[str, str] | None:
    """'2b Number of transfer-ins' -> ('2b', 'Number of transfer-ins'): the last ref fragment glued
    to the first title line."""
    m = _FRAGTEXT.match(line)
    if not m or len(m.group(2).split()) < 2:
        return None
    return line[: m.end(1)], m.group(2)     # the fragment keeps its leading space (' %')


@dataclass
class Record:
    ref: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)
    values: str = ""
    commentary: list[str] = field(default_factory=list)
    first_line: int = 0
    values_line: int = 0
    last_line: int = 0
    notes: list[str] = field(default_factory=list)


def split_names(joined: str) -> tuple[str, str]:
    """'Julian WatkinsJacqui Schofield' -> ('Julian Watkins', 'Jacqui Schofield')."""
    s = norm(joined)
    m = re.search(r"(?<=[a-z])(?=[A-Z])", s)
    if m:
        return s[: m.start()].strip(), s[m.start():].strip()
    words = s.split()
    if len(words) == 4:
        return " ".join(words[:2]), " ".join(words[2:])
    return s, ""


def _records(lines: list[str]) -> tuple[list[Record], list[str], list[str]]:
    """Records anchored on values lines; also the header fragments found between them."""
    items: list[tuple[int, str, str]] = []     # (line no, class, text)
    header_bits: list[tuple[int, str]] = []
    for n, raw in enumerate(lines, start=1):
        line = raw.replace("\u00a0", " ").rstrip("\n")
        if not line.strip():
            continue
        if _HEADER_FRAG.match(line):
            header_bits.append((n, norm(line)))
            items.append((n, "header", line))
        elif is_values_line(line):
            items.append((n, "values", line))
        elif split_text_values(line):
            text, vals = split_text_values(line)
            items.append((n, "text", text))
            items.append((n, "values", vals))
        elif is_frag(line):
            items.append((n, "frag", line))
        else:
            items.append((n, "text", line))
    vidx = [i for i, it in enumerate(items) if it[1] == "values"]
    records: list[Record] = []
    warnings: list[str] = []
    prev = -1
    for v in vidx:
        rec = Record(values=items[v][2], values_line=items[v][0])
        region = [it for it in items[prev + 1: v] if it[1] != "header"]
        i = len(region) - 1
        while i >= 0 and region[i][1] == "text":
            rec.outcome.insert(0, region[i][2]); i -= 1
        while i >= 0 and region[i][1] == "frag":
            rec.names.insert(0, region[i][2]); i -= 1
        while i >= 0 and region[i][1] == "text":
            ft = split_fragtext(region[i][2])
            if ft and (i == 0 or region[i - 1][1] == "frag"):
                rec.title.insert(0, ft[1]); rec.ref.insert(0, ft[0]); i -= 1
                break
            rec.title.insert(0, region[i][2]); i -= 1
            if i >= 0 and region[i][1] == "frag":
                break
        while i >= 0 and region[i][1] == "frag":
            rec.ref.insert(0, region[i][2]); i -= 1
        # What is left belongs to the previous record's commentary.
        if records:
            records[-1].commentary.extend(it[2] for it in region[: i + 1])
            records[-1].last_line = region[i][0] if i >= 0 else records[-1].values_line
        elif i >= 0:
            warnings.append(f"lines {region[0][0]}-{region[i][0]}: text before the first row ignored")
        start = region[i + 1][0] if i + 1 < len(region) else items[v][0]
        rec.first_line = start
        if not rec.ref:
            rec.notes.append("ref-lost")
        records.append(rec)
        prev = v
    if records:
        tail = [it for it in items[prev + 1:] if it[1] != "header"]
        records[-1].commentary.extend(it[2] for it in tail)
        records[-1].last_line = tail[-1][0] if tail else records[-1].values_line
    for r in records:
        r.last_line = max(r.last_line, r.values_line)
    return records, [t for _, t in header_bits], warnings


def _header_clues(bits: list[str]) -> list[str]:
    """'% change', 'from Jul-21' -> '% change from Jul-21' (clue lines are split by pdfminer)."""
    out: list[str] = []
    for b in bits:
        if out and b.lower().startswith("from") and not months_in_text(out[-1]):
            out[-1] = f"{out[-1]} {b}"
        else:
            out.append(b)
    return [o for o in out if months_in_text(o)]


def infer_pack(clues: list[str]) -> tuple[str | None, str, str, list[str]]:
    """Pack month from '% change from <prev month>' and '% change from <same month last year>'."""
    months = sorted({m for c in clues for m in months_in_text(c)})
    if not months:
        return None, "% change from previous month", "% change from same month prev. yr", []
    notes = []
    if len(months) >= 2 and month_diff(months[0], months[-1]) == 11:
        pack = month_add(months[-1], 1)
        notes.append("pack_clue=prev+year agree")
    else:
        pack = month_add(months[-1], 1)
        notes.append("pack_clue=prev only")
    prev_label = next((c for c in clues if months_in_text(c)[-1] == month_add(pack, -1)), clues[0])
    year_label = next((c for c in clues if months_in_text(c)[-1] == month_add(pack, -12)),
                      "% change from same month prev. yr")
    return pack, prev_label, year_label, notes


def parse_values_line(line: str) -> tuple[list[str], list[str], str, list[str], str]:
    """-> (month tokens, [pct_prev, pct_year], dot glyph, [avg, max, sn, eng, se], why).

    The DoT column (a private-use arrow glyph, or a double space where it was blank) separates
    '... months, % prev, % year' from '12-mnth avg, max[, SN, ENG, SE]'."""
    s = line.replace("\u00a0", " ").strip()
    m = _PUA.search(s)
    if m:
        pre, post, dot, why = s[: m.start()], s[m.end():], m.group(0), "dot-glyph"
    else:
        pre, post, dot, why = s, "", "", "no-gap"
        for g in reversed(list(re.finditer(r"\s{2,}", s))):
            after = _TOKEN.findall(s[g.end():])
            if len(after) in (2, 4, 5):
                pre, post, why = s[: g.start()], s[g.end():], "double-space"
                break
    pre_t = _TOKEN.findall(pre)
    post_t = _TOKEN.findall(post)
    if why == "no-gap":
        k = 5 if len(pre_t) >= 12 else 2
        pre_t, post_t = pre_t[:-k], pre_t[-k:]
    pct = pre_t[-2:] if len(pre_t) >= 2 else [""] * (2 - len(pre_t)) + pre_t
    months = pre_t[:-2] if len(pre_t) >= 2 else []
    return months, pct, dot, post_t, why


def read_stream(text: str, source: str) -> tuple[list[Grid], list[str]]:
    lines = text.split("\n")
    records, bits, warnings = _records(lines)
    if not records:
        return [], warnings
    clues = _header_clues(bits)
    pack, prev_label, year_label, pack_notes = infer_pack(clues)
    parsed = [parse_values_line(r.values) for r in records]
    W = Counter(len(p[0]) for p in parsed).most_common(1)[0][0]
    if pack is None:
        warnings.append("stream: no date clue; header months unknown")
        return [], warnings
    header = synthesise_header(pack, W, prev_label, year_label)
    header.notes.extend(pack_notes)
    rows: list[RowOut] = []
    for rec, (months, pct, dot, post, why) in zip(records, parsed):
        rows.append(RowOut(_row(rec, months, pct, dot, post, why, header), rec.first_line,
                           rec.last_line))
    grid = make_grid(source, 1, header, rows, meta=GridMeta(
        pack_hint=pack, source_kind="pdfminer-stream", blanks_dropped=True, notes=("header clues: " + " | ".join(clues),)))
    return [grid], warnings


def _row(rec: Record, months: list[str], pct: list[str], dot: str, post: list[str], why: str,
         header: TextHeader) -> Aligned:
    ref = norm("".join(rec.ref))
    names = split_names("".join(rec.names))
    title = norm(" ".join(rec.title))
    outcome = norm(" ".join(rec.outcome))
    text_cells = [ref, title, names[0], names[1], outcome]
    text_confs = [CONF.stream_fragments if ref else CONF.stream_lost, 1.0, CONF.stream_fragments,
                  CONF.stream_fragments if names[1] else CONF.stream_lost, 1.0]
    bench = (post[2:] + ["", "", ""])[:3] if len(post) > 2 else ["", "", ""]
    tail = [pct[0], pct[1], dot, post[0] if post else "", post[1] if len(post) > 1 else ""] + bench
    tail.append(norm(" ".join(rec.commentary)))
    tail_cells, tail_confs, tail_notes = align_tail(tail, header.tail_roles)
    month_cells, month_confs, checks, notes = place_values(months, header.W, tail_cells,
                                                           header.tail_roles,
                                                           split_known=why != "no-gap")
    notes = rec.notes + [f"values-split={why}"] + tail_notes + notes
    return Aligned(cells=text_cells + month_cells + tail_cells,
                   confs=text_confs + month_confs + tail_confs, notes=notes, checks=checks)
