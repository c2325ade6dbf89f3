"""One chart per indicator for report.html, drawn by matplotlib as SVG text (inline in the page).

The reconciled series is the line; review, corrected and revised months are marked: a revised
month shows the provisional value (grey cross) joined to the value that replaced it. Months with no
value leave a gap. Charts are cached by a hash of what they show (DIR/.cache/charts/), so a re-run
whose series did not change draws nothing.
"""
from __future__ import annotations

import hashlib
import io
import math
import re
from pathlib import Path

from ..reconcile.records import Revision, SeriesCell

VERSION = "1"
SIZE = (4.6, 1.9)                 # inches; the page shows them two or three abreast
COLOURS = {"ok": "#1f5fa8", "review": "#e07b00", "corrected": "#1a8f3c", "revised": "#777777"}
STYLE = {"ok": dict(marker="o", ms=2.6, mfc=COLOURS["ok"], mec=COLOURS["ok"]),
         "review": dict(marker="o", ms=6.5, mfc="none", mec=COLOURS["review"], mew=1.6),
         "corrected": dict(marker="D", ms=5.0, mfc=COLOURS["corrected"], mec=COLOURS["corrected"]),
         "revised": dict(marker="x", ms=5.0, mfc="none", mec=COLOURS["revised"], mew=1.3)}


class Charts:
    """Draws the charts of one report; one matplotlib figure is reused for all of them."""

    def __init__(self, cache_dir: str | Path | None):
        self.cache = Path(cache_dir) / "charts" if cache_dir else None
        self._fig = None
        self.drawn = 0
        self.cached = 0

    def svg(self, ref: str, cells: list[SeriesCell], revisions: list[Revision], prefix: str) -> str:
        """The chart as an <svg> element whose ids start with prefix (several share one page)."""
        key = hashlib.sha256(repr((VERSION, SIZE, ref, [(c.month, c.value, c.status, c.unit) for c in cells],
                                   [(r.month, r.old_value, r.new_value) for r in revisions])).encode()).hexdigest()[:20]
        text = self._load(key)
        if text is None:
            text = self._draw(cells, revisions)
            self._store(key, text)
            self.drawn += 1
        else:
            self.cached += 1
        return _prefixed(_element(text), prefix)

    def _load(self, key: str) -> str | None:
        if self.cache is None:
            return None
        path = self.cache / f"{key}.svg"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def _store(self, key: str, text: str) -> None:
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            tmp = self.cache / f".{key}.tmp"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(self.cache / f"{key}.svg")
        except OSError:
            pass          # a cache that cannot be written only costs time

    def _figure(self):
        """One figure and its artists, made once; each chart only sets their data (making ticks and
        axes again for every chart was two thirds of the drawing time)."""
        if self._fig is None:
            import matplotlib
            matplotlib.rcParams["svg.fonttype"] = "none"      # text stays text: small, sharp, selectable
            matplotlib.rcParams["svg.hashsalt"] = "recover"   # the same chart gives the same file
            from matplotlib.collections import LineCollection
            from matplotlib.figure import Figure
            fig = Figure(figsize=SIZE)
            fig.subplots_adjust(left=0.12, right=0.985, top=0.95, bottom=0.14)
            ax = fig.add_subplot()
            self._art = {"line": ax.plot([], [], "-", color=COLOURS["ok"], lw=1.1, zorder=2)[0]}
            for status in ("ok", "review", "corrected", "revised"):
                self._art[status] = ax.plot([], [], ls="none", zorder=3, **STYLE[status])[0]
            self._art["links"] = ax.add_collection(LineCollection([], colors=COLOURS["revised"], linestyles=":",
                                                                  linewidths=1.0, zorder=1))
            ax.tick_params(labelsize=7, length=2.5)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            ax.grid(axis="y", lw=0.4, color="#dddddd")
            self._fig = fig
        return self._fig

    def _draw(self, cells: list[SeriesCell], revisions: list[Revision]) -> str:
        from matplotlib.ticker import AutoLocator, ScalarFormatter
        fig = self._figure()
        ax, art = fig.axes[0], self._art
        months = sorted({c.month for c in cells})
        index = {m: i for i, m in enumerate(months)}
        by_month = {c.month: c for c in cells}
        ys = [by_month[m].value if by_month[m].value is not None else math.nan for m in months]
        art["line"].set_data(range(len(months)), ys)
        for status in ("ok", "review", "corrected"):
            pts = [(index[c.month], c.value) for c in cells if c.status == status and c.value is not None]
            art[status].set_data([x for x, _ in pts], [y for _, y in pts])
        revs = [r for r in revisions if r.month in index]
        art["revised"].set_data([index[r.month] for r in revs], [r.old_value for r in revs])
        art["links"].set_segments([[(index[r.month], r.old_value), (index[r.month], r.new_value)] for r in revs])
        values = [y for y in ys if not math.isnan(y)] + [r.old_value for r in revs]
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
        pad = (hi - lo) * 0.06 or max(abs(hi) * 0.06, 0.5)
        ax.set_ylim(lo - pad, hi + pad)
        ax.yaxis.set_major_locator(AutoLocator())
        percent = bool(cells) and cells[0].unit == "percent"
        ax.yaxis.set_major_formatter(_percent_formatter() if percent else ScalarFormatter())
        _month_axis(ax, months)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
        return _element(buf.getvalue())


def _percent_formatter():
    from matplotlib.ticker import FuncFormatter
    return FuncFormatter(lambda v, _: f"{v:g}%")


def _month_axis(ax, months: list[str]) -> None:
    if not months:
        return
    if len(months) <= 18:
        ticks = [i for i, m in enumerate(months) if int(m[5:]) % 3 == 1]
        labels = [_label(months[i]) for i in ticks]
    else:
        ticks = [i for i, m in enumerate(months) if m.endswith("-01")]
        labels = [months[i][:4] for i in ticks]
    ax.set_xticks(ticks, labels)
    ax.set_xlim(-0.7, len(months) - 0.3)


def _label(month: str) -> str:
    import calendar
    return f"{calendar.month_abbr[int(month[5:])]}-{month[2:4]}"


_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def _element(svg: str) -> str:
    """The <svg> element alone: no XML declaration, doctype or metadata (a date that changes every run)."""
    return _METADATA.sub("", svg[svg.index("<svg"):])


_ID = re.compile(r'(id="|href="#|url\(#)([^")]+)')


def _prefixed(svg: str, prefix: str) -> str:
    """Make the chart's ids unique in the page: matplotlib names markers and clip paths by content,
    so two charts on one page would otherwise share them."""
    return _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)


LEGEND = (("ok", "ok"), ("review", "needs review"), ("corrected", "corrected by a reviewer"),
          ("revised", "provisional value a later pack revised"))


def legend_svg() -> str:
    """The markers' meaning, drawn once above the charts."""
    import matplotlib
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "recover"
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    fig = Figure(figsize=(7.5, 0.32))
    handles = [Line2D([], [], ls="none", **STYLE[k]) for k, _ in LEGEND]
    fig.legend(handles, [t for _, t in LEGEND], loc="center", ncol=len(LEGEND), frameon=False, fontsize=8,
               handletextpad=0.3, columnspacing=1.4)
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return _prefixed(_element(buf.getvalue()), "legend")
