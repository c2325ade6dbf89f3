"""The indicators a pack prints, their wording per era, owners/reporters and outcome statements.

The register (recover/register/indicators.csv) is read as data; everything else here is made up in
the shape the seeds show. Owner/reporter names are fictional stand-ins of similar length so the
synthetic commentary is not attributed to real officers.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

from .common import PACKS, ROOT, month_add, rng

REGISTER = ROOT / "recover" / "register" / "indicators.csv"


@dataclass(frozen=True)
class Indicator:
    ref: str
    title: str
    unit: str              # count | percent | rate
    aliases: tuple[str, ...]
    first_seen: str
    last_seen: str
    section: str


def load_register(path=REGISTER) -> list[Indicator]:
    with open(path, newline="", encoding="utf-8") as f:
        return [Indicator(r["ref"], r["title"], r["unit"],
                          tuple(a for a in r["aliases"].split("|") if a),
                          r["first_seen"], r["last_seen"], r["section"])
                for r in csv.DictReader(f)]


def printed_in(ind: Indicator, pack: str) -> bool:
    """A pack prints the indicator inside its seen range; the range's open ends (first/last seed
    pack) are taken as 'always'."""
    first = ind.first_seen if ind.first_seen > PACKS[0] else PACKS[0]
    last = ind.last_seen if ind.last_seen < "2021-08" else PACKS[-1]
    return first <= pack <= last


def title_for(ind: Indicator, era: int) -> str:
    """Older packs used older wording: 2018 packs the oldest alias, 2019 packs the
    'EHA / UHA' transition wording when there is one."""
    if era == 1 and ind.aliases:
        return ind.aliases[-1]
    if era == 2 and ind.aliases and ("Universal" in ind.aliases[0] or "UHA" in ind.aliases[0]):
        return ind.aliases[0]
    return ind.title


# Outcome statements, as the seeds word them, by ref prefix (longest prefix wins).
OUTCOMES = {
    "M1": "There is an effective 'front door' with which anyone with a concern about a child can engage and receive appropriate advice, support and action.",
    "M2": "Referrals for children in need of help and support are accepted appropriately by the service.",
    "M2-NI": "Referrals for children in need of help and support are comparable with other local authorities like Southampton.",
    "M3": "Children and families receive the help they need at the right time, and from the best possible resource - in line with the established continuum of need.",
    "M8": "The safety of children is supported by referrals being dealt with in a timely manner.",
    "M6": "The service is effective in helping children and families address their issues, and where there is a re-referral, the issues are understood.",
    "M4": "The needs and safety of children at risk of child sexual exploitation are responded to effectively.",
    "M5": "When risks to children open to Early Help teams increase, they are promptly recognised and stepped up to statutory services.",
    "EH2": "Children in need of help and support receive a consistent and effective service.",
    "EH5": "The needs and safety of children who have been missing are responded to robustly.",
    "EH3": "Children receive a comprehensive assessment of their needs; with strengths and areas of risk identified to inform evidence-based planning.",
    "EH3a": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "EH3b": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "EH3c": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "EH3d": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "EH3e": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "EH4": "Assessments are completed in a timely manner, to ensure that children receive the help they need without unnecessary delay.",
    "CP1": "Where there are concerns about a child's safety, there is a robust assessment of risk.",
    "CP1-NI": "Safeguarding investigations undertaken by the service are at a level that is comparable with other local authorities like Southampton.",
    "CP6B": "Child Protection Plans are in place for children where it has been assessed that multi-agency intervention is required to keep them safe.",
    "CP6B-NI": "The number of children who require Child Protection Plans is at a level that is comparable with other local authorities like Southampton.",
    "CP2": "Where it has been assessed that multi-agency intervention is required to keep a child safe, the case is progressed to Initial Child Protection Conference.",
    "CP2-NI": "The rate of Initial Child Protection Conferences is at a level that is comparable with other local authorities like Southampton.",
    "CP2b": "Children moving into Southampton receive a good standard of service and protection.",
    "CP3": "Child Protection planning is timely, ensuring that the risks to children are discussed and responded to expediently.",
    "CP4": "Decisions made at Child Protection Conferences will result in appropriate, evidence-based plans for children that respond to, and meet their level of risk and need.",
    "CP5": "The service is effective in managing the risks experienced by children and within families and where there is re-referral the issues are understood.",
    "CP7": "Where it is assessed that risks to a child have reduced there is a review of risk and the case is stepped down effectively.",
    "CP8": "The service is in regular contact with children subject to Child Protection planning to ensure that there is ongoing assessment of risk and opportunities to intervene effectively.",
    "CP9": "Where children are subject to Child Protection planning, their cases are reviewed regularly to identify progress and any barriers.",
    "LAC1": "Where it is assessed that there is no safe alternative, the local authority will take children into its care for their welfare and protection.",
    "LAC1-NI": "The level of children in care is at a level that is comparable with other local authorities like Southampton.",
    "LAC2": "Where children meet the threshold and there are no alternatives, they will be safe and have their welfare needs addressed through accommodation by the local authority.",
    "LAC3": "Children will leave care in a planned way with clear networks of support around them.",
    "LAC6": "Children who are being adopted will receive timely and effective support.",
    "LAC12": "Children subject to Special Guardianship Orders will receive timely and effective support.",
    "LAC7": "The service is in regular contact with Looked after Children to ensure that there is ongoing assessment of risk and opportunities to intervene effectively.",
    "LAC10": "Children have good quality care plans, to which they have contributed, and which meet their needs.",
    "LAC13": "Unaccompanied Asylum Seeking Children are identified and supported by the local authority.",
    "LAC14": "Unaccompanied Asylum Seeking Children are identified and supported by the local authority.",
    "LAC11": "Care Leavers have a good quality Pathway Plans, to which they have contributed, and which meets their needs.",
    "NI147": "Care Leavers are in accommodation that is safe and secure.",
    "LAC9": "Our Looked after Children will benefit from high quality fostering provision, with our own carers wherever possible.",
    "LAC16": "Our Looked after Children will benefit from high quality fostering provision, with our own carers wherever possible.",
    "EH1a": "Children and families benefit from an early help offer that is rooted in a good understanding of their needs.",
    "EH1c": "Assessments are completed for adult family members where a need for support is identified.",
    "EH1b": "Children and families benefit from early help plans that meet their presenting needs.",
    "EH14b": "Assessments are completed for children where a need for early help support is identified.",
    "CIN5": "Children and families receive support safely, at the right threshold and in a timely manner; supported by the interface between Early Help and Social Care.",
    "LSCB17a": "Young people benefit from an effective work to engage them in education, training and employment.",
    "YO2": "Young people are appropriately diverted from entry into the criminal justice system through the local diversion / prevention offer.",
    "FM011": "Families benefit from a robust local Troubled Families offer. (Families Matter)",
    "FM012": "Family engagement in the Families Matter programme translates into PBR, for further investment into the programme.",
}


def outcome_for(ref: str) -> str:
    best = ""
    for k in OUTCOMES:
        if ref.startswith(k) and len(k) > len(best):
            best = k
    return OUTCOMES.get(best, "Children and families receive an effective and timely service.")


# Fictional people, by era and section (owner, reporter).
PEOPLE = {
    1: {"MASH": ("Jane Whitby", "Catherine Parkes"), "EarlyHelp": ("Phil Bellingham", "Sean Holloway"),
        "EH": ("Jane Whitby", "Catherine Parkes"), "CP": ("Jane Whitby", "Stuart Webber"),
        "LAC": ("Jane Whitby", "Mary Hartley"), "Other": ("Jane Whitby", "Debbie Blyth")},
    2: {"MASH": ("Jane Whitby", "Jacqueline Scholes"), "EarlyHelp": ("Jane Whitby", "Sean Holloway"),
        "EH": ("Joan Whitby", "Jan Storrow"), "CP": ("Phil Bellingham", "Stuart Webber"),
        "LAC": ("Jane Whitby", "Mary Hartley"), "Other": ("Jane Whitby", "Debbie Blyth")},
    3: {"MASH": ("Julia Hawkins", "Jacqui Scholes"), "EarlyHelp": ("Stephen Morrow", "Sean Holloway"),
        "EH": ("Julia Hawkins", "Jacqui Scholes"), "CP": ("Stephen Morrow", "Stuart Webber"),
        "LAC": ("Julia Hawkins", "Mary Hartley"), "Other": ("Derek Wills", "Debbie Blyth")},
}
# Per-ref reporter overrides seen in the seeds' shape (a few rows report to someone else).
REPORTER_OVERRIDES = {
    "M6": "Sarah Wardle", "EH2": "Sarah Wardle", "EH5": "Simon Denning", "CP8": "Sarah Wardle",
    "LAC6": "Martin Smythe", "LAC12": "Martin Smythe", "LAC9": "Martin Smythe", "LAC16": "Martin Smythe",
    "M4": "Simon Denning",
}


def people_for(ind: Indicator, era: int) -> tuple[str, str]:
    owner, reporter = PEOPLE[era].get(ind.section, PEOPLE[era]["Other"])
    for k, who in REPORTER_OVERRIDES.items():
        if ind.ref.startswith(k) and ind.section != "EarlyHelp":
            reporter = who
    return owner, reporter


def section_order(era: int) -> list[str]:
    if era == 1:
        return ["MASH", "EarlyHelp", "EH", "CP", "LAC", "Other"]
    return ["MASH", "EH", "CP", "LAC", "EarlyHelp", "Other"]


def rows_for_pack(inds: list[Indicator], pack: str, era: int) -> tuple[list[Indicator], list[Indicator]]:
    """(main table rows, Early Help table rows). 2019 packs print the Early Help section (and M5,
    as seed 004 does) in a table of its own."""
    chosen = [i for i in inds if printed_in(i, pack)]
    order = {s: k for k, s in enumerate(section_order(era))}
    chosen.sort(key=lambda i: (order.get(i.section, 99), inds.index(i)))
    if era != 2:
        return chosen, []
    eh = [i for i in chosen if i.section == "EarlyHelp" or i.ref == "M5"]
    eh.sort(key=lambda i: ["EH1a", "EH1c", "EH1b", "M5", "EH14b", "CIN5"].index(i.ref)
            if i.ref in ("EH1a", "EH1c", "EH1b", "M5", "EH14b", "CIN5") else 99)
    return [i for i in chosen if i not in eh], eh


def benchmarks(ind: Indicator, year_key: str, level: float) -> tuple[str, str, str]:
    """SN / England / SE region as printed: 'Local' for most rows, numbers for some, '-' rarely."""
    r = rng("bench", ind.ref)
    kind = r.random()
    if kind < 0.55:
        return ("Local", "Local", "Local")
    if kind < 0.62:
        return ("-", "-", "-")
    r2 = rng("bench", ind.ref, year_key)
    out = []
    for _ in range(3):
        v = level * r2.uniform(0.7, 1.35)
        out.append(v)
    return tuple(out)  # numbers; formatted by the caller (unit/era aware)


def targets(ind: Indicator, n: int, level: float) -> list[str]:
    r = rng("target", ind.ref)
    if r.random() < 0.85:
        return [""] * n
    out = []
    for k in range(n):
        x = r.random()
        out.append("TBC" if x < 0.3 else str(int(level * r.uniform(0.8, 1.2))))
    return out


def dashboard_refs() -> list[str]:
    return ["M1", "M2", "M3", "EH2", "EH3", "EH5-QL", "CP1", "CP6B", "CP2", "CP9", "CP7", "LAC1",
            "LAC2", "LAC3", "LAC13", "LAC9 (val)", "LAC16", "EH1a"]


def meeting_date(pack: str) -> str:
    """Packs go to the panel in the month after their latest month, on a Thursday."""
    import datetime as dt
    r = rng("meeting", pack)
    m = month_add(pack, 1)
    d = dt.date(int(m[:4]), int(m[5:7]), 1)
    thursdays = [d + dt.timedelta(days=k) for k in range(28)
                 if (d + dt.timedelta(days=k)).weekday() == 3]
    return thursdays[r.randrange(len(thursdays))].isoformat()
