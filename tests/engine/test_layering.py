"""The package's shape, checked: no import cycle, layers only import downwards, no giant module.

The import graph is read from the source with ``ast`` (every ``import``, at module level or
inside a function; ``if TYPE_CHECKING:`` blocks aside, since they never run). An edge goes to
the module imported: ``from oinlint.engine import scan`` is an edge to ``oinlint.engine.scan``,
``from oinlint.engine import check`` one to ``oinlint.engine``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "oinlint"
MAX_LINES = 1000

# Layers, highest first: a module may import its own layer and the ones below, never above.
# The first prefix that matches a module decides its layer.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("command line", ("oinlint.cli", "oinlint.__main__", "oinlint.live.pytest_plugin")),
    ("reporters", ("oinlint.report",)),
    ("engine", ("oinlint.engine", "oinlint.rules.registry", "oinlint.fixes")),
    ("live checker", ("oinlint.live",)),
    ("rules", ("oinlint.checks", "oinlint.project")),
    ("front ends", ("oinlint.frontends",)),
    ("analyses and inputs", ("oinlint.scope_analysis", "oinlint.crossfile", "oinlint.submission",
                             "oinlint.okta_code",
                             "oinlint.config",
                             "oinlint.projectroot",
                             "oinlint.rules", "oinlint.languages")),
    ("foundations", ("oinlint.facts", "oinlint.findings", "oinlint.okta", "oinlint.credentials",
                     "oinlint.testfiles",
                     "oinlint.redact", "oinlint.printable", "oinlint.exitcode",
                     "oinlint._version")),
)
# Pairs of layers that must not meet even downwards (front ends know languages, not rules).
FORBIDDEN: tuple[tuple[str, str], ...] = (
    ("front ends", "rules"),
    ("front ends", "live checker"),
    ("live checker", "rules"),
)


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _targets(module: str, node: ast.Import | ast.ImportFrom, is_package: bool,
             known: dict[str, Path]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            stem = ".".join(base + ([node.module] if node.module else []))
        else:
            stem = node.module or ""
        names = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in known else stem
                 for alias in node.names]
    for name in names:
        parts = name.split(".")
        while parts and ".".join(parts) not in known:
            parts.pop()
        if parts:
            yield ".".join(parts)


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """module → the oinlint modules it imports (at run time)."""
    known = _modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped:
                for target in _targets(name, node, path.name == "__init__.py", known):
                    if target != name:
                        graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def layer_of(module: str) -> int:
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def layering_violations(graph: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    names = [name for name, _ in LAYERS]
    for module, targets in sorted(graph.items()):
        if module == "oinlint":
            continue  # the public API re-exports from below
        mine = layer_of(module)
        for target in sorted(targets):
            if target == "oinlint":
                problems.append(f"{module} imports the package root")
                continue
            theirs = layer_of(target)
            if theirs < mine:
                problems.append(f"{module} ({names[mine]}) imports {target} ({names[theirs]})")
            elif (names[mine], names[theirs]) in FORBIDDEN:
                problems.append(f"{module} ({names[mine]}) may not import {target} "
                                f"({names[theirs]})")
    return problems


def test_the_graph_covers_the_package() -> None:
    """The checks below would pass vacuously on an empty graph."""
    graph = import_graph()
    assert len(graph) > 100
    assert "oinlint.engine.scan" in graph["oinlint.engine.run"]
    assert "oinlint.cli" in graph and "oinlint.frontends.python" in graph


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_layers_only_import_downwards() -> None:
    assert layering_violations(import_graph()) == []


def test_every_module_is_in_a_layer() -> None:
    for module in _modules():
        if module != "oinlint":
            layer_of(module)


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in _modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_no_module_is_loaded_by_string() -> None:
    """``importlib.import_module(f"...")`` hides an edge from this test and from readers."""
    offenders = [name for name, path in _modules().items()
                 if "import_module(" in path.read_text(encoding="utf-8")]
    assert offenders == []


# The checks above must be able to fail: run them on small made-up packages.

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "oinlint"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "",
        "facts.py": "def f():\n    from oinlint import findings\n",
        "findings.py": "from oinlint.facts import f\n",
    })
    assert cycles(import_graph(root)) == [["oinlint.facts", "oinlint.findings"]]


def test_type_checking_imports_are_not_edges(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "__init__.py": "",
        "facts.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                    "    from oinlint.findings import F\n",
        "findings.py": "from oinlint.facts import f\n",
    })
    assert cycles(import_graph(root)) == []


@pytest.mark.parametrize(("importer", "imported", "expected"), [
    ("engine/run.py", "oinlint.cli", "oinlint.engine.run (engine) imports oinlint.cli "
                                     "(command line)"),
    ("frontends/python.py", "oinlint.checks", "oinlint.frontends.python (front ends) imports "
                                              "oinlint.checks (rules)"),
    ("facts.py", "oinlint", "oinlint.facts imports the package root"),
])
def test_an_upward_import_is_reported(tmp_path: Path, importer: str, imported: str,
                                      expected: str) -> None:
    root = _package(tmp_path, {
        "__init__.py": "", "cli/__init__.py": "", "engine/__init__.py": "",
        "frontends/__init__.py": "", "checks/__init__.py": "",
        importer: f"import {imported}\n",
    })
    assert layering_violations(import_graph(root)) == [expected]
