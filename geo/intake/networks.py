"""Import of network records, the entry point of the upload path: file → validated records with Kreise + problems.

``read_networks`` writes nothing anywhere; it returns what is valid and a precise, German list of what is
not (row, column, value, message, suggestion), so that staff can fix a file or pick a suggestion in the UI.

The path as a pipeline (issue 23): each step is one function that takes the previous step's output, and
no step module imports a later one (``tests/test_pipeline.py`` checks both)::

    read       geo.intake.tablefile.read_table          bytes/path   → Table (headers, cells, row numbers)
    normalise  geo.intake.normalise.normalise_table     Table        → Normalised (NormalRow: parsed values)
    resolve    geo.intake.resolve.resolve_regions       Normalised   → Resolved (ResolvedRow: ags, scope)
                 region text → geo.regions.grammar.parse (text → Parse, items) → geo.regions.resolver
                 (items → codes via geo.regions.regionindex); the grammar asks the resolver nothing
    validate   geo.intake.validate.validate_records     Resolved     → ImportResult (records, problems)
    plan       geo.intake.importplan.default_actions / decide   records, actions → records, id → action
    write      geo.storage.store.apply_import           records, decisions → counts, ONE transaction

On the editors' page (``ui/record_import.py``) read → validate runs in the sandbox's child process
(``geo.intake.sandbox``, jobs :func:`read_preview` and :func:`validate_table`); the preview adds
``geo.intake.duplicates.find_duplicates`` before plan, and a picked region fix (``resolve.fix_region``)
edits the Table and runs normalise → validate again. Shipped data (``geo.storage.datasets.read``), the
report form (``geo.publicreports.reports``) and the record editor take the same path.

How an uploaded record walked before (the review's count: 7 rooms, 9 climbs back up)::

    networks.read_preview → tablefile.read_table → back in networks.validate_table
    → networks._map_headers → records.column_field per header, records.REQUIRED, a lazy import of
      tablefile.TableFileError → back in networks, per row networks._parse_row
    → records.clean_text and the Field parsers of records.MODEL per cell → back in networks
    → records.criteria_met → back in networks (status rule, required name/region)
    → networks._resolve_region → resolver.resolve → grammar.parse(text, known=callback)
      → the grammar called back into the resolver's index for every part with "/"
      → resolver (regionindex lookups) → back in networks: resolver.suggest / label_of per problem
    → networks._with_id → records.clean_text, records.stable_id → back in networks.validate_table
      (ids used twice, the frame in records.RECORD_COLUMNS)
    → preview: duplicates, importplan (resolver again for labels) → store.apply_import

Now each room is entered once, in order, and its result handed on; ``geo.records.model`` and
``geo.regions`` are libraries the steps use, never steps that call back.
"""

from __future__ import annotations

from geo.intake.normalise import normalise_table
from geo.intake.problem import Problem
from geo.intake.resolve import fix_region, region_options, resolve_regions
from geo.intake.tablefile import Table, read_table
from geo.intake.validate import ImportResult, validate_records
from geo.records import model

__all__ = [
    "RECORD_COLUMNS",
    "ImportResult",
    "Problem",
    "fix_region",
    "read_networks",
    "read_preview",
    "region_options",
    "validate_table",
]

RECORD_COLUMNS = model.RECORD_COLUMNS  # the layout of the record model, kept under its old name


def read_networks(source: object, name: str | None = None, max_bytes: int | None = None) -> ImportResult:
    """Read a CSV/XLSX/JSON file of networks. Raises ``TableFileError`` if the file is unreadable as a whole."""
    return validate_table(read_table(source, name=name, max_bytes=max_bytes))


def read_preview(source: object, name: str | None = None) -> tuple[Table, ImportResult]:
    """The file's table (kept for fixes in the preview) and its validation: the job the data page sandboxes."""
    table = read_table(source, name=name)
    return table, validate_table(table)


def validate_table(table: Table) -> ImportResult:
    """Normalise, resolve and validate a read table: map columns, parse values, resolve regions, flag duplicates."""
    return validate_records(resolve_regions(normalise_table(table)))
