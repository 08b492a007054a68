"""The moderation queue with 10 000 pending reports (issue 25, point 4): one page read and drawn per rerun,
filtered, sorted, and a spam wave rejected a page at a time."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import streamlit as st

from geo.publicreports import reports
from geo.storage import auth, datasets, migrate, store
from geo.storage.schema import reporter_contacts_table, reports_table
from tests.conftest import dashboard

PENDING = 10_000
WAVE = "Spam-Welle"


def fill_queue(engine, count: int = PENDING) -> None:
    """``count`` pending reports straight into the database, one a minute; every third one a correction."""
    migrate.upgrade(engine)
    datasets.seed_if_empty(engine)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    rows, contacts = [], []
    for n in range(count):
        name = f"{WAVE} {n:05d}" if n % 2 else f"Bündnis {n:05d}"
        fields = {f: "" for f in reports.FORM_FIELDS} | {"name": name, "region": "Landkreis Prignitz"}
        rows.append(
            {
                "id": f"R-Q{n:05d}",
                "kind": "korrektur" if n % 3 == 0 else "neu",
                "target_id": None,
                "target_version": None,
                "fields": json.dumps(fields, ensure_ascii=False),
                "region": "Landkreis Prignitz",
                "criteria": json.dumps({c: "" for c in reports.SELF_CRITERIA}),
                "status": "pending",
                "reason": "",
                "created_at": start + timedelta(minutes=n),
            }
        )
        contacts.append(
            {"report_id": f"R-Q{n:05d}", "name": "X", "role": "", "email": "x@example.org", "consent_at": start}
        )
    with engine.begin() as conn:
        conn.execute(reports_table.insert(), rows)
        conn.execute(reporter_contacts_table.insert(), contacts)


@pytest.fixture
def queue_database(engine):
    fill_queue(engine)
    return engine


def test_a_page_is_cut_filtered_and_sorted_by_the_database(queue_database):
    rows, total = reports.page_reports(queue_database, reports.Queue())
    assert total == PENDING and [r["id"] for r in rows] == [f"R-Q{n:05d}" for n in range(reports.PAGE_SIZE)]
    rows, total = reports.page_reports(queue_database, reports.Queue(newest_first=True, page=1))
    assert rows[0]["id"] == f"R-Q{PENDING - 1 - reports.PAGE_SIZE:05d}" and len(rows) == reports.PAGE_SIZE
    rows, total = reports.page_reports(queue_database, reports.Queue(text="spam-welle", kind="korrektur"))
    assert total == len([n for n in range(PENDING) if n % 2 and n % 3 == 0])
    assert all(WAVE in r["fields"]["name"] and r["kind"] == "korrektur" for r in rows)
    rows, total = reports.page_reports(queue_database, reports.Queue(page=99_999))  # past the end: the last page
    assert total == PENDING and rows[-1]["id"] == f"R-Q{PENDING - 1:05d}"
    rows, total = reports.page_reports(queue_database, reports.Queue(text="100%_"))  # LIKE characters are text
    assert total == 0


def test_rejecting_a_selection_refuses_only_pending_ones_and_deletes_their_contacts(queue_database):
    reports.reject(queue_database, "R-Q00001", "anna", "einzeln")
    done = reports.reject_many(queue_database, ["R-Q00001", "R-Q00002", "R-Q00003", "R-Q00003"], "anna", "Spam")
    assert done == 2  # R-Q00001 was decided already
    assert reports.get_report(queue_database, "R-Q00002")["status"] == "rejected"
    assert reports.get_report(queue_database, "R-Q00003")["contact_email"] is None
    assert reports.get_report(queue_database, "R-Q00001")["reason"] == "einzeln"
    with pytest.raises(ValueError, match="Grund"):
        reports.reject_many(queue_database, ["R-Q00004"], "anna", "  ")
    assert reports.pending_count(queue_database) == PENDING - 3


@pytest.fixture
def app_on_queue(monkeypatch, tmp_path):
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "queue.sqlite3"))
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = store.make_engine()
    fill_queue(engine)
    loaded = []
    decoded = reports._decoded

    def counting(conn, query):
        rows = decoded(conn, query)
        loaded.append(len(rows))
        return rows

    monkeypatch.setattr(reports, "_decoded", counting)
    app = dashboard()
    app.secrets["editors"] = {"anna": auth.hash_password("richtig-geheim")}
    app.session_state["editor"] = "anna"
    app.run()
    app.switch_page("pages/meldungen.py").run()
    yield app, engine, loaded
    st.cache_resource.clear()
    st.cache_data.clear()


def report_titles(app) -> list[str]:
    return [t for t in (e.label.replace("\\", "") for e in app.expander) if t.startswith("R-")]


def shown_reports(app) -> list[str]:
    return [t.split(" ", 1)[0] for t in report_titles(app)]


@pytest.mark.slow  # AppTest
def test_meldungen_with_ten_thousand_pending_draws_one_page_and_rejects_a_spam_wave(app_on_queue):
    app, engine, loaded = app_on_queue
    assert not app.exception
    assert shown_reports(app) == [f"R-Q{n:05d}" for n in range(reports.PAGE_SIZE)]
    assert any("10.000 offene Meldungen" in m.value for m in app.markdown)
    assert max(loaded) <= reports.PAGE_SIZE  # a rerun reads one page, not the queue

    loaded.clear()
    app.text_input(key="queue_suche").input(WAVE).run()
    app.selectbox(key="queue_sort").select("neueste zuerst").run()
    assert shown_reports(app)[0] == f"R-Q{PENDING - 1:05d}"
    assert all(WAVE in t for t in report_titles(app))
    assert max(loaded) <= reports.PAGE_SIZE

    wave = shown_reports(app)
    app.button(key="auswahl_alle").click().run()
    app.text_input(key="grund_auswahl").input("Spam").run()
    app.button(key="auswahl_ablehnen").click().run()
    assert not app.exception
    assert any(f"{reports.PAGE_SIZE} Meldungen abgelehnt" in s.value for s in app.success)
    assert {reports.get_report(engine, i)["status"] for i in wave} == {"rejected"}
    assert reports.pending_count(engine) == PENDING - reports.PAGE_SIZE
    assert not set(shown_reports(app)) & set(wave) and len(shown_reports(app)) == reports.PAGE_SIZE
