"""The browser's scripts and styles, gzipped once at level 9 for the proxy to serve (issue 25, point 11).

Streamlit sends its hashed JavaScript uncompressed and leaves compression to the proxy. HAProxy's own gzip
(libslz: stateless, fast, no levels) turned the first visit's scripts into 1.27 MB; level 9 gives about
40 % less (the main bundle 227 → 147 KB, protobuf 227 → 99 KB), and costs the proxy nothing per request.
``python -m geo.maps.precompress FOLDER`` writes ``FOLDER/<URL path>.gz`` for every compressible file the
app serves from a package or ``static/``, and ``FOLDER/manifest.tsv`` (URL path, content type, cache policy, encoding)
for ``precompressed.lua``, which serves them to browsers that accept gzip. Streamlit's icon font goes
there too, cut to the icons the app can name (``iconfont.py``: 375 → 65 KB; WOFF2 is compressed already, so
it is served as it is, to every browser). Rerun it after any upgrade of Streamlit or streamlit-folium (the
Dockerfile does, on every build).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.maps import assets, iconfont

#: What is worth compressing, with the content type the app itself sends for it.
CONTENT_TYPES = {
    ".js": "application/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
#: Smaller files gain less than the header costs.
MIN_BYTES = 1_024
#: A file whose name carries a content hash (Streamlit's ``index.DormvYxC.js``, the component's
#: ``main.521860b0.js``) never changes: a browser keeps it a year. Others (Leaflet, the component's
#: bootstrap.min.css) change only with their pinned package: a day.
HASHED = re.compile(r"\.[0-9A-Za-z_-]{8}\.[a-z0-9]+$")
IMMUTABLE = "public, immutable, max-age=31536000"
DAILY = "public, max-age=86400"
MANIFEST = "manifest.tsv"
#: The HAProxy service that serves them.
LUA = Path(__file__).with_name("precompressed.lua")
#: The app's own Python code, where pages and buttons name their icons.
APP = Path(__file__).resolve().parents[2]
APP_CODE = ("dashboard.py", "pages", "ui")


@dataclass(frozen=True)
class Route:
    """A URL prefix the app serves from a folder."""

    prefix: str
    folder: Path


def _package_dir(name: str) -> Path:
    """The installed package's folder, found without importing it (geo never imports streamlit)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"Paket {name!r} ist nicht installiert (pip install -r requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations)))


def routes() -> list[Route]:
    """Streamlit's frontend, the map component's frontend and the app's Leaflet copy, by URL prefix."""
    return [
        Route("/static/", _package_dir("streamlit") / "static" / "static"),
        # streamlit-folium registers its component as "streamlit_folium.st_folium" (pinned version)
        Route("/component/streamlit_folium.st_folium/", _package_dir("streamlit_folium") / "frontend" / "build"),
        Route("/app/static/leaflet/", assets.ensure_leaflet()),
    ]


@dataclass(frozen=True)
class Packed:
    """One precompressed file: where the browser asks for it and what it was."""

    url: str
    content_type: str
    cache: str
    raw_bytes: int
    packed_bytes: int
    #: ``gzip``: stored as ``<url>.gz``, for browsers that accept it; ``identity``: stored as ``<url>``, for all
    encoding: str = "gzip"


def _served(route: Route) -> Iterator[tuple[str, Path]]:
    """The route's scripts and styles (what could be compressed), by URL path."""
    for path in sorted(route.folder.rglob("*")):
        if path.is_file() and path.suffix in CONTENT_TYPES:
            yield route.prefix + path.relative_to(route.folder).as_posix(), path


def build(target: Path, chosen: list[Route] | None = None) -> list[Packed]:
    """Write the gzip copies and the manifest into ``target`` (emptied first: no stale file survives)."""
    target = Path(target)
    if target.exists():
        for child in target.iterdir():  # the folder itself may be a mounted volume: keep it
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    chosen = chosen or routes()
    packed = []
    for route in chosen:
        for url, path in _served(route):
            raw = path.read_bytes()
            if len(raw) < MIN_BYTES:
                continue
            body = gzip.compress(raw, compresslevel=9, mtime=0)
            out = target / (url.lstrip("/") + ".gz")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(body)
            cache = IMMUTABLE if HASHED.search(path.name) else DAILY
            packed.append(Packed(url, CONTENT_TYPES[path.suffix], cache, len(raw), len(body)))
    packed += _icon_fonts(target, chosen)
    lines = [f"{p.url}\t{p.content_type}\t{p.cache}\t{p.encoding}" for p in packed]
    (target / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return packed


def _python_files() -> list[Path]:
    """The app's and Streamlit's Python code (Streamlit names icons of its own there, e.g. for its menus)."""
    places = [APP / name for name in APP_CODE] + [_package_dir("streamlit")]
    return [f for place in places for f in ([place] if place.is_file() else sorted(place.rglob("*.py")))]


def _icon_fonts(target: Path, chosen: list[Route]) -> list[Packed]:
    """Streamlit's Material Symbols, cut to the icons its scripts and the app's code can name."""
    packed = []
    for route in chosen:
        fonts = [p for p in sorted(route.folder.rglob("*.woff2")) if iconfont.FONT.search(p.name)]
        if not fonts:
            continue
        names = iconfont.named_in(sorted(route.folder.rglob("*.js")), _python_files())
        for path in fonts:
            url = route.prefix + path.relative_to(route.folder).as_posix()
            body = iconfont.cut(path, names)
            out = target / url.lstrip("/")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(body)
            cache = IMMUTABLE if HASHED.search(path.name) else DAILY
            packed.append(Packed(url, "font/woff2", cache, path.stat().st_size, len(body), "identity"))
    return packed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.maps.precompress", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the proxy reads the copies (emptied first)")
    args = parser.parse_args(argv)
    packed = build(args.folder)
    raw, small = sum(p.raw_bytes for p in packed), sum(p.packed_bytes for p in packed)
    print(f"{len(packed)} Dateien vorkomprimiert: {raw / 1e6:.1f} MB → {small / 1e6:.1f} MB in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
