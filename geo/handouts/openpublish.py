"""Publishing the open data of a database: the files of ``geo.handouts.opendata``, their DCAT-AP.de catalogue
(``geo.handouts.dcat``) and the Atom feeds of changes (``geo.handouts.feeds``) for the database's current data
version."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.figures import areas
from geo.handouts import dcat, feeds, opendata
from geo.handouts.opendata import Distribution, build, publish, sha256, today
from geo.storage import store

#: Which files a publication holds; a new set (the Atom feeds came in 2) publishes again at the same data version.
FILE_SET = "2"


def database_key(engine, base: str | None = None) -> str:
    """What a manifest must carry to describe this database at its current data version and with the current set
    of files: ``<database>:<version>:<file set>`` (the database part also covers the public address the catalogue
    links to)."""
    base = base or dcat.public_url()
    database = sha256(f"{engine.url.render_as_string(hide_password=True)} {base}".encode())[:8]
    return f"{database}:{store.data_version(engine)}:{FILE_SET}"


def publish_database(
    engine, kreise: gpd.GeoDataFrame, checks: pd.DataFrame | None = None, folder: Path | None = None
) -> dict:
    """:func:`publish` for a database: the files of its current data version, their DCAT-AP.de catalogue
    (``dcat.jsonld``, ``dcat.rdf``) and the Atom feeds (``aenderungen.atom``, ``aenderungen_<Land>.atom``),
    built once for all processes."""
    base = dcat.public_url()

    def key() -> str:
        return database_key(engine, base)

    def load() -> list[tuple[Distribution, bytes]]:
        version = store.data_version(engine)
        records = store.load_networks(engine)
        return build(records, store.export_layout(records), kreise, version, today(), checks)

    def extras(manifest: dict) -> dict[str, bytes]:
        return {**dcat.catalogue_files(manifest, base), **_feed_files(engine, base, kreise, manifest["key"])}

    return publish(key, load, folder, extras)


#: Which database and data version the feeds in the folder show (they are also written on their own).
FEEDS_STAMP = "aenderungen.json"


def _feed_files(engine, base: str, kreise: gpd.GeoDataFrame, key: str) -> dict[str, bytes]:
    files = feeds.feed_files(engine, base, areas.land_names(kreise))
    return {**files, FEEDS_STAMP: json.dumps({"key": key}).encode()}


def _feeds_key(folder: Path) -> str | None:
    try:
        return json.loads((folder / FEEDS_STAMP).read_text(encoding="utf-8"))["key"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def publish_feeds(engine, kreise: gpd.GeoDataFrame, folder: Path | None = None) -> bool:
    """Bring the Atom feeds to the database's current data version without the other files; True if written.

    A feed is followed by people who never open the atlas, so it must not wait for a visit of the open-data
    page: the app calls this after every page (a fraction of a second per data version; the files' build takes
    seconds). Under the folder's lock, like :func:`publish`; a write between reading the version and the trail
    only makes the next call write again.
    """
    folder = folder or opendata.OPEN_DIR
    base = dcat.public_url()
    if _feeds_key(folder) == database_key(engine, base):
        return False
    with opendata._locked(folder):  # noqa: SLF001 (one lock for everything in the folder)
        key = database_key(engine, base)
        if _feeds_key(folder) == key:
            return False
        for name, data in _feed_files(engine, base, kreise, key).items():
            opendata._write_atomic(folder / name, data)  # noqa: SLF001
    return True
