"""The data team's check of a newly read pack against what the store holds.

    check_pack(pack_read, store, register, record=False) -> CheckReport

Reconciles the store without the pack, then with it, and reports:
- values that differ from what is held, each classed as
    revision  — the new pack's value wins the reconciliation (a later pack changed the figure);
    misread   — the held value wins, the new reading is judged a misread of the new pack;
    superseded — the held value wins and comes from a later pack: the new (older) pack printed a
                 figure that was revised afterwards (back-filling an old pack);
    unclear   — neither is sure enough: a person must look;
- indicators the new pack shows that the store never held (new), and ones the nearest held pack
  showed that the new pack does not (vanished);
- implausible values (a percentage outside 0-100, a negative or fractional count), unreadable cells,
  rows that matched no indicator, and months only this pack shows that reconcile would not vouch for;
- the cells it would add (months the store does not hold) and the review cells it would settle;
- whether the store already holds this very file, or a file printing exactly the same values.
Each held value compared against names where it comes from: the pack, file and page that printed
it, or the reviewer's correction.

needs_person is true when anything but confident revisions and confident misreads is found.
The store is not changed unless record=True.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from .identify.unmatched import assignable
from .model import PackRead
from .reconcile.confidence import OK_AT
from .reconcile.core import implausible, reconcile_records
from .reconcile.precision import agree, fmt
from .reconcile.register_view import RegisterView


@dataclass(frozen=True)
class Difference:
    ref: str
    month: str
    held_value: float | None
    held_decimals: int | None
    new_value: float
    new_decimals: int | None
    new_read_confidence: float
    kind: str                       # revision | misread | superseded | unclear
    confidence: float               # the reconciled confidence of the value that won (for unclear: of
                                    # whatever value leads, below the ok threshold)
    where: str                      # page of the new pack
    held_source: str = ""           # where the held value comes from: 'YYYY-MM file p.N (e)', or a correction


@dataclass(frozen=True)
class CellChange:
    """A cell the new pack adds to the store, or a review cell it settles."""
    ref: str
    month: str
    value: float | None
    decimals: int | None
    status: str                     # the cell's status with the new pack (ok, review, missing)
    confidence: float
    before: str = ""                # for a settled cell: its status and value before


@dataclass(frozen=True)
class CheckReport:
    pack: str | None
    source: str
    differences: tuple[Difference, ...] = ()
    new_indicators: tuple[str, ...] = ()
    vanished_indicators: tuple[str, ...] = ()
    compared_with: str = ""                              # the held pack new/vanished are measured against
    implausible: tuple[tuple[str, str, str, str], ...] = ()   # ref, month, printed, why
    unreadable: tuple[tuple[str, str, str], ...] = ()          # ref, month, printed
    unmatched: tuple[tuple[str, str], ...] = ()                # ref and title as printed
    unsure_new_months: tuple[tuple[str, str, str, float], ...] = ()  # ref, month, value, confidence
    held_packs: int = 0
    recorded: bool = False
    cells: int = 0
    adds: tuple[CellChange, ...] = ()        # months of an indicator the store did not hold
    resolves: tuple[CellChange, ...] = ()    # cells in review before that the new pack settles
    same_file: str = ""                      # the store already holds this very file (by content)
    same_values_as: str = ""                 # a held file that prints exactly the same cells

    def to_dict(self) -> dict:
        """The report as plain data (what `recover check --json` prints)."""
        d = asdict(self)
        d["needs_person"] = self.needs_person
        return d

    def by_kind(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    @property
    def needs_person(self) -> bool:
        if self.same_file and not self.recorded:
            return False        # the store holds this very file: what it says is in the outputs already
        return bool(self.by_kind("unclear") or self.new_indicators or self.vanished_indicators or self.implausible
                    or self.unreadable or self.unmatched or self.unsure_new_months
                    or any(d.confidence < OK_AT for d in self.differences))

    def render(self) -> str:
        head = f"check {self.source} (pack {self.pack or 'unknown'}): {self.cells} cells against {self.held_packs} held pack(s)"
        lines = [head]
        if self.same_file:
            lines.append(f"identical: the store already holds this very file ({self.same_file}); "
                         "its cells are in the outputs already, compared below with the other packs")
        elif self.same_values_as:
            lines.append(f"identical values: {self.same_values_as} prints exactly the same cells")
        for kind, title in (("revision", "revisions (the new pack changes a held value)"),
                            ("misread", "probable misreads in the new pack (held value kept)"),
                            ("superseded", "figures a later held pack revised (held value kept)"),
                            ("unclear", "differences nobody can settle without a person")):
            items = self.by_kind(kind)
            if items:
                lines.append(f"{title}: {len(items)}")
                lines += [f"  {d.ref} {d.month}: held {fmt(d.held_value, d.held_decimals) or 'none'}"
                          f"{f' ({d.held_source})' if d.held_source else ''}, "
                          f"new {fmt(d.new_value, d.new_decimals)} (read {d.new_read_confidence:.2f}, {d.where}); "
                          f"confidence {d.confidence:.2f}" for d in items]
        if self.new_indicators:
            lines.append(f"new indicators (not held before): {', '.join(self.new_indicators)}")
        if self.vanished_indicators:
            lines.append(f"vanished indicators (in {self.compared_with}, not in this pack): "
                         f"{', '.join(self.vanished_indicators)}")
        sections = (("implausible values", [f"{r} {m}: {p!r} ({w})" for r, m, p, w in self.implausible]),
                    ("unreadable cells", [f"{r} {m}: {p!r}" for r, m, p in self.unreadable]),
                    ("rows matching no indicator", [f"{r!r} {t[:60]!r}" for r, t in self.unmatched]),
                    ("new months recover would not vouch for",
                     [f"{r} {m}: {v} (confidence {c:.2f})" for r, m, v, c in self.unsure_new_months]))
        for title, items in sections:
            if items:
                lines.append(f"{title}: {len(items)}")
                lines += [f"  {x}" for x in items]
        if self.resolves:
            lines.append(f"review cells it settles: {len(self.resolves)}")
            lines += [f"  {c.ref} {c.month}: {fmt(c.value, c.decimals) or 'missing'} ({c.status}, confidence "
                      f"{c.confidence:.2f}; was {c.before})" for c in self.resolves]
        if self.adds:
            ok = sum(c.status in ("ok", "missing") for c in self.adds)
            lines.append(f"cells it adds: {len(self.adds)} ({ok} ok or printed missing, {len(self.adds) - ok} to review)")
            lines += [f"  {c.ref} {c.month}: {fmt(c.value, c.decimals) or 'missing'} ({c.status})"
                      for c in self.adds[:MAX_LISTED]]
            if len(self.adds) > MAX_LISTED:
                lines.append(f"  ... and {len(self.adds) - MAX_LISTED} more (recover check --json lists them all)")
        if len(lines) == 1:
            lines.append("nothing differs from what is held")
        lines.append("NEEDS A PERSON" if self.needs_person else "OK: no person needed")
        if self.recorded:
            lines.append("the pack was recorded in the store")
        return "\n".join(lines)


MAX_LISTED = 20        # cells listed in the text report; --json has them all


def check_pack(pack_read: PackRead, store, register=None, record: bool = False,
               settings_key: str = "") -> CheckReport:
    h = pack_read.file_hash
    all_obs = store.observations()
    held_obs = [o for o in all_obs if o.file_hash != h]
    held_rows = [r for r in store.rows() if r.file_hash != h]
    corrections = store.corrections()
    before = reconcile_records(held_obs, held_rows, corrections, register).by_key()
    after = reconcile_records(held_obs + list(pack_read.observations), held_rows + list(pack_read.rows),
                              corrections, register).by_key()
    view = RegisterView(register)
    new_obs = [o for o in pack_read.observations if o.ref]
    held_refs = {o.ref for o in held_obs if o.ref}
    compared_with, vanished = _vanished(pack_read, held_obs)
    report = CheckReport(
        pack=pack_read.pack, source=pack_read.source,
        differences=tuple(_differences(new_obs, before, after, _latest_pack(held_obs))),
        new_indicators=tuple(sorted({o.ref for o in new_obs} - held_refs)) if held_refs else (),
        vanished_indicators=vanished, compared_with=compared_with,
        implausible=tuple(sorted({(o.ref, o.month, o.raw, why) for o in new_obs if o.value is not None
                                  for why in [implausible(o.value, o.decimals, view.info(o.ref)[1])] if why})),
        unreadable=tuple(sorted({(o.ref or "?", o.month, o.raw) for o in pack_read.observations
                                 if o.status == "unreadable"})),
        unmatched=_unmatched(pack_read),
        unsure_new_months=tuple(sorted({(o.ref, o.month, fmt(c.value, c.decimals), c.confidence)
                                        for o in new_obs if (o.ref, o.month) not in before
                                        for c in [after.get((o.ref, o.month))] if c and c.status == "review"})),
        held_packs=len({o.file_hash for o in held_obs}),
        cells=len(pack_read.observations),
        adds=tuple(_change(after[k]) for k in sorted({(o.ref, o.month) for o in new_obs} - set(before))
                   if k in after),
        resolves=tuple(_change(after[k], f"review, {fmt(c.value, c.decimals) or 'no value'}")
                       for k, c in sorted(before.items()) if c.status == "review" and k in after
                       and after[k].status in ("ok", "missing")),
        same_file=_same_file(store, h),
        same_values_as=_same_values(pack_read, held_obs),
    )
    if record:
        store.upsert_pack(pack_read, settings_key)
        report = CheckReport(**{**report.__dict__, "recorded": True})
    return report


def _unmatched(pack_read) -> tuple[tuple[str, str], ...]:
    """(printed ref, printed title) of the pack's rows a person could assign (as unmatched.csv)."""
    by_row = defaultdict(list)
    for o in pack_read.observations:
        by_row[o.row_id].append(o)
    return tuple((r.ref_printed, r.title_printed) for r in pack_read.rows
                 if not r.ref and assignable(r, by_row.get(r.row_id, [])))


def _change(c, before: str = "") -> CellChange:
    return CellChange(c.ref, c.month, c.value, c.decimals, c.status, round(c.confidence, 4), before)


def _same_file(store, file_hash: str) -> str:
    for p in store.packs():
        if p.file_hash == file_hash:
            return f"{p.source}, pack {p.pack}, read {p.read_at[:16].replace('T', ' ')}"
    return ""


def _same_values(pack_read: PackRead, held_obs) -> str:
    """A held file of the same pack month whose cells (ref, month, printed value) are exactly this
    pack's: a copy of the same pack under another name or export."""
    def cells(obs):
        return {(o.ref, o.month, o.status, o.value) for o in obs if o.ref}
    mine = cells(pack_read.observations)
    if not mine or not pack_read.pack:
        return ""
    by_file: dict[str, list] = {}
    for o in held_obs:
        if o.pack == pack_read.pack:
            by_file.setdefault(o.file_hash, []).append(o)
    for obs in by_file.values():
        if cells(obs) == mine:
            return f"{obs[0].source} (pack {obs[0].pack})"
    return ""


def _held_source(held) -> str:
    """Where the held value comes from: the readings that back it, or the reviewer's correction."""
    if held.status == "corrected" or (held.candidates and held.candidates[0].sources
                                      and held.candidates[0].sources[0].startswith("correction")):
        when = held.candidates[0].sources[0].removeprefix("correction ") if held.candidates else ""
        return f"reviewer's correction {when}".strip()
    return "; ".join(held.sources)


def _latest_pack(held_obs) -> dict:
    latest: dict = {}
    for o in held_obs:
        if o.ref and o.value is not None and o.pack and o.pack > latest.get((o.ref, o.month), ""):
            latest[(o.ref, o.month)] = o.pack
    return latest


def _differences(new_obs, before: dict, after: dict, latest: dict) -> list[Difference]:
    out = []
    seen = set()
    for o in new_obs:
        held = before.get((o.ref, o.month))
        if o.value is None or held is None or held.value is None or (o.ref, o.month) in seen:
            continue
        if agree(o.value, o.decimals, held.value, held.decimals):
            continue
        seen.add((o.ref, o.month))
        now = after.get((o.ref, o.month))
        if now is not None and now.value is not None and now.status == "ok" and \
                agree(now.value, now.decimals, o.value, o.decimals):
            kind = "revision"
        elif now is not None and now.value is not None and now.status in ("ok", "corrected") and \
                agree(now.value, now.decimals, held.value, held.decimals):
            kind = "superseded" if latest.get((o.ref, o.month), "") > (o.pack or "") else "misread"
        else:
            kind = "unclear"
        conf = now.confidence if now is not None else 0.0
        out.append(Difference(o.ref, o.month, held.value, held.decimals, o.value, o.decimals, o.confidence,
                              kind, conf, f"p.{o.page}", _held_source(held)))
    return out


def _vanished(pack_read: PackRead, held_obs) -> tuple[str, tuple[str, ...]]:
    """Indicators the nearest earlier held pack month shows (any of its files) and this pack does not."""
    if not pack_read.pack:
        return "", ()
    by_pack: dict[str, set[str]] = {}
    for o in held_obs:
        if o.ref and o.pack and o.pack <= pack_read.pack:
            by_pack.setdefault(o.pack, set()).add(o.ref)
    if not by_pack:
        return "", ()
    month = max(by_pack)
    mine = {o.ref for o in pack_read.observations if o.ref}
    return f"pack {month}", tuple(sorted(by_pack[month] - mine))
