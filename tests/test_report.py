"""report.html and packs.csv: written on every run, opened in a real browser with no network."""
from __future__ import annotations

import copy
import csv
import os
import re
from pathlib import Path

import pytest

from recover.api import apply, run
from tests import browser
from tests.pdfs import HEADER, ROWS, table_pdf

def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


MONTHS = ["Oct-19", "Nov-19", "Dec-19", "Jan-20", "Feb-20", "Mar-20", "Apr-20", "May-20", "Jun-20"]
LATER = (("1201", "1244"), ("14", "9"), ("4%", "2%"))      # what M1, M6-QL (val), M6-QL print for May, Jun


def _later_pack(path: Path, k: int) -> None:
    """The pack k months on: its window moves on by k months, and M1 Dec-19 is revised 1258 -> 1262."""
    header = HEADER[:5] + MONTHS[k:k + 7] + [f"% change from {MONTHS[k + 5]}"] + HEADER[13:]
    rows = copy.deepcopy(ROWS)
    for r, new in zip(rows, LATER):
        r[5:12] = (r[5:12] + list(new))[k:k + 7]
    rows[0][5 + 2 - k] = "1262"
    table_pdf(str(path), rows=rows, header=header)


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    d = tmp_path_factory.mktemp("report")
    table_pdf(str(d / "apr20.pdf"))
    rows = copy.deepcopy(ROWS)
    rows[0][5] = "1854"                            # a copy that disagrees: a cell for review, with a picture
    table_pdf(str(d / "apr20-copy.pdf"), rows=rows)
    _later_pack(d / "may20.pdf", 1)
    _later_pack(d / "jun20.pdf", 2)
    inputs = [str(d / n) for n in ("apr20.pdf", "apr20-copy.pdf", "may20.pdf", "jun20.pdf")]
    out = d / "out"
    summary = run(inputs, str(out))
    return d, out, summary, inputs


def test_every_run_writes_the_report_and_packs_csv(ran):
    d, out, summary, inputs = ran
    assert (out / "report.html").stat().st_size > 10_000
    packs = read_csv(out / "packs.csv")
    assert sorted(p["source"] for p in packs) == sorted(os.path.basename(i) for i in inputs)
    for p in packs:
        counted = sum(int(p[k]) for k in ("ok", "review", "unreadable", "unmatched"))
        assert counted == int(p["cells"]) > 0
        assert 0 < float(p["mean_confidence"]) <= 1 and float(p["seconds"]) >= 0
    by_source = {p["source"]: p for p in packs}
    assert by_source["apr20-copy.pdf"]["page_kinds"] == "dataset 1 (text layer)"
    assert int(by_source["apr20-copy.pdf"]["review"]) >= 1
    # apply rewrites the outputs, the report with them
    before = (out / "report.html").stat().st_mtime_ns
    review = read_csv(out / "review.csv")
    (line,) = [r for r in review if r["ref"] == "M1" and r["month"] == "2019-10"]
    line["corrected_value"] = "1354"
    with open(out / "review.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(review[0]))
        w.writeheader()
        w.writerows(review)
    apply(str(out / "review.csv"))
    assert (out / "report.html").stat().st_mtime_ns > before
    text = (out / "report.html").read_text(encoding="utf-8")
    assert "corrected" in text


def test_the_report_shows_revisions_and_the_review_queue(ran):
    _, out, _, _ = ran
    text = (out / "report.html").read_text(encoding="utf-8")
    revisions = read_csv(out / "revisions.csv")
    assert any(r["ref"] == "M1" and r["month"] == "2019-12" and r["old_value"] == "1258" and r["new_value"] == "1262"
               for r in revisions)
    assert "<td>1258</td>" in text.replace(" class=n", "") and "<td>1262</td>" in text.replace(" class=n", "")
    for line in read_csv(out / "review.csv"):
        if line["image"]:
            assert f'src="{line["image"]}"' in text or line["image"].endswith(".txt")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", text)     # nothing from a network
    assert "<script" not in text


@pytest.mark.skipif(bool(browser.available()) and not os.environ.get("CI"),
                    reason=f"no headless browser here ({browser.available()}): make test installs chromium")
def test_the_report_renders_in_a_browser_with_every_chart_and_picture(ran, tmp_path):
    _, out, _, _ = ran
    seen = browser.open_page(out / "report.html", tmp_path / "shot.png")
    assert seen.ready == "complete"
    assert [m for m in seen.console if m[0] in ("SEVERE", "ERROR", "WARNING")] == []
    indicators = {r["ref"] for r in read_csv(out / "series.csv")}
    assert seen.charts == len(indicators) and all(n > 5 for n in seen.chart_marks)
    pictures = {p for r in read_csv(out / "review.csv") for p in [r["image"], *r["other_images"].split(" | ")]
                if p.endswith(".png")}
    assert pictures and {src for src, _ in seen.images} == pictures
    assert all(ok for _, ok in seen.images)                      # every picture decoded
    assert all(u.startswith("file://") for u in seen.resources)   # nothing fetched from a network
    assert (tmp_path / "shot.png").stat().st_size > 20_000
