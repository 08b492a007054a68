"""Open data: the register, the Kreis coverage and the white spots as files with licence and checksum (issue 26).

:func:`build` is pure: records and Kreise in, a list of :class:`Distribution` (bytes plus what a portal needs to
know about them) out. :func:`publish` (for a database: ``geo.handouts.openpublish``) writes them into Streamlit's
static folder so that they have addresses:

- ``static/opendata/<name>.<ext>``: the stable address, always the current version;
- ``static/opendata/archiv/<name>_<date>_<sha8>.<ext>``: a dated, content-addressed snapshot to cite;
- ``static/opendata/current.json``: the manifest of the current version; ``archiv.json``: every manifest so far.

Several app processes share one folder: publishing happens under a file lock and reads the data version inside
it, so the last writer always writes the newest data and a process that finds the manifest at the database's
version does nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.figures import coverage
from geo.handouts import attribution, exports
from geo.maps.assets import STATIC_DIR
from geo.maps.urlstate import FIELD_CODES

OPEN_DIR = STATIC_DIR / "opendata"
#: Where Streamlit serves ``static/`` (relative to the app's base URL).
URL_PREFIX = "app/static/opendata/"
MANIFEST, ARCHIVE = "current.json", "archiv.json"

PUBLISHER = "Netzwerkatlas Fachkräftesicherung"
REGISTER_LICENCE = {
    "id": "CC-BY-4.0",
    "label": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    # the URI of the licence in the EU vocabulary that DCAT-AP.de uses
    "dcat": "http://dcat-ap.de/def/licenses/cc-by/4.0",
}
REGISTER_ATTRIBUTION = f"{PUBLISHER}: Register der Netzwerke aus öffentlichen Quellen, CC BY 4.0"
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}
#: Columns of the coverage table (``geo.figures.coverage.kreis_coverage``) that go out, then one count per field.
COVERAGE_COLUMNS = ["ags", "name", "bez", "land_ags", "land", "population", "n_networks", "n_counting", "n_current"]


@dataclass(frozen=True)
class Distribution:
    """One downloadable file and what a reader (or a portal) needs to know about it."""

    name: str  # stable file name, e.g. "netzwerke.csv"
    dataset: str  # "register", "abdeckung", "weisse_flecken"
    title: str
    description: str
    format: str  # "csv", "xlsx", "geojson"
    rows: int
    sha256: str
    size: int
    licence: str  # licence id, e.g. "CC-BY-4.0"
    attribution: str
    data_version: str
    issued: str  # ISO date the data version was first published
    snapshot: str = ""  # file name under archiv/

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attribution_for(has_geometry: bool) -> str:
    """The notice a file carries: the register's licence, and with geometry the BKG's too."""
    parts = [REGISTER_ATTRIBUTION]
    if has_geometry:
        parts.append(attribution.GEODATA)
    return " — ".join(parts)


def _geojson(frame: gpd.GeoDataFrame | bytes, name: str) -> bytes:
    """GeoJSON in EPSG:4326 with the licence and the BKG attribution as top-level members (RFC 7946 § 6.1)."""
    text = frame if isinstance(frame, bytes) else frame.to_crs(4326).to_json(drop_id=True).encode("utf-8")
    collection = json.loads(text)
    collection.pop("crs", None)
    out = {
        "type": "FeatureCollection",
        "name": name,
        "license": REGISTER_LICENCE["url"],
        "attribution": attribution_for(True),
        "features": collection["features"],
    }
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _licence_sheet(has_geometry: bool) -> pd.DataFrame:
    lines = [REGISTER_ATTRIBUTION, REGISTER_LICENCE["url"]]
    if has_geometry:
        lines.append(attribution.GEODATA)
    return pd.DataFrame({"Lizenz und Quellen": lines})


def coverage_table(networks: pd.DataFrame, kreise: pd.DataFrame) -> pd.DataFrame:
    """All 400 Kreise with the evidence class and counting networks in total and per Handlungsfeld.

    The same figures as the map with its default filters: ``evidence`` is the class key of
    :data:`geo.figures.coverage.EVIDENCE_CLASSES` (``evidence_label`` its German name), ``n_hf_<code>`` the counting
    networks of one field (codes as in the map's URL, e.g. ``aw``).
    """
    table = coverage.kreis_coverage(networks, kreise)
    out = table[COVERAGE_COLUMNS].copy()
    out["evidence"] = table["evidence"]
    out["evidence_label"] = table["evidence"].map(coverage.EVIDENCE_CLASSES)
    out["covered"] = table["covered"]
    for code, field in FIELD_CODES.items():
        per_field = coverage.kreis_coverage(networks, kreise, coverage.Filters(handlungsfeld=field))
        out[f"n_hf_{code}"] = per_field["n_counting"].to_numpy()
    return out


def white_spot_table(cov: pd.DataFrame, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Kreise with no documented network, most populous first, with the newest check record when there is one."""
    spots = coverage.white_spots(cov)[["ags", "name", "bez", "land", "population"]].copy()
    for column in ("geprueft_am", "gesucht_in", "ergebnis"):
        known = checks[column] if checks is not None and column in checks.columns else pd.Series(dtype=object)
        spots[column] = [str(known[a]) if a in known.index else "" for a in spots["ags"]]
    return spots


def build(
    networks: pd.DataFrame,
    register: pd.DataFrame,
    kreise: gpd.GeoDataFrame,
    version: str,
    issued: str,
    checks: pd.DataFrame | None = None,
) -> list[tuple[Distribution, bytes]]:
    """Every open-data file for one data version: (metadata, bytes), in the order the page lists them.

    ``networks`` as ``geo.storage.store.load_networks`` gives them, ``register`` the same records in the export
    layout (``store.export_layout``), ``kreise`` the 400 Kreise with geometry.
    """
    cov = coverage_table(networks, kreise)
    spots = white_spot_table(cov, checks)
    shapes = kreise[["ags", "geometry"]]
    geo_cov = gpd.GeoDataFrame(cov.merge(shapes, on="ags", how="left"), geometry="geometry", crs=kreise.crs)
    register_geo = exports.networks_geojson(networks[["id", "name", "traeger", "region", "status", "ags"]], kreise)
    texts = {
        "register": (
            "Register der Netzwerke zur Fachkräftesicherung",
            "Alle Netzwerkeinträge des Atlas (eine Zeile je Netzwerk, Spalten wie beim Import).",
        ),
        "abdeckung": (
            "Abdeckung der 400 Kreise",
            "Je Kreis die Belegklasse (aktuell, nur ältere Belege, kein dokumentiertes Netzwerk) und die Zahl der "
            "zählenden Netzwerke, gesamt und je Handlungsfeld (Standardfilter der Karte).",
        ),
        "weisse_flecken": (
            "Weiße Flecken",
            "Kreise ohne dokumentiertes regionales Netzwerk, nach Bevölkerung, mit dem letzten Prüfvermerk.",
        ),
    }
    files: list[tuple[str, str, str, bytes, int, bool]] = [
        ("netzwerke.csv", "register", "csv", exports.to_csv_bytes(register), len(register), False),
        (
            "netzwerke.xlsx",
            "register",
            "xlsx",
            exports.to_xlsx_sheets({"Netzwerke": register, "Lizenz": _licence_sheet(False)}),
            len(register),
            False,
        ),
        ("netzwerke.geojson", "register", "geojson", _geojson(register_geo, "netzwerke"), len(register), True),
        ("abdeckung.csv", "abdeckung", "csv", exports.to_csv_bytes(cov), len(cov), False),
        ("abdeckung.geojson", "abdeckung", "geojson", _geojson(geo_cov, "abdeckung"), len(cov), True),
        ("weisse_flecken.csv", "weisse_flecken", "csv", exports.to_csv_bytes(spots), len(spots), False),
    ]
    out = []
    for name, dataset, fmt, data, rows, has_geometry in files:
        title, description = texts[dataset]
        meta = Distribution(
            name=name,
            dataset=dataset,
            title=title,
            description=description,
            format=fmt,
            rows=rows,
            sha256=sha256(data),
            size=len(data),
            licence=REGISTER_LICENCE["id"],
            attribution=attribution_for(has_geometry),
            data_version=version,
            issued=issued,
        )
        out.append((meta, data))
    return out


def snapshot_name(meta: Distribution) -> str:
    """``netzwerke_2026-12-02_1a2b3c4d.csv``: the date to cite, the checksum so that the name never changes meaning."""
    stem, _, ext = meta.name.rpartition(".")
    return f"{stem}_{meta.issued}_{meta.sha256[:8]}.{ext}"


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_manifest(folder: Path | None = None) -> dict | None:
    """The current manifest (``{"data_version", "issued", "distributions": [...]}``), or None before the first."""
    try:
        return json.loads(((folder or OPEN_DIR) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_archive(folder: Path | None = None) -> list[dict]:
    """Every manifest published so far, newest first."""
    try:
        return json.loads(((folder or OPEN_DIR) / ARCHIVE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def distributions(manifest: dict) -> list[Distribution]:
    return [Distribution(**d) for d in manifest["distributions"]]


def publish(
    key: Callable[[], str],
    load: Callable[[], list[tuple[Distribution, bytes]]],
    folder: Path | None = None,
    extras: Callable[[dict], dict[str, bytes]] | None = None,
) -> dict:
    """Make ``folder`` hold the files of the database's current data version; return its manifest.

    ``key()`` names the database and its data version (a demo database must not pass for the register), ``load()``
    builds the files (:func:`build`); both are called under the folder's lock, so concurrent processes neither
    interleave their files nor put an older version back. Data written between the two calls only makes the
    next call build again. ``extras(manifest)`` gives further files derived from the manifest (the DCAT
    catalogue), written before the manifest.
    """
    folder = folder or OPEN_DIR
    current = read_manifest(folder)
    if current is not None and current.get("key") == key():
        return current  # the common case, without waiting for the lock
    with _locked(folder):
        current = read_manifest(folder)
        wanted = key()
        if current is not None and current.get("key") == wanted:
            return current
        built = load()
        (folder / "archiv").mkdir(exist_ok=True)
        metas = []
        for meta, data in built:
            meta = replace(meta, snapshot=snapshot_name(meta))
            snapshot = folder / "archiv" / meta.snapshot
            if not snapshot.exists():
                _write_atomic(snapshot, data)
            _write_atomic(folder / meta.name, data)
            metas.append(asdict(meta))
        issued = built[0][0].issued if built else datetime.now(UTC).date().isoformat()
        version = built[0][0].data_version if built else ""
        manifest = {"key": wanted, "data_version": version, "issued": issued, "distributions": metas}
        for name, data in (extras(manifest) if extras else {}).items():
            _write_atomic(folder / name, data)
        archive = [m for m in read_archive(folder) if m.get("key") != wanted]
        _write_atomic(folder / ARCHIVE, json.dumps([manifest, *archive], ensure_ascii=False, indent=1).encode())
        _write_atomic(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        return manifest


def today() -> str:
    """The publication date (UTC) as ISO text."""
    return datetime.now(UTC).date().isoformat()
