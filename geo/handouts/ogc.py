"""OGC API – Features for GIS users (issue 26): pygeoapi serving ``kreise`` and ``netzwerke`` from the app's database.

``make ogc`` runs ``python -m geo.handouts.ogc``: it writes a pygeoapi configuration and OpenAPI document into a
private temporary folder and serves them on ``http://127.0.0.1:$OGC_PORT/`` (default 5000), as a process of its
own. The collections are built by :class:`AtlasProvider` from the same database the app writes (``DATABASE_URL``
or ``NETZWERKATLAS_DB``), opened read-only, with the same figures as the open-data files
(``geo.handouts.opendata.coverage_table``), and rebuilt when the data version changes.

Bounds: at most :data:`MAX_ITEMS` features per page (a larger ``limit`` is cut to it), ``bbox`` and property
filters (``?land=Brandenburg``); only GET, HEAD and OPTIONS are answered (no transactions), with CORS for reading.
"""

from __future__ import annotations

import argparse
import importlib
import tempfile
import threading
from pathlib import Path

import geopandas as gpd
import pandas as pd
import sqlalchemy as sa
import yaml
from pygeoapi.provider.base import ProviderItemNotFoundError
from pygeoapi.provider.geojson import GeoJSONProvider
from shapely.geometry import box, mapping

from geo.config import settings
from geo.handouts import attribution, opendata
from geo.regions import boundaries
from geo.storage import store

DEFAULT_PORT = 5000
#: a GIS client pages through (QGIS does); 250 keeps one page of Kreise or networks with geometry near 1 MB
DEFAULT_ITEMS, MAX_ITEMS = 100, 250
COLLECTIONS = ("kreise", "netzwerke")
NETWORK_PROPERTIES = ["id", "name", "traeger", "region", "status", "website", "stand"]


def read_only_engine(url: str | None = None) -> sa.Engine:
    """The app's database, opened so that this process cannot write to it."""
    url = url or store.database_url()
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "").resolve()
        return sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", future=True)
    return sa.create_engine(
        url, future=True, pool_pre_ping=True, connect_args={"options": "-c default_transaction_read_only=on"}
    )


def kreise_features(networks: pd.DataFrame, kreise: gpd.GeoDataFrame) -> list[dict]:
    """One feature per Kreis (id: AGS) with name, Land, population, evidence class and network counts."""
    table = opendata.coverage_table(networks, kreise)
    shapes = kreise.set_index("ags").geometry
    features = []
    for row in table.to_dict("records"):
        properties = {k: (bool(v) if k == "covered" else v) for k, v in row.items()}
        properties["population"] = int(properties["population"])
        for key, value in properties.items():
            if hasattr(value, "item"):
                properties[key] = value.item()
        geometry = mapping(shapes.loc[row["ags"]])
        features.append({"type": "Feature", "id": row["ags"], "geometry": geometry, "properties": properties})
    return features


def network_features(networks: pd.DataFrame, kreise: gpd.GeoDataFrame) -> list[dict]:
    """One feature per network (id: its record id) with its Kreise (AGS list) and their union as geometry."""
    shapes = kreise.set_index("ags").geometry
    features = []
    for row in networks.to_dict("records"):
        codes = [a for a in row["ags"] if a in shapes.index]
        properties = {k: ("" if pd.isna(row.get(k)) else str(row.get(k))) for k in NETWORK_PROPERTIES}
        properties["handlungsfelder"] = "; ".join(row["handlungsfelder"])
        properties["kreise"] = ";".join(codes)
        properties["n_kreise"] = len(codes)
        geometry = mapping(shapes.loc[codes].union_all()) if codes else None
        features.append({"type": "Feature", "id": str(row["id"]), "geometry": geometry, "properties": properties})
    return features


class _Source:
    """The features of both collections for the database's current data version, built once per version."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version: str | None = None
        self.features: dict[str, list[dict]] = {}
        self.engine: sa.Engine | None = None
        self.kreise: gpd.GeoDataFrame | None = None

    def get(self, collection: str) -> list[dict]:
        with self.lock:
            if self.engine is None:
                self.engine, self.kreise = read_only_engine(), boundaries.load_kreise()
            version = store.data_version(self.engine)
            if version != self.version:
                networks = store.load_networks(self.engine)
                self.features = {
                    "kreise": kreise_features(networks, self.kreise),
                    "netzwerke": network_features(networks, self.kreise),
                }
                self.version = version
            return self.features[collection]


SOURCE = _Source()


class AtlasProvider(GeoJSONProvider):
    """pygeoapi feature provider for one collection of the atlas (``data``: ``kreise`` or ``netzwerke``).

    Read-only: ``create``, ``update`` and ``delete`` refuse, whatever the configuration says.
    """

    def __init__(self, provider_def: dict) -> None:
        if provider_def.get("data") not in COLLECTIONS:
            raise RuntimeError(f"Unbekannte Sammlung {provider_def.get('data')!r}; gültig: {', '.join(COLLECTIONS)}")
        super().__init__(provider_def)

    def get_fields(self) -> dict:
        if not self._fields:
            first = SOURCE.get(self.data)[0]["properties"]
            kinds = {bool: "boolean", int: "integer", float: "number"}
            self._fields = {k: {"type": kinds.get(type(v), "string")} for k, v in first.items()}
        return self._fields

    def _load(self, bbox=(), skip_geometry=None, properties=(), select_properties=()) -> dict:
        features = SOURCE.get(self.data)
        if properties:
            features = [f for f in features if all(str(f["properties"].get(k)) == str(v) for k, v in properties)]
        if bbox:
            area = box(*bbox[:4])
            features = [f for f in features if f["geometry"] is None or _shape(f).intersects(area)]
        keep = set(select_properties or ())
        out = []
        for feature in features:
            props = feature["properties"]
            out.append(
                {
                    "type": "Feature",
                    "id": feature["id"],
                    "geometry": None if skip_geometry else feature["geometry"],
                    "properties": {k: v for k, v in props.items() if k in keep} if keep else dict(props),
                }
            )
        return {"type": "FeatureCollection", "features": out}

    def get(self, identifier, **kwargs) -> dict:
        for feature in self._load()["features"]:
            if str(feature["id"]) == str(identifier):
                return feature
        raise ProviderItemNotFoundError(f"item {identifier} not found")

    def create(self, new_feature):  # noqa: ARG002
        raise PermissionError("read-only")

    update = delete = create


_SHAPES: dict[int, object] = {}


def _shape(feature: dict):
    from shapely.geometry import shape

    key = id(feature["geometry"])
    if key not in _SHAPES:
        _SHAPES[key] = shape(feature["geometry"])
    return _SHAPES[key]


def config(url: str, port: int, host: str = "127.0.0.1") -> dict:
    """The pygeoapi configuration: two collections, page size bounded, HTML without a base map."""
    licence = opendata.REGISTER_LICENCE
    collection = {
        "type": "collection",
        "keywords": ["Fachkräftesicherung", "Netzwerke", "Kreise"],
        "links": [],
        "extents": {
            "spatial": {"bbox": [5.86, 47.27, 15.04, 55.06], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}
        },
    }
    return {
        "server": {
            "bind": {"host": host, "port": port},
            "url": url.rstrip("/"),
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["de-DE", "en-US"],
            "limits": {"default_items": DEFAULT_ITEMS, "max_items": MAX_ITEMS, "on_exceed": "throttle"},
            "map": {"url": "", "attribution": attribution.GEODATA},
            "admin": False,
            "cors": False,  # set by serve() for reading only
            "pretty_print": False,
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "Netzwerkatlas Fachkräftesicherung – OGC API Features",
                "description": "Kreise mit Belegklasse und Netzwerkzahlen; Netzwerke mit ihren Kreisen.",
                "keywords": ["Fachkräftesicherung"],
                "keywords_type": "theme",
                "terms_of_service": licence["url"],
                "url": url,
            },
            "license": {"name": f"{licence['label']}; {attribution.GEODATA}", "url": licence["url"]},
            "provider": {"name": opendata.PUBLISHER, "url": url},
            "contact": {"name": opendata.PUBLISHER, "url": url, "role": "pointOfContact"},
        },
        "resources": {
            "kreise": {
                **collection,
                "title": "Kreise",
                "description": "Die 400 Kreise: AGS, Name, Land, Bevölkerung, Belegklasse, Netzwerke gesamt und je "
                "Handlungsfeld (wie die Karte mit Standardfiltern).",
                "providers": [
                    {
                        "type": "feature",
                        "name": "geo.handouts.ogc.AtlasProvider",
                        "data": "kreise",
                        "id_field": "ags",
                        "title_field": "name",
                    }
                ],
            },
            "netzwerke": {
                **collection,
                "title": "Netzwerke",
                "description": "Je Netzwerk ein Objekt mit seinen Kreisen (AGS-Liste) und deren Fläche.",
                "providers": [
                    {
                        "type": "feature",
                        "name": "geo.handouts.ogc.AtlasProvider",
                        "data": "netzwerke",
                        "id_field": "id",
                        "title_field": "name",
                    }
                ],
            },
        },
    }


def write_config(folder: Path, url: str, port: int, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """Write the configuration and its OpenAPI document into ``folder``; return both paths."""
    from pygeoapi.openapi import generate_openapi_document

    cfg, openapi = folder / "pygeoapi-config.yml", folder / "pygeoapi-openapi.yml"
    cfg.write_text(yaml.safe_dump(config(url, port, host), allow_unicode=True), encoding="utf-8")
    with cfg.open(encoding="utf-8") as handle:
        openapi.write_text(generate_openapi_document(handle, "yaml"), encoding="utf-8")
    return cfg, openapi


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def app(url: str, port: int, host: str = "127.0.0.1"):
    """The pygeoapi Flask app for these collections, read-only and with CORS for reading."""
    folder = Path(tempfile.mkdtemp(prefix="netzwerkatlas-ogc-"))
    cfg, openapi = write_config(folder, url, port, host)
    settings.hand_to_library(PYGEOAPI_CONFIG=str(cfg), PYGEOAPI_OPENAPI=str(openapi))
    from flask import Response, request
    from pygeoapi.flask_app import APP

    @APP.before_request
    def _read_only():
        if request.method not in READ_METHODS:
            return Response("Nur lesender Zugriff.", status=405, headers={"Allow": "GET, HEAD, OPTIONS"})
        return None

    @APP.after_request
    def _cors(response):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response

    return APP


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="OGC API – Features des Netzwerkatlas (pygeoapi)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.OGC_PORT.get())
    parser.add_argument("--url", default=settings.OGC_URL.get(), help="öffentliche Adresse (hinter dem Proxy)")
    args = parser.parse_args(argv)
    url = args.url or f"http://{args.host}:{args.port}/"
    # pygeoapi imports the provider as geo.handouts.ogc, not as __main__: fill that module's source, once, now
    importlib.import_module("geo.handouts.ogc").SOURCE.get("kreise")
    app(url, args.port, args.host).run(host=args.host, port=args.port, threaded=True)


if __name__ == "__main__":
    main()
