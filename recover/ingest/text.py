"""Text inputs decoded the way the tools that make them write them: a byte-order mark first (UTF-8,
UTF-16 and UTF-32 as Windows tools save them), then UTF-8, which almost never decodes text that is
not UTF-8, then Windows-1252 (Excel's and Notepad's "ANSI" on English systems), then Latin-1 for the
five bytes cp1252 leaves undefined. A generic detector (charset-normalizer and the like) was not
used: on short tables of digits it has dozens of look-alike code pages to choose from, while the
exporters of these packs write only these."""
from __future__ import annotations

import codecs

BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class NotText(ValueError):
    """The bytes are binary data, not text in any of the encodings above."""


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises NotText for binary data."""
    for bom, enc in BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace"), enc
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return raw.decode(utf16, errors="replace"), utf16
    if b"\x00" in raw[:4096]:
        raise NotText("binary data (NUL bytes), not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 saved without a mark: mostly-ASCII text leaves a NUL in every other byte."""
    head = raw[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None
