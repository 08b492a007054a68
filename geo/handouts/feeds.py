"""Atom feeds (RFC 4287) of the register's changes, for Germany and per Land (issue 26): a ministry or a Kreis
follows its region in a feed reader instead of visiting the atlas.

:func:`changes` reads the store's audit trail: one :class:`Change` per entry that made a new version of a record
(new, changed, ended, active again), with the record's name, its Länder and the changed fields as they were at
that version (rolled back from the stored record along the trail, like ``store.record_at``). :func:`feed` turns
changes into one Atom document (lxml); :func:`feed_files` gives all 17 for the open-data folder
(``geo.handouts.openpublish`` writes them with the other open-data files, and on their own after any page view
when the data version changed: ``publish_feeds``). Reading the whole trail takes some 0.03–0.1 s for the
demo's 600 records; the 17 feeds together about 0.2 s.

A feed names fields, never their values, and no editor: the trail's values may hold contact data, and who
edited is nobody's business outside the editorial office. Names are user input: characters XML 1.0 forbids are
removed, everything else is escaped by the serialiser.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.handouts import opendata
from geo.records import model
from geo.records.vocabulary import ACTIVE, ENDED
from geo.storage.schema import audit_table, links_table, networks_table
from geo.text import germanfmt

#: Entries per feed: the newest changes; a reader that polls daily misses nothing at the register's pace.
MAX_ENTRIES = 200
MEDIA_TYPE = "application/atom+xml"
#: File names in the open-data folder: Germany, and ``aenderungen_<Land key>.atom`` per Land.
GERMANY_FILE = "aenderungen.atom"
#: The namespace of the entries' and feeds' ``urn:uuid`` ids (uuid5 of a fixed name: stable across hosts).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://netzwerkatlas-fachkraeftesicherung/atom")
#: Audit actions that give a feed entry; a confirmation changes nothing a follower would see.
FEED_ACTIONS = ("add", "update", "retire", "restore")
NEW, CHANGED, ENDED_KIND, REACTIVATED = "neu", "geaendert", ENDED, "wieder_aktiv"
TITLES = {NEW: "Neu", CHANGED: "Geändert", ENDED_KIND: "Beendet", REACTIVATED: "Wieder aktiv"}
#: Everything XML 1.0 forbids (§ 2.2 Char): C0 controls except tab and line breaks, surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Change:
    """One new version of a record, as a follower reads it."""

    network_id: str
    version: int
    at: datetime  # UTC
    kind: str  # NEW, CHANGED, ENDED_KIND or REACTIVATED
    name: str  # the record's name at this version
    fields: tuple[str, ...]  # German labels of the changed fields (CHANGED; besides the end for ENDED_KIND)
    ended: str | None  # the end date (ISO) of an ended network
    laender: frozenset[str]  # Land keys of the Kreise before and after the change

    @property
    def what(self) -> str:
        """What happened, in German: "Neu", "Geändert: Status, Website", "Beendet am 31.12.2025"."""
        if self.kind == CHANGED:
            return f"Geändert: {', '.join(self.fields)}"
        text = TITLES[self.kind]
        if self.kind == ENDED_KIND and self.ended:
            text = f"Beendet am {germanfmt.day_text(self.ended)}"
        return f"{text}; außerdem geändert: {', '.join(self.fields)}" if self.fields else text


def xml_text(text: object) -> str:
    """``text`` without the characters XML 1.0 cannot carry (a NUL or an escape in a name from an import)."""
    return _NOT_XML.sub("", str(text))


def _utc(at: datetime) -> datetime:
    """A stored time (SQLite returns it without zone, in UTC) as an aware UTC datetime."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _kind(action: str, changes: Mapping[str, list]) -> str:
    if action == "add":
        return NEW
    status = changes.get("status")
    if action == "retire" or (status and status[1] == ENDED):
        return ENDED_KIND
    if action == "restore" or (status and status[0] == ENDED and status[1] == ACTIVE):
        return REACTIVATED
    return CHANGED


def _fields(kind: str, changes: Mapping[str, list]) -> tuple[str, ...]:
    """Labels of the changed fields a follower should read about (an end's own fields are in its text)."""
    if kind == NEW:
        return ()
    own = {"status", "beendet_am"} if kind in (ENDED_KIND, REACTIVATED) else set()
    return tuple(model.FIELD_LABELS.get(f, f) for f in changes if f not in own)


def _read(engine: Engine) -> tuple[list, dict[str, dict], dict[str, set[str]]]:
    """The audit entries that made versions (oldest first), the stored records and their Kreise."""
    with engine.connect() as conn:
        entries = conn.execute(
            sa.select(
                audit_table.c.id,
                audit_table.c.at,
                audit_table.c.network_id,
                audit_table.c.action,
                audit_table.c.changes,
            )
            .where(audit_table.c.action.in_(FEED_ACTIONS))
            .order_by(audit_table.c.id)
        ).all()
        records = {
            row.id: dict(row._mapping)
            for row in conn.execute(
                sa.select(
                    networks_table.c.id,
                    networks_table.c.name,
                    networks_table.c.status,
                    networks_table.c.beendet_am,
                    networks_table.c.version,
                )
            )
        }
        links: dict[str, set[str]] = defaultdict(set)
        for network_id, ags in conn.execute(sa.select(links_table.c.network_id, links_table.c.ags)):
            links[network_id].add(ags)
    return entries, records, links


def changes(engine: Engine) -> list[Change]:
    """Every change of the register that a feed can show, newest first.

    Walks each record's trail from its stored state back: the newest entry is the stored version, each older
    one a version less, and the old values an entry kept give the name and the Kreise before it. Entries
    without any field change (saved unchanged) count as versions but give no entry.
    """
    entries, records, links = _read(engine)
    per_network: dict[str, list] = defaultdict(list)
    for entry in entries:
        per_network[entry.network_id].append(entry)
    found: list[tuple[int, Change]] = []
    for network_id, trail in per_network.items():
        record = records.get(network_id)
        if record is None:  # never happens from the UI (records are retired, not deleted)
            continue
        name, kreise, version = record["name"], set(links.get(network_id, ())), int(record["version"])
        for entry in reversed(trail):
            delta = json.loads(entry.changes)
            before = set(delta["ags"][0] or []) if "ags" in delta and entry.action != "add" else kreise
            kind = _kind(entry.action, delta)
            if delta or kind == NEW:
                status_end = delta.get("beendet_am", [None, None])[1] if kind == ENDED_KIND else None
                change = Change(
                    network_id=network_id,
                    version=version,
                    at=_utc(entry.at),
                    kind=kind,
                    name=name,
                    fields=_fields(kind, delta),
                    ended=status_end,
                    laender=frozenset(a[:2] for a in kreise | before),
                )
                found.append((entry.id, change))
            if "name" in delta and entry.action != "add":
                name = delta["name"][0] or name
            kreise, version = before, version - 1
    return [change for _id, change in sorted(found, key=lambda item: item[0], reverse=True)]  # the trail's order


def entry_id(network_id: str, version: int) -> str:
    """The entry's id: stable for a record's version, whichever host or process writes the feed."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{network_id}@{version}')}"


def profile_url(base: str, network_id: str) -> str:
    """The network's profile in the atlas (the permalink of ``pages/netzwerke.py``)."""
    return f"{base}netzwerke?netzwerk={quote(network_id, safe='')}"


def file_name(land: str | None) -> str:
    """``aenderungen.atom`` for Germany, ``aenderungen_12.atom`` for a Land."""
    return f"aenderungen_{land}.atom" if land else GERMANY_FILE


ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _add(parent, tag: str, text: str | None = None, **attributes: str):
    from lxml import etree  # only publishing needs it

    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _places(keys: frozenset[str], laender: Mapping[str, str]) -> str:
    if not keys:
        return "ohne Kreiszuordnung"
    if len(keys) == len(laender) > 1:
        return "ganz Deutschland"
    return ", ".join(laender.get(k, k) for k in sorted(keys))


def feed(
    found: Iterable[Change],
    base: str,
    laender: Mapping[str, str],
    land: str | None = None,
    limit: int = MAX_ENTRIES,
) -> bytes:
    """One Atom document: the newest ``limit`` changes, of networks touching ``land`` (every change if None).

    ``found`` newest first (as :func:`changes` gives them), ``base`` the app's public address with a trailing
    slash, ``laender`` Land key → name. The feed's ``updated`` is its newest entry's (the newest change of all
    when it has none, so that it stays the same until the register changes). Built with lxml, which refuses
    any character XML cannot hold instead of writing a broken file.
    """
    from lxml import etree  # only publishing needs it

    found = list(found)
    shown = [c for c in found if land is None or land in c.laender][:limit]
    region = laender[land] if land else "Deutschland"
    newest = shown[0].at if shown else (found[0].at if found else datetime(2000, 1, 1, tzinfo=UTC))

    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    root.set(_XML_LANG, "de")
    _add(root, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, 'feed:' + (land or 'DE'))}")
    _add(root, "title", f"Netzwerkatlas Fachkräftesicherung: Änderungen – {region}")
    scope = "" if land is None else f" mit Kreisen in {region}"
    _add(root, "subtitle", f"Neue, geänderte und beendete Netzwerke zur Fachkräftesicherung{scope}.")
    _add(root, "updated", newest.isoformat())
    author = _add(root, "author")
    _add(author, "name", opendata.PUBLISHER)
    _add(author, "uri", base)
    _add(root, "link", rel="self", type=MEDIA_TYPE, href=f"{base}{opendata.URL_PREFIX}{file_name(land)}")
    _add(root, "link", rel="alternate", type="text/html", href=f"{base}?land={land}" if land else base)
    _add(root, "link", rel="license", href=opendata.REGISTER_LICENCE["url"])
    _add(root, "rights", f"{opendata.REGISTER_ATTRIBUTION} ({opendata.REGISTER_LICENCE['url']})")
    _add(root, "generator", opendata.PUBLISHER, uri=base)
    for change in shown:
        name = xml_text(change.name).strip() or change.network_id
        entry = _add(root, "entry")
        _add(entry, "id", entry_id(change.network_id, change.version))
        _add(entry, "title", f"{TITLES[change.kind]}: {name}")
        _add(entry, "updated", change.at.isoformat())
        _add(entry, "link", rel="alternate", type="text/html", href=profile_url(base, change.network_id))
        places = _places(change.laender, laender)
        _add(entry, "summary", f"{change.what} – „{name}“, {places} (Version {change.version}).")
        for key in sorted(change.laender):
            _add(entry, "category", term=key, label=laender.get(key, key))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def feed_files(engine: Engine, base: str, laender: Mapping[str, str], limit: int = MAX_ENTRIES) -> dict[str, bytes]:
    """Germany's feed and one per Land, by file name (:func:`file_name`), from one reading of the trail."""
    found = changes(engine)
    files = {file_name(None): feed(found, base, laender, None, limit)}
    for land in laender:
        files[file_name(land)] = feed(found, base, laender, land, limit)
    return files
