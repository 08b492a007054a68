"""Figures for policymakers: Handlungsfelder per Land (development over time: ``geo.figures.areas.timeline``)."""

from __future__ import annotations

import pandas as pd

from geo.figures import areas
from geo.figures.coverage import DEFAULT_FILTERS, Filters
from geo.records.model import HANDLUNGSFELDER


def fields_per_land(networks: pd.DataFrame, kreise: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.DataFrame:
    """Networks per Handlungsfeld and Land, counted as in :func:`geo.figures.areas.figures` (once in each Land they
    count in; Land-wide and national networks only when they count as coverage), whatever field is filtered."""
    every_field = filters.with_(handlungsfeld=None)
    pairs = areas.counting_pairs(networks, every_field).merge(kreise[["ags", "land"]], on="ags")
    pairs = pairs.drop_duplicates(["id", "land"])
    fields = networks.set_index("id")["handlungsfelder"]
    pairs["handlungsfeld"] = pairs["id"].map(fields)
    exploded = pairs.explode("handlungsfeld").dropna(subset=["handlungsfeld"])
    table = pd.crosstab(exploded["land"], exploded["handlungsfeld"])
    return table.reindex(columns=[f for f in HANDLUNGSFELDER if f in table.columns], fill_value=0)
