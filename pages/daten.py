"""Page "Daten verwalten" (editors only): import with preview, edit, retire/restore, history, export."""

import streamlit as st

from geo.handouts import exports
from geo.storage import store
from geo.text import mdsafe
from ui import accounts, cards, data, record_editor, record_import, uploads
from ui.desk import Desk

editor = accounts.require_editor()
st.title("Daten verwalten")
st.caption(f"Angemeldet als {mdsafe.md(editor)}")
with data.database_guard():  # an outage: the German notice, not Streamlit's error box (issue 25)
    engine = data.engine()
    desk = Desk(engine, editor, store.load_networks(engine))  # records read once per run, again after a write
tab_import, tab_edit, tab_history, tab_export = st.tabs(["Import", "Bearbeiten", "Änderungsprotokoll", "Export"])


def history_tab() -> None:
    only = desk.pick_network("Nur dieses Netzwerk", "alle Änderungen", "protokoll_id")
    trail = store.history(desk.engine, only)
    trail["changes"] = trail["changes"].map(store.change_summary)
    st.dataframe(trail, hide_index=True, width="stretch", height=420)
    st.download_button("Protokoll als CSV", exports.to_csv_bytes(trail), "aenderungsprotokoll.csv", mime="text/csv")


def export_tab() -> None:
    frame = store.export_layout(desk.stored)
    cols = st.columns(3)
    cols[0].download_button("CSV", exports.to_csv_bytes(frame), "netzwerke.csv", mime="text/csv")
    cols[1].download_button("XLSX", exports.to_xlsx_bytes(frame, "Netzwerke"), "netzwerke.xlsx")
    geojson = exports.networks_geojson(desk.stored[["id", "name", "traeger", "region", "status", "ags"]], data.kreise())
    cols[2].download_button("GeoJSON (mit Kreisgeometrie)", geojson, "netzwerke.geojson", mime="application/geo+json")


with tab_import, uploads.incident_guard():
    try:
        record_import.import_tab(desk)
    except Exception:  # a preview that cannot be drawn must not stay in the session and fail on every visit
        st.session_state.pop(record_import.IMPORT, None)
        st.error("Die Vorschau dieser Datei ließ sich nicht anzeigen. Bitte die Datei erneut hochladen.")
        raise
with tab_edit:
    record_editor.edit_tab(desk)
with tab_history, data.database_guard(stop=False):
    history_tab()
with tab_export:
    export_tab()
cards.attribution_footer()
