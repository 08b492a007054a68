"""Shareable URL state: round trip, forgiving parsing with notices."""

from datetime import date

import pytest

from geo.figures.coverage import Filters
from geo.maps import urlstate
from geo.records.model import HANDLUNGSFELDER

CODES = {"12073", "11000"}


def test_round_trip():
    state = urlstate.ViewState(
        kreis="12073",
        filters=Filters(
            handlungsfeld=HANDLUNGSFELDER[2],
            statuses=("aktiv", "ruhend"),
            criteria_only=True,
            as_of_year=2020,
            count_land_wide=True,
        ),
    )
    params = urlstate.to_params(state)
    assert params == {
        "kreis": "12073",
        "hf": "vbf",
        "status": "aktiv,ruhend",
        "kriterien": "1",
        "jahr": "2020",
        "landesweit": "1",
    }
    parsed, notices = urlstate.parse(params, CODES, today=date(2026, 11, 28))
    assert parsed == state and notices == []


def test_defaults_give_an_empty_query():
    assert urlstate.to_params(urlstate.ViewState()) == {}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"kreis": "99999"}, "kein gültiger Kreisschlüssel"),
        ({"kreis": "<script>"}, "kein gültiger Kreisschlüssel"),
        ({"hf": "xyz"}, "Handlungsfeld"),
        ({"status": "weg"}, "Status"),
        ({"jahr": "1700"}, "Jahr"),
        ({"jahr": "2020; drop table"}, "Jahr"),
        ({"kriterien": "ja"}, "kriterien"),
        ({"utm_source": "x"}, "Unbekannter URL-Parameter"),
    ],
)
def test_bad_parameters_are_ignored_with_a_notice(params, fragment):
    state, notices = urlstate.parse(params, CODES, today=date(2026, 11, 28))
    assert state == urlstate.ViewState()
    assert any(fragment in n for n in notices)


def test_long_values_are_shortened_in_notices():
    _, notices = urlstate.parse({"kreis": "x" * 500}, CODES)
    assert len(notices[0]) < 200


def test_land_and_comparison_round_trip():
    state = urlstate.ViewState(land="12", vergleich=("12073", "11000", "12", "DE"))
    params = urlstate.to_params(state)
    assert params == {"land": "12", "vergleich": "12073,11000,12,DE"}
    parsed, notices = urlstate.parse(params, CODES, today=date(2026, 11, 28))
    assert parsed == state and notices == []


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"land": "17"}, "kein gültiger Länderschlüssel"),
        ({"land": "2"}, "kein gültiger Länderschlüssel"),
        ({"land": "<b>"}, "kein gültiger Länderschlüssel"),
        ({"vergleich": "99999"}, "weder Kreis"),
    ],
)
def test_bad_land_or_comparison_is_ignored_with_a_notice(params, fragment):
    state, notices = urlstate.parse(params, CODES, today=date(2026, 11, 28))
    assert state == urlstate.ViewState()
    assert any(fragment in n for n in notices)


def test_comparison_keeps_valid_codes_at_most_five_without_repeats():
    codes = {"12073", "11000", "12072", "12060", "12053", "12051"}
    params = {"vergleich": "12073,abc,12073,11000,12072,12060,12053,12051"}
    state, notices = urlstate.parse(params, codes, today=date(2026, 11, 28))
    assert state.vergleich == ("12073", "11000", "12072", "12060", "12053")
    assert any("'abc'" in n for n in notices) and any("höchstens 5" in n for n in notices)


def test_a_link_with_thousands_of_bad_items_gives_a_few_notices():
    # issue 25: ?vergleich=x,x,… with 7 000 items drew 7 000 alert boxes
    many = {"vergleich": ",".join(f"x{i}" for i in range(7000)), "status": ",".join(["kaputt"] * 7000)}
    many |= {f"p{i}": "1" for i in range(500)}  # and 500 unknown parameters
    state, notices = urlstate.parse(many, CODES, today=date(2026, 11, 28))
    assert state.vergleich == ()
    assert len(notices) <= urlstate.MAX_NOTICES
    assert sum(n.startswith("Vergleich:") for n in notices) <= 2  # one summary line (and the "höchstens")
    assert any("'x0', 'x1', 'x2' und" in n for n in notices)
    assert any("'p0', 'p1', 'p2' und 497 weitere" in n for n in notices)


def test_repeated_bad_items_are_named_once():
    _, notices = urlstate.parse({"vergleich": ",".join(["x"] * 7000)}, CODES, today=date(2026, 11, 28))
    named = [n for n in notices if "'x'" in n]
    assert named == ["Vergleich: 'x' ist weder Kreis (AGS) noch Land (01–16) noch DE; ignoriert."]


def test_notices_beyond_the_cap_are_summed_up():
    params = {"kreis": "x", "netzwerk": "<>", "land": "99", "hf": "y", "status": "z", "kriterien": "2"}
    params |= {"landesweit": "2", "jahr": "1", "vergleich": "q", "fremd": "1"}
    _, notices = urlstate.parse(params, CODES, today=date(2026, 11, 28))
    assert len(notices) == urlstate.MAX_NOTICES
    assert notices[-1] == "3 weitere Hinweise zum Link ausgelassen."
