"""Page "Methodik": sources, licences, criteria, region resolution, what counts as coverage, limits."""

import streamlit as st

from geo import attribution
from geo.records import HANDLUNGSFELDER, MIN_PARTNERS
from pages import common

st.title("Methodik")
st.markdown(f"""
### Datenquellen
- {attribution.GEODATA}
- {attribution.POPULATION}
- {attribution.NUTS}
- {attribution.PLACES}
- Netzwerkdaten: Selbstauskünfte der Netzwerke. **Derzeit sind nur fiktive Demo-Daten geladen.**

Gebietsstand: 400 Kreise und kreisfreie Städte (Stand 01.07.2021, Eisenach im Wartburgkreis).
Jede Bearbeitung der Geodaten ist in `data/README.md` dokumentiert und mit `make data` reproduzierbar.

### Was ist ein Netzwerk?
Mindestens {MIN_PARTNERS} regionale Akteure arbeiten verbindlich zusammen, setzen Ziele auf Grundlage
regionaler Daten, setzen Maßnahmen in den Handlungsfeldern um ({", ".join(HANDLUNGSFELDER[:4])}) und
evaluieren ihre Ergebnisse. Jedes Kriterium wird als erfüllt, nicht erfüllt oder unbekannt ausgewiesen.

### Wie wird die Region zugeordnet?
Die gemeldete Region wird in Teile zerlegt („A, B und C sowie D“) und jeder Teil einzeln erkannt:
Kreisschlüssel (AGS), Gemeindeschlüssel, ARS, NUTS-Codes (2016, 2021, 2024), veraltete Codes,
Kreisnamen mit und ohne Zusatz („Landkreis“, „Stadt“, „LK“), Länder, Regierungsbezirke, Orte,
Postleitzahlen und dokumentierte Regionen („Sauerland“, „Rhein-Neckar“). Es wird nie geraten:
mehrdeutige Angaben wie „München“ (Stadt oder Landkreis) werden als mehrdeutig gemeldet;
kleine Tippfehler werden korrigiert und angezeigt.

### Was zählt als Abdeckung?
Ein Kreis gilt als abgedeckt, wenn mindestens ein Netzwerk unter den gewählten Filtern dort wirkt.
Landes- und bundesweite Netzwerke zählen standardmäßig **nicht** — die Frage ist meist, wo ein
*regionales* Netzwerk fehlt; ein Schalter ändert das. Ein Netzwerk, das einen Kreis doppelt nennt,
zählt dort einmal. „Stand eines Jahres“: gegründet bis zu diesem Jahr und nicht vorher beendet.

### Grenzen
- Bevölkerung zum 31.12.2019; Kreisgrenzen aus einer generalisierten VG250-Fassung.
- Postleitzahlgebiete können Kreisgrenzen schneiden; solche PLZ gelten als mehrdeutig.
- Ortsnamen aus GeoNames (Orte ab 500 Einwohnern).
- Nachbarschaft: gemeinsame Grenze von mindestens 50 m.
""")
common.attribution_footer()
