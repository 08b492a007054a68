"""Page "Karte": coverage choropleth, click or search a Kreis, filters, key figures, shareable URL."""

import pandas as pd
import streamlit as st

from geo.figures.coverage import Filters
from geo.handouts import feeds, opendata
from geo.maps import mapview, urlstate
from geo.maps.mapfocus import focus_on
from ui import area_views, cards, data, filterstate, map_panel
from ui import embed as embed_ui

#: The map's height: at 1366 × 768 the title, the data notice, the map and its legend fit on the first screen.
MAP_HEIGHT = 350


@st.fragment
def map_and_panel(version: str, filters: Filters, land: str | None, cov: pd.DataFrame, counting: pd.DataFrame) -> None:
    """Map with legend on the left; search, key figures and the Kreis panel on the right.

    A click on the map, a search or a chosen white spot reruns only this, not the whole page. Filters and
    Land are outside: changing them reruns the page, which calls this anew with their values.
    """
    map_panel.take_map_click("karte")
    map_col, panel_col = st.columns([3, 2], gap="medium")
    with panel_col:
        map_panel.search_box()  # before the map: a search's zoom reaches the map in the same run
        if data.data_version() != version:  # changed since the page ran (an editor, another process)
            st.rerun()  # the whole page with the new data; the click or search is already in the session
    selected = map_panel.selection().kreis
    st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(kreis=selected, filters=filters, land=land)))
    shown = cov[cov["land_ags"] == land] if land else cov
    where = area_views.land_names()[land] if land else "Deutschland"
    # The map leaves the server before the panel: on a first visit the browser starts its frame, the
    # component's script and Leaflet while it still draws the panel (columns keep their places on screen).
    with map_col:
        layer = map_panel.map_layer(version, filters)
        focus = focus_on(layer, map_panel.selection().pop_zoom())
        outline = map_panel.selection().outline_from_server((version, filters, land))
        map_panel.show_map(
            map_panel.rendered_map(version, filters, land),
            key="karte",
            returned_objects=mapview.RETURNED_OBJECTS,
            height=MAP_HEIGHT,
            feature_group=mapview.selection_layer(layer, outline) if outline else None,
            center=focus.center if focus else None,
            zoom=focus.zoom if focus else None,
        )
        with st.container(key="legende"):
            map_panel.legend()
        map_panel.map_summary(shown, area=where)  # the Land view: the Land's figures, not Germany's
    with panel_col:
        area_views.key_figures(land, version, filters, compact=True)  # one count (geo.figures.areas)
        with st.container(key="kreis_panel"):
            map_panel.announce(selected, cov)
            if selected:
                map_panel.kreis_panel(selected, cov, counting)
                map_panel.bring_into_view(selected)
            else:
                map_panel.default_panel(shown, where)
        area_views.report_button(selected or land or "DE", version, filters)
        if land and (opendata.OPEN_DIR / feeds.file_name(land)).exists():  # the Land's feed, once published
            st.markdown(f"[Änderungen in {where} abonnieren (Atom)]({opendata.URL_PREFIX}{feeds.file_name(land)})")
        embed_ui.embed_button(selected or land or "DE")  # the Kreis, else the Land view, else Germany


st.title("Netzwerke zur Fachkräftesicherung")
cards.data_notice()

filters, land = filterstate.chosen()  # the map writes its URL itself, with the Kreis
version = data.data_version()
embed_ui.keep_current(version)
cov = data.coverage_table(version, filters)
counting = data.counting_networks(version, filters)
map_and_panel(version, filters, land, cov, counting)
# The filter widgets leave the server after the map (their places in the sidebar are fixed): on a first visit
# the browser starts the map's frame before it loads and draws the sidebar's widgets.
filterstate.draw()
map_panel.coverage_table(cov[cov["land_ags"] == land] if land else cov)
cards.attribution_footer()
