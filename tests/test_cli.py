"""The command line end to end: bad inputs give one line each and a non-zero exit, the good inputs
of the same run are still read and written, and a re-run is idempotent and skips unchanged packs."""
import csv
import json
import os

from recover.cli import main
from recover.errors import ExitCode
from tests.pdfs import prose_pdf, table_pdf


def _rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    table_pdf(str(d / "locked.pdf"), encrypt="pw")
    (d / "empty.pdf").write_bytes(b"")
    prose_pdf(str(d / "minutes.pdf"))
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)
    return d


def test_run_reports_bad_inputs_and_keeps_the_good(tmp_path, capsys):
    d = _inputs(tmp_path)
    out = tmp_path / "out"
    code = main(["run", str(d), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert code == 4          # the first bad input in name order, broken.pdf: corrupt
    errors = [line for line in captured.out.splitlines() + captured.err.splitlines() if line.startswith("error:")]
    named = {name for name in ("locked.pdf", "empty.pdf", "minutes.pdf", "broken.pdf")
             if any(name in e for e in errors)}
    assert named == {"locked.pdf", "empty.pdf", "minutes.pdf", "broken.pdf"}
    obs = _rows(out / "observations.csv")
    assert {r["source"] for r in obs} == {"good.pdf"}
    m1 = {r["month"]: r for r in obs if r["ref"] == "M1"}
    assert m1["2019-10"]["value"] in ("1354", "1354.0") and m1["2019-10"]["status"] == "ok"
    assert m1["2019-10"]["method"] == "text-layer" and m1["2019-10"]["box"]
    twins = {r["ref"] for r in obs}
    assert {"M6-QL", "M6-QL (val)"} <= twins            # the near-twins stay apart
    series = _rows(out / "series.csv")
    assert any(r["ref"] == "M6-QL (val)" and r["month"] == "2019-12" and r["status"] == "missing" for r in series)
    for name in ("series.csv", "review.csv", "revisions.csv", "commentary.csv", "unmatched.csv", "rows.csv",
                 "series_wide.csv", "recover.sqlite"):
        assert os.path.exists(out / name), name


def test_rerun_is_idempotent_and_skips_unchanged(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    out = tmp_path / "out"
    assert main(["run", str(d), "--out", str(out), "--quiet"]) == 0
    first = (out / "series.csv").read_text()
    n_obs = len(_rows(out / "observations.csv"))
    capsys.readouterr()
    assert main(["run", str(d), "--out", str(out), "--quiet"]) == 0
    assert "skipped: 1" in capsys.readouterr().out
    assert (out / "series.csv").read_text() == first
    assert len(_rows(out / "observations.csv")) == n_obs
    assert main(["run", str(d), "--out", str(out), "--quiet", "--force"]) == 0
    assert len(_rows(out / "observations.csv")) == n_obs


def test_register_and_match_commands(capsys):
    assert main(["register"]) == 0
    assert "M6-QL (val)" in capsys.readouterr().out
    assert main(["match", "Percentage of referrals which are re-referrals within one year"]) == 0
    assert "M6-QL" in capsys.readouterr().out


def test_a_page_that_fails_is_reported_and_read_again_next_time(tmp_path, capsys, monkeypatch):
    import pypdfium2 as pdfium
    from PIL import Image

    import recover.readers.ocr as ocr

    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(tmp_path / "t.pdf"))
    Image.new("L", (850, 1100), 255).save(tmp_path / "scan.pdf")
    doc = pdfium.PdfDocument(str(tmp_path / "t.pdf"))
    doc.import_pages(pdfium.PdfDocument(str(tmp_path / "scan.pdf")))
    doc.save(str(d / "pack.pdf"))

    def broken(*a, **k):
        raise MemoryError("simulated")
    monkeypatch.setattr(ocr, "read_scanned_page", broken)
    out = tmp_path / "out"
    assert main(["run", str(d), "--out", str(out), "--quiet", "--workers", "1"]) == ExitCode.PARTLY_READ
    err = capsys.readouterr().err
    assert "error: pack.pdf: 1 of 2 page(s) could not be read (page 2: OCR failed (MemoryError" in err
    assert main(["run", str(d), "--out", str(out), "--quiet", "--workers", "1"]) == ExitCode.PARTLY_READ
    assert "skipped" not in capsys.readouterr().out     # not remembered as read: tried again


def test_debug_images_drawn_for_dataset_pages(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    table_pdf(str(d / "good.pdf"))
    prose_pdf(str(d / "agenda.pdf"))
    dbg = tmp_path / "dbg"
    main(["run", str(d), "--out", str(tmp_path / "out"), "--quiet", "--debug-images", str(dbg)])
    assert sorted(os.listdir(dbg)) == ["good_p001.png"]       # the table page, not the prose


def test_check_a_new_pack_against_the_store(tmp_path, capsys):
    """The data team's question: does the new pack agree with what we hold? A pack whose month cells
    all agree needs nobody (exit 0); one with a changed figure is reported with both values."""
    held = tmp_path / "held"
    held.mkdir()
    table_pdf(str(held / "apr20.pdf"))
    out = tmp_path / "out"
    assert main(["run", str(held), "--out", str(out), "--quiet"]) == 0
    same = tmp_path / "same.pdf"
    table_pdf(str(same), pages=1)
    capsys.readouterr()
    main(["check", str(same), "--store", str(out), "--quiet"])
    text = capsys.readouterr().out
    assert "check same.pdf (pack 2020-04)" in text
    assert "identical values: apr20.pdf (pack 2020-04) prints exactly the same cells" in text
    assert main(["check", str(held / "apr20.pdf"), "--store", str(out), "--quiet", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["same_file"].startswith("apr20.pdf, pack 2020-04") and data["needs_person"] is False
    from tests.pdfs import ROWS
    changed = [list(r) for r in ROWS]
    changed[0][8] = "1500"                                  # M1 Jan-20: 1419 -> 1500
    new = tmp_path / "new.pdf"
    table_pdf(str(new), rows=changed)
    code = main(["check", str(new), "--store", str(out), "--quiet"])
    text = capsys.readouterr().out
    assert "M1 2020-01" in text and "1419" in text and "1500" in text
    # two files of the same pack month disagree and neither is later: nobody can settle it alone
    assert code == 1 and "NEEDS A PERSON" in text
    assert main(["check", str(new), "--store", str(tmp_path / "nowhere"), "--quiet"]) == ExitCode.STORE
