"""AppTest of the "Karte" page beyond tests/test_app.py: the Kreis panel and the view kept in the URL.

The map itself is a custom component (AppTest cannot click it); clicks are covered in tests/test_e2e_map.py.
"""

import pytest

from geo.figures import coverage
from geo.regions import boundaries
from geo.storage import store
from ui import map_panel

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def white_spot():
    """A Kreis without a regional network in the test database, under the default filters."""
    engine = store.make_engine()
    try:
        cov = coverage.kreis_coverage(store.load_networks(engine), boundaries.load_kreise())
    finally:
        engine.dispose()
    spots = cov[cov["evidence"] == coverage.NONE]
    assert len(spots), "the demo data should leave white spots"
    return spots.iloc[0]


def test_without_selection_the_panel_invites_a_click(app):
    app.run()
    assert not app.exception
    assert any(t.value == "Netzwerke zur Fachkräftesicherung" for t in app.title)
    assert any("Klicken Sie auf einen Kreis" in c.value for c in app.caption)
    assert not app.subheader
    assert "kreis" not in app.query_params


def test_preset_kreis_panel_shows_land_and_population_and_stays_in_the_url(app):
    app.query_params["kreis"] = "12073"
    app.run()
    assert not app.exception
    assert [h.value for h in app.subheader] == ["Landkreis Uckermark"]
    captions = " ".join(c.value for c in app.caption)
    population = int(boundaries.load_kreise().set_index("ags").loc["12073", "population"])
    assert "Brandenburg" in captions and "AGS 12073" in captions
    assert f"{population:,} Einwohner".replace(",", ".") in captions
    assert app.query_params["kreis"] == "12073"


def test_white_spot_panel_says_so(app, white_spot):
    app.query_params["kreis"] = white_spot["ags"]
    app.run()
    assert not app.exception
    assert [h.value for h in app.subheader] == [f"{white_spot['bez']} {white_spot['name']}"]
    assert any("weißer Fleck" in w.value for w in app.warning)
    assert any(m.value == "**Netzwerke in Nachbarkreisen**" for m in app.markdown)


@pytest.mark.parametrize("value", ["12O73", "<b>x</b>", "1207", "120730"])
def test_malformed_kreis_is_ignored_with_a_german_notice_and_dropped_from_the_url(app, value):
    app.query_params["kreis"] = value
    app.run()
    assert not app.exception
    assert any("kein gültiger Kreisschlüssel" in i.value for i in app.info)
    assert not app.subheader
    assert "kreis" not in app.query_params


def test_the_kreise_table_is_drawn_when_opened_with_every_kreis(app):
    app.run()
    assert not app.exception
    assert any(e.label == "Tabelle aller Kreise" for e in app.expander)
    assert not app.dataframe  # closed: the browser need not load the table code before the map
    app.session_state[map_panel.TABLE_OPEN] = True
    app.run()
    table = app.dataframe[0].value
    assert len(table) == 400 and {"AGS", "Kreis", "Netzwerke (zählend)"} <= set(table.columns)


@pytest.mark.parametrize(("land", "file"), [("12", "land/12.html"), (None, "deutschland.html")])
def test_einbetten_in_the_land_view_and_for_germany_gives_their_iframe_code(app, land, file):
    """Issue 26: the map page's "Einbetten" offers the Land view's embed (and Germany's without a Land)."""
    if land:
        app.query_params["land"] = land
    app.run()
    next(b for b in app.button if b.label == "Einbetten").click().run()
    assert not app.exception
    codes = [c.value for c in app.code]
    assert len(codes) == 1 and f'/app/static/embed/{file}" title="Netzwerke zur Fachkräftesicherung: ' in codes[0]
    assert ("Brandenburg" if land else "Deutschland") in codes[0]
