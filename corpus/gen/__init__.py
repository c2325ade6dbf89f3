"""Synthetic committee-pack corpus: a known truth rendered the way the council's Excel exports looked.

Modules: common (months, rounding, seeded randomness), register (indicators, wording, people),
truth (monthly values + revisions, anchored on the real seed cells), content (what one pack prints),
render (reportlab drawing + printed-cell provenance), prose (agenda/minutes/glossary pages),
scan (image-only and mixed variants).
"""
