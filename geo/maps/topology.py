"""The Kreis shapes as a TopoJSON topology: each shared border sent once, as small integers.

Neighbouring Kreise share their borders, and GeoJSON writes every border twice, as decimal
coordinates. A topology (the ``topojson`` package) stores each border once as an *arc* of quantised,
delta-encoded integers; the map rebuilds the GeoJSON in the browser (``mapview.TopologyDecoder``).
That cuts the map's Kreis layer from ~300 KB to ~150 KB. The Länder borders are the arcs between
Kreise of different Länder plus the outer ones, so they cost a list of arc numbers instead of a layer
of their own.

Quantised to 100 000 steps across Germany's extent: about 7 m, finer than a pixel at the map's
largest zoom.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

QUANTISATION = 100_000


@dataclass(frozen=True)
class KreisTopology:
    """Arcs and the arcs of each Kreis (by AGS); ``land_arcs`` are the arcs of the Länder borders."""

    transform: dict
    arcs: list
    geometries: dict[str, dict]
    land_arcs: list[int]


def build(kreise_geojson: dict) -> KreisTopology:
    """The topology of the web layer's Kreise (``boundaries.load_kreise_web_geojson``)."""
    import geopandas as gpd
    import topojson

    frame = gpd.GeoDataFrame.from_features(kreise_geojson["features"], crs="EPSG:4326")[["ags", "geometry"]]
    topo = topojson.Topology(frame, prequantize=QUANTISATION, topology=True).to_dict()
    geometries = {
        g["properties"]["ags"]: {"type": g["type"], "arcs": g["arcs"]} for g in topo["objects"]["data"]["geometries"]
    }
    if len(geometries) != len(kreise_geojson["features"]):
        raise ValueError(f"Topologie: {len(geometries)} Kreise statt {len(kreise_geojson['features'])}")
    return KreisTopology(topo["transform"], topo["arcs"], geometries, _land_border_arcs(geometries))


def _rings(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def _land_border_arcs(geometries: dict[str, dict]) -> list[int]:
    """Arcs used by one Kreis only (the outer border) or by Kreise of two Länder (AGS starts with the Land)."""
    users: dict[int, list[str]] = defaultdict(list)
    for ags, geometry in geometries.items():
        for ring in _rings(geometry):
            for arc in ring:
                users[arc if arc >= 0 else ~arc].append(ags[:2])
    return sorted(arc for arc, lands in users.items() if len(lands) == 1 or len(set(lands)) > 1)


def to_topojson(topology: KreisTopology, kreise_geojson: dict) -> dict:
    """A TopoJSON object: ``kreise`` with the properties of ``kreise_geojson`` (in its order), ``laender``."""
    kreise = [
        {**topology.geometries[feature["properties"]["ags"]], "properties": feature["properties"]}
        for feature in kreise_geojson["features"]
    ]
    laender = {"type": "MultiLineString", "arcs": [[arc] for arc in topology.land_arcs], "properties": {}}
    return {
        "type": "Topology",
        "transform": topology.transform,
        "arcs": topology.arcs,
        "objects": {
            "kreise": {"type": "GeometryCollection", "geometries": kreise},
            "laender": {"type": "GeometryCollection", "geometries": [laender]},
        },
    }
