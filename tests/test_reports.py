"""Public reports: submission limits, moderation through the import's write path, privacy, confirmation.

Runs against SQLite and PostgreSQL (``TEST_DATABASE_URL``), like tests/test_storage_backends.py.
"""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from geo.handouts import exports
from geo.publicreports import reports
from geo.publicreports.reports import Contact, Limits, ReportRejected, Submission
from geo.records import model as records_module
from geo.storage import store
from geo.storage.schema import reporter_contacts_table
from tests.test_storage_backends import engine, records  # noqa: F401  (fixtures)

NOW = 1_800_000_000.0
LIMITS = Limits(per_session=2, per_client=3, window=3600, min_fill_seconds=5, retention_days=30)
FIELDS = {
    "name": "Fachkräfteallianz Testkreis",
    "traeger": "Wirtschaftsförderung",
    "partner": "IHK; HWK; Jobcenter",
    "region": "Landkreis Prignitz",
    "handlungsfelder": "Ausbildung",
    "website": "https://allianz.example.de",
    "kontakt_email": "info@allianz.example.de",
    "beschreibung": "Wir <b>vernetzen</b> Betriebe.",
}
CRITERIA = {"verbindliche_kooperation": "erfuellt", "datenbasierte_ziele": "teilweise", "evaluation": "nein"}


def submission(**changes) -> Submission:
    values = {
        "kind": "neu",
        "fields": dict(FIELDS),
        "criteria": dict(CRITERIA),
        "contact": Contact(name="Erika Muster", email="erika@example.org", role="Koordinatorin", consent=True),
        "started_at": NOW - 60,
    }
    values.update(changes)
    return Submission(**values)


def send(engine, sub=None, session="s1", client="192.0.2.1", now=NOW):  # noqa: F811
    return reports.submit(engine, sub or submission(), session, client, LIMITS, now=now)


def counts(engine):  # noqa: F811
    with engine.connect() as conn:
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("reports", "reporter_contacts")
        }


def test_pending_report_is_stored_but_never_public(engine):  # noqa: F811
    report_id = send(engine)
    assert report_id.startswith("R-")
    assert reports.pending_count(engine) == 1
    assert store.load_networks(engine).empty
    assert store.export_frame(engine).empty
    assert "Erika" not in exports.to_csv_bytes(store.export_frame(engine)).decode("utf-8-sig")
    (pending,) = reports.list_reports(engine)
    assert pending["contact_email"] == "erika@example.org"
    assert pending["fields"]["name"] == FIELDS["name"]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"honeypot": "http://spam"}, "automatisch"),
        ({"started_at": NOW - 1}, "zu schnell"),
        ({"started_at": None}, "zu schnell"),
        ({"contact": Contact(name="E", email="erika@example.org")}, "Einwilligung"),
        ({"contact": Contact(name="E", email="kein-mail", consent=True)}, "E-Mail"),
        ({"fields": {**FIELDS, "region": "Neustadt"}}, "mehrdeutig"),
        ({"fields": {**FIELDS, "name": "x" * 301}}, "zu lang"),
        ({"fields": {**FIELDS, "website": "javascript:alert(1)"}}, "Website"),
        ({"criteria": {"evaluation": "vielleicht"}}, "Selbsteinschätzung"),
    ],
)
def test_refused_submission_says_why_and_stores_nothing(engine, changes, reason):  # noqa: F811
    with pytest.raises(ReportRejected) as refused:
        send(engine, submission(**changes))
    assert reason.lower() in str(refused.value).lower()
    assert counts(engine) == {"reports": 0, "reporter_contacts": 0}


def test_rate_limits_per_session_and_per_client_are_counted_in_the_database(engine):  # noqa: F811
    send(engine, session="a")
    send(engine, session="a")
    with pytest.raises(ReportRejected, match="dieser Sitzung"):
        send(engine, session="a")
    send(engine, session="b")  # third from this address
    with pytest.raises(ReportRejected, match="dieser Adresse"):
        send(engine, session="c")
    send(engine, session="d", client="198.51.100.7")
    # the counts live in the database: a fresh engine (another process, a restart) sees them
    fresh = store.make_engine(engine.url.render_as_string(hide_password=False))
    with pytest.raises(ReportRejected, match="dieser Adresse"):
        send(fresh, session="e")
    fresh.dispose()
    # after the window, the address may report again
    send(engine, session="f", now=NOW + 3601)
    assert counts(engine)["reports"] == 5


def test_accept_writes_the_record_with_audit_naming_the_report(engine):  # noqa: F811
    report_id = send(engine)
    network_id = reports.accept(engine, report_id, "redakteurin")
    stored = store.load_networks(engine).set_index("id").loc[network_id]
    assert stored["herkunft"] == "meldung"
    assert stored["bestaetigt_durch"] == "meldung"
    assert stored["bestaetigt_am"] == date.today().isoformat()
    assert stored["ags"] == ["12070"]  # Prignitz
    assert stored["verbindliche_kooperation"] is True and stored["evaluation"] is False
    audit = store.history(engine, network_id)
    assert audit.iloc[0]["action"] == "add"
    assert f"Meldung {report_id}" in audit.iloc[0]["editor"]
    assert reports.pending_count(engine) == 0
    assert counts(engine)["reporter_contacts"] == 0  # contact data deleted on decision
    assert reports.get_report(engine, report_id)["status"] == "accepted"
    with pytest.raises(reports.ReportDecided):
        reports.accept(engine, report_id, "zweite")


def test_correction_diff_and_accept_with_version_check(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    current = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    fields = {f: current[f] if not isinstance(current[f], list) else "; ".join(current[f]) for f in ("name", "region")}
    fields |= {
        "partner": "IHK; HWK; Jobcenter",
        "handlungsfelder": "Aus- und Weiterbildung",
        "website": "https://neu.example.de",
    }
    report_id = send(
        engine, submission(kind="korrektur", target_id="A1", target_version=int(current["version"]), fields=fields)
    )
    diff = reports.diff(reports.get_report(engine, report_id), current)
    assert ("Website", current["website"], "https://neu.example.de") in diff
    assert all(label != "Name" for label, _, _ in diff)
    # an editor saves A1 meanwhile: the correction made against the old version is refused, nothing written
    store.update_network(engine, {**current, "ort": "Eberswalde"}, int(current["version"]), "jemand")
    with pytest.raises(store.VersionConflict):
        reports.accept(engine, report_id, "redakteurin")
    assert reports.pending_count(engine) == 1
    assert counts(engine)["reporter_contacts"] == 1
    # merging applies it to the record's current version
    fresh = store.load_networks(engine).set_index("id").loc["A1"]
    reports.merge(engine, report_id, "A1", int(fresh["version"]), "redakteurin")
    after = store.load_networks(engine).set_index("id").loc["A1"]
    assert after["website"] == "https://neu.example.de"
    assert after["herkunft"] == fresh["herkunft"]
    assert reports.get_report(engine, report_id)["status"] == "merged"


def test_a_stale_correction_merges_field_by_field_and_keeps_what_editors_changed_meanwhile(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    seen = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    fields = reports.form_values(seen) | {
        "partner": "IHK Nord; Jobcenter Süd; Schule Ost",
        "website": "https://meldung.example.de",
    }
    criteria = reports.assessment_of(seen)
    report_id = send(
        engine,
        submission(
            kind="korrektur", target_id="A1", target_version=int(seen["version"]), fields=fields, criteria=criteria
        ),
    )
    # meanwhile two editors save A1: a new town, a new website and a criterion the reporter left alone
    changed = {**seen, "ort": "Eberswalde", "website": "https://redaktion.example.de"}
    version = store.update_network(engine, changed, int(seen["version"]), "anna")
    store.update_network(engine, {**changed, "evaluation": True}, version, "ben")
    reports.confirm_network(engine, "A1", "carla")  # audited, but no new version

    base = store.record_at(engine, "A1", int(seen["version"]))
    assert reports.form_values(base) == reports.form_values(seen)
    assert reports.assessment_of(base) == reports.assessment_of(seen)
    current = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    report = reports.get_report(engine, report_id)
    _, conflicts = reports.rebase(report, base, current)
    assert conflicts == [("Website", seen["website"], "https://redaktion.example.de", "https://meldung.example.de")]
    labels = [label for label, _, _ in reports.diff(report, current, base)]
    assert "Partner" in labels and "Website" in labels
    assert "Ort" not in labels and records_module.FIELD_LABELS["evaluation"] not in labels

    reports.merge(engine, report_id, "A1", int(current["version"]), "redakteurin")
    after = store.load_networks(engine).set_index("id").loc["A1"]
    assert after["ort"] == "Eberswalde"  # only an editor changed it: kept
    assert after["evaluation"] is True  # likewise
    assert after["partner"] == ["IHK Nord", "Jobcenter Süd", "Schule Ost"]  # only the reporter changed it: applied
    assert after["website"] == "https://meldung.example.de"  # both: the report's value, shown as a conflict


def test_a_version_the_audit_trail_does_not_reach_is_not_invented(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    current = store.load_networks(engine).set_index("id").loc["A1"]
    assert store.record_at(engine, "A1", int(current["version"]) + 1) is None
    assert store.record_at(engine, "A1", int(current["version"]))["name"] == current["name"]
    with engine.begin() as conn:  # a trail that lost its entries (say, an old backup)
        conn.execute(sa.text("UPDATE networks SET version = version + 3 WHERE id = 'A1'"))
    assert store.record_at(engine, "A1", int(current["version"])) is None


def test_reject_keeps_reason_and_deletes_contact(engine):  # noqa: F811
    report_id = send(engine)
    with pytest.raises(ValueError, match="Grund"):
        reports.reject(engine, report_id, "redakteurin", "  ")
    reports.reject(engine, report_id, "redakteurin", "Kein Netzwerk im Sinne der Kriterien")
    report = reports.get_report(engine, report_id)
    assert report["status"] == "rejected" and report["reason"].startswith("Kein Netzwerk")
    assert report["contact_email"] is None
    assert store.load_networks(engine).empty


def test_purge_deletes_contacts_after_retention(engine):  # noqa: F811
    then = NOW - 40 * 86400
    old = send(engine, submission(started_at=then - 60), now=then)
    assert reports.purge_contacts(engine, days=30, now=datetime.fromtimestamp(then + 29 * 86400, UTC)) == 0
    assert reports.purge_contacts(engine, days=30, now=datetime.fromtimestamp(NOW, UTC)) == 1
    assert reports.get_report(engine, old)["contact_email"] is None


def test_a_new_report_purges_expired_contacts_even_if_no_editor_looks(engine):  # noqa: F811
    then = NOW - 40 * 86400
    old = send(engine, submission(started_at=then - 60), now=then)
    new = send(engine, session="s2")  # LIMITS keep contacts 30 days
    with engine.connect() as conn:
        left = [r[0] for r in conn.execute(sa.select(reporter_contacts_table.c.report_id))]
    assert left == [new]
    assert reports.get_report(engine, old)["status"] == "pending"  # the report itself stays for moderation


def test_confirmation_and_review_list(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    frame = store.load_networks(engine)
    assert reports.confirmation_text(frame.iloc[0].to_dict()) == "Angaben nicht bestätigt"
    reports.confirm_network(engine, "A1", "redakteurin")
    frame = store.load_networks(engine).set_index("id", drop=False)
    assert reports.confirmation_text(frame.loc["A1"].to_dict()).endswith("(Redaktion)")
    register = {**frame.loc["A2"].to_dict(), "herkunft": "quelle", "stand": "2025-01-31"}
    assert reports.confirmation_text(register) == (
        "Aus öffentlichen Quellen zusammengestellt (Stand 31.01.2025), nicht vom Netzwerk bestätigt"
    )
    review = reports.to_review(frame, months=12)
    assert "A1" not in set(review["id"])
    assert "A2" in set(review["id"])
    assert "A3" not in set(review["id"])  # beendet
    later = reports.to_review(frame, months=12, today=date.today() + timedelta(days=400))
    assert "A1" in set(later["id"])
    assert not any("@example.org" in json.dumps(r) for r in later.to_dict("records"))


def test_a_correction_keeps_the_records_criteria_unless_the_reporter_changes_them(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    current = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    prefilled = {f: reports._text(current.get(f)) for f in reports.FORM_FIELDS}
    answers = reports.assessment_of(current)  # what the correction form starts with
    unchanged = {"kind": "korrektur", "fields": prefilled, "criteria": answers}
    assert reports.diff(unchanged, current) == []
    flags = [c for c in ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation") if current[c] is not None]
    assert flags, "the fixture should assess at least one criterion"
    vague = {**unchanged, "criteria": {**answers, flags[0]: "teilweise"}}
    ((label, before, after),) = reports.diff(vague, current)
    assert before in ("erfüllt", "nein") and after == "teilweise (wird als unbekannt gespeichert)"


def test_merging_a_new_report_keeps_what_its_reporter_left_empty(engine, records):  # noqa: F811
    store.add_networks(engine, records)
    current = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    assert current["website"] and current["partner"]
    fields = {"name": current["name"], "region": current["region"], "traeger": "Neue Koordinierungsstelle"}
    report_id = send(engine, submission(fields=fields, criteria={}))
    report = reports.get_report(engine, report_id)
    assert reports.diff(report, current) == [("Träger", current["traeger"], "Neue Koordinierungsstelle")]
    reports.merge(engine, report_id, "A1", int(current["version"]), "redakteurin")
    after = store.load_networks(engine).set_index("id").loc["A1"]
    assert after["traeger"] == "Neue Koordinierungsstelle"
    assert after["website"] == current["website"] and after["partner"] == current["partner"]
    for criterion in ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation"):
        assert after[criterion] == current[criterion]


HOSTILE = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=2>",
    "![b](http://fremd.invalid/b.png) [l](javascript:alert(1)) www.fremd.invalid",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE reports; --",
    "A\x00B\x07C\x1b[31m",
    "\u202egnp.exe",
    "\ud800",
    "x" * 100_000,
    "Neustadt",
]
CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email")


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_in_every_field_is_refused_with_a_reason_or_stored_as_plain_text(engine, value):  # noqa: F811
    roomy = Limits(per_session=100, per_client=100, window=3600, min_fill_seconds=0)
    for field_name in [*reports.FORM_FIELDS, *CONTACT_FIELDS]:
        sub = submission()
        if field_name in CONTACT_FIELDS:
            setattr(sub.contact, field_name.removeprefix("contact_"), value)
        else:
            sub.fields[field_name] = value
        before = counts(engine)
        try:
            report_id = reports.submit(engine, sub, "s", "192.0.2.1", roomy, now=NOW)
        except ReportRejected as refused:
            assert refused.reasons and all(isinstance(r, str) and r for r in refused.reasons), field_name
            assert counts(engine) == before, field_name
            continue
        report = reports.get_report(engine, report_id)
        if field_name in CONTACT_FIELDS:  # control characters removed
            assert report[field_name] == records_module.clean_text(value, "beschreibung"), field_name
        else:
            assert report["fields"][field_name] == records_module.strip_controls(value), field_name
    assert store.load_networks(engine).empty


def test_report_ids_are_long_and_a_collision_is_retried_quietly(engine, monkeypatch, caplog):  # noqa: F811
    # issue 25: 32-bit ids, and a collision surfaced as IntegrityError with the report's fields in the log
    first = send(engine, session="a")
    assert len(first) == 15 and first.startswith("R-")  # 64 random bits, base32
    ids = iter([first, first, "R-ZWEITEMELDUNG"[:15]])
    monkeypatch.setattr(reports, "new_report_id", lambda: next(ids))
    second = send(engine, session="b")
    assert second == "R-ZWEITEMELDUNG"[:15] != first
    assert counts(engine) == {"reports": 2, "reporter_contacts": 2}
    assert "Erika" not in caplog.text and "Testkreis" not in caplog.text and "IntegrityError" not in caplog.text


def test_bidi_controls_are_removed_from_names_and_reports(engine):  # noqa: F811
    evil = "Netz\u202ekrewt\u202c \u2066werk\u2069\u200f"
    assert records_module.clean_text(evil, "name") == "Netzkrewt werk"
    fields = dict(FIELDS, name=evil, region="Landkreis\u202e Prignitz")
    report_id = send(engine, submission(fields=fields))
    stored = next(r for r in reports.list_reports(engine) if r["id"] == report_id)
    assert stored["fields"]["name"] == "Netzkrewt werk"
    assert "\u202e" not in stored["region"]
