"""The editors' moderation of one report: its reading, duplicates, diff, and accept / merge / reject."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo.intake.duplicates import find_duplicates
from geo.publicreports import reports
from geo.regions import resolver
from geo.storage import store
from geo.text import germanfmt, mdsafe
from geo.text import germanfmt as fmt


def reading(text: str) -> str:
    found = resolver.resolve(text)
    names = ", ".join(resolver.label_of(a) for a in found.ags[:12]) + (" …" if len(found.ags) > 12 else "")
    problems = [f"mehrdeutig: {p}" for p in found.ambiguous] + [f"nicht erkannt: {p}" for p in found.unresolved]
    counted = fmt.count(len(found.ags), "Kreis", "Kreise")
    return f"{counted} – {names}" + (f" ({'; '.join(problems)})" if problems else "")


def plain_table(frame: pd.DataFrame) -> None:
    """``st.table`` renders Markdown in its cells: reported text goes through ``mdsafe.md`` like everywhere."""
    st.table(frame.map(mdsafe.md))


def changes(rows: list[tuple[str, str, str]]) -> None:
    """The field-by-field diff; none at all means the report confirms the record as it is."""
    if rows:
        plain_table(pd.DataFrame(rows, columns=["Feld", "bisher", "gemeldet"]))
    else:
        st.caption("Keine Änderung: die Meldung bestätigt die gespeicherten Angaben.")


def stale_notice(report: dict, current: dict, base: dict | None) -> None:
    """A correction of a record saved again since the reporter opened it: what applying it keeps, and any conflict."""
    if base is None:
        st.warning(
            "Der Eintrag wurde geändert, nachdem die Meldung begonnen wurde, und das Protokoll reicht nicht bis zu "
            "der Fassung zurück, die die meldende Person sah: „Auf aktuelle Fassung anwenden“ übernimmt die Meldung "
            "vollständig, auch Felder, die inzwischen geändert wurden. Bitte die Tabelle prüfen."
        )
        return
    st.warning(
        "Der Eintrag wurde geändert, nachdem die Meldung begonnen wurde: Annehmen wird abgelehnt. "
        "„Auf aktuelle Fassung anwenden“ übernimmt nur, was die meldende Person geändert hat; was inzwischen "
        "sonst geändert wurde, bleibt."
    )
    conflicts = reports.rebase(report, base, current)[1]
    if conflicts:
        st.error("Von beiden geändert – Anwenden übernimmt den gemeldeten Wert:")
        plain_table(pd.DataFrame(conflicts, columns=["Feld", "beim Melden", "inzwischen", "gemeldet"]))


SORTS = {"älteste zuerst": False, "neueste zuerst": True}


def queue_controls() -> reports.Queue:
    """Filter, sort and page of the moderation queue (the page number is kept within the matches by the query)."""
    columns = st.columns([2, 3, 2, 1])
    kind = columns[0].selectbox("Art", ["alle", *reports.KINDS], key="queue_art", format_func=KIND_LABELS.get)
    text = columns[1].text_input("Suche in Name, Region, Kennung", key="queue_suche", max_chars=reports.MAX_QUERY)
    order = columns[2].selectbox("Reihenfolge", list(SORTS), key="queue_sort")
    page = columns[3].number_input("Seite", min_value=1, max_value=100_000, step=1, key="queue_seite")
    return reports.Queue(
        kind=None if kind == "alle" else kind, text=text, newest_first=SORTS[order], page=int(page) - 1
    )


KIND_LABELS = {"alle": "alle", "neu": "Neues Netzwerk", "korrektur": "Korrektur"}


@dataclass
class Moderation:
    """What the "Meldungen" page decides with: the database, the editor, and the records as shown."""

    engine: Engine
    editor: str
    everyone: pd.DataFrame

    def decide(self, action, *args) -> None:
        """Run one decision; a conflict or an invalid record is shown, nothing is written."""
        try:
            action(self.engine, *args)
        except (store.VersionConflict, reports.ReportDecided, reports.ReportInvalid, store.NetworkNotFound) as exc:
            st.session_state["meldungen_fehler"] = str(exc)
        except ValueError as exc:
            st.session_state["meldungen_fehler"] = str(exc)
        else:
            st.session_state["meldungen_erfolg"] = "Entschieden."
            st.cache_data.clear()

    def queue_page(self) -> None:
        """The pending reports one page at a time (filter, sort, page), and rejecting a selection at once."""
        queue = queue_controls()
        shown, total = reports.page_reports(self.engine, queue)
        if not total:
            st.info("Keine offenen Meldungen." if queue == reports.Queue() else "Keine Meldung passt zum Filter.")
            return
        first = min(queue.page, (total - 1) // queue.size) * queue.size + 1  # the query keeps the page in range
        st.markdown(
            f"**{germanfmt.integer(total)} offene Meldungen** passen; gezeigt: "
            f"{germanfmt.integer(first)}–{germanfmt.integer(first + len(shown) - 1)}."
        )
        self.bulk_reject(shown)
        for item in shown:
            self.report_view(item)

    def bulk_reject(self, shown: list[dict]) -> None:
        """Reject several reports of this page at once with one reason (a spam wave)."""
        labels = {r["id"]: f"{r['id']} · {r['fields'].get('name', '')}" for r in shown}
        with st.expander("Mehrere ablehnen (z. B. eine Spam-Welle)"):
            if st.button("Alle dieser Seite auswählen", key="auswahl_alle"):
                st.session_state["auswahl"] = list(labels)
            chosen = [i for i in st.session_state.get("auswahl", []) if i in labels]
            st.session_state["auswahl"] = chosen  # only this page's reports can stay chosen
            picked = st.multiselect("Auswahl", list(labels), format_func=lambda i: mdsafe.md(labels[i]), key="auswahl")
            reason = st.text_input("Grund der Ablehnung (für alle)", key="grund_auswahl", max_chars=reports.MAX_REASON)
            if st.button(f"Auswahl ablehnen ({len(picked)})", key="auswahl_ablehnen", disabled=not picked):
                try:
                    done = reports.reject_many(self.engine, picked, self.editor, reason)
                except ValueError as exc:
                    st.session_state["meldungen_fehler"] = str(exc)
                else:
                    st.session_state["meldungen_erfolg"] = f"{germanfmt.integer(done)} Meldungen abgelehnt."
                    st.session_state.pop("auswahl", None)
                st.rerun()

    def merge_target(self, report_id: str, duplicate: str) -> str:
        """The record to merge a new report into: the duplicate found, or any record the editor knows it is."""
        ids = list(self.everyone.sort_values("name")["id"])
        names = dict(zip(self.everyone["id"], self.everyone["name"], strict=True))
        return (
            st.selectbox(
                "Zusammenführen mit",
                ids,
                index=ids.index(duplicate) if duplicate in ids else None,
                format_func=lambda i: f"{names[i]} ({i})",
                placeholder="Netzwerk wählen, falls es schon eingetragen ist",
                key=f"ziel_{report_id}",
            )
            or ""
        )

    def report_view(self, report: dict) -> None:
        kind = "Korrektur" if report["kind"] == "korrektur" else "Neues Netzwerk"
        title = f"{report['id']} · {kind}: {report['fields'].get('name', '')}"
        with st.expander(mdsafe.md(title), expanded=True):
            st.caption(f"Eingegangen am {reports.received(report)}")
            st.markdown(f"**Region:** {mdsafe.md(report['region'])}")
            st.markdown(f"**Gelesen als:** {mdsafe.md(reading(report['region']))}")
            assessed = [
                f"{label}: {reports.ASSESSMENTS.get(report['criteria'].get(c, ''), 'keine Angabe')}"
                for c, label in reports.SELF_CRITERIA.items()
            ]
            st.markdown("**Selbsteinschätzung:**  \n" + "  \n".join(mdsafe.md(a) for a in assessed))
            if report["contact_name"]:
                st.caption(
                    f"Meldende Person (nur für Rückfragen, wird mit der Entscheidung gelöscht): "
                    f"{mdsafe.md(report['contact_name'])}, {mdsafe.md(report['contact_role'] or '–')}, "
                    f"{mdsafe.md(report['contact_email'])}"
                )
            record, problems = reports.proposed_record(report)
            for problem in problems:
                st.warning(mdsafe.md(reports.problem_text(problem)))
            current = None
            stale = ""  # a correction of a record changed since the reporter opened it
            if report["kind"] == "korrektur":
                matches = self.everyone[self.everyone["id"] == report["target_id"]]
                if matches.empty:
                    st.error(f"Das Netzwerk {mdsafe.md(report['target_id'])} gibt es nicht mehr.")
                else:
                    current = matches.iloc[0].to_dict()
                    base = None
                    if report["target_version"] is not None and int(current["version"]) != report["target_version"]:
                        stale = report["target_id"]
                        base = store.record_at(self.engine, stale, report["target_version"])
                        stale_notice(report, current, base)
                    st.markdown("**Änderungen gegenüber dem gespeicherten Eintrag:**")
                    changes(reports.diff(report, current, base))
            else:
                plain_table(
                    pd.DataFrame(
                        [(f, str(report["fields"].get(f, ""))) for f in reports.FORM_FIELDS if report["fields"].get(f)],
                        columns=["Feld", "gemeldet"],
                    )
                )
            target = ""
            if report["kind"] == "neu":
                duplicate = find_duplicates(pd.DataFrame([record]), self.everyone).iloc[0] if record else ""
                if duplicate:
                    name = self.everyone.set_index("id").loc[duplicate, "name"]
                    st.warning(f"Möglicherweise dasselbe Netzwerk wie {mdsafe.md(name)} ({mdsafe.md(duplicate)}).")
                target = self.merge_target(report["id"], duplicate)
                if target:
                    st.markdown(
                        f"**Zusammenführen ändert in {mdsafe.md(target)}** (leere Felder bleiben, wie sie sind):"
                    )
                    changes(reports.diff(report, self.everyone.set_index("id", drop=False).loc[target].to_dict()))
            columns = st.columns(3)
            if columns[0].button("Annehmen", key=f"annehmen_{report['id']}", type="primary"):
                self.decide(reports.accept, report["id"], self.editor)
                st.rerun()
            if target and columns[1].button(f"In {target} zusammenführen", key=f"zusammen_{report['id']}"):
                version = int(
                    self.everyone.set_index("id").loc[target, "version"]
                )  # as shown: a newer save is a conflict
                self.decide(reports.merge, report["id"], target, version, self.editor)
                st.rerun()
            if stale and columns[1].button("Auf aktuelle Fassung anwenden", key=f"aktuell_{report['id']}"):
                version = int(self.everyone.set_index("id").loc[stale, "version"])  # as shown in the table
                self.decide(reports.merge, report["id"], stale, version, self.editor)
                st.rerun()
            reason = columns[2].text_input(
                "Grund der Ablehnung", key=f"grund_{report['id']}", max_chars=reports.MAX_REASON
            )
            if columns[2].button("Ablehnen", key=f"ablehnen_{report['id']}"):
                self.decide(reports.reject, report["id"], self.editor, reason)
                st.rerun()
