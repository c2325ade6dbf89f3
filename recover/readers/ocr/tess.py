"""Tesseract, in process (tesserocr) when possible.

One call per cell is the recipe that reads month cells exactly, so the per-call cost decides
the page time: tesserocr measured 1.4 s/page against 21 s/page for pytesseract's process per
call. pytesseract is only a fallback for machines where the tesserocr wheel is missing.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

TESSDATA_CANDIDATES = (
    os.environ.get("TESSDATA_PREFIX", ""),
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


def tessdata_path() -> str:
    for p in TESSDATA_CANDIDATES:
        if p and os.path.exists(os.path.join(p, "eng.traineddata")):
            return p
    return ""


@dataclass(frozen=True)
class Read:
    text: str
    conf: float          # 0-1: the lowest word confidence (one bad word makes the cell doubtful)


class _TesserocrEngine:
    name = "tesserocr"

    def __init__(self, path: str):
        import tesserocr
        self._t = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
        self._osd = None
        self._path = path
        self._wl = None
        self._psm = 7
        self.version = tesserocr.tesseract_version().split()[1]

    def read(self, img: np.ndarray, psm: int, whitelist: str | None, dpi: int = 300) -> Read:
        api = self._api
        if psm != self._psm:
            api.SetPageSegMode(psm)
            self._psm = psm
        if whitelist != self._wl:
            api.SetVariable("tessedit_char_whitelist", whitelist or "")
            self._wl = whitelist
        img = np.ascontiguousarray(img)
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(dpi)
        text = api.GetUTF8Text()
        confs = api.AllWordConfidences()
        return Read(" ".join(text.split()) if psm == 7 else _tidy_lines(text), _conf(confs))

    def orientation(self, img: np.ndarray) -> tuple[int, float]:
        """(tesseract's orient_deg, how far the content is turned clockwise - undone by a clockwise
        turn of 360 - orient_deg; its confidence)."""
        t = self._t
        if self._osd is None:
            self._osd = t.PyTessBaseAPI(path=self._path, lang="osd", psm=t.PSM.OSD_ONLY)
        img = np.ascontiguousarray(img)
        h, w = img.shape
        self._osd.SetImageBytes(img.tobytes(), w, h, 1, w)
        r = self._osd.DetectOrientationScript()
        if not r:
            return 0, 0.0
        return int(r["orient_deg"]), float(r["orient_conf"])


class _PytesseractEngine:
    name = "pytesseract"

    def __init__(self, path: str):
        import pytesseract
        self._p = pytesseract
        self._path = path
        self.version = str(pytesseract.get_tesseract_version())

    def _cfg(self, psm: int, whitelist: str | None) -> str:
        cfg = f"--psm {psm}"
        if self._path:
            cfg += f' --tessdata-dir "{self._path}"'
        if whitelist:
            cfg += f" -c tessedit_char_whitelist={whitelist}"
        return cfg

    def read(self, img: np.ndarray, psm: int, whitelist: str | None, dpi: int = 300) -> Read:
        d = self._p.image_to_data(img, config=self._cfg(psm, whitelist), output_type=self._p.Output.DICT)
        lines: dict[tuple, list[str]] = {}
        confs = []
        for txt, conf, b, p, ln in zip(d["text"], d["conf"], d["block_num"], d["par_num"], d["line_num"]):
            if txt and txt.strip():
                lines.setdefault((b, p, ln), []).append(txt.strip())
                confs.append(float(conf))
        text = "\n".join(" ".join(v) for _, v in sorted(lines.items()))
        return Read(" ".join(text.split()) if psm == 7 else text, _conf(confs))

    def orientation(self, img: np.ndarray) -> tuple[int, float]:
        try:
            r = self._p.image_to_osd(img, config="--psm 0", output_type=self._p.Output.DICT)
        except Exception:   # OSD fails on pages with little text: treat as upright
            return 0, 0.0
        return int(r.get("orientation", 0)), float(r.get("orientation_conf", 0.0))


def _conf(confs) -> float:
    vals = [c for c in confs if c is not None and c >= 0]
    if not vals:
        return 0.0
    return max(0.0, min(1.0, min(vals) / 100.0))


def _tidy_lines(text: str) -> str:
    return "\n".join(" ".join(ln.split()) for ln in text.splitlines() if ln.strip())


_ENGINE = None


def engine():
    """The process's engine (created on first use, so worker processes each get their own)."""
    global _ENGINE
    if _ENGINE is None:
        path = tessdata_path()
        try:
            _ENGINE = _TesserocrEngine(path)
        except Exception:   # wheel missing or built for another ABI: slower but equivalent
            _ENGINE = _PytesseractEngine(path)
    return _ENGINE


def engine_id() -> str:
    """Which OCR build would read (for cache keys) without paying for its start-up."""
    if _ENGINE is not None:
        return f"{_ENGINE.name}-{_ENGINE.version}-{tessdata_path()}"
    try:
        import tesserocr
        return f"tesserocr-{tesserocr.tesseract_version().split()[1]}-{tessdata_path()}"
    except Exception:
        return f"pytesseract-{tessdata_path()}"
