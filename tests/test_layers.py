"""The layers import only downwards and no module imports itself through others.

Read from the source (every `import`, including those inside functions and under
TYPE_CHECKING), so a dependency hidden from the interpreter still counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "supervisor_tui"

# What each part of the package may import of ours (besides itself). Top-level modules are
# named without their ".py"; "__init__" is the package's version and nothing else.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "domain": set(),
    "store": {"domain"},
    "reports": {"domain", "__init__"},
    "prompts": {"domain", "store"},
    "demo_text": {"domain"},
    "demo": {"domain", "demo_text", "store"},
    "services": {"domain", "store", "reports", "demo", "prompts"},
    "paths": set(),
    "config": {"domain", "paths"},
    "crash": {"__init__", "paths"},
    "ui": {"domain", "services", "reports", "config", "paths", "prompts"},
    "app": {"domain", "services", "ui", "config", "paths", "crash"},
    "commands": {"domain", "services", "reports", "config", "paths", "crash", "app"},
    "cli": {"__init__", "domain", "services", "commands", "config", "paths", "crash", "app"},
    "__main__": {"cli"},
}

# Imports of store/ from above the application layer that are still to be moved behind a use
# case. The list may only shrink: a new one fails the test.
NOT_YET_MOVED: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ours that `name` imports (a `from package import module` names the
    module; a `from module import thing` the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("supervisor_tui"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            if source.startswith("supervisor_tui"):
                for alias in node.names:
                    full = f"{source}.{alias.name}"
                    found.add(full if full in known else source)
    return found


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imported(name, path, known) if m in known}
            for name, path in known.items()}


def test_every_part_imports_only_what_it_may() -> None:
    wrong: set[str] = set()
    seen_not_yet: set[tuple[str, str]] = set()
    for name, targets in graph().items():
        here = part(name)
        assert here in ALLOWED, f"{name}: a new part of the package; give it its place above"
        for target in targets:
            there = part(target)
            if there == here:
                continue
            if (here, there) in NOT_YET_MOVED:
                seen_not_yet.add((here, there))
            elif there not in ALLOWED[here]:
                wrong.add(f"{name} imports {target}")
    assert not wrong, "imports against the layers:\n" + "\n".join(sorted(wrong))
    assert seen_not_yet == NOT_YET_MOVED, (
        f"moved behind a use case, so take them off NOT_YET_MOVED: {NOT_YET_MOVED - seen_not_yet}")


def test_no_import_cycles() -> None:
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert not cycles, f"modules that import each other: {cycles}"


def test_the_checks_see_a_cycle_and_a_wrong_import(tmp_path: Path) -> None:
    """The reader of imports is itself checked on a made-up package."""
    pkg = tmp_path / "supervisor_tui"
    (pkg / "domain").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "domain" / "__init__.py").write_text("")
    (pkg / "domain" / "a.py").write_text("from supervisor_tui.domain import b\n")
    (pkg / "domain" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n"
        "def f():\n    from supervisor_tui.store.x import y\n")
    known = {module_name_in(pkg, p): p for p in pkg.rglob("*.py")}
    known["supervisor_tui.store.x"] = pkg / "missing.py"
    b = imported("supervisor_tui.domain.b", pkg / "domain" / "b.py", known)
    assert b == {"supervisor_tui.domain.a", "supervisor_tui.store.x"}
    a = imported("supervisor_tui.domain.a", pkg / "domain" / "a.py", known)
    assert a == {"supervisor_tui.domain.b"}


def module_name_in(package: Path, path: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
