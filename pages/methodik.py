"""Page "Methodik": sources, licences, criteria, region resolution, what counts as coverage, limits."""

import streamlit as st

from geo.handouts import attribution
from geo.records.model import HANDLUNGSFELDER, MIN_PARTNERS
from ui import common

st.title("Methodik")
notice = common.data_notice()
shown = notice.short if notice else "von der Redaktion erfasst"
st.markdown(f"""
### Datenquellen
- {attribution.GEODATA}
- {attribution.POPULATION}
- {attribution.NUTS}
- {attribution.PLACES}
- Netzwerkdaten hier: {shown}; wie das mitgelieferte Register entsteht, steht unter „Netzwerke aus öffentlichen
  Quellen“.

Gebietsstand: 400 Kreise und kreisfreie Städte (Stand 01.07.2021, Eisenach im Wartburgkreis).
Jede Bearbeitung der Geodaten ist in `data/README.md` dokumentiert und mit `make data` reproduzierbar.

### Netzwerke aus öffentlichen Quellen
Der mitgelieferte Datenbestand („Register“) ist aus öffentlich zugänglichen Seiten zusammengestellt:
Landesprogramme (z. B. Regionale Fachkräftebündnisse, Fachkräfteallianzen), Seiten der Netzwerke selbst,
von Kammern, Agenturen für Arbeit, Kommunen und Wirtschaftsförderungen sowie Presseberichte. Jeder Eintrag
nennt ein bis drei Quellen und den jüngsten Stand, den die Quellen zeigen; die Region steht so im Eintrag,
wie die Quelle sie beschreibt, und wird nach denselben Regeln erkannt wie jeder Import. Beschreibungen sind
eigene Kurzfassungen; Handlungsfelder, Gründungsjahr und Partner stehen nur dort, wo eine Quelle sie nennt,
die vier Kriterien bleiben „unbekannt“. Status: „aktiv“ heißt aktiv laut einer Quelle ab 2023, „unklar“,
dass keine aktuelle Quelle gefunden wurde. Die Angaben sind **nicht von den Netzwerken bestätigt**.

Ein Register öffentlicher Quellen ist keine Vollerhebung: Ein weißer Fleck bedeutet hier
**„kein öffentlich dokumentiertes Netzwerk“** — nicht, dass es dort keines gibt. Für Tests und Vorführungen
gibt es fiktive Demo-Daten (`NETZWERKATLAS_DATASET=demo`); beide Bestände werden nie gemischt.

### Was ist ein Netzwerk?
Mindestens {MIN_PARTNERS} regionale Akteure arbeiten verbindlich zusammen, setzen Ziele auf Grundlage
regionaler Daten, setzen Maßnahmen in den Handlungsfeldern um ({", ".join(HANDLUNGSFELDER[:4])}) und
evaluieren ihre Ergebnisse. Jedes Kriterium wird als erfüllt, nicht erfüllt oder unbekannt ausgewiesen.

### Wie wird die Region zugeordnet?
Die gemeldete Region wird so gelesen, wie Menschen sie schreiben:

- **Aufzählung**: Teile getrennt durch Komma, Semikolon, Schrägstrich, „und“, „sowie“, „mit“ (nicht
  innerhalb von Klammern). Ein Typwort in der Mehrzahl gilt für alle folgenden Einträge bis zum
  nächsten Typwort: „Landkreise Harburg, Stade und Cuxhaven“ meint drei Landkreise.
- **Eintrag**: Artikel und Füllwörter („die Stadt“, „im gesamten“, „ganz“) zählen nicht;
  ein Landesadjektiv vor dem Typwort („Thüringer Landkreise …“) beschränkt auf dieses Land;
  „Stadt und Landkreis X“, „X (Stadt und Land)“ meint beide; „Region X“ ist der Landkreis X,
  „Region Hannover“ und „Regionalverband Saarbrücken“ sind selbst Kreise.
- **Überschrift**: Was vor einem Doppelpunkt steht („Münsterland: Borken, Coesfeld, …“) oder vor
  einer Aufzählung in Klammern („Region Trier (Stadt Trier, Landkreise …)“), ist Überschrift, nicht Inhalt.
- **Klammer**: Teil des Namens („Rotenburg (Wümme)“), Erläuterung („(landesweit)“) oder Eingrenzung
  („Harburg (Niedersachsen)“, „Görlitz (Oberlausitz)“).
- **Erkannt** werden Kreisschlüssel (AGS), Gemeindeschlüssel, ARS, NUTS-Codes (2016, 2021, 2024),
  veraltete Codes, Kreisnamen mit und ohne Zusatz, frühere Kreise („Eisenach“ → Wartburgkreis seit
  2021, vor gleichnamigen kleinen Orten), Länder, Regierungsbezirke, Orte, Postleitzahlen und
  dokumentierte Regionen („Sauerland“, „Rhein-Neckar“).
- **Zusammenhang**: Ist ein Kreisname in mehreren Ländern vergeben und liegt alles andere im Text in
  einem Land, gilt der Kreis in diesem Land („Münster aus dem Zusammenhang: Nordrhein-Westfalen“).
  Ein Land neben Kreisen darin ist eine Ortsangabe („Landkreis Harburg, Niedersachsen“), außer es
  heißt ausdrücklich „ganz …“ oder „landesweit“.

Es wird nie geraten: mehrdeutige Angaben wie „München“ (Stadt oder Landkreis) werden als mehrdeutig
gemeldet, kleine Tippfehler korrigiert und angezeigt. Jede Lesart, die nicht wörtlich dasteht, zeigt
die Importvorschau je Zeile an („Typwort 'Landkreise' auf 6 Einträge angewandt“).

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
