"""The shape of the package, checked from its source: no import cycles (counting imports made
inside functions, which hide cycles rather than remove them), readers that do not reach into the
table stage, a library that never imports its command line, private names that stay in their
module, and modules short enough to read."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "recover"
MAX_LINES = 400
SIZE_EXEMPT: tuple[str, ...] = ()     # every module is held to the limit


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every recover module this file imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("recover"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("recover"):
                continue
            for a in node.names:      # 'from recover.readers import registered' names a module
                sub = f"{target}.{a.name}"
                out.add(sub if (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists()
                        or (PACKAGE.parent / sub.replace(".", "/")).is_dir() else target)
    return out


def graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    names = {module_name(p) for p in files}

    def known(m: str) -> str | None:
        while m and m not in names:
            m = m.rpartition(".")[0]
        return m or None
    return {module_name(p): {k for i in imports_of(p) if (k := known(i)) and k != module_name(p)}
            for p in files}


def _cycle(g: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(g.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None
    for m in sorted(g):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycle():
    g = graph()
    # a package's __init__ re-exporting its own modules is not a cycle of the design
    g = {m: {n for n in deps if not (m.startswith(n + ".") and n in g)} for m, deps in g.items()}
    assert _cycle(g) is None, " -> ".join(_cycle(g))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("layer,forbidden", [
    ("recover.readers", "recover.table"),      # readers find structure; meaning is recover.printed
    ("recover.printed", "recover.readers"),    # the vocabulary depends on no reader
    ("recover.printed", "recover.table"),
])
def test_layers_do_not_reach_upwards(layer, forbidden):
    bad = {m: sorted(d for d in deps if d.startswith(forbidden))
           for m, deps in graph().items() if m.startswith(layer)}
    assert not {m: d for m, d in bad.items() if d}


def test_the_library_never_imports_the_command_line():
    users = [m for m, deps in graph().items() if "recover.cli" in deps and m not in ("recover.cli", "recover.__main__")]
    assert not users


def private_imports(source: str) -> list[str]:
    """'module.name' for each private name `source` takes from another recover module (relative
    imports included): what two modules share is public, and documented where it lives."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("recover")):
            where = "." * node.level + (node.module or "")
            out.extend(f"{where}.{a.name}" for a in node.names if a.name.startswith("_") and a.name != "__version__")
    return out


def test_no_module_takes_another_modules_private_names():
    bad = {module_name(p): got for p in sorted(PACKAGE.rglob("*.py"))
           if (got := private_imports(p.read_text(encoding="utf-8")))}
    assert not bad


@pytest.mark.parametrize("source,found", [
    ("def f():\n    from .tokens import _pieces", [".tokens._pieces"]),
    ("from recover.register.match import _separate, lead_of", ["recover.register.match._separate"]),
    ("from .checks import _target, run_checks", [".checks._target"]),
    ("from . import align_tail as _align", []),                  # a module under a private alias
    ("from recover.printed.glued import split_glued\nfrom recover import __version__", []),
    ("from os.path import _joinrealpath", []),                   # not ours
])
def test_the_private_import_finder(source, found):
    assert private_imports(source) == found


def test_modules_are_short_enough_to_read():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
            and not str(p.relative_to(PACKAGE)).startswith(SIZE_EXEMPT)}
    assert not long


# bench/measure.py scores the extraction kinds of the corpus; the test of those kinds uses its
# figures until they move to recover.testing; test_bench_scoring.py tests the benches' scoring itself
BENCH_USERS = {"test_corpus_extracted.py", "test_bench_scoring.py"}


def test_tests_do_not_import_the_benchmarks():
    """bench/ prints figures; what tests share with it lives in recover.testing."""
    users = []
    for p in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "bench" or n.startswith("bench.") for n in names) and p.name not in BENCH_USERS:
                users.append(p.name)
    assert not users
