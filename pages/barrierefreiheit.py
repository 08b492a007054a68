"""Page "Barrierefreiheit": the accessibility statement required by BITV 2.0 § 7."""

import streamlit as st

from geo.config import settings
from geo.handouts import accessibility
from geo.text import mdsafe
from ui import accounts, cards

STATEMENT_DATE = "29.11.2026"

st.title("Erklärung zur Barrierefreiheit")
st.markdown(
    "Der Netzwerkatlas Fachkräftesicherung soll für alle nutzbar sein. Diese Erklärung gilt für diese "
    "Web-Anwendung und folgt § 7 der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0); "
    "Maßstab sind die harmonisierte Norm EN 301 549 und damit die WCAG 2.1 auf Stufe AA."
)
st.header("Stand der Vereinbarkeit")
st.markdown(
    "Die Anwendung ist **teilweise** mit der BITV 2.0 vereinbar. Die unten genannten Inhalte sind "
    "noch nicht vollständig barrierefrei."
)
st.header("Nicht barrierefreie Inhalte")
st.markdown("\n".join(f"- {gap}" for gap in accessibility.KNOWN_GAPS))
st.header("Wie wurde geprüft?")
rules = accessibility.DISABLED_AXE_RULES
st.markdown(
    f"Selbstbewertung, Stand {STATEMENT_DATE}. Jede Seite wird bei jeder Änderung automatisch mit "
    f"axe-core geprüft (Regelsätze {', '.join(accessibility.AXE_TAGS)}), auch mit gewähltem Kreis, "
    "geöffneter Seitenleiste, innerhalb der Karte und auf der Redaktionsseite; verlangt sind null "
    "kritische und null schwerwiegende Verstöße. "
    + (
        "Ausgeschaltete Regeln: " + "; ".join(f"{rule} ({why})" for rule, why in rules.items()) + "."
        if rules
        else "Keine Regel ist ausgeschaltet."
    )
    + " Dazu kommen automatische Tests mit Maus, Tastatur und Touch in mehreren Fenstergrößen "
    "sowie ein Test der Kartenfarben für Farbsehschwächen."
)
st.header("Barrieren melden: Feedback und Kontakt")
contact = accessibility.feedback_email({settings.ACCESSIBILITY.section: accounts.secret(settings.ACCESSIBILITY)})
st.markdown(
    "Sind Ihnen Barrieren aufgefallen, oder brauchen Sie Inhalte in einer anderen Form? "
    "Schreiben Sie uns; wir antworten in der Regel innerhalb von zwei Wochen."
)
if contact:
    st.markdown(f"E-Mail: {mdsafe.md(contact)}")
else:
    st.error(f"Kontakt: {accessibility.UNCONFIGURED}")
st.header("Durchsetzungsverfahren")
st.markdown(
    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die "
    "**Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)** beim Beauftragten der "
    "Bundesregierung für die Belange von Menschen mit Behinderungen wenden. Das Verfahren ist "
    "kostenlos; Sie brauchen keinen Rechtsbeistand. Ein Antrag ist formlos per E-Mail, Brief oder "
    "Online-Formular möglich.\n\n"
    "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der "
    "Bundesregierung für die Belange von Menschen mit Behinderungen: "
    "[behindertenbeauftragte.de/DE/SchlichtungsstelleBGG]"
    "(https://www.behindertenbeauftragte.de/DE/SchlichtungsstelleBGG/Zustaendigkeit/Zustaendigkeit_node.html) "
    "(Anschrift und Antragsformular dort; Stand der Verweisung 29.11.2026).\n\n"
    "Betreibt eine Stelle eines Landes die Anwendung, ist die Durchsetzungs- oder Schlichtungsstelle "
    "dieses Landes zuständig."
)
cards.attribution_footer()
