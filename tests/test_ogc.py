"""OGC API – Features (issue 26): a real client (OWSLib) reads what ``make ogc`` serves from the app's database.

The server runs as its own process (``python -m geo.handouts.ogc``) on the shared test database.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from geojson_pydantic import Feature, FeatureCollection
from owslib.ogcapi.features import Features

from bench.appserver import free_port
from geo.figures import coverage
from geo.handouts import ogc
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"OGC server ended with {process.returncode}: {process.stderr.read()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)  # polling for a condition (the port answering), not a fixed wait
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def file_state(path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


@pytest.fixture(scope="module")
def server(test_database):
    before = file_state(test_database)
    port = free_port()
    env = {**os.environ, "NETZWERKATLAS_DB": str(test_database), "OGC_PORT": str(port)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "geo.handouts.ogc"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "?f=json", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert file_state(test_database) == before, "the OGC process changed the database"


@pytest.fixture(scope="module")
def client(server):
    return Features(server)


@pytest.fixture(scope="module")
def networks_now(server, test_database):
    """The shared test database's networks as the server reads them now: earlier tests of the session write
    into it (reports accepted, imports), so the session's ``stored_networks`` may be older than the server."""
    from geo.storage import store

    engine = store.make_engine(f"sqlite:///{test_database}")
    try:
        return store.load_networks(engine)
    finally:
        engine.dispose()


def test_landing_page_conformance_and_collections(client):
    assert any(link["rel"] == "data" for link in client.links)
    classes = client.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in classes
    ids = {c["id"] for c in client.collections()["collections"]}
    assert {"kreise", "netzwerke"} <= ids
    assert client.collection("kreise")["title"] == "Kreise"


def all_items(client, name: str) -> list[dict]:
    features, offset = [], 0
    while True:
        page = client.collection_items(name, limit=ogc.MAX_ITEMS, offset=offset)
        FeatureCollection.model_validate(page)
        features += page["features"]
        offset += len(page["features"])
        if not page["features"] or offset >= page["numberMatched"]:
            return features


def test_kreise_equal_the_apps_figures_and_validate_as_geojson(client, networks_now, kreise):
    features = all_items(client, "kreise")
    expected = coverage.kreis_coverage(networks_now, kreise).set_index("ags")
    assert len(features) == 400 and len({f["id"] for f in features}) == 400
    for feature in features:
        Feature.model_validate(feature)
        row, props = expected.loc[feature["id"]], feature["properties"]
        assert (props["evidence"], props["n_current"], props["n_networks"], props["population"]) == (
            row["evidence"],
            row["n_current"],
            row["n_networks"],
            row["population"],
        ), feature["id"]
        assert props["land"] == row["land"] and feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_networks_list_their_kreise(client, networks_now):
    features = all_items(client, "netzwerke")
    assert {f["id"] for f in features} == set(networks_now["id"].astype(str))
    wanted = networks_now.set_index("id").loc[features[0]["id"]]
    assert features[0]["properties"]["kreise"].split(";") == list(wanted["ags"])


def test_a_request_for_100000_items_is_capped(client):
    page = client.collection_items("kreise", limit=100_000)
    assert page["numberReturned"] == len(page["features"]) == ogc.MAX_ITEMS < page["numberMatched"] == 400


def test_bbox_and_property_filters_bound_the_answer(client, kreise):
    brandenburg = client.collection_items("kreise", land="Brandenburg", limit=100)
    assert brandenburg["numberMatched"] == (kreise["land"] == "Brandenburg").sum() == 18
    berlin = client.collection_items("kreise", bbox=[13.3, 52.45, 13.45, 52.55], limit=100)
    assert {f["id"] for f in berlin["features"]} == {"11000"}


def test_reading_is_open_to_other_origins_and_writing_is_refused(server):
    with urllib.request.urlopen(server + "collections?f=json") as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    request = urllib.request.Request(
        server + "collections/kreise/items",
        data=b'{"type":"Feature","geometry":null,"properties":{}}',
        headers={"Content-Type": "application/geo+json"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 405
