"""The library: recover.run / check / apply, and the README's example run as it is written."""
from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

import recover
from tests.pdfs import table_pdf

ROOT = Path(__file__).resolve().parents[1]


def test_a_str_a_path_and_a_list_are_paths(tmp_path):
    table_pdf(str(tmp_path / "apr20.pdf"))
    as_str = recover.run(str(tmp_path / "apr20.pdf"), out=tmp_path / "a")
    as_path = recover.run(tmp_path / "apr20.pdf", out=tmp_path / "b")
    as_list = recover.run([tmp_path / "apr20.pdf"], out=str(tmp_path / "c"))
    for result in (as_str, as_path, as_list):
        assert result.summary.packs_read == 1 and not result.errors and result.exit_code == 0
        assert {r.ref for r in result.series} == {"M1", "M6-QL", "M6-QL (val)"}
    # a folder given as a str is that folder, not its letters
    folder = recover.run(str(tmp_path), out=tmp_path / "d")
    assert folder.summary.packs_read == 1


def test_records_and_frames(tmp_path):
    table_pdf(str(tmp_path / "apr20.pdf"))
    result = recover.run(tmp_path / "apr20.pdf", out=tmp_path / "out")
    cell = next(r for r in result.series if r.ref == "M1" and r.month == "2019-10")
    assert (cell.value, cell.status, cell.unit) == (1354.0, "ok", "count")
    assert len(result.packs) == 1 and result.packs[0].source == "apr20.pdf"
    pd = pytest.importorskip("pandas")
    frames = result.to_pandas()
    assert set(frames) == {"series", "review", "revisions", "packs"}
    assert isinstance(frames["series"], pd.DataFrame) and len(frames["series"]) == len(result.series)
    assert list(frames["review"].columns)[:3] == ["source", "page", "where"]
    assert len(result.to_pandas("packs")) == 1


def test_the_readme_example_runs(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Library"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    os.symlink(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    printed = out.getvalue()
    assert "packs read: 4" in printed
    assert "000_2acbe4883c047f69.txt" in printed                 # the check says the pack is held already
    assert (tmp_path / "out-real" / "report.html").exists()


def _text_sample() -> Path:
    return sorted((ROOT / "tests" / "data" / "extracted" / "pdftotext-layout").glob("*.txt"))[0]


@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_a_copy_under_another_name_is_read_once_and_said(tmp_path, kind):
    """Two inputs with the same bytes (a pack saved twice) are one pack: read once, listed under the
    first name, and the other name is named in the summary, not dropped from packs.csv unsaid."""
    src = tmp_path / "in"
    src.mkdir()
    if kind == "pdf":
        table_pdf(str(src / "a_apr20.pdf"))
    else:
        (src / "a_apr20.txt").write_bytes(_text_sample().read_bytes())
    first = next(src.iterdir())
    copy = src / ("b_copy" + first.suffix)
    copy.write_bytes(first.read_bytes())
    result = recover.run(src, out=tmp_path / "out")
    assert result.exit_code == 0 and not result.errors
    assert result.summary.packs_read == 1
    assert [p.source for p in result.packs] == [first.name]
    notes = [s for s in result.summary.skipped_files if "same content" in s]
    assert len(notes) == 1 and "b_copy" in notes[0] and first.name in notes[0]
    assert any(line.startswith("note: ") and "same content" in line
               for line in result.summary.render().splitlines())
