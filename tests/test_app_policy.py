"""AppTests of the policymaker views: Land view on the map, Vergleich, Handlungsfelder, Bericht."""

import pandas as pd
import pytest

from geo.figures import areas, coverage
from geo.regions import boundaries
from geo.storage import store
from geo.text import germanfmt as fmt
from tests.conftest import dashboard
from ui import map_panel

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow


@pytest.fixture
def app():
    return dashboard(90)


@pytest.fixture(scope="module")
def truth(test_database):
    """The Länder (ranked) and Germany computed straight from the library, to compare with what the pages show."""
    engine = store.make_engine(f"sqlite:///{test_database}")
    networks = store.load_networks(engine)
    engine.dispose()
    info = pd.DataFrame(boundaries.load_kreise().drop(columns="geometry"))
    cov = coverage.kreis_coverage(networks, info)
    return areas.summary(info, cov, networks).set_index("land_ags"), cov


def metrics(app):
    return {m.label: m.value for m in app.metric}


def test_land_view_from_url_shows_the_lands_figures_and_ranks(app, truth):
    ranking, cov = truth
    app.query_params["land"] = "12"
    app.run()
    assert not app.exception
    brandenburg = ranking.loc["12"]
    figures = metrics(app)
    assert figures["Netzwerke"] == str(brandenburg["networks"])
    assert figures["Abgedeckte Kreise"] == f"{brandenburg['covered']} von {brandenburg['kreise']}"
    assert figures["Weiße Flecken"] == str(brandenburg["white_spots"])
    captions = [c.value for c in app.caption]
    assert f"Rang {areas.rank_label(ranking.drop(areas.GERMANY), 'networks', '12')}" in captions
    assert app.selectbox(key="f_land").value == "12"
    app.session_state[map_panel.TABLE_OPEN] = True  # the Kreise table is drawn when its expander opens
    app.run()
    table = app.dataframe[-1].value
    assert len(table) == (cov["land_ags"] == "12").sum()  # the Kreise table shows only the Land
    assert any(b.label == "Bericht herunterladen: Brandenburg (PDF)" for b in app.get("download_button"))


def test_germanys_figures_on_the_map_count_as_the_laender_do(app, truth):
    # Land-wide networks do not count by default: Germany's figure is not simply every filtered network.
    table, _ = truth
    app.run()
    germany, figures = table.loc["DE"], metrics(app)
    assert figures["Netzwerke"] == fmt.integer(germany["networks"])
    assert figures["Abgedeckte Kreise"] == f"{germany['covered']} von 400"
    assert figures["Weiße Flecken"] == fmt.integer(germany["white_spots"])
    assert figures["Bevölkerung in abgedeckten Kreisen"] == fmt.percent(germany["share_population_covered"])


def test_choosing_a_land_in_the_sidebar_switches_the_figures(app, truth):
    ranking, _ = truth
    app.run()
    germany = metrics(app)
    assert germany["Abgedeckte Kreise"].endswith("von 400")
    app.selectbox(key="f_land").set_value("09").run()
    assert metrics(app)["Abgedeckte Kreise"] == f"{ranking.loc['09', 'covered']} von {ranking.loc['09', 'kreise']}"
    assert any("Kennzahlen Land Bayern" in m.value for m in app.markdown)
    # After a widget change AppTest runs only the page's file, not dashboard.py, so the sidebar's top slot
    # (where the Land choice sits) is no longer in its tree: the way back to Germany is checked in Chromium
    # (tests/test_e2e_filters_layout.py), where every run draws the whole app.
    assert metrics(app)["Abgedeckte Kreise"] != germany["Abgedeckte Kreise"]


def test_bad_land_in_url_is_ignored_with_a_notice(app):
    app.query_params["land"] = "99"
    app.run()
    assert not app.exception
    assert any("kein gültiger Länderschlüssel" in i.value for i in app.info)
    assert metrics(app)["Abgedeckte Kreise"].endswith("von 400")


def test_comparison_from_url_shows_a_row_per_area_with_map_links(app, truth):
    ranking, cov = truth
    app.query_params["vergleich"] = "12073,11000,12"
    app.run()
    app.switch_page("pages/vergleich.py").run()
    assert not app.exception
    assert app.multiselect(key="f_vergleich").value == ["12073", "11000", "12"]
    table = app.dataframe[0].value
    assert list(table["Gebiet"]) == ["Landkreis Uckermark", "Kreisfreie Stadt Berlin", "Brandenburg"]
    assert list(table["Karte"]) == ["/?kreis=12073", "/?kreis=11000", "/?land=12"]
    assert table["Netzwerke"].iloc[2] == ranking.loc["12", "networks"]
    assert table["Netzwerke"].iloc[0] == cov.set_index("ags").loc["12073", "n_counting"]
    links = " ".join(m.value for m in app.markdown)
    assert "](/?kreis=12073)" in links and "](/?land=12)" in links
    assert len(app.get("vega_lite_chart")) == 4


def test_comparison_allows_at_most_five(app):
    app.query_params["vergleich"] = "12073,11000,12,DE,09162,09184"
    app.run()
    assert any("höchstens 5" in i.value for i in app.info)
    app.switch_page("pages/vergleich.py").run()
    assert not app.exception
    assert len(app.multiselect(key="f_vergleich").value) == 5
    assert len(app.dataframe[0].value) == 5


def test_four_handlungsfelder_maps_link_to_the_filtered_map(app, truth):
    app.query_params["land"] = "12"
    app.run()
    app.switch_page("pages/handlungsfelder.py").run()
    assert not app.exception
    assert len(app.get("image")) == 4
    links = [m.value for m in app.markdown if m.value.startswith("[Karte:")]
    assert {link.split("](")[1] for link in links} == {  # two columns: the tree lists them column by column
        "/?land=12&hf=aw)",
        "/?land=12&hf=aeltere)",
        "/?land=12&hf=vbf)",
        "/?land=12&hf=zuwanderung)",
    }
    captions = " ".join(c.value for c in app.caption)
    assert "von 18 Kreisen mit Netzwerk" in captions  # Brandenburg has 18 Kreise


def test_report_page_offers_the_selected_kreis(app):
    app.query_params["kreis"] = "12073"
    app.run()
    app.switch_page("pages/bericht.py").run()
    assert not app.exception
    assert app.selectbox(key="f_bericht").value == "12073"
    assert [b.label for b in app.get("download_button")] == ["Bericht herunterladen: Landkreis Uckermark (PDF)"]
    app.selectbox(key="f_bericht").set_value("DE").run()
    assert [b.label for b in app.get("download_button")] == ["Bericht herunterladen: Deutschland (PDF)"]


def test_each_url_notice_is_shown_once(app):
    app.query_params["kreis"] = "99999"
    app.run()
    notices = [i.value for i in app.info if "kein gültiger Kreisschlüssel" in i.value]
    assert len(notices) == 1
