"""The version of the code that makes a reading, so that what the store holds and what the OCR
cache serves is never older than the code that would read it now.

A reading's version is the package version plus a hash of the source of every recover module that
can shape it: the modules the reading stages import, followed transitively through the package
(`import` statements anywhere in a module, since readers import lazily inside functions), with the
data files beside them. It is computed, not written by hand: a version constant bumped by people
would have to be bumped on every change to any of some sixty modules, and the first forgotten
bump serves stale readings without a sign. The cost is that any change to those files (a comment
too) makes the next run read stored packs again; for scans the OCR cache, keyed by the smaller set
of modules OCR depends on, makes that cheap.
"""
from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

from recover import __version__

PACKAGE = "recover"
ROOT = Path(__file__).resolve().parent
DATA_SUFFIXES = (".csv", ".json", ".tsv", ".txt")

# What makes a stored reading (pages, rows, observations): ingest, the readers, the table stage.
READING = ("recover.pipeline",)
# Stages run again from the store on every run, so their code never makes a reading stale.
# (Anything not listed here that a reading stage imports counts: a new module errs on the side of
# reading again, never of keeping a stale reading.)
NOT_READING = ("recover.identify", "recover.reconcile", "recover.outputs", "recover.store", "recover.register",
               "recover.api", "recover.cli", "recover.library", "recover.compare", "recover.check",
               "recover.progress", "recover.doctor", "recover.versions")


def module_file(name: str) -> Path | None:
    """The source file of a module of this package (None if there is none)."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    rel = Path(*name.split(".")[1:])
    for candidate in (ROOT / rel / "__init__.py", (ROOT / rel).with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The modules of this package a source file imports, wherever the import statement is."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in _import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            subs = {f"{mod}.{a.name}" for a in node.names if module_file(f"{mod}.{a.name}")}
            found.update(subs)                       # `from x import submodule` names the submodule...
            if len(subs) < len(node.names):          # ...and x itself only for the other names
                found.add(mod)
    # Only the modules named: importing a.b.c also runs a/__init__ and a/b/__init__, but a package's
    # __init__ that the code names nowhere (recover/__init__, re-exports) does not shape a reading.
    return {m for m in found if module_file(m) is not None}


def _import_statements(source: str):
    """The import statements of a module, at any depth. Only lines that begin with `import` or
    `from` are parsed (parsing whole modules cost ~10x more); a docstring line that happens to look
    like an import can only add a module, never hide one."""
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        text = lines[i].lstrip()
        i += 1
        if not text.startswith(("import ", "from ")):
            continue
        while (text.count("(") > text.count(")") or text.endswith("\\")) and i < len(lines):
            text = text.rstrip("\\") + " " + lines[i].strip()
            i += 1
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        yield from (n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))


def closure(roots: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[Path]:
    """Source files of the roots and of every module they import, transitively, sorted."""
    def excluded(m: str) -> bool:
        # the package's own __init__ (the facade, __version__) and this module shape no reading
        return m in (PACKAGE, __name__) or any(m == e or m.startswith(e + ".") for e in exclude)
    seen: set[str] = set()
    todo = [r for r in roots if not excluded(r)]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(x for x in imports(module_file(m)) if x not in seen and not excluded(x))
    return sorted(module_file(m) for m in seen)


@lru_cache(maxsize=None)
def code_hash(roots: tuple[str, ...], exclude: tuple[str, ...] = ()) -> str:
    """A hash of the source (and the data files beside it) of closure(roots, exclude)."""
    h = hashlib.sha256()
    files = closure(roots, exclude)
    data = sorted({d for f in files for d in f.parent.iterdir() if d.suffix in DATA_SUFFIXES})
    for f in files + data:
        h.update(f.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def reading_version() -> str:
    """What the store records with each pack it holds, e.g. '0.1.0+3f2a9c1e0b7d'."""
    return f"{__version__}+{code_hash(READING, NOT_READING)[:12]}"
