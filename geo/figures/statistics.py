"""Figures for policymakers: Handlungsfelder per Land (development over time: ``geo.figures.areas.timeline``)."""

from __future__ import annotations

import pandas as pd

from geo.figures import areas
from geo.figures.coverage import DEFAULT_FILTERS, Filters
from geo.records.model import HANDLUNGSFELDER

#: How a network without a Handlungsfeld is counted and shown.
WITHOUT_FIELD = "ohne Angabe"


def fields_per_land(networks: pd.DataFrame, kreise: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.DataFrame:
    """Networks per Handlungsfeld and Land, counted as in :func:`geo.figures.areas.figures` (once in each Land they
    count in; Land-wide and national networks only when they count as coverage), whatever field is filtered."""
    every_field = filters.with_(handlungsfeld=None)
    pairs = areas.counting_pairs(networks, every_field).merge(kreise[["ags", "land"]], on="ags")
    pairs = pairs.drop_duplicates(["id", "land"])
    fields = networks.set_index("id")["handlungsfelder"].map(lambda fs: list(fs or []) or [WITHOUT_FIELD])
    pairs["handlungsfeld"] = pairs["id"].map(fields)
    exploded = pairs.explode("handlungsfeld").dropna(subset=["handlungsfeld"])
    table = pd.crosstab(exploded["land"], exploded["handlungsfeld"])
    return table.reindex(columns=[f for f in (*HANDLUNGSFELDER, WITHOUT_FIELD) if f in table.columns], fill_value=0)


def field_counts(handlungsfelder: pd.Series) -> dict[str, int]:
    """Networks per Handlungsfeld, and "ohne Angabe" for those naming none (issue 24): every network is counted
    at least once; one naming several fields is counted in each of them.

    >>> field_counts(pd.Series([["Sonstiges"], [], None]))["ohne Angabe"]
    2
    """
    lists = handlungsfelder.map(lambda fs: list(fs) if isinstance(fs, list | tuple) else [])
    counts = {f: int(lists.map(lambda fs, f=f: f in fs).sum()) for f in HANDLUNGSFELDER}
    counts[WITHOUT_FIELD] = int(lists.map(lambda fs: not fs).sum())
    return counts
