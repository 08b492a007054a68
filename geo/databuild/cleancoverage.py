"""Make a set of district shapes a clean coverage: no overlaps, no slivers.

The generalised VG250 layer has a few places where neighbours overlap by a
sliver or leave a thin gap. Overlaps are given to the Kreis that comes first
in AGS order; gaps smaller than ``MAX_SLIVER_KM2`` are given to the
neighbour that shares the longest border with them. Larger holes are real
(e.g. the Austrian exclave Jungholz, surrounded by Oberallgäu) and stay.
"""

from __future__ import annotations

import shapely

#: Holes below this area are digitising gaps, not territory (km²).
MAX_SLIVER_KM2 = 0.5


def remove_overlaps(geoms: list) -> list:
    """Subtract from each shape what earlier shapes already cover."""
    geoms = list(geoms)
    tree = shapely.STRtree(geoms)
    for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if j <= i:
            continue
        overlap = shapely.intersection(geoms[i], geoms[j])
        if overlap.area > 0:
            geoms[j] = _polygonal(shapely.difference(geoms[j], geoms[i]))
    return geoms


def fill_slivers(geoms: list, max_area_m2: float = MAX_SLIVER_KM2 * 1e6) -> list:
    """Give each small interior hole of the union to its longest-bordering neighbour."""
    geoms = list(geoms)
    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    tree = shapely.STRtree(geoms)
    for hole in holes:
        if hole.area >= max_area_m2:
            continue
        candidates = tree.query(hole, predicate="intersects")
        if len(candidates) == 0:
            continue
        best = max(candidates, key=lambda k: shapely.intersection(geoms[k].boundary, hole.buffer(1e-6).boundary).length)
        geoms[best] = _polygonal(shapely.union(geoms[best], hole))
    return geoms


def clean_coverage(geoms: list) -> list:
    """Overlaps removed, slivers filled, edges noded: the shapes tile their union exactly."""
    return repair(node_coverage(fill_slivers(remove_overlaps(geoms))))


def repair(geoms) -> list:
    """Make invalid shapes valid, keeping only polygons (used again after reprojection)."""
    return [g if g.is_valid else _polygonal(shapely.make_valid(g, method="structure")) for g in geoms]


def _polygonal(geom):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [
        p for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") for p in shapely.get_parts(g)
    ]
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def node_coverage(geoms: list) -> list:
    """Rebuild the shapes from one noded set of edges so neighbours share exactly the same vertices.

    Coverage simplification assumes shared edges are identical on both sides; the source
    layer's are only nearly so. Polygonising the union of all boundaries yields faces that
    each belong to exactly one Kreis (the first whose shape contains the face's interior point);
    faces inside no Kreis (the Jungholz exclave) are left out.
    """
    edges = shapely.union_all([g.boundary for g in geoms])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(edges)))
    tree = shapely.STRtree(geoms)
    owned: list[list] = [[] for _ in geoms]
    points = shapely.point_on_surface(faces)
    face_index, geom_index = tree.query(points, predicate="within")
    owner: dict[int, int] = {}
    for f, g in zip(face_index, geom_index, strict=True):
        owner[f] = min(owner.get(f, g), g)
    for f, g in owner.items():
        owned[g].append(faces[f])
    return [_polygonal(shapely.union_all(parts)) if parts else geoms[i] for i, parts in enumerate(owned)]
