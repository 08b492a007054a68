"""Where the shipped data files live (one place, so tests and the build agree)."""

from __future__ import annotations

import os
from pathlib import Path

#: ``data/`` at the project root; ``NETZWERKATLAS_DATA_DIR`` overrides it for tests.
DATA_DIR = Path(os.environ.get("NETZWERKATLAS_DATA_DIR", Path(__file__).resolve().parents[2] / "data"))

KREISE_DETAILED = "kreise.parquet"
KREISE_WEB = "kreise_web.geojson"
KREISE_TABLE = "kreise.csv"
CROSSWALK = "crosswalk.csv"
BUILD_INFO = "build_info.json"
PLACES = "orte.csv"
PLZ = "plz.csv"
ALIASES = "region_aliases.csv"


def data_file(name: str, data_dir: Path | None = None) -> Path:
    """Path of a shipped data file."""
    return Path(data_dir or DATA_DIR) / name
