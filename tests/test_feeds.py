"""Atom feeds of changes (issue 26): what a feed reader shows a ministry or a Kreis that follows its region.

The changes are written with the store's own functions (the ones the editors' pages call) into a real SQLite
database; the feeds are read with feedparser, as a feed reader would, and with lxml's strict parser.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import feedparser
import pandas as pd
import pytest
from lxml import etree

from geo.handouts import feeds, openpublish
from geo.intake.networks import read_networks
from geo.storage import datasets, store
from tests.conftest import fresh_store

BASE = "https://atlas.example/"
LAENDER = {"12": "Brandenburg", "15": "Sachsen-Anhalt", "16": "Thüringen"}
UCKERMARK, HARZ, ERFURT = "12073", "15085", "16051"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def engine(request, tmp_path):
    """The store's database, SQLite and PostgreSQL (``TEST_DATABASE_URL``), as in tests/test_storage_backends.py."""
    with fresh_store(request.param, tmp_path) as engine:
        yield engine


def records(*rows: tuple[str, str]) -> pd.DataFrame:
    """Validated records as an import makes them: (name, region) per row."""
    lines = ["Name;Träger;Region;Handlungsfelder;Website"]
    lines += [f"{name};Träger;{region};Ausbildung;https://a.de" for name, region in rows]
    result = read_networks(io.BytesIO("\n".join(lines).encode()), name="netzwerke.csv")
    assert not result.errors, result.problems
    return result.records


def parsed(data: bytes) -> feedparser.FeedParserDict:
    etree.fromstring(data)  # well-formed XML, or this raises
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def history(engine):
    """Three networks: Uckermark (new, then website and status changed, then ended), Harz (new, then moved to
    Erfurt), Thüringen-only never touched after the import."""
    new = records(("Netzwerk Uckermark", "Landkreis Uckermark"), ("Netzwerk Harz", "Landkreis Harz"))
    store.add_networks(engine, new, editor="Anna Redakteurin")
    uckermark, harz = (row.to_dict() for _, row in new.iterrows())
    store.update_network(engine, {**uckermark, "website": "https://neu.example", "status": "ruhend"}, 1, "Anna")
    store.update_network(engine, {**harz, "region": "Erfurt", "ags": [ERFURT]}, 1, "Anna")
    store.retire_network(engine, uckermark["id"], "2025-12-31", 2, "Anna")
    return {"uckermark": uckermark["id"], "harz": harz["id"]}


def test_new_changed_and_ended_networks_each_give_an_entry_saying_what_changed(engine, history):
    data = feeds.feed(feeds.changes(engine), BASE, LAENDER)
    feed = parsed(data)
    assert [e.title for e in feed.entries] == [
        "Beendet: Netzwerk Uckermark",
        "Geändert: Netzwerk Harz",
        "Geändert: Netzwerk Uckermark",
        "Neu: Netzwerk Harz",  # one import, in its order
        "Neu: Netzwerk Uckermark",
    ]
    summaries = {e.title: e.summary for e in feed.entries}
    assert summaries["Beendet: Netzwerk Uckermark"].startswith("Beendet am 31.12.2025 – „Netzwerk Uckermark“")
    assert summaries["Geändert: Netzwerk Uckermark"].startswith("Geändert: Status, Website – ")
    assert summaries["Geändert: Netzwerk Harz"].startswith("Geändert: Region, Kreise – ")
    ended = feed.entries[0]
    assert ended.link == f"{BASE}netzwerke?netzwerk={history['uckermark']}"
    assert b"Anna" not in data  # editors stay out of the public feed
    now = datetime.now(UTC)
    for entry in feed.entries:
        assert abs(datetime(*entry.updated_parsed[:6], tzinfo=UTC) - now) < timedelta(minutes=5)
    assert feed.feed.updated == ended.updated  # the feed's date is its newest entry's
    assert feed.feed.rights.endswith("CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)")
    assert feed.feed.author == "Netzwerkatlas Fachkräftesicherung"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{BASE}app/static/opendata/aenderungen.atom" and links["alternate"] == BASE


def test_an_end_saved_in_the_form_and_a_restore_say_so(engine, history):
    harz = store.record_at(engine, history["harz"], 2)
    store.update_network(engine, {**harz, "status": "beendet", "beendet_am": "2026-06-30", "website": ""}, 2, "A")
    store.restore_network(engine, history["uckermark"], 3, "A")
    entries = parsed(feeds.feed(feeds.changes(engine), BASE, LAENDER)).entries[:2]
    assert [e.title for e in entries] == ["Wieder aktiv: Netzwerk Uckermark", "Beendet: Netzwerk Harz"]
    assert entries[1].summary.startswith("Beendet am 30.06.2026; außerdem geändert: Website – ")


def test_entry_ids_are_stable_per_version_and_distinct(engine, history):
    first = parsed(feeds.feed(feeds.changes(engine), BASE, LAENDER))
    store.update_network(engine, {**store.record_at(engine, history["harz"], 2), "website": "https://x.de"}, 2, "A")
    second = parsed(feeds.feed(feeds.changes(engine), BASE, LAENDER))
    ids = [e.id for e in second.entries]
    assert len(set(ids)) == len(ids) == 6 and all(i.startswith("urn:uuid:") for i in ids)
    assert ids[1:] == [e.id for e in first.entries]  # old entries keep their ids; the new one comes on top
    assert second.entries[0].title == "Geändert: Netzwerk Harz"


def test_a_land_feed_holds_the_networks_touching_the_land_before_or_after_a_change(engine, history):
    found = feeds.changes(engine)
    brandenburg = parsed(feeds.feed(found, BASE, LAENDER, "12"))
    assert {e.title.split(": ")[1] for e in brandenburg.entries} == {"Netzwerk Uckermark"}
    assert len(brandenburg.entries) == 3
    assert brandenburg.feed.title.endswith("Brandenburg")
    assert {link.rel: link.href for link in brandenburg.feed.links}["self"].endswith("/aenderungen_12.atom")
    # Harz moved to Erfurt: the move is news in both Länder, its creation only where it was then
    saxony_anhalt = [e.title for e in parsed(feeds.feed(found, BASE, LAENDER, "15")).entries]
    thuringia = [e.title for e in parsed(feeds.feed(found, BASE, LAENDER, "16")).entries]
    assert saxony_anhalt == ["Geändert: Netzwerk Harz", "Neu: Netzwerk Harz"]
    assert thuringia == ["Geändert: Netzwerk Harz"]
    assert parsed(feeds.feed(found, BASE, LAENDER, "16")).entries[0].tags[0].label == "Sachsen-Anhalt"


def test_a_feed_holds_the_newest_entries_up_to_its_bound(engine, history):
    found = feeds.changes(engine)
    feed = parsed(feeds.feed(found, BASE, LAENDER, limit=2))
    assert [e.id for e in feed.entries] == [feeds.entry_id(c.network_id, c.version) for c in found[:2]]
    assert feeds.MAX_ENTRIES == 200


def test_a_name_changed_later_shows_as_it_was_in_older_entries(engine, history):
    record = store.record_at(engine, history["harz"], 2)
    store.update_network(engine, {**record, "name": "Fachkräftenetz Erfurt"}, 2, "A")
    entries = parsed(feeds.feed(feeds.changes(engine), BASE, LAENDER)).entries
    titles = [e.title for e in entries if e.link.endswith(history["harz"])]
    assert titles == ["Geändert: Fachkräftenetz Erfurt", "Geändert: Netzwerk Harz", "Neu: Netzwerk Harz"]
    assert entries[0].summary.startswith("Geändert: Name – „Fachkräftenetz Erfurt“, Thüringen (Version 3)")


@pytest.mark.hostile
def test_hostile_names_leave_the_feed_well_formed(engine):
    """Names come from imports and reports: markup, entities, CDATA ends and characters XML 1.0 forbids."""
    hostile = "<b>&amp;</b> ]]> \x00\x01\x08\x0b\x0c\x1b\x7f \ufffe \uffff Netz\tA\u200b \U0001f600 \"'"
    if engine.dialect.name == "postgresql":
        hostile = hostile.replace("\x00", "")  # PostgreSQL refuses NUL in text; SQLite stores it
    (row,) = (r.to_dict() for _, r in records(("Harmlos", "Landkreis Uckermark")).iterrows())
    store.add_networks(engine, pd.DataFrame([row]))
    store.update_network(engine, {**row, "name": hostile}, 1, "A")  # written as it came, past the import's checks
    feed = parsed(feeds.feed(feeds.changes(engine), BASE, LAENDER))
    expected = "<b>&amp;</b> ]]> \x7f   Netz\tA\u200b \U0001f600 \"'"
    assert feeds.xml_text("a\ud800b\udfff") == "ab"  # lone surrogates (the database refuses them anyway)
    assert feed.entries[0].title == f"Geändert: {expected}"
    assert f"„{expected}“" in feed.entries[0].summary
    assert feeds.xml_text(hostile) == expected


def test_an_id_with_reserved_characters_links_to_its_profile():
    assert feeds.profile_url(BASE, "A&B/1 ?x") == f"{BASE}netzwerke?netzwerk=A%26B%2F1%20%3Fx"


def feeds_base() -> str:
    from geo.handouts import dcat

    return dcat.public_url()


@pytest.mark.slow
def test_published_feeds_show_the_change_an_editor_just_saved(engine, tmp_path, kreise):
    datasets.seed_if_empty(engine, "demo")
    openpublish.publish_database(engine, kreise, folder=tmp_path)
    names = {p.name for p in tmp_path.glob("aenderungen*.atom")}
    assert names == {"aenderungen.atom", *(f"aenderungen_{k:02d}.atom" for k in range(1, 17))}
    chosen = store.load_networks(engine).query("ags.str.len() == 1").iloc[0]
    record = store.record_at(engine, chosen["id"], int(chosen["version"]))
    store.update_network(engine, {**record, "website": "https://neu.example"}, int(chosen["version"]), "Redaktion")
    openpublish.publish_database(engine, kreise, folder=tmp_path)  # the new data version publishes again
    land = chosen["ags"][0][:2]
    for name in ("aenderungen.atom", f"aenderungen_{land}.atom"):
        newest = parsed((tmp_path / name).read_bytes()).entries[0]
        assert newest.title == f"Geändert: {chosen['name']}" and newest.summary.startswith("Geändert: Website")
        assert newest.link.endswith(f"netzwerke?netzwerk={chosen['id']}")
    other = parsed((tmp_path / f"aenderungen_{'01' if land != '01' else '02'}.atom").read_bytes())
    assert feeds.profile_url(feeds_base(), chosen["id"]) not in {e.link for e in other.entries}
    germany = parsed((tmp_path / "aenderungen.atom").read_bytes())
    assert len(germany.entries) == feeds.MAX_ENTRIES  # the demo set has more changes than one feed shows


@pytest.mark.slow
def test_the_land_view_links_its_feed_once_published(monkeypatch, tmp_path):
    from geo.handouts import opendata
    from tests.conftest import dashboard

    monkeypatch.setattr(opendata, "OPEN_DIR", tmp_path)
    link = "[Änderungen in Brandenburg abonnieren (Atom)](app/static/opendata/aenderungen_12.atom)"
    app = dashboard()
    app.query_params["land"] = "12"
    app.run()
    assert not app.exception and link not in [m.value for m in app.markdown]  # nothing published yet
    (tmp_path / "aenderungen_12.atom").write_bytes(feeds.feed([], BASE, LAENDER, "12"))
    app.run()
    assert link in [m.value for m in app.markdown]


def test_the_feeds_follow_a_change_without_building_the_other_files(engine, history, tmp_path, kreise):
    assert openpublish.publish_feeds(engine, kreise, folder=tmp_path)
    assert len(list(tmp_path.glob("aenderungen*.atom"))) == 17 and not (tmp_path / "current.json").exists()
    assert not openpublish.publish_feeds(engine, kreise, folder=tmp_path)  # same data version: nothing to do
    record = store.record_at(engine, history["harz"], 2)
    store.update_network(engine, {**record, "website": "https://x.de"}, 2, "A")
    assert openpublish.publish_feeds(engine, kreise, folder=tmp_path)
    newest = parsed((tmp_path / "aenderungen_16.atom").read_bytes()).entries[0]
    assert newest.title == "Geändert: Netzwerk Harz" and newest.summary.startswith("Geändert: Website")


@pytest.mark.slow
def test_any_page_brings_the_feeds_to_the_databases_version(monkeypatch, tmp_path, test_database):
    import time

    from geo.handouts import opendata
    from tests.conftest import dashboard
    from ui import opendata as opendata_ui

    monkeypatch.setattr(opendata, "OPEN_DIR", tmp_path)
    opendata_ui._feeds_at.clear()
    app = dashboard()
    app.run()
    assert not app.exception
    engine = store.make_engine(f"sqlite:///{test_database}")
    wanted = openpublish.database_key(engine)
    engine.dispose()
    deadline = time.monotonic() + 60
    while openpublish._feeds_key(tmp_path) != wanted:  # written by a background thread of the app
        assert time.monotonic() < deadline, "the feeds were not written"
        time.sleep(0.1)
    assert parsed((tmp_path / "aenderungen.atom").read_bytes()).entries
