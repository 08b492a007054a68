"""Step 2 of the upload path (``geo.intake.networks``): a read table → rows of parsed field values.

Headers are mapped to the record's fields (``geo.records.model.column_field``), every cell is cleaned
and parsed by its field's parser; a value that cannot be used is a :class:`~geo.intake.problem.Problem`
and its field keeps the default. Nothing here knows regions or other rows: the region text stays text
(step 3, ``geo.intake.resolve``), required fields, derived columns and ids are step 4 (``geo.intake.validate``).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.intake.problem import Problem
from geo.intake.tablefile import Table, TableFileError
from geo.records import model

#: Fields whose spreadsheet cells may arrive typed (numbers, dates, booleans) and go to the parser as they are.
_TYPED_FIELDS = frozenset(f.name for f in model.MODEL if f.kind in ("year", "date", "plz", "bool"))


@dataclass(frozen=True, slots=True)
class NormalRow:
    """One row of the file with every field but the id parsed (the default where empty or invalid)."""

    number: int  # where the row stands in the file (1 = header)
    values: dict[str, object]  # field name → parsed value, in the model's order
    raw_id: str  # the file's id, cleaned; "" when it has none (or an unusable one)
    status_given: bool  # the file says a status (an empty one may be derived from "beendet_am")
    problems: tuple[Problem, ...]  # the values that could not be parsed


@dataclass(frozen=True)
class Normalised:
    """The rows of a table and what concerns the file as a whole (the reader's warnings, unknown columns)."""

    rows: list[NormalRow]
    problems: list[Problem]


def normalise_table(table: Table) -> Normalised:
    """Map the headers and parse every row; raises ``TableFileError`` when a required column is missing."""
    problems = [Problem(0, "", "", w, severity="warning") for w in table.warnings]
    fields = map_headers(table, problems)
    rows = []
    for cells, number in zip(table.rows, table.row_numbers, strict=True):
        raw = {field: cells[i] if i < len(cells) else None for i, field in fields.items()}
        rows.append(normalise_row(raw, number))
    return Normalised(rows, problems)


def map_headers(table: Table, problems: list[Problem]) -> dict[int, str]:
    """Column position → field; unknown or repeated headers are ignored with one warning added to ``problems``."""
    fields: dict[int, str] = {}
    ignored = []
    for i, header in enumerate(table.headers):
        field = model.column_field(header)
        if field is None or field in fields.values():
            if str(header).strip():
                ignored.append(str(header))
            continue
        fields[i] = field
    missing = [f for f in model.REQUIRED if f not in fields.values()]
    if missing:
        found = ", ".join(repr(h) for h in table.headers[:12])
        expected = "; ".join(f"{f}: z. B. {model.COLUMN_ALIASES[f][1]!r}" for f in missing)
        raise TableFileError(f"{table.name}: Pflichtspalte fehlt ({expected}). Gefundene Spalten: {found}.")
    if ignored:
        problems.append(
            Problem(
                0,
                ", ".join(ignored),
                "",
                "Unbekannte Spalten werden ignoriert",
                suggestion="Gültige Spalten: " + ", ".join(model.FIELDS),
                severity="warning",
            )
        )
    return fields


def normalise_row(raw: dict[str, object], number: int) -> NormalRow:
    """One row's cells (field → cell as read) parsed field by field."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for field in model.MODEL[1:]:  # the id is kept as text: a missing one is made from name and region later
        default = list(field.default) if isinstance(field.default, list) else field.default  # never shared
        value = raw.get(field.name)
        try:
            native = field.name in _TYPED_FIELDS and value is not None and not isinstance(value, str)
            cleaned = value if native else model.clean_text(value, field.name)
            values[field.name] = field.parse(cleaned) if field.parse else cleaned
        except model.ValueProblem as exc:
            problems.append(Problem(number, field.name, _shown(value), str(exc)))
            values[field.name] = default
    status_given = bool(str(raw.get("status") or "").strip())
    return NormalRow(number, values, _raw_id(raw.get("id")), status_given, tuple(problems))


def _raw_id(value: object) -> str:
    try:
        text = model.clean_text(value, "id") if value is not None else ""
    except model.ValueProblem:
        text = ""
    return text.removesuffix(".0")


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"
