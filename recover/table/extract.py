"""Grids -> logical rows -> RowRecord + Observation. Shared by all three readers.

One pack's grids arrive in page order. Each grid finds its own header (packs repeat the header on
every page); rows without a header of their own inherit the previous grid's (a continuation table
whose header row was cropped). Rows leave here unidentified (ref=None) with what they print about
themselves (ref, title, the unit their values show, where they are); recover.identify decides which
indicator each is, once the values other packs hold are known.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from recover.model import Box, Cell, Extra, Grid, Observation, RowRecord, Value
from recover.printed.glyphs import strip_glyphs
from recover.printed.numbers import parse_change, parse_value
from recover.printed.roles import Role
from recover.table.header import Header, find_header, is_month_row
from recover.table.settings import TABLE, TableSettings

TEXT_ROLES = (Role.REF, Role.INDICATOR, Role.OWNER, Role.REPORTER, Role.OUTCOME, Role.COMMENTARY)
EXTRA_ROLES = (Role.PCT_PREV, Role.PCT_YEAR, Role.DOT, Role.AVG12, Role.MAX12, Role.PERCENTAGE_FLAG,
               Role.STAT_NEIGHBOUR, Role.ENGLAND, Role.SE_REGION, Role.TARGET, Role.PCT)


@dataclass(frozen=True)
class TableRead:
    rows: tuple[RowRecord, ...]
    observations: tuple[Observation, ...]
    headers: tuple[Header, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class LogicalRow:
    """A logical row before matching: texts by role, month cells by month."""
    grid: Grid
    index: int
    texts: dict
    months: tuple[tuple[str, Cell], ...]
    extras: tuple[tuple[str, str, Cell], ...]
    box: Box | None = None        # every cell of the row, ref to last column (where a person finds it)


def read_tables(grids: list[Grid], file_hash: str, register=None, settings: TableSettings = TABLE) -> TableRead:
    """register: unused (rows are identified later, by recover.identify); kept for callers."""
    rows: list[RowRecord] = []
    obs: list[Observation] = []
    headers: list[Header] = []
    warnings: list[str] = []
    previous: tuple[Header, Grid] | None = None
    pending: LogicalRow | None = None
    per_page: dict[int, int] = {}
    grid_no: dict[int, int] = {}      # id(grid) -> its number on its page, part of row_id
    for grid in grids:
        grid_no[id(grid)] = per_page[grid.page] = per_page.get(grid.page, -1) + 1
        header = find_header(grid, settings)
        if header is None:
            header = _inherit(grid, previous, warnings, settings)
            if header is None:
                continue
        else:
            header = _check_pack_hint(grid, header, warnings, settings)
            previous = (header, grid)
        headers.append(header)
        emit = lambda raw: _emit(raw, header, file_hash, rows, obs, grid_no[id(raw.grid)], settings)  # noqa: E731
        for raw in logical_rows(grid, header):
            if pending is not None and _continues(pending, raw):
                raw = _stitch(pending, raw)
                pending = None
            elif pending is not None:
                emit(pending)
                pending = None
            if not any(c.text.strip() for _, c in raw.months):
                pending = raw   # a title whose values may follow on the next page
                continue
            emit(raw)
    if pending is not None:
        _emit(pending, headers[-1], file_hash, rows, obs, grid_no[id(pending.grid)], settings)
    return TableRead(tuple(rows), tuple(obs), tuple(headers), tuple(warnings))


def _inherit(grid: Grid, previous, warnings: list[str], settings: TableSettings) -> Header | None:
    """A continuation table whose header was not repeated: use the previous page's header only when
    the column layout is the same, and never with full confidence."""
    if previous is None or grid.kind != "table" or not _has_values(grid):
        return None
    header, prev_grid = previous
    if grid.n_cols != prev_grid.n_cols or not _same_columns(grid, prev_grid, settings.same_column_tol):
        warnings.append(f"page {grid.page}: a table without month header whose columns differ from "
                        f"page {prev_grid.page}'s; not read")
        return None
    warnings.append(f"page {grid.page}: no month header; months taken from page {prev_grid.page}'s header")
    return replace(header, rows=(), conf=min(header.conf, settings.inherited_header),
                   why=f"header inherited from page {prev_grid.page}")


def _same_columns(a: Grid, b: Grid, tol: float) -> bool:
    """Column left edges line up (boxes known) or, without boxes, the column counts agree."""
    def lefts(g):
        out = {}
        for c in g.cells:
            if c.box is not None:
                out.setdefault(c.col, c.box.x0)
        return out
    la, lb = lefts(a), lefts(b)
    common = set(la) & set(lb)
    return all(abs(la[k] - lb[k]) <= tol for k in common)


def _check_pack_hint(grid: Grid, header: Header, warnings: list[str], settings: TableSettings) -> Header:
    hint = grid.meta.pack_hint
    if hint and hint != header.pack:
        warnings.append(f"page {grid.page}: header says pack {header.pack}, other clues say {hint}")
        return replace(header, conf=min(header.conf, settings.pack_hint_conflict),
                       why=(header.why + "; " if header.why else "") + f"pack month disagrees with clue {hint}")
    return header


def _has_values(grid: Grid) -> bool:
    return any(parse_value(c.text).status == "ok" for c in grid.cells)


def logical_rows(grid: Grid, header: Header) -> list[LogicalRow]:
    roles = {c.col: c for c in header.columns}
    labelled = any(c.role in ("ref", "indicator") for c in header.columns)
    first_month = min((c.col for c in header.month_columns()), default=0)
    out = []
    header_rows = set(header.rows)
    for i, row in enumerate(grid.rows()):
        if i in header_rows or not row:
            continue
        texts_all = [c.text for c in row]
        if is_month_row(texts_all) or not any(t.strip() for t in texts_all):
            continue   # a repeated header or an empty band
        texts: dict[str, str] = {}
        months = []
        extras = []
        for cell in row:
            col = roles.get(cell.col)
            if not labelled and cell.col < first_month and (col is None or col.role == "other"):
                # dashboards print only a label before the values: that label is the ref
                texts["ref"] = (texts.get("ref", "") + " " + cell.text).strip()
                continue
            if col is None:
                continue
            if col.role == "month":
                months.append((col.month, cell))
            elif col.role in TEXT_ROLES:
                texts[col.role] = (texts.get(col.role, "") + " " + cell.text).strip()
            elif col.role in EXTRA_ROLES:
                extras.append((col.role, col.label, cell))
        title = grid.meta.title
        if not labelled and title and not texts.get("indicator"):
            # a dashboard's chart title ('EH5-QL - Number of children ...') names the indicator
            # in words, so a label OCR damaged ('EHS5-QL') can still be matched by title
            texts["indicator"] = title.partition(" - ")[2] or title
        have = {m for m, _ in months}
        for col in header.month_columns():
            if col.month not in have:   # no cell found in that column: what it prints is unknown
                months.append((col.month, Cell(i, col.col, "", None, 0.0)))
        if _is_label_only(texts, months):
            continue
        out.append(LogicalRow(grid, i, texts, tuple(sorted(months, key=lambda m: m[0])), tuple(extras),
                          _union(c.box for c in row)))
    return out


def _row_lines(grid: Grid, row: int) -> str:
    """'a-b': the source lines a text reader took grid row `row` from (GridMeta.row_lines), so a
    person finds the row without recover."""
    span = grid.meta.lines_of(row)
    return f"{span[0]}-{span[1]}" if span else ""


def _union(boxes) -> Box | None:
    out = None
    for b in boxes:
        if b is not None:
            out = b if out is None else out.union(b)
    return out


def _is_label_only(texts: dict, months) -> bool:
    """Section captions and key rows: no ref, no title, no values."""
    has_text = texts.get("ref") or texts.get("indicator")
    has_vals = any(c.text.strip() for _, c in months)
    return not has_text and not has_vals


def _continues(pending: LogicalRow, raw: LogicalRow) -> bool:
    return not raw.texts.get("ref") and not raw.texts.get("indicator") and \
        any(c.text.strip() for _, c in raw.months)


def _stitch(title_part: LogicalRow, values_part: LogicalRow) -> LogicalRow:
    texts = dict(values_part.texts)
    for k, v in title_part.texts.items():
        texts[k] = (v + " " + texts.get(k, "")).strip()
    return LogicalRow(values_part.grid, values_part.index, texts, values_part.months,
                  values_part.extras, values_part.box)    # the values' page: the box stays on one page


def _emit(raw: LogicalRow, header: Header, file_hash: str, rows: list, obs: list, grid_no: int,
          settings: TableSettings) -> None:
    grid = raw.grid
    values = [(m, cell, parse_value(cell.text)) for m, cell in raw.months]
    row_id = f"{file_hash[:12]}:{grid.page}:{grid_no}:{raw.index}"
    box = raw.box or _union(cell.box for _, cell, _ in values)
    lines = _row_lines(grid, raw.index)
    extras = tuple(_extra(role, label, cell, grid.method, settings) for role, label, cell in raw.extras)
    row_conf = min([header.conf] + [c.conf for _, c, _ in values if c.text.strip()] or [1.0])
    rows.append(RowRecord(
        row_id=row_id, pack=header.pack, source=grid.source, page=grid.page, ref=None,
        ref_printed=raw.texts.get("ref", ""), title_printed=raw.texts.get("indicator", ""),
        match_score=0.0, match_why="", owner=raw.texts.get("owner", ""), reporter=raw.texts.get("reporter", ""),
        outcome=raw.texts.get("outcome", ""), commentary=raw.texts.get("commentary", ""),
        extras=extras, confidence=round(row_conf, 4), method=grid.method, file_hash=file_hash, box=box,
        lines=lines, kind="dashboard" if grid.kind == "dashboard" else "table",
        unit_hint=_unit_hint(values, dashboard=grid.kind == "dashboard") or "", labels=grid.meta.labels,
        blanks_dropped=grid.meta.blanks_dropped,
    ))
    # a row whose every month cell the reader saw prints no number is missing throughout, wherever
    # its '-' or 'tbc' tokens were meant to sit (seed 001 prints 4 '-' for 7 months)
    all_missing = all(v.status == "missing" and c.conf > 0 for _, c, v in values)
    for month, cell, value in values:
        if all_missing and cell.conf < settings.unreadable_below:
            cell = Cell(cell.row, cell.col, cell.text, cell.box, settings.all_missing)
        obs.append(_observation(month, cell, value, header, grid, row_id, file_hash, settings, lines))


def _unit_hint(values, dashboard: bool = False) -> str | None:
    """What the values' '%' signs say of the unit. A dashboard prints percentages without '%'
    under the note 'All figures shown as percentages' (which the block's labels carry), so there
    values without '%' say nothing."""
    ok = [v for _, _, v in values if v.status == "ok"]
    if not ok:
        return None
    pct = sum(1 for v in ok if v.is_percent)
    if pct * 2 > len(ok):
        return "percent"
    return "number" if pct == 0 and not dashboard else None


UNCHECKED_ROLES = ("stat_neighbour", "england", "se_region", "target")


def _extra(role: Role, label: str, cell: Cell, method: str, settings: TableSettings) -> Extra:
    """A non-month value of the row. In broken text the columns after the months are placed by
    their look alone; benchmarks and targets have no arithmetic to confirm the placement, so they
    never carry full confidence there."""
    if method == "extracted-text" and role in UNCHECKED_ROLES:
        cell = Cell(cell.row, cell.col, cell.text, cell.box, min(cell.conf, settings.unchecked_extra))
    if role in ("pct_prev", "pct_year", "pct_other"):
        v = parse_change(cell.text)
    elif role in ("dot", "percentage_flag"):
        return Extra(str(role), label, cell.text, None, cell.conf)
    else:
        v = parse_value(strip_glyphs(cell.text)[0])
    return Extra(str(role), label, cell.text, v.value, round(cell.conf * v.conf, 4))


def _observation(month: str, cell: Cell, value: Value, header: Header, grid: Grid,
                 row_id: str, file_hash: str, settings: TableSettings, lines: str = "") -> Observation:
    """The reading of one month cell; its ref, and the part of its confidence that depends on how
    surely its row was identified, are added by recover.identify."""
    status = value.status
    why = []
    if cell.conf < settings.unreadable_below and status in ("ok", "missing"):
        # a blank the reader could not place or did not find is not evidence of a blank print
        status = "unreadable"
        why.append(f"reader conf {cell.conf:.2f}" if cell.conf else "no cell found in this column")
    conf = cell.conf * value.conf * header.conf
    if value.conf < 1:
        why.append("glyphs stripped")
    if header.conf < 1:
        why.append(header.why or "header repaired")
    if status == "unreadable":
        conf = min(conf, settings.unreadable_cap)
    return Observation(
        pack=header.pack, source=grid.source, page=grid.page, ref=None, month=month,
        raw=cell.text, value=value.value if status == "ok" else None, status=status,
        confidence=round(conf, 4), method=grid.method, box=cell.box, decimals=value.decimals,
        row_id=row_id, file_hash=file_hash, why="; ".join(why), lines=lines,
    )


__all__ = ["read_tables", "TableRead", "logical_rows"]
