"""The looks a pack can be drawn with, and how a variant name says renderer, look and layer.

A variant name is what the file name ends with (`agenda_2019-07-11_<variant>.pdf`) and what the
`variant` column of golden/printed.csv holds:

    text | scan300 | scan200 | mixed          the original ruled reportlab packs
    <look>[-scan300|-scan200]                  reportlab, another look (e.g. nolines-scan200)
    lo-<look>[-scan300|-scan200]               openpyxl workbook converted by LibreOffice

Looks (each one a class of producer the readers must survive):
    ruled            every cell bordered with thin black lines (the original corpus)
    nolines          borders off: only whitespace and alignment separate the cells
    hairline         hairline or light-grey rules, which a scan partly erases
    partial          rules only between some columns (group borders, or column rules without row rules)
    fills            red/amber/green fills on the qualitative cells, thin lines
    fills-nolines    the same fills, no lines
    stacked          Owner/Reporter as upright 2-3 letter chunks in very narrow wrapped columns
    stacked-hairline stacked names with hairline rules (the names then merge into the title in a scan)
    charts           ruled tables; dashboards drawn with a plotting library's charts (dash.py)

Everything a look leaves open (how faint a hairline is, which partial flavour, which palette) is
chosen per pack by a seeded generator, so a variant renders the same every time.
"""
from __future__ import annotations

from dataclasses import dataclass

from .common import rng

LAYERS = ("scan300", "scan200", "mixed")


@dataclass(frozen=True)
class Look:
    name: str
    rules: str = "all"          # all | none | hairline | partial
    fills: bool = False         # red/amber/green qualitative cells
    names: str = "rotated"      # rotated | stacked
    charts: bool = False        # dashboards with matplotlib charts, legend and benchmark box


LOOKS = {
    "ruled": Look("ruled"),
    "nolines": Look("nolines", rules="none"),
    "hairline": Look("hairline", rules="hairline"),
    "partial": Look("partial", rules="partial"),
    "fills": Look("fills", fills=True),
    "fills-nolines": Look("fills-nolines", rules="none", fills=True),
    "stacked": Look("stacked", names="stacked"),
    "stacked-hairline": Look("stacked-hairline", rules="hairline", names="stacked"),
    "charts": Look("charts", charts=True),
}
NEW_LOOKS = tuple(k for k in LOOKS if k not in ("ruled", "charts"))    # table looks, planned on any pack
CHART_LOOKS = ("charts",)                                                # planned on dashboard packs


@dataclass(frozen=True)
class Variant:
    name: str
    renderer: str               # reportlab | libreoffice
    look: Look
    layer: str                  # text | scan300 | scan200 | mixed


def parse(name: str) -> Variant:
    """'nolines-scan300' -> reportlab, nolines, scan300; 'text' -> reportlab, ruled, text."""
    if name in ("text", *LAYERS):
        return Variant(name, "reportlab", LOOKS["ruled"], name)
    rest, renderer = name, "reportlab"
    if rest.startswith("lo-"):
        rest, renderer = rest[3:], "libreoffice"
    layer = "text"
    for lay in LAYERS:
        if rest.endswith("-" + lay):
            rest, layer = rest[: -len(lay) - 1], lay
    if rest not in LOOKS or (renderer == "reportlab" and rest == "ruled") or layer == "mixed" and rest:
        raise ValueError(f"unknown variant {name!r}")
    return Variant(name, renderer, LOOKS[rest], layer)


def name_of(renderer: str, look: str, layer: str) -> str:
    if renderer == "reportlab" and look == "ruled":
        return layer
    base = ("lo-" if renderer == "libreoffice" else "") + look
    return base if layer == "text" else f"{base}-{layer}"


# --- what a look leaves open, chosen per pack -------------------------------------------------

@dataclass(frozen=True)
class Ink:
    """How the rules and fills of one pack are drawn."""
    rules: str                        # all | none | hairline | partial-groups | partial-columns
    width: float = 0.5                # line width in points
    gray: float = 0.0                 # 0 black .. 1 white
    header_fill: float | None = 0.85  # grey header cells, or None
    palette: str = ""                 # '' | light | strong
    fills: bool = False


# Excel's 'Good / Neutral / Bad' cell styles and the saturated conditional-format colours
PALETTES = {
    "light": {"green": (0.776, 0.937, 0.808), "amber": (1.0, 0.922, 0.612), "red": (1.0, 0.78, 0.808)},
    "strong": {"green": (0.573, 0.816, 0.314), "amber": (1.0, 0.753, 0.0), "red": (1.0, 0.314, 0.314)},
}


def ink_for(look: Look, pack: str, salt: str = "") -> Ink:
    r = rng("look", look.name, pack, *((salt,) if salt else ()))
    palette = r.choice(["light", "strong"]) if look.fills else ""
    if look.rules == "none":
        return Ink("none", 0.0, 0.0, r.choice([0.85, None]), palette, look.fills)
    if look.rules == "hairline":
        # 0.1-0.25 pt, grey: below one pixel at 200-300 dpi, so a scan keeps only parts of them
        return Ink("hairline", round(r.uniform(0.1, 0.25), 2), round(r.uniform(0.45, 0.75), 2),
                   r.choice([0.85, 0.92, None]), palette, look.fills)
    if look.rules == "partial":
        return Ink(r.choice(["partial-groups", "partial-columns"]), 0.5, 0.0, r.choice([0.85, None]),
                   palette, look.fills)
    return Ink("all", 0.5, 0.0, 0.85, palette, look.fills)


RULED_INK = Ink("all")
