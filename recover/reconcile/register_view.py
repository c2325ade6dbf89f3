"""What reconciliation needs from the register: title and unit per ref.

Accepts the register object the matcher uses (anything with .get(ref) / [ref] / .indicators giving
records with .title and .unit), a plain {ref: (title, unit)} mapping, or None (then the package's
indicators.csv is read), so this stage does not depend on the matcher's internals.
"""
from __future__ import annotations

import csv
from importlib import resources

UNITS = ("count", "percent", "rate")


def _load_csv() -> dict[str, tuple[str, str]]:
    try:
        text = resources.files("recover.register").joinpath("indicators.csv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    return {r["ref"]: (r.get("title", ""), r.get("unit", "")) for r in csv.DictReader(text.splitlines())}


def _from_record(rec) -> tuple[str, str] | None:
    if rec is None:
        return None
    if isinstance(rec, tuple) and len(rec) == 2:
        return str(rec[0] or ""), str(rec[1] or "")
    if isinstance(rec, dict):
        return str(rec.get("title", "")), str(rec.get("unit", ""))
    title = getattr(rec, "title", None)
    if title is None:
        return None
    return str(title), str(getattr(rec, "unit", "") or "")


class RegisterView:
    def __init__(self, register=None):
        self.register = register
        self._table: dict[str, tuple[str, str]] = {}
        if isinstance(register, dict):
            self._table = {k: _from_record(v) or ("", "") for k, v in register.items()}
        else:
            entries = getattr(register, "indicators", None) if register is not None else None
            if entries is not None:
                items = entries.values() if isinstance(entries, dict) else entries
                for rec in items:
                    info = _from_record(rec)
                    if info and getattr(rec, "ref", None):
                        self._table[rec.ref] = info
            if not self._table:
                self._table = _load_csv()

    def info(self, ref: str) -> tuple[str, str]:
        """(title, unit); unit is '' when unknown."""
        if ref in self._table:
            return self._table[ref]
        for getter in ("get", "__getitem__"):
            fn = getattr(self.register, getter, None)
            if fn is None or isinstance(self.register, dict):
                continue
            try:
                info = _from_record(fn(ref))
            except (KeyError, LookupError, TypeError):
                info = None
            if info:
                self._table[ref] = info
                return info
        return "", ""

    def knows(self, ref: str) -> bool:
        return bool(self.info(ref)[0])
