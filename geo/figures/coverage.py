"""Coverage of the 400 Kreise by networks and white spots (figures per area: ``geo.figures.areas``).

The Kreise are always the left side of the join, so every Kreis appears
exactly once and white spots are simply the rows without a network. A network
that lists a Kreis twice counts once there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from geo.records.model import HANDLUNGSFELDER, LAND, LOCAL, MULTI, NATIONAL, STATUSES, WIDE_SCOPES  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Filters:
    """What counts as coverage. Defaults: active networks (and those whose sources leave the status unclear) of
    any field; only *regional* networks cover.

    Land-wide and national networks exist everywhere in their area, so by default they do not
    turn a white spot into a covered Kreis (the usual policy question); ``count_land_wide`` changes that.
    """

    handlungsfeld: str | None = None
    statuses: tuple[str, ...] = ("aktiv", "unklar")
    criteria_only: bool = False
    as_of_year: int | None = None
    count_land_wide: bool = False

    def __post_init__(self) -> None:
        if self.handlungsfeld is not None and self.handlungsfeld not in HANDLUNGSFELDER:
            raise ValueError(f"Unbekanntes Handlungsfeld {self.handlungsfeld!r}")

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


DEFAULT_FILTERS = Filters()


def chosen_filters(
    handlungsfeld: str | None,
    statuses: Sequence[str],
    criteria_only: bool = False,
    count_land_wide: bool = False,
    as_of_year: int | None = None,
) -> Filters:
    """Filters from the sidebar's choices, statuses in their canonical order.

    An emptied status choice means the default statuses, not "none": the map must not go blank.
    """
    picked = set(statuses) or set(DEFAULT_FILTERS.statuses)
    return Filters(
        handlungsfeld=handlungsfeld,
        statuses=tuple(s for s in STATUSES if s in picked),
        criteria_only=criteria_only,
        as_of_year=as_of_year,
        count_land_wide=count_land_wide,
    )


def filter_networks(networks: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The networks that count under ``filters`` (status as of the chosen year)."""
    if networks.empty:
        return networks
    keep = pd.Series(True, index=networks.index)
    status = networks["status"].astype(str)
    if filters.as_of_year is not None:
        founded = pd.to_numeric(networks["gegruendet"], errors="coerce")
        keep &= founded.isna() | (founded <= filters.as_of_year)
        ended_year = pd.to_datetime(networks["beendet_am"], errors="coerce").dt.year
        ended_before = ended_year < filters.as_of_year
        keep &= ~ended_before.fillna(False)
        # A network that ended later than the chosen year was active then.
        status = status.where(~((status == "beendet") & (ended_year >= filters.as_of_year)), "aktiv")
    keep &= status.isin(filters.statuses)
    if filters.handlungsfeld:
        keep &= networks["handlungsfelder"].map(lambda fields: filters.handlungsfeld in (fields or []))
    if filters.criteria_only:
        keep &= networks["criteria_met"].map(lambda v: v is True)
    return networks[keep]


def links(networks: pd.DataFrame) -> pd.DataFrame:
    """One row per (network, Kreis): ``id``, ``ags``, ``scope`` — duplicates removed."""
    if networks.empty:
        return pd.DataFrame(columns=["id", "ags", "scope"])
    exploded = networks[["id", "ags", "scope"]].explode("ags").dropna(subset=["ags"])
    return exploded.drop_duplicates(["id", "ags"]).reset_index(drop=True)


def kreis_coverage(networks: pd.DataFrame, kreise: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.DataFrame:
    """Per Kreis (all 400, sorted by ``ags``): counts by scope and whether it is covered.

    Columns: ``ags``, ``name``, ``bez``, ``land``, ``population``, ``n_networks`` (all counting
    networks), ``n_local``, ``n_multi``, ``n_wide`` (Land-wide or national), ``n_counting`` (what
    decides coverage under ``count_land_wide``) and ``covered``.
    """
    base = pd.DataFrame(kreise[["ags", "name", "bez", "land_ags", "land", "population"]]).copy()
    pairs = links(filter_networks(networks, filters))
    pairs = pairs[pairs["ags"].isin(base["ags"])]
    counts = pd.crosstab(pairs["ags"], pairs["scope"]) if len(pairs) else pd.DataFrame(index=pd.Index([], name="ags"))
    counts = counts.reindex(columns=[LOCAL, MULTI, LAND, NATIONAL], fill_value=0).add_prefix("scope_")
    base = base.merge(counts, left_on="ags", right_index=True, how="left")
    scope_counts = base.filter(like="scope_").fillna(0).astype(int)
    base["n_local"] = scope_counts[f"scope_{LOCAL}"]
    base["n_multi"] = scope_counts[f"scope_{MULTI}"]
    base["n_wide"] = scope_counts[f"scope_{LAND}"] + scope_counts[f"scope_{NATIONAL}"]
    base["n_networks"] = base["n_local"] + base["n_multi"] + base["n_wide"]
    base["n_counting"] = base["n_networks"] if filters.count_land_wide else base["n_local"] + base["n_multi"]
    base["covered"] = base["n_counting"] > 0
    columns = [
        "ags",
        "name",
        "bez",
        "land_ags",
        "land",
        "population",
        "n_networks",
        "n_local",
        "n_multi",
        "n_wide",
        "n_counting",
        "covered",
    ]
    return base[columns].sort_values("ags", ignore_index=True)


def white_spots(coverage: pd.DataFrame) -> pd.DataFrame:
    """Kreise without a counting network, most populous first."""
    return coverage[~coverage["covered"]].sort_values("population", ascending=False, ignore_index=True)
