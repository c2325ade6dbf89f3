"""What a printed row or dashboard block says about which indicator it is.

An Evidence record is the input of identification, whatever read it: a dataset table row (its Ref
and Indicator cells), a dashboard block (its label, the legend 'Benchmarking (REF)', the chart
title and caption, the note 'All figures shown as percentages'), and in every case the values it
prints by month, the pack month and the file it comes from.
"""
from __future__ import annotations

from dataclasses import dataclass

from recover.model import Observation, RowRecord

KINDS = ("table", "dashboard")
REF_LABELS = ("legend", "title_ref")   # RowRecord.labels that print a ref: a dashboard's legend
                                       # ('Benchmarking (REF)', the series name) and its title's ref


@dataclass(frozen=True)
class Reading:
    """One month value the row prints (status ok), at its printed precision."""
    month: str                    # YYYY-MM
    value: float
    decimals: int | None = 0


@dataclass(frozen=True)
class Evidence:
    key: str                      # identifies the row in the result (a RowRecord's row_id)
    refs: tuple[str, ...] = ()    # printed ref texts: the Ref cell; a dashboard's label and legend ref
    titles: tuple[str, ...] = ()  # printed titles: the Indicator cell; a chart title and caption
    unit_hint: str | None = None  # 'percent' (values print '%', or a percent note), 'number', None
    values: tuple[Reading, ...] = ()
    pack: str = ""                # YYYY-MM of the pack: values of one pack never vouch for each other
    file: str = ""                # the file's content hash: a file's tables print an indicator once
    kind: str = "table"           # table | dashboard
    order: tuple = ()             # position in its file, for the print-order tie-break
    span: tuple[float, float] | None = None   # the row's top and bottom on its page (None: not known)

    @staticmethod
    def block(key: str, *, label: str = "", legend_ref: str = "", title: str = "", caption: str = "",
              percent_note: bool = False, unit_hint: str | None = None, values=(), pack: str = "",
              file: str = "", order: tuple = ()) -> "Evidence":
        """A dashboard block. percent_note: the block says 'All figures shown as percentages' (its
        values are then printed without '%'); otherwise unit_hint as for a row ('percent' when the
        values print '%'; 'number' is taken as no hint, see block_hint). values: Reading records or
        (month, value, decimals) tuples of the values read as numbers."""
        readings = tuple(v if isinstance(v, Reading) else Reading(*v) for v in values)
        return Evidence(key, tuple(t for t in (label, legend_ref) if t), tuple(t for t in (title, caption) if t),
                        block_hint(unit_hint, percent_note), readings, pack, file, "dashboard", order)


def block_hint(unit_hint: str | None, percent_note: bool) -> str | None:
    """What a dashboard block's values say of its unit. Dashboards print percentages bare under a
    note, and a note is easily missed (it sits in the benchmarking box, apart from the values), so
    values without '%' say nothing there: only a '%' or the note counts."""
    if percent_note:
        return "percent"
    return None if unit_hint == "number" else unit_hint


def unit_hint_of(percent_flags: list[bool]) -> str | None:
    """What a row's values say of its unit: 'percent' when most print '%', 'number' when none do,
    None when they are mixed or there are none."""
    if not percent_flags:
        return None
    pct = sum(percent_flags)
    if pct * 2 > len(percent_flags):
        return "percent"
    return "number" if pct == 0 else None


def row_order(row_id: str) -> tuple:
    """'<hash>:<page>:<grid>:<row>' -> (page, grid, row) as numbers: the order a file prints rows."""
    parts = row_id.split(":")[1:]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        return tuple(parts)


def from_row(row: RowRecord, observations: list[Observation]) -> Evidence:
    """The evidence of a stored row: its printed texts, its unit hint and its ok month values."""
    refs = [row.ref_printed] + [text for role, text in row.labels if role in REF_LABELS]
    titles = [row.title_printed] + [text for role, text in row.labels if role == "caption"]
    note = any(role == "unit_note" and text == "percent" for role, text in row.labels)
    if (row.kind or "table") == "dashboard":
        hint = block_hint(row.unit_hint or None, note)
    else:
        hint = "percent" if note else row.unit_hint or None
    values = tuple(sorted((Reading(o.month, o.value, o.decimals) for o in observations
                           if o.status == "ok" and o.value is not None), key=lambda r: r.month))
    span = (row.box.y0, row.box.y1) if row.box is not None else None
    return Evidence(row.row_id, tuple(t for t in refs if t), tuple(t for t in titles if t), hint, values,
                    row.pack or "", row.file_hash, row.kind or "table", row_order(row.row_id), span)
