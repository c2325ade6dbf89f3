"""Which packs and variants make up the full corpus and the committed demo set, and their file names."""
from __future__ import annotations

from .common import PACKS, era, rng
from .register import meeting_date
from .variants import CHART_LOOKS, NEW_LOOKS, name_of, parse

VARIANTS = ("text", "scan300", "scan200", "mixed")
# A spread over the three eras (incl. the seed pack months and dashboard packs) gets the scanned
# and mixed variants in the full corpus; every pack gets a text-layer PDF.
SCANNED_PACKS = ("2018-04", "2018-09", "2019-01", "2019-06", "2019-10", "2020-01", "2020-04",
                 "2020-09", "2021-01", "2021-03", "2021-08", "2021-12")
DEMO = (("2018-09", "text"), ("2020-06", "text"), ("2019-06", "scan300"), ("2018-04", "mixed"),
        ("2021-01", "scan200"))
LOOK_SCAN_PACKS = 2      # packs per look at each scan resolution, from two different eras
# text-layer packs per look: reportlab one of each era and one more; LibreOffice one of each era,
# and two of each for its ruled look (the council's own route)
TEXT_PACKS = {("reportlab", None): 4, ("libreoffice", None): 3, ("libreoffice", "ruled"): 6}
LO_LOOKS = ("ruled",) + NEW_LOOKS + CHART_LOOKS
CHART_TEXT_PACKS = 4


def dashboard_packs() -> list[str]:
    """The packs that carry dashboard pages (every third 2020-21 pack)."""
    return [p for k, p in enumerate(PACKS) if era(p) == 3 and k % 3 == 2]


def look_packs(renderer: str, look: str, salt: str = "") -> dict[str, list[str]]:
    """{layer: packs} for one look of one renderer, chosen by a generator seeded by the names only."""
    r = rng("plan", renderer, look, salt)
    if look in CHART_LOOKS:
        text = sorted(r.sample(dashboard_packs(), CHART_TEXT_PACKS))
        return {"text": text, "scan300": sorted(r.sample(text, LOOK_SCAN_PACKS)),
                "scan200": sorted(r.sample(text, LOOK_SCAN_PACKS))}
    n = TEXT_PACKS.get((renderer, look), TEXT_PACKS[(renderer, None)])
    by_era = {e: [p for p in PACKS if era(p) == e] for e in (1, 2, 3)}
    text = [r.choice(by_era[e]) for e in (1, 2, 3)]
    if n == 4:
        text.append(r.choice([p for p in PACKS if p not in text]))
    elif n == 6:
        text += [r.choice([p for p in by_era[e] if p not in text]) for e in (1, 2, 3)]
    out = {"text": sorted(text)}
    for layer in ("scan300", "scan200"):
        eras = r.sample([1, 2, 3], LOOK_SCAN_PACKS)
        out[layer] = sorted(next(p for p in text if era(p) == e) for e in eras)
    return out


def look_plan(renderer: str = "reportlab", looks=None, salt: str = "") -> list[tuple[str, str]]:
    out = []
    for look in looks or (NEW_LOOKS + CHART_LOOKS if renderer == "reportlab" else LO_LOOKS):
        for layer, packs in look_packs(renderer, look, salt).items():
            out += [(p, name_of(renderer, look, layer)) for p in packs]
    return out


def full_plan(packs: list[str] | None = None, variants: list[str] | None = None,
              renderers: tuple[str, ...] = ("reportlab", "libreoffice")) -> list[tuple[str, str]]:
    """The original ruled corpus first (its golden rows stay where they were), then the other looks
    of reportlab, then the LibreOffice packs."""
    out = []
    if "reportlab" in renderers:
        for p in packs or PACKS:
            for v in VARIANTS:
                if v == "text" or p in SCANNED_PACKS:
                    out.append((p, v))
    items = (look_plan("reportlab") if "reportlab" in renderers else []) + \
        (look_plan("libreoffice") if "libreoffice" in renderers else [])
    out += items
    return [(p, v) for p, v in out if (packs is None or p in packs) and (variants is None or v in variants)]


def demo_plan(packs: list[str] | None = None, variants: list[str] | None = None) -> list[tuple[str, str]]:
    return [(p, v) for p, v in DEMO if (packs is None or p in packs) and (variants is None or v in variants)]


def file_name(pack: str, variant: str) -> str:
    """Named like a downloaded agenda (by meeting date), not by the pack month it contains."""
    parse(variant)
    return f"agenda_{meeting_date(pack)}_{variant}.pdf"


# --- the holdout: one configuration of each renderer that nobody tunes on ---------------------
HOLDOUT_SALT = "holdout-1"
HOLDOUT = (("reportlab", "hairline"), ("libreoffice", "stacked-hairline"))


def holdout_plan() -> list[tuple[str, str]]:
    """Its own seed for every layout choice (packs, widths, fonts, zoom, margins, rules, scans)."""
    out = []
    for renderer, look in HOLDOUT:
        for layer, packs in look_packs(renderer, look, HOLDOUT_SALT).items():
            out += [(p, name_of(renderer, look, layer)) for p in packs]
    return out
