"""Page "Methodik": sources, licences, criteria, region resolution, what counts as coverage, limits."""

import streamlit as st

from geo.figures import coverage
from geo.handouts import attribution
from geo.records.model import HANDLUNGSFELDER, MIN_PARTNERS
from ui import cards

st.title("Methodik")
MONTHS = coverage.current_months()
notice = cards.data_notice()
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
Fehlt eine Angabe (keine Partner genannt, kein Handlungsfeld, keine Auskunft zu einem Kriterium), heißt das
Kriterium *unbekannt*, nie *nicht erfüllt*. Netzwerke ohne Handlungsfeld stehen in Tabellen unter „ohne Angabe“.

### Wie werden die Länder gereiht?
Rang 1 ist der beste Wert unter den 16 Ländern. Haben mehrere Länder denselben Wert, teilen sie sich die
Plätze („3.–5. von 16 (gleichauf)“). Keinen Rang („–“) gibt es, wenn alle 16 Länder denselben Wert haben oder
ein Land bei einer Kennzahl, bei der mehr besser ist, den Wert 0 hat: Null Netzwerke sind kein erster Platz.

### Was zählen Karte und Verzeichnis?
Die Karte zählt die Netzwerke, die als Abdeckung zählen (regionale; landes- und bundesweite nur mit dem
Schalter „Landes- und bundesweite Netzwerke zählen als Abdeckung“). Das Verzeichnis listet alle Netzwerke
unter den Filtern und sagt, wie viele davon die Karte zählt.

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

### Was zählt als Abdeckung? Drei Belegklassen
Jeder Kreis steht in genau einer Klasse:

1. **Netzwerk mit aktuellem Beleg** — mindestens ein regionales Netzwerk unter den gewählten Filtern,
   dessen neuester datierter Beleg höchstens {MONTHS} Monate alt ist und das nicht beendet ist. Beleg ist
   eine Quelle (ihr Datum steht als „Stand“ am Eintrag; die erste Quelle ist die, die es trägt), eine
   Meldung des Netzwerks oder eine Bestätigung der Redaktion. Nur diese Kreise heißen **abgedeckt**.
2. **Nur ältere Belege** — Netzwerke sind dokumentiert, aber keines hat einen Beleg aus den letzten
   {MONTHS} Monaten. Ob sie heute arbeiten, ist offen; diese Kreise stehen neben den abgedeckten, nie darin.
3. **Kein dokumentiertes Netzwerk** (weißer Fleck). Für jeden weißen Fleck des Registers ist vermerkt,
   wann und wo gesucht wurde.

Ob ein Eintrag aktuell ist, folgt aus seinen datierten Belegen und seinem Enddatum, nicht aus dem von
Hand gesetzten Status allein. Der Status-Filter bleibt für Fachleute; Kennzahlen und Karte mischen die
Klassen nie.

Landes- und bundesweite Netzwerke zählen standardmäßig **nicht** — die Frage ist meist, wo ein
*regionales* Netzwerk fehlt; ein Schalter ändert das. **Stadtstaaten:** In Berlin und Hamburg wirkt ein
landesweites Netzwerk in der Stadt selbst und zählt für diesen einen Kreis; in Bremen zählt es für beide
Kreise (Bremen und Bremerhaven). Diese Regel gilt in jeder Ansicht gleich. Ein Netzwerk, das einen Kreis
doppelt nennt, zählt dort einmal. „Stand eines Jahres“: gegründet bis zu diesem Jahr und nicht vorher
beendet; als aktuell gilt dann ein Beleg aus den {MONTHS} Monaten bis zum Jahresende.

### Grenzen
- Bevölkerung zum 31.12.2019, also vor der Korrektur durch den Zensus 2022. Eine neuere amtliche
  Kreistabelle (Destatis) ist in keinem Paket der erreichbaren Paketquellen enthalten (geprüft am
  02.12.2026: unter anderem `gv100ad-py`, `mloda-plugin-govdata`, `de-destatis`, `landkreise-deutschland`
  — Letzteres mit Stand 31.12.2018); eine neuere Datei lässt sich mit `make data DESTATIS=…` einlesen.
- Kreisgrenzen aus einer generalisierten VG250-Fassung.
- Postleitzahlgebiete können Kreisgrenzen schneiden; solche PLZ gelten als mehrdeutig.
- Ortsnamen aus GeoNames (Orte ab 500 Einwohnern).
- Nachbarschaft: gemeinsame Grenze von mindestens 50 m.
""")
cards.attribution_footer()
