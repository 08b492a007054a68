"""Page "Vergleich": up to five Kreise or Länder (or Germany) side by side; ``?vergleich=12073,11000``."""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.figures import compare
from geo.handouts import exports
from geo.maps import urlstate
from geo.maps.urlstate import MAX_COMPARED
from geo.text import germanfmt as fmt
from geo.text import mdsafe
from ui import area_views, cards, charts, data, filterstate

st.title("Vergleich")
cards.data_notice()
filters, _ = filterstate.sidebar(with_land=False, write_url=False)  # the areas compared are chosen here
view = filterstate.url_view()
version = data.data_version()
info = data.kreis_info()

#: Chosen areas, kept across page changes (a widget's own key is dropped when its page is left).
CHOSEN = "vergleich_gebiete"
options = area_views.area_codes()
label = area_views.area_label


if CHOSEN not in st.session_state:
    from_url, _notices = urlstate.parse({"vergleich": st.query_params.get("vergleich", "")}, set(data.kreis_codes()))
    st.session_state[CHOSEN] = list(from_url.vergleich or view.vergleich)
st.session_state["f_vergleich"] = st.session_state[CHOSEN]  # the widget of an earlier visit is another widget
cols = st.columns([4, 1])
chosen = cols[0].multiselect(
    f"Kreise oder Länder (höchstens {MAX_COMPARED})",
    options,
    key="f_vergleich",
    format_func=label,
    max_selections=MAX_COMPARED,
    placeholder="Kreis oder Land wählen – z. B. Uckermark, Brandenburg",
    on_change=lambda: st.session_state.update({CHOSEN: st.session_state["f_vergleich"]}),
)
this_year = date.today().year
since = cols[1].selectbox("Entwicklung seit", list(range(2005, this_year)), index=10, key="vergleich_seit")
st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(filters=filters, vergleich=tuple(chosen))))

if not chosen:
    st.info("Wählen Sie bis zu fünf Kreise oder Länder, um sie nebeneinander zu sehen.")
    cards.attribution_footer()
    st.stop()


@st.cache_data(show_spinner=False, max_entries=32)
def table(version: str, filters, codes: tuple[str, ...], since: int) -> pd.DataFrame:
    return compare.compare_table(
        codes, data.kreis_info().reset_index(), data.networks(version), data.neighbours(), since, filters
    )


rows = table(version, filters, tuple(chosen), since)
shown = pd.DataFrame(
    {
        "Gebiet": rows["gebiet"],
        "Art": rows["art"],
        "Netzwerke": rows["netzwerke"],
        "Kreise mit aktuellem Beleg": rows["kreise_aktuell"],
        "Kreise nur mit älteren Belegen": rows["kreise_aelter"],
        "Kreise ohne dokumentiertes Netzwerk": rows["kreise_ohne"],
        "Netzwerke je 100.000 Einw.": rows["je_100k"].map(lambda v: fmt.decimal(v, 2)),
        "Handlungsfelder mit Netzwerk (von 4)": rows["handlungsfelder"],
        "Netzwerke, die alle Kriterien erfüllen": rows["kriterien_erfuellt"],
        f"Netzwerke {since}": rows["netzwerke_damals"],
        f"Veränderung seit {since}": rows["veraenderung"],
        "Angrenzende Kreise mit Netzwerk": [
            f"{c} von {n}" if n else "–" for c, n in zip(rows["nachbarn_abgedeckt"], rows["nachbarn"], strict=True)
        ],
        "Karte": rows["link"],
    }
)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    column_config={"Karte": st.column_config.LinkColumn("Karte", display_text="auf der Karte")},
)
st.markdown(
    "Auf der Karte öffnen: "
    + " · ".join(f"[{mdsafe.md(name)}]({link})" for name, link in zip(rows["gebiet"], rows["link"], strict=True))
)
st.caption(
    "Netzwerke zählen wie auf der Karte (ein Netzwerk je Gebiet einmal; landes- und bundesweite nur mit dem "
    "Schalter). Angrenzend: Kreise außerhalb des Gebiets mit gemeinsamer Grenze."
)

figures = [  # (title, column, decimals: 0 for counts)
    ("Netzwerke je 100.000 Einw.", "je_100k", 2),
    ("Netzwerke", "netzwerke", 0),
    (f"Veränderung seit {since}", "veraenderung", 0),
    ("Handlungsfelder mit Netzwerk (von 4)", "handlungsfelder", 0),
]
chart_cols = st.columns(2)
for index, (title, column, digits) in enumerate(figures):
    # plain field names: Vega-Lite reads a dot in a field name as a nested field
    frame = pd.DataFrame(
        {
            "Gebiet": rows["gebiet"],
            "Wert": rows[column],
            "Wert_text": rows[column].map(lambda v, d=digits: fmt.number(v, d)),
        }
    )
    axis = charts.count_axis(None) if digits == 0 else charts.number_axis(None, digits=1)
    chart = (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("Wert:Q", axis=axis),
            y=alt.Y("Gebiet:N", sort=list(rows["gebiet"]), title=None, axis=alt.Axis(labelLimit=240)),
            tooltip=[alt.Tooltip("Gebiet:N", title="Gebiet"), alt.Tooltip("Wert_text:N", title=title)],
        )
        .properties(height=50 + 34 * len(rows))
    )
    chart_cols[index % 2].altair_chart(chart, width="stretch")

cols = st.columns(2)
cols[0].download_button("Vergleich (CSV)", exports.to_csv_bytes(shown), "vergleich.csv", mime="text/csv")
with cols[1]:
    for code in chosen:
        area_views.report_button(code, version, filters, label=f"Bericht: {label(code)} (PDF)")
cards.attribution_footer()
