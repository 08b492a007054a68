"""Page "Karte": coverage choropleth, click or search a Kreis, filters, key figures, shareable URL."""

import pandas as pd
import streamlit as st

from geo import mapview, urlstate
from geo.coverage import Filters
from geo.mapfocus import focus_on
from pages import common, gebiete, kartenpanel


@st.fragment
def map_and_panel(version: str, filters: Filters, land: str | None, cov: pd.DataFrame, counting: pd.DataFrame) -> None:
    """Map, Kreis panel and report button: a click on the map reruns only this, not the whole page.

    Filters, Land and search are outside: changing them reruns the page, which calls this anew with
    their values (a click's rerun reuses the last ones).
    """
    kartenpanel.take_map_click("karte")
    selected = st.session_state.get("selected")
    st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(kreis=selected, filters=filters, land=land)))
    map_col, panel_col = st.columns([3, 2], gap="medium")
    with map_col:
        kartenpanel.map_summary(cov)
        layer = kartenpanel.map_layer(version, filters)
        focus = focus_on(layer, st.session_state.pop("zoom_to", None))
        outline = kartenpanel.outline_from_server(selected, (version, filters, land))
        kartenpanel.show_map(
            kartenpanel.rendered_map(version, filters, land),
            key="karte",
            returned_objects=mapview.RETURNED_OBJECTS,
            height=640,
            feature_group=mapview.selection_layer(layer, outline) if outline else None,
            center=focus.center if focus else None,
            zoom=focus.zoom if focus else None,
        )
        kartenpanel.legend()
    with panel_col:
        kartenpanel.announce(selected, cov)
        if selected:
            kartenpanel.kreis_panel(selected, cov, counting)
        else:
            st.info("Klicken Sie auf einen Kreis oder suchen Sie nach Kreis, Ort, PLZ oder AGS.")
        gebiete.report_button(selected or land or "DE", version, filters)


st.title("Netzwerke zur Fachkräftesicherung")
common.data_notice()

view = common.initial_view()  # once: it shows the URL's notices
filters = common.filter_sidebar(view.filters)
land = gebiete.land_choice(view.land)  # Land view (issue 18)
version = common.data_version()
cov = common.coverage_table(version, filters)
counting = common.counting_networks(version, filters)
gebiete.key_figures(land, version, filters)  # Germany or the Land: one count (geo.areas)

kartenpanel.search_box()
map_and_panel(version, filters, land, cov, counting)
kartenpanel.coverage_table(cov[cov["land_ags"] == land] if land else cov)
common.attribution_footer()
