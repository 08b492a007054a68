"""What the pages used to compute themselves, as plain functions: search, map focus, directory, neighbours."""

import logging
import re

import pandas as pd
import pytest

from geo.figures import coverage, directory, outreach
from geo.figures.search import read_search
from geo.maps import mapview
from geo.maps.mapfocus import focus_on
from geo.records.model import HANDLUNGSFELDER
from geo.storage import incidents
from geo.text.mdsafe import md


def network(id, ags, scope="lokal", name=None, **more):
    return {
        "id": id,
        "name": name or f"Netz {id}",
        "traeger": more.get("traeger", ""),
        "region": more.get("region", ""),
        "partner": more.get("partner", []),
        "ags": ags,
        "scope": scope,
    }


@pytest.fixture
def networks():
    return pd.DataFrame(
        [
            network("land", ["12060", "12073", "12052"], scope="land", name="Aa Landesnetz"),
            network("multi", ["12060", "12073"], scope="mehrere", name="Bb Nordost"),
            network("local", ["12060"], name="Zz Barnim", traeger="IHK Ostbrandenburg", partner=["Jobcenter Barnim"]),
            network("cottbus", ["12052"], name="Cottbus lokal", region="Stadt Cottbus"),
        ]
    )


def test_a_search_naming_one_kreis_selects_it():
    for query in ("Prenzlau", "17291", "12073", "Uckermark"):
        assert read_search(query).kreis == "12073", query


def test_an_ambiguous_or_multiple_search_offers_every_candidate():
    found = read_search("München")
    assert found.kreis is None and found.candidates == ["09162", "09184"]
    assert read_search("Barnim, Uckermark").candidates == ["12060", "12073"]


def test_a_search_finding_nothing_offers_close_names():
    found = read_search("Oberhavelland")
    assert found.kreis is None and not found.candidates
    assert {"Havelland", "Oberhavel"} <= set(found.hints)


def test_the_map_centres_on_the_kreis_and_shows_it_whole_with_its_surroundings_even_on_a_phone():
    layer = {
        "features": [
            {
                "properties": {"ags": "1"},
                "geometry": {"type": "Polygon", "coordinates": [[[10, 50], [12, 50], [12, 52], [10, 50]]]},
            },
        ]
    }
    focus = focus_on(layer, "1")
    assert focus.center == [51.0, 11.0]
    # the whole Kreis fits into half a phone's map (340 × 400 px): the other half shows its surroundings
    assert focus.zoom <= mapview.zoom_for([[50, 10], [52, 12]], 170, 200) and 5 <= focus.zoom <= 11
    assert focus.zoom == mapview.zoom_for([[50, 10], [52, 12]], 340, 400) - 1
    assert focus_on(layer, "2") is None and focus_on(layer, None) is None


def test_networks_of_a_kreis_list_local_ones_first(networks):
    assert directory.networks_in(networks, "12060")["id"].tolist() == ["local", "multi", "land"]
    assert directory.networks_in(networks, "01001").empty


def test_directory_search_looks_in_name_traeger_region_and_partners_in_any_case(networks):
    assert directory.search(networks, "ihk OST")["id"].tolist() == ["local"]  # Träger
    assert directory.search(networks, "jobcenter")["id"].tolist() == ["local"]  # a partner
    assert directory.search(networks, " stadt cottbus ")["id"].tolist() == ["cottbus"]  # region, trimmed
    assert len(directory.search(networks, "")) == len(networks)
    assert directory.search(networks, "(").empty  # plain text, not a pattern


def test_directory_filter_by_land_keeps_networks_working_in_one_of_its_kreise(networks):
    info = pd.DataFrame({"land": ["Brandenburg", "Brandenburg", "Berlin"]}, index=["12060", "12052", "11000"])
    assert directory.kreise_of_land(info, "Brandenburg") == {"12060", "12052"}
    assert directory.search(networks, "", {"12052"})["id"].tolist() == ["land", "cottbus"]
    assert directory.search(networks, "netz", {"11000"}).empty


def test_a_white_spots_neighbour_list_has_the_regional_networks_next_door_by_name(networks):
    near = {"12073": ["12060", "12072"], "12053": ["12067"]}
    found = outreach.neighbour_networks("12073", networks, near)
    assert found["id"].tolist() == ["multi", "local"]  # by name; the Land-wide one is no neighbour's network
    assert outreach.neighbour_networks("12053", networks, near).empty
    assert outreach.neighbour_networks("99999", networks, near).empty


def test_sidebar_choices_become_filters_and_an_emptied_status_choice_keeps_the_defaults():
    assert coverage.chosen_filters(None, []) == coverage.DEFAULT_FILTERS
    chosen = coverage.chosen_filters(HANDLUNGSFELDER[1], ["beendet", "aktiv"], True, True, 2012)
    assert chosen.statuses == ("aktiv", "beendet")  # canonical order: the URL and the caches see one value
    assert (chosen.handlungsfeld, chosen.criteria_only, chosen.count_land_wide, chosen.as_of_year) == (
        HANDLUNGSFELDER[1],
        True,
        True,
        2012,
    )


def test_a_network_card_escapes_user_text_and_leaves_out_what_is_empty(networks):
    row = pd.Series(network("x", ["12060"], scope="land", traeger="[IHK](https://evil)") | {"status": "ruhend"})
    row["handlungsfelder"] = []
    lines = directory.card_lines(row)
    assert lines == [
        f"Träger: {md('[IHK](https://evil)')}",
        "Wirkungsraum: landesweit",
        "Status: ruhend",
        "Kein datierter Beleg",  # the evidence is said, even when there is none
    ]
    assert "](" not in lines[0]


def test_a_network_card_says_which_evidence_makes_it_current_or_not():
    from datetime import date, timedelta

    base = network("x", ["12060"]) | {
        "herkunft": "quelle",
        "quellen": ["https://www.kreis.example/pm"],
        "handlungsfelder": [],
        "status": "aktiv",
        "beendet_am": None,
    }
    fresh = (date.today() - timedelta(days=30)).isoformat()

    def last_line(record):  # as the reader sees it: the line is escaped for Markdown
        return directory.card_lines(pd.Series(record))[-1].replace("\\", "")

    current = last_line(base | {"stand": fresh})
    assert current.startswith("Aktueller Beleg: Quelle (kreis.example) vom ")
    older = last_line(base | {"stand": "2019-05-01"})
    assert older == "Neuester Beleg: Quelle (kreis.example) vom 01.05.2019 – älter als 36 Monate"
    confirmed = base | {"stand": "2019-05-01", "bestaetigt_am": fresh, "bestaetigt_durch": "meldung"}
    assert last_line(confirmed).startswith("Aktueller Beleg: Meldung des Netzwerks vom ")
    ended = last_line(base | {"status": "beendet", "beendet_am": "2015-12-31"})
    assert ended == "Beendet am 31.12.2015"


def test_an_upload_job_ends_in_a_result_or_a_message_never_a_traceback(caplog):
    from tests import sandbox_jobs

    assert incidents.run_upload_job(sandbox_jobs.allocate, 0, timeout=30) == (0, None)
    with caplog.at_level(logging.ERROR, logger="netzwerkatlas"):
        result, message = incidents.run_upload_job(sandbox_jobs.fail_on, "Anna", timeout=30)
    incident = re.search(r"Vorfallnummer: ([0-9a-f]{8})", message)
    assert result is None and incident and "Traceback" not in message
    assert f"incident {incident.group(1)}" in caplog.text and "Anna" not in caplog.text


def test_an_audit_entry_reads_as_one_line_per_change():
    from geo.storage import store

    changes = {"name": ["Alt", "Neu"], "ags": [None, ["12060"]]}
    assert store.change_summary(changes) == "name: Alt → Neu; ags: None → ['12060']"
    assert store.change_summary({}) == ""


def test_a_profiles_stand_is_a_german_date_or_unbekannt():
    from geo.text.germanfmt import day as german_date

    assert german_date("2024-01-15") == "15.01.2024"
    assert [german_date(v) for v in (None, float("nan"), "")] == ["unbekannt"] * 3
