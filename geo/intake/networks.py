"""Import of network records: file → validated records with resolved Kreise + problems.

``read_networks`` writes nothing anywhere; it returns what is valid and a
precise, German list of what is not (row, column, value, message,
suggestion), so that staff can fix a file or pick a suggestion in the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.intake.tablefile import Table, read_table
from geo.records import model as records
from geo.records.model import ValueProblem
from geo.regions import resolver

RECORD_COLUMNS = records.RECORD_COLUMNS  # the layout of the record model, kept under its old name

#: Fields whose spreadsheet cells may arrive typed (numbers, dates, booleans) and go to the parser as they are.
_TYPED_FIELDS = frozenset(f.name for f in records.MODEL if f.kind in ("year", "date", "plz", "bool"))


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file. ``row`` 0 means the file as a whole."""

    row: int
    column: str
    value: str
    message: str
    suggestion: str = ""
    severity: str = "error"  # "error": row not imported; "warning": imported, see message


@dataclass
class ImportResult:
    """Valid records (one row per network, ``ags`` a list of Kreis codes) and the problems found."""

    records: pd.DataFrame
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def read_networks(source: object, name: str | None = None, max_bytes: int | None = None) -> ImportResult:
    """Read a CSV/XLSX/JSON file of networks. Raises ``TableFileError`` if the file is unreadable as a whole."""
    table = read_table(source, name=name, max_bytes=max_bytes)
    return validate_table(table)


def read_preview(source: object, name: str | None = None) -> tuple[Table, ImportResult]:
    """The file's table (kept for fixes in the preview) and its validation: the job the data page sandboxes."""
    table = read_table(source, name=name)
    return table, validate_table(table)


def validate_table(table: Table) -> ImportResult:
    """Map columns, parse every value, resolve regions, flag duplicates."""
    problems = [Problem(0, "", "", w, severity="warning") for w in table.warnings]
    fields = _map_headers(table, problems)
    valid: list[dict] = []
    seen_ids: dict[str, int] = {}
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        raw = {field: cells[i] if i < len(cells) else None for i, field in fields.items()}
        row_problems: list[Problem] = []
        record = _parse_row(raw, number, row_problems)
        if record is not None:
            previous = seen_ids.get(record["id"])
            if previous is not None:
                row_problems.append(
                    Problem(number, "id", record["id"], f"Doppelte ID, schon in Zeile {previous} verwendet")
                )
            seen_ids.setdefault(record["id"], number)
        problems.extend(row_problems)
        if record is not None and not any(p.severity == "error" for p in row_problems):
            valid.append(record)
    frame = pd.DataFrame(valid, columns=RECORD_COLUMNS)
    if len(frame):
        frame["gegruendet"] = frame["gegruendet"].astype("Int64")
    return ImportResult(frame, problems)


def _map_headers(table: Table, problems: list[Problem]) -> dict[int, str]:
    fields: dict[int, str] = {}
    ignored = []
    for i, header in enumerate(table.headers):
        field = records.column_field(header)
        if field is None or field in fields.values():
            if str(header).strip():
                ignored.append(str(header))
            continue
        fields[i] = field
    missing = [f for f in records.REQUIRED if f not in fields.values()]
    if missing:
        from geo.intake.tablefile import TableFileError

        found = ", ".join(repr(h) for h in table.headers[:12])
        expected = "; ".join(f"{f}: z. B. {records.COLUMN_ALIASES[f][1]!r}" for f in missing)
        raise TableFileError(f"{table.name}: Pflichtspalte fehlt ({expected}). Gefundene Spalten: {found}.")
    if ignored:
        problems.append(
            Problem(
                0,
                ", ".join(ignored),
                "",
                "Unbekannte Spalten werden ignoriert",
                suggestion="Gültige Spalten: " + ", ".join(records.FIELDS),
                severity="warning",
            )
        )
    return fields


def _parse_row(raw: dict[str, object], number: int, problems: list[Problem]) -> dict | None:
    record: dict[str, object] = {"source_row": number}

    def parse(field: str, parser, default=None):
        value = raw.get(field)
        try:
            native = field in _TYPED_FIELDS and value is not None and not isinstance(value, str)
            return parser(value if native else records.clean_text(value, field))
        except ValueProblem as exc:
            problems.append(Problem(number, field, _shown(value), str(exc)))
            return default

    for field in records.MODEL[1:]:  # the id comes last: a missing one is made from name and region
        default = list(field.default) if isinstance(field.default, list) else field.default  # never shared
        record[field.name] = parse(field.name, field.parse or (lambda v: v), default)
    record["partner_count"] = len(record["partner"])
    record["criteria_met"] = records.criteria_met(
        record["partner_count"], record["handlungsfelder"], {c: record[c] for c in records.CRITERIA}
    )
    if record["beendet_am"] and record["status"] == "aktiv" and not str(raw.get("status") or "").strip():
        record["status"] = "beendet"
    if record["status"] == "beendet" and not record["beendet_am"]:
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

    reported = {p.column for p in problems if p.row == number}
    if not record["name"] and "name" not in reported:
        problems.append(Problem(number, "name", "", "Name fehlt (Pflichtfeld)"))
    if not record["region"]:
        if "region" in reported:
            record["ags"], record["scope"] = [], ""
            return _with_id(record, raw)
        problems.append(
            Problem(number, "region", "", "Region fehlt (Pflichtfeld)", suggestion="Kreis, Land, AGS oder PLZ angeben")
        )
        record["ags"], record["scope"] = [], ""
    else:
        _resolve_region(record, number, problems)
    return _with_id(record, raw)


def _with_id(record: dict, raw: dict[str, object]) -> dict:
    """The file's id, or a stable one made from name and region."""
    try:
        raw_id = records.clean_text(raw.get("id"), "id") if raw.get("id") is not None else ""
    except ValueProblem:
        raw_id = ""
    record["id"] = raw_id.removesuffix(".0") or records.stable_id(record["name"], record["region"])
    return record


def _resolve_region(record: dict, number: int, problems: list[Problem]) -> None:
    resolution = resolver.resolve(record["region"])
    record["ags"], record["scope"] = resolution.ags, resolution.scope
    for part in resolution.unresolved:
        options = resolver.suggest(part)
        problems.append(
            Problem(
                number,
                "region",
                part,
                f"Region {part!r} nicht erkannt",
                suggestion="Meinten Sie: " + "; ".join(options) if options else "",
            )
        )
    for part, candidates in resolution.ambiguous.items():
        labels = "; ".join(resolver.label_of(a) for a in candidates[:8])
        problems.append(
            Problem(
                number,
                "region",
                part,
                f"Region {part!r} ist mehrdeutig",
                suggestion=f"Genauer angeben, z. B. mit 'Stadt' oder 'Landkreis': {labels}",
            )
        )
    for part, label in resolution.corrections.items():
        problems.append(
            Problem(number, "region", part, f"Schreibweise korrigiert: {part!r} → {label}", severity="warning")
        )


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def region_options(problem: Problem) -> list[tuple[str, str]]:
    """(replacement code, label) choices for a region problem: the candidates or the closest names."""
    if problem.column != "region" or problem.severity != "error" or not problem.value:
        return []
    resolution = resolver.resolve(problem.value)
    codes = sorted({a for c in resolution.ambiguous.values() for a in c})
    if codes:
        return [(a, resolver.label_of(a)) for a in codes]
    options = []
    for label in resolver.suggest(problem.value, limit=5):
        found = resolver.resolve(label)
        if found.ok:
            replacement = found.ags[0] if len(found.ags) == 1 else label
            options.append((replacement, label))
    return options


def fix_region(table: Table, row_number: int, part: str, replacement: str) -> None:
    """Replace one part of a row's region text (e.g. an ambiguous "München" by "09162") in place, wherever listed."""
    column = next(i for i, field in _map_headers(table, []).items() if field == "region")
    index = table.row_numbers.index(row_number)
    row = table.rows[index]
    while len(row) <= column:
        row.append("")
    row[column] = resolver.replace_part(str(row[column] or ""), part, replacement)
