"""The 400 current Kreise and 16 Länder, loaded from the shipped ``data/`` files.

Loading never touches the network. The files are read once per process and
every call returns a fresh copy, so callers may modify what they get.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.regions import paths

KREIS_COLUMNS = [
    "ags",
    "nuts3",
    "name",
    "bez",
    "land_ags",
    "land",
    "regbez",
    "population",
    "population_date",
    "area_km2",
]


class DataFileError(RuntimeError):
    """A shipped data file is missing or unreadable."""


def load_kreise(data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """Detailed shapes of the 400 Kreise in EPSG:4326, one row per Kreis, sorted by ``ags``.

    Columns: ``ags`` (5-digit string), ``nuts3`` (NUTS 2024), ``name``, ``bez``,
    ``land_ags``, ``land``, ``regbez``, ``population``, ``population_date``,
    ``area_km2`` and ``geometry``. Use these shapes for spatial joins; the map
    uses the simplified :func:`load_kreise_web_geojson`.
    """
    return _read_kreise(resolved_data_dir(data_dir)).copy()


def load_kreise_web_geojson(data_dir: Path | None = None) -> dict:
    """The simplified, seamless Kreis layer for the browser as a GeoJSON dict (a fresh copy)."""
    return json.loads(_read_text(resolved_data_dir(data_dir), paths.KREISE_WEB))


def load_crosswalk(data_dir: Path | None = None) -> pd.DataFrame:
    """Outdated codes → current Kreis: ``code``, ``system``, ``ags``, ``nuts3``, ``valid_until``, ``note``."""
    return _read_crosswalk(resolved_data_dir(data_dir)).copy()


def resolved_data_dir(data_dir: Path | None) -> Path:
    return Path(data_dir or paths.data_dir()).resolve()


def require_data_file(data_dir: Path, name: str) -> Path:
    """Path of a shipped file; a clear error naming the file and 'make data' when it is missing."""
    path = data_dir / name
    if not path.is_file():
        raise DataFileError(f"Datendatei fehlt: {path}. Mit 'make data' neu erzeugen.")
    return path


def _read_text(data_dir: Path, name: str) -> str:
    return require_data_file(data_dir, name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _read_kreise(data_dir: Path) -> gpd.GeoDataFrame:
    path = require_data_file(data_dir, paths.KREISE_DETAILED)
    try:
        frame = gpd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise DataFileError(f"Datendatei unlesbar: {path} ({exc}). Mit 'make data' neu erzeugen.") from exc
    missing = set(KREIS_COLUMNS) - set(frame.columns)
    if missing:
        raise DataFileError(f"{path}: Spalten fehlen {sorted(missing)}. Mit 'make data' neu erzeugen.")
    return frame[KREIS_COLUMNS + ["geometry"]].sort_values("ags", ignore_index=True)


@lru_cache(maxsize=4)
def _read_crosswalk(data_dir: Path) -> pd.DataFrame:
    return pd.read_csv(require_data_file(data_dir, paths.CROSSWALK), dtype=str, keep_default_na=False)
