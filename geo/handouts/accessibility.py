"""Facts for the accessibility statement (BITV 2.0 § 7): feedback contact and the known gaps.

Kept out of the page so tests and the statement share one list, and so the contact comes from
configuration, never from a hard-coded address that nobody reads.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo.config import settings

FEEDBACK_EMAIL_ENV = settings.FEEDBACK_EMAIL.name
#: Shown while no contact is configured: it must be obvious that the operator has to set one.
UNCONFIGURED = "NICHT KONFIGURIERT – Betreiber: Umgebungsvariable NETZWERKATLAS_FEEDBACK_EMAIL setzen"

#: The axe-core rule sets the browser tests check; no rule is switched off.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Rules the browser tests switch off, with the reason (shown on the statement page). None today.
DISABLED_AXE_RULES: dict[str, str] = {}

#: Parts not yet accessible, each with the reason and the alternative (German: shown to users).
KNOWN_GAPS = (
    "Die Karte selbst ist eine Grafik. Ihre Aussage steht als Text daneben (Zusammenfassung, Legende), "
    "jeder Kreis ist per Tastatur erreichbar (Tab, dann Pfeiltasten; Eingabetaste wählt) und benannt, "
    "und alle Werte stehen in der „Tabelle aller Kreise“ unter der Karte. Eine Alternative ist die Suche "
    "über der Karte (Kreis, Ort, PLZ oder AGS).",
    "Die Lage eines Kreises in der Karte (Nachbarschaft, Entfernungen) erschließt sich nur visuell; im "
    "Bereich eines weißen Flecks nennt die App die Netzwerke der Nachbarkreise als Text.",
    "Tabellen werden mit der Tabellenkomponente von Streamlit gezeigt, einer gezeichneten Rastergrafik "
    "mit Tastaturbedienung, die Bildschirmleser nicht in jedem Fall wie eine HTML-Tabelle vorlesen. Alle "
    "Tabellen lassen sich als CSV oder XLSX herunterladen.",
    "Die Umrandung des ausgewählten Kreises (Magenta) hebt sich von dunkelblauen Flächen mit weniger als "
    "3:1 ab; die Auswahl steht zusätzlich als Überschrift neben der Karte und wird Bildschirmlesern "
    "angesagt.",
    "Das Kartenbild für Berichte (PNG, SVG, PDF) ist eine Grafik ohne Textalternative im Dokument; "
    "dieselben Zahlen gibt es als Tabelle (CSV/XLSX).",
)


def feedback_email(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The configured contact for accessibility feedback: env variable first, then secrets; else None.

    Secrets: ``[barrierefreiheit] kontakt = "…"`` in ``.streamlit/secrets.toml``. ``environ`` defaults to
    ``os.environ`` (both read through :mod:`geo.config.settings`).
    """
    value = settings.FEEDBACK_EMAIL.get(environ) or ""
    if not value and secrets:
        value = settings.ACCESSIBILITY.read(secrets).get("kontakt", "").strip()
    return value or None
