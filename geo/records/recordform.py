"""The editors' form of a record as data: which widget each field gets, what it starts with, what it sends.

The form is built from the record model (``geo.records.model.MODEL``), so a new field appears in it without
an edit here, and what it sends goes through the import's own validation (``geo.intake.networks.validate_table``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.records import model
from geo.records.model import Field

#: The yes/no choices of a criterion, as the import reads them ("unbekannt" is empty).
BOOL_CHOICES = {"unbekannt": None, "ja": True, "nein": False}


@dataclass(frozen=True)
class Widget:
    """One form element: ``kind`` is "text", "area", "multiselect" or "select"."""

    field: Field
    kind: str
    initial: object
    options: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.field.in_form

    def shown(self, option: str) -> str:
        """How an option reads in the form (an origin by its German label)."""
        return (self.field.choice_labels or {}).get(option, option)


def widgets(row: dict) -> list[Widget]:
    """The form's elements for a stored record (as ``geo.storage.store.load_networks`` gives it), in the model's order.

    The id is not editable: it names the record.
    """
    return [_widget(field, row.get(field.name)) for field in model.MODEL if field.name != "id"]


def _widget(field: Field, value: object) -> Widget:
    if field.kind == "list" and field.choices:
        return Widget(field, "multiselect", list(value or []), field.choices)
    if field.kind == "list":
        return Widget(field, "area", "\n".join(value or []))
    if field.kind == "longtext":
        return Widget(field, "area", text(value))
    if field.kind == "choice":
        return Widget(field, "select", value, field.choices)
    if field.kind == "bool":
        shown = {v: k for k, v in BOOL_CHOICES.items()}[None if _missing(value) else bool(value)]
        return Widget(field, "select", shown, tuple(BOOL_CHOICES))
    return Widget(field, "text", text(value))


def merge_edit(mine: dict[str, str], opened: dict, current: dict) -> tuple[dict[str, str], list[str]]:
    """The editor's form values (import cells) applied to ``current``, when the record changed since ``opened``.

    Three-way, field by field: a field the editor left as opened takes the current value, so a colleague's
    change in between stays; a field the editor changed keeps the editor's value. Also returns the labels of
    fields both changed differently (the editor's value wins; the page names them).
    """
    before = {w.field.name: (w.label, cell(w, w.initial)) for w in widgets(opened)}
    now = {w.field.name: cell(w, w.initial) for w in widgets(current)}
    merged, both = dict(mine), []
    for name, value in mine.items():
        if name not in before:
            continue
        label, seen = before[name]
        if value == seen:
            merged[name] = now[name]
        elif now[name] not in (seen, value):
            both.append(label)
    return merged, both


def cell(widget: Widget, value: object) -> str:
    """What a widget's value means as an import cell (a multiselect's list becomes "A; B")."""
    if widget.kind == "multiselect":
        return "; ".join(value or [])
    return "" if value is None else str(value)


def text(value: object) -> str:
    """A stored value as form text: missing values (None, or NaN in pandas' string columns) become empty."""
    return "" if _missing(value) else str(value)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, list | tuple) and pd.isna(value))
