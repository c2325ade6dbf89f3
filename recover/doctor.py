"""`recover doctor`: check system programs and libraries once, with an install hint for each."""
from __future__ import annotations

import shutil
import subprocess

TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata")


def tessdata_dir() -> str | None:
    import os
    for d in TESSDATA_DIRS:
        if os.path.exists(os.path.join(d, "eng.traineddata")):
            return d
    return None


def _check(name: str, fn, hint: str) -> tuple[bool, str]:
    try:
        detail = fn()
        return True, f"ok       {name}: {detail}"
    except Exception as e:  # doctor reports, it never crashes
        return False, f"MISSING  {name}: {e} -> {hint}"


def _tesseract() -> str:
    exe = shutil.which("tesseract")
    if not exe:
        raise RuntimeError("not on PATH")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=20)
    return (out.stdout or out.stderr).splitlines()[0]


def _tessdata() -> str:
    d = tessdata_dir()
    if not d:
        raise RuntimeError("eng.traineddata not found")
    return d


def _module(name: str):
    def f():
        mod = __import__(name)
        return getattr(mod, "__version__", getattr(mod, "V_PYPDFIUM2", "installed"))
    return f


def doctor() -> tuple[bool, str]:
    checks = [
        ("tesseract", _tesseract, "sudo apt-get install -y tesseract-ocr"),
        ("tesseract English data", _tessdata, "sudo apt-get install -y tesseract-ocr-eng"),
        ("pypdfium2", _module("pypdfium2"), "make setup (or pip install pypdfium2)"),
        ("tesserocr", _module("tesserocr"), "make setup; without it OCR falls back to pytesseract (slower)"),
        ("opencv", _module("cv2"), "make setup (pip install opencv-python-headless)"),
        ("rapidfuzz", _module("rapidfuzz"), "make setup"),
    ]
    results = [_check(n, f, h) for n, f, h in checks]
    ok = all(r[0] for name, r in zip(checks, results) if name[0] != "tesserocr")
    return ok, "\n".join(r[1] for r in results)
