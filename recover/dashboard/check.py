"""A damaged dashboard block's values against what the packs print elsewhere for the same months.

A block read from text without positions (OCR'd text above all) has no confidence per value: a
digit OCR misread ('855' for '33') is placed by count as surely as the rest. The signs that OCR
damaged the block are in its readings: junk in a value's place (an unreadable month), marks of
the cell rules glued to a value (a reading below the count confidence). A dashboard repeats what
the tables print (its own pack's for the latest months, earlier packs' for the older ones), so
each value of a damaged block is checked against the other readings of its indicator and month
(the tables, and the other packs' dashboards, which repeat the same 13-month window a month on):
where there are some and none agrees at printed precision, or more packs print it otherwise than
alike (a misread OCR repeats in one producer's scans of several packs agrees with its copies), the
value is unreadable, saying so.
A lost leading digit ('7' for '17' in a row of counts that prints 5 and 6 too) looks as plausible
along the row as the truth; only another reading of the month gives it away.
Undamaged blocks are left alone (a revision a dashboard prints is the reconciler's to weigh), but
for a value every other reading prints with one digit more (_digit_lost): a clean-looking block's
'4' where the tables and the other packs print 14 is a digit OCR lost, never a revision.

The other way round, a value OCR read but could not vouch for (its looks disagreed: unreadable,
its text a value) in a row whose months are sure (most of its values ok) is ok when other
readings of its month print it alike and none prints otherwise: two readings of one printed
figure that agree are the evidence one look lacked ('27' read once of three looks, the earlier
pack's table prints 27). It stays below a clean read's confidence (corroborated_conf).

A chart whose text lost values of its window has no month it can vouch for (its values were
placed from the last month back); it is placed where the gaps make the most of its months agree
with the other readings of them, as far as that is clear (_placement), else it stays to review.
"""
from __future__ import annotations

from dataclasses import replace

from recover.model import Observation, RowRecord
from recover.identify.placing import Placing, agrees, place
from recover.printed.numbers import parse_value

from .settings import DEFAULT, DashboardSettings


def damaged_rows(rows: list[RowRecord], observations: list[Observation],
                 settings: DashboardSettings = DEFAULT) -> set[str]:
    """Dashboard rows some of whose readings show OCR damage."""
    dash = {r.row_id for r in rows if r.kind == "dashboard"}
    out = set()
    for o in observations:
        if o.row_id in dash:
            read = o.read_confidence if o.read_confidence is not None else o.confidence
            if o.status == "unreadable" or read < settings.count_conf - 1e-9:
                out.add(o.row_id)
    return out


def against_tables(rows: list[RowRecord], observations: list[Observation], mine: list[Observation],
                   settings: DashboardSettings = DEFAULT) -> list[Observation]:
    """`mine` (identified observations of some packs) with each ok value of a damaged dashboard
    row that every other reading of its (ref, month) among `observations` (a table's, another
    dashboard's) contradicts made unreadable, as is any dashboard value they all print with one
    digit more (when the input shows OCR damage somewhere: some row is damaged), and each value
    read doubtfully in a row whose months are sure that every other reading prints alike made ok
    (corroborated_conf)."""
    kind = {r.row_id: r.kind for r in rows}
    damaged = damaged_rows(rows, observations, settings)
    if not damaged:
        return list(mine)
    others: dict[tuple[str, str], list[Observation]] = {}
    for o in observations:
        if o.ref and o.status == "ok" and o.value is not None and kind.get(o.row_id) in ("table", "dashboard"):
            others.setdefault((o.ref, o.month), []).append(o)
    sure = _rows_with_sure_months(observations, {r for r, k in kind.items() if k == "dashboard"})
    placed = _placed_by_agreement(mine, others, kind, settings)
    out = []
    for o in mine:
        if o.row_id in placed:
            out.append(placed[o.row_id].pop(0))
            continue
        held = [h for h in others.get((o.ref, o.month), []) if h.row_id != o.row_id]
        lost_digit = o.status == "ok" and o.value is not None and kind.get(o.row_id) == "dashboard" \
            and bool(held) and _digit_lost(o, held)
        if o.status == "ok" and held and o.value is not None and (
                (o.row_id in damaged and _outvoted(o, held)) or lost_digit):
            what = "OCR-damaged dashboard" if o.row_id in damaged else "a digit lost"
            why = "; ".join(w for w in (o.why, f"{what}: {_printed_by(held, kind)}") if w)
            o = replace(o, status="unreadable", value=None, confidence=min(o.confidence, settings.unverified_conf),
                        why=why)
        elif o.row_id in sure and o.status == "unreadable" and held:
            o = _corroborated(o, held, kind, settings) or o
        out.append(o)
    return out


def _digit_lost(o: Observation, held: list[Observation]) -> bool:
    """Every other reading of the month prints o's digits and one more ('14' where o reads '4',
    '1297' for '127'): a digit OCR lost, in a block otherwise clean ('9 6 7 12 9 4 10 ...' for LAC3's
    14 at 200 dpi), not a revision (revisions change a figure, they do not drop one of its digits)."""
    mine = o.raw.strip().rstrip("%").strip()
    if not mine:
        return False
    for h in held:
        theirs = h.raw.strip().rstrip("%").strip()
        if _agrees(o, h) or not any(theirs[:i] + theirs[i + 1:] == mine
                                    for i in range(len(theirs)) if theirs[i].isdigit()):
            return False
    return True


def _outvoted(o: Observation, held: list[Observation]) -> bool:
    """No other reading of the month agrees with o, or more packs print it otherwise than print
    it alike (each pack one vote on each side its readings take): a misread that OCR repeats
    ('13' for 73 in one producer's scans of three packs) agrees with its copies, not the month."""
    agree = {h.pack for h in held if _agrees(o, h)}
    against = {h.pack for h in held if not _agrees(o, h)}
    return not agree or len(against) > len(agree)


def _placed_by_agreement(mine: list[Observation], others, kind: dict[str, str],
                     settings: DashboardSettings) -> dict[str, list[Observation]]:
    """{row_id: its observations, in `mine`'s order} for each dashboard row that lost values of
    its window and is placed by agreement (see _placement)."""
    rows: dict[str, list[Observation]] = {}
    for o in mine:
        if kind.get(o.row_id) == "dashboard" and o.ref:
            rows.setdefault(o.row_id, []).append(o)
    out = {}
    for rid, obs in rows.items():
        got = _placement(obs, others, settings)
        if got is not None:
            by_month = {o.month: o for o in got}
            out[rid] = [by_month[o.month] for o in obs]
    return out


def _placement(obs: list[Observation], others, settings: DashboardSettings) -> list[Observation] | None:
    """A chart whose text lost values of its window (OCR'd text: the values it kept were placed
    from the last month back, every month unverified) placed where its values, in their printed
    order, let the most months agree with the other readings of them (recover/identify/placing.py).
    None when nothing is so placed: the block stays to review."""
    obs = sorted(obs, key=lambda o: o.month)
    lost = next((i for i, o in enumerate(obs) if o.raw.strip()), len(obs))
    vals = obs[lost:]
    if lost == 0 or any(o.status == "ok" for o in vals):
        return None
    how = Placing(settings.agree_months, settings.corroborated_conf, settings.unverified_conf,
                  "values lost from the chart")
    return place(obs, vals, others, how)


def _rows_with_sure_months(observations: list[Observation], dash: set[str]) -> set[str]:
    """Dashboard rows most of whose months hold an ok value: their months were verified (by
    positions, by ruled cells, by count), so a doubtful value there is doubtful for its reading only."""
    n: dict[str, list[int]] = {}
    for o in observations:
        if o.row_id in dash:
            k = n.setdefault(o.row_id, [0, 0])
            k[0] += o.status == "ok"
            k[1] += 1
    return {r for r, (ok, all_) in n.items() if 2 * ok > all_}


def _corroborated(o: Observation, held: list[Observation], kind: dict[str, str],
                  settings: DashboardSettings) -> Observation | None:
    v = parse_value(o.raw.strip())
    if v.status != "ok" or v.value is None:
        return None
    read = replace(o, value=v.value, decimals=v.decimals)
    if not all(_agrees(read, h) for h in held):
        return None
    why = "; ".join(w for w in (o.why, f"read doubtfully; {_printed_by(held, kind)} alike") if w)
    return replace(read, status="ok", confidence=settings.corroborated_conf, why=why)


def _printed_by(held: list[Observation], kind: dict[str, str]) -> str:
    by = {k: sorted({h.raw for h in held if kind.get(h.row_id) == k}) for k in ("table", "dashboard")}
    return "; ".join(f"{'the tables' if k == 'table' else 'other dashboards'} print {', '.join(v)}"
                     for k, v in by.items() if v)


def _agrees(o: Observation, h: Observation) -> bool:
    return agrees(o.value, o.decimals, h)
