"""The map's compact topology (geo/maps/topology.py) draws exactly the shipped Kreis shapes and the Länder borders."""

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from geo.maps import mapview, topology
from geo.regions import boundaries


@pytest.fixture(scope="module")
def web():
    return boundaries.load_kreise_web_geojson()


@pytest.fixture(scope="module")
def topo(web):
    return topology.build(web)


def _decode(topojson: dict, name: str) -> list[dict]:
    """The browser's decoding (mapview.TopologyDecoder), in Python."""
    (sx, sy), (tx, ty) = topojson["transform"]["scale"], topojson["transform"]["translate"]
    arcs = []
    for arc in topojson["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def line(indexes):
        points = []
        for k, i in enumerate(indexes):
            arc = arcs[~i][::-1] if i < 0 else arcs[i]
            points.extend(arc[1:] if k else arc)
        return points

    decode = {
        "Polygon": lambda rings: [line(r) for r in rings],
        "MultiPolygon": lambda polygons: [[line(r) for r in rings] for rings in polygons],
        "MultiLineString": lambda lines: [line(r) for r in lines],
    }
    return [
        {"properties": g["properties"], "geometry": {"type": g["type"], "coordinates": decode[g["type"]](g["arcs"])}}
        for g in topojson["objects"][name]["geometries"]
    ]


def test_every_kreis_keeps_its_shape_properties_and_order(web, topo):
    layer = mapview.with_counts(web, pd.Series({"12073": 3}))
    decoded = _decode(topology.to_topojson(topo, layer), "kreise")
    assert [f["properties"] for f in decoded] == [f["properties"] for f in layer["features"]]
    shipped = {f["properties"]["ags"]: shape(f["geometry"]) for f in web["features"]}
    for feature in decoded:
        drawn, own = shape(feature["geometry"]), shipped[feature["properties"]["ags"]]
        assert drawn.is_valid
        # quantised to ~7 m: the shapes differ by less than a pixel at the largest zoom
        assert drawn.hausdorff_distance(own) < 2e-4
        assert drawn.symmetric_difference(own).area < 0.01 * own.area


def test_land_borders_separate_the_laender_and_no_kreis_border_inside_one(web, topo):
    borders = shape(_decode(topology.to_topojson(topo, web), "laender")[0]["geometry"])
    kreise = {f["properties"]["ags"]: shape(f["geometry"]) for f in web["features"]}
    # Berlin (11000) lies inside Brandenburg: its whole outline is a Land border.
    assert borders.buffer(1e-3).contains(kreise["11000"].boundary)
    # Uckermark (12073) and Barnim (12060) are both in Brandenburg: their shared edge is no Land border.
    shared = kreise["12073"].boundary.intersection(kreise["12060"].boundary)
    assert shared.length > 0.1
    midpoint = shapely.line_interpolate_point(shapely.line_merge(shared), 0.5, normalized=True)
    assert borders.distance(midpoint) > 1e-3


def test_the_map_with_a_topology_is_a_fraction_of_the_geojson_map(web, topo):
    layer = mapview.with_counts(web, pd.Series(dtype=int))
    plain = mapview.build_map(layer, mapview.laender_outline(web)).get_root().render()
    compact = mapview.build_map(layer, topology=topo).get_root().render()
    assert len(compact) < 0.65 * len(plain)
    assert 'atlasFeatures("kreise")' in compact and 'atlasFeatures("laender")' in compact
