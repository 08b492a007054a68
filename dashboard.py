"""Entry point: ``streamlit run dashboard.py`` (or ``make run``).

Registers the pages with ``st.navigation`` so that only pages listed here
exist; the page scripts in ``pages/`` stay thin and call into ``geo``.
"""

import mimetypes

import streamlit as st

from geo.maps import assets
from ui import serverguard

serverguard.install()  # visitors cannot clear the shared caches (issue 25)
assets.ensure_leaflet()
mimetypes.add_type("application/atom+xml", ".atom")  # the open-data feeds, served as such without /etc/mime.types
st.set_page_config(page_title="Netzwerkatlas Fachkräftesicherung", page_icon="🗺️", layout="wide")

from geo.config import settings  # noqa: E402
from geo.regions.boundaries import DataFileError  # noqa: E402
from ui import accounts, data, layout, login, map_panel, opendata  # noqa: E402

try:
    settings.check()  # every environment variable, validated before anything uses one (memoised: cheap per rerun)
except settings.SettingError as exc:  # say which variable is wrong, its value and what is valid
    st.error(str(exc))
    st.stop()
try:
    data.kreise()
    data.neighbours()  # once per process, now: else the first click on a white spot waits for it
except DataFileError as exc:  # shipped data missing or corrupt: say which file and how to fix it
    st.error(str(exc))
    st.stop()

karte = st.Page("pages/karte.py", title="Karte", icon=":material/map:", default=True)
public = [
    karte,
    st.Page("pages/weisse_flecken.py", title="Weiße Flecken", icon=":material/crop_free:", url_path="weisse-flecken"),
    st.Page("pages/netzwerke.py", title="Netzwerke", icon=":material/hub:", url_path="netzwerke"),
    st.Page("pages/statistik.py", title="Statistik", icon=":material/bar_chart:", url_path="statistik"),
    st.Page("pages/vergleich.py", title="Vergleich", icon=":material/compare_arrows:", url_path="vergleich"),
    st.Page("pages/handlungsfelder.py", title="Handlungsfelder", icon=":material/grid_view:", url_path="felder"),
    st.Page("pages/bericht.py", title="Bericht", icon=":material/picture_as_pdf:", url_path="bericht"),
    st.Page("pages/methodik.py", title="Methodik", icon=":material/menu_book:", url_path="methodik"),
    st.Page("pages/uebersicht.py", title="Geografie", icon=":material/public:", url_path="geografie"),
    st.Page("pages/kreise.py", title="Kreise", icon=":material/table:", url_path="kreise"),
    st.Page("pages/melden.py", title="Netzwerk melden", icon=":material/add_location:", url_path="melden"),
    st.Page(
        "pages/daten_schnittstellen.py",
        title="Daten & Schnittstellen",
        icon=":material/download:",
        url_path="offene-daten",
    ),
    st.Page(
        "pages/barrierefreiheit.py",
        title="Barrierefreiheit",
        icon=":material/accessibility:",
        url_path="barrierefreiheit",
    ),
]
# Protected pages exist only for a logged-in editor. For anyone else their URL shows the login (with why:
# an editor whose app process died arrives here logged out, see ui.login.py); after it, the page itself.
hidden: list[st.Page] = []
accounts.adopt_organisation_editor()  # an organisation account with the editor role (st.login) is an editor
if accounts.current_editor():
    staff = [
        st.Page("pages/daten.py", title="Daten verwalten", icon=":material/edit:", url_path="daten"),
        st.Page(
            "pages/meldungen.py",
            title=f"Meldungen ({data.pending_reports()})",
            icon=":material/inbox:",
            url_path="meldungen",
        ),
        st.Page("pages/abmelden.py", title="Abmelden", icon=":material/logout:", url_path="abmelden"),
    ]
    hidden = [st.Page(login.signed_in, title="Angemeldet", url_path="anmelden", visibility="hidden")]
else:
    staff = [st.Page("pages/anmelden.py", title="Anmelden", icon=":material/login:", url_path="anmelden")]
    hidden = [
        st.Page(login.stand_in(), title=title, url_path=path, visibility="hidden")
        for title, path in (("Daten verwalten", "daten"), ("Meldungen", "meldungen"))
    ]
sections = {"Öffentlich": public, "Redaktion": staff}
# listed by layout.navigation_menu (accessible markup), the hidden stand-ins not at all
navigation = st.navigation({**sections, "Redaktion": staff + hidden}, position="hidden")
layout.page_frame()
layout.sidebar_top_slot()
layout.navigation_menu(sections)
if navigation in public and login.arrived_from_another_process() and not st.session_state.get(login.MOVED_TOLD):
    st.session_state[login.MOVED_TOLD] = True
    st.toast(login.MOVED_VISITOR, duration="long")
if navigation in public:
    login.tell_refused_once()
if navigation.url_path != karte.url_path:
    map_panel.selection().forget_map()  # coming back, the map is drawn anew
navigation.run()
opendata.keep_feeds_current()  # followers of a feed never visit: a change reaches the feeds after any page
