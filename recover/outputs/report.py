"""DIR/report.html: what a run found, for a person, opened from the file system with no network.

One page, no scripts, nothing fetched: the styles and the charts (SVG) are inline, the review
pictures are files in DIR/crops/ referenced relatively. Sections: the numbers of the run, the
quality of each pack (packs.py), one chart per indicator (charts.py), the revisions, the review
queue with each cell's picture beside its candidates (review.py), and the rows that matched no
indicator.
"""
from __future__ import annotations

import html
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..reconcile.precision import fmt
from ..reconcile.records import Reconciled
from .charts import Charts, legend_svg
from .csvio import write_text

MAX_QUEUE = 1000          # review lines shown in the page; review.csv always has them all


@dataclass(frozen=True)
class ReportStats:
    path: str
    charts: int
    charts_drawn: int
    pictures: int
    seconds: float


def _e(x) -> str:
    return html.escape("" if x is None else str(x))


def write_report(path, rec: Reconciled, store, queue, packs, *, cache_dir=None, unmatched: int = 0,
                 written_at: str | None = None) -> ReportStats:
    t0 = time.perf_counter()
    path = Path(path)
    charts = Charts(cache_dir)
    body = [
        _head(rec, packs, queue, unmatched, written_at or time.strftime("%Y-%m-%d %H:%M")),
        _packs(packs),
        _indicators(rec, charts),
        _revisions(rec),
        _queue(queue, path.parent),
    ]
    n_pictures = sum(1 for line in queue[:MAX_QUEUE] if line.image.endswith(".png"))
    write_text(path, PAGE.format(style=STYLE, body="\n".join(body)))
    return ReportStats(str(path), charts.drawn + charts.cached, charts.drawn, n_pictures,
                       round(time.perf_counter() - t0, 3))


def _head(rec: Reconciled, packs, queue, unmatched: int, when: str) -> str:
    count = defaultdict(int)
    for c in rec.cells:
        count[c.status] += 1
    pages = sum(p.pages for p in packs)
    figures = [("packs", len(packs)), ("pages", pages), ("indicators", len({c.ref for c in rec.cells})),
               ("series cells", len(rec.cells)), ("ok", count["ok"]), ("corrected", count["corrected"]),
               ("need review", count["review"]), ("missing", count["missing"]), ("revisions", len(rec.revisions)),
               ("unmatched rows", unmatched)]
    cards = "".join(f'<div class="card"><b>{n:,}</b><span>{_e(k)}</span></div>' for k, n in figures)
    return (f'<header><h1>recover report</h1><p class="when">written {_e(when)}</p>'
            f'<nav><a href="#packs">packs</a> · <a href="#indicators">indicators</a> · '
            f'<a href="#revisions">revisions</a> · <a href="#review">review queue</a></nav>'
            f'<div class="cards">{cards}</div></header>')


def _packs(packs) -> str:
    head = ("pack", "source", "pages", "how the pages were read", "cells", "ok", "review", "unreadable",
            "unmatched", "outvoted", "mean confidence", "seconds")
    rows = []
    for p in packs:
        def n(x: int) -> str:
            return f'<td class="n{" warn" if x else ""}">{x}</td>'
        rows.append(f"<tr><td>{_e(p.pack)}</td><td>{_e(p.source)}</td><td class=n>{p.pages}</td>"
                    f"<td>{_e(p.page_kinds)}</td><td class=n>{p.cells}</td><td class=n>{p.ok}</td>"
                    f"{n(p.review)}{n(p.unreadable)}{n(p.unmatched)}{n(p.outvoted)}"
                    f"<td class=n>{p.mean_confidence:.3f}</td>"
                    f"<td class=n>{p.seconds:.2f}</td></tr>")
    return (f'<section id="packs"><h2>Packs</h2><p>How each file was read; the same figures are in '
            f'<code>packs.csv</code>. Cells are counted from the readings: <i>outvoted</i> readings are legible '
            f'but the other packs settled the month on another value (a misread, or a figure revised later).</p>'
            f'<table><thead><tr>{"".join(f"<th>{_e(h)}</th>" for h in head)}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>')


def _indicators(rec: Reconciled, charts: Charts) -> str:
    by_ref = defaultdict(list)
    for c in rec.cells:
        by_ref[c.ref].append(c)
    revs = defaultdict(list)
    for r in rec.revisions:
        revs[r.ref].append(r)
    figures = []
    for i, ref in enumerate(sorted(by_ref)):
        cells = sorted(by_ref[ref], key=lambda c: c.month)
        n_review = sum(c.status == "review" for c in cells)
        n_corr = sum(c.status == "corrected" for c in cells)
        notes = [f"{n_review} to review" if n_review else "", f"{n_corr} corrected" if n_corr else "",
                 f"{len(revs[ref])} revised" if revs[ref] else ""]
        tail = ", ".join(n for n in notes if n)
        figures.append(
            f'<figure class="chart" id="chart-{i}"><figcaption><b>{_e(ref)}</b> {_e(cells[0].title)} '
            f'<span class="unit">({_e(cells[0].unit)}; {_e(cells[0].month)} to {_e(cells[-1].month)}'
            f'{"; " + _e(tail) if tail else ""})</span></figcaption>'
            f'{charts.svg(ref, cells, revs[ref], f"c{i}")}</figure>')
    return (f'<section id="indicators"><h2>Indicators</h2><p>The reconciled series of each indicator.</p>'
            f'<div class="legend">{legend_svg()}</div><div class="charts">{"".join(figures)}</div></section>')


def _revisions(rec: Reconciled) -> str:
    if not rec.revisions:
        return '<section id="revisions"><h2>Revisions</h2><p>No pack revised a value an earlier pack printed.</p></section>'
    rows = "".join(
        f"<tr><td>{_e(r.ref)}</td><td>{_e(r.month)}</td><td class=n>{_e(fmt(r.old_value, r.old_decimals))}</td>"
        f"<td>{_e(r.old_pack)}</td><td class=n>{_e(fmt(r.new_value, r.new_decimals))}</td><td>{_e(r.new_pack)}</td></tr>"
        for r in rec.revisions)
    return (f'<section id="revisions"><h2>Revisions</h2><p>Values a later pack changed (also in '
            f'<code>revisions.csv</code>): the provisional value and the pack that last printed it, the value '
            f'that replaced it and the first pack that printed that.</p><table><thead><tr><th>ref</th><th>month</th>'
            f'<th>provisional</th><th>last printed in</th><th>revised</th><th>first printed in</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></section>')


def _queue(queue, out_dir: Path) -> str:
    if not queue:
        return '<section id="review"><h2>Review queue</h2><p>Nothing needs a person.</p></section>'
    rows = []
    for n, line in enumerate(queue[:MAX_QUEUE], start=2):
        it = line.item
        cands = "".join(f"<li><b>{_e(c.text)}</b> {_e(', '.join(r.label() for r in c.readings) or ', '.join(c.sources))}</li>"
                        for c in it.candidates)
        if it.unreadable:
            cands += "".join(f"<li><b>unreadable</b> read {_e(repr(r.raw) if r.raw.strip() else 'blank')} "
                             f"{_e(r.label())}</li>" for r in it.unreadable)
        why = _e(it.short_reason or it.reason)
        if line.row_reason:
            why += f'<div class="row">row: {_e(line.row_reason)}</div>'
        rows.append(
            f'<tr id="review-{n}"{" class=png" if line.image.endswith(".png") else ""}><td class="pic">{_picture(line.image, out_dir, it)}'
            f'{"".join(_picture(p, out_dir, it, small=True) for p in line.other_images)}</td>'
            f'<td><b>{_e(it.ref)}</b> {_e(it.month)}<div class="title">{_e(it.title)}</div>'
            f'<div class="where">{_e(line.source)} p.{_e(line.page)} {_e(line.where)}</div>'
            f'<div class="where">review.csv line {n}</div></td>'
            f'<td class=n><b>{_e(fmt(it.current_value, it.decimals)) or "—"}</b><div>{it.confidence:.2f}</div></td>'
            f'<td><ul>{cands}</ul><div class="months">{_e(line.row_months)}</div></td><td>{why}</td></tr>')
    more = (f"<p>The first {MAX_QUEUE} of {len(queue)} lines; review.csv has them all.</p>"
            if len(queue) > MAX_QUEUE else "")
    return (f'<section id="review"><h2>Review queue</h2><p>{len(queue)} cell(s) recover will not vouch for, '
            f'in the order of <code>review.csv</code>: fill <code>accept</code> (the value is right) or '
            f'<code>corrected_value</code> there and run <code>recover apply DIR/review.csv</code>.</p>{more}'
            f'<table class="queue"><thead><tr><th>as printed</th><th>cell</th><th>value</th><th>candidates and the '
            f'row as read</th><th>why</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _picture(rel: str, out_dir: Path, item, small: bool = False) -> str:
    if not rel:
        return '<span class="none">no picture</span>' if not small else ""
    if rel.endswith(".txt"):
        try:
            text = (out_dir / rel).read_text(encoding="utf-8")
        except OSError:
            return ""
        first = text.split("\n", 1)[0]
        return f"<details><summary>{_e(first)}</summary><pre>{_e(text)}</pre></details>"
    cls = ' class="other"' if small else ""
    return f'<a href="{_e(rel)}"><img{cls} src="{_e(rel)}" alt="{_e(item.ref)} {_e(item.month)} as printed"></a>'


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>recover report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{style}</style></head>
<body>
{body}
</body></html>
"""

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 1500px; padding: 0 1em; color: #222; }
h1 { margin: 0; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
.when { color: #666; margin: 0.2em 0; }
.cards { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 1em 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.4em 0.8em; min-width: 6em; }
.card b { display: block; font-size: 1.4em; } .card span { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border-bottom: 1px solid #e5e5e5; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.warn { color: #b05a00; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 0.8em 1.2em; }
figure.chart { margin: 0; } figure.chart svg { width: 100%; height: auto; }
figcaption { font-size: 12px; } .unit { color: #666; }
.legend svg { height: 34px; width: auto; }
.queue img { max-width: 620px; border: 1px solid #ccc; display: block; }
.queue img.other { max-width: 300px; margin-top: 4px; opacity: 0.9; }
.queue ul { margin: 0; padding-left: 1.1em; } .title { color: #444; font-size: 12px; max-width: 24em; }
.where, .months { color: #666; font-size: 12px; } .row { color: #555; font-size: 12px; margin-top: 0.3em; }
pre { font-size: 11px; max-width: 700px; overflow-x: auto; background: #fafafa; padding: 0.4em; }
.none { color: #999; }
"""
