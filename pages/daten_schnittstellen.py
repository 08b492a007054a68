"""Page "Daten & Schnittstellen": the open-data files with licence, date, row count and checksum; the OGC API;
the Atom feeds of changes."""

from datetime import date

import streamlit as st

from geo.handouts import attribution, embed, feeds, opendata
from geo.text import germanfmt
from ui import area_views, cards, data
from ui import embed as embed_ui
from ui import opendata as opendata_ui

st.title("Daten & Schnittstellen")
version = data.data_version()
opendata_ui.keep_current(version)
embed_ui.keep_current(version)
manifest, stale = opendata_ui.published(version)
st.markdown(f"""
Die Daten des Atlas stehen zur freien Weiternutzung bereit. Die Adressen unten liefern immer den aktuellen Stand;
für Zitate gibt es zu jedem Stand eine datierte Fassung, deren Inhalt sich nie ändert.

**Lizenz:** Das Register der Netzwerke ist unsere Zusammenstellung aus öffentlichen Quellen und steht unter der
[{opendata.REGISTER_LICENCE["label"]}]({opendata.REGISTER_LICENCE["url"]}). Namensnennung:
„{opendata.REGISTER_ATTRIBUTION}“. Dateien mit Kreisgeometrie tragen zusätzlich den Vermerk der Geodaten:
{attribution.GEODATA}

CSV-Dateien: UTF-8 mit BOM, Semikolon als Trennzeichen, Dezimalkomma (öffnen direkt in Excel). GeoJSON:
WGS 84 (EPSG:4326), Lizenz und Quellenvermerk als Angaben `license` und `attribution` der FeatureCollection.
""")
if manifest is None:
    st.info("Die Dateien werden gerade erstellt. Bitte die Seite in einer Minute neu laden.")
else:
    if stale:
        st.caption(
            "Die Dateien werden gerade auf den neuesten Stand gebracht; unten steht der zuletzt veröffentlichte."
        )
    metas = opendata.distributions(manifest)
    for dataset in dict.fromkeys(m.dataset for m in metas):
        items = [m for m in metas if m.dataset == dataset]
        st.subheader(items[0].title)
        st.caption(items[0].description)
        for meta in items:
            st.markdown(
                f"- **[{meta.name}]({opendata.URL_PREFIX}{meta.name})** ({meta.format.upper()}, "
                f"{germanfmt.integer(meta.rows)} Zeilen, {germanfmt.integer(round(meta.size / 1024))} KB) · "
                f"Stand {germanfmt.day(date.fromisoformat(meta.issued))}, Datenversion {meta.data_version} · "
                f"Lizenz {meta.licence} · "
                f"[datierte Fassung]({opendata.URL_PREFIX}archiv/{meta.snapshot})  \n"
                f"  SHA-256: `{meta.sha256}`"
            )
    st.subheader("Metadaten (DCAT-AP.de)")
    st.markdown(
        f"Für Datenportale wie GovData: der Katalog dieser Dateien als [JSON-LD]({opendata.URL_PREFIX}dcat.jsonld) "
        f"und [RDF/XML]({opendata.URL_PREFIX}dcat.rdf), mit Lizenz, Namensnennung, Größe und SHA-256 je Datei."
    )
    if (opendata.OPEN_DIR / feeds.GERMANY_FILE).exists():  # written with the files since the feeds exist
        st.subheader("Änderungen abonnieren (Atom)")
        laender = area_views.land_names()
        per_land = " · ".join(f"[{name}]({opendata.URL_PREFIX}{feeds.file_name(key)})" for key, name in laender.items())
        st.markdown(
            f"Neue, geänderte und beendete Netzwerke als Feed für jeden Feedreader (Atom), je Eintrag mit Datum, "
            f"was sich geändert hat, und einem Link zum Profil; die neuesten {feeds.MAX_ENTRIES} Änderungen, "
            f"Lizenz wie oben.\n\n"
            f"- **[Deutschland]({opendata.URL_PREFIX}{feeds.GERMANY_FILE})**: alle Änderungen\n"
            f"- **je Land** (Netzwerke mit mindestens einem Kreis im Land): {per_land}"
        )
st.subheader("Auf der eigenen Website zeigen")
st.markdown(
    "Jeder Kreis, jedes Land und Deutschland hat eine kompakte Ansicht zum Einbetten: Belegklasse, Netzwerke mit "
    "Link zum Profil, Alter der Belege, kleine Karte, Link zum Atlas – ohne Cookies, ohne Skripte, ohne Anfragen an "
    "Dritte. Den Code dafür gibt die Schaltfläche **Einbetten** auf der Karte beim gewählten Kreis oder Land. "
    f"Beispiel: [Ansicht Deutschland zum Einbetten]({embed.URL_PREFIX}{embed.GERMANY_FILE})."
)
cards.attribution_footer()
