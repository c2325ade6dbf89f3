"""A text pack reads the same whatever encoding the tool that wrote it chose: UTF-8 (with or without a
mark), UTF-16 (Windows' "Unicode", with a mark or without), Windows-1252 ("ANSI")."""
from __future__ import annotations

import csv

import pytest

from recover.errors import ExitCode
from recover.ingest.text import NotText, decode
from recover.readers.extracted import read_text_file
from tests.faults import kit

REAL = kit.ROOT / "corpus" / "real"
SEEDS = ["000_2acbe4883c047f69.txt", "001_90e6469a3e833956.txt"]   # OCR tab-separated; pdfminer stream


def _seed_text(name: str) -> str:
    p = REAL / name
    if not p.exists():
        pytest.skip(f"seed {name} not in corpus/real")
    # keep it to what every encoding below can hold (cp1252 has no arrows or box-drawing)
    return p.read_text(encoding="utf-8").encode("cp1252", errors="replace").decode("cp1252")


def _cells(grids):
    return [(g.page, c.row, c.col, c.text) for g in grids for c in g.cells]


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 with a mark": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf-16 with a mark": lambda t: t.encode("utf-16"),                 # little-endian, with BOM
    "utf-16-be with a mark": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-16 without a mark": lambda t: t.encode("utf-16-le"),
    "cp1252": lambda t: t.encode("cp1252"),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_the_same_pack_in_every_encoding_reads_the_same(tmp_path, seed, encoding):
    text = _seed_text(seed)
    ref = tmp_path / "plain.txt"
    ref.write_bytes(text.encode("utf-8"))
    other = tmp_path / "other.txt"
    other.write_bytes(ENCODINGS[encoding](text))
    want, _ = read_text_file(str(ref), "x.txt")
    got, _ = read_text_file(str(other), "x.txt")
    assert want and _cells(got) == _cells(want)


def test_decode_names_the_encoding_it_chose():
    assert decode("£5 – ok".encode("cp1252")) == ("£5 – ok", "cp1252")
    assert decode("£5 – ok".encode("utf-8")) == ("£5 – ok", "utf-8")
    assert decode("Ref\tM1".encode("utf-16")) == ("Ref\tM1", "utf-16-le")
    assert decode(b"\x81\x8d ok") == ("\x81\x8d ok", "latin-1")      # bytes cp1252 leaves undefined
    with pytest.raises(NotText):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_a_utf16_pack_runs_end_to_end(tmp_path, capfd):
    text = _seed_text(SEEDS[0])
    d = tmp_path / "in"
    d.mkdir()
    (d / "apr20.txt").write_bytes(text.encode("utf-16"))
    out = tmp_path / "out"
    ran = kit.recover(capfd, "run", d, "--out", out, "--quiet")
    assert ran.code == ExitCode.OK, ran.err
    with open(out / "observations.csv", newline="") as f:
        obs = [r for r in csv.DictReader(f) if r["source"] == "apr20.txt"]
    assert len(obs) > 100 and {r["pack"] for r in obs} == {"2020-04"}
