"""Naive baseline of the map page, kept for the benchmark only.

The same page (``pages/karte.py``) with the data path a first version would
have: full-precision shapes read on every rerun, coverage recomputed without
caching, every attribute sent to the browser. Same UI and same local Leaflet,
so the comparison measures exactly our data choices.
"""

import json
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from geo import assets, boundaries, coverage, mapview  # noqa: E402
from pages import common, kartenpanel  # noqa: E402

assets.ensure_leaflet(Path(__file__).resolve().parent / "static")  # Streamlit serves static/ beside the script
st.set_page_config(page_title="Baseline", layout="wide")


def naive_coverage(version, filters):
    kreise = boundaries._read_kreise.__wrapped__(boundaries.resolved_data_dir(None))
    return coverage.kreis_coverage(common.networks.__wrapped__(version), kreise, filters)


def naive_map(version, filters):
    kreise = boundaries._read_kreise.__wrapped__(boundaries.resolved_data_dir(None))
    cov = naive_coverage(version, filters)
    full = kreise.merge(cov.drop(columns=["name", "bez", "land_ags", "land", "population"]), on="ags")
    layer = json.loads(full.assign(netzwerke=full["n_counting"]).to_json(drop_id=True))
    return mapview.build_map(layer, kartenpanel.laender_outline())


common.coverage_table = naive_coverage
kartenpanel.base_map = naive_map
runpy.run_path(str(ROOT / "pages" / "karte.py"), run_name="__main__")
