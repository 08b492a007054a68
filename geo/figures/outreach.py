"""White spots for outreach: ranking with reasons, and who could help (neighbours, mentors).

"Who could help" follows the survey's aim of connecting networks across regions: networks in
Kreise that share a border (true polygon adjacency), and the nearest networks in Kreise of the
same type (a city learns most from a city, a Landkreis from a Landkreis).
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.figures import coverage
from geo.figures.coverage import WIDE_SCOPES, links
from geo.records.model import CITY_TYPES
from geo.regions.names import display_name
from geo.text import germanfmt

MENTORS_PER_SPOT = 3


def ranked_white_spots(
    cov: pd.DataFrame, kreise: pd.DataFrame, by: str = "population", indicator: pd.Series | None = None
) -> pd.DataFrame:
    """White spots, highest first by ``by`` (population, area_km2 or indicator), with the reason as text."""
    spots = cov[cov["evidence"] == coverage.NONE].merge(kreise[["ags", "area_km2"]], on="ags")
    if by == "indicator":
        if indicator is None:
            raise ValueError("Kein Indikator geladen")
        spots["indicator"] = spots["ags"].map(indicator)
    spots = spots.sort_values([by, "ags"], ascending=[False, True], na_position="last", ignore_index=True)
    spots["rang"] = range(1, len(spots) + 1)
    spots["grund"] = spots.apply(lambda r: _reason(r, by), axis=1)
    return spots


def _reason(row: pd.Series, by: str) -> str:
    n_wide = int(row["n_wide"])
    wide = f"; {germanfmt.count(n_wide, 'landes-/bundesweites Netzwerk', 'landes-/bundesweite Netzwerke')}"
    wide = wide if n_wide else ""
    if by == "population":
        return f"{germanfmt.integer(row['population'])} Einwohner ohne regionales Netzwerk{wide}"
    if by == "area_km2":
        return f"{germanfmt.integer(row['area_km2'])} km² ohne regionales Netzwerk{wide}"
    value = row.get("indicator")
    return f"Indikator {germanfmt.decimal(value, 2)}{wide}" if pd.notna(value) else f"kein Indikatorwert{wide}"


def kreis_points(kreise: gpd.GeoDataFrame) -> pd.DataFrame:
    """Centroid (km, EPSG:25832) and city flag per Kreis, indexed by AGS: computed once, used per white spot."""
    centroids = kreise.to_crs("EPSG:25832").geometry.centroid
    return pd.DataFrame(
        {"x": centroids.x.values / 1000, "y": centroids.y.values / 1000, "city": kreise["bez"].isin(CITY_TYPES).values},
        index=kreise["ags"].values,
    )


def neighbour_networks(
    ags: str, networks: pd.DataFrame, neighbours: dict[str, list[str]], pairs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Regional networks (not Land- or nationwide) working in a Kreis that borders ``ags``, whole records by name.

    ``pairs`` (:func:`geo.figures.coverage.links` of the regional networks) may be passed when asked for many Kreise.
    """
    regional = networks[~networks["scope"].isin(WIDE_SCOPES)].set_index("id", drop=False)
    pairs = pairs if pairs is not None else links(regional)
    near_ids = pairs.loc[pairs["ags"].isin(neighbours.get(ags, [])), "id"].unique()
    return regional.loc[near_ids].sort_values("name")


def helpers_for(
    ags: str,
    networks: pd.DataFrame,
    neighbours: dict[str, list[str]],
    points: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    handlungsfeld: str | None = None,
) -> pd.DataFrame:
    """Candidate partner networks for one white spot: ``relation`` is "Nachbarkreis" or "Patennetzwerk".

    ``points`` comes from :func:`kreis_points`. With ``handlungsfeld`` only networks working in that field are
    suggested (a white spot for one field needs help in that field; issue 24).
    """
    networks = with_field(networks, handlungsfeld)
    regional = networks[~networks["scope"].isin(WIDE_SCOPES)].set_index("id", drop=False)
    pairs = pairs if pairs is not None else links(regional)
    by_neighbour = neighbour_networks(ags, regional, neighbours, pairs).assign(relation="Nachbarkreis", distance_km=0.0)
    near_ids = by_neighbour.index
    same = points[points["city"] == points.at[ags, "city"]]
    distance = ((same["x"] - points.at[ags, "x"]) ** 2 + (same["y"] - points.at[ags, "y"]) ** 2) ** 0.5
    distance = distance.drop(ags)
    near_pairs = pairs[pairs["ags"].isin(distance.index)].assign(distance_km=lambda p: p["ags"].map(distance))
    closest = (
        near_pairs.groupby("id")["distance_km"]
        .min()
        .astype(float)
        .drop(near_ids, errors="ignore")
        .nsmallest(MENTORS_PER_SPOT)
    )
    mentors = regional.loc[closest.index].assign(distance_km=closest.values)
    result = pd.concat([by_neighbour, mentors.assign(relation="Patennetzwerk")], ignore_index=True)
    return result[["id", "name", "traeger", "kontakt_email", "website", "ags", "relation", "distance_km"]]


def outreach_table(
    spots: pd.DataFrame,
    networks: pd.DataFrame,
    neighbours: dict[str, list[str]],
    points: pd.DataFrame,
    checks: Mapping[str, str] | None = None,
    handlungsfeld: str | None = None,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per white spot for export: Kreis, Land, population, reason, how the white spot was checked
    (``checks``: AGS → "geprüft am …, gesucht in: …"), neighbours' networks with contacts (only those in
    ``handlungsfeld`` when given). ``names``: AGS → display name (:func:`geo.regions.names.display_names`)."""
    rows = []
    networks = with_field(networks, handlungsfeld)
    pairs = links(networks[~networks["scope"].isin(WIDE_SCOPES)])
    for spot in spots.itertuples(index=False):
        helpers = helpers_for(spot.ags, networks, neighbours, points, pairs)
        rows.append(
            {
                "Rang": spot.rang,
                "AGS": spot.ags,
                "Kreis": (names or {}).get(spot.ags) or display_name(spot.bez, spot.name),
                "Land": spot.land,
                "Einwohner": int(spot.population),
                "Grund": spot.grund,
                "Prüfung": (checks or {}).get(spot.ags, ""),
                "Netzwerke in Nachbarkreisen": _listing(helpers[helpers["relation"] == "Nachbarkreis"]),
                "Mögliche Patennetzwerke": _listing(helpers[helpers["relation"] == "Patennetzwerk"]),
            }
        )
    return pd.DataFrame(rows)


def with_field(networks: pd.DataFrame, handlungsfeld: str | None) -> pd.DataFrame:
    """The networks that name ``handlungsfeld`` (all when None)."""
    if not handlungsfeld:
        return networks
    return networks[networks["handlungsfelder"].map(lambda fields: handlungsfeld in fields)]


def _listing(frame: pd.DataFrame) -> str:
    return "; ".join(f"{r.name} ({r.kontakt_email or r.website or 'ohne Kontakt'})" for r in frame.itertuples())
