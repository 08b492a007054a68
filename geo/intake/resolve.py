"""Step 3 of the upload path (``geo.intake.networks``): each row's region text → Kreis codes and scope.

The text is read by ``geo.regions.resolver`` (which reads it with ``geo.regions.grammar`` first); what it
cannot decide becomes a problem of the row with suggestions, a spelling it corrected a warning. A row
without region text gets no Kreise here: that it is required is step 4's rule (``geo.intake.validate``).
The preview's region fixes (:func:`region_options`, :func:`fix_region`) live here, next to the problems
they answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.intake.normalise import Normalised, NormalRow, map_headers
from geo.intake.problem import Problem
from geo.intake.tablefile import Table
from geo.regions import resolver


@dataclass(frozen=True, slots=True)
class ResolvedRow:
    """A parsed row with its Kreise: ``ags`` sorted codes, ``scope`` as ``Resolution.scope`` ("" without)."""

    row: NormalRow
    ags: list[str]
    scope: str
    problems: tuple[Problem, ...]  # what the region text left open (unresolved, ambiguous, corrected)


@dataclass(frozen=True)
class Resolved:
    """The resolved rows and the file-wide problems passed on from normalising."""

    rows: list[ResolvedRow]
    problems: list[Problem]


def resolve_regions(normalised: Normalised) -> Resolved:
    """Every row's region resolved (memoised per text in the resolver: a repeated region costs one lookup)."""
    return Resolved([resolve_row(row) for row in normalised.rows], normalised.problems)


def resolve_row(row: NormalRow) -> ResolvedRow:
    text = row.values["region"]
    if not text:
        return ResolvedRow(row, [], "", ())
    resolution = resolver.resolve(text)
    return ResolvedRow(row, resolution.ags, resolution.scope, tuple(region_problems(row.number, resolution)))


def region_problems(number: int, resolution: resolver.Resolution) -> list[Problem]:
    """What a row's region reading leaves for a human, with the closest names or the candidates."""
    problems = []
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
    return problems


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
    column = next(i for i, field in map_headers(table, []).items() if field == "region")
    index = table.row_numbers.index(row_number)
    row = table.rows[index]
    while len(row) <= column:
        row.append("")
    row[column] = resolver.replace_part(str(row[column] or ""), part, replacement)
