"""The shipped network data sets and which one a fresh database starts with.

``register`` (the default) holds real networks compiled from their public pages, each with its sources;
``demo`` holds fictional networks for tests and demonstrations. A database is seeded with exactly one of
them, and only while it is empty, so the two are never mixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from geo.config import settings
from geo.intake.networks import ImportResult, read_networks
from geo.records import model
from geo.regions import paths
from geo.storage import store

FILES = {"register": "netzwerke_oeffentlich.csv", "demo": "demo_netzwerke.csv"}
#: When the register was last checked against its sources, and its evidence window.
REGISTER_META = "register_meta.json"
DEFAULT = settings.DATASET.default


def chosen() -> str:
    """The data set named by ``NETZWERKATLAS_DATASET`` (register or demo), default register."""
    return settings.DATASET.get()


def read(name: str, data_dir: Path | None = None) -> ImportResult:
    """One shipped data set, read through the same import path staff use."""
    return read_networks(paths.data_file(FILES[name], data_dir))


def seed_if_empty(engine: Engine, name: str | None = None, data_dir: Path | None = None) -> int:
    """Store the chosen data set's valid records into an empty database; returns how many (0 if not empty)."""
    if not store.is_empty(engine):
        return 0
    records = read(name or chosen(), data_dir).records
    store.add_networks(engine, records)
    return len(records)


REGISTER_LIMITS = (
    "Grenzen: Ein Register öffentlicher Quellen ist keine Vollerhebung. Ein weißer Fleck heißt „kein öffentlich "
    "dokumentiertes Netzwerk“. Wo ein Landesprogramm jeden Kreis einbezieht, ist die Abdeckung vollständig; wo "
    "weniger Netzwerke öffentlich auffindbar waren, wirkt ein Land dünner, als es sein mag. Status „unklar“ heißt: "
    "keine Quelle ab 2023 gefunden."
)


@dataclass(frozen=True)
class DataNotice:
    """What every page says about the records it shows: ``level`` is "warning" or "info"."""

    level: str
    text: str
    short: str  # for map images and exports
    white_spot: str  # what a Kreis without a network means for this data
    limits: str = ""  # what the figures cannot say, shown next to statistics
    caveat: str = ""  # one sentence for reports: how far the records can be trusted


def register_checked(data_dir: Path | None = None) -> date | None:
    """The day the shipped register was last checked against its sources (``data/register_meta.json``)."""
    file = paths.data_file(REGISTER_META, data_dir)
    if not file.exists():
        return None
    return date.fromisoformat(json.loads(file.read_text(encoding="utf-8"))["checked"])


def notice(origins: pd.DataFrame, age: str = "") -> DataNotice | None:
    """The data notice for records counted per origin (``geo.storage.store.origins``); None for editors' own data.

    A register of public sources is no survey: a white spot then means "no publicly documented network".
    ``age`` (``geo.figures.coverage.EvidenceAge.sentence``) says how old the evidence is; the newest source's date alone
    would read as the date of the whole register.
    """
    counts = origins["records"].to_dict() if len(origins) else {}
    total = sum(counts.values())
    if not total:
        return None
    demo, public = counts.get("demo", 0), counts.get("quelle", 0)
    if demo == total:
        text = "Demo-Daten: Alle angezeigten Netzwerke sind **fiktiv** und dienen nur der Vorführung."
        return DataNotice(
            "warning",
            text,
            "Demo-Daten (fiktiv)",
            "kein Netzwerk in den Demo-Daten",
            caveat="Alle Netzwerke sind fiktiv.",
        )
    if public:
        text = "Netzwerke aus öffentlichen Quellen, nicht von den Netzwerken bestätigt." + _others(
            counts, total - public
        )
        text += f" {age}" if age else ""
        return DataNotice(
            "info",
            text,
            "öffentliche Quellen" + (f"; {age.rstrip('.')}" if age else ""),
            "kein öffentlich dokumentiertes Netzwerk",
            REGISTER_LIMITS,
            caveat="Nicht von den Netzwerken bestätigt."
            + (f" {demo} von {total} Einträgen sind fiktiv." if demo else ""),
        )
    if demo:
        text = f"Achtung: {demo} von {total} Einträgen sind **fiktive** Demo-Daten."
        caveat = f"{demo} von {total} Einträgen sind fiktiv."
        return DataNotice("warning", text, "teils Demo-Daten (fiktiv)", "kein erfasstes Netzwerk", caveat=caveat)
    return None


def _others(counts: dict[str, int], others: int) -> str:
    if not others:
        return ""
    parts = [f"{n} {model.ORIGINS[o]}" for o, n in counts.items() if o != "quelle" and n and o in model.ORIGINS]
    return " Dazu: " + ", ".join(parts) + "."
