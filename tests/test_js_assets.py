"""JavaScript lives in ``.js`` files next to the module that ships it (``geo/maps/js``, ``ui/js``), is valid
JavaScript, and is what the map and the pages ship.

``node --check`` parses without running; CI installs ``nodejs`` (``.ci/run``).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from geo.maps import assets, mapview, playback, topology
from geo.regions import boundaries

ROOT = Path(__file__).resolve().parent.parent
JS_FILES = sorted([*assets.JS_DIR.glob("*.js"), *(ROOT / "ui" / "js").glob("*.js")])
#: A string in a ``.py`` file may hold a one-line statement of JavaScript, never a function of more lines.
MAX_LINES = 3
_FUNCTION = re.compile(r"\bfunction\b\s*[\w$]*\s*\(|=>\s*\{")


def javascript_in_python(root: Path) -> list[str]:
    """ "file:line (n lines)" for each string constant in ``root/**/*.py`` with a JS function over MAX_LINES lines."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _FUNCTION.search(node.value):
                lines = len(node.value.strip().splitlines())
                if lines > MAX_LINES:
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno} ({lines} lines)")
    return found


def node_check(source: str, tmp_path: Path, name: str = "script.js") -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "node is needed to lint the map's JavaScript (apt-get install nodejs; .ci/run installs it)"
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return subprocess.run([node, "--check", str(path)], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("package", ["geo", "ui", "pages"])
def test_no_python_file_holds_a_javascript_function(package):
    assert javascript_in_python(ROOT / package) == []


def test_the_check_finds_javascript_written_as_a_python_string(tmp_path):
    package = tmp_path / "geo"
    package.mkdir()
    (package / "mod.py").write_text('T = """\n(function (map) {\n    a();\n    b();\n})(m);\n"""\nU = "f(x);"\n')
    assert javascript_in_python(package) == ["geo/mod.py:1 (4 lines)"]


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: p.name)
def test_each_script_file_is_valid_javascript_and_shipped_by_a_module(path, tmp_path):
    result = node_check(path.read_text(encoding="utf-8"), tmp_path, path.name)
    assert result.returncode == 0, result.stderr
    modules = [*(ROOT / "geo").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    users = [p for p in modules if f'"{path.name}"' in p.read_text(encoding="utf-8")]
    assert users, f"{path.name} is not loaded by any module"


def test_node_check_refuses_broken_javascript(tmp_path):
    assert node_check("function f( {", tmp_path).returncode != 0


def test_the_rendered_maps_script_is_valid_and_calls_every_function_it_defines(tmp_path):
    layer = mapview.with_counts(boundaries.load_kreise_web_geojson(), pd.Series({"12073": 2}, dtype=int))
    base = mapview.build_map(layer, tile_url="", topology=topology.build(layer))
    fmap = playback.add_play_through(base, [2019, 2020], {"12073": "12"}, 2020)
    mapview.selection_layer(layer, ["12073"]).add_to(fmap)
    html = fmap.get_root().render()
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert scripts
    result = node_check("\n".join(scripts), tmp_path)
    assert result.returncode == 0, result.stderr
    for path in assets.JS_DIR.glob("*.js"):
        (name,) = re.findall(r"^function (\w+)\(", path.read_text(encoding="utf-8"), re.M)
        assert f"function {name}(" in html and re.search(rf"(?<!function ){name}\(", html), name
