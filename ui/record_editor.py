"""The editors' record form: open a record, edit it, save it with the version seen; retire or restore."""

import streamlit as st
from sqlalchemy import exc as sa_exc

from geo.intake.networks import validate_table
from geo.intake.tablefile import Table
from geo.records import recordform
from geo.records.vocabulary import ENDED
from geo.storage import store
from geo.text import mdsafe
from ui import accounts
from ui.desk import Desk


def edit_tab(desk: Desk) -> None:
    """Open a record, edit it in a form from the record model, save with its version; retire or restore."""
    chosen = desk.pick_network("Netzwerk", "Netzwerk wählen …", "bearbeiten_id")
    if not chosen:
        st.session_state.pop(OPENED, None)  # choosing a record again opens it afresh
        return
    seen = _opened(desk, chosen)
    row, version = seen["row"], seen["version"]
    prefix = f"e_{chosen}_{seen['opened']}"  # widgets start afresh whenever the record is (re)opened
    with st.form(f"bearbeiten_{chosen}"):
        values = {
            w.field.name: recordform.cell(w, _input(w, f"{prefix}_{w.field.name}")) for w in recordform.widgets(row)
        }
        submitted = st.form_submit_button("Speichern", type="primary")
    if submitted:
        accounts.require_editor()
        both = []
        if "current" in seen:  # saved again after a conflict: only this editor's changes, onto the newer version
            values, both = recordform.merge_edit(values, row, seen["current"])
        values["id"] = chosen
        result = validate_table(Table("Formular", list(values), [list(values.values())], [1]))
        if result.errors:
            for problem in result.errors:
                st.error(f"{problem.column}: {mdsafe.md(problem.message)}")
            return
        if _saved(
            desk,
            chosen,
            lambda: store.update_network(desk.engine, result.records.iloc[0].to_dict(), version, desk.editor),
        ):
            if "current" in seen:  # the form shows values from before the merge: open the saved record afresh
                st.session_state.pop(OPENED, None)
                desk.reload()
                st.success(
                    "Gespeichert: Ihre Änderungen auf der aktuellen Fassung; was inzwischen gespeichert wurde, bleibt."
                    + (f" Von beiden geändert, Ihr Wert gilt: {mdsafe.md(', '.join(both))}." if both else "")
                )
            else:
                seen["version"] = version + 1
                seen["row"] = desk.reload().set_index("id", drop=False).loc[chosen].to_dict()
                st.success("Gespeichert.")
    cols = st.columns(2)
    if row["status"] != ENDED:
        ended = cols[0].date_input("Beendet am", key=f"ende_{chosen}")
        if cols[0].button("Als beendet markieren", key=f"retire_{chosen}"):
            accounts.require_editor()
            if _saved(
                desk, chosen, lambda: store.retire_network(desk.engine, chosen, ended.isoformat(), version, desk.editor)
            ):
                st.session_state.pop(OPENED, None)
                st.rerun()
    elif cols[1].button("Wiederherstellen (aktiv)", key=f"restore_{chosen}"):
        accounts.require_editor()
        if _saved(desk, chosen, lambda: store.restore_network(desk.engine, chosen, version, desk.editor)):
            st.session_state.pop(OPENED, None)
            st.rerun()


OPENED = "bearbeiten_geladen"


def _input(widget: recordform.Widget, key: str) -> object:
    """The Streamlit element for one form field (``geo.records.recordform`` says which and what it starts with)."""
    if widget.kind == "multiselect":
        return st.multiselect(widget.label, widget.options, widget.initial, key=key)
    if widget.kind == "select":
        options = list(widget.options)
        return st.selectbox(widget.label, options, options.index(widget.initial), format_func=widget.shown, key=key)
    if widget.kind == "area":
        return st.text_area(widget.label, widget.initial, key=key, max_chars=widget.field.max_len)
    return st.text_input(widget.label, widget.initial, key=key, max_chars=widget.field.max_len)


def _opened(desk: Desk, chosen: str) -> dict:
    """The record and version as the editor first saw them when opening ``chosen``.

    Kept in the session while the form is open, so a save carries the version the editor SAW, not
    the one stored at the moment of submitting (which would overwrite a colleague's edit silently).
    """
    seen = st.session_state.get(OPENED)
    if not seen or seen["id"] != chosen:
        row = desk.stored.set_index("id", drop=False).loc[chosen].to_dict()
        seen = {"id": chosen, "version": int(row["version"]), "opened": int(row["version"]), "row": row}
        st.session_state[OPENED] = seen
    return seen


def _saved(desk: Desk, chosen: str, write) -> bool:
    """Run one write; on a version conflict or a database error say so (nothing was changed) and return False.

    After a conflict the form keeps the editor's input; the next save applies only the fields this editor
    changed to the newer version (:func:`geo.records.recordform.merge_edit`).
    """
    try:
        write()
    except store.VersionConflict as exc:
        st.error(
            mdsafe.md(exc) + "  \nIhre Eingaben stehen noch im Formular. Erneut speichern übernimmt nur die Felder, "
            "die Sie geändert haben, in die aktuelle Fassung; die inzwischen gespeicherten Änderungen bleiben. "
            "Den Eintrag neu wählen, um die aktuelle Fassung zu sehen."
        )
        current = desk.reload().set_index("id", drop=False).loc[chosen].to_dict()
        st.session_state[OPENED].update(version=int(current["version"]), current=current)
        return False
    except sa_exc.SQLAlchemyError as exc:
        st.error(f"Speichern fehlgeschlagen, nichts wurde geändert ({type(exc).__name__}). Bitte später erneut.")
        return False
    return True
