"""The upload path is a pipeline: read → normalise → resolve → validate → plan → write (issue 23.6).

Each step is one function taking the previous step's output; no step module imports a later one, and
the region grammar never imports the resolver. Then one plain test per step on a tiny input.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.intake import importplan, networks
from geo.intake.normalise import Normalised, NormalRow, normalise_row, normalise_table
from geo.intake.problem import Problem
from geo.intake.resolve import Resolved, ResolvedRow, resolve_regions
from geo.intake.tablefile import Table, TableFileError, read_table
from geo.intake.validate import ImportResult, validate_records
from geo.regions import grammar
from geo.storage import store
from tests.test_architecture import GEO, imports

#: The steps in their order, as the modules that own them.
STEPS = (
    "geo.intake.tablefile",  # read
    "geo.intake.normalise",
    "geo.intake.resolve",
    "geo.intake.validate",
    "geo.intake.importplan",  # plan
    "geo.storage.store",  # write
)


def _path(module: str) -> Path:
    return GEO.parent / (module.replace(".", "/") + ".py")


def _imported(module: str) -> set[str]:
    return {name for name, _ in imports(_path(module))}


@pytest.mark.parametrize("position", range(len(STEPS)))
def test_no_step_imports_a_later_step(position):
    step = STEPS[position]
    later = [s for s in STEPS[position + 1 :] if s in _imported(step)]
    assert not later, f"{step} imports the later step(s) {later}: the pipeline would climb back up"


def test_the_entry_point_imports_every_step_up_to_validate():
    missing = [s for s in STEPS[:4] if s not in _imported("geo.intake.networks")]
    assert not missing, f"geo.intake.networks does not run {missing}"


def test_the_grammar_never_reaches_into_the_resolver():
    reached = {m for m in _imported("geo.regions.grammar") if m.startswith("geo.regions.")}
    assert not reached & {"geo.regions.resolver", "geo.regions.regionindex"}, reached


def test_the_grammar_takes_slash_names_as_data_and_lists_the_slash_parts():
    split = grammar.parse("Reichenbach/Vogtland, Barnim")
    assert [i.text for i in split.items] == ["Reichenbach", "Vogtland", "Barnim"]
    assert split.slashed == ["Reichenbach/Vogtland"]
    whole = grammar.parse("Reichenbach/Vogtland, Barnim", whole_names=frozenset({"Reichenbach/Vogtland"}))
    assert [i.text for i in whole.items] == ["Reichenbach/Vogtland", "Barnim"]


# -- one step at a time -----------------------------------------------------------------------
def _table(headers: list[str], *rows: list[object]) -> Table:
    return Table("klein.csv", headers, [list(r) for r in rows], list(range(2, 2 + len(rows))))


def _row(number: int = 2, **values: object) -> NormalRow:
    base = normalise_row({"name": "Netz A", "region": "Barnim"}, number).values
    return NormalRow(number, {**base, **values}, "", False, ())


def test_read_gives_headers_cells_and_file_row_numbers():
    table = read_table(b"Netzwerk;Kreis\nNetz A;Barnim\n\nNetz B;Uckermark\n", name="klein.csv")
    assert table.headers == ["Netzwerk", "Kreis"]
    assert table.rows == [["Netz A", "Barnim"], ["Netz B", "Uckermark"]]
    assert table.row_numbers == [2, 4]


def test_normalise_parses_values_and_leaves_the_region_as_text():
    table = _table(["Netzwerk", "Kreis", "Gegründet", "Lieblingsfarbe"], ["Netz A", "Barnim", "2015", "blau"])
    result = normalise_table(table)
    (row,) = result.rows
    assert row.values["name"] == "Netz A" and row.values["gegruendet"] == 2015
    assert row.values["region"] == "Barnim" and "ags" not in row.values
    assert row.problems == ()
    assert [p.column for p in result.problems] == ["Lieblingsfarbe"]  # unknown column: a file-wide warning


def test_normalise_reports_a_bad_value_and_keeps_the_default():
    (row,) = normalise_table(_table(["name", "region", "gegruendet"], ["Netz A", "Barnim", "abc"])).rows
    assert row.values["gegruendet"] is None
    assert [(p.row, p.column, p.value) for p in row.problems] == [(2, "gegruendet", "abc")]


def test_normalise_refuses_a_table_without_a_required_column():
    with pytest.raises(TableFileError, match="Pflichtspalte fehlt"):
        normalise_table(_table(["name"], ["Netz A"]))


def test_resolve_finds_the_kreise_and_reports_what_is_open():
    resolved = resolve_regions(Normalised([_row(2), _row(3, region="München"), _row(4, region="")], []))
    barnim, muenchen, empty = resolved.rows
    assert (barnim.ags, barnim.scope, barnim.problems) == (["12060"], "lokal", ())
    assert muenchen.ags == [] and [p.message for p in muenchen.problems] == ["Region 'München' ist mehrdeutig"]
    assert (empty.ags, empty.scope, empty.problems) == ([], "", ())  # that it is required is validate's rule


def test_validate_keeps_good_rows_and_applies_the_record_rules():
    rows = [
        ResolvedRow(_row(2, beendet_am="2020-01-01"), ["12060"], "lokal", ()),
        ResolvedRow(_row(3, name=""), ["12060"], "lokal", ()),
        ResolvedRow(_row(4), ["12060"], "lokal", ()),
    ]
    result = validate_records(Resolved(rows, [Problem(0, "", "", "Hinweis", severity="warning")]))
    assert isinstance(result, ImportResult)
    assert list(result.records["source_row"]) == [2]
    (record,) = result.records.to_dict("records")
    assert record["status"] == "beendet"  # an end date and no status given
    assert record["id"].startswith("N-") and record["ags"] == ["12060"]
    assert [(p.row, p.column, p.message) for p in result.errors] == [
        (3, "name", "Name fehlt (Pflichtfeld)"),
        (4, "id", "Doppelte ID, schon in Zeile 2 verwendet"),  # same name and region: the same stable id
    ]


def test_plan_updates_same_ids_skips_look_alikes_and_adds_the_rest():
    records = pd.DataFrame({"id": ["a", "b", "c"]})
    actions = importplan.default_actions(records["id"], ["a", "x", ""])
    assert actions == [importplan.UPDATE, importplan.SKIP, importplan.ADD]
    chosen, decisions = importplan.decide(
        records, [importplan.UPDATE, importplan.UPDATE, importplan.ADD], ["a", "x", ""]
    )
    assert list(chosen["id"]) == ["a", "x", "c"] and decisions == {"a": "update", "x": "update", "c": "add"}


def test_write_stores_the_validated_records_in_one_transaction(engine):
    result = networks.validate_table(_table(["name", "region"], ["Netz A", "Barnim"], ["Netz B", "Uckermark"]))
    counts = store.apply_import(engine, result.records, {}, "Test")
    assert counts == {"add": 2, "update": 0, "skip": 0}
    stored = store.load_networks(engine).set_index("name")["ags"].to_dict()
    assert stored == {"Netz A": ["12060"], "Netz B": ["12073"]}


def test_the_entry_point_is_the_steps_in_order():
    table = _table(["name", "region"], ["Netz A", "Barnim"], ["", "Atlantis"])
    by_steps = validate_records(resolve_regions(normalise_table(table)))
    whole = networks.validate_table(table)
    pd.testing.assert_frame_equal(whole.records, by_steps.records)
    assert whole.problems == by_steps.problems and len(whole.errors) == 2
