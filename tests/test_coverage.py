"""Coverage invariants and filters on hand-made networks over the real 400 Kreise."""

from datetime import date

import pandas as pd
import pytest

from geo.figures import areas, coverage
from geo.figures.coverage import Filters
from geo.records.model import HANDLUNGSFELDER
from geo.regions import boundaries


@pytest.fixture(scope="module")
def kreise():
    return boundaries.load_kreise().drop(columns="geometry")


TODAY = date.today().isoformat()


def network(
    id,
    ags,
    scope="lokal",
    status="aktiv",
    fields=(HANDLUNGSFELDER[0],),
    founded=2015,
    ended=None,
    criteria=True,
    stand=TODAY,
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
        "stand": stand,
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
        older = (result["evidence"] == coverage.OLDER).sum()
        assert result["covered"].sum() + older + len(coverage.white_spots(result)) == 400


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
    with_ended = coverage.kreis_coverage(networks, kreise, Filters(statuses=("aktiv", "beendet"))).set_index("ags")
    assert with_ended.loc["05766", "evidence"] == coverage.OLDER  # an ended network is documented, never current


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


def classes_of(networks, kreise, **filters):
    result = coverage.kreis_coverage(pd.DataFrame(networks), kreise, Filters(today=date(2026, 12, 2), **filters))
    return result.set_index("ags")["evidence"]


def test_newest_dated_evidence_decides_the_class_not_the_status_flag(kreise):
    classes = classes_of(
        [
            network("old", ["12073"], stand="2019-05-01"),  # "aktiv" by hand, newest source seven years old
            network("fresh", ["09162"], status="unklar", stand="2024-01-15"),
            network("undated", ["05315"], stand=None),
            network("confirmed", ["05766"], stand="2018-01-01") | {"bestaetigt_am": "2026-03-01"},
            network("ends", ["14612"], stand="2026-01-01", ended="2026-06-30"),  # end date passed, flag not set
        ],
        kreise,
    )
    assert classes["12073"] == coverage.OLDER
    assert classes["09162"] == coverage.CURRENT
    assert classes["05315"] == coverage.OLDER
    assert classes["05766"] == coverage.CURRENT  # an editor's or the network's confirmation is evidence too
    assert classes["14612"] == coverage.OLDER
    assert classes["01001"] == coverage.NONE


def test_the_evidence_window_is_36_months_and_configurable(kreise, monkeypatch):
    just_inside = [network("a", ["12073"], stand="2023-12-02")]
    just_outside = [network("a", ["12073"], stand="2023-12-01")]
    assert classes_of(just_inside, kreise)["12073"] == coverage.CURRENT
    assert classes_of(just_outside, kreise)["12073"] == coverage.OLDER
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "48")
    assert classes_of(just_outside, kreise)["12073"] == coverage.CURRENT
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "0")
    with pytest.raises(ValueError, match="NETZWERKATLAS_CURRENT_MONTHS.*1 bis 240"):
        classes_of(just_inside, kreise)


def test_a_kreis_with_current_and_older_networks_is_current_and_counts_both(kreise):
    result = coverage.kreis_coverage(
        pd.DataFrame([network("a", ["12073"], stand="2015-01-01"), network("b", ["12073"], stand="2025-01-01")]),
        kreise,
        Filters(today=date(2026, 12, 2)),
    ).set_index("ags")
    assert (result.loc["12073", "n_counting"], result.loc["12073", "n_current"]) == (2, 1)
    assert result.loc["12073", "evidence"] == coverage.CURRENT
    assert coverage.class_counts(result) == {coverage.CURRENT: 1, coverage.OLDER: 0, coverage.NONE: 399}


def test_time_view_measures_evidence_against_the_end_of_that_year(kreise):
    networks = [network("a", ["12073"], founded=2010, stand="2015-06-01")]
    assert classes_of(networks, kreise, as_of_year=2016)["12073"] == coverage.CURRENT
    assert classes_of(networks, kreise, as_of_year=2019)["12073"] == coverage.OLDER


def test_one_rule_for_city_states_land_wide_networks_cover_the_city(kreise):
    classes = classes_of(
        [
            network("berlin", ["11000"], scope="land"),
            network("bremen", ["04011", "04012"], scope="land"),
            network("hamburg", ["02000"], scope="land"),
            network("brandenburg", sorted(kreise.loc[kreise["land_ags"] == "12", "ags"]), scope="land"),
        ],
        kreise,
    )
    assert classes[["11000", "04011", "04012", "02000"]].eq(coverage.CURRENT).all()
    assert (classes[classes.index.str.startswith("12")] == coverage.NONE).all()


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert coverage.months_before(date(2026, 12, 2), 36) == date(2023, 12, 2)
    assert coverage.months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert coverage.months_before(date(2024, 3, 1), 1) == date(2024, 2, 1)


def test_laender_add_up_to_germany_in_every_class_and_the_classes_to_all_kreise(kreise, networks):
    mixed = pd.concat(
        [networks, pd.DataFrame([network("old", ["09184", "09162"], scope="mehrere", stand="2015-01-01")])],
        ignore_index=True,
    )
    cov = coverage.kreis_coverage(mixed, kreise)
    table = areas.summary(kreise, cov, mixed).set_index("land_ags")
    germany, laender = table.loc[areas.GERMANY], table.drop(index=areas.GERMANY)
    for key in ("covered", "older_only", "white_spots", "kreise", "population"):
        assert laender[key].sum() == germany[key], key
    assert germany["covered"] + germany["older_only"] + germany["white_spots"] == 400
    assert germany["older_only"] == 1  # Landkreis München: only older evidence; the city has a current network


def test_evidence_lines_of_many_records_equal_the_line_of_each(stored_networks):
    """``evidence_lines`` (the embeds, issue 26) computes dates and classes once for all records: same words."""
    filters = Filters(today=date.today(), current_months=12)
    lines = coverage.evidence_lines(stored_networks, filters)
    assert list(lines.index) == list(stored_networks.index)
    expected = [coverage.evidence_line(r, filters) for r in stored_networks.to_dict("records")]
    assert lines.tolist() == expected
    assert {line.split(":")[0] for line in expected} >= {"Aktueller Beleg", "Neuester Beleg"}


@pytest.mark.parametrize(
    "filters",
    [Filters(today=date(2026, 12, 2)), Filters(as_of_year=2019), Filters(today=date(2025, 6, 1), current_months=12)],
    ids=["today", "as of 2019", "12 months"],
)
def test_a_cards_line_uses_the_same_rule_as_the_classes_for_every_register_row(filters):
    """A card's line is computed per record without a DataFrame (click reruns): it must agree with the
    vectorised dates and classes that colour the map, on every row of the shipped register."""
    from geo.storage import datasets

    register = datasets.read("register").records
    assert coverage.evidence_lines(register, filters).tolist() == [
        coverage.evidence_line(r, filters) for r in register.to_dict("records")
    ]
