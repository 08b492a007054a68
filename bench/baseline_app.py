"""Naive baseline of the map page, kept for the benchmark only.

What a first version would do: read the full-precision shapes on every rerun,
compute coverage without caching, send every attribute to the browser, and
rebuild the map on every rerun. It uses the same local Leaflet as the app, so
the comparison measures our choices, not a CDN.
"""

import json
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo import assets, boundaries, coverage, mapview, store

assets.ensure_leaflet(Path(__file__).resolve().parent / "static")  # Streamlit serves static/ beside the script
st.set_page_config(page_title="Baseline", layout="wide")
engine = store.make_engine()
store.init_db(engine)
store.seed_demo_if_empty(engine)
kreise = boundaries._read_kreise.__wrapped__(boundaries.resolved_data_dir(None))
cov = coverage.kreis_coverage(store.load_networks(engine), kreise)
full = kreise.merge(cov[["ags", "n_counting"]], on="ags").rename(columns={"n_counting": "netzwerke"})
layer = json.loads(full.to_json(drop_id=True))
fmap = mapview.build_map(layer)
returned = st_folium(fmap, height=640, use_container_width=True)
click = mapview.parse_click(returned, set(kreise["ags"]))
if click:
    row = kreise.set_index("ags").loc[click.ags]
    st.subheader(f"{row['bez']} {row['name']}")
