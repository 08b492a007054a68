"""Data-side figures: boundary load time, map payload (raw and gzip) against the full-precision baseline."""

from __future__ import annotations

import gzip
import json

import pandas as pd

from bench.stats import timed
from geo.maps import mapview, topology
from geo.regions import boundaries, paths


def boundary_load(runs: int = 5) -> dict:
    def cold_load():
        boundaries._read_kreise.cache_clear()
        boundaries.load_kreise()

    return {"cold": timed(cold_load, runs), "warm": timed(boundaries.load_kreise, runs)}


def map_payload() -> dict:
    """Bytes of the map HTML the browser receives: ours (a topology of the web layer) vs. full-precision
    GeoJSON shapes with every attribute and the Länder borders as a layer of their own."""
    counts = pd.Series(dtype=int)
    web = boundaries.load_kreise_web_geojson()
    laender = mapview.laender_outline(web)  # the same borders as the app draws
    layer = mapview.with_counts(web, counts)
    ours = mapview.build_map(layer, topology=topology.build(web)).get_root().render()
    # the baseline carries the same map properties (count, class, evidence words) as ours, plus every attribute
    props = pd.DataFrame([f["properties"] for f in layer["features"]]).set_index("ags")
    kreise = boundaries.load_kreise()
    extra = [c for c in props.columns if c not in kreise.columns]
    kreise = kreise.join(props[extra], on="ags")
    baseline = mapview.build_map(json.loads(kreise.to_json(drop_id=True)), laender).get_root().render()
    return {
        "payload_bytes": len(ours.encode()),
        "payload_gzip_bytes": len(gzip.compress(ours.encode())),
        "baseline_payload_bytes": len(baseline.encode()),
        "baseline_payload_gzip_bytes": len(gzip.compress(baseline.encode())),
        "web_layer_file_bytes": paths.data_file(paths.KREISE_WEB).stat().st_size,
    }
