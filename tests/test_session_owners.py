"""Session keys have owners (issue 23): the filter state, the registry in ui.session, logout by owner."""

from __future__ import annotations

import re
from pathlib import Path

from geo.figures.coverage import Filters
from geo.maps.urlstate import ViewState
from geo.storage import auth
from tests.conftest import dashboard
from ui import filterstate, session
from ui.filterstate import FilterState

ROOT = Path(__file__).resolve().parent.parent
OLDER = "Integration Älterer in das Erwerbsleben"

#: Literal session keys as the code reads or writes them: ``st.session_state["x"]``, ``.get("x")``, …
LITERAL_KEY = re.compile(
    r"session_state(?:\[\s*f?[\"'](\w+)|\.(?:get|pop|setdefault)\(\s*f?[\"'](\w+)|\.update\(\s*(\w+)=|\.update\(\{\s*[\"'](\w+))"
)


def started(view: ViewState | None = None) -> tuple[FilterState, dict]:
    state: dict = {}
    owner = FilterState(state)
    owner.start(view or ViewState(), this_year=2026)
    return owner, state


def test_the_filter_state_starts_from_the_url_and_puts_its_values_into_every_pages_widgets():
    owner, state = started(ViewState(filters=Filters(handlungsfeld=OLDER, as_of_year=2015), land="09"))
    owner.to_widgets()
    assert state[filterstate.FIELD] == OLDER and state[filterstate.LAND] == "09"
    assert state[filterstate.YEAR_ON] is True and state[filterstate.YEAR] == 2015
    assert state[filterstate.STATUS] == list(Filters().statuses)  # shown as they apply, never empty
    owner.start(ViewState(land="12"), this_year=2026)  # a later page's URL does not reset the session's choice
    assert owner.land == "09"


def test_a_widgets_change_is_kept_after_streamlit_dropped_the_widget():
    owner, state = started()
    state[filterstate.FIELD] = OLDER
    owner.from_widget(filterstate.FIELD)
    for key in filterstate.WIDGETS:  # another page: Streamlit forgets the widgets' keys
        state.pop(key, None)
    owner.to_widgets()
    assert state[filterstate.FIELD] == OLDER
    assert owner.filters.handlungsfeld == OLDER


def test_an_emptied_status_choice_shows_the_defaults_it_means():
    owner, state = started()
    state[filterstate.STATUS] = []
    owner.from_widget(filterstate.STATUS)
    owner.to_widgets()
    assert state[filterstate.STATUS] == list(Filters().statuses)
    assert owner.filters.statuses == Filters().statuses


def test_the_url_carries_the_filters_and_keeps_the_pages_own_parameters():
    owner, state = started(ViewState(land="09"))
    state[filterstate.FIELD] = OLDER
    owner.from_widget(filterstate.FIELD)
    params = owner.url_params({"netzwerk": "n1", "hf": "aw", "jahr": "2001"})
    assert params == {"netzwerk": "n1", "hf": "aeltere", "land": "09"}
    assert "land" not in owner.url_params({}, land=False)


def test_every_session_key_in_the_ui_has_exactly_one_owner():
    files = [*ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]
    used = {key for f in files for match in LITERAL_KEY.finditer(f.read_text()) for key in match.groups() if key}
    assert used, "the pattern must find the literal keys"
    assert {key for key in used if session.owner_of(key) is None} == set()
    keys = [key for owner in session.OWNERS for key in owner.keys]
    assert len(keys) == len(set(keys))


def test_logout_clears_every_editor_owner_and_keeps_the_visitors_view():
    app = dashboard(default_timeout=240)  # logging out reruns into the map page: two runs in one
    app.secrets["editors"] = {"anna": auth.hash_password("geheim-genug")}
    app.session_state["editor"] = "anna"
    app.run()
    assert not app.exception
    editor_keys = [key for owner in session.OWNERS if owner.editor for key in owner.keys]
    for key in editor_keys:
        if key != "editor":
            app.session_state[key] = "übrig"
    app.switch_page("pages/abmelden.py").run()
    assert not app.exception
    left = [key for key in editor_keys if key in app.session_state]
    assert left == []
    assert filterstate.VALUES in app.session_state  # the visitor's filters stay
