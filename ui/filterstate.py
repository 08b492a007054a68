"""The filters of the whole app: one state per session, shown by every page's sidebar, mirrored in the URL.

A widget on another page is another widget, and Streamlit drops a widget's key when its page is left, so
the sidebar came back as "Status: (leer)", "Jahr 1990" while the figures still used the defaults (issue
24). :class:`FilterState` holds the values under its own key; every page's widgets start from there and
write back to it, and the page's URL carries them (``?hf=aw&land=09``), so a shared link opens the same view.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date

import streamlit as st

from geo.figures import coverage
from geo.figures.coverage import Filters
from geo.maps import urlstate
from geo.maps.selection import MapSelection
from geo.maps.urlstate import FIRST_YEAR
from geo.records.model import HANDLUNGSFELDER, STATUSES
from geo.text.mdsafe import md
from ui import area_views, data, layout

#: Session keys: the chosen values, the view read from the URL, and the widgets that show the values.
VALUES, INITIAL_VIEW, URL_NOTICES = "filter_werte", "initial_view", "url_notices"
LAND, FIELD, STATUS, CRITERIA, WIDE, YEAR_ON, YEAR = (
    "f_land",
    "f_hf",
    "f_status",
    "f_criteria",
    "f_wide",
    "f_year_on",
    "f_year",
)
WIDGETS = (LAND, FIELD, STATUS, CRITERIA, WIDE, YEAR_ON, YEAR)
#: The URL parameters this state writes (a page keeps its others, e.g. ``netzwerk``).
URL_KEYS = ("land", "hf", "status", "kriterien", "landesweit", "jahr")
ALL_FIELDS = "alle"


class FilterState:
    """Read and change the session's filter choices held in ``state`` (Streamlit's session state or a dict)."""

    KEYS = (VALUES, INITIAL_VIEW, URL_NOTICES, *WIDGETS)

    def __init__(self, state: MutableMapping) -> None:
        self.state = state

    def start(self, view: urlstate.ViewState, this_year: int) -> None:
        """The first values of a session, from the view its first URL gave."""
        if VALUES in self.state:
            return
        f = view.filters
        self.state[VALUES] = {
            LAND: view.land or "",
            FIELD: f.handlungsfeld or ALL_FIELDS,
            STATUS: list(f.statuses),
            CRITERIA: f.criteria_only,
            WIDE: f.count_land_wide,
            YEAR_ON: f.as_of_year is not None,
            YEAR: f.as_of_year or this_year,
        }

    def to_widgets(self, keys: tuple[str, ...] = WIDGETS) -> None:
        """Put the values into the widgets' keys before the widgets are drawn."""
        for key in keys:
            value = self.state[VALUES][key]
            self.state[key] = list(value) if isinstance(value, list) else value

    def from_widget(self, key: str) -> None:
        """A widget changed: its value becomes the session's."""
        value = self.state[key]
        if key == STATUS and not value:  # none chosen means the defaults: the widget shows them
            value = list(Filters().statuses)
        self.state[VALUES] = {**self.state[VALUES], key: list(value) if isinstance(value, list) else value}

    @property
    def land(self) -> str | None:
        """The chosen Land's key, or None for Germany."""
        return self.state[VALUES][LAND] or None

    @property
    def filters(self) -> Filters:
        values = self.state[VALUES]
        field = values[FIELD]
        return coverage.chosen_filters(
            None if field == ALL_FIELDS else field,
            values[STATUS],
            values[CRITERIA],
            values[WIDE],
            int(values[YEAR]) if values[YEAR_ON] else None,
        )

    def url_params(self, current: dict[str, str], land: bool = True) -> dict[str, str]:
        """``current`` query parameters with this state's filters (and Land) in place of theirs."""
        kept = {k: v for k, v in current.items() if k not in URL_KEYS}
        view = urlstate.ViewState(filters=self.filters, land=self.land if land else None)
        return kept | urlstate.to_params(view)


def filter_state() -> FilterState:
    return FilterState(st.session_state)


def initial_view() -> urlstate.ViewState:
    """The view from the URL, read once per session (on whichever page it starts); notices shown once."""
    if INITIAL_VIEW not in st.session_state:
        view, notices = urlstate.parse(dict(st.query_params), set(data.kreis_codes()))
        st.session_state.update({INITIAL_VIEW: view, URL_NOTICES: notices})
        MapSelection(st.session_state).choose(view.kreis)
    for notice in st.session_state.get(URL_NOTICES, []):
        st.info(md(notice))  # notices quote the URL's text
    return st.session_state[INITIAL_VIEW]


def url_view() -> urlstate.ViewState:
    """The view the session's first URL gave (read by :func:`sidebar`, which shows its notices)."""
    return st.session_state[INITIAL_VIEW]


def sidebar(with_land: bool = True, write_url: bool = True) -> tuple[Filters, str | None]:
    """The sidebar's Land choice (near the top) and filters, drawn from the session's state.

    Returns the filters and the chosen Land (None for Germany, and always None ``with_land=False``: a page
    that cannot show a Land does not offer it). ``write_url`` puts the choices into the page's URL.
    """
    filters, land = chosen(with_land)
    draw(with_land)
    if write_url:
        wanted = filter_state().url_params(dict(st.query_params), land=with_land)
        if wanted != dict(st.query_params):
            st.query_params.from_dict(wanted)
    return filters, land


def chosen(with_land: bool = True) -> tuple[Filters, str | None]:
    """The session's filters and Land before any filter widget is drawn (shows the URL's notices once).

    The widgets only write into the session's state (their callbacks run before the script), so a page may
    draw them after its main content with :func:`draw`: the start page sends its map first.
    """
    state = filter_state()
    state.start(initial_view(), date.today().year)
    return state.filters, state.land if with_land else None


def draw(with_land: bool = True) -> None:
    """The Land choice in the sidebar's top slot and the filters below the pages, showing the state's values."""
    state = filter_state()
    shown = WIDGETS if with_land else WIDGETS[1:]
    state.to_widgets(shown)
    keep = {"on_change": state.from_widget}
    if with_land:
        with layout.sidebar_top():
            _land_widget(keep)
    with st.sidebar:
        st.header("Filter")
        st.selectbox(
            "Handlungsfeld",
            [ALL_FIELDS, *HANDLUNGSFELDER],
            key=FIELD,
            placeholder="Handlungsfeld wählen",
            args=(FIELD,),
            **keep,
        )
        st.multiselect(  # not st.pills: its selected red on pink fails WCAG 1.4.3 contrast (axe)
            "Status",
            list(STATUSES),
            key=STATUS,
            placeholder="Status wählen",
            help="Ohne Auswahl gelten die Standardwerte (aktiv und unklar).",
            args=(STATUS,),
            **keep,
        )
        st.toggle("Nur Netzwerke, die alle Kriterien erfüllen", key=CRITERIA, args=(CRITERIA,), **keep)
        st.toggle(
            "Landes- und bundesweite Netzwerke zählen als Abdeckung",
            key=WIDE,
            help="Standard: Nur regionale Netzwerke füllen einen weißen Fleck.",
            args=(WIDE,),
            **keep,
        )
        st.toggle("Stand eines früheren Jahres", key=YEAR_ON, args=(YEAR_ON,), **keep)
        st.slider(
            "Jahr",
            FIRST_YEAR,
            date.today().year,
            key=YEAR,
            disabled=not state.state[VALUES][YEAR_ON],
            args=(YEAR,),
            **keep,
        )


def _land_widget(keep: dict) -> None:
    names = area_views.land_names()
    st.selectbox(
        "Land",
        ["", *names],
        key=LAND,
        format_func=lambda code: names.get(code, "Deutschland (alle Länder)"),
        placeholder="Land wählen",
        help="Karte, weiße Flecken, Netzwerke, Statistik und ihre Downloads zeigen nur dieses Land.",
        args=(LAND,),
        **keep,
    )
