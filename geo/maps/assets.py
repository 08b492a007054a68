"""Serve the map's browser assets from the app itself (no CDN, no third-party request).

Leaflet comes from the installed PyPI package ``django-js-lib-leaflet`` (we do
not commit third-party code). Streamlit serves files under ``static/`` next to
the entry script at ``/app/static/`` when ``server.enableStaticServing`` is on;
this module copies Leaflet there at start-up.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")


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
