"""Tesseract as the reader's OCR engine: in process (tesserocr) when possible.

One call per cell is the recipe that reads month cells exactly, so the per-call cost decides
the page time: tesserocr measured 1.4 s/page against 21 s/page for pytesseract's process per
call. pytesseract is only a fallback for machines where the tesserocr wheel is missing.
"""
from __future__ import annotations

import os
import shutil
from functools import lru_cache

import numpy as np

from recover.readers.base import DEFAULT_DPI

from .reads import Layout, Read

TESSDATA_CANDIDATES = (
    os.environ.get("TESSDATA_PREFIX", ""),
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)

PSM = {Layout.LINE: 7, Layout.BLOCK: 6}     # tesseract's page segmentation modes


def tessdata_path() -> str:
    for p in TESSDATA_CANDIDATES:
        if p and os.path.exists(os.path.join(p, "eng.traineddata")):
            return p
    return ""


def missing() -> str:
    """Why tesseract cannot read on this machine ('' when it can): its English data, and a way to
    call it (the tesserocr wheel, or the tesseract program pytesseract runs)."""
    if not tessdata_path():
        return "tesseract's English data (eng.traineddata) is not installed"
    if _available_backend() != "tesserocr" and shutil.which("tesseract") is None:
        return "the tesseract program is not installed"
    return ""


class Tesseract:
    """The Engine implementation: tesserocr's in-process API, or pytesseract when that is
    missing (slower, same reads, but no rating of each digit: Read.digits stays -1, so a value
    whose point was lost is given back by its row only where the word was read surely). Nothing
    starts until the first read, so making one is free."""

    def __init__(self, tessdata: str | None = None, backend: str | None = None):
        self.tessdata = tessdata_path() if tessdata is None else tessdata
        self.backend = backend or _available_backend()
        self._impl = None

    @property
    def ident(self) -> str:
        return f"{self.backend}-{_backend_version(self.backend)}-{self.tessdata}"

    def _started(self):
        if self._impl is None:
            if self.backend == "tesserocr":
                try:
                    self._impl = _Tesserocr(self.tessdata)
                except Exception:     # the wheel imports but cannot start: slower but equivalent
                    self.backend = "pytesseract"
            if self._impl is None:
                self._impl = _Pytesseract(self.tessdata)
        return self._impl

    def read(self, img: np.ndarray, layout: Layout = Layout.LINE, charset: str | None = None) -> Read:
        return self._started().read(img, PSM[layout], charset)

    def orientation(self, img: np.ndarray) -> tuple[int, float]:
        return self._started().orientation(img)


def _available_backend() -> str:
    try:
        import tesserocr
        tesserocr.PyTessBaseAPI      # noqa: B018  (a wheel built for another ABI fails here)
        return "tesserocr"
    except Exception:
        return "pytesseract"


@lru_cache(maxsize=None)
def _backend_version(backend: str) -> str:
    try:
        if backend == "tesserocr":
            import tesserocr
            return tesserocr.tesseract_version().split()[1]
        import pytesseract
        return str(pytesseract.get_tesseract_version())
    except Exception:
        return "unknown"


_PROCESS: Tesseract | None = None


def process_tesseract() -> Tesseract:
    """One engine per process (worker processes each start their own on first use)."""
    global _PROCESS
    if _PROCESS is None:
        _PROCESS = Tesseract()
    return _PROCESS


class _Tesserocr:
    def __init__(self, path: str):
        import tesserocr
        self._t = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=path, lang="eng", psm=tesserocr.PSM.SINGLE_LINE)
        self._osd = None
        self._path = path
        self._wl = None
        self._psm = 7

    def read(self, img: np.ndarray, psm: int, whitelist: str | None, dpi: int = DEFAULT_DPI) -> Read:
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
        conf = _conf(confs)
        digits = self._digit_confidence() if psm == 7 and conf < DIGITS_ASKED_BELOW else -1.0
        return Read(" ".join(text.split()) if psm == 7 else _tidy_lines(text), conf, digits)

    def _digit_confidence(self) -> float:
        """The lowest of the line's digits' own confidences (-1 when it holds none)."""
        t = self._t
        it = self._api.GetIterator()
        low = None
        if it is not None:
            while True:
                try:
                    sym = it.GetUTF8Text(t.RIL.SYMBOL)
                except RuntimeError:           # an empty line: no symbol to rate
                    break
                if sym and sym.isdigit():
                    c = it.Confidence(t.RIL.SYMBOL)
                    low = c if low is None else min(low, c)
                if not it.Next(t.RIL.SYMBOL):
                    break
        return -1.0 if low is None else max(0.0, min(1.0, low / 100.0))

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


class _Pytesseract:
    def __init__(self, path: str):
        import pytesseract
        self._p = pytesseract
        self._path = path

    def _cfg(self, psm: int, whitelist: str | None) -> str:
        cfg = f"--psm {psm}"
        if self._path:
            cfg += f' --tessdata-dir "{self._path}"'
        if whitelist:
            cfg += f" -c tessedit_char_whitelist={whitelist}"
        return cfg

    def read(self, img: np.ndarray, psm: int, whitelist: str | None, dpi: int = DEFAULT_DPI) -> Read:
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


DIGITS_ASKED_BELOW = 0.8    # a line read below this is asked how sure it is of each digit


def _conf(confs) -> float:
    vals = [c for c in confs if c is not None and c >= 0]
    if not vals:
        return 0.0
    return max(0.0, min(1.0, min(vals) / 100.0))


def _tidy_lines(text: str) -> str:
    return "\n".join(" ".join(ln.split()) for ln in text.splitlines() if ln.strip())
