"""Figures for policymakers: development over time and Handlungsfelder per Land."""

from __future__ import annotations

import pandas as pd

from geo import coverage
from geo.coverage import DEFAULT_FILTERS, Filters
from geo.records import HANDLUNGSFELDER


def timeline(
    networks: pd.DataFrame, kreise: pd.DataFrame, years: range, filters: Filters = DEFAULT_FILTERS
) -> pd.DataFrame:
    """Per year: networks active then (founded, not yet ended) and the Kreise they covered."""
    rows = []
    for year in years:
        as_of = filters.with_(as_of_year=year)
        active = coverage.filter_networks(networks, as_of)
        covered = int(coverage.kreis_coverage(networks, kreise, as_of)["covered"].sum())
        rows.append({"jahr": year, "aktive_netzwerke": len(active), "abgedeckte_kreise": covered})
    return pd.DataFrame(rows)


def fields_per_land(networks: pd.DataFrame, kreise: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.DataFrame:
    """Networks per Handlungsfeld and Land (a network counts once in each Land it works in)."""
    counting = coverage.filter_networks(networks, filters.with_(handlungsfeld=None))
    pairs = coverage.links(counting).merge(kreise[["ags", "land"]], on="ags").drop_duplicates(["id", "land"])
    fields = counting.set_index("id")["handlungsfelder"]
    pairs["handlungsfeld"] = pairs["id"].map(fields)
    exploded = pairs.explode("handlungsfeld").dropna(subset=["handlungsfeld"])
    table = pd.crosstab(exploded["land"], exploded["handlungsfeld"])
    return table.reindex(columns=[f for f in HANDLUNGSFELDER if f in table.columns], fill_value=0)
