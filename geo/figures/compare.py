"""Up to five Kreise or Länder side by side (page "Vergleich", ``?vergleich=12073,11000``).

Every number comes from :mod:`geo.figures.areas`, so a row here equals that area's figures elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from geo.figures import areas, coverage
from geo.figures.coverage import DEFAULT_FILTERS, Filters

#: Columns of :func:`compare_table`, in the order shown.
COLUMNS = (
    "code",
    "gebiet",
    "art",
    "netzwerke",
    "kreise_aktuell",
    "kreise_aelter",
    "kreise_ohne",
    "je_100k",
    "handlungsfelder",
    "kriterien_erfuellt",
    "netzwerke_damals",
    "veraenderung",
    "nachbarn_abgedeckt",
    "nachbarn",
    "link",
)
KIND_LABELS = {areas.BUND: "Bund", areas.LAND: "Land", areas.KREIS: "Kreis"}


def map_link(area: areas.Area) -> str:
    """Where the area opens on the map: ``/?kreis=AGS`` or ``/?land=12`` (``/`` for Germany)."""
    if area.kind == areas.KREIS:
        return f"/?kreis={area.code}"
    if area.kind == areas.LAND:
        return f"/?land={area.code}"
    return "/"


def compare_table(
    codes: Sequence[str],
    kreise: pd.DataFrame,
    networks: pd.DataFrame,
    neighbours: Mapping[str, list[str]],
    since: int,
    filters: Filters = DEFAULT_FILTERS,
) -> pd.DataFrame:
    """One row per area (in the given order) with the figures a comparison needs.

    ``netzwerke_damals`` counts the networks under the same filters as of ``since``; ``veraenderung``
    is the change from then to now (or to the filters' year).
    """
    then_filters = filters.with_(as_of_year=since)
    now_cov = coverage.kreis_coverage(networks, kreise, filters)
    then_cov = coverage.kreis_coverage(networks, kreise, then_filters)
    rows = []
    for code in codes:
        area = areas.area_of(code, kreise)
        now = areas.figures(area, now_cov, networks, filters)
        then = areas.figures(area, then_cov, networks, then_filters)
        covered, around = areas.neighbour_coverage(area, now_cov, neighbours)
        rows.append(
            {
                "code": area.code,
                "gebiet": area.name,
                "art": KIND_LABELS[area.kind],
                "netzwerke": now["networks"],
                "kreise_aktuell": now["covered"],
                "kreise_aelter": now["older_only"],
                "kreise_ohne": now["white_spots"],
                "je_100k": now["networks_per_100k"],
                "handlungsfelder": now["fields_covered"],
                "kriterien_erfuellt": now["criteria_met"],
                "netzwerke_damals": then["networks"],
                "veraenderung": now["networks"] - then["networks"],
                "nachbarn_abgedeckt": covered,
                "nachbarn": around,
                "link": map_link(area),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
