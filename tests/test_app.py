"""AppTest of every page: renders without exception and shows what a user would check."""

import pytest

from geo.handouts import attribution
from tests.conftest import dashboard

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow


def metrics(app):
    return {m.label: m.value for m in app.metric}


def test_start_page_is_the_map_with_key_figures_and_demo_notice(app):
    app.run()
    assert not app.exception
    figures = metrics(app)
    assert figures["Abgedeckte Kreise"].endswith("von 400")
    covered = int(figures["Abgedeckte Kreise"].split()[0])
    assert covered + int(figures["Weiße Flecken"]) == 400
    assert any("fiktiv" in w.value for w in app.warning)
    captions = " ".join(c.value for c in app.caption)
    assert attribution.GEODATA in captions and "dl-de/by-2-0" in captions


def test_filters_change_the_key_figures(app):
    app.run()
    before = metrics(app)
    app.selectbox(key="f_hf").set_value("Integration Älterer in das Erwerbsleben").run()
    after = metrics(app)
    assert int(after["Netzwerke"]) < int(before["Netzwerke"])
    assert int(after["Weiße Flecken"]) > int(before["Weiße Flecken"])
    app.toggle(key="f_wide").set_value(True).run()
    assert int(metrics(app)["Weiße Flecken"]) < int(after["Weiße Flecken"])


def test_preset_kreis_query_shows_its_networks(app):
    app.query_params["kreis"] = "12073"
    app.run()
    assert not app.exception
    assert any(h.value == "Landkreis Uckermark" for h in app.subheader)
    names = " ".join(m.value for m in app.markdown)
    assert "Netzwerk" in names


def test_malformed_query_is_ignored_with_notice(app):
    app.query_params["kreis"] = "99999"
    app.query_params["jahr"] = "abc"
    app.run()
    assert not app.exception
    notices = " ".join(i.value for i in app.info)
    assert "kein gültiger Kreisschlüssel" in notices and "Jahr" in notices


def test_geography_page_shows_figures(app):
    app.run()
    app.switch_page("pages/uebersicht.py").run()
    assert not app.exception
    assert metrics(app)["Kreise und kreisfreie Städte"] == "400"
    assert metrics(app)["Einwohner"] == "83.166.711"
    text = " ".join(m.value for m in app.markdown)
    assert "400 Kreise und kreisfreie Städte in 16 Ländern" in text and "folgt" not in text  # the map exists


def test_kreise_page_lists_all_400_sortable(app):
    app.run()
    app.switch_page("pages/kreise.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 400
    uckermark = table[table["AGS"] == "12073"].iloc[0]
    assert uckermark["Name"] == "Uckermark"


def test_white_spot_page_ranks_and_offers_exports(app):
    app.run()
    app.switch_page("pages/weisse_flecken.py").run()
    assert not app.exception
    spots = german_number(app.metric[0].value)
    table = app.dataframe[0].value
    assert len(table) == spots > 0
    assert table["Einwohner"].map(german_number).is_monotonic_decreasing
    assert table["Einwohner"].str.fullmatch(r"\d{1,3}(\.\d{3})*").all()  # German thousands point
    app.radio[0].set_value("Fläche").run()
    assert app.dataframe[0].value["Fläche (km²)"].map(german_number).is_monotonic_decreasing


def test_directory_opens_a_profile_by_permalink(app):
    app.query_params["netzwerk"] = "DEMO-0003"
    app.run()
    app.switch_page("pages/netzwerke.py").run()
    assert not app.exception
    from geo.storage import store

    expected = store.load_networks(store.make_engine()).set_index("id").loc["DEMO-0003", "name"]
    headers = [h.value.replace("\\", "") for h in app.header]  # markdown escapes are not shown to users
    assert expected in headers
    texts = " ".join(m.value for m in app.markdown)
    assert "Kriterien" in " ".join(s.value for s in app.subheader) and "Partner" in texts


def test_profile_status_names_an_end_date_only_for_ended_networks():
    from geo.storage import store

    networks = store.load_networks(store.make_engine()).set_index("id")
    running = networks[networks["beendet_am"].isna()].index[0]
    ended = networks[networks["beendet_am"].notna()].index[0]
    for network, expected in ((running, None), (ended, networks.loc[ended, "beendet_am"])):
        app = dashboard()
        app.query_params["netzwerk"] = network
        app.run()
        app.switch_page("pages/netzwerke.py").run()
        status = next(m.value for m in app.markdown if m.value.startswith("**Status:**")).replace("\\", "")
        if expected is None:
            assert "beendet" not in status and "nan" not in status
        else:
            assert f"beendet am {expected}" in status


def test_directory_search_filters_the_list(app):
    app.run()
    app.switch_page("pages/netzwerke.py").run()
    total = len(app.dataframe[0].value)
    app.text_input(key="netzwerk_suche").set_value("Uckermark").run()
    found = app.dataframe[0].value
    assert 0 < len(found) < total
    assert found["Name"].str.contains("Uckermark").any()


def german_number(text: str) -> float:
    """A number as the pages show it ("1.234,5") read back."""
    return float(text.replace(".", "").replace(",", "."))


def test_statistics_page_has_land_table_with_germany_total(app):
    app.run()
    app.switch_page("pages/statistik.py").run()
    assert not app.exception
    by_land = app.dataframe[0].value
    assert len(by_land) == 17 and by_land.iloc[-1]["Land"] == "Deutschland"
    assert by_land.iloc[:-1]["Kreise"].map(german_number).sum() == 400
    assert by_land["Bevölkerung abgedeckt"].str.fullmatch(r"\d{1,3},\d\u202f%").all()  # "50,2 %"
    assert by_land["Netzwerke je 100.000 Einw."].str.fullmatch(r"\d+,\d\d").all()  # "0,17"


def test_methodology_page_names_sources(app):
    app.run()
    app.switch_page("pages/methodik.py").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "GeoBasis-DE" in text
    assert "Netzwerkdaten hier: teils Demo-Daten (fiktiv)" in text  # what is loaded, not the shipped register
    assert any("fiktiv" in w.value for w in app.warning)


def test_methodology_page_describes_how_region_texts_are_read(app):
    app.run()
    app.switch_page("pages/methodik.py").run()
    text = " ".join(m.value for m in app.markdown)
    assert "Landkreise Harburg, Stade und Cuxhaven" in text  # the plural type word rule
    assert "Münster aus dem Zusammenhang" in text  # decisions from context are reported


def test_a_profile_without_stand_says_unknown(app):
    from geo.storage import store

    stored = store.load_networks(store.make_engine())
    undated = stored[stored["stand"].isna()].iloc[0]
    app.query_params["netzwerk"] = undated["id"]
    app.run()
    app.switch_page("pages/netzwerke.py").run()
    assert not app.exception
    assert any("**Stand:** unbekannt" in m.value for m in app.markdown)


def test_a_profile_without_partners_says_the_criterion_is_unknown(app):
    from geo.storage import store

    stored = store.load_networks(store.make_engine())
    lonely = stored[stored["partner_count"] == 0]
    assert len(lonely), "the test data needs a network without partners (the hostile rows in conftest have none)"
    app.query_params["netzwerk"] = lonely.iloc[0]["id"]
    app.run()
    app.switch_page("pages/netzwerke.py").run()
    assert not app.exception
    criteria = [m.value.replace("\\", "") for m in app.markdown if "Mindestens 3 Partner" in m.value]
    assert criteria and criteria[0].endswith("Mindestens 3 Partner: unbekannt (keine Partner angegeben)")
    assert not any("nicht erfüllt (0)" in m.value for m in app.markdown)
