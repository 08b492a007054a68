"""Page "Handlungsfelder": the four Handlungsfelder at a glance, one small map each, for Germany or a Land.

Same classes and legend as the main map; each map's link opens the main map filtered to its field.
"""

from urllib.parse import urlencode

import streamlit as st

from geo.figures import areas
from geo.maps import staticmap, urlstate
from geo.text import germanfmt as fmt
from ui import area_views, common, map_panel

st.title("Handlungsfelder im Überblick")
common.data_notice()
view = common.initial_view()
filters = common.filter_sidebar(view.filters)
land = area_views.land_choice(view.land)
version = common.data_version()
st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(filters=filters, land=land)))
where = area_views.land_names()[land] if land else "Deutschland"
st.caption(
    f"{where}: je Handlungsfeld die Zahl der regionalen Netzwerke je Kreis (gleiche Klassen wie die Karte). "
    "Die Filter links gelten für alle vier Karten, außer dem Handlungsfeld."
)


@st.cache_data(show_spinner=False, max_entries=80)
def field_map(version: str, filters, land: str | None) -> bytes:
    counts = common.coverage_table(version, filters).set_index("ags")["n_counting"]
    return staticmap.focused_map(
        area_views.web_kreise(), counts, "", "", "", focus=area_views.focus_of(land), width_in=3.2, dpi=90, legend=False
    )


map_panel.legend()
cols = st.columns(2)
for index, field in enumerate(areas.MAIN_FIELDS):
    field_filters = filters.with_(handlungsfeld=field)
    cov = common.coverage_table(version, field_filters)
    if land:
        cov = cov[cov["land_ags"] == land]
    covered = int(cov["covered"].sum())
    with cols[index % 2].container(border=True):
        st.markdown(f"**{field}**")
        params = urlstate.to_params(urlstate.ViewState(filters=field_filters, land=land))
        st.image(
            field_map(version, field_filters, land),
            width="stretch",
            link=f"/?{urlencode(params)}",
            alt=f"Karte {where}, Handlungsfeld {field}: Kreise nach Zahl der Netzwerke, weiße Flecken schraffiert. "
            "Öffnet die Karte mit diesem Handlungsfeld.",
        )
        share = cov.loc[cov["covered"], "population"].sum() / cov["population"].sum()
        st.caption(
            f"{covered} von {len(cov)} Kreisen mit Netzwerk, {len(cov) - covered} weiße Flecken; "
            f"Bevölkerung abgedeckt: {fmt.percent(share)}"
        )
        st.markdown(f"[Karte: {field} öffnen](/?{urlencode(params)})")
common.attribution_footer()
