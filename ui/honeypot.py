"""The report form's honeypot: a text field that bots fill in and people never meet."""

from pathlib import Path

import streamlit as st

#: The honeypot, a text field that bots fill in and people never meet: hidden from sight (CSS), from screen
#: readers (``aria-hidden`` on its box) and from the keyboard (``tabindex=-1``), with autofill off; the
#: label asks anyone who still meets it to leave it empty (WCAG 1.3.1, 2.1.1, 4.1.2). Streamlit offers no
#: parameter for these attributes, so a small script sets them, and again whenever Streamlit redraws the box.
HONEYPOT_CSS = "<style>.st-key-melden_hp { display: none !important; }</style>"
HONEYPOT_JS = (
    "<script>\n" + (Path(__file__).resolve().parent / "js" / "honeypot.js").read_text(encoding="utf-8") + "</script>"
)
HONEYPOT_LABEL = "Nicht ausfüllen: Dieses Feld bleibt leer (Schutz vor automatischen Meldungen)"


def honeypot_field() -> str:
    """Draw the hidden field and return what was typed into it (anything there marks a bot)."""
    with st.container(key="melden_hp"):
        st.markdown(HONEYPOT_CSS, unsafe_allow_html=True)
        value = st.text_input(HONEYPOT_LABEL, key="melden_hp_feld", autocomplete="off", max_chars=200)
        st.html(HONEYPOT_JS, unsafe_allow_javascript=True)
    return value
