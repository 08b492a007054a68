"""The atlas's words, once: Handlungsfelder, statuses and criteria, each with every wording it has.

A Handlungsfeld, a status or a criterion is spelled here and nowhere else in ``geo/``, ``ui/`` or
``pages/`` (``tests/test_record_model.py`` scans the code for it): the record model
(:mod:`geo.records.model`), the public report form (:mod:`geo.publicreports.reports`), the shared
links (:mod:`geo.maps.urlstate`), the PDF (:mod:`geo.handouts.pdfreport`) and the pages take them
from here, so a new or renamed word changes in one line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Handlungsfeld:
    """One Handlungsfeld of the Fachkräftesicherung."""

    name: str  # as stored in a record and shown on the pages
    code: str  # in shared links (``?hf=aw``); never change one, old links carry it
    short: str  # where space is short (the PDF's tables)


#: The Handlungsfelder in their fixed order (the order of tables, filters and the PDF).
HANDLUNGSFELD_LIST: tuple[Handlungsfeld, ...] = (
    Handlungsfeld("Aus- und Weiterbildung", "aw", "Aus-/Weiterbildung"),
    Handlungsfeld("Integration Älterer in das Erwerbsleben", "aeltere", "Ältere"),
    Handlungsfeld("Vereinbarkeit von Beruf und Familie", "vbf", "Vereinbarkeit"),
    Handlungsfeld("Integration und Zuwanderung", "zuwanderung", "Zuwanderung"),
    Handlungsfeld("Sonstiges", "sonstiges", "Sonstiges"),
)
HANDLUNGSFELDER = tuple(h.name for h in HANDLUNGSFELD_LIST)

#: A network's status (the record's ``status``); an empty cell on import means ACTIVE.
ACTIVE, DORMANT, ENDED, UNCLEAR = "aktiv", "ruhend", "beendet", "unklar"
STATUSES = (ACTIVE, DORMANT, ENDED, UNCLEAR)

#: A public report's state in moderation → its German label.
REPORT_STATUSES = {"pending": "offen", "accepted": "angenommen", "merged": "zusammengeführt", "rejected": "abgelehnt"}


@dataclass(frozen=True)
class Criterion:
    """One network criterion, in each of its wordings."""

    name: str  # the record's column (or the report's key, for a criterion only reporters assess)
    label: str  # the field's label: messages, audit trail, editors' form, export header
    public: str  # what the profile says it means
    self_assessment: str  # the question in the public report form
    in_record: bool = True  # False: reporters assess it, the record has no column for it


#: The criteria in the report form's order; those ``in_record`` are the record's yes/no fields.
CRITERION_LIST: tuple[Criterion, ...] = (
    Criterion(
        "verbindliche_kooperation",
        "Verbindliche Kooperation",
        "Verbindliche Kooperation",
        "Mindestens drei Akteure arbeiten auf verbindlicher Grundlage zusammen",
    ),
    Criterion(
        "datenbasierte_ziele",
        "Datenbasierte Ziele",
        "Ziele aus regionalen Daten",
        "Ziele beruhen auf regionalen Daten",
    ),
    Criterion(
        "massnahmen",
        "Maßnahmen",
        "Maßnahmen in den Handlungsfeldern",
        "Maßnahmen in den Handlungsfeldern",
        in_record=False,
    ),
    Criterion(
        "evaluation",
        "Evaluation",
        "Ergebnisse evaluiert",
        "Die Arbeit wird ausgewertet (Evaluation)",
    ),
)
RECORD_CRITERIA = tuple(c for c in CRITERION_LIST if c.in_record)


def labels() -> frozenset[str]:
    """Every word defined here that a reader sees: the words no other module may spell."""
    words = {w for h in HANDLUNGSFELD_LIST for w in (h.name, h.short)}
    words |= set(STATUSES) | set(REPORT_STATUSES.values())
    words |= {w for c in CRITERION_LIST for w in (c.label, c.public, c.self_assessment)}
    return frozenset(words)
