"""Which pages of a PDF are damaged: a second look at the file, because pdfium says nothing when a
page's compressed content is cut or garbled. It decodes what it can and draws that; the rest of the
page (half of a table, a whole scan) is silently missing, and the page looks like a shorter or a
blank one.

    pdf_health(path) -> {page: PageHealth}
    page_problem(health, n_chars, n_images) -> str     what a reader should report for a page, or ""

Each page's content streams and the forms it draws are decoded here: Flate with zlib (which, unlike
pypdf's lenient decoder, says when data is damaged or ends early), the ASCII and LZW filters with
pypdf's decoders. Images are megabytes each, so they get the checks that cost little: Flate
inflated by zlib, ASCII85 checked for characters outside its alphabet (decoding it in Python took
~0.5 s a scan), a JPEG for its start and end markers (a cut file loses its end; libjpeg itself
decodes junk inside the data without complaint). Filters nothing here can check cheaply (CCITT
fax, JBIG2, JPEG 2000) are taken as sound. The fonts a page uses are decoded too (their embedded
programs and ToUnicode maps, once per file however many pages share them): pdfium draws and extracts
a page whose font is damaged without a word, its text turned into glyph numbers. The page tree and
the streams are found with pypdf (a lenient parser, so a file pdfium opened is never refused here).
"""
from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass

SHOWS_TEXT = re.compile(rb"(?:Tj|TJ|'|\")\s")          # text-showing operators
MAX_FORM_DEPTH = 4


@dataclass(frozen=True)
class PageHealth:
    damage: str = ""            # what is damaged, for people; "" when everything decoded
    shows_text: bool = False    # its content has text-showing operators
    draws_images: int = 0       # image XObjects it draws


def pdf_health(path: str) -> dict[int, PageHealth]:
    """1-based page -> PageHealth; {} when the file cannot be parsed here (no second opinion)."""
    try:
        from pypdf import PdfReader
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)      # its repairs are not the user's concern
        reader = PdfReader(path, strict=False)
        pages = list(reader.pages)
    except Exception:
        return {}
    out, fonts = {}, {}
    for number, page in enumerate(pages, start=1):
        try:
            out[number] = _page(page, fonts)
        except Exception as e:         # a page tree too broken to walk is itself damage
            out[number] = PageHealth(damage=f"its objects cannot be read ({_why(e)})")
    return out


def _why(e: Exception) -> str:
    """pypdf's own errors say what is wrong; anything else (an AttributeError on None) is pypdf
    walking into an object that is not there."""
    from pypdf.errors import PyPdfError
    if isinstance(e, PyPdfError):
        return _printable(str(e))
    return "an object it names is damaged or missing"


def page_problem(health: PageHealth | None, n_chars: int, n_images: int) -> str:
    """Compare the second look with what pdfium found: damage, or content that shows text (draws
    images) where pdfium found none (a page rendered blank while its page tree says otherwise)."""
    if health is None:
        return ""
    if health.damage:
        return health.damage
    if health.shows_text and n_chars == 0:
        return "its content shows text, but none could be extracted"
    if health.draws_images and n_images == 0:
        return f"it draws {health.draws_images} image(s), but none could be decoded"
    return ""


def _page(page, fonts: dict) -> PageHealth:
    """fonts: what each font object of the file was found to be ('' or its problem), shared by the pages."""
    problems: list[str] = []
    content = b""
    for stream in _contents(page):
        data, problem = decode(stream)
        content += data + b"\n"
        if problem:
            problems.append(f"a content stream {problem}")
    images = _xobjects(page.get("/Resources"), problems, depth=0, seen=set(), fonts=fonts)
    return PageHealth("; ".join(dict.fromkeys(problems)), bool(SHOWS_TEXT.search(content)), images)


def _contents(page) -> list:
    c = page.get("/Contents")
    if c is None:
        return []
    c = c.get_object()
    items = c if isinstance(c, list) else [c]
    return [s.get_object() for s in items]


def _xobjects(resources, problems: list[str], depth: int, seen: set, fonts: dict) -> int:
    """Check every font, image and form a resource dictionary names; returns the number of images."""
    if resources is None or depth > MAX_FORM_DEPTH:
        return 0
    resources = resources.get_object()
    problems += [p for p in (_font(ref, fonts) for ref in _values(resources.get("/Font"))) if p]
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return 0
    images = 0
    for ref in xobjects.get_object().values():
        key = getattr(ref, "idnum", None)
        if key is not None and key in seen:
            continue
        seen.add(key)
        x = ref.get_object()
        kind = x.get("/Subtype")
        if kind == "/Image":
            images += depth <= 1         # counted as deep as pdfium counts them (objects in one form level)
            _, problem = decode(x, image=True)
            if problem:
                problems.append(f"an image {problem}")
        elif kind == "/Form":
            _, problem = decode(x)
            if problem:
                problems.append(f"a drawn form {problem}")
            images += _xobjects(x.get("/Resources"), problems, depth + 1, seen, fonts)
    return images


def _values(d) -> list:
    return list(d.get_object().values()) if d is not None else []


FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _font(ref, fonts: dict) -> str:
    """'' or what is wrong with a font: its embedded program or its map to Unicode (a Type0 font's
    program is its descendant's). Each font object is decoded once per file."""
    key = getattr(ref, "idnum", None)
    if key is not None and key in fonts:
        return fonts[key]
    font = ref.get_object()
    parts = [font] + [d.get_object() for d in (font.get("/DescendantFonts") or [])]
    problem = ""
    for part in parts:
        descriptor = part.get("/FontDescriptor")
        streams = [(descriptor.get_object().get(k), "its embedded program") for k in FONT_FILES] if descriptor else []
        streams.append((part.get("/ToUnicode"), "its map to Unicode"))
        for stream, what in streams:
            if stream is None or not hasattr(stream.get_object(), "get"):     # /ToUnicode /Identity-H
                continue
            _, wrong = decode(stream.get_object())
            if wrong:
                problem = f"a font ({_font_name(font)}): {what} {wrong}"
                break
        if problem:
            break
    if key is not None:
        fonts[key] = problem
    return problem


def _font_name(font) -> str:
    name = str(font.get("/BaseFont", "unnamed"))
    return name.lstrip("/").split("+", 1)[-1]      # ABCDEF+Carlito: the subset's tag says nothing to a person


def _filters(stream) -> list[str]:
    f = stream.get("/Filter")
    if f is None:
        return []
    f = f.get_object()
    return [str(x) for x in f] if isinstance(f, list) else [str(f)]


def decode(stream, image: bool = False) -> tuple[bytes, str]:
    """(decoded bytes, '' or what is wrong). Decoding stops at a filter it cannot check; for an
    image (image=True) the ASCII85 and JPEG checks are the cheap ones."""
    data = bytes(getattr(stream, "_data", b"") or b"")
    for name in _filters(stream):
        try:
            if name in ("/FlateDecode", "/Fl"):
                data, problem = _inflate(data)
                if problem:
                    return data, problem
            elif name in ("/ASCII85Decode", "/A85") and image:
                return data, _a85_alphabet(data)
            elif name in ("/ASCII85Decode", "/A85", "/ASCIIHexDecode", "/AHx", "/LZWDecode", "/LZW",
                          "/RunLengthDecode", "/RL"):
                data = _pypdf_filter(name, data)
            elif name in ("/DCTDecode", "/DCT"):
                return data, _jpeg_markers(data)
            else:                       # CCITTFax, JBIG2, JPX, Crypt: not checked
                return data, ""
        except Exception as e:
            return b"", f"is damaged ({name[1:]}: {_printable(str(e))})"
    return data, ""


def _printable(text: str) -> str:
    """A decoder's message quotes the bad byte it met: keep the message on one printable line."""
    return "".join(c if c.isprintable() else "?" for c in " ".join(text.split())).strip()


def _inflate(data: bytes) -> tuple[bytes, str]:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data)
    except zlib.error as e:
        return b"", f"is damaged (Flate: {e})"
    if not d.eof:
        return out, "ends early (Flate data cut short)"
    return out, ""


_A85 = bytes(range(33, 118)) + b"z~> \t\r\n\f\x00"


def _a85_alphabet(data: bytes) -> str:
    stray = data.translate(None, _A85)
    if stray:
        return f"is damaged (ASCII85: {len(stray)} byte(s) outside its alphabet)"
    if b"~>" not in data[-16:]:
        return "ends early (ASCII85 data without its end mark)"
    return ""


def _jpeg_markers(data: bytes) -> str:
    if not data.startswith(b"\xff\xd8"):
        return "is damaged (JPEG: no start-of-image marker)"
    if b"\xff\xd9" not in data[-32:]:
        return "ends early (JPEG data cut short)"
    return ""


def _pypdf_filter(name: str, data: bytes) -> bytes:
    from pypdf import filters
    cls = {"/ASCII85Decode": filters.ASCII85Decode, "/A85": filters.ASCII85Decode,
           "/ASCIIHexDecode": filters.ASCIIHexDecode, "/AHx": filters.ASCIIHexDecode,
           "/LZWDecode": filters.LZWDecode, "/LZW": filters.LZWDecode,
           "/RunLengthDecode": filters.RunLengthDecode, "/RL": filters.RunLengthDecode}[name]
    out = cls.decode(data)
    return out.encode("latin-1") if isinstance(out, str) else out
