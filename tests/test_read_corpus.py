"""Real behaviour on the bundled corpus: the demo text-layer packs read through the pipeline give
every printed month cell with the right ref, month and value (golden/printed.csv comes from the
truth that generated the PDFs, not from recover)."""
import os

import pytest

from recover.pipeline import Settings, open_all, read_sources
from recover.register import load_register
from tests.golden_views import not_read, printed_cells

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "corpus", "demo")


def _demo(variant: str) -> list[str]:
    return sorted(os.path.join(DEMO, n) for n in os.listdir(DEMO) if n.endswith(f"_{variant}.pdf"))


@pytest.fixture(scope="module")
def text_packs():
    files = _demo("text")
    assert files, "corpus/demo has no text-layer packs"
    sources, errors = open_all(files)
    packs, errs = read_sources(sources, Settings(ocr=False, workers=1), load_register())
    assert not errors and not errs
    return packs


def test_every_printed_month_cell_is_recovered(text_packs):
    printed = printed_cells("text", {p.source for p in text_packs}, "demo")
    assert len(printed) > 1000
    missed, wrong_ok = not_read([o for p in text_packs for o in p.observations], printed)
    assert wrong_ok == 0
    assert len(missed) <= 0.001 * len(printed), missed[:5]


def test_pack_month_window_and_pages_classified(text_packs):
    for p in text_packs:
        kinds = {i.kind for i in p.pages}
        assert "dataset" in kinds and "prose" in kinds
        assert p.window in (7, 13, 14)
        assert all(o.pack == p.pack for o in p.observations)
        assert all(i.why for i in p.pages)


def test_every_row_matched_and_names_rejoined(text_packs):
    rows = [r for p in text_packs for r in p.rows]
    assert rows and all(r.ref for r in rows)
    owners = {r.owner for r in rows if r.owner}
    assert owners and all(" " in o and len(o.split()) <= 3 for o in owners)
    # the corpus draws names in 2-3 letter chunks: fragments like 'Ju lia n' must never survive
    assert not any(len(w) <= 2 for o in owners for w in o.split())


def test_every_observation_has_provenance(text_packs):
    for p in text_packs:
        for o in p.observations:
            assert o.source and o.page >= 1 and o.box is not None and o.method == "text-layer"
            assert 0.0 <= o.confidence <= 1.0


def test_store_keeps_every_reading(text_packs, tmp_path):
    """Pages with several grids (dashboards) must not overwrite each other's cells in the store."""
    from recover.store import Store
    store = Store(tmp_path)
    for p in text_packs:
        store.upsert_pack(p, "k")
    assert len(store.observations()) == sum(len(p.observations) for p in text_packs)
    assert any(i.kind == "dashboard" for p in text_packs for i in p.pages)
