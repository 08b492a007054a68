"""DCAT-AP.de metadata of the open-data files (issue 26), so GovData or a Land portal can harvest them.

:func:`catalog` turns a manifest of ``geo.handouts.opendata`` into a JSON-LD catalogue (one ``dcat:Dataset`` per
dataset, one ``dcat:Distribution`` per file, with licence, attribution text, size, SHA-256, format and media type);
:func:`to_rdfxml` gives the same graph as RDF/XML, the serialisation most harvesters read. Addresses are
absolute: ``NETZWERKATLAS_PUBLIC_URL`` (default ``http://localhost:8501/``) is where the app is reached.
"""

from __future__ import annotations

import json

from geo.config import settings
from geo.handouts import opendata

DEFAULT_PUBLIC_URL = "http://localhost:8501/"
PAGE = "offene-daten"
FILE_TYPES = {"csv": "CSV", "xlsx": "XLSX", "geojson": "GEOJSON"}
EU = "http://publications.europa.eu/resource/authority/"
#: The register's licence in the DCAT-AP.de licence vocabulary.
LICENCES = {"CC-BY-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0"}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
KEYWORDS = ["Fachkräftesicherung", "Netzwerke", "Kreise", "Arbeitsmarkt", "weiße Flecken"]


def public_url() -> str:
    """The app's public address with a trailing slash (``NETZWERKATLAS_PUBLIC_URL``)."""
    url = settings.PUBLIC_URL.get().strip() or DEFAULT_PUBLIC_URL
    if not url.startswith(("http://", "https://")):
        raise ValueError(
            f"NETZWERKATLAS_PUBLIC_URL={url!r} ist ungültig: eine http(s)-Adresse, z. B. {DEFAULT_PUBLIC_URL}"
        )
    return url.rstrip("/") + "/"


def _ref(iri: str) -> dict:
    return {"@id": iri}


def _date(value: str) -> dict:
    return {"@value": value, "@type": "xsd:date"}


def _text(value: str) -> dict:
    return {"@value": value, "@language": "de"}


def _distribution(meta: opendata.Distribution, base: str) -> dict:
    url = f"{base}{opendata.URL_PREFIX}{meta.name}"
    return {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _text(f"{meta.title} ({meta.format.upper()})"),
        "dct:description": _text(f"{meta.description} {meta.rows} Zeilen, Datenversion {meta.data_version}."),
        "dcat:accessURL": _ref(base + PAGE),
        "dcat:downloadURL": _ref(url),
        "dct:format": _ref(f"{EU}file-type/{FILE_TYPES[meta.format]}"),
        "dcat:mediaType": _ref(f"https://www.iana.org/assignments/media-types/{meta.media_type}"),
        "dct:license": _ref(LICENCES[meta.licence]),
        "dcatde:licenseAttributionByText": _text(meta.attribution),
        "dcat:byteSize": {"@value": str(meta.size), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": _ref("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
            "spdx:checksumValue": {"@value": meta.sha256, "@type": "xsd:hexBinary"},
        },
        "dct:issued": _date(meta.issued),
        "dct:modified": _date(meta.issued),
    }


def catalog(manifest: dict, base: str | None = None) -> dict:
    """The DCAT-AP.de catalogue of one manifest as a JSON-LD document (plain ``dict``, no remote context)."""
    base = base or public_url()
    publisher = {"@id": base + "#herausgeber", "@type": "foaf:Agent", "foaf:name": opendata.PUBLISHER}
    metas = opendata.distributions(manifest)
    datasets = []
    for name in dict.fromkeys(m.dataset for m in metas):
        items = [m for m in metas if m.dataset == name]
        datasets.append(
            {
                "@id": f"{base}{PAGE}#{name}",
                "@type": "dcat:Dataset",
                "dct:title": _text(items[0].title),
                "dct:description": _text(items[0].description),
                "dct:publisher": _ref(publisher["@id"]),
                "dct:identifier": f"netzwerkatlas-{name}",
                "dcat:keyword": [_text(k) for k in KEYWORDS],
                "dcat:theme": [_ref(f"{EU}data-theme/ECON"), _ref(f"{EU}data-theme/SOCI")],
                "dct:spatial": _ref(f"{EU}country/DEU"),
                "dcatde:politicalGeocodingLevelURI": _ref("http://dcat-ap.de/def/politicalGeocoding/Level/federal"),
                "dct:language": _ref(f"{EU}language/DEU"),
                "dct:issued": _date(manifest["issued"]),
                "dct:modified": _date(manifest["issued"]),
                "dcat:landingPage": _ref(base + PAGE),
                "owl:versionInfo": manifest["data_version"],
                "dcat:distribution": [_distribution(m, base) for m in items],
            }
        )
    return {
        "@context": {**CONTEXT, "owl": "http://www.w3.org/2002/07/owl#"},
        "@graph": [
            {
                "@id": base + "#katalog",
                "@type": "dcat:Catalog",
                "dct:title": _text("Netzwerkatlas Fachkräftesicherung – offene Daten"),
                "dct:description": _text(
                    "Register der regionalen Netzwerke zur Fachkräftesicherung, ihre Abdeckung der 400 Kreise "
                    "und die weißen Flecken."
                ),
                "dct:publisher": _ref(publisher["@id"]),
                "foaf:homepage": _ref(base),
                "dct:language": _ref(f"{EU}language/DEU"),
                "dct:license": _ref(LICENCES[opendata.REGISTER_LICENCE["id"]]),
                "dct:modified": _date(manifest["issued"]),
                "dcat:dataset": [_ref(d["@id"]) for d in datasets],
            },
            publisher,
            *datasets,
        ],
    }


def to_jsonld(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def to_rdfxml(document: dict) -> bytes:
    """The same graph as RDF/XML (rdflib, imported here: only this serialisation needs it)."""
    import rdflib

    graph = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    return graph.serialize(format="pretty-xml", encoding="utf-8")


def catalogue_files(manifest: dict, base: str | None = None) -> dict[str, bytes]:
    """``dcat.jsonld`` and ``dcat.rdf`` for the open-data folder."""
    document = catalog(manifest, base)
    return {"dcat.jsonld": to_jsonld(document), "dcat.rdf": to_rdfxml(document)}
