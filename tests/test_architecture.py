"""The library's architecture holds: packages import one way, no import cycle, no streamlit in ``geo/``.

Imports are read with ``ast`` from the source (imports inside functions count too), so the checks
need nothing installed and name the file and line of every offending import.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

GEO = Path(__file__).resolve().parent.parent / "geo"

#: The one table of allowed directions: package → the packages of ``geo`` it may import, lowest first.
ALLOWED: dict[str, set[str]] = {
    "config": set(),
    "text": set(),
    "records": {"text"},
    "regions": {"records", "text"},
    "intake": {"regions", "records", "text"},
    "storage": {"intake", "regions", "records", "text"},
    "figures": {"regions", "records", "text"},
    "maps": {"figures", "regions", "records", "text"},
    "handouts": {"storage", "figures", "maps", "intake", "regions", "records", "text"},
    "publicreports": {"storage", "intake", "regions", "records", "text"},
    # build and check tools of the shipped data: they read it through the same import and the same figures
    "databuild": {"storage", "figures", "intake", "regions", "records", "text"},
}
#: The bottom package every package may import: the settings registry (``geo.config.settings``).
FOR_EVERYONE = "config"
#: Packages for the browser: the library may use pandas and folium, but never the web framework.
FORBIDDEN = ("streamlit", "streamlit_folium")


def module_name(path: Path, root: Path = GEO) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = GEO) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in the file, relative ones resolved."""
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # "from geo import x" and "from geo.pkg import module" import the modules named
            for alias in node.names:
                yield (f"{base}.{alias.name}" if base in ("geo", *(f"geo.{p}" for p in ALLOWED)) else base), node.lineno


def package_of(module: str) -> str | None:
    """``geo.storage.store`` → ``storage``; None outside ``geo`` or for ``geo`` itself."""
    parts = module.split(".")
    return parts[1] if parts[0] == "geo" and len(parts) > 1 else None


def modules(root: Path = GEO) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.relative_to(root).parts)


def package_edges(root: Path = GEO) -> dict[tuple[str, str], list[str]]:
    """(from package, to package) → the imports that make that edge, as "file:line imports module"."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in modules(root):
        source = package_of(module_name(path, root))
        for target_module, line in imports(path, root):
            target = package_of(target_module)
            if source and target and target != source:
                where = f"{path.relative_to(root.parent)}:{line} imports {target_module}"
                edges.setdefault((source, target), []).append(where)
    return edges


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph as a path that returns to its start, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def module_graph(root: Path = GEO) -> dict[str, set[str]]:
    names = {module_name(p, root) for p in modules(root)}
    graph: dict[str, set[str]] = {}
    for path in modules(root):
        source = module_name(path, root)
        for target, _ in imports(path, root):
            while target and target not in names:
                target = target.rpartition(".")[0]
            if target and target != source and not source.startswith(target + ".") and target != "geo":
                graph.setdefault(source, set()).add(target)
    return graph


def test_the_table_of_directions_has_no_cycle():
    assert find_cycle(ALLOWED) is None, f"ALLOWED has a cycle: {' → '.join(find_cycle(ALLOWED))}"


def test_every_module_lives_in_a_package_of_the_table():
    loose = [str(p.relative_to(GEO.parent)) for p in modules() if p.parent == GEO and p.name != "__init__.py"]
    packages = {p.name for p in GEO.iterdir() if (p / "__init__.py").is_file()}
    assert not loose, f"modules directly in geo/ (put them into a package): {loose}"
    assert packages == set(ALLOWED), f"packages not in ALLOWED or gone: {packages ^ set(ALLOWED)}"


def test_packages_import_only_in_the_allowed_directions():
    wrong = [
        f"{source} → {target} is not allowed (ALLOWED[{source!r}] = {sorted(ALLOWED[source])}): {where}"
        for (source, target), found in sorted(package_edges().items())
        if target not in ALLOWED.get(source, set()) | {FOR_EVERYONE}
        for where in found
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for source, target in package_edges():
        graph.setdefault(source, set()).add(target)
    cycle = find_cycle(graph)
    assert cycle is None, f"import cycle between packages: {' → '.join(cycle)}"


def test_no_import_cycle_between_modules():
    cycle = find_cycle(module_graph())
    assert cycle is None, f"import cycle between modules: {' → '.join(cycle)}"


def test_the_library_never_imports_streamlit():
    found = [
        f"{path.relative_to(GEO.parent)}:{line} imports {name}"
        for path in modules()
        for name, line in imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert not found, "geo/ must not import streamlit (the UI lives in ui/ and pages/):\n" + "\n".join(found)


@pytest.fixture
def fake_geo(tmp_path):
    """A tiny geo/ to show that each check fails on the import it exists to catch."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "geo"
        for name, text in {"__init__.py": "", **files}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            for parent in path.relative_to(root).parents:
                (root / parent / "__init__.py").touch()
            path.write_text(text, encoding="utf-8")
        return root

    return make


def test_the_checks_catch_what_they_exist_for(fake_geo):
    root = fake_geo(
        {
            "records/model.py": "from geo.maps import mapview\n",
            "maps/mapview.py": "import streamlit as st\nfrom geo.records import model\n",
            "storage/store.py": "def init():\n    from geo.storage import migrate\n",
            "storage/migrate.py": "from geo.storage import store\n",
        }
    )
    edges = package_edges(root)
    assert edges[("records", "maps")] == ["geo/records/model.py:1 imports geo.maps.mapview"]
    assert "maps" not in ALLOWED["records"]  # so the direction check names this line
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    assert find_cycle(graph) == ["maps", "records", "maps"]
    assert find_cycle(module_graph(root)) == ["geo.maps.mapview", "geo.records.model", "geo.maps.mapview"]
    assert ("geo.storage.migrate", "geo.storage.store") in {
        (a, b) for a, targets in module_graph(root).items() for b in targets
    }
    cycle = find_cycle({k: v for k, v in module_graph(root).items() if k.startswith("geo.storage")})
    assert cycle == ["geo.storage.migrate", "geo.storage.store", "geo.storage.migrate"]
    assert [(n, line) for n, line in imports(root / "maps" / "mapview.py", root) if n.split(".")[0] in FORBIDDEN] == [
        ("streamlit", 1)
    ]
