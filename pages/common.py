"""UI pieces shared by all pages: cached loaders and the attribution footer."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from geo import attribution, boundaries


@st.cache_resource(show_spinner=False)
def kreise() -> gpd.GeoDataFrame:
    """The 400 Kreise, loaded once per process. Treat as read-only."""
    return boundaries.load_kreise()


def attribution_footer() -> None:
    """Source and licence notices, required on every page."""
    st.divider()
    st.caption("  \n".join(attribution.ALL))
