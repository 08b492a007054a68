"""Reference tables for the region resolver: places, postcodes, multi-Kreis region aliases.

Codes (AGS, PLZ) are read as strings so leading zeros survive ("01067" is
Dresden, not 1067). Files are read once per process; callers get copies
they may modify. A missing or damaged file raises
:class:`geo.regions.boundaries.DataFileError` naming the file and ``make data``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.regions import paths
from geo.regions.boundaries import DataFileError, require_data_file, resolved_data_dir

PLACE_COLUMNS = ["name", "ags", "population", "lat", "lon", "geonameid"]
PLZ_COLUMNS = ["plz", "ags", "ags_point"]
ALIAS_COLUMNS = ["alias", "ags", "source", "note"]

_COLUMNS = {paths.PLACES: PLACE_COLUMNS, paths.PLZ: PLZ_COLUMNS, paths.ALIASES: ALIAS_COLUMNS}
_NUMERIC = {"population": "int64", "geonameid": "int64", "lat": "float64", "lon": "float64"}


def load_places(data_dir: Path | None = None) -> pd.DataFrame:
    """GeoNames places ≥ 500 inhabitants: ``name``, ``ags``, ``population``, ``lat``, ``lon``, ``geonameid``.

    A name may occur several times (e.g. "Aach" in two Kreise); the resolver reports that as ambiguous.
    """
    return _read(resolved_data_dir(data_dir), paths.PLACES).copy()


def load_plz(data_dir: Path | None = None) -> pd.DataFrame:
    """PLZ → Kreis: ``plz``, ``ags`` (Eurostat NUTS-3), ``ags_point`` (Kreis of the PLZ centroid); "" if unknown."""
    return _read(resolved_data_dir(data_dir), paths.PLZ).copy()


def load_aliases(data_dir: Path | None = None) -> pd.DataFrame:
    """Documented regions that span several Kreise: ``alias``, ``ags`` (";"-separated), ``source``, ``note``."""
    return _read(resolved_data_dir(data_dir), paths.ALIASES).copy()


@lru_cache(maxsize=8)
def _read(data_dir: Path, name: str) -> pd.DataFrame:
    path = require_data_file(data_dir, name)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataFileError(f"Datendatei unlesbar: {path} ({exc}). Mit 'make data' neu erzeugen.") from exc
    missing = [c for c in _COLUMNS[name] if c not in frame.columns]
    if missing:
        raise DataFileError(f"{path}: Spalten fehlen {missing}. Mit 'make data' neu erzeugen.")
    frame = frame[_COLUMNS[name]]
    try:
        return frame.astype({c: t for c, t in _NUMERIC.items() if c in frame.columns})
    except ValueError as exc:
        raise DataFileError(f"Datendatei unlesbar: {path} ({exc}). Mit 'make data' neu erzeugen.") from exc
