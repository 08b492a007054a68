"""Data management: closed to anonymous users, usable by a logged-in editor (AppTest)."""

import pytest
from streamlit.testing.v1 import AppTest

from geo import auth, paths, store
from geo.databuild import demo
from geo.tablefile import read_table

PASSWORD = "richtig-geheim"


@pytest.fixture(scope="module")
def editors():
    return {"anna": auth.hash_password(PASSWORD)}


def test_anonymous_users_get_no_editing_page_and_cannot_write(editors):
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
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


def login(editors, password=PASSWORD):
    app = AppTest.from_file("../dashboard.py", default_timeout=60)
    app.secrets["editors"] = editors
    app.run()
    app.switch_page("pages/anmelden.py").run()
    app.text_input[0].set_value("anna")
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
