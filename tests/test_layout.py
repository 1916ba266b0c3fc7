"""The package shows the pipeline: a few shared modules on top, one package per stage, imports one way."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import REPO

PACKAGE = REPO / "guidebook"
STAGES = ["project", "catalogs", "japanese", "search", "site", "alerts", "scaffold"]


def _unit(path: Path) -> str:
    """Return the package (stage) a module belongs to, or the module's name for a top-level module."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    """Return the guidebook units a module imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "guidebook" and len(parts) > 1 and (PACKAGE / parts[1]).exists() or (
                parts[0] == "guidebook" and len(parts) > 1 and (PACKAGE / f"{parts[1]}.py").exists()
            ):
                found.add(parts[1])
    return found


def unit_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "__init__.py":
            continue
        unit = _unit(path)
        graph.setdefault(unit, set()).update(_imports(path) - {unit})
    return graph


def test_top_level_holds_at_most_eight_modules() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    assert "cli.py" in modules
    assert len(modules) <= 8, modules


def test_each_stage_is_a_package_that_says_what_it_owns() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc, f"{stage}/__init__.py has no docstring"
        assert len(doc.strip().splitlines()) == 2, f"{stage}/__init__.py: say it in two lines"


def test_packages_import_each_other_one_way() -> None:
    graph = unit_graph()
    packages = {unit for unit in graph if (PACKAGE / unit).is_dir()}
    assert set(STAGES) <= packages
    # Depth-first search for a cycle among the packages.
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(unit: str) -> None:
        state[unit] = 1
        path.append(unit)
        for dep in sorted(graph.get(unit, set()) & packages):
            if state.get(dep) == 1:
                raise AssertionError("packages import each other: " + " -> ".join(path[path.index(dep) :] + [dep]))
            if dep not in state:
                visit(dep)
        path.pop()
        state[unit] = 2

    for unit in sorted(packages):
        if unit not in state:
            visit(unit)


def test_shared_modules_import_no_stage() -> None:
    graph = unit_graph()
    for unit in ("problems", "fsutil", "words", "strings"):
        assert not graph.get(unit, set()) & set(STAGES), unit


def _string_lines(node: ast.AST) -> int:
    """Return the lines a string literal spans in the source or holds in its value (0 for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        held = node.value.count("\n") + 1
    elif isinstance(node, ast.JoinedStr):
        held = 1 + sum(part.value.count("\n") for part in node.values if isinstance(part, ast.Constant))
    else:
        return 0
    return max(held, (node.end_lineno or node.lineno) - node.lineno + 1)


def test_pages_templates_and_scripts_are_files_not_string_constants() -> None:
    # They live next to the code (site/templates/, site/assets/, scaffold/files/), as package data.
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            lines = max((_string_lines(sub) for sub in ast.walk(value)), default=0) if value else 0
            if lines > 15:
                found.append(f"{path.relative_to(REPO).as_posix()}:{node.lineno}: a string of {lines} lines")
    assert not found, found
