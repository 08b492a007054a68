"""Public reports of networks ("Netzwerk melden"): submission with abuse limits, moderation, confirmation.

A report is a proposed record (texts as typed, checked by the import's own validation), a
self-assessment of the criteria and, in a separate table, the reporter's contact data. Reports are
never part of the public records: only accepting one writes a record, through the same transactional
path as an import (:func:`geo.storage.store.apply_import` / :func:`geo.storage.store.update_network`), with the audit
trail naming the report. Deciding a report deletes its contact data; :func:`purge_contacts` deletes
what is older than ``NETZWERKATLAS_REPORT_RETENTION_DAYS``. Nothing personal is logged.
"""

from __future__ import annotations

import base64
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.config import settings
from geo.intake.networks import validate_table
from geo.intake.tablefile import Table
from geo.records import model, vocabulary
from geo.records.model import ValueProblem
from geo.storage import auth, ratelimit, store
from geo.storage.schema import networks_table, reporter_contacts_table, reports_table
from geo.text import germanfmt

log = logging.getLogger("netzwerkatlas.reports")

#: The record fields a reporter fills in (id, status, origin and sources are the editors' business).
FORM_FIELDS = model.REPORT_FIELDS
#: The network criteria as the reporter assesses them (their wording: geo.records.vocabulary); the
#: record keeps those ``in_record``.
SELF_CRITERIA = {c.name: c.self_assessment for c in vocabulary.CRITERION_LIST}
ASSESSMENTS = {"erfuellt": "erfüllt", "teilweise": "teilweise", "nein": "nein"}
KINDS = ("neu", "korrektur")
CONFIRMED_BY = {"meldung": "Meldung", "redaktion": "Redaktion", "quelle": "Quelle"}
MAX_REASON = 1000
TOO_MANY = "Von {who} kamen in der letzten Zeit schon zu viele Meldungen. Bitte versuchen Sie es später erneut."
#: The fields a report cannot do without, as the form labels them (issue 24: an empty submit names them).
REQUIRED = {"name": "Name des Netzwerks", "region": "Region"}
REQUIRED_CONTACT = {"name": "Ihr Name", "email": "Ihre E-Mail-Adresse", "consent": "Einwilligung"}
NO_CONSENT = "Ohne Ihre Einwilligung in die Verarbeitung Ihrer Kontaktdaten können wir die Meldung nicht annehmen"


@dataclass(frozen=True)
class Limits:
    """Abuse limits, from the environment (``NETZWERKATLAS_REPORT_*``) unless given; defaults: the registry's."""

    per_session: int = settings.REPORT_LIMIT_SESSION.default
    per_client: int = settings.REPORT_LIMIT_CLIENT.default
    window: float = settings.REPORT_WINDOW_SECONDS.default
    min_fill_seconds: float = settings.REPORT_MIN_SECONDS.default
    retention_days: float = settings.REPORT_RETENTION_DAYS.default

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            per_session=settings.REPORT_LIMIT_SESSION.get(),
            per_client=settings.REPORT_LIMIT_CLIENT.get(),
            window=settings.REPORT_WINDOW_SECONDS.get(),
            min_fill_seconds=settings.REPORT_MIN_SECONDS.get(),
            retention_days=settings.REPORT_RETENTION_DAYS.get(),
        )


def confirm_months() -> int:
    """After how many months without confirmation a record is "zu prüfen" (``NETZWERKATLAS_CONFIRM_MONTHS``)."""
    return settings.CONFIRM_MONTHS.get()


class ReportRejected(ValueError):
    """A submission was refused; ``reasons`` says why in German. Nothing of it was stored."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class Contact:
    """The reporter: stored apart from the report and deleted when it is decided."""

    name: str
    email: str
    role: str = ""
    consent: bool = False


@dataclass
class Submission:
    kind: str
    fields: dict[str, str]
    criteria: dict[str, str]
    contact: Contact
    target_id: str | None = None
    target_version: int | None = None
    honeypot: str = ""
    started_at: float | None = None  # when the form was shown (Unix time)
    extra: dict = field(default_factory=dict)


def check_record(fields: dict[str, str], criteria: dict[str, str], record_id: str | None = None) -> tuple[dict, list]:
    """The proposed record as the import would read it, and its problems (``geo.intake.networks.Problem``)."""
    headers = [*FORM_FIELDS, *(c for c in model.CRITERIA)]
    values: list[object] = [fields.get(f, "") for f in FORM_FIELDS]
    values += [{"erfuellt": "ja", "nein": "nein"}.get(criteria.get(c, ""), "") for c in model.CRITERIA]
    if record_id:
        headers.append("id")
        values.append(record_id)
    result = validate_table(Table("Meldung", headers, [values], [2]))
    record = result.records.iloc[0].to_dict() if len(result.records) else {}
    return record, result.problems


def received(report: dict) -> str:
    """When a report came in, German local time."""
    return f"{store._local(report['created_at']):%d.%m.%Y %H:%M} Uhr"


def problem_text(problem) -> str:
    label = model.FIELD_LABELS.get(problem.column, problem.column)
    hint = f" – {problem.suggestion}" if problem.suggestion else ""
    return f"{label}: {problem.message}{hint}"


def submit(
    engine: Engine, sub: Submission, session: str, client: str | None, limits: Limits | None = None, now=None
) -> str:
    """Store a valid report as pending and return its id ("R-…"); raise :class:`ReportRejected` otherwise.

    Checked in this order, each refusal storing nothing: honeypot, minimum fill time, the record and
    contact fields, then the rate limits per session and per client address (counted in the database).
    """
    limits = limits or Limits.from_env()
    now = time.time() if now is None else now
    if sub.honeypot.strip():
        log.info("report refused: honeypot filled")
        raise ReportRejected(["Die Meldung wurde nicht angenommen (automatisch ausgefülltes Formular)."])
    missing = missing_fields(sub)
    if missing:  # before the fill time: an empty form sent at once is a person who needs to know what is missing
        raise ReportRejected([f"Bitte ausfüllen: {', '.join(missing)}"])
    if sub.started_at is None or now - sub.started_at < limits.min_fill_seconds:
        log.info("report refused: sent too fast")
        raise ReportRejected(
            ["Das Formular wurde zu schnell abgeschickt. Bitte prüfen Sie Ihre Angaben und senden Sie erneut."]
        )
    reasons = _check(sub)
    if reasons:
        raise ReportRejected(reasons)
    if not ratelimit.reserve(engine, "rep_sess", ratelimit.digest(session), limits.per_session, limits.window, now):
        raise ReportRejected([TOO_MANY.format(who="dieser Sitzung")])
    client_subject = ratelimit.digest(auth.client_key(client))
    if not ratelimit.reserve(engine, "rep_addr", client_subject, limits.per_client, limits.window, now):
        raise ReportRejected([TOO_MANY.format(who="dieser Adresse")])
    at = datetime.fromtimestamp(now, UTC)
    for _ in range(ID_ATTEMPTS):
        report_id = new_report_id()
        try:
            _store(engine, report_id, sub, at)
            break
        except sa.exc.IntegrityError:  # an id taken already (never its text in the log: it holds the report)
            log.warning("report id collision, trying another one")
    else:
        raise RuntimeError(f"no free report id after {ID_ATTEMPTS} attempts") from None
    log.info("report %s stored (%s)", report_id, sub.kind)
    # the retention period holds even while no editor opens "Meldungen" (which purges, too)
    purge_contacts(engine, limits.retention_days, now=at)
    return report_id


#: Random bits of a report id, and how often a colliding id is replaced before giving up.
ID_BITS = 64
ID_ATTEMPTS = 5


def new_report_id() -> str:
    """A fresh report id: "R-" and 64 random bits in 13 base32 characters (fits the 16-character column)."""
    return "R-" + base64.b32encode(secrets.token_bytes(ID_BITS // 8)).decode("ascii").rstrip("=")


def _store(engine: Engine, report_id: str, sub: Submission, at: datetime) -> None:
    """The report and its reporter's contact, in one transaction."""
    with engine.begin() as conn:
        conn.execute(
            reports_table.insert().values(
                id=report_id,
                kind=sub.kind,
                target_id=sub.target_id,
                target_version=sub.target_version,
                # as typed, but without (bidi) control characters: editors read them in "Meldungen"
                fields=json.dumps(
                    {f: model.strip_controls(str(sub.fields.get(f, ""))) for f in FORM_FIELDS}, ensure_ascii=False
                ),
                region=model.strip_controls(str(sub.fields.get("region", ""))),
                criteria=json.dumps({c: sub.criteria.get(c, "") for c in SELF_CRITERIA}),
                status="pending",
                reason="",
                created_at=at,
            )
        )
        conn.execute(
            reporter_contacts_table.insert().values(
                report_id=report_id,  # as checked: without control characters (PostgreSQL refuses NUL)
                name=model.clean_text(sub.contact.name, "name"),
                role=model.clean_text(sub.contact.role, "traeger"),
                email=model.clean_text(sub.contact.email, "kontakt_email"),
                consent_at=at,
            )
        )


def missing_fields(sub: Submission) -> list[str]:
    """The labels of the required fields left empty (only blanks count as empty), in form order.

    >>> missing_fields(Submission("neu", {"name": "X"}, {}, Contact(name="", email="a@b.de", consent=True)))
    ['Region', 'Ihr Name']
    """
    missing = [label for name, label in REQUIRED.items() if not str(sub.fields.get(name) or "").strip()]
    contact = {"name": sub.contact.name, "email": sub.contact.email, "consent": sub.contact.consent}
    for name, label in REQUIRED_CONTACT.items():
        value = contact[name]
        if not (value if isinstance(value, bool) else str(value or "").strip()):
            missing.append(label)
    return missing


def _unencodable(sub: Submission) -> list[str]:
    """Fields with text that is no valid Unicode (lone surrogates), which no later step could store."""
    texts = {model.FIELD_LABELS.get(f, f): sub.fields.get(f, "") for f in FORM_FIELDS}
    texts |= {"Ihr Name": sub.contact.name, "Ihre Funktion": sub.contact.role, "Ihre E-Mail-Adresse": sub.contact.email}
    bad = []
    for label, text in texts.items():
        try:
            str(text).encode("utf-8")
        except UnicodeEncodeError:
            bad.append(f"{label}: enthält ungültige Zeichen (kein gültiger Unicode-Text); bitte neu eingeben")
    return bad


def _check(sub: Submission) -> list[str]:
    reasons = _unencodable(sub)
    if reasons:
        return reasons
    if sub.kind not in KINDS:
        reasons.append(f"Unbekannte Art der Meldung {sub.kind!r}")
    if sub.kind == "korrektur" and not sub.target_id:
        reasons.append("Korrektur ohne Netzwerk-ID")
    for criterion, value in sub.criteria.items():
        if criterion not in SELF_CRITERIA or value not in ("", *ASSESSMENTS):
            reasons.append(f"Selbsteinschätzung {criterion!r}: erfüllt, teilweise oder nein")
    _, problems = check_record(sub.fields, sub.criteria, sub.target_id)
    reasons += [problem_text(p) for p in problems if p.severity == "error"]
    contact = sub.contact
    try:
        if not model.clean_text(contact.name, "name"):
            reasons.append("Ihr Name fehlt")
        model.clean_text(contact.role, "traeger")
    except ValueProblem as exc:
        reasons.append(f"Ihr Name oder Ihre Funktion: {exc}")
    try:
        if not model.parse_email(model.clean_text(contact.email, "kontakt_email")):
            reasons.append("Ihre E-Mail-Adresse fehlt")
    except ValueProblem as exc:
        reasons.append(f"Ihre E-Mail-Adresse: {exc}")
    if not contact.consent:
        reasons.append(NO_CONSENT)
    return reasons


def pending_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(sa.func.count()).select_from(reports_table).where(reports_table.c.status == "pending")
        ).scalar_one()


def _with_contact() -> sa.Select:
    return sa.select(
        reports_table,
        reporter_contacts_table.c.name.label("contact_name"),
        reporter_contacts_table.c.role.label("contact_role"),
        reporter_contacts_table.c.email.label("contact_email"),
    ).outerjoin(reporter_contacts_table, reporter_contacts_table.c.report_id == reports_table.c.id)


def _decoded(conn: sa.Connection, query: sa.Select) -> list[dict]:
    rows = [dict(r) for r in conn.execute(query).mappings()]
    for row in rows:
        row["fields"] = json.loads(row["fields"])
        row["criteria"] = json.loads(row["criteria"])
    return rows


def list_reports(engine: Engine, status: str | None = "pending") -> list[dict]:
    """All reports, oldest first, with ``fields``/``criteria`` decoded and the contact (``None`` once decided).

    Unbounded: for tests and tools. The editors' page reads one page at a time (:func:`page_reports`).
    """
    query = _with_contact().order_by(reports_table.c.created_at, reports_table.c.id)
    if status is not None:
        query = query.where(reports_table.c.status == status)
    with engine.connect() as conn:
        return _decoded(conn, query)


#: Reports per page of the moderation queue: each is drawn with its reading, duplicates and diff.
PAGE_SIZE = 10
#: The longest search text taken (a LIKE pattern over the reports' texts).
MAX_QUERY = 200


@dataclass(frozen=True)
class Queue:
    """One view of the pending reports: filter by kind and text, sort by arrival, one page of ``size``.

    ``page`` counts from 0; ``text`` matches (any case for ASCII letters) the id, the region or any
    reported field.
    """

    kind: str | None = None
    text: str = ""
    newest_first: bool = False
    page: int = 0
    size: int = PAGE_SIZE

    def where(self) -> list[sa.ColumnElement[bool]]:
        conditions = [reports_table.c.status == "pending"]
        if self.kind in KINDS:
            conditions.append(reports_table.c.kind == self.kind)
        needle = self.text.strip()[:MAX_QUERY].lower()
        if needle:
            conditions.append(
                sa.or_(
                    *(
                        sa.func.lower(column).contains(needle, autoescape=True)
                        for column in (reports_table.c.id, reports_table.c.region, reports_table.c.fields)
                    )
                )
            )
        return conditions


def page_reports(engine: Engine, queue: Queue) -> tuple[list[dict], int]:
    """One page of pending reports under ``queue`` (at most ``queue.size`` rows) and how many match in all.

    The database filters, sorts and cuts (``LIMIT``/``OFFSET``): a rerun reads one page, whatever the queue's
    length (issue 25: 10 000 pending reports).
    """
    order = (
        (reports_table.c.created_at.desc(), reports_table.c.id.desc())
        if queue.newest_first
        else (reports_table.c.created_at, reports_table.c.id)
    )
    conditions = queue.where()
    size = max(1, min(int(queue.size), 100))
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(reports_table).where(*conditions)).scalar_one()
        last_page = max(0, (total - 1) // size)
        offset = min(max(0, int(queue.page)), last_page) * size
        query = _with_contact().where(*conditions).order_by(*order).limit(size).offset(offset)
        return _decoded(conn, query), total


def get_report(engine: Engine, report_id: str) -> dict:
    with engine.connect() as conn:
        rows = _decoded(conn, _with_contact().where(reports_table.c.id == report_id))
    if not rows:
        raise KeyError(f"Keine Meldung {report_id!r}")
    return rows[0]


def _pending(engine: Engine, report_id: str) -> dict:
    report = get_report(engine, report_id)
    if report["status"] != "pending":
        raise ReportDecided(f"Die Meldung {report_id} ist schon entschieden; nichts wurde gespeichert.")
    return report


def proposed_record(report: dict, record_id: str | None = None) -> tuple[dict, list]:
    """The report's record as the import reads it (id: the target's, ``record_id`` or a stable new one)."""
    return check_record(report["fields"], report["criteria"], record_id or report["target_id"])


def as_update(report: dict, current: dict) -> dict:
    """The report as an update of ``current``: a correction as sent (an emptied field is deliberate);
    a new report merged into a duplicate fills the fields its reporter left empty from the record, so
    merging never erases what the reporter did not know."""
    if report["kind"] == "korrektur":
        return report
    fields = dict(report["fields"])
    for field_name in FORM_FIELDS:
        if not str(fields.get(field_name, "")).strip():
            fields[field_name] = _text(current.get(field_name))
    criteria = assessment_of(current) | {c: v for c, v in report["criteria"].items() if v}
    return {**report, "fields": fields, "criteria": criteria}


def rebase(report: dict, base: dict, current: dict) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """A correction written against ``base`` (the version its reporter saw) as a correction of ``current``.

    Three-way, field by field: what the reporter left as it was takes the current value, so an editor's
    change in between stays; what only the reporter changed is applied. Where both changed a field
    differently the report's value is applied and the field is returned as a conflict (label, when
    reported, now, reported) for the editors to see before they decide.
    """
    fields, criteria, conflicts = dict(report["fields"]), dict(report["criteria"]), []
    for name in FORM_FIELDS:
        seen, now, sent = (
            _text(base.get(name)).strip(),
            _text(current.get(name)).strip(),
            str(fields.get(name, "")).strip(),
        )
        if sent == seen:
            fields[name] = now
        elif now not in (seen, sent):
            conflicts.append((model.FIELD_LABELS.get(name, name), seen, now, sent))
    seen_answers, now_answers = assessment_of(base), assessment_of(current)
    for name in model.CRITERIA:
        seen, now, sent = seen_answers.get(name, ""), now_answers.get(name, ""), criteria.get(name) or ""
        if sent == seen:
            criteria[name] = now
        elif now != seen and _stored_answer(now) != _stored_answer(sent):
            label = model.FIELD_LABELS[name]
            conflicts.append((label, *(ASSESSMENTS.get(a, "keine Angabe") for a in (seen, now, sent))))
    return {**report, "fields": fields, "criteria": criteria}, conflicts


def _stored_answer(answer: str) -> bool | None:
    return {"erfuellt": True, "nein": False}.get(answer)


def form_values(record: dict) -> dict[str, str]:
    """The report form's fields as a correction of ``record`` starts them (lists joined with "; ")."""
    return {name: _text(record.get(name)) for name in FORM_FIELDS}


def _text(value) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def diff(report: dict, current: dict, base: dict | None = None) -> list[tuple[str, str, str]]:
    """Field by field (label, current, proposed): what accepting a correction, or merging a report into
    ``current``, changes in the stored record (with ``base``, the version the reporter saw: :func:`rebase`)."""
    report = rebase(report, base, current)[0] if base is not None and report["kind"] == "korrektur" else report
    report = as_update(report, current)
    rows = []
    for field_name in FORM_FIELDS:
        old = _text(current.get(field_name))
        new = str(report["fields"].get(field_name, "")).strip()
        if old.strip() != new:
            rows.append((model.FIELD_LABELS.get(field_name, field_name), old, new))
    for criterion in model.CRITERIA:  # accepting writes these too: "teilweise" or no answer means unknown
        stored = current.get(criterion)
        stored = stored if isinstance(stored, bool) else None
        answer = report["criteria"].get(criterion, "")
        if stored != {"erfuellt": True, "nein": False}.get(answer):
            before = {True: "erfüllt", False: "nein", None: "unbekannt"}[stored]
            after = ASSESSMENTS.get(answer, "keine Angabe")
            if answer not in ("erfuellt", "nein"):
                after += " (wird als unbekannt gespeichert)"
            rows.append((model.FIELD_LABELS[criterion], before, after))
    return rows


def assessment_of(record: dict) -> dict[str, str]:
    """The self-assessment a correction form starts with: the record's criteria (yes → erfüllt, no → nein)."""
    answers = {}
    for criterion in model.CRITERIA:
        value = record.get(criterion)
        if isinstance(value, bool):
            answers[criterion] = "erfuellt" if value else "nein"
    return answers


def _decide(report_id: str, status: str, editor: str, reason: str = "", network_id: str | None = None):
    """The decision as a step inside the writing transaction: report marked, its contact data deleted."""

    def step(conn: sa.Connection) -> None:
        done = conn.execute(
            reports_table.update()
            .where(reports_table.c.id == report_id, reports_table.c.status == "pending")
            .values(
                status=status, reason=reason, network_id=network_id, decided_at=datetime.now(UTC), decided_by=editor
            )
        ).rowcount
        if done != 1:
            raise ReportDecided(f"Die Meldung {report_id} ist schon entschieden; nichts wurde gespeichert.")
        conn.execute(reporter_contacts_table.delete().where(reporter_contacts_table.c.report_id == report_id))

    return step


class ReportDecided(RuntimeError):
    """Another editor decided the report first."""


class ReportInvalid(ValueError):
    """The report's record does not pass validation (e.g. an ambiguous region); the editor must reject or fix it."""


def _confirm(network_id: str, by: str):
    def step(conn: sa.Connection) -> None:
        conn.execute(
            networks_table.update()
            .where(networks_table.c.id == network_id)
            .values(bestaetigt_am=date.today().isoformat(), bestaetigt_durch=by)
        )

    return step


def _both(*steps):
    def step(conn: sa.Connection) -> None:
        for s in steps:
            s(conn)

    return step


def audit_editor(report_id: str, editor: str) -> str:
    return f"{editor} (Meldung {report_id})"


def accept(engine: Engine, report_id: str, editor: str) -> str:
    """Write the report's record (new: herkunft "meldung"; correction: update with the version the
    reporter saw) and mark the report accepted, all in one transaction. Returns the network id."""
    report = _pending(engine, report_id)
    if report["kind"] == "korrektur":
        return _apply_update(engine, report, report["target_id"], report["target_version"], editor, "accepted")
    record, problems = proposed_record(report)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReportInvalid("; ".join(problem_text(p) for p in errors))
    record["herkunft"] = "meldung"
    record["stand"] = date.today().isoformat()
    frame = pd.DataFrame([record])
    steps = _both(_confirm(record["id"], "meldung"), _decide(report_id, "accepted", editor, network_id=record["id"]))
    try:
        store.apply_import(engine, frame, {record["id"]: "add"}, audit_editor(report_id, editor), within=steps)
    except sa.exc.IntegrityError as exc:
        _pending(engine, report_id)
        raise ReportInvalid(
            f"Ein Netzwerk mit der ID {record['id']} besteht schon; bitte mit ihm zusammenführen. "
            "Nichts wurde gespeichert."
        ) from exc
    log.info("report %s accepted as %s", report_id, record["id"])
    return record["id"]


def merge(engine: Engine, report_id: str, target_id: str, expected_version: int, editor: str) -> str:
    """Apply a report to an existing record it duplicates (a correction of that record)."""
    report = _pending(engine, report_id)
    return _apply_update(engine, report, target_id, expected_version, editor, "merged")


def _apply_update(engine: Engine, report: dict, target_id: str, version: int | None, editor: str, status: str) -> str:
    current = store.load_networks(engine).set_index("id", drop=False)
    if target_id not in current.index:
        raise store.NetworkNotFound(f"Kein Netzwerk mit der ID {target_id!r}")
    stored = current.loc[target_id].to_dict()
    seen = report.get("target_version")
    if report["kind"] == "korrektur" and target_id == report["target_id"] and seen and seen != stored["version"]:
        base = store.record_at(engine, target_id, int(seen))  # written against an older version: merge, not overwrite
        report = rebase(report, base, stored)[0] if base is not None else report
    update = as_update(report, stored)
    record, problems = check_record(update["fields"], update["criteria"], target_id)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReportInvalid("; ".join(problem_text(p) for p in errors))
    for kept in ("status", "beendet_am", "quellen", "herkunft"):
        record[kept] = stored[kept]
    record["stand"] = date.today().isoformat()
    expected = int(stored["version"]) if version is None else int(version)
    steps = _both(_confirm(target_id, "meldung"), _decide(report["id"], status, editor, network_id=target_id))
    store.update_network(engine, record, expected, audit_editor(report["id"], editor), within=steps)
    log.info("report %s applied to %s (%s)", report["id"], target_id, status)
    return target_id


def reject(engine: Engine, report_id: str, editor: str, reason: str) -> None:
    """Refuse a report with a reason (required); its contact data is deleted."""
    reason = model.clean_text(reason, "beschreibung").strip()[:MAX_REASON]
    if not reason:
        raise ValueError("Bitte einen Grund für die Ablehnung angeben.")
    with engine.begin() as conn:
        _decide(report_id, "rejected", editor, reason)(conn)
    log.info("report %s rejected", report_id)


#: The most reports one "reject selection" takes (a spam wave is rejected page by page of this).
MAX_BULK = 500


def reject_many(engine: Engine, report_ids: list[str], editor: str, reason: str) -> int:
    """Refuse several pending reports at once (a spam wave) with one reason; return how many were refused.

    One transaction; reports decided meanwhile are skipped, not an error. At most ``MAX_BULK`` ids.
    """
    reason = model.clean_text(reason, "beschreibung").strip()[:MAX_REASON]
    if not reason:
        raise ValueError("Bitte einen Grund für die Ablehnung angeben.")
    ids = list(dict.fromkeys(str(i) for i in report_ids))[:MAX_BULK]
    if not ids:
        return 0
    with engine.begin() as conn:
        pending = (reports_table.c.id.in_(ids), reports_table.c.status == "pending")
        decided = list(conn.execute(sa.select(reports_table.c.id).where(*pending)).scalars())
        conn.execute(
            reports_table.update()
            .where(*pending)
            .values(status="rejected", reason=reason, decided_at=datetime.now(UTC), decided_by=editor)
        )
        conn.execute(reporter_contacts_table.delete().where(reporter_contacts_table.c.report_id.in_(decided)))
    log.info("%d reports rejected at once", len(decided))
    return len(decided)


def purge_contacts(engine: Engine, days: float | None = None, now: datetime | None = None) -> int:
    """Delete contact data of reports older than ``days`` (default: the configured retention); return how many."""
    days = Limits.from_env().retention_days if days is None else days
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    old = sa.select(reports_table.c.id).where(reports_table.c.created_at < cutoff)
    with engine.begin() as conn:
        deleted = conn.execute(
            reporter_contacts_table.delete().where(reporter_contacts_table.c.report_id.in_(old))
        ).rowcount
    if deleted:
        log.info("purged %d reporter contacts", deleted)
    return deleted


def confirm_network(engine: Engine, network_id: str, editor: str) -> None:
    """An editor confirms a record as still true (no content change, no new version)."""
    with engine.begin() as conn:
        if not conn.execute(sa.select(networks_table.c.id).where(networks_table.c.id == network_id)).first():
            raise store.NetworkNotFound(f"Kein Netzwerk mit der ID {network_id!r}")
        _confirm(network_id, "redaktion")(conn)
        store._audit(conn, datetime.now(UTC), editor, network_id, "confirm", {})
        store._bump_version(conn)


def confirmation(record: dict) -> tuple[str, str] | None:
    """(ISO date, who) of the last confirmation; records from a public register count as "quelle" with their Stand."""
    at, by = record.get("bestaetigt_am"), record.get("bestaetigt_durch")
    if isinstance(at, str) and at and isinstance(by, str) and by:
        return at, by
    stand = record.get("stand")
    if record.get("herkunft") == "quelle" and isinstance(stand, str) and stand:
        return stand, "quelle"
    return None


def confirmation_text(record: dict) -> str:
    """German line for public profiles: "Angaben bestätigt am 03.05.2026 (Meldung)" or "nicht bestätigt".

    A record from public sources is checked against them, not confirmed by its network: its line says
    so once, instead of "bestätigt (Quelle)" next to "nicht vom Netzwerk bestätigt".
    """
    found = confirmation(record)
    if found is None:
        return "Angaben nicht bestätigt"
    at, by = found
    day = germanfmt.day(at)
    if by == "quelle":
        return f"Aus öffentlichen Quellen zusammengestellt (Stand {day}), nicht vom Netzwerk bestätigt"
    return f"Angaben bestätigt am {day} ({CONFIRMED_BY.get(by, by)})"


def to_review(networks: pd.DataFrame, months: int | None = None, today: date | None = None) -> pd.DataFrame:
    """Active records not confirmed within ``months`` (default ``NETZWERKATLAS_CONFIRM_MONTHS``), oldest first."""
    months = confirm_months() if months is None else months
    today = today or date.today()
    cutoff = (today - timedelta(days=round(months * 30.44))).isoformat()
    rows = []
    for record in networks.to_dict("records"):
        if record.get("status") == model.ENDED or record.get("herkunft") == "demo":
            continue
        found = confirmation(record)
        if found is None or found[0] < cutoff:
            rows.append(
                {
                    "id": record["id"],
                    "name": record["name"],
                    "kontakt_email": record.get("kontakt_email") or "",
                    "website": record.get("website") or "",
                    "bestaetigt_am": found[0] if found else "",
                    "bestaetigt_durch": CONFIRMED_BY.get(found[1], found[1]) if found else "",
                }
            )
    frame = pd.DataFrame(rows, columns=["id", "name", "kontakt_email", "website", "bestaetigt_am", "bestaetigt_durch"])
    return frame.sort_values(["bestaetigt_am", "id"]).reset_index(drop=True)
