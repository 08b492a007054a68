"""BKG VG250 district layer (level KRS) → one valid shape per current Kreis.

VG250 splits a Kreis into a land part (``GF = 4``) and, on coasts and big
lakes, water parts (``GF = 2``) that belong to the same Kreis. The shipped
2019 layer also has a few self-intersecting rings, and predates the merger of
Eisenach into the Wartburgkreis. This module fixes all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.databuild import cleancoverage

METRIC_CRS = "EPSG:25832"

#: Geofaktor values that carry real area: water with structure, land with structure.
AREA_GF = (2, 4)


@dataclass(frozen=True)
class Merger:
    """A Kreis that was dissolved into another one."""

    old_ags: str
    into_ags: str
    effective: str  # ISO date
    note: str
    old_name: str = ""  # the dissolved Kreis's name; the resolver reads it as its successor ("Eisenach")


#: Territorial changes since the VG250 status that the build applies.
MERGERS: tuple[Merger, ...] = (
    Merger(
        "16056",
        "16063",
        "2021-07-01",
        "Kreisfreie Stadt Eisenach in den Wartburgkreis eingegliedert (ThürGNGG 2019)",
        "Eisenach",
    ),
)


def read_layer(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read a VG250 KRS layer from a shapefile or GeoPackage, columns upper-case.

    For an official VG250 GeoPackage download pass ``layer="vg250_krs"``.
    """
    frame = gpd.read_file(path, layer=layer, encoding="utf-8") if layer else gpd.read_file(path, encoding="utf-8")
    frame = frame.rename(columns={c: c.upper() for c in frame.columns if c != "geometry"})
    missing = {"AGS", "GEN", "BEZ", "GF", "NUTS"} - set(frame.columns)
    if missing:
        raise ValueError(f"{path}: VG250-KRS-Spalten fehlen: {sorted(missing)}")
    frame["AGS"] = frame["AGS"].astype(str).str.zfill(5)
    frame["GF"] = pd.to_numeric(frame["GF"]).astype(int)
    return frame


def dissolve_kreise(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Repair rings, join water parts to their Kreis; one row per AGS in EPSG:25832.

    Attributes come from the land part (``GF = 4``).
    """
    parts = layer[layer["GF"].isin(AREA_GF)].to_crs(METRIC_CRS)
    parts = parts.set_geometry(shapely.make_valid(parts.geometry.values, method="structure", keep_collapsed=False))
    shapes = parts.dissolve(by="AGS", as_index=False)[["AGS", "geometry"]]
    attrs = parts[parts["GF"] == 4].drop_duplicates("AGS")[["AGS", "GEN", "BEZ", "NUTS"]]
    merged = shapes.merge(attrs, on="AGS", how="left", validate="1:1")
    if merged["GEN"].isna().any():
        raise ValueError(f"Kreise ohne Landfläche (GF=4): {merged.loc[merged['GEN'].isna(), 'AGS'].tolist()}")
    merged = merged.sort_values("AGS", ignore_index=True)
    return merged.set_geometry(cleancoverage.clean_coverage(_polygonal(merged.geometry.values)))


def apply_mergers(kreise: gpd.GeoDataFrame, mergers: tuple[Merger, ...] = MERGERS) -> gpd.GeoDataFrame:
    """Dissolve each merged Kreis into its successor; no-op where already applied."""
    out = kreise.copy()
    for merger in mergers:
        old = out["AGS"] == merger.old_ags
        if not old.any():
            continue
        into = out.index[out["AGS"] == merger.into_ags]
        if len(into) != 1:
            raise ValueError(f"Nachfolger {merger.into_ags} von {merger.old_ags} fehlt im Layer")
        union = shapely.union(out.geometry[old].iloc[0], out.geometry[into[0]])
        out.loc[into[0], "geometry"] = _polygonal([union])[0]
        out = out[~old]
    return out.reset_index(drop=True)


def _polygonal(geoms) -> list:
    """Keep only the polygonal part of each geometry (make_valid may add slivers of lines)."""
    result = []
    for geom in geoms:
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
            geom = shapely.union_all(polys)
        result.append(geom)
    return result
