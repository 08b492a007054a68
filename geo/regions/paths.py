"""Where the shipped data files live (one place, so tests and the build agree)."""

from __future__ import annotations

from pathlib import Path

from geo.config import settings

KREISE_DETAILED = "kreise.parquet"
KREISE_WEB = "kreise_web.geojson"
KREISE_TABLE = "kreise.csv"
CROSSWALK = "crosswalk.csv"
BUILD_INFO = "build_info.json"
PLACES = "orte.csv"
PLZ = "plz.csv"
ALIASES = "region_aliases.csv"


def data_dir() -> Path:
    """``data/`` at the project root, or ``NETZWERKATLAS_DATA_DIR``."""
    return settings.DATA_DIR.get()


def data_file(name: str, data_dir: Path | None = None) -> Path:
    """Path of a shipped data file."""
    return Path(data_dir or settings.DATA_DIR.get()) / name
