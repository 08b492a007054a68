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
from geo.text import germanfmt, mdsafe
from ui import cards, data
from ui.honeypot import honeypot_field

PRIVACY = (
    "**Ihre Kontaktdaten** (Name, Funktion, E-Mail) speichern wir getrennt von der Meldung, nur um bei "
    "Rückfragen zu Ihrer Meldung Kontakt aufzunehmen. Sie werden nie veröffentlicht und nie exportiert. "
    "Sobald die Redaktion über die Meldung entschieden hat, löschen wir sie, spätestens nach {days} Tagen. "
    "Öffentlich werden nur die Angaben zum Netzwerk, und erst nachdem die Redaktion sie geprüft hat."
)
LABELS = model.REPORT_LABELS  # the form's labels are the record model's (geo.records.model)
LONG = {"partner", "beschreibung"}


def _most(field_name: str) -> int:
    """The longest text a field takes (``geo.records.model``): Streamlit cuts anything longer on arrival,
    also from a client that bypasses the browser (issue 25)."""
    return model.BY_NAME[field_name].max_len


#: The four Handlungsfelder a network chooses from ("Sonstiges" only where a record already has it).
FIELD_CHOICES = list(model.HANDLUNGSFELDER[:4])
SENT = "gesendete_meldung"  # the id of the report just sent: shown once above the emptied form
limits = reports.Limits.from_env()
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
    st.session_state["melden_handlungsfelder"] = [
        f for f in st.session_state["melden_handlungsfelder"].split("; ") if f in model.HANDLUNGSFELDER
    ]
    for criterion in reports.SELF_CRITERIA:  # a correction starts from the record's criteria, too
        st.session_state[f"melden_kriterium_{criterion}"] = reports.assessment_of(target or {}).get(criterion)
    if target is None and kreis and kreis in data.kreis_codes():
        st.session_state["melden_region"] = resolver.name_of(kreis)  # the name the user knows, not "08117"
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

if SENT in st.session_state:
    st.success(
        f"Danke! Ihre Meldung {st.session_state.pop(SENT)} ist eingegangen. Die Redaktion prüft sie; erst danach "
        "erscheint sie im Atlas. Bei Rückfragen schreiben wir Ihnen an die angegebene E-Mail-Adresse."
    )
    st.markdown("**Wie weiter?** Das Formular ist wieder leer – Sie können ein weiteres Netzwerk melden.")
    st.page_link("pages/karte.py", label="Zurück zur Karte", icon=":material/map:")

fields: dict[str, str] = {}
for field_name in reports.FORM_FIELDS:
    if field_name == "handlungsfelder":
        chosen_fields = st.multiselect(
            LABELS[field_name],
            [*FIELD_CHOICES, *(f for f in st.session_state.get(f"melden_{field_name}", []) if f not in FIELD_CHOICES)],
            key="melden_handlungsfelder",
            placeholder="Handlungsfelder wählen",
        )
        fields[field_name] = "; ".join(chosen_fields)
    elif field_name in LONG:
        fields[field_name] = st.text_area(LABELS[field_name], key=f"melden_{field_name}", max_chars=_most(field_name))
    else:  # the region is read while it is typed (after a short pause), not only when the field is left
        live = "500ms" if field_name == "region" else False
        fields[field_name] = st.text_input(
            LABELS[field_name], key=f"melden_{field_name}", live=live, max_chars=_most(field_name)
        )
    if field_name == "region":
        # The resolver's reading, live: what the atlas will understand, and a choice where the text is ambiguous.
        choices: dict[str, str] = {}
        text = fields["region"][: resolver.MAX_TEXT + 1].strip()  # the length first: no work on a flood
        if len(text) > resolver.MAX_TEXT:
            st.warning(f"Region zu lang (höchstens {resolver.MAX_TEXT} Zeichen).")
        elif text:
            reading = resolver.resolve(text)
            if reading.ags:
                names = ", ".join(resolver.label_of(a) for a in reading.ags[:12])
                more = f" und {len(reading.ags) - 12} weitere" if len(reading.ags) > 12 else ""
                found = germanfmt.count(len(reading.ags), "Kreis", "Kreise")
                st.caption(f"Erkannt: {found} – {mdsafe.md(names)}{more}")
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
contact_name = st.text_input("Ihr Name *", key="melden_person_name", max_chars=_most("name"))
contact_role = st.text_input("Ihre Funktion im Netzwerk", key="melden_person_funktion", max_chars=_most("traeger"))
contact_email = st.text_input("Ihre E-Mail-Adresse *", key="melden_person_email", max_chars=_most("kontakt_email"))
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
    report_id = None
    # an outage keeps the form as it is (no stop: the widgets below stay drawn with their input)
    with data.database_guard("Die Meldung wurde nicht gespeichert; Ihre Eingaben bleiben stehen.", stop=False):
        try:
            report_id = reports.submit(
                data.engine(), submission, st.session_state["melden_session"], st.context.ip_address, limits
            )
        except reports.ReportRejected as refused:
            st.error(
                "Die Meldung wurde nicht gespeichert:\n\n" + "\n".join(f"- {mdsafe.md(r)}" for r in refused.reasons)
            )
    if report_id is not None:
        st.session_state[SENT] = report_id
        # an emptied form for a further report: drop the values and let the start of the page fill it anew
        for key in [k for k in st.session_state if str(k).startswith("melden_") and k != "melden_session"]:
            del st.session_state[key]
        st.query_params.pop("netzwerk", None)
        st.query_params.pop("kreis", None)
        st.rerun()
st.caption(f"Pflichtfelder sind mit * markiert. Texte höchstens {model.MAX_TEXT['beschreibung']} Zeichen.")
cards.attribution_footer()
