"""Step 4 of the upload path (``geo.intake.networks``): resolved rows → valid records and the problem list.

The rules that need the whole row or other rows: derived columns (``partner_count``, ``criteria_met``, a
status "beendet" from an end date), required fields, the id (the file's, or a stable one from name and
region) and ids used twice. A row with an error is left out of the records; its problems are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.intake.problem import Problem
from geo.intake.resolve import Resolved, ResolvedRow
from geo.records import model
from geo.records.vocabulary import ACTIVE, ENDED


@dataclass
class ImportResult:
    """Valid records (one row per network, ``ags`` a list of Kreis codes) and the problems found."""

    records: pd.DataFrame
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def validate_records(resolved: Resolved) -> ImportResult:
    """Apply the record rules to every row, flag ids used twice, keep the rows without errors."""
    problems = list(resolved.problems)
    valid: list[dict] = []
    seen_ids: dict[str, int] = {}
    for row in resolved.rows:
        number = row.row.number
        record, row_problems = validate_row(row)
        previous = seen_ids.get(record["id"])
        if previous is not None:
            message = f"Doppelte ID, schon in Zeile {previous} verwendet"
            row_problems.append(Problem(number, "id", record["id"], message))
        seen_ids.setdefault(record["id"], number)
        problems.extend(row_problems)
        if not any(p.severity == "error" for p in row_problems):
            valid.append(record)
    frame = pd.DataFrame(valid, columns=model.RECORD_COLUMNS)
    if len(frame):
        frame["gegruendet"] = frame["gegruendet"].astype("Int64")
    return ImportResult(frame, problems)


def validate_row(resolved: ResolvedRow) -> tuple[dict, list[Problem]]:
    """One record (the columns of ``model.RECORD_COLUMNS``) and all its problems, in the order a reader fixes them."""
    row = resolved.row
    number = row.number
    problems = list(row.problems)
    record: dict[str, object] = {"source_row": number, **row.values}
    record["partner_count"] = len(record["partner"])
    record["criteria_met"] = model.criteria_met(
        record["partner_count"], record["handlungsfelder"], {c: record[c] for c in model.CRITERIA}
    )
    if record["beendet_am"] and record["status"] == ACTIVE and not row.status_given:
        record["status"] = ENDED
    if record["status"] == ENDED and not record["beendet_am"]:
        problems.append(
            Problem(
                number,
                "beendet_am",
                "",
                "Status 'beendet' ohne Datum 'beendet_am'",
                suggestion="Datum der Beendigung eintragen",
                severity="warning",
            )
        )
    unparsed = {p.column for p in row.problems}
    if not record["name"] and "name" not in unparsed:
        problems.append(Problem(number, "name", "", "Name fehlt (Pflichtfeld)"))
    if not record["region"] and "region" not in unparsed:
        problems.append(
            Problem(number, "region", "", "Region fehlt (Pflichtfeld)", suggestion="Kreis, Land, AGS oder PLZ angeben")
        )
    problems.extend(resolved.problems)
    record["ags"], record["scope"] = resolved.ags, resolved.scope
    record["id"] = row.raw_id or model.stable_id(record["name"], record["region"])
    return record, problems
