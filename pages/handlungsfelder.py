"""Page "Handlungsfelder": the four Handlungsfelder at a glance, one small map each, for Germany or a Land.

Same classes and legend as the main map; each map's link opens the main map filtered to its field.
"""

from urllib.parse import urlencode

import streamlit as st

from geo.figures import areas, coverage
from geo.maps import palette, staticmap, urlstate
from geo.text import germanfmt as fmt
from ui import area_views, cards, data, filterstate, map_panel

st.title("Handlungsfelder im Überblick")
cards.data_notice()
filters, land = filterstate.sidebar()
version = data.data_version()
where = area_views.land_names()[land] if land else "Deutschland"
st.caption(
    f"{where}: je Handlungsfeld die Zahl der regionalen Netzwerke je Kreis (gleiche Klassen wie die Karte). "
    "Die Filter links gelten für alle vier Karten, außer dem Handlungsfeld."
)


@st.cache_data(show_spinner=False, max_entries=80)
def field_map(version: str, filters, land: str | None) -> bytes:
    classes = palette.kreis_classes(data.coverage_table(version, filters))
    return staticmap.focused_map(
        area_views.web_kreise(),
        classes,
        "",
        "",
        "",
        focus=area_views.focus_of(land),
        width_in=3.2,
        dpi=90,
        legend=False,
    )


map_panel.legend()
cols = st.columns(2)
for index, field in enumerate(areas.MAIN_FIELDS):
    field_filters = filters.with_(handlungsfeld=field)
    cov = data.coverage_table(version, field_filters)
    if land:
        cov = cov[cov["land_ags"] == land]
    classes = coverage.class_counts(cov)
    with cols[index % 2].container(border=True):
        st.markdown(f"**{field}**")
        params = urlstate.to_params(urlstate.ViewState(filters=field_filters, land=land))
        st.image(
            field_map(version, field_filters, land),
            width="stretch",
            link=f"/?{urlencode(params)}",
            alt=f"Karte {where}, Handlungsfeld {field}: Kreise nach Beleg und Zahl der Netzwerke mit aktuellem "
            "Beleg, weiße Flecken schraffiert, Kreise nur mit älteren Belegen gepunktet. "
            "Öffnet die Karte mit diesem Handlungsfeld.",
        )
        share = cov.loc[cov["covered"], "population"].sum() / cov["population"].sum()
        white = fmt.count(classes[coverage.NONE], "weißer Fleck", "weiße Flecken")
        st.caption(
            f"{classes[coverage.CURRENT]} von {len(cov)} Kreisen mit Netzwerk mit aktuellem Beleg, "
            f"{classes[coverage.OLDER]} nur mit älteren Belegen, {white}; "
            f"Bevölkerung abgedeckt: {fmt.percent(share)}"
        )
        st.markdown(f"[Karte: {field} öffnen](/?{urlencode(params)})")
cards.attribution_footer()
