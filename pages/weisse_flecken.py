"""Page "Weiße Flecken": white spots ranked for outreach, who could help, exports."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.figures import outreach
from geo.handouts import exports
from geo.regions.names import display_names
from geo.text import germanfmt, mdsafe
from ui import area_views, cards, data, filterstate, map_panel

HEADINGS = {
    "Nachbarkreis": "Netzwerke in Nachbarkreisen",
    "Patennetzwerk": "Patennetzwerke (nächste Kreise gleichen Typs)",
}

st.title("Weiße Flecken")
cards.data_notice()
st.caption(
    "Kreise ohne dokumentiertes regionales Netzwerk unter den gewählten Filtern. Kreise, deren Netzwerke nur "
    "ältere Belege haben, stehen nicht hier, sondern als eigene Klasse auf der Karte. Mit einem Handlungsfeld im "
    "Filter erscheinen auch thematische weiße Flecken: Kreise mit Netzwerken, aber keinem in diesem Feld. "
    "„Prüfung“ sagt, wann und wo nach einem Netzwerk gesucht wurde."
)
filters, land = filterstate.sidebar()
version = data.data_version()
cov = data.coverage_table(version, filters)

indicator = map_panel.indicator_upload()
choices = {"Einwohner": "population", "Fläche": "area_km2"} | (
    {"Indikator": "indicator"} if indicator is not None else {}
)
by = choices[st.radio("Rangfolge nach", list(choices), horizontal=True)]


@st.cache_data(show_spinner=False, max_entries=16)
def outreach_data(
    version: str, filters, land: str | None, by: str, indicator_items: tuple
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The white spots (of the Land, or of Germany) ranked, and their outreach list."""
    indicator = pd.Series(dict(indicator_items)) if indicator_items else None
    cov = data.coverage_table(version, filters)
    if land:
        cov = cov[cov["land_ags"] == land]
    spots = outreach.ranked_white_spots(cov, data.kreis_info().reset_index(), by, indicator)
    points = outreach.kreis_points(data.kreise())
    checks = {ags: data.white_spot_check(ags) for ags in spots["ags"]}
    info = data.kreis_info()
    # short names, with the type word where two Kreise share one ("Kreisfreie Stadt München")
    short = display_names(info, with_type=False)
    spots = spots.assign(pruefung=spots["ags"].map(checks), anzeigename=spots["ags"].map(short))
    table = outreach.outreach_table(
        spots,
        data.networks(version),
        data.neighbours(),
        points,
        checks,
        handlungsfeld=filters.handlungsfeld,
        names=display_names(info).to_dict(),
    )
    return spots, table


spots, table = outreach_data(version, filters, land, by, tuple(indicator.items()) if indicator is not None else ())
where = area_views.land_names()[land] if land else "Deutschland"
st.metric(f"Weiße Flecken – {where}", germanfmt.integer(len(spots)))
left, right = st.columns([3, 2], gap="medium")
with left:
    st_folium(
        area_views.focus_land(map_panel.base_map(version, filters), land),
        key="wf_karte",
        height=480,
        use_container_width=True,
        returned_objects=[],
        render=False,  # the map is fresh and st_folium renders it anyway: rendering twice costs 40 ms
    )
    map_panel.legend()
with right:
    shown = spots.rename(
        columns={
            "rang": "Rang",
            "anzeigename": "Kreis",
            "land": "Land",
            "population": "Einwohner",
            "area_km2": "Fläche (km²)",
            "grund": "Grund",
            "pruefung": "Prüfung",
            "indicator": "Indikator",
        }
    )
    # German digits as text (the table is in rank order already; "Rang" sorts as a number)
    shown["Einwohner"] = shown["Einwohner"].map(germanfmt.integer)
    shown["Fläche (km²)"] = shown["Fläche (km²)"].map(germanfmt.integer)
    columns = ["Rang", "Kreis", "Land", "Einwohner", "Fläche (km²)", "Grund", "Prüfung"]
    if by == "indicator":
        shown["Indikator"] = shown["Indikator"].map(lambda v: germanfmt.decimal(v, 2))
        columns.append("Indikator")
    picked = st.dataframe(
        shown[columns], hide_index=True, height=480, on_select="rerun", selection_mode="single-row", key="wf_tabelle"
    )

suffix = f"_land_{land}" if land else ""
cols = st.columns(2)
cols[0].download_button(
    "Ansprache-Liste für Excel (XLSX)",
    exports.to_xlsx_bytes(table, "Weiße Flecken"),
    f"weisse_flecken{suffix}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    type="primary",
)
cols[1].download_button(
    "Ansprache-Liste als CSV (für andere Programme)",
    exports.to_csv_bytes(table),
    f"weisse_flecken{suffix}.csv",
    mime="text/csv",
)
st.caption(
    "Die XLSX-Datei ist für Excel eingerichtet: Kopfzeile fixiert, Filter, lesbare Spaltenbreiten, AGS als Text. "
    "Die CSV-Datei (Semikolon, UTF-8) dient dem Import in andere Programme; in Excel geöffnet verliert der "
    "AGS seine führende Null."
    + (f" Partnernetzwerke: nur mit dem Handlungsfeld „{filters.handlungsfeld}“." if filters.handlungsfeld else "")
)

rows = picked.selection.rows if picked else []
if rows:
    spot = spots.iloc[rows[0]]
    st.subheader(f"Wer könnte helfen? – {mdsafe.md(spot['anzeigename'])}")
    if filters.handlungsfeld:
        st.caption(f"Nur Netzwerke mit dem Handlungsfeld „{filters.handlungsfeld}“ (Filter).")
    st.page_link(
        "pages/melden.py",
        label="Gibt es hier ein Netzwerk? Melden",
        icon=":material/add_location:",
        query_params={"kreis": spot["ags"]},
    )
    helpers = outreach.helpers_for(
        spot["ags"],
        data.networks(version),
        data.neighbours(),
        outreach.kreis_points(data.kreise()),
        handlungsfeld=filters.handlungsfeld,
    )
    everyone = data.networks(version).set_index("id")
    for relation in ("Nachbarkreis", "Patennetzwerk"):
        group = helpers[helpers["relation"] == relation]
        st.markdown(f"**{HEADINGS[relation]}**")
        if group.empty:
            st.caption("Keine gefunden.")
        for network_id in group["id"]:
            cards.network_card(everyone.loc[network_id])
else:
    st.caption("Zeile in der Tabelle wählen, um Partnernetzwerke zu sehen.")
cards.attribution_footer()
