"""Data management: closed to anonymous users, usable by a logged-in editor (AppTest)."""

import sqlite3

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.databuild import demo
from geo.intake.networks import read_networks
from geo.intake.tablefile import read_table
from geo.records import recordform
from geo.regions import paths
from geo.storage import auth, migrate, store
from tests.conftest import dashboard

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow

PASSWORD = "richtig-geheim"


@pytest.fixture(scope="module")
def editors():
    return {"anna": auth.hash_password(PASSWORD)}


def test_anonymous_users_get_no_editing_page_and_cannot_write(editors):
    app = dashboard()
    app.secrets["editors"] = editors
    app.run()
    assert not app.exception
    version = store.data_version(store.make_engine())
    # Opening the page script directly, as a crafted request would, stops before any write.
    direct = AppTest.from_file("../pages/daten.py", default_timeout=60)
    direct.secrets["editors"] = editors
    direct.session_state["editor"] = "mallory"  # not a configured account
    direct.session_state["import"] = {"digest": "x", "table": read_table(paths.data_file(demo.OUTPUT))}
    direct.run()
    assert any("Nur für angemeldete" in e.value for e in direct.error)
    assert not direct.button
    assert store.data_version(store.make_engine()) == version


def login(editors, password=PASSWORD, user="anna"):
    app = dashboard()
    app.secrets["editors"] = editors
    app.run()
    app.switch_page("pages/anmelden.py").run()
    app.text_input[0].set_value(user)
    app.text_input[1].set_value(password)
    app.button[0].click().run()
    return app


def test_wrong_password_is_refused(editors):
    app = login(editors, password="falsch")
    assert any("falsch" in e.value for e in app.error)
    assert "editor" not in app.session_state


def test_editor_imports_demo_file_and_fixes_broken_rows_through_suggestions(editors):
    app = login(editors)
    assert app.session_state["editor"] == "anna"
    app.switch_page("pages/daten.py").run()
    assert not app.exception
    app.session_state["import"] = {"digest": "demo", "table": read_table(paths.data_file(demo.OUTPUT))}
    app.run()
    summary = next(m.value for m in app.markdown if "gültige Zeilen" in m.value)
    assert f"{len(demo.BROKEN)} mit Fehlern" in summary
    # The ambiguous "München" row offers both candidates; take the Landkreis.
    fix = next(s for s in app.selectbox if s.key and s.key.startswith("fix_121_"))
    assert fix.options == ["Kreisfreie Stadt München (09162)", "Landkreis München (09184)"]
    fix.set_value("09184").run()
    next(b for b in app.button if b.key and b.key.startswith("apply_121_")).click().run()
    summary = next(m.value for m in app.markdown if "gültige Zeilen" in m.value)
    assert f"{len(demo.BROKEN) - 1} mit Fehlern" in summary
    before = len(store.history(store.make_engine()))
    next(b for b in app.button if b.label.startswith("Import übernehmen")).click().run()
    assert any("Übernommen" in s.value for s in app.success)
    assert len(store.history(store.make_engine())) > before
    trail = store.history(store.make_engine())
    assert (trail["editor"] == "anna").any()


@pytest.fixture
def own_database(monkeypatch, tmp_path):
    """A database of this test's own (the shared test database stays untouched), with fresh app caches."""
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "save.sqlite3"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def database_switch():
    """Makes every SQLite connection of this process read-only (``query_only``) while ``read_only`` is True.

    Applied at each pool checkout, so it reaches the engine the app caches without needing a handle on it.
    """
    state = {"read_only": False}

    def on_checkout(dbapi_connection, _record, _proxy):
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA query_only = {'ON' if state['read_only'] else 'OFF'}")

    sa.event.listen(sa.pool.Pool, "checkout", on_checkout)
    yield state
    sa.event.remove(sa.pool.Pool, "checkout", on_checkout)


def test_a_failing_save_on_the_data_page_says_so_and_loses_nothing(editors, own_database, database_switch):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    engine = store.make_engine()  # the same database file as the page's own engine
    stored = store.load_networks(engine).iloc[0]
    app.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()
    shown = {w.label for kind in ("text_input", "text_area", "selectbox", "multiselect") for w in getattr(app, kind)}
    assert {w.label for w in recordform.widgets(stored.to_dict())} <= shown  # the form follows the record model
    next(t for t in app.text_input if t.label == "Name").set_value("Neuer Name nach Fusion")
    before = (store.data_version(engine), len(store.history(engine)))

    database_switch["read_only"] = True
    next(b for b in app.button if b.label == "Speichern").click().run()
    database_switch["read_only"] = False
    assert not app.exception
    assert any("Speichern fehlgeschlagen, nichts wurde geändert" in e.value for e in app.error)
    assert not app.success
    assert (store.data_version(engine), len(store.history(engine))) == before
    assert store.load_networks(engine).set_index("id").loc[stored["id"], "name"] == stored["name"]

    # The form still holds the edit: saving again once the database is back stores it.
    assert next(t for t in app.text_input if t.label == "Name").value == "Neuer Name nach Fusion"
    next(b for b in app.button if b.label == "Speichern").click().run()
    assert any("Gespeichert" in s.value for s in app.success)
    assert store.load_networks(engine).set_index("id").loc[stored["id"], "name"] == "Neuer Name nach Fusion"


def test_a_failing_import_keeps_the_preview_for_a_retry(editors, own_database, database_switch, tmp_path):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    engine = store.make_engine()
    upload = tmp_path / "neu.csv"
    upload.write_text("ID;Name;Region\nNEU-1;Bündnis Fachkräfte Barnim;Barnim\n", encoding="utf-8")
    app.session_state["import"] = {"digest": "neu", "table": read_table(upload)}
    app.run()
    count = len(store.load_networks(engine))

    database_switch["read_only"] = True
    next(b for b in app.button if b.label.startswith("Import übernehmen")).click().run()
    database_switch["read_only"] = False
    assert any("Import abgebrochen, nichts wurde geändert" in e.value for e in app.error)
    assert len(store.load_networks(engine)) == count
    assert any("gültige Zeilen" in m.value for m in app.markdown)  # the checked upload is still there

    next(b for b in app.button if b.label.startswith("Import übernehmen")).click().run()
    assert any("Übernommen: 1 neu" in s.value for s in app.success)
    assert "NEU-1" in set(store.load_networks(engine)["id"])


@pytest.mark.hostile
def test_a_region_naming_the_same_unknown_place_twice_gets_one_working_preview(editors, own_database, tmp_path):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    upload = tmp_path / "doppelt.csv"
    upload.write_text("Name;Region\nNetzwerk X;Uckermarkxyz, Uckermarkxyz\nNetzwerk Y;Barnim\n", encoding="utf-8")
    app.session_state["import"] = {"digest": "doppelt", "table": read_table(upload)}
    app.run()
    assert not app.exception
    assert any("1 gültige Zeilen" in m.value for m in app.markdown)
    assert len([s for s in app.selectbox if s.key and s.key.startswith("fix_")]) == 1
    # Away and back: the preview is still there and still works.
    app.switch_page("pages/karte.py").run()
    app.switch_page("pages/daten.py").run()
    assert not app.exception
    next(b for b in app.button if b.key and b.key.startswith("apply_")).click().run()
    assert not app.exception
    assert any("2 gültige Zeilen" in m.value for m in app.markdown)


def test_a_preview_that_fails_to_draw_is_dropped_not_kept(editors, own_database, tmp_path, monkeypatch):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    upload = tmp_path / "a.csv"
    upload.write_text("Name;Region\nNetzwerk X;Barnim\n", encoding="utf-8")
    app.session_state["import"] = {"digest": "a", "table": read_table(upload)}
    monkeypatch.setattr("ui.record_import.find_duplicates", _broken)
    app.run()
    assert not app.exception
    assert any("Vorschau" in e.value and "erneut hochladen" in e.value for e in app.error)
    assert "import" not in app.session_state
    monkeypatch.undo()
    app.switch_page("pages/karte.py").run()
    app.switch_page("pages/daten.py").run()
    assert not app.exception and not app.error


def _broken(*_args, **_kwargs):
    raise RuntimeError("kaputt")


def _name_field(app):
    return next(t for t in app.text_input if t.label == "Name")


def _text_field(app, label):
    return next(t for t in app.text_input if t.label == label)


def _save(app):
    next(b for b in app.button if b.label == "Speichern").click().run()


def test_a_stale_save_is_refused_naming_who_changed_what_and_keeps_the_input(editors, own_database):
    team = {**editors, "ben": auth.hash_password(PASSWORD)}
    anna = login(team)
    anna.switch_page("pages/daten.py").run()
    engine = store.make_engine()
    stored = store.load_networks(engine).iloc[0]
    anna.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()  # Anna opens the form first ...
    ben = login(team, user="ben")
    ben.switch_page("pages/daten.py").run()
    ben.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()
    _name_field(ben).set_value("Bens Name")
    _text_field(ben, "Ort").set_value("Bensdorf")
    _save(ben)  # ... Ben saves before her
    assert any("Gespeichert" in s.value for s in ben.success)

    _name_field(anna).set_value("Annas Name")
    _text_field(anna, "Website").set_value("https://anna.example.de")
    _save(anna)
    assert not anna.success
    message = " ".join(e.value for e in anna.error).replace("\\", "")  # shown with Markdown escapes
    assert "inzwischen geändert" in message and "ben am" in message and "Name" in message and "Ort" in message
    assert store.load_networks(engine).set_index("id").loc[stored["id"], "name"] == "Bens Name"
    assert _name_field(anna).value == "Annas Name"  # her input is still there for a retry
    assert _text_field(anna, "Ort").value == stored["ort"]  # the form still shows the Ort she opened
    _save(anna)  # having read the message, she saves again on purpose: her fields onto Ben's version
    saved = " ".join(s.value for s in anna.success)
    assert "Von beiden geändert, Ihr Wert gilt: Name" in saved
    after = store.load_networks(engine).set_index("id").loc[stored["id"]]
    assert after["name"] == "Annas Name"  # both changed it: hers, as the message says
    assert after["website"] == "https://anna.example.de"  # only she changed it
    assert after["ort"] == "Bensdorf"  # only Ben changed it: kept, though her form still showed the old Ort
    anna.run()
    assert _text_field(anna, "Ort").value == "Bensdorf"  # the form opens the saved record afresh


def test_an_import_update_after_a_concurrent_edit_is_refused(editors, own_database, tmp_path):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    engine = store.make_engine()
    stored = store.load_networks(engine).set_index("id", drop=False).loc["DEMO-0002"].to_dict()
    upload = tmp_path / "update.csv"
    upload.write_text(f"ID;Name;Region\nDEMO-0002;Import-Name;{stored['region']}\n", encoding="utf-8")
    app.session_state["import"] = {"digest": "update", "table": read_table(upload)}
    app.run()
    assert app.data_editor[0].value["Aktion"].tolist() == ["Aktualisieren"]  # the preview, as the editor saw it
    store.update_network(engine, {**stored, "name": "Kollegin war schneller"}, int(stored["version"]), "ben")

    next(b for b in app.button if b.label.startswith("Import übernehmen")).click().run()
    assert not app.success
    assert any("Import abgebrochen" in e.value and "ben am" in e.value and "Name" in e.value for e in app.error)
    assert store.load_networks(engine).set_index("id").loc["DEMO-0002", "name"] == "Kollegin war schneller"


@pytest.mark.hostile
def test_a_name_locked_by_strangers_opens_for_its_owner_with_the_recovery_code(editors, own_database):
    migrate.upgrade(store.make_engine())
    guard = auth.LoginGuard(store.make_engine())
    for i in range(auth.MAX_FAILURES):  # someone else tried anna's name from elsewhere
        guard.login(editors, "anna", "geraten", client=f"203.0.113.{i}")
    app = login(editors)
    assert "editor" not in app.session_state
    assert any("vorübergehend gesperrt" in e.value for e in app.error)

    app.secrets["recovery"] = {"anna": auth.hash_password("ABCDE-FGHIJ")}
    next(t for t in app.text_input if t.label == "Wiederherstellungscode").set_value("ABCDE-FGHIJ")
    app.button[0].click().run()
    assert app.session_state["editor"] == "anna"


def test_opening_a_record_again_shows_the_newest_version(editors, own_database):
    anna = login(editors)
    anna.switch_page("pages/daten.py").run()
    engine = store.make_engine()
    stored = store.load_networks(engine).set_index("id", drop=False).iloc[0].to_dict()
    anna.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()
    store.update_network(engine, {**stored, "name": "Neu von Ben"}, int(stored["version"]), "ben")
    anna.switch_page("pages/karte.py").run()
    anna.switch_page("pages/daten.py").run()
    anna.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()
    assert _name_field(anna).value == "Neu von Ben"
    _name_field(anna).set_value("Neu von Anna")
    _save(anna)
    assert any("Gespeichert" in s.value for s in anna.success)


def test_the_demo_banner_follows_the_data(own_database, tmp_path):
    app = dashboard()
    app.run()
    assert any("Alle angezeigten Netzwerke sind **fiktiv**" in w.value for w in app.warning)
    real = tmp_path / "echt.csv"
    real.write_text("Name;Region\nEchtes Netzwerk;Barnim\n", encoding="utf-8")
    store.add_networks(store.make_engine(), read_networks(real).records, editor="anna")
    app.run()
    assert not any("Alle angezeigten" in w.value for w in app.warning)
    assert any(" von " in w.value and "**fiktive** Demo-Daten" in w.value for w in app.warning)


def test_import_preview_says_how_each_region_text_was_read(editors, own_database, tmp_path):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    upload = tmp_path / "lesart.csv"
    upload.write_text(
        "ID;Name;Region\n"
        "L-1;Allianz Münsterland;Münsterland: Borken, Coesfeld, Münster\n"
        "L-2;Bündnis Nordost;Landkreise Uckermark, Barnim und Oberhavel\n"
        "L-3;Netzwerk Barnim;Landkreis Barnim\n",
        encoding="utf-8",
    )
    app.session_state["import"] = {"digest": "lesart", "table": read_table(upload)}
    app.run()
    assert not app.exception
    preview = next(e for e in app.dataframe if "Gelesen als" in e.value.columns).value
    readings = dict(zip(preview["Name"], preview["Gelesen als"], strict=True))
    assert "Münster aus dem Zusammenhang: Nordrhein-Westfalen" in readings["Allianz Münsterland"]
    assert "Typwort 'Landkreise' auf 3 Einträge angewandt" in readings["Bündnis Nordost"]
    assert readings["Netzwerk Barnim"] == ""


def test_the_data_page_reads_the_networks_once_per_run_for_all_tabs(editors, monkeypatch):
    app = login(editors)
    app.switch_page("pages/daten.py").run()
    real = store.load_networks
    calls = []
    monkeypatch.setattr(store, "load_networks", lambda engine: calls.append(1) or real(engine))
    app.session_state["import"] = {"digest": "demo", "table": read_table(paths.data_file(demo.OUTPUT))}
    app.selectbox(key="bearbeiten_id").set_value(real(store.make_engine()).iloc[0]["id"])
    app.run()  # import preview with duplicates, edit form, history and export all drawn in this run
    assert not app.exception
    assert any("gültige Zeilen" in m.value for m in app.markdown) and any(t.label == "Name" for t in app.text_input)
    assert len(calls) == 1
