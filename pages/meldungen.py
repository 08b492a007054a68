"""Page "Meldungen" (editors only): moderate public reports, and the "Zu prüfen" list of unconfirmed records."""

import streamlit as st

from geo.handouts import exports
from geo.publicreports import reports
from geo.text import mdsafe
from ui import accounts, cards, data
from ui.report_review import Moderation

editor = accounts.require_editor()
st.title("Meldungen")
with data.database_guard():  # an outage: the German notice, not Streamlit's error box (issue 25)
    engine = data.engine()
    reports.purge_contacts(engine)
everyone = data.networks(data.data_version())
moderation = Moderation(engine, editor, everyone)
tab_reports, tab_review = st.tabs(["Offene Meldungen", "Zu prüfen"])


with tab_reports, data.database_guard():
    if message := st.session_state.pop("meldungen_fehler", None):
        st.error(mdsafe.md(message))
    if message := st.session_state.pop("meldungen_erfolg", None):
        st.success(message)
    moderation.queue_page()

with tab_review:
    months = reports.confirm_months()
    review = reports.to_review(everyone, months)
    st.markdown(f"**{len(review)} Einträge** sind seit mehr als {months} Monaten nicht bestätigt.")
    shown = review.rename(
        columns={"kontakt_email": "Kontakt", "bestaetigt_am": "bestätigt am", "bestaetigt_durch": "bestätigt durch"}
    )
    st.dataframe(shown, hide_index=True)
    st.download_button(
        "Kontakte zum Nachfragen (CSV)",
        exports.to_csv_bytes(review[["id", "name", "kontakt_email", "website", "bestaetigt_am"]]),
        file_name="zu_pruefen.csv",
        mime="text/csv",
    )
    if len(review):
        chosen = st.selectbox(
            "Eintrag", list(review["id"]), format_func=dict(zip(review["id"], review["name"], strict=True)).get
        )
        if st.button("Angaben als bestätigt markieren (Redaktion)"):
            reports.confirm_network(engine, chosen, editor)
            st.cache_data.clear()
            st.rerun()
cards.attribution_footer()
