"""Database outages (issue 25, point 7): every page says "Datenbank nicht erreichbar" in German, loses no
input and works again by itself once the database is back (AppTest)."""

import pytest
import sqlalchemy as sa
import streamlit as st

from geo.publicreports import reports
from geo.storage import auth, migrate, store
from tests.conftest import dashboard

pytestmark = pytest.mark.slow  # AppTest

PASSWORD = "richtig-geheim"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
PAGES = [  # "Kreise", "Geografie", "Methodik" show no network data and need no database
    "pages/karte.py",
    "pages/weisse_flecken.py",
    "pages/netzwerke.py",
    "pages/statistik.py",
    "pages/vergleich.py",
    "pages/handlungsfelder.py",
    "pages/bericht.py",
    "pages/melden.py",
    "pages/daten.py",
    "pages/meldungen.py",
]


@pytest.fixture
def database_down(monkeypatch, tmp_path, fresh_caches):
    """A database of this test's own that can be "stopped": every statement then fails as a lost server does."""
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "outage.sqlite3"))
    monkeypatch.setenv("NETZWERKATLAS_REPORT_MIN_SECONDS", "0")
    state = {"down": False}

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        if state["down"]:
            raise sa.exc.OperationalError(statement, parameters, ConnectionError("server closed the connection"))

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", before_execute)
    yield state
    sa.event.remove(sa.engine.Engine, "before_cursor_execute", before_execute)


def editor_app():
    app = dashboard()
    app.secrets["editors"] = {"anna": auth.hash_password(PASSWORD)}
    app.session_state["editor"] = "anna"  # signed in before the outage (the login itself needs the database)
    return app


def outage_shown(app) -> bool:
    return any("Datenbank nicht erreichbar" in e.value for e in app.error)


def english_or_generic(app) -> list[str]:
    """What Streamlit's own error box would show: an exception element, or a raw driver message."""
    found = [str(e.value) for e in app.exception]
    found += [e.value for e in app.error if "OperationalError" in e.value or "connection" in e.value.lower()]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_german_outage_state_with_an_unreachable_database(monkeypatch, fresh_caches, page):
    monkeypatch.setenv("DATABASE_URL", UNREACHABLE)
    app = editor_app()
    app.query_params["kreis"] = "12070"  # Karte with a Kreis selected (was KeyError 'scope')
    app.run()
    app.switch_page(page).run()
    assert english_or_generic(app) == []
    assert outage_shown(app), [e.value for e in app.error]


def test_a_report_sent_during_an_outage_keeps_its_input_and_goes_through_once_the_database_is_back(database_down):
    app = dashboard()
    app.run()
    app.switch_page("pages/melden.py").run()
    values = {
        "melden_name": "Bündnis während der Störung",
        "melden_partner": "IHK; HWK; Jobcenter",
        "melden_region": "Landkreis Prignitz",
        "melden_person_name": "Erika Muster",
        "melden_person_email": "erika@example.org",
    }
    for key, value in values.items():
        (app.text_area(key=key) if key == "melden_partner" else app.text_input(key=key)).input(value)
    app.checkbox(key="melden_einwilligung").check()
    app.run()
    send = next(b for b in app.button if b.label == "Meldung senden")

    database_down["down"] = True
    send.click().run()
    assert english_or_generic(app) == []
    assert outage_shown(app) and not app.success
    for key, value in values.items():  # nothing lost: the form still holds every field
        assert app.session_state[key] == value

    database_down["down"] = False  # the server is back: the same form goes through, nothing restarted
    next(b for b in app.button if b.label == "Meldung senden").click().run()
    assert any("Ihre Meldung R-" in s.value for s in app.success), [e.value for e in app.error]
    engine = store.make_engine()
    migrate.upgrade(engine)
    assert [r["fields"]["name"] for r in reports.list_reports(engine)] == ["Bündnis während der Störung"]


@pytest.mark.parametrize("page", ["pages/meldungen.py", "pages/daten.py", "pages/karte.py"])
def test_editors_pages_show_the_outage_and_recover_by_themselves(database_down, page):
    app = editor_app()
    app.query_params["kreis"] = "12070"
    app.run()
    app.switch_page(page).run()
    assert not app.exception and not outage_shown(app)
    database_down["down"] = True
    st.cache_data.clear()  # another process changed the data: this rerun must read the database
    app.run()
    assert english_or_generic(app) == []
    assert outage_shown(app)
    database_down["down"] = False
    app.run()
    assert not app.exception and not outage_shown(app)
