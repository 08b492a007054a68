"""The record model is the one place a field is defined: every other layout of a record follows it."""

import ast
import subprocess
import sys
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from geo.handouts import pdfreport
from geo.intake.networks import RECORD_COLUMNS, validate_table
from geo.intake.tablefile import Table
from geo.maps import urlstate
from geo.publicreports import reports
from geo.records import model, recordform, vocabulary
from geo.storage import store
from geo.storage.schema import networks_table

FIELDS = [f.name for f in model.MODEL]
BOOKKEEPING = ["bestaetigt_am", "bestaetigt_durch", "version", "updated_at"]


def full_record() -> Table:
    """One row with a value in every field of the model."""
    row = {
        "id": "M-1",
        "name": "Netzwerk Modell",
        "traeger": "IHK",
        "partner": "IHK; HWK; Jobcenter",
        "region": "Barnim, Uckermark",
        "plz": "16225",
        "ort": "Eberswalde",
        "handlungsfelder": "Ausbildung; Ältere",
        "gegruendet": "2015",
        "status": "beendet",
        "beendet_am": "2023-06-30",
        "website": "https://www.beispiel.de",
        "kontakt_email": "info@beispiel.de",
        "beschreibung": "Ein Netzwerk.",
        "stand": "2024-01-15",
        "quellen": "https://www.beispiel.de/a https://www.beispiel.de/b",
        "herkunft": "quelle",
        "verbindliche_kooperation": "ja",
        "datenbasierte_ziele": "nein",
        "evaluation": "",
    }
    assert list(row) == FIELDS, "the fixture names every field of the model"
    return Table("modell.csv", list(row), [list(row.values())], [2])


def test_every_layout_of_a_record_has_exactly_the_models_fields(engine):
    imported = validate_table(full_record())
    assert not imported.problems
    assert [c for c in imported.records.columns if c in FIELDS] == FIELDS  # the import reads every field
    database = [c.name for c in networks_table.columns]
    assert [c for c in database if c not in BOOKKEEPING] == model.STORED_COLUMNS
    assert set(FIELDS) <= set(database)
    assert list(model.COLUMN_ALIASES) == FIELDS  # headers
    assert store.EXPORT_COLUMNS == FIELDS
    store.add_networks(engine, imported.records)
    assert list(store.export_frame(engine).columns) == FIELDS
    assert [w.field.name for w in recordform.widgets(store.load_networks(engine).iloc[0].to_dict())] == FIELDS[1:]
    assert RECORD_COLUMNS == model.RECORD_COLUMNS


def test_database_columns_follow_each_fields_kind_and_limit():
    columns = networks_table.columns
    for field in model.MODEL[1:]:
        column = columns[field.name]
        if field.kind == "text":
            assert column.type.length == field.max_len, field.name  # the import's limit is the column's
        elif field.kind == "list":
            assert isinstance(column.type, sa.Text) and column.default.arg == "[]"
        elif field.kind == "bool":
            assert isinstance(column.type, sa.Boolean) and column.nullable
    assert not columns["name"].nullable and columns["name"].default is None  # required: no silent default


def test_a_record_survives_store_export_reimport_and_the_edit_form_unchanged(engine):
    store.add_networks(engine, validate_table(full_record()).records)
    loaded = store.load_networks(engine)
    exported = store.export_frame(engine)
    again = validate_table(Table("export.csv", list(exported.columns), exported.astype(str).values.tolist(), [2]))
    widgets = recordform.widgets(loaded.iloc[0].to_dict())
    form = {"id": "M-1", **{w.field.name: recordform.cell(w, w.initial) for w in widgets}}
    edited = validate_table(Table("Formular", list(form), [list(form.values())], [1]))
    for result in (again, edited):
        assert not result.errors
        for field in FIELDS:
            assert _same(result.records.iloc[0][field], loaded.iloc[0][field]), field


def test_the_form_offers_each_field_in_the_widget_its_kind_needs():
    row = validate_table(full_record()).records.iloc[0].to_dict()
    widgets = {w.field.name: w for w in recordform.widgets(row)}
    assert widgets["handlungsfelder"].kind == "multiselect"
    assert widgets["handlungsfelder"].options == model.HANDLUNGSFELDER
    assert widgets["partner"].initial == "IHK\nHWK\nJobcenter"
    assert widgets["herkunft"].shown("quelle") == "öffentliche Quelle"
    assert [widgets[c].initial for c in model.CRITERIA] == ["ja", "nein", "unbekannt"]
    assert widgets["gegruendet"].label == "Gegründet (Jahr)"
    assert widgets["name"].label == model.FIELD_LABELS["name"] == "Name"


def test_a_form_saved_after_a_colleagues_save_keeps_the_colleagues_fields():
    opened = validate_table(full_record()).records.iloc[0].to_dict()
    form = {w.field.name: recordform.cell(w, w.initial) for w in recordform.widgets(opened)}
    colleague = {**opened, "ort": "Anderswo", "partner": ["IHK"], model.CRITERIA[2]: True, "name": "Ihr Name"}
    mine = form | {"name": "Mein Name", "website": "https://mein.example.de", model.CRITERIA[0]: "nein"}

    merged, both = recordform.merge_edit(mine, opened, colleague)

    assert merged["ort"] == "Anderswo" and merged["partner"] == "IHK"  # only the colleague changed them
    assert merged[model.CRITERIA[2]] == "ja"
    assert merged["website"] == "https://mein.example.de" and merged[model.CRITERIA[0]] == "nein"  # only mine
    assert merged["name"] == "Mein Name" and both == ["Name"]  # both: mine, and named
    assert recordform.merge_edit(form, opened, opened) == (form, [])  # nothing changed: nothing to merge


def test_scopes_criteria_and_labels_are_defined_once():
    assert list(model.SCOPE_LABELS) == [model.LOCAL, model.MULTI, model.LAND, model.NATIONAL]
    assert model.SCOPE_ORDER == {"lokal": 0, "mehrere": 1, "land": 2, "bund": 3}
    assert model.CRITERIA == ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation")
    assert set(model.CRITERIA_LABELS) == set(model.CRITERIA)
    assert set(model.BOOL_COLUMNS) == {*model.CRITERIA, "criteria_met"}
    assert all(model.FIELD_LABELS[f] for f in FIELDS)  # every field has a German label (quellen had none)


def test_every_wording_of_a_handlungsfeld_status_or_criterion_comes_from_the_vocabulary():
    fields = vocabulary.HANDLUNGSFELD_LIST
    assert tuple(h.name for h in fields) == model.HANDLUNGSFELDER and model.STATUSES == vocabulary.STATUSES
    assert model.BY_NAME["handlungsfelder"].choices == model.HANDLUNGSFELDER
    assert model.BY_NAME["status"].choices == model.STATUSES and model.BY_NAME["status"].default == vocabulary.ACTIVE
    # shared links and the PDF find a Handlungsfeld by its name, not by its position
    assert {h.code: h.name for h in fields} == urlstate.FIELD_CODES
    assert urlstate.parse({"hf": "vbf"}, set())[0].filters.handlungsfeld == "Vereinbarkeit von Beruf und Familie"
    assert {h.name: h.short for h in fields} == pdfreport.SHORT_FIELDS
    # criteria: the record's field label, the profile's wording and the report form's question
    in_record = vocabulary.RECORD_CRITERIA
    assert tuple(c.name for c in in_record) == model.CRITERIA
    assert [model.FIELD_LABELS[c.name] for c in in_record] == [c.label for c in in_record]
    assert {c.name: c.public for c in in_record} == model.CRITERIA_LABELS
    assert {c.name: c.self_assessment for c in vocabulary.CRITERION_LIST} == reports.SELF_CRITERIA
    assert set(model.CRITERIA) < set(reports.SELF_CRITERIA)  # "massnahmen" is assessed, not stored
    # the public report form: the model's fields, in the model's order, with the model's labels
    assert reports.FORM_FIELDS == model.REPORT_FIELDS == tuple(model.REPORT_LABELS)
    assert list(model.REPORT_FIELDS) == [f for f in FIELDS if f in model.REPORT_FIELDS]
    assert set(model.REQUIRED) <= set(model.REPORT_FIELDS)
    assert all(model.REPORT_LABELS[f].endswith("*") or " * " in model.REPORT_LABELS[f] for f in model.REQUIRED)


ROOT = Path(__file__).resolve().parent.parent


def spelled(words: frozenset[str], allowed: set[str], root: Path = ROOT) -> list[str]:
    """ "file:line 'word'" for every string constant equal to one of ``words`` in geo/, ui/ and pages/."""
    found = []
    for top in ("geo", "ui", "pages"):
        for path in sorted((root / top).rglob("*.py")):
            where = path.relative_to(root).as_posix()
            if where in allowed:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=where)):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in words:
                    found.append(f"{where}:{node.lineno} {node.value!r}")
    return found


def test_no_handlungsfeld_status_or_criterion_is_spelled_outside_the_vocabulary():
    assert {"Integration und Zuwanderung", "Ältere", "beendet", "offen", "Ergebnisse evaluiert"} <= vocabulary.labels()
    assert spelled(vocabulary.labels(), {"geo/records/vocabulary.py"}) == []


def test_the_report_forms_labels_are_spelled_only_in_the_model():
    own = frozenset(f.report_label for f in model.MODEL if f.report_label not in ("", f.label, f.in_form))
    assert "Name des Netzwerks *" in own and "Website" not in own  # "Website" is the field's label, too
    assert spelled(own, {"geo/records/model.py"}) == []


def test_the_spelling_check_finds_a_copied_word(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.py").write_text('S = ("aktiv", "ruhend")\nT = f"{x} aktiv"\n', encoding="utf-8")
    assert spelled(vocabulary.labels(), set(), tmp_path) == ["pages/p.py:1 'aktiv'", "pages/p.py:1 'ruhend'"]


def test_the_store_does_not_import_the_import_pipeline():
    code = (
        "import sys, geo.storage.store; "
        "sys.exit('geo.intake.networks' in sys.modules or 'geo.storage.datasets' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _same(a, b) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return list(a) == list(b)
    if pd.isna(a) and pd.isna(b):
        return True
    return a == b
