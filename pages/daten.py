"""Page "Daten verwalten" (editors only): import with preview, edit, retire/restore, history, export."""

import hashlib
import logging

import pandas as pd
import streamlit as st
from sqlalchemy import exc as sa_exc

from geo import exports, problemlist, regions, sandbox, store
from geo.duplicates import find_duplicates
from geo.networks import fix_region, read_preview, region_options, validate_table
from geo.records import HANDLUNGSFELDER, ORIGINS, STATUSES
from geo.tablefile import Table
from pages import common

ACTIONS = {"Hinzufügen": "add", "Aktualisieren": "update", "Überspringen": "skip"}
BOOL_CHOICES = {"unbekannt": None, "ja": True, "nein": False}
log = logging.getLogger("netzwerkatlas")

editor = common.require_editor()
st.title("Daten verwalten")
st.caption(f"Angemeldet als {common.md(editor)}")
engine = common.engine()
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
    existing = store.load_networks(engine)
    duplicates = find_duplicates(result.records, existing)
    # The version of every matched record as this preview showed it: an update of a record changed since is refused.
    seen_versions = st.session_state["import"].setdefault("versions", {})
    stored_versions = dict(zip(existing["id"], existing["version"], strict=True))
    for match in duplicates:
        if match in stored_versions:
            seen_versions.setdefault(match, int(stored_versions[match]))
    preview = pd.DataFrame(
        {
            "Aktion": [
                "Aktualisieren" if d and d == i else ("Überspringen" if d else "Hinzufügen")
                for d, i in zip(duplicates, result.records["id"], strict=True)
            ],
            "Zeile": result.records["source_row"],
            "Name": result.records["name"],
            "Kreise": result.records["ags"].map(
                lambda a: ", ".join(regions.label_of(c) for c in a[:3]) + (f" … ({len(a)})" if len(a) > 3 else "")
            ),
            "Gelesen als": result.records["region"].map(lambda text: " · ".join(regions.resolve(text).notes)),
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
        records = result.records.copy()
        decisions = {}
        for position, (action, duplicate) in enumerate(zip(edited["Aktion"], edited["Duplikat von"], strict=True)):
            if ACTIONS[action] == "update" and duplicate:
                records.iloc[position, records.columns.get_loc("id")] = duplicate
            decisions[records.iloc[position]["id"]] = ACTIONS[action]
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
        st.success(f"Übernommen: {counts['add']} neu, {counts['update']} aktualisiert, {counts['skip']} übersprungen.")


def edit_tab() -> None:
    networks = store.load_networks(engine)
    chosen = _pick_network(networks, "Netzwerk", "Netzwerk wählen …", "bearbeiten_id")
    if not chosen:
        st.session_state.pop(OPENED, None)  # choosing a record again opens it afresh
        return
    seen = _opened(chosen, networks)
    row, version = seen["row"], seen["version"]
    prefix = f"e_{chosen}_{seen['opened']}"  # widgets start afresh whenever the record is (re)opened
    with st.form(f"bearbeiten_{chosen}"):
        values = {
            "name": st.text_input("Name", _text(row["name"]), key=f"{prefix}_name"),
            "traeger": st.text_input("Träger", _text(row["traeger"]), key=f"{prefix}_traeger"),
            "partner": st.text_area(
                "Partner (eine Zeile je Partner)", "\n".join(row["partner"]), key=f"{prefix}_partner"
            ),
            "region": st.text_input("Region", _text(row["region"]), key=f"{prefix}_region"),
            "plz": st.text_input("PLZ", _text(row["plz"]), key=f"{prefix}_plz"),
            "ort": st.text_input("Ort", _text(row["ort"]), key=f"{prefix}_ort"),
            "handlungsfelder": "; ".join(
                st.multiselect("Handlungsfelder", HANDLUNGSFELDER, row["handlungsfelder"], key=f"{prefix}_hf")
            ),
            "gegruendet": st.text_input("Gegründet (Jahr)", _text(row["gegruendet"]), key=f"{prefix}_gegruendet"),
            "status": st.selectbox("Status", STATUSES, STATUSES.index(row["status"]), key=f"{prefix}_status"),
            "beendet_am": st.text_input("Beendet am", _text(row["beendet_am"]), key=f"{prefix}_beendet_am"),
            "website": st.text_input("Website", _text(row["website"]), key=f"{prefix}_website"),
            "kontakt_email": st.text_input("E-Mail", _text(row["kontakt_email"]), key=f"{prefix}_email"),
            "beschreibung": st.text_area("Beschreibung", _text(row["beschreibung"]), key=f"{prefix}_beschreibung"),
            "stand": st.text_input("Stand (zuletzt geprüft)", _text(row["stand"]), key=f"{prefix}_stand"),
            "quellen": st.text_area(
                "Quellen (eine Web-Adresse je Zeile)", "\n".join(row["quellen"]), key=f"{prefix}_quellen"
            ),
            "herkunft": st.selectbox(
                "Herkunft",
                list(ORIGINS),
                list(ORIGINS).index(row["herkunft"]),
                format_func=ORIGINS.get,
                key=f"{prefix}_herkunft",
            ),
        }
        for criterion in ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation"):
            current = {None: "unbekannt", True: "ja", False: "nein"}[row[criterion]]
            values[criterion] = st.selectbox(
                criterion.replace("_", " ").capitalize(),
                list(BOOL_CHOICES),
                list(BOOL_CHOICES).index(current),
                key=f"{prefix}_{criterion}",
            )
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
            seen["row"] = store.load_networks(engine).set_index("id", drop=False).loc[chosen].to_dict()
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


def _opened(chosen: str, networks: pd.DataFrame) -> dict:
    """The record and version as the editor first saw them when opening ``chosen``.

    Kept in the session while the form is open, so a save carries the version the editor SAW, not
    the one stored at the moment of submitting (which would overwrite a colleague's edit silently).
    """
    seen = st.session_state.get(OPENED)
    if not seen or seen["id"] != chosen:
        row = networks.set_index("id", drop=False).loc[chosen].to_dict()
        seen = {"id": chosen, "version": int(row["version"]), "opened": int(row["version"]), "row": row}
        st.session_state[OPENED] = seen
    return seen


def _text(value: object) -> str:
    """A stored value as form text: missing values (None, or NaN in pandas' string columns) become empty."""
    return "" if value is None or pd.isna(value) else str(value)


def _pick_network(networks: pd.DataFrame, label: str, placeholder: str, key: str) -> str | None:
    names = dict(zip(networks["id"], networks["name"], strict=True))
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
        current = store.load_networks(engine).set_index("id").loc[chosen, "version"]
        st.session_state[OPENED]["version"] = int(current)
        return False
    except sa_exc.SQLAlchemyError as exc:
        st.error(f"Speichern fehlgeschlagen, nichts wurde geändert ({type(exc).__name__}). Bitte später erneut.")
        return False
    return True


def history_tab() -> None:
    only = _pick_network(store.load_networks(engine), "Nur dieses Netzwerk", "alle Änderungen", "protokoll_id")
    trail = store.history(engine, only)
    trail["changes"] = trail["changes"].map(lambda c: "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in c.items()))
    st.dataframe(trail, hide_index=True, width="stretch", height=420)
    st.download_button("Protokoll als CSV", exports.to_csv_bytes(trail), "aenderungsprotokoll.csv", mime="text/csv")


def export_tab() -> None:
    frame = store.export_frame(engine)
    cols = st.columns(3)
    cols[0].download_button("CSV", exports.to_csv_bytes(frame), "netzwerke.csv", mime="text/csv")
    cols[1].download_button("XLSX", exports.to_xlsx_bytes(frame, "Netzwerke"), "netzwerke.xlsx")
    records = store.load_networks(engine)
    geojson = exports.networks_geojson(records[["id", "name", "traeger", "region", "status", "ags"]], common.kreise())
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
