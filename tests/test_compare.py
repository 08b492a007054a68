"""Vergleich: one row per area, figures equal to geo.figures.areas, links back to the map."""

import pandas as pd
import pytest

from geo.figures import areas, compare, coverage
from geo.figures.coverage import Filters
from geo.regions import adjacency, boundaries


@pytest.fixture(scope="module")
def world(stored_networks):
    kreise = boundaries.load_kreise()
    networks = stored_networks
    return pd.DataFrame(kreise.drop(columns="geometry")), networks, adjacency.neighbours(kreise)


def test_rows_in_the_given_order_with_links(world):
    info, networks, neighbours = world
    table = compare.compare_table(["12073", "12", "DE"], info, networks, neighbours, since=2015)
    assert list(table["code"]) == ["12073", "12", "DE"]
    assert list(table["art"]) == ["Kreis", "Land", "Bund"]
    assert list(table["link"]) == ["/?kreis=12073", "/?land=12", "/"]
    assert table.loc[2, "nachbarn"] == 0  # Germany has no Kreis around it


@pytest.mark.parametrize("filters", [Filters(), Filters(criteria_only=True, count_land_wide=True)])
def test_figures_equal_the_areas_figures_now_and_then(world, filters):
    info, networks, neighbours = world
    table = compare.compare_table(["12073", "09"], info, networks, neighbours, since=2012, filters=filters)
    now_cov = coverage.kreis_coverage(networks, info, filters)
    then = filters.with_(as_of_year=2012)
    then_cov = coverage.kreis_coverage(networks, info, then)
    for _, row in table.iterrows():
        area = areas.area_of(row["code"], info)
        now = areas.figures(area, now_cov, networks, filters)
        before = areas.figures(area, then_cov, networks, then)
        assert row["netzwerke"] == now["networks"] and row["netzwerke_damals"] == before["networks"]
        assert row["veraenderung"] == now["networks"] - before["networks"]
        assert row["kriterien_erfuellt"] == now["criteria_met"] and 0 <= row["handlungsfelder"] <= 4
        assert (row["nachbarn_abgedeckt"], row["nachbarn"]) == areas.neighbour_coverage(area, now_cov, neighbours)


def test_fewer_networks_existed_long_ago(world):
    info, networks, neighbours = world
    table = compare.compare_table(["DE"], info, networks, neighbours, since=2005)
    assert table.loc[0, "netzwerke_damals"] < table.loc[0, "netzwerke"]
