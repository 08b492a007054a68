"""DCAT-AP.de metadata of the open-data files: valid against the mandatory properties, the same files as the
manifest, readable as JSON-LD and RDF/XML.

No package on PyPI ships the official DCAT-AP or DCAT-AP.de SHACL shapes (checked: ckanext-dcat 2.4.4, wheel
and sdist, keeps them out of the package; dcat-ap-de-validator 1.1.0 only asks a portal), so the shapes in
``tests/data/dcat_ap_de_mandatory.ttl`` state the mandatory properties from the specifications.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib import compare
from rdflib.namespace import DCAT, DCTERMS

from geo.handouts import dcat, opendata

SHAPES = Path(__file__).parent / "data" / "dcat_ap_de_mandatory.ttl"
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
BASE = "https://atlas.example.org/"


@pytest.fixture(scope="module")
def manifest(stored_networks, kreise):
    from geo.storage import store

    files = opendata.build(stored_networks, store.export_layout(stored_networks), kreise, "7", "2026-12-02")
    metas = [{**m.__dict__, "snapshot": opendata.snapshot_name(m)} for m, _ in files]
    return {"key": "x:7", "data_version": "7", "issued": "2026-12-02", "distributions": metas}


def graph_of(document: dict) -> rdflib.Graph:
    return rdflib.Graph().parse(data=json.dumps(document), format="json-ld")


def conforms(graph: rdflib.Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=str(SHAPES), inference="none")
    return ok, text


def test_catalogue_conforms_to_the_mandatory_properties(manifest):
    ok, report = conforms(graph_of(dcat.catalog(manifest, BASE)))
    assert ok, report


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["@graph"][2]["dcat:distribution"][0].pop("dct:license"),
        lambda d: d["@graph"][2]["dcat:distribution"][0]["spdx:checksum"]["spdx:checksumValue"].update(
            {"@value": "zz"}
        ),
        lambda d: d["@graph"][0].pop("dct:publisher"),
        lambda d: d["@graph"][3].pop("dct:title"),
    ],
    ids=["no-licence", "bad-checksum", "catalogue-without-publisher", "dataset-without-title"],
)
def test_the_shapes_catch_a_missing_mandatory_property(manifest, spoil):
    document = dcat.catalog(manifest, BASE)
    spoil(document)
    assert not conforms(graph_of(document))[0]


def test_each_file_is_a_distribution_with_its_address_checksum_and_licence(manifest):
    graph = graph_of(dcat.catalog(manifest, BASE))
    found = {}
    for dist in graph.subjects(rdflib.RDF.type, DCAT.Distribution):
        checksum = graph.value(graph.value(dist, SPDX.checksum), SPDX.checksumValue)
        found[str(graph.value(dist, DCAT.downloadURL))] = (str(checksum), str(graph.value(dist, DCTERMS.license)))
    expected = {
        f"{BASE}{opendata.URL_PREFIX}{d['name']}": (d["sha256"], "http://dcat-ap.de/def/licenses/cc-by/4.0")
        for d in manifest["distributions"]
    }
    assert found == expected
    assert len(set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))) == 3


def test_rdfxml_holds_the_same_graph(manifest):
    document = dcat.catalog(manifest, BASE)
    from_xml = rdflib.Graph().parse(data=dcat.to_rdfxml(document), format="xml")
    assert compare.isomorphic(from_xml, graph_of(document))


def test_public_url_must_be_an_http_address(monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_PUBLIC_URL", "atlas.example.org")
    with pytest.raises(ValueError, match="NETZWERKATLAS_PUBLIC_URL"):
        dcat.public_url()
    monkeypatch.setenv("NETZWERKATLAS_PUBLIC_URL", "https://atlas.example.org/netzwerke")
    assert dcat.public_url() == "https://atlas.example.org/netzwerke/"
