"""The frame around every page: navigation menu and the CSS that makes Streamlit's markup accessible.

Drawn by ``dashboard.py`` before the page runs. Streamlit's own sidebar navigation puts ``<div>``
section headers inside its ``<ul>`` (axe: ``list``/``listitem``, WCAG 1.3.1), so the pages are
registered hidden and listed here with ``st.page_link``, which renders plain links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from pathlib import Path

import streamlit as st

#: Streamlit's captions (text at 60 % opacity: #828180 on white, 3.9:1) and disabled labels (#a8a7a5, 2.3:1)
#: fail WCAG 1.4.3; these greys give 7.5:1 and 5.3:1. A dark focus ring shows where the keyboard is. On phones
#: the titles shrink so that "Fachkräftesicherung" fits a 320 px screen whole: no word broken, no sideways
#: scrolling (WCAG 1.4.10).
CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p { color: #555555 !important; opacity: 1 !important; }
[data-testid="stWidgetLabel"] p, [data-testid="stTickBarMin"], [data-testid="stTickBarMax"],
[data-testid="stSliderThumbValue"] { color: #333333 !important; }
[aria-disabled="true"] [data-testid="stWidgetLabel"] p { color: #6b6b6b !important; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible,
iframe:focus-visible, summary:focus-visible, [role="slider"]:focus-visible {
  outline: 3px solid #1a1a1a !important; outline-offset: 2px !important;
}
.nur-vorlesen { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
h1 { overflow-wrap: normal !important; word-break: normal !important; hyphens: manual !important; }
/* the map first (issue 24): less empty space above the title, compact key figures in the map's panel */
[data-testid="stMainBlockContainer"] { padding-top: 3rem !important; }
.st-key-kreis_panel { scroll-margin-top: 4rem; }  /* brought into view below Streamlit's header */
.st-key-kennzahlen [data-testid="stMetricValue"] { font-size: 1.2rem !important; }
.st-key-kennzahlen [data-testid="stMetricLabel"] p { font-size: .8rem !important; white-space: normal !important; }
.st-key-kennzahlen [data-testid="stMetricLabel"] div { overflow: visible !important; white-space: normal !important; }
.st-key-legende p, .st-key-legende li, .st-key-legende strong { font-size: .82rem !important; }
.st-key-legende ul { margin-left: 0 !important; }
.st-key-legende li { margin: 0 1rem 0 0 !important; line-height: 1.45 !important; padding: 0 !important; }
.st-key-legende [data-testid="stMarkdownContainer"] p { margin-bottom: .1rem !important; }
.st-key-legende [data-testid="stCaptionContainer"] p { margin: 0 !important; }
/* Streamlit's own English in its choice lists (issue 24): "No results" reads "Keine Treffer"; the bulk
   actions "Select all" / "Select N matches" of a multiselect are not offered */
[role="listbox"] [role="option"][style*="contents"] > span { font-size: 0 !important; }
[role="listbox"] [role="option"][style*="contents"] > span::after { content: "Keine Treffer"; font-size: 1rem; }
[data-key="__select_all__"], [data-key="__select_matches__"] { display: none !important; }
@media (max-width: 640px) {
  h1 { font-size: clamp(1.45rem, 7.2vw, 2.75rem) !important; }
  h2 { font-size: clamp(1.3rem, 6.2vw, 2.25rem) !important; }
}
</style>
"""


#: Streamlit's own English names for screen readers and tooltips ("Collapse sidebar", "Help for Land",
#: "Skip to main content"), rewritten in German in the browser: Streamlit has no setting for them.
_GERMAN_LABELS = Path(__file__).parent / "js" / "german_labels.js"
GERMAN_LABELS_JS = f"<script>\n{_GERMAN_LABELS.read_text(encoding='utf-8')}</script>"


def page_frame() -> None:
    """Accessibility CSS, as a markdown element: ``st.html`` sends style-only HTML to Streamlit's event
    container, which is cleared between runs, so the fixes came and went."""
    st.markdown(CSS, unsafe_allow_html=True)
    rerun_after_reconnect()


@st.fragment(run_every=timedelta(hours=1))
def rerun_after_reconnect() -> None:
    """An empty timed fragment, so that a tab which reconnects draws its page anew.

    Streamlit's browser client asks for a script run after a reconnect only while a timed fragment is on
    the page; otherwise a tab whose app process died (``make cluster``) kept showing its last page, an
    editor still "logged in", until the next click. Its own hourly run costs nothing.
    """


#: Session key of the sidebar's top slot, drawn above the navigation on every run: the page puts its Land
#: choice there, so it sits near the top of the sidebar, not under twelve links (issue 24).
TOP_SLOT = "seitenleiste_oben"


def sidebar_top_slot() -> None:
    """Reserve the sidebar's top slot for this run (before :func:`navigation_menu`)."""
    st.session_state[TOP_SLOT] = st.sidebar.container(key="oben")


def sidebar_top():
    """The sidebar's top slot of this run, or the sidebar itself where none was reserved."""
    return st.session_state.get(TOP_SLOT) or st.sidebar


def navigation_menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The pages as plain links in the sidebar, one labelled group per section."""
    with st.sidebar, st.container(key="navigation"):
        for title, pages in sections.items():
            st.markdown(f"**{title}**")
            for page in pages:
                st.page_link(page)
        st.divider()
        st.html(GERMAN_LABELS_JS, unsafe_allow_javascript=True)
