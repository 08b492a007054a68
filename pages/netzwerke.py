"""Page "Netzwerke": searchable directory of all networks and a profile per network (permalink ?netzwerk=ID)."""

import pandas as pd
import streamlit as st

from geo.figures import coverage, directory
from geo.figures.similar import similar_networks
from geo.maps import staticmap, urlstate
from geo.publicreports import reports
from geo.records import model
from geo.records.model import ORIGINS
from geo.regions import resolver
from geo.text import germanfmt, mdsafe
from ui import area_views, cards, data, filterstate, map_panel

MARK = directory.CRITERION_STATES  # words, no emoji: the shipped fonts have none (issue 24)
ICON = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}

st.title("Netzwerke")
cards.data_notice()
filters, land = filterstate.sidebar(write_url=False)  # the profile link writes the URL below
view = filterstate.url_view()
version = data.data_version()
everyone = data.networks(version)
counting = data.counting_networks(version, filters)
info = data.kreis_info()


@st.cache_data(show_spinner=False, max_entries=16)
def on_map(version: str, filters) -> set[str]:
    """The networks the map counts under ``filters`` (its key figure "Netzwerke")."""
    return set(coverage.counting_pairs(data.networks(version), filters)["id"])


@st.cache_data(show_spinner=False)
def locator_png(codes: tuple[str, ...]) -> bytes:
    return staticmap.highlight_png(data.kreise(), list(codes))


def sources(row: pd.Series) -> None:
    """Where the record comes from, its "Stand" and its source links (validated http(s) URLs at import)."""
    stand = germanfmt.day(row["stand"])
    origin = ORIGINS.get(row["herkunft"], row["herkunft"])
    st.markdown(f"**Herkunft:** {mdsafe.md(origin)} · **Stand:** {stand}")
    labels = directory.source_labels(row["quellen"])
    for number, (url, label) in enumerate(zip(row["quellen"], labels, strict=True), start=1):
        st.link_button(f"Quelle {number}: {label}", url)


def profile(network_id: str) -> None:
    row = everyone.set_index("id").loc[network_id]
    if st.button("← zurück zur Liste"):
        st.session_state.pop("netzwerk", None)
        st.rerun()
    st.header(mdsafe.md(row["name"]))
    left, right = st.columns([3, 2], gap="large")
    with left:
        if row["beschreibung"]:
            st.markdown(mdsafe.md(row["beschreibung"]))
        st.markdown(f"**Träger:** {mdsafe.md(row['traeger']) or '–'}")
        st.markdown("**Partner:** " + (mdsafe.md("; ".join(row["partner"])) or "–"))
        st.markdown("**Handlungsfelder:** " + (mdsafe.md(", ".join(row["handlungsfelder"])) or "–"))
        st.markdown(f"**Region (gemeldet):** {mdsafe.md(row['region'])}")
        st.markdown(
            f"**Status:** {mdsafe.md(row['status'])}"
            + (f" (beendet am {mdsafe.md(row['beendet_am'])})" if pd.notna(row["beendet_am"]) else "")
            + (f" · gegründet {row['gegruendet']}" if pd.notna(row["gegruendet"]) else "")
        )
        if row["website"]:
            st.link_button("Website", row["website"])
        if row["kontakt_email"]:
            st.markdown(f"**Kontakt:** {mdsafe.mail_link(row['kontakt_email'])}")
        sources(row)
        st.markdown(f"**Beleg:** {mdsafe.md(coverage.evidence_line(row))}")
        st.caption(reports.confirmation_text({**row.to_dict(), "id": network_id}))
        st.page_link(
            "pages/melden.py",
            label="Angaben korrigieren",
            icon=":material/edit_note:",
            query_params={"netzwerk": network_id},
        )
        st.subheader("Kriterien")
        for label, state, note in directory.criteria_lines(row.to_dict()):
            st.markdown(f"- {ICON[state]} {label}: {mdsafe.md(directory.criterion_text(state, note))}")
        st.markdown(f"**Gesamt:** {MARK[row['criteria_met']]}")
    with right:
        st.image(
            locator_png(tuple(row["ags"])),
            caption=germanfmt.count(len(row["ags"]), "Kreis", "Kreise"),
            alt="Lagekarte: die Kreise des Netzwerks farbig in Deutschland, aufgezählt unter der Karte.",
        )
        st.caption(
            mdsafe.md(", ".join(resolver.label_of(a) for a in row["ags"][:12])) + (" …" if len(row["ags"]) > 12 else "")
        )
        st.subheader("Ähnliche Netzwerke anderswo")
        similar = similar_networks(network_id, everyone)
        if similar.empty:
            st.caption("Keine gefunden.")
        for _, other in similar.iterrows():
            if st.button(mdsafe.md(other["name"]), key=f"aehnlich_{other['id']}"):
                st.session_state["netzwerk"] = other["id"]
                st.rerun()


# A link with ?netzwerk=ID (a shared permalink, or "Profil öffnen" on a network card) opens that profile once;
# the URL keeps the parameter while the profile is shown, so "zurück zur Liste" must not reopen it.
link = st.query_params.get("netzwerk")
if "netzwerk_link" not in st.session_state:  # first visit: also the permalink the session started with
    link = link or view.netzwerk
if link != st.session_state.get("netzwerk_link"):
    st.session_state["netzwerk_link"] = link
    if link in set(everyone["id"]):
        st.session_state["netzwerk"] = link
chosen = st.session_state.get("netzwerk")
st.query_params.from_dict(urlstate.to_params(urlstate.ViewState(netzwerk=chosen, filters=filters, land=land)))
if chosen in set(everyone["id"]):
    profile(chosen)
else:
    st.page_link("pages/melden.py", label="Ihr Netzwerk fehlt? Netzwerk melden", icon=":material/add_location:")
    query = st.text_input(
        "Suche in Name, Träger, Partner und Region", key="netzwerk_suche", max_chars=map_panel.MAX_SEARCH_CHARS
    )
    land_name = area_views.land_names()[land] if land else None  # the sidebar's Land
    shown = directory.search(counting, query, directory.kreise_of_land(info, land_name) if land_name else None)
    table = pd.DataFrame(
        {
            "Name": shown["name"],
            "Träger": shown["traeger"],
            "Region": shown["region"],
            "Kreise": shown["ags"].map(len),
            "Wirkungsraum": shown["scope"].map(model.SCOPE_LABELS),
            "Handlungsfelder": shown["handlungsfelder"].map(", ".join),
            "Status": shown["status"],
            "Kriterien": shown["criteria_met"].map(MARK),
        }
    )
    counted = directory.count_line(shown, on_map(version, filters))
    st.caption(f"{counted.split(',')[0]} – Zeile wählen oder unten auswählen, um das Profil zu öffnen.")
    if "," in counted:  # not every listed network is one the map counts: say which and why
        st.caption(f"Karte und Liste zählen verschieden: {counted}.")
    picked = st.dataframe(
        table, hide_index=True, height=520, on_select="rerun", selection_mode="single-row", key="verzeichnis"
    )
    if picked and picked.selection.rows:
        st.session_state["netzwerk"] = shown.iloc[picked.selection.rows[0]]["id"]
        st.rerun()
    names = dict(zip(shown["id"], shown["name"], strict=True))
    with st.form("profil_oeffnen", border=False):
        cols = st.columns([4, 1])
        choice = cols[0].selectbox(
            "Profil öffnen", list(names), format_func=names.get, index=None, placeholder="Netzwerk wählen …"
        )
        if cols[1].form_submit_button("Öffnen") and choice:
            st.session_state["netzwerk"] = choice
            st.rerun()
cards.attribution_footer()
