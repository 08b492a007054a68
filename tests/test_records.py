"""Value parsing of the network record: what people write → canonical values or a clear message."""

from datetime import date, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from geo.records import model
from geo.records.model import HANDLUNGSFELDER, ValueProblem
from geo.text.textnorm import key


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Träger", "traeger"),
        ("TRAEGER", "traeger"),
        ("Name des Netzwerks", "name"),
        ("E-Mail", "kontakt_email"),
        ("Gründungsjahr", "gegruendet"),
        ("Beendet am", "beendet_am"),
        ("region", "region"),
        ("Spalte X", None),
    ],
)
def test_column_headers(header, field):
    assert model.column_field(header) == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A&W", [HANDLUNGSFELDER[0]]),
        ("Ausbildung; Weiterbildung", [HANDLUNGSFELDER[0]]),
        ("Vereinbarkeit, Ältere", [HANDLUNGSFELDER[1], HANDLUNGSFELDER[2]]),
        ("Integration und Zuwanderung / 50plus", [HANDLUNGSFELDER[1], HANDLUNGSFELDER[3]]),
        ("Integration Älterer in das Erwerbsleben", [HANDLUNGSFELDER[1]]),
        ("Sonstiges", [HANDLUNGSFELDER[4]]),
        ("", []),
    ],
)
def test_handlungsfelder(text, expected):
    assert model.parse_handlungsfelder(text) == expected


def test_unknown_handlungsfeld_lists_valid_ones():
    with pytest.raises(ValueProblem, match="Digitalisierung.*Aus- und Weiterbildung"):
        model.parse_handlungsfelder("Digitalisierung")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ja", True),
        ("X", True),
        (1, True),
        ("nein", False),
        ("0", False),
        ("", None),
        ("unbekannt", None),
        (None, None),
    ],
)
def test_booleans(value, expected):
    assert model.parse_bool(value) is expected


def test_boolean_garbage_is_refused():
    with pytest.raises(ValueProblem, match="Ja/Nein"):
        model.parse_bool("vielleicht")


@pytest.mark.parametrize(
    ("value", "year"),
    [("2015", 2015), (2015.0, 2015), ("2015,0", 2015), ("01.03.2015", 2015), (datetime(2015, 3, 1), 2015), ("", None)],
)
def test_years(value, year):
    assert model.parse_year(value, today=date(2026, 11, 28)) == year


@pytest.mark.parametrize("value", ["20155", "1800", "2030", "zwanzig"])
def test_bad_years(value):
    with pytest.raises(ValueProblem):
        model.parse_year(value, today=date(2026, 11, 28))


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-01", "2024-03-01"),
        ("1.3.2024", "2024-03-01"),
        ("03/2024", "2024-03-01"),
        (date(2024, 3, 1), "2024-03-01"),
    ],
)
def test_dates(value, iso):
    assert model.parse_date(value) == iso


def test_impossible_date():
    with pytest.raises(ValueProblem, match="Datum"):
        model.parse_date("31.02.2024")


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,x", "http://", "ftp://x.de"])
def test_unsafe_websites_are_refused(value):
    with pytest.raises(ValueProblem):
        model.parse_website(value)


def test_bare_domain_gets_https():
    assert model.parse_website("www.netzwerk.de") == "https://www.netzwerk.de"


def test_plz_lost_leading_zero_restored():
    assert model.parse_plz(1067) == "01067"
    assert model.parse_plz("16225") == "16225"
    with pytest.raises(ValueProblem):
        model.parse_plz("ABCDE")


def test_text_limits_and_control_characters():
    assert model.clean_text("a\x00b\x1b c ", "name") == "ab c"
    with pytest.raises(ValueProblem, match="zu lang"):
        model.clean_text("x" * 10_000, "name")


def test_partner_lists():
    assert model.parse_partner("IHK; HWK\nJobcenter") == ["IHK", "HWK", "Jobcenter"]
    assert model.parse_partner("IHK, HWK, Jobcenter") == ["IHK", "HWK", "Jobcenter"]


def test_criteria_check_is_three_valued():
    flags = dict.fromkeys(model.CRITERIA, True)
    assert model.criteria_met(3, ["x"], flags) is True
    assert model.criteria_met(2, ["x"], flags) is False
    assert model.criteria_met(5, [], flags) is None  # no Handlungsfeld named: unknown, not failed
    assert model.criteria_met(0, ["x"], flags) is None  # no partner listed: unknown, not failed
    assert model.criteria_met(0, ["x"], {**flags, "evaluation": False}) is False
    assert model.criteria_met(5, ["x"], {**flags, "evaluation": None}) is None
    assert model.criteria_met(5, ["x"], {**flags, "evaluation": None, "datenbasierte_ziele": False}) is False


def test_generated_id_is_stable_and_spelling_insensitive():
    assert model.stable_id("Netzwerk A", "Barnim") == model.stable_id("netzwerk  a", "BARNIM")
    assert model.stable_id("Netzwerk A", "Barnim") != model.stable_id("Netzwerk B", "Barnim")


@pytest.mark.hostile
def test_two_different_records_never_share_a_generated_id(tmp_path):
    # These two names shared one id under the former 40-bit hash prefix: the second import overwrote the first.
    first, second = model.stable_id("Netzwerk 1616039", "Barnim"), model.stable_id("Netzwerk 1890808", "Barnim")
    assert first != second
    path = tmp_path / "zwei.csv"
    path.write_text("Name;Region\nNetzwerk 1616039;Barnim\nNetzwerk 1890808;Barnim\n", encoding="utf-8")
    from geo.intake.networks import read_networks

    result = read_networks(path)
    assert result.errors == [] and result.records["id"].nunique() == 2


@given(st.tuples(st.text(max_size=30), st.text(max_size=30)), st.tuples(st.text(max_size=30), st.text(max_size=30)))
def test_generated_ids_differ_whenever_name_or_region_differ(a, b):
    assume(tuple(map(key, a)) != tuple(map(key, b)))
    assert model.stable_id(*a) != model.stable_id(*b)


def test_sources_keep_semicolons_inside_urls_and_refuse_other_schemes():
    assert model.parse_sources("https://a.de/x;jsessionid=1 https://b.de/y; https://c.de/z") == [
        "https://a.de/x;jsessionid=1",
        "https://b.de/y",
        "https://c.de/z",
    ]
    with pytest.raises(model.ValueProblem, match="Quellen-Adresse"):
        model.parse_sources("javascript:alert(1)//x.de")
    with pytest.raises(model.ValueProblem, match="Quellen-Adresse"):
        model.parse_sources("www.beispiel.de")  # a source must be a full address a reader can open


def test_origin_and_unclear_status():
    assert model.parse_origin("") == "redaktion"
    assert model.parse_origin("öffentliche Quelle") == "quelle"
    assert model.parse_status("aktiv laut Quelle") == "aktiv"
    assert model.parse_status("unklar") == "unklar"
    with pytest.raises(model.ValueProblem, match="Herkunft"):
        model.parse_origin("erfunden")
