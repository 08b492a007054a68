"""Serve the map's browser assets from the app itself (no CDN, no third-party request).

Leaflet comes from the installed PyPI package ``django-js-lib-leaflet`` (we do
not commit third-party code). Streamlit serves files under ``static/`` next to
the entry script at ``/app/static/`` when ``server.enableStaticServing`` is on;
this module copies Leaflet there at start-up.

The map's own JavaScript lives in ``geo/maps/js/*.js`` (checked by ``node --check`` in the tests), each file
one function; :func:`script_template` reads a file once, at import, and puts it into a folium macro
template followed by a one-line call that passes the template's values (Jinja) to the function.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import jinja2

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
#: The map's own scripts, one function per file (see :func:`script_template`).
JS_DIR = Path(__file__).resolve().parent / "js"


def leaflet_source() -> Path:
    """Folder of the installed Leaflet 1.9.4 distribution."""
    return Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into ``static/leaflet`` unless an identical copy is there; return that folder."""
    source, target = leaflet_source(), static_dir / "leaflet"
    target.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        src, dst = source / name, target / name
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif not dst.exists() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
    return target


def js_source(name: str) -> str:
    """The text of ``geo/maps/js/<name>``."""
    return (JS_DIR / name).read_text(encoding="utf-8")


def script_template(js_file: str, call: str, header: str = "") -> jinja2.Template:
    """A folium ``MacroElement`` template: the function of ``js/<js_file>``, then ``call`` (a Jinja line).

    The file goes in verbatim (``{% raw %}``: its braces are never read as Jinja); only ``call`` and
    ``header`` (an optional ``{% macro header %}`` with the element's CSS) are templates, so
    ``{{ this.map.get_name() }}`` and friends keep working there.
    """
    source = js_source(js_file).rstrip("\n")
    return jinja2.Template(
        f"{header}\n{{% macro script(this, kwargs) %}}\n{{% raw %}}{source}{{% endraw %}}\n{call}\n{{% endmacro %}}\n"
    )
