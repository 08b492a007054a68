"""Reference tables for the region resolver: places, postcodes, multi-Kreis region aliases.

All codes are read as zero-padded strings. Files are read once per process;
callers get copies.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo import paths
from geo.boundaries import DataFileError, require_data_file, resolved_data_dir


def load_places(data_dir: Path | None = None) -> pd.DataFrame:
    """GeoNames places ≥ 500 inhabitants: ``name``, ``ags``, ``population``, ``lat``, ``lon``, ``geonameid``."""
    return _read(resolved_data_dir(data_dir), paths.PLACES).copy()


def load_plz(data_dir: Path | None = None) -> pd.DataFrame:
    """PLZ → Kreis: ``plz``, ``ags`` (Eurostat NUTS-3), ``ags_point`` (Kreis of the PLZ centroid); empty if unknown."""
    return _read(resolved_data_dir(data_dir), paths.PLZ).copy()


def load_aliases(data_dir: Path | None = None) -> pd.DataFrame:
    """Documented regions that span several Kreise: ``alias``, ``ags`` (";"-separated), ``source``, ``note``."""
    return _read(resolved_data_dir(data_dir), paths.ALIASES).copy()


@lru_cache(maxsize=8)
def _read(data_dir: Path, name: str) -> pd.DataFrame:
    path = require_data_file(data_dir, name)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFileError(f"Datendatei unlesbar: {path} ({exc}). Mit 'make data' neu erzeugen.") from exc
    if "population" in frame:
        frame["population"] = pd.to_numeric(frame["population"]).astype("int64")
    return frame
