"""Page "Karte": coverage choropleth, click or search a Kreis, filters, key figures, shareable URL."""

import pandas as pd
import streamlit as st

from geo.figures.coverage import Filters
from geo.maps import mapview, urlstate
from geo.maps.mapfocus import focus_on
from ui import area_views, cards, data, filterstate, map_panel


@st.fragment
def map_and_panel(version: str, filters: Filters, land: str | None, cov: pd.DataFrame, counting: pd.DataFrame) -> None:
    """Map, Kreis panel and report button: a click on the map reruns only this, not the whole page.

    Filters, Land and search are outside: changing them reruns the page, which calls this anew with
    their values (a click's rerun reuses the last ones).
    """
    map_panel.take_map_click("karte")
    selected = map_panel.selection().kreis
    st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(kreis=selected, filters=filters, land=land)))
    map_col, panel_col = st.columns([3, 2], gap="medium")
    with map_col:
        map_panel.map_summary(cov)
        layer = map_panel.map_layer(version, filters)
        focus = focus_on(layer, map_panel.selection().pop_zoom())
        outline = map_panel.selection().outline_from_server((version, filters, land))
        map_panel.show_map(
            map_panel.rendered_map(version, filters, land),
            key="karte",
            returned_objects=mapview.RETURNED_OBJECTS,
            height=640,
            feature_group=mapview.selection_layer(layer, outline) if outline else None,
            center=focus.center if focus else None,
            zoom=focus.zoom if focus else None,
        )
        map_panel.legend()
    with panel_col:
        map_panel.announce(selected, cov)
        if selected:
            map_panel.kreis_panel(selected, cov, counting)
        else:
            st.info("Klicken Sie auf einen Kreis oder suchen Sie nach Kreis, Ort, PLZ oder AGS.")
        area_views.report_button(selected or land or "DE", version, filters)


st.title("Netzwerke zur Fachkräftesicherung")
cards.data_notice()

view = filterstate.initial_view()  # once: it shows the URL's notices
filters = filterstate.filter_sidebar(view.filters)
land = area_views.land_choice(view.land)  # Land view (issue 18)
version = data.data_version()
cov = data.coverage_table(version, filters)
counting = data.counting_networks(version, filters)
area_views.key_figures(land, version, filters)  # Germany or the Land: one count (geo.figures.areas)

map_panel.search_box()
map_and_panel(version, filters, land, cov, counting)
map_panel.coverage_table(cov[cov["land_ags"] == land] if land else cov)
cards.attribution_footer()
