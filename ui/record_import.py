"""The editors' import: upload, preview with problems and fixes, duplicates and actions, one transaction."""

import hashlib

import pandas as pd
import streamlit as st

from geo.config import settings
from geo.intake import importplan, problemlist
from geo.intake.duplicates import find_duplicates
from geo.intake.networks import fix_region, read_preview, region_options, validate_table
from geo.intake.tablefile import Table
from geo.storage import store
from geo.text import mdsafe
from ui import accounts, uploads
from ui.desk import Desk

ACTIONS = {"Hinzufügen": importplan.ADD, "Aktualisieren": importplan.UPDATE, "Überspringen": importplan.SKIP}
ACTION_LABELS = {code: label for label, code in ACTIONS.items()}

#: Session key of the import in progress (file digest, table, result); listed in ``ui.session``.
IMPORT = "import"


def import_tab(desk: Desk) -> None:
    """Upload, preview with problems and suggestions, duplicates and actions, then one transactional import."""
    upload = st.file_uploader("CSV, XLSX oder JSON mit Netzwerken", type=["csv", "xlsx", "json", "geojson", "txt"])
    if upload is None and IMPORT not in st.session_state:
        return
    digest = hashlib.sha256(upload.getvalue()).hexdigest() if upload is not None else st.session_state[IMPORT]["digest"]
    if st.session_state.get(IMPORT, {}).get("digest") != digest:
        parsed = uploads.parse_upload(
            read_preview, upload.getvalue(), upload.name, timeout=settings.IMPORT_TIMEOUT_S.get()
        )
        if parsed is None:
            return
        table, result = parsed
        st.session_state[IMPORT] = {"digest": digest, "table": table, "result": result}
    table: Table = st.session_state[IMPORT]["table"]
    if st.session_state[IMPORT].get("result") is None:  # a suggestion was applied: validate again
        st.session_state[IMPORT]["result"] = uploads.parse_upload(
            validate_table, table, timeout=settings.IMPORT_TIMEOUT_S.get()
        )
    result = st.session_state[IMPORT]["result"]
    if result is None:
        return
    errors = result.errors
    st.markdown(f"**{len(result.records)} gültige Zeilen**, {len(errors)} mit Fehlern.")
    uploads.problem_summary(result.problems, "importprobleme.csv", key="import_probleme")
    for position, problem in enumerate(errors[: problemlist.SHOWN]):
        with st.container(border=True):
            st.markdown(f"Zeile {problem.row}, Spalte {problem.column}: {mdsafe.md(problem.message)}")
            if problem.value:
                st.caption(f"Wert: {mdsafe.md(problem.value)}")
            options = region_options(problem)
            if options:
                cols = st.columns([4, 1])
                labels = dict(options)
                choice = cols[0].selectbox(
                    "Vorschlag", list(labels), format_func=labels.get, key=f"fix_{problem.row}_{position}"
                )
                if cols[1].button("Übernehmen", key=f"apply_{problem.row}_{position}"):
                    fix_region(table, problem.row, problem.value, choice)
                    st.session_state[IMPORT]["result"] = None
                    st.rerun()
            elif problem.suggestion:
                st.caption(mdsafe.md(problem.suggestion))
    warnings = [p for p in result.problems if p.severity == "warning"]
    if warnings:
        with st.expander(f"{len(warnings)} Hinweise"):
            for problem in warnings[: problemlist.SHOWN]:
                st.caption(f"Zeile {problem.row}: {mdsafe.md(problem.message)}")
    if result.records.empty:
        return
    duplicates = find_duplicates(result.records, desk.stored)
    # The version of every matched record as this preview showed it: an update of a record changed since is refused.
    seen_versions = importplan.versions_seen(
        duplicates, desk.stored, st.session_state[IMPORT].setdefault("versions", {})
    )
    preview = pd.DataFrame(
        {
            "Aktion": [ACTION_LABELS[a] for a in importplan.default_actions(result.records["id"], duplicates)],
            "Zeile": result.records["source_row"],
            "Name": result.records["name"],
            "Kreise": result.records["ags"].map(importplan.kreise_text),
            "Gelesen als": result.records["region"].map(importplan.reading),
            "Duplikat von": duplicates.values,
        }
    )
    edited = st.data_editor(
        preview,
        hide_index=True,
        disabled=["Zeile", "Name", "Kreise", "Gelesen als", "Duplikat von"],
        column_config={"Aktion": st.column_config.SelectboxColumn(options=list(ACTIONS))},
        key=f"vorschau_{st.session_state['import']['digest']}",
    )
    if st.button(f"Import übernehmen ({(edited['Aktion'] != 'Überspringen').sum()} Zeilen)", type="primary"):
        accounts.require_editor()
        actions = [ACTIONS[a] for a in edited["Aktion"]]
        records, decisions = importplan.decide(result.records, actions, list(edited["Duplikat von"]))
        try:
            counts = store.apply_import(desk.engine, records, decisions, desk.editor, seen_versions=seen_versions)
        except store.VersionConflict as exc:
            seen_versions.clear()  # the next look at the preview shows (and takes) the current versions
            st.error(
                f"Import abgebrochen: {mdsafe.md(exc)}  \nDie Vorschau zeigt jetzt den aktuellen Stand; "
                "bitte prüfen und erneut übernehmen."
            )
            return
        except Exception as exc:  # the transaction rolled back: report, nothing was written
            st.error(f"Import abgebrochen, nichts wurde geändert: {type(exc).__name__}: {mdsafe.md(exc)}")
            return
        st.session_state.pop(IMPORT, None)
        desk.reload()
        st.success(f"Übernommen: {counts['add']} neu, {counts['update']} aktualisiert, {counts['skip']} übersprungen.")
