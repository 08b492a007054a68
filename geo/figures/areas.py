"""Areas a policymaker asks about — Germany, a Land or a Kreis — and their key figures.

One code names an area: ``DE`` for Germany, the two-digit Land key (``12``) or the Kreis AGS
(``12073``). Every view counts networks here, the same way: a network counts once per area (a network
in several Länder once in each and once for Germany), Land-wide and national networks only when they
count as coverage. The map's key figures, the Land view, the Statistik table, comparisons and reports
all read :func:`figures` or :func:`summary`, so their numbers agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from geo.figures import coverage
from geo.figures.coverage import DEFAULT_FILTERS, Filters
from geo.records.model import HANDLUNGSFELDER
from geo.regions.names import display_name

GERMANY = "DE"
BUND, LAND, KREIS = "bund", "land", "kreis"
#: The four Handlungsfelder of the programme ("Sonstiges" is not one of them).
MAIN_FIELDS = HANDLUNGSFELDER[:4]


@dataclass(frozen=True)
class Area:
    code: str
    kind: str
    name: str
    kreise: tuple[str, ...]
    land: str | None = None  # the Land's name, for a Kreis


def land_names(kreise: pd.DataFrame) -> dict[str, str]:
    """Land key → name, sorted by key (the 16 Länder)."""
    pairs = kreise[["land_ags", "land"]].drop_duplicates().sort_values("land_ags")
    return dict(zip(pairs["land_ags"], pairs["land"], strict=True))


def area_of(code: str, kreise: pd.DataFrame) -> Area:
    """The area for a code; ``ValueError`` naming the code and what would be valid."""
    code = str(code).strip()
    if code.upper() == GERMANY:
        return Area(GERMANY, BUND, "Deutschland", tuple(sorted(kreise["ags"])))
    if len(code) == 2:
        names = land_names(kreise)
        if code in names:
            members = tuple(sorted(kreise.loc[kreise["land_ags"] == code, "ags"]))
            return Area(code, LAND, names[code], members)
    if len(code) == 5:
        row = kreise[kreise["ags"] == code]
        if len(row):
            first = row.iloc[0]
            return Area(code, KREIS, display_name(first["bez"], first["name"]), (code,), land=first["land"])
    raise ValueError(
        f"Gebiet {code!r} unbekannt: gültig sind DE (Deutschland), ein Länderschlüssel (01–16) "
        "oder ein Kreisschlüssel (AGS, 5 Ziffern)."
    )


counting_pairs = coverage.counting_pairs


def networks_in(area: Area, networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.DataFrame:
    """The networks that count in the area, by name."""
    pairs = counting_pairs(networks, filters)
    ids = set(pairs.loc[pairs["ags"].isin(area.kreise), "id"])
    return networks[networks["id"].isin(ids)].sort_values("name", ignore_index=True)


#: Figure → (German label, True when more is better). The order is the order shown.
FIGURES: Mapping[str, tuple[str, bool]] = {
    "networks": ("Netzwerke", True),
    "networks_per_100k": ("Netzwerke je 100.000 Einwohner", True),
    "networks_current": ("Netzwerke mit aktuellem Beleg", True),
    "covered": ("Abgedeckte Kreise", True),
    "share_population_covered": ("Bevölkerung in abgedeckten Kreisen", True),
    "older_only": ("Kreise nur mit älteren Belegen", False),
    "white_spots": ("Weiße Flecken", False),
    "fields_covered": ("Handlungsfelder mit Netzwerk (von 4)", True),
    "criteria_met": ("Netzwerke, die alle Kriterien erfüllen", True),
}


def figures(area: Area, cov: pd.DataFrame, networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> dict:
    """Key figures of one area; ``cov`` is :func:`geo.figures.coverage.kreis_coverage` under the same ``filters``."""
    return _figures(area, cov, networks, counting_pairs(networks, filters))


def _figures(area: Area, cov: pd.DataFrame, networks: pd.DataFrame, pairs: pd.DataFrame) -> dict:
    here = cov[cov["ags"].isin(area.kreise)]
    counting = networks[networks["id"].isin(set(pairs.loc[pairs["ags"].isin(area.kreise), "id"]))]
    population = int(here["population"].sum())
    population_covered = int(here.loc[here["covered"], "population"].sum())
    fields = {f for fs in counting["handlungsfelder"] for f in (fs or []) if f in MAIN_FIELDS}
    in_area = pairs[pairs["ags"].isin(area.kreise)]
    classes = coverage.class_counts(here)
    return {
        "networks": len(counting),
        "networks_current": int(in_area.loc[in_area["current"], "id"].nunique()),
        "networks_per_100k": len(counting) / population * 100_000 if population else float("nan"),
        "kreise": len(here),
        "covered": classes[coverage.CURRENT],
        "older_only": classes[coverage.OLDER],
        "white_spots": classes[coverage.NONE],
        "population": population,
        "population_covered": population_covered,
        "share_population_covered": population_covered / population if population else float("nan"),
        "fields_covered": len(fields),
        "criteria_met": int(counting["criteria_met"].map(lambda v: v is True).sum()) if len(counting) else 0,
    }


def summary(
    kreise: pd.DataFrame, cov: pd.DataFrame, networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS
) -> pd.DataFrame:
    """Every figure for the 16 Länder (by key, with ranks) and, last, Germany (``land_ags`` ``DE``, no ranks).

    The one table behind the Statistik page, the Land view and the map's key figures for Germany. Rank 1 is
    the best value; ties share the better rank.
    """
    pairs = counting_pairs(networks, filters)
    rows = []
    for code in [*land_names(kreise), GERMANY]:
        area = area_of(code, kreise)
        rows.append({"land_ags": code, "land": area.name, **_figures(area, cov, networks, pairs)})
    table = pd.DataFrame(rows)
    laender = table["land_ags"] != GERMANY
    for key, (_label, more_is_better) in FIGURES.items():
        table[f"rank_{key}"] = table.loc[laender, key].rank(method="min", ascending=not more_is_better).astype("Int64")
    return table


#: What a rank cell shows when there is no rank worth naming (issue 24).
NO_RANK = "–"


def rank_label(ranking: pd.DataFrame, key: str, code: str, words: bool = True) -> str:
    """A Land's rank for one figure as the user reads it, or :data:`NO_RANK`; ``ranking`` is indexed by Land key.

    The rules (documented on the Methodik page):

    - ``"3. von 16"``: the place, 1 the best value;
    - ``"3.–5. von 16 (gleichauf)"``: three Länder share the value, and so places 3 to 5 (``words=False``
      leaves out "(gleichauf)", for narrow tables);
    - ``"–"`` when the value says nothing to rank: all 16 Länder have the same value, or the value is 0 for a
      figure where more is better (no networks meeting all criteria is no first place, even if nobody has any).

    >>> table = pd.DataFrame({"criteria_met": [0, 0, 2], "rank_criteria_met": [2, 2, 1]}, index=["a", "b", "c"])
    >>> [rank_label(table, "criteria_met", code) for code in "abc"]
    ['–', '–', '1. von 3']
    """
    values = ranking[key]
    value = values.loc[code]
    if values.nunique(dropna=True) <= 1 or pd.isna(value):
        return NO_RANK
    if FIGURES[key][1] and value == 0:
        return NO_RANK
    rank = int(ranking.loc[code, f"rank_{key}"])
    others = int((values == value).sum()) - 1
    if not others:
        return f"{rank}. von {len(values)}"
    return f"{rank}.–{rank + others}. von {len(values)}" + (" (gleichauf)" if words else "")


def land_ranking(
    kreise: pd.DataFrame, cov: pd.DataFrame, networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS
) -> pd.DataFrame:
    """The 16 Länder of :func:`summary` with every figure and its rank, by Land key."""
    table = summary(kreise, cov, networks, filters)
    table = table[table["land_ags"] != GERMANY].reset_index(drop=True)
    return table.astype({f"rank_{key}": int for key in FIGURES})


def timeline(
    area: Area, kreise: pd.DataFrame, networks: pd.DataFrame, years: range, filters: Filters = DEFAULT_FILTERS
) -> pd.DataFrame:
    """Per year: counting networks in the area and its covered Kreise (status as of that year)."""
    rows = []
    for year in years:
        as_of = filters.with_(as_of_year=year)
        figs = figures(area, coverage.kreis_coverage(networks, kreise, as_of), networks, as_of)
        rows.append({"jahr": year, "netzwerke": figs["networks"], "abgedeckte_kreise": figs["covered"]})
    return pd.DataFrame(rows)


def neighbour_coverage(area: Area, cov: pd.DataFrame, neighbours: Mapping[str, list[str]]) -> tuple[int, int]:
    """(covered, all) Kreise that border the area from outside: how well the surroundings are served."""
    inside = set(area.kreise)
    around = {n for ags in area.kreise for n in neighbours.get(ags, []) if n not in inside}
    covered = int(cov.loc[cov["ags"].isin(around), "covered"].sum())
    return covered, len(around)
