"""Page "Statistik": coverage per Land, development over time, Handlungsfelder; exports and a static map."""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.figures import areas, statistics
from geo.handouts import attribution, exports
from geo.maps import palette, staticmap
from geo.text import germanfmt as fmt
from ui import area_views, cards, charts, data, filterstate

#: The timeline's columns as the user reads them (charts, tables, exports).
TIMELINE_COLUMNS = {"jahr": "Jahr", "netzwerke": "Netzwerke", "abgedeckte_kreise": "Abgedeckte Kreise"}

st.title("Statistik")
notice = cards.data_notice()
filters, land = filterstate.sidebar()
version = data.data_version()
cov = data.coverage_table(version, filters)
info = data.kreis_info().reset_index()


@st.cache_data(show_spinner=False, max_entries=16)
def land_table(version: str, filters) -> pd.DataFrame:
    """The figures per Land as numbers (for exports and the chart); :func:`shown_table` formats them."""
    summary = areas.summary(info, data.coverage_table(version, filters), data.networks(version), filters)
    return pd.DataFrame(
        {
            "Land": summary["land"],
            "Netzwerke": summary["networks"],
            "Kreise": summary["kreise"],
            "abgedeckt (aktueller Beleg)": summary["covered"],
            "nur ältere Belege": summary["older_only"],
            "weiße Flecken": summary["white_spots"],
            "Bevölkerung abgedeckt (%)": (100 * summary["share_population_covered"]).round(1),
            "Netzwerke je 100.000 Einw.": summary["networks_per_100k"].round(2),
        }
    )


def shown_table(table: pd.DataFrame) -> pd.DataFrame:
    """German digits for reading: "50,2 %", "0,17", "1.234"."""
    shown = table.copy()
    for column in ("Netzwerke", "Kreise", "abgedeckt (aktueller Beleg)", "nur ältere Belege", "weiße Flecken"):
        shown[column] = shown[column].map(fmt.integer)
    shown["Bevölkerung abgedeckt"] = shown.pop("Bevölkerung abgedeckt (%)").map(lambda v: fmt.percent(v / 100))
    shown["Netzwerke je 100.000 Einw."] = shown.pop("Netzwerke je 100.000 Einw.").map(lambda v: fmt.decimal(v, 2))
    return shown


@st.cache_data(show_spinner=False, max_entries=16)
def timeline(version: str, filters, land: str | None) -> pd.DataFrame:
    where = areas.area_of(land or areas.GERMANY, info)
    return areas.timeline(where, info, data.networks(version), range(2005, date.today().year + 1), filters)


@st.cache_data(show_spinner=False, max_entries=16)
def fields(version: str, filters) -> pd.DataFrame:
    table = statistics.fields_per_land(data.networks(version), info, filters).reset_index()
    table.columns.name = None
    return table.rename(columns={"land": "Land"})


@st.cache_data(show_spinner=False, max_entries=16)
def map_image(version: str, filters, fmt: str, data_label: str) -> bytes:
    classes = palette.kreis_classes(data.coverage_table(version, filters))
    subtitle = f"Stand {date.today():%d.%m.%Y}" + (f" · {data_label}" if data_label else "")
    return staticmap.coverage_map(
        data.kreise(),
        classes,
        "Regionale Netzwerke zur Fachkräftesicherung",
        subtitle,
        " ".join(attribution.ALL),
        fmt=fmt,
    )


by_land = land_table(version, filters)
if land:  # the Land and, to compare, Germany
    by_land = by_land[by_land["Land"].isin([area_views.land_names()[land], "Deutschland"])]
st.subheader("Nach Ländern")
if notice and notice.limits:
    st.caption(notice.limits)
st.dataframe(shown_table(by_land), hide_index=True, width="stretch")
laender = by_land[by_land["Land"] != "Deutschland"]
shares = pd.DataFrame(
    {
        "Land": laender["Land"],
        "Anteil": laender["Bevölkerung abgedeckt (%)"],
        "Anteil_text": laender["Bevölkerung abgedeckt (%)"].map(lambda v: fmt.percent(v / 100)),
        "Netzwerke": laender["Netzwerke"].map(fmt.integer),
    }
)
chart = (
    alt.Chart(shares)
    .mark_bar()
    .encode(
        x=alt.X(
            "Anteil:Q",
            scale=alt.Scale(domain=[0, 100]),
            axis=charts.number_axis("Bevölkerung in abgedeckten Kreisen", digits=0, suffix=" %"),
        ),
        y=alt.Y("Land:N", sort="-x", title=None),
        tooltip=[
            alt.Tooltip("Land:N", title="Land"),
            alt.Tooltip("Anteil_text:N", title="Bevölkerung abgedeckt"),
            alt.Tooltip("Netzwerke:N", title="Netzwerke"),
        ],
    )
)
st.altair_chart(chart, width="stretch")

st.subheader(f"Entwicklung – {area_views.land_names()[land] if land else 'Deutschland'}")
over_time = timeline(version, filters, land).rename(columns=TIMELINE_COLUMNS)
long = over_time.melt("Jahr", var_name="Kennzahl", value_name="Anzahl")
long["Anzahl_text"] = long["Anzahl"].map(fmt.integer)
st.altair_chart(
    alt.Chart(long)
    .mark_line(point=True)
    .encode(
        x=alt.X("Jahr:O", title="Jahr"),
        y=alt.Y("Anzahl:Q", axis=charts.count_axis("Anzahl")),
        color=alt.Color("Kennzahl:N", title="Kennzahl"),
        tooltip=[
            alt.Tooltip("Jahr:O", title="Jahr"),
            alt.Tooltip("Kennzahl:N", title="Kennzahl"),
            alt.Tooltip("Anzahl_text:N", title="Anzahl"),
        ],
    ),
    width="stretch",
)

st.subheader("Handlungsfelder je Land")
per_field = fields(version, filters)
if land:
    per_field = per_field[per_field["Land"] == area_views.land_names()[land]]
st.caption(
    "Netzwerke je Land und Handlungsfeld; ein Netzwerk mit mehreren Feldern zählt in jedem, eines ohne "
    f"Angabe unter „{statistics.WITHOUT_FIELD}“."
)
st.dataframe(per_field, hide_index=True, width="stretch")

st.subheader("Export")
suffix = f"_land_{land}" if land else ""
cols = st.columns(4)
cols[0].download_button("Länder (CSV)", exports.to_csv_bytes(by_land), f"laender{suffix}.csv", mime="text/csv")
cols[1].download_button(
    "Entwicklung (CSV)", exports.to_csv_bytes(over_time), f"entwicklung{suffix}.csv", mime="text/csv"
)
cols[2].download_button(
    "Handlungsfelder (CSV)", exports.to_csv_bytes(per_field), f"handlungsfelder{suffix}.csv", mime="text/csv"
)
cols[3].download_button(
    "Alle Tabellen (XLSX)",
    exports.to_xlsx_sheets({"Länder": by_land, "Entwicklung": over_time, "Handlungsfelder": per_field}),
    f"statistik{suffix}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
data_label = notice.short if notice else ""
if st.toggle("Kartenbild für Berichte erzeugen (PNG, SVG, PDF)", key="kartenbild"):
    png = map_image(version, filters, "png", data_label)
    st.image(
        png,
        width=420,
        alt="Vorschau des Kartenbilds: Kreise nach Beleg und Zahl der Netzwerke mit aktuellem Beleg, weiße Flecken "
        "schraffiert, Kreise nur mit älteren Belegen gepunktet.",
    )
    cols = st.columns(3)
    cols[0].download_button("PNG", png, "netzwerkkarte.png", mime="image/png")
    cols[1].download_button(
        "SVG", map_image(version, filters, "svg", data_label), "netzwerkkarte.svg", mime="image/svg+xml"
    )
    cols[2].download_button(
        "PDF", map_image(version, filters, "pdf", data_label), "netzwerkkarte.pdf", mime="application/pdf"
    )
cards.attribution_footer()
