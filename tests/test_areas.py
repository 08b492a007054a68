"""Areas (Germany, Land, Kreis): the Länder add up to Germany, ranks, neighbours, typography."""

from datetime import date

import pandas as pd
import pytest

from geo.figures import areas, coverage
from geo.figures.coverage import Filters
from geo.records.model import HANDLUNGSFELDER
from geo.regions import adjacency, boundaries
from geo.text import germanfmt as fmt


@pytest.fixture(scope="module")
def world(stored_networks):
    kreise = boundaries.load_kreise()
    networks = stored_networks
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    return kreise, info, networks


FILTERS = [
    Filters(),
    Filters(count_land_wide=True, handlungsfeld=HANDLUNGSFELDER[1]),
    Filters(statuses=("aktiv",), criteria_only=True),
    Filters(statuses=("aktiv", "ruhend", "beendet"), as_of_year=2015, count_land_wide=True),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_the_laender_add_up_to_germany_under_the_same_filters(world, filters):
    _, info, networks = world
    cov = coverage.kreis_coverage(networks, info, filters)
    table = areas.summary(info, cov, networks, filters).set_index("land_ags")
    laender, germany = table.drop(index=areas.GERMANY), table.loc[areas.GERMANY]
    assert len(laender) == 16
    for key in ("kreise", "covered", "white_spots", "population", "population_covered"):
        assert laender[key].sum() == germany[key], key
    assert germany["covered"] == int(cov["covered"].sum()) and germany["kreise"] == 400
    # A network counts once in every Land it counts in and once for Germany: Germany's networks are the
    # Länder's networks without repeats, never a network that counts in no Land (e.g. a Land-wide one
    # while Land-wide networks do not count).
    per_land = {
        code: set(areas.networks_in(areas.area_of(code, info), networks, filters)["id"]) for code in laender.index
    }
    assert [len(ids) for ids in per_land.values()] == laender["networks"].tolist()
    assert germany["networks"] == len(set().union(*per_land.values()))
    assert laender["networks"].sum() >= germany["networks"]


def test_networks_in_several_laender_and_land_wide_ones_are_in_the_test_data(world):
    """The test above can only fail if the data holds what used to be counted differently."""
    _, info, networks = world
    laender = networks["ags"].map(lambda codes: len({code[:2] for code in codes}))
    assert (laender > 1).any() and networks["scope"].isin(coverage.WIDE_SCOPES).any()


def test_kreis_figures_equal_its_coverage_row(world):
    _, info, networks = world
    cov = coverage.kreis_coverage(networks, info)
    row = cov.set_index("ags").loc["12073"]
    figures = areas.figures(areas.area_of("12073", info), cov, networks)
    assert figures["networks"] == row["n_counting"] and figures["covered"] == int(row["covered"])


def test_ranking_orders_the_16_laender_best_first(world):
    _, info, networks = world
    cov = coverage.kreis_coverage(networks, info)
    table = areas.land_ranking(info, cov, networks)
    assert len(table) == 16
    best = table.sort_values("rank_networks_per_100k").iloc[0]
    assert best["networks_per_100k"] == table["networks_per_100k"].max()
    # fewer white spots rank better
    assert table.loc[table["white_spots"].idxmin(), "rank_white_spots"] == 1
    assert table["rank_networks"].min() == 1 and table["rank_networks"].max() <= 16


def test_unknown_area_code_names_what_is_valid(world):
    _, info, _ = world
    with pytest.raises(ValueError, match="Länderschlüssel"):
        areas.area_of("17", info)
    assert areas.area_of("de", info).kind == areas.BUND
    kreis = areas.area_of("12073", info)
    assert kreis.name == "Landkreis Uckermark" and kreis.land == "Brandenburg"


def test_neighbour_coverage_counts_only_kreise_outside_the_area(world):
    kreise, info, networks = world
    cov = coverage.kreis_coverage(networks, info)
    neighbours = adjacency.neighbours(kreise)
    brandenburg = areas.area_of("12", info)
    covered, total = areas.neighbour_coverage(brandenburg, cov, neighbours)
    around = {n for a in brandenburg.kreise for n in neighbours[a]} - set(brandenburg.kreise)
    assert total == len(around) and "11000" in around  # Berlin borders Brandenburg from outside
    assert 0 <= covered <= total


def test_german_typography():
    assert fmt.integer(2521893) == "2.521.893"
    assert fmt.decimal(1234.567, 2) == "1.234,57"
    assert fmt.percent(0.8079) == "80,8\u202f%"
    assert fmt.day(date(2026, 3, 7)) == "07.03.2026"
    assert fmt.quoted("Netzwerke") == "„Netzwerke“"
    assert fmt.decimal(float("nan")) == "–"
