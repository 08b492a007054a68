"""Page "Karte": coverage choropleth, click or search a Kreis, filters, key figures, shareable URL."""

import streamlit as st
from streamlit_folium import st_folium

from geo import mapview, urlstate
from geo.mapfocus import focus_on
from pages import common, gebiete, kartenpanel

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
kartenpanel.take_map_click("karte")
selected = st.session_state.get("selected")
st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(kreis=selected, filters=filters, land=land)))

map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    kartenpanel.map_summary(cov)
    layer = kartenpanel.map_layer(version, filters)
    zoom_to = st.session_state.pop("zoom_to", None)
    focus = focus_on(layer, zoom_to)
    outline = kartenpanel.outline_from_server(selected, (version, filters, land))
    st_folium(
        gebiete.map_extras(kartenpanel.base_map(version, filters), version, filters, land),
        key="karte",
        height=640,
        use_container_width=True,
        returned_objects=mapview.RETURNED_OBJECTS,
        render=False,  # the map is fresh and st_folium renders it anyway: rendering twice costs 40 ms
        feature_group_to_add=mapview.selection_layer(layer, outline) if outline else None,
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

kartenpanel.coverage_table(cov[cov["land_ags"] == land] if land else cov)
gebiete.report_button(selected or land or "DE", version, filters)
common.attribution_footer()
