"""What one pack prints: tables of rows (month cells + extras + commentary) and dashboard blocks.

Everything is decided here from the truth as the pack saw it (provisional values inside a revision
window); render.py only lays it out. All choices are seeded by (pack, ref, ...) so a pack renders the
same every time and independently of which other packs are rendered.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import register as reg
from .common import PACKS, era as era_of, fmt_num, label, month_add, rng, round_half_up, window
from .truth import Truth, TruthCell

PUA_SIMILAR = "\uf0e8"   # a Wingdings-style private-use arrow some exports carry


@dataclass(frozen=True)
class MonthCell:
    month: str
    printed: str
    value: str      # the number as printed, without '%' or separators; '' when missing
    status: str     # ok | missing


@dataclass
class Row:
    ind: reg.Indicator
    ref_printed: str
    title: str
    owner: str
    reporter: str
    outcome: str
    cells: list[MonthCell]
    extras: dict[str, str]
    commentary: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    role: str          # ref | text | name | month | extra | commentary


@dataclass
class Table:
    kind: str          # main | earlyhelp
    title: str
    columns: list[Column]
    rows: list[Row]
    font_size: float
    narrow_ref: bool = False


@dataclass
class Dashboard:
    ref: str
    label: str
    title: str
    cells: list[MonthCell]
    values: list[float | None]


@dataclass(frozen=True)
class Chart:
    """One indicator of the plotting-library dashboards (dash.py): 13 months as the pack knew them."""
    ref: str
    title: str
    section: str
    unit: str
    cells: tuple[MonthCell, ...]
    values: tuple[float | None, ...]


# the original dashboard refs plus percent indicators and long refs (label cells truncate them)
CHART_REFS = ("M1", "M2", "M3", "EH2", "EH3", "EH5-QL", "CP1", "CP6B", "CP2", "CP9", "CP7", "LAC1",
              "LAC2", "LAC3", "LAC13", "LAC9 (val)", "LAC16", "EH1a", "M8-QL", "CP4", "LAC7-QL", "NI147",
              "LAC10 (%)", "LAC11-QL (%)")


@dataclass
class PackContent:
    pack: str
    era: int
    months: list[str]
    month_labels: list[str]
    tables: list[Table]
    dashboards: list[Dashboard]
    name_style: str          # glyph | chunk
    meeting: str
    agenda_item: int
    blank_page: bool
    arrows: dict[str, str] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)


def pct_decimals(era: int) -> int:
    return 1 if era <= 2 else 0


def fmt_value(unit: str, v: float, era: int) -> tuple[str, str]:
    """(printed text, value as printed) for one month value."""
    if unit == "percent":
        s = fmt_num(v, pct_decimals(era))
        return s + "%", s
    s = fmt_num(v, 0)
    return s, s


def month_cell(truth: Truth, ind: reg.Indicator, month: str, pack: str, era: int) -> MonthCell:
    c = truth.in_pack(ind.ref, month, pack)
    if c.status != "ok" or c.value is None:
        return MonthCell(month, c.marker, "", "missing")
    printed, value = fmt_value(ind.unit, c.value, era)
    return MonthCell(month, printed, value, "ok")


def header_labels(pack: str, months: list[str]) -> list[str]:
    """Mostly 'Oct-19'; some packs spell one month 'Sept-19' or drop a hyphen ('Mar20')."""
    r = rng("labels", pack)
    labels = [label(m) for m in months]
    x = r.random()
    if x < 0.25:
        for i, m in enumerate(months):
            if m[5:7] == "09":
                labels[i] = label(m, "sept")
    elif x < 0.4:
        i = r.randrange(len(months))
        labels[i] = label(months[i], "nohyphen")
    return labels


def arrow_set(pack: str, era: int) -> dict[str, str]:
    similar = {1: "\u2192", 2: "\u21d2", 3: "\u2192"}[era]
    if era == 3 and rng("pua", pack).random() < 0.35:
        similar = PUA_SIMILAR
    return {"up": "\u2191", "down": "\u2193", "similar": similar}


def pct_change(cur: TruthCell, old: TruthCell, arrows: dict[str, str] | None) -> str:
    if cur.status != "ok" or old.status != "ok" or not old.value:
        return "- n/a"
    p = round_half_up((cur.value - old.value) / old.value * 100.0)
    s = f"{int(p)}%"
    if arrows is None:
        return s
    a = arrows["up"] if p >= 10 else arrows["down"] if p <= -10 else arrows["similar"]
    return f"{a} {s}"


def avg_style(ref: str) -> str:
    x = rng("avgstyle", ref).random()
    return "sep" if x < 0.25 else "dec2" if x < 0.32 else "plain"


def fmt_stat(unit: str, v: float, era: int, style: str) -> str:
    if unit == "percent":
        return fmt_num(v, pct_decimals(era)) + "%"
    if style == "dec2":
        return fmt_num(v, 2)
    return fmt_num(v, 0, sep=(style == "sep"))


def twelve_month(truth: Truth, ind: reg.Indicator, pack: str, era: int) -> tuple[str, str]:
    vals = [c.value for k in range(12)
            if (c := truth.in_pack(ind.ref, month_add(pack, -k), pack)).status == "ok"]
    if not vals:
        return "-", "-"
    style = avg_style(ind.ref)
    return (fmt_stat(ind.unit, sum(vals) / len(vals), era, style),
            fmt_stat(ind.unit, max(vals), era, style if style == "dec2" else "plain"))


def fin_year(pack: str, offset: int = 0) -> str:
    y = int(pack[:4]) - (1 if int(pack[5:7]) < 4 else 0) + offset
    return f"{y % 100:02d}-{(y + 1) % 100:02d}"


def fmt_bench(ind: reg.Indicator, b, era: int) -> list[str]:
    if isinstance(b[0], str):
        return list(b)
    return [fmt_value(ind.unit, v if ind.unit != "percent" else min(v, 99.0), era)[0] for v in b]


# --- commentary -------------------------------------------------------------------------------

GENERIC = [
    "Performance is being monitored closely by the service manager.",
    "This will be explored further at the next performance clinic.",
    "The figure remains broadly in line with statistical neighbours.",
    "Capacity and high caseloads remain an issue and this also impacts.",
    "Cases are reviewed weekly to ensure timely progression.",
    "Recording is expected to catch up next month as teams complete the backlog.",
    "Audits are regularly undertaken to ensure that thresholds are applied consistently.",
    "The service is well sighted on the case detail behind the performance.",
    "A more detailed data report will be part of the overall KPI suite.",
    "This is an area to explore further with partners.",
    "The 12 month average continues to broadly align with the SN average.",
    "Staff leave over the holiday period is likely to have affected this figure.",
]
COVID = [
    "Covid 19 continues to affect demand and the way visits are undertaken.",
    "Schools being closed has reduced the number of contacts from education professionals.",
]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _noun(title: str) -> str:
    words = title.split()
    if words and words[0] in ("Number", "Percentage", "Rate"):
        words = words[:9]
        return "the " + " ".join([words[0].lower()] + words[1:])
    return "this indicator"


def commentary(ind: reg.Indicator, pack: str, era: int, cur: TruthCell, old: TruthCell,
               avg: str, prev_ref: str | None, title: str) -> str:
    r = rng("comment", pack, ind.ref)
    x = r.random()
    if x < 0.14:
        return ""
    if x < 0.24 and prev_ref:
        return f"As above ({prev_ref})" if r.random() < 0.6 else "See above"
    parts = []
    mon = label(pack).replace("-", " ")
    if cur.status == "ok" and old.status == "ok" and old.value:
        p = int(round_half_up((cur.value - old.value) / old.value * 100))
        if p == 0:
            parts.append(f"{_cap(_noun(title))} remains consistent with {label(month_add(pack, -1)).replace('-', ' ')}.")
        else:
            verb = "increased" if p > 0 else "reduced"
            parts.append(f"{_cap(_noun(title))} during {mon} has {verb} by {abs(p)}%.")
    if avg not in ("-", "") and r.random() < 0.5:
        parts.append(f"This compares with a 12 month average of {avg}.")
    n = r.randint(0, 1) if era == 2 else r.randint(1, 3)
    pool = GENERIC + (COVID if "2020-03" <= pack <= "2021-06" else [])
    parts += r.sample(pool, n)
    return " ".join(parts)


# --- tables -----------------------------------------------------------------------------------

USABLE_W = 1190.55 - 2 * 28


def _fit(cols: list[tuple], flex: dict[str, float]) -> list[Column]:
    """Fixed widths as given; the flexible text columns share what is left of the page width."""
    fixed = sum(w for _, _, w, _ in cols if _ not in flex)
    spare = USABLE_W - fixed
    tot = sum(flex.values())
    return [Column(k, h, (spare * flex[k] / tot) if k in flex else w, role) for k, h, w, role in cols]


def columns_for(pack: str, era: int, labels: list[str], kind: str, narrow_ref: bool) -> list[Column]:
    months = [(f"m{i}", lab, {1: 33, 2: 31, 3: 38}[era], "month") for i, lab in enumerate(labels)]
    outcome = "Outcome (what impact will monitoring these measures have on the experiences of our children)"
    if era == 1:
        cols = [("ref", "Ref.", 36, "ref"), ("title", "Indicator", 0, "text"), ("owner", "Owner", 15, "name"),
                ("reporter", "Reporter", 15, "name"), ("outcome", outcome, 0, "text"), *months,
                ("pct_prev", "% change from previous month", 38, "extra"),
                ("pct_year", "% change from same month prev yr", 38, "extra"), ("dot", "DoT", 16, "extra"),
                ("avg12", "12 month average", 34, "extra"), ("max12", "12-mnth max value", 34, "extra"),
                ("pflag", "Percentage?", 28, "extra"), ("sn", "Stat. Neighbour", 30, "extra"),
                ("eng", "England", 30, "extra"), ("se", "SE region", 30, "extra"),
                ("t1", f"Target {fin_year(pack, -1)}", 25, "extra"), ("t2", f"Target {fin_year(pack)}", 25, "extra"),
                ("t3", f"Target {fin_year(pack, 1)}", 25, "extra")]
        return _fit(cols, {"title": 1.0, "outcome": 1.0})
    if era == 2:
        cols = [("ref", "Ref.", 34, "ref"), ("title", "Indicator", 0, "text"), ("owner", "Owner", 14, "name"),
                ("reporter", "Reporter", 14, "name")]
        if kind == "main":
            cols.append(("outcome", outcome, 0, "text"))
        cols += [*months, ("pct_prev", "% change from previous month", 36, "extra"),
                 ("pct_year", "% change from same month prev. yr", 36, "extra"), ("dot", "DoT", 14, "extra"),
                 ("avg12", "12 month average", 32, "extra"), ("max12", "12-month max value", 32, "extra"),
                 ("pflag", "Percentage?", 26, "extra"), ("sn", "Stat. Neighbour", 28, "extra"),
                 ("eng", "England", 28, "extra"), ("se", "SE region", 28, "extra"),
                 ("t1", f"Target {fin_year(pack, -1)}", 24, "extra"), ("t2", f"Target {fin_year(pack)}", 24, "extra"),
                 ("commentary", f"Commentary ({label(pack)}):", 0, "commentary")]
        flex = {"title": 0.9, "outcome": 0.85, "commentary": 1.2} if kind == "main" else {"title": 1.3, "commentary": 1.6}
        return _fit(cols, flex)
    prev, year = label(month_add(pack, -1)), label(month_add(pack, -12))
    cols = [("ref", "Ref.", 17 if narrow_ref else 36, "ref"), ("title", "Indicator", 0, "text"),
            ("owner", "Owner", 16, "name"), ("reporter", "Reporter", 16, "name"), ("outcome", outcome, 0, "text"),
            *months, ("pct_prev", f"% change from {prev}", 46, "extra"),
            ("pct_year", f"% change from {year}", 46, "extra"), ("avg12", "12-mnth avg", 36, "extra"),
            ("max12", "12-mnth max.", 36, "extra"), ("sn", "SN", 30, "extra"), ("eng", "ENG", 30, "extra"),
            ("se", "SE region", 30, "extra"), ("t1", f"Target {fin_year(pack)}", 32, "extra"),
            ("commentary", f"Commentary ({label(pack)})", 0, "commentary")]
    return _fit(cols, {"title": 1.0, "outcome": 1.0, "commentary": 1.9})


def build_row(truth: Truth, ind: reg.Indicator, pack: str, era: int, months: list[str],
              arrows: dict[str, str], prev_ref: str | None) -> Row:
    r = rng("row", pack, ind.ref)
    cells = [month_cell(truth, ind, m, pack, era) for m in months]
    cur = truth.in_pack(ind.ref, pack, pack)
    last = truth.in_pack(ind.ref, month_add(pack, -1), pack)
    year = truth.in_pack(ind.ref, month_add(pack, -12), pack)
    use_arrows = arrows if (era > 1 or r.random() < 0.7) else None
    avg, mx = twelve_month(truth, ind, pack, era)
    level = truth.level(ind.ref)
    bench = fmt_bench(ind, reg.benchmarks(ind, pack[:4], level), era)
    owner, reporter = reg.people_for(ind, era)
    title = reg.title_for(ind, era)
    ex = {"pct_prev": pct_change(cur, last, use_arrows), "pct_year": pct_change(cur, year, use_arrows),
          "avg12": avg, "max12": mx, "sn": bench[0], "eng": bench[1], "se": bench[2]}
    if era <= 2:
        ex["dot"] = r.choice(["\u25b2", "\u25bc", "", ""])
        ex["pflag"] = "P" if ind.unit == "percent" else "-"
    tg = reg.targets(ind, 3, level)
    ex.update({"t1": tg[0], "t2": tg[1], "t3": tg[2]})
    com = commentary(ind, pack, era, cur, last, avg, prev_ref, title) if era >= 2 else ""
    return Row(ind, ind.ref, title, owner, reporter, reg.outcome_for(ind.ref), cells, ex, com)


def build_pack(truth: Truth, pack: str) -> PackContent:
    era = era_of(pack)
    months = window(pack)
    labels = header_labels(pack, months)
    arrows = arrow_set(pack, era)
    main, eh = reg.rows_for_pack(truth.inds, pack, era)
    narrow = era == 3 and pack >= "2021-01"
    tables = []
    for kind, inds in (("main", main), ("earlyhelp", eh)):
        if not inds:
            continue
        rows, prev = [], None
        for ind in inds:
            rows.append(build_row(truth, ind, pack, era, months, arrows, prev))
            prev = ind.ref
        title = (f"Children and Families {label(pack)} Monthly dataset" if kind == "main"
                 else f"Early Help Dataset \u2013 {label(pack)}")
        tables.append(Table(kind, title, columns_for(pack, era, labels, kind, narrow), rows,
                            {1: 6.5, 2: 6.0, 3: 7.0}[era], narrow))
    dashboards = []
    idx = PACKS.index(pack) if pack in PACKS else 0
    if era == 3 and idx % 3 == 2:
        dmonths = [month_add(pack, -k) for k in range(12, -1, -1)]
        for ref in reg.dashboard_refs():
            ind = truth.by_ref.get(ref)
            if ind is None or not reg.printed_in(ind, pack):
                continue
            cells = [month_cell(truth, ind, m, pack, era) for m in dmonths]
            vals = [truth.in_pack(ref, m, pack).value for m in dmonths]
            dashboards.append(Dashboard(ref, ref, reg.title_for(ind, era), cells, vals))
    charts = []
    if dashboards:
        for ref in CHART_REFS:
            ind = truth.by_ref.get(ref)
            if ind is None or not reg.printed_in(ind, pack):
                continue
            charts.append(Chart(ref, reg.title_for(ind, era), ind.section, ind.unit,
                                tuple(month_cell(truth, ind, m, pack, era) for m in dmonths),
                                tuple(truth.in_pack(ref, m, pack).value for m in dmonths)))
    r = rng("pack", pack)
    return PackContent(pack, era, months, labels, tables, dashboards,
                       "glyph" if idx % 2 == 0 else "chunk", reg.meeting_date(pack),
                       r.choice([5, 6, 7, 8]), r.random() < 0.5, arrows, charts)
