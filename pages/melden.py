"""Page "Netzwerk melden" (public): a network reports itself, or corrects its record (``?netzwerk=ID``).

Nothing here is public until an editor accepts it (page "Meldungen"). The checks live in
:mod:`geo.publicreports.reports`; this page collects the input and shows the resolver's reading of the region.
"""

import time
import uuid

import streamlit as st

from geo.publicreports import reports
from geo.records import model
from geo.regions import resolver
from geo.text import mdsafe
from ui import cards, data
from ui.honeypot import honeypot_field

PRIVACY = (
    "**Ihre Kontaktdaten** (Name, Funktion, E-Mail) speichern wir getrennt von der Meldung, nur um bei "
    "Rückfragen zu Ihrer Meldung Kontakt aufzunehmen. Sie werden nie veröffentlicht und nie exportiert. "
    "Sobald die Redaktion über die Meldung entschieden hat, löschen wir sie, spätestens nach {days} Tagen. "
    "Öffentlich werden nur die Angaben zum Netzwerk, und erst nachdem die Redaktion sie geprüft hat."
)
LABELS = {
    "name": "Name des Netzwerks *",
    "traeger": "Träger / koordinierende Stelle",
    "partner": "Partner (durch Semikolon getrennt)",
    "region": "Region * (Kreise, kreisfreie Städte, Land, PLZ oder AGS)",
    "plz": "PLZ des Sitzes",
    "ort": "Ort des Sitzes",
    "handlungsfelder": "Handlungsfelder (durch Semikolon getrennt)",
    "gegruendet": "Gegründet (Jahr)",
    "website": "Website",
    "kontakt_email": "Öffentliche Kontakt-E-Mail des Netzwerks",
    "beschreibung": "Kurzbeschreibung",
}
LONG = {"partner", "beschreibung"}
limits = reports.Limits.from_env()
engine = data.engine()
everyone = data.networks(data.data_version())

# Which record a correction is about: ?netzwerk=ID, fixed for this form once opened.
target_id = st.query_params.get("netzwerk")
target = None
if target_id and target_id in set(everyone["id"]):
    target = everyone.set_index("id", drop=False).loc[target_id].to_dict()
kreis = st.query_params.get("kreis")  # from a Kreis panel on the map: that Kreis as the region
form_key = f"melden_{target_id or 'neu'}_{kreis or ''}"
if st.session_state.get("melden_form") != form_key:
    st.session_state["melden_form"] = form_key
    st.session_state["melden_started"] = time.time()
    for field_name, value in reports.form_values(target or {}).items():
        st.session_state[f"melden_{field_name}"] = value
    for criterion in reports.SELF_CRITERIA:  # a correction starts from the record's criteria, too
        st.session_state[f"melden_kriterium_{criterion}"] = reports.assessment_of(target or {}).get(criterion)
    if target is None and kreis and kreis in data.kreis_codes():
        st.session_state["melden_region"] = kreis
st.session_state.setdefault("melden_session", uuid.uuid4().hex)

if target is not None:
    st.title("Angaben korrigieren")
    st.markdown(
        f"Korrektur zu **{mdsafe.md(target['name'])}**. Ändern Sie, was nicht mehr stimmt; die Redaktion prüft "
        "Ihre Angaben, bevor sie erscheinen."
    )
else:
    st.title("Netzwerk melden")
    if target_id:
        st.warning(f"Kein Netzwerk mit der ID {mdsafe.md(target_id)} gefunden; Sie melden ein neues Netzwerk.")
    st.markdown(
        "Ihr Netzwerk zur Fachkräftesicherung fehlt im Atlas? Melden Sie es hier. Die Redaktion prüft "
        "jede Meldung, bevor sie erscheint."
    )

fields: dict[str, str] = {}
for field_name in reports.FORM_FIELDS:
    if field_name in LONG:
        fields[field_name] = st.text_area(LABELS[field_name], key=f"melden_{field_name}")
    else:  # the region is read while it is typed (after a short pause), not only when the field is left
        live = "500ms" if field_name == "region" else False
        fields[field_name] = st.text_input(LABELS[field_name], key=f"melden_{field_name}", live=live)
    if field_name == "region":
        # The resolver's reading, live: what the atlas will understand, and a choice where the text is ambiguous.
        choices: dict[str, str] = {}
        text = fields["region"].strip()
        if text:
            reading = resolver.resolve(text)
            if reading.ags:
                names = ", ".join(resolver.label_of(a) for a in reading.ags[:12])
                more = f" und {len(reading.ags) - 12} weitere" if len(reading.ags) > 12 else ""
                st.caption(f"Erkannt: {len(reading.ags)} Kreise – {mdsafe.md(names)}{more}")
            for part, candidates in reading.ambiguous.items():
                options = {a: resolver.label_of(a) for a in candidates}
                chosen = st.radio(
                    f"„{mdsafe.md(part)}“ ist mehrdeutig. Welcher Kreis ist gemeint?",
                    list(options),
                    format_func=options.get,
                    index=None,
                    key=f"melden_wahl_{part}",
                )
                if chosen:
                    choices[part] = chosen
            for part in reading.unresolved:
                hints = resolver.suggest(part)
                st.warning(
                    f"„{mdsafe.md(part)}“ nicht erkannt."
                    + (f" Meinten Sie: {mdsafe.md('; '.join(hints))}?" if hints else "")
                )

st.subheader("Selbsteinschätzung")
criteria = {}
for criterion, label in reports.SELF_CRITERIA.items():
    criteria[criterion] = (
        st.radio(
            label,
            list(reports.ASSESSMENTS),
            format_func=reports.ASSESSMENTS.get,
            index=None,
            horizontal=True,
            key=f"melden_kriterium_{criterion}",
        )
        or ""
    )

st.subheader("Ihre Kontaktdaten (nicht öffentlich)")
contact_name = st.text_input("Ihr Name *", key="melden_person_name")
contact_role = st.text_input("Ihre Funktion im Netzwerk", key="melden_person_funktion")
contact_email = st.text_input("Ihre E-Mail-Adresse *", key="melden_person_email")
st.info(PRIVACY.format(days=int(limits.retention_days)))
consent = st.checkbox(
    "Ich willige ein, dass meine Kontaktdaten wie beschrieben für Rückfragen zu dieser Meldung verarbeitet werden. *",
    key="melden_einwilligung",
)
honeypot = honeypot_field()

if st.button("Meldung senden", type="primary"):
    region_text = fields["region"]
    for part, code in choices.items():
        region_text = resolver.replace_part(region_text, part, code)
    submission = reports.Submission(
        kind="korrektur" if target is not None else "neu",
        fields={**fields, "region": region_text},
        criteria={c: v for c, v in criteria.items() if v},
        contact=reports.Contact(name=contact_name, email=contact_email, role=contact_role, consent=consent),
        target_id=target["id"] if target is not None else None,
        target_version=int(target["version"]) if target is not None else None,
        honeypot=honeypot,
        started_at=st.session_state.get("melden_started"),
    )
    try:
        report_id = reports.submit(
            engine, submission, st.session_state["melden_session"], st.context.ip_address, limits
        )
    except reports.ReportRejected as refused:
        st.error("Die Meldung wurde nicht gespeichert:\n\n" + "\n".join(f"- {mdsafe.md(r)}" for r in refused.reasons))
    else:
        st.session_state["melden_started"] = time.time()  # a further report counts its own fill time
        st.success(
            f"Danke! Ihre Meldung {report_id} ist eingegangen. "
            "Die Redaktion prüft sie; erst danach erscheint sie im Atlas."
        )
st.caption(f"Pflichtfelder sind mit * markiert. Texte höchstens {model.MAX_TEXT['beschreibung']} Zeichen.")
cards.attribution_footer()
