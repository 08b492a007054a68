"""Page "Daten verwalten" (editors only): import with preview, edit, retire/restore, history, export."""

import hashlib
import logging

import pandas as pd
import streamlit as st
from sqlalchemy import exc as sa_exc

from geo import exports, importplan, problemlist, recordform, sandbox, store
from geo.duplicates import find_duplicates
from geo.networks import fix_region, read_preview, region_options, validate_table
from geo.tablefile import Table
from pages import common

ACTIONS = {"Hinzufügen": importplan.ADD, "Aktualisieren": importplan.UPDATE, "Überspringen": importplan.SKIP}
ACTION_LABELS = {code: label for label, code in ACTIONS.items()}
log = logging.getLogger("netzwerkatlas")

editor = common.require_editor()
st.title("Daten verwalten")
st.caption(f"Angemeldet als {common.md(editor)}")
engine = common.engine()
stored = store.load_networks(engine)  # once per run for every tab, and again after a write (see _reload)


def _reload() -> pd.DataFrame:
    """The stored records after a write in this run, so the later tabs (history, export) show it."""
    global stored
    stored = store.load_networks(engine)
    return stored


tab_import, tab_edit, tab_history, tab_export = st.tabs(["Import", "Bearbeiten", "Änderungsprotokoll", "Export"])


def import_tab() -> None:
    upload = st.file_uploader("CSV, XLSX oder JSON mit Netzwerken", type=["csv", "xlsx", "json", "geojson", "txt"])
    if upload is None and "import" not in st.session_state:
        return
    digest = (
        hashlib.sha256(upload.getvalue()).hexdigest() if upload is not None else st.session_state["import"]["digest"]
    )
    if st.session_state.get("import", {}).get("digest") != digest:
        parsed = common.parse_upload(read_preview, upload.getvalue(), upload.name, timeout=sandbox.EDITOR_TIMEOUT_S)
        if parsed is None:
            return
        table, result = parsed
        st.session_state["import"] = {"digest": digest, "table": table, "result": result}
    table: Table = st.session_state["import"]["table"]
    if st.session_state["import"].get("result") is None:  # a suggestion was applied: validate again
        st.session_state["import"]["result"] = common.parse_upload(
            validate_table, table, timeout=sandbox.EDITOR_TIMEOUT_S
        )
    result = st.session_state["import"]["result"]
    if result is None:
        return
    errors = result.errors
    st.markdown(f"**{len(result.records)} gültige Zeilen**, {len(errors)} mit Fehlern.")
    common.problem_summary(result.problems, "importprobleme.csv", key="import_probleme")
    for position, problem in enumerate(errors[: problemlist.SHOWN]):
        with st.container(border=True):
            st.markdown(f"Zeile {problem.row}, Spalte {problem.column}: {common.md(problem.message)}")
            if problem.value:
                st.caption(f"Wert: {common.md(problem.value)}")
            options = region_options(problem)
            if options:
                cols = st.columns([4, 1])
                labels = dict(options)
                choice = cols[0].selectbox(
                    "Vorschlag", list(labels), format_func=labels.get, key=f"fix_{problem.row}_{position}"
                )
                if cols[1].button("Übernehmen", key=f"apply_{problem.row}_{position}"):
                    fix_region(table, problem.row, problem.value, choice)
                    st.session_state["import"]["result"] = None
                    st.rerun()
            elif problem.suggestion:
                st.caption(common.md(problem.suggestion))
    warnings = [p for p in result.problems if p.severity == "warning"]
    if warnings:
        with st.expander(f"{len(warnings)} Hinweise"):
            for problem in warnings[: problemlist.SHOWN]:
                st.caption(f"Zeile {problem.row}: {common.md(problem.message)}")
    if result.records.empty:
        return
    duplicates = find_duplicates(result.records, stored)
    # The version of every matched record as this preview showed it: an update of a record changed since is refused.
    seen_versions = importplan.versions_seen(duplicates, stored, st.session_state["import"].setdefault("versions", {}))
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
        common.require_editor()
        actions = [ACTIONS[a] for a in edited["Aktion"]]
        records, decisions = importplan.decide(result.records, actions, list(edited["Duplikat von"]))
        try:
            counts = store.apply_import(engine, records, decisions, editor, seen_versions=seen_versions)
        except store.VersionConflict as exc:
            seen_versions.clear()  # the next look at the preview shows (and takes) the current versions
            st.error(
                f"Import abgebrochen: {common.md(exc)}  \nDie Vorschau zeigt jetzt den aktuellen Stand; "
                "bitte prüfen und erneut übernehmen."
            )
            return
        except Exception as exc:  # the transaction rolled back: report, nothing was written
            st.error(f"Import abgebrochen, nichts wurde geändert: {type(exc).__name__}: {common.md(exc)}")
            return
        st.session_state.pop("import", None)
        _reload()
        st.success(f"Übernommen: {counts['add']} neu, {counts['update']} aktualisiert, {counts['skip']} übersprungen.")


def edit_tab() -> None:
    chosen = _pick_network("Netzwerk", "Netzwerk wählen …", "bearbeiten_id")
    if not chosen:
        st.session_state.pop(OPENED, None)  # choosing a record again opens it afresh
        return
    seen = _opened(chosen)
    row, version = seen["row"], seen["version"]
    prefix = f"e_{chosen}_{seen['opened']}"  # widgets start afresh whenever the record is (re)opened
    with st.form(f"bearbeiten_{chosen}"):
        values = {
            w.field.name: recordform.cell(w, _input(w, f"{prefix}_{w.field.name}")) for w in recordform.widgets(row)
        }
        submitted = st.form_submit_button("Speichern", type="primary")
    if submitted:
        common.require_editor()
        values["id"] = chosen
        result = validate_table(Table("Formular", list(values), [list(values.values())], [1]))
        if result.errors:
            for problem in result.errors:
                st.error(f"{problem.column}: {common.md(problem.message)}")
            return
        if _saved(chosen, lambda: store.update_network(engine, result.records.iloc[0].to_dict(), version, editor)):
            seen["version"] = version + 1
            seen["row"] = _reload().set_index("id", drop=False).loc[chosen].to_dict()
            st.success("Gespeichert.")
    cols = st.columns(2)
    if row["status"] != "beendet":
        ended = cols[0].date_input("Beendet am", key=f"ende_{chosen}")
        if cols[0].button("Als beendet markieren", key=f"retire_{chosen}"):
            common.require_editor()
            if _saved(chosen, lambda: store.retire_network(engine, chosen, ended.isoformat(), version, editor)):
                st.session_state.pop(OPENED, None)
                st.rerun()
    elif cols[1].button("Wiederherstellen (aktiv)", key=f"restore_{chosen}"):
        common.require_editor()
        if _saved(chosen, lambda: store.restore_network(engine, chosen, version, editor)):
            st.session_state.pop(OPENED, None)
            st.rerun()


OPENED = "bearbeiten_geladen"


def _input(widget: recordform.Widget, key: str) -> object:
    """The Streamlit element for one form field (``geo.recordform`` says which and what it starts with)."""
    if widget.kind == "multiselect":
        return st.multiselect(widget.label, widget.options, widget.initial, key=key)
    if widget.kind == "select":
        options = list(widget.options)
        return st.selectbox(widget.label, options, options.index(widget.initial), format_func=widget.shown, key=key)
    if widget.kind == "area":
        return st.text_area(widget.label, widget.initial, key=key)
    return st.text_input(widget.label, widget.initial, key=key)


def _opened(chosen: str) -> dict:
    """The record and version as the editor first saw them when opening ``chosen``.

    Kept in the session while the form is open, so a save carries the version the editor SAW, not
    the one stored at the moment of submitting (which would overwrite a colleague's edit silently).
    """
    seen = st.session_state.get(OPENED)
    if not seen or seen["id"] != chosen:
        row = stored.set_index("id", drop=False).loc[chosen].to_dict()
        seen = {"id": chosen, "version": int(row["version"]), "opened": int(row["version"]), "row": row}
        st.session_state[OPENED] = seen
    return seen


def _pick_network(label: str, placeholder: str, key: str) -> str | None:
    names = dict(zip(stored["id"], stored["name"], strict=True))
    return st.selectbox(
        label, list(names), format_func=lambda i: f"{names[i]} ({i})", index=None, placeholder=placeholder, key=key
    )


def _saved(chosen: str, write) -> bool:
    """Run one write; on a version conflict or a database error say so (nothing was changed) and return False.

    After a conflict the form keeps the editor's input; the next save knowingly replaces the newer version.
    """
    try:
        write()
    except store.VersionConflict as exc:
        st.error(
            common.md(exc) + "  \nIhre Eingaben stehen noch im Formular: prüfen und erneut speichern, um die "
            "Änderung zu überschreiben, oder den Eintrag neu wählen, um sie zu sehen."
        )
        current = _reload().set_index("id").loc[chosen, "version"]
        st.session_state[OPENED]["version"] = int(current)
        return False
    except sa_exc.SQLAlchemyError as exc:
        st.error(f"Speichern fehlgeschlagen, nichts wurde geändert ({type(exc).__name__}). Bitte später erneut.")
        return False
    return True


def history_tab() -> None:
    only = _pick_network("Nur dieses Netzwerk", "alle Änderungen", "protokoll_id")
    trail = store.history(engine, only)
    trail["changes"] = trail["changes"].map(store.change_summary)
    st.dataframe(trail, hide_index=True, width="stretch", height=420)
    st.download_button("Protokoll als CSV", exports.to_csv_bytes(trail), "aenderungsprotokoll.csv", mime="text/csv")


def export_tab() -> None:
    frame = store.export_layout(stored)
    cols = st.columns(3)
    cols[0].download_button("CSV", exports.to_csv_bytes(frame), "netzwerke.csv", mime="text/csv")
    cols[1].download_button("XLSX", exports.to_xlsx_bytes(frame, "Netzwerke"), "netzwerke.xlsx")
    geojson = exports.networks_geojson(stored[["id", "name", "traeger", "region", "status", "ags"]], common.kreise())
    cols[2].download_button("GeoJSON (mit Kreisgeometrie)", geojson, "netzwerke.geojson", mime="application/geo+json")


with tab_import, common.incident_guard():
    try:
        import_tab()
    except Exception:  # a preview that cannot be drawn must not stay in the session and fail on every visit
        st.session_state.pop("import", None)
        st.error("Die Vorschau dieser Datei ließ sich nicht anzeigen. Bitte die Datei erneut hochladen.")
        raise
with tab_edit:
    edit_tab()
with tab_history:
    history_tab()
with tab_export:
    export_tab()
common.attribution_footer()
