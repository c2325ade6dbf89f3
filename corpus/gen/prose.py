"""Agenda, minutes, covering report and glossary text: the pages around the dataset."""
from __future__ import annotations

from .common import label, long_label, month_add, rng

Block = tuple[str, str]      # (style, text): h1 | h2 | p | item


def agenda(pack: str, meeting: str, item: int) -> list[Block]:
    y, m, d = meeting.split("-")
    when = f"Thursday, {int(d)} {long_label(meeting[:7]).split()[0]} {y} at 5.30 pm"
    r = rng("agenda", pack)
    items = ["APOLOGIES AND CHANGES IN PANEL MEMBERSHIP (IF ANY)",
             "DISCLOSURE OF PERSONAL AND PECUNIARY INTERESTS",
             "DECLARATIONS OF SCRUTINY INTEREST", "DECLARATION OF PARTY POLITICAL WHIP",
             "STATEMENT FROM THE CHAIR", "MINUTES OF THE PREVIOUS MEETING (INCLUDING MATTERS ARISING)",
             "CHILDREN AND FAMILIES PERFORMANCE", "MONITORING SCRUTINY RECOMMENDATIONS"]
    blocks: list[Block] = [("h1", "CHILDREN AND FAMILIES SCRUTINY PANEL"),
                           ("p", f"{when}, Conference Room 3 and 4 - Civic Centre"),
                           ("p", "This meeting is open to the public"),
                           ("h2", "Members"),
                           ("p", "Councillor " + ", Councillor ".join(r.sample(
                               ["Ashby (Chair)", "Prior", "Hannides", "Blatchford", "Coombs", "Mitchell",
                                "Paffey", "Noon", "Taggart", "Wilkinson"], 7))),
                           ("h2", "Contacts"),
                           ("p", "Scrutiny Manager, Civic Centre. Tel: 023 8083 3886, Email: scrutiny@example.gov.uk"),
                           ("h2", "AGENDA")]
    others = [x for x in items if x != "CHILDREN AND FAMILIES PERFORMANCE"]
    for k, text in enumerate(others[:item - 1] + ["CHILDREN AND FAMILIES PERFORMANCE"] + others[item - 1:], start=1):
        blocks.append(("item", f"{k}  {text}"))
    blocks.append(("p", f"To consider the report of the Director of Children's Services providing an overview of "
                        f"performance for the period ending {long_label(pack)}."))
    return blocks


def minutes(pack: str) -> list[Block]:
    r = rng("minutes", pack)
    prev = month_add(pack, -1)
    paras = [
        f"The Panel considered the report of the Director of Children's Services on performance to the end of "
        f"{long_label(prev)}. Members noted that the dataset had been circulated in advance.",
        "The Panel discussed demand on the front door, the timeliness of assessments and the stability of "
        "placements for children in care, and asked for further detail on the reasons for the changes.",
        f"Members were informed that {r.randint(3, 12)} new social workers had joined the service and that "
        f"caseloads in the assessment teams averaged {r.randint(16, 24)} children per worker.",
        "The Panel requested that the commentary in the dataset explain any change of 10% or more against "
        "the previous month and against the same month of the previous year.",
        "RESOLVED that the Panel note the report and that the Cabinet Member circulate the requested "
        "information before the next meeting.",
    ]
    blocks: list[Block] = [("h1", "CHILDREN AND FAMILIES SCRUTINY PANEL"),
                           ("h2", f"MINUTES OF THE MEETING HELD ON {r.randint(1, 28)} {long_label(month_add(pack, 0)).upper()}"),
                           ("p", "Present: Councillors Ashby (Chair), Prior, Coombs, Mitchell and Taggart"),
                           ("p", "Apologies: Councillor Noon")]
    for k, p in enumerate(paras, start=r.randint(10, 20)):
        blocks.append(("item", f"{k}. {p}"))
    return blocks


def report(pack: str, item: int, has_early_help: bool, has_dashboards: bool) -> list[Block]:
    apps = [f"Children and Families Monthly Dataset \u2013 {long_label(pack)}"]
    if has_early_help:
        apps.append(f"Early Help Dataset \u2013 {long_label(pack)}")
    if has_dashboards:
        apps.append("Performance dashboards")
    apps.append("Glossary of terms")
    blocks: list[Block] = [
        ("h2", "DECISION-MAKER: CHILDREN AND FAMILIES SCRUTINY PANEL"),
        ("h2", "SUBJECT: CHILDREN AND FAMILIES PERFORMANCE"),
        ("p", "REPORT OF: DIRECTOR OF CHILDREN'S SERVICES"),
        ("h2", "BRIEF SUMMARY"),
        ("p", f"This report presents the performance of Children and Families Services for the period up to "
              f"{long_label(pack)}. The Panel is asked to consider the dataset attached at Appendix 1 and to "
              f"challenge and question the Cabinet Member and senior managers on the performance shown."),
        ("h2", "RECOMMENDATIONS"),
        ("item", "(i) That the Panel considers and challenges the performance of the service."),
        ("h2", "REASONS FOR REPORT RECOMMENDATIONS"),
        ("item", "1. To enable the Panel to undertake its terms of reference and to monitor progress."),
        ("h2", "DETAIL (Including consultation carried out)"),
        ("item", f"2. The dataset shows {13 if pack < '2019-04' else 14 if pack < '2020-01' else 7} months of "
                 f"data for each indicator together with the 12 month average, the 12 month maximum and "
                 f"benchmarks from the statistical neighbour group, England and the South East region."),
        ("item", "3. Commentary explains significant changes and the action being taken."),
        ("h2", "RESOURCE IMPLICATIONS"), ("item", "4. None."),
        ("h2", "LEGAL IMPLICATIONS"),
        ("item", "5. The duty to undertake overview and scrutiny is set out in Part 1A Section 9 of the "
                 "Local Government Act 2000."),
        ("h2", "SUPPORTING DOCUMENTATION"), ("h2", "Appendices"),
    ]
    blocks += [("item", f"{k}. {a}") for k, a in enumerate(apps, start=1)]
    blocks.append(("p", f"Agenda Item {item}"))
    return blocks


GLOSSARY = [
    ("Abuse", "A form of maltreatment of a child. Somebody may abuse or neglect a child by inflicting harm, or by failing to act to prevent harm."),
    ("Advocacy", "Support for children and young people to express their views and wishes and to understand their rights."),
    ("Agency Decision Maker", "A senior person in the agency who makes decisions on adoption and fostering on the recommendation of a panel."),
    ("Assessment", "The process of gathering and analysing information about a child and family to decide what help is needed."),
    ("CAFCASS", "Children and Family Court Advisory and Support Service, which looks after the interests of children involved in family proceedings."),
    ("Care Order", "An order made by the court under section 31 of the Children Act 1989 placing a child in the care of the local authority."),
    ("Child in Need", "A child whose health or development is likely to be impaired without the provision of services by the local authority."),
    ("Child Protection Conference", "A meeting of professionals and the family to decide whether a child is at continuing risk of significant harm."),
    ("Child Sexual Exploitation", "A form of child sexual abuse in which a child is coerced or manipulated into sexual activity."),
    ("Corporate Parenting", "The collective responsibility of the council to provide the best possible care and protection for children in care."),
    ("Early Help", "Support provided as soon as a problem emerges, at any point in a child's life."),
    ("Independent Fostering Agency (IFA)", "An agency which recruits, trains and supports foster carers independently of the local authority."),
    ("MASH", "Multi Agency Safeguarding Hub: the front door through which concerns about children are received and decided."),
    ("Pathway Plan", "The plan for a care leaver which sets out the support they will receive as they move to independence."),
    ("Section 47 Enquiry", "An enquiry made where there is reasonable cause to suspect that a child is suffering, or likely to suffer, significant harm."),
    ("Special Guardianship Order", "An order appointing one or more people to be a child's special guardian, giving them parental responsibility."),
    ("Statistical Neighbours", "A group of local authorities with similar characteristics, used for comparison of performance."),
    ("Unaccompanied Asylum Seeking Child", "A child seeking asylum in the UK who is separated from both parents and is not being cared for by an adult."),
]


def glossary(pack: str) -> list[Block]:
    blocks: list[Block] = [("h1", "CHILDREN AND FAMILIES GLOSSARY")]
    for term, text in GLOSSARY:
        blocks.append(("h2", term))
        blocks.append(("p", text))
    return blocks
