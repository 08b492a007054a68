"""Coverage invariants and filters on hand-made networks over the real 400 Kreise."""

import pandas as pd
import pytest

from geo.figures import areas, coverage
from geo.figures.coverage import Filters
from geo.records.model import HANDLUNGSFELDER
from geo.regions import boundaries


@pytest.fixture(scope="module")
def kreise():
    return boundaries.load_kreise().drop(columns="geometry")


def network(
    id, ags, scope="lokal", status="aktiv", fields=(HANDLUNGSFELDER[0],), founded=2015, ended=None, criteria=True
):
    return {
        "id": id,
        "ags": list(ags),
        "scope": scope,
        "status": status,
        "handlungsfelder": list(fields),
        "gegruendet": founded,
        "beendet_am": ended,
        "criteria_met": criteria,
    }


@pytest.fixture
def networks(kreise):
    brandenburg = sorted(kreise.loc[kreise["land_ags"] == "12", "ags"])
    return pd.DataFrame(
        [
            network("a", ["12073"]),
            network("b", ["12073", "12073", "12060"], scope="mehrere"),  # lists Uckermark twice
            network("c", ["09162"], fields=(HANDLUNGSFELDER[3],), criteria=None),
            network("d", brandenburg, scope="land"),
            network("e", ["05766"], status="beendet", founded=2010, ended="2018-06-30"),
            network("f", ["05315"], founded=2022),
        ]
    )


def test_every_kreis_once_and_covered_plus_white_is_400(kreise, networks):
    for filters in (Filters(), Filters(count_land_wide=True), Filters(handlungsfeld=HANDLUNGSFELDER[3])):
        result = coverage.kreis_coverage(networks, kreise, filters)
        assert len(result) == 400 and result["ags"].is_unique
        assert result["covered"].sum() + len(coverage.white_spots(result)) == 400


def test_a_kreis_listed_twice_counts_once(kreise, networks):
    result = coverage.kreis_coverage(networks, kreise).set_index("ags")
    assert result.loc["12073", "n_local"] == 1
    assert result.loc["12073", "n_multi"] == 1
    assert result.loc["12073", "n_networks"] == 3  # a, b and the Land-wide d


def test_land_wide_networks_cover_only_when_asked(kreise, networks):
    regional = coverage.kreis_coverage(networks, kreise).set_index("ags")
    wide = coverage.kreis_coverage(networks, kreise, Filters(count_land_wide=True)).set_index("ags")
    assert not regional.loc["12054", "covered"]  # Potsdam: only the Land-wide network
    assert regional.loc["12054", "n_wide"] == 1
    assert wide.loc["12054", "covered"]
    assert regional["covered"].sum() == 4  # 12073, 12060, 09162, 05315
    assert wide["covered"].sum() == 18 + 2  # all 18 Brandenburg Kreise, plus 09162 and 05315


def test_filters_by_field_status_criteria_and_year(kreise, networks):
    def covered(**kwargs):
        result = coverage.kreis_coverage(networks, kreise, Filters(**kwargs))
        return set(result.loc[result["covered"], "ags"])

    assert covered(handlungsfeld=HANDLUNGSFELDER[3]) == {"09162"}
    assert covered(criteria_only=True) == {"12073", "12060", "05315"}
    assert covered(as_of_year=2017) == {"12073", "12060", "09162", "05766"}  # e active then, f not yet
    assert covered(as_of_year=2019) == {"12073", "12060", "09162"}
    assert "05766" in covered(statuses=("aktiv", "beendet"))


def test_white_spots_most_populous_first(kreise, networks):
    spots = coverage.white_spots(coverage.kreis_coverage(networks, kreise))
    assert spots["population"].is_monotonic_decreasing
    assert spots.iloc[0]["ags"] == "11000"  # Berlin


@pytest.mark.parametrize(("wide", "brandenburg", "germany"), [(True, 4, 6), (False, 3, 5)])
def test_a_network_counts_once_per_land_and_once_for_germany(kreise, networks, wide, brandenburg, germany):
    spanning = network("g", ["12073", "13075"], scope="mehrere")  # Uckermark (BB) and Vorpommern-Greifswald (MV)
    networks = pd.concat([networks, pd.DataFrame([spanning])], ignore_index=True)
    filters = Filters(count_land_wide=wide)
    cov = coverage.kreis_coverage(networks, kreise, filters)
    summary = areas.summary(kreise, cov, networks, filters).set_index("land_ags")
    assert summary.loc["12", "networks"] == brandenburg  # a, b, g and, only when Land-wide ones count, d
    assert summary.loc["13", "networks"] == 1  # g
    assert summary.loc["DE", "networks"] == germany  # a, b, c, f, g (and d): each once, e has ended
    assert summary.loc["12", "covered"] == (18 if wide else 2)
    assert summary.loc["DE", "kreise"] == 400
    de = summary.loc["DE"]
    assert de["networks_per_100k"] == pytest.approx(germany / de["population"] * 100_000)


def test_no_networks_means_400_white_spots(kreise):
    empty = pd.DataFrame(
        columns=["id", "ags", "scope", "status", "handlungsfelder", "gegruendet", "beendet_am", "criteria_met"]
    )
    result = coverage.kreis_coverage(empty, kreise)
    assert not result["covered"].any() and len(result) == 400
