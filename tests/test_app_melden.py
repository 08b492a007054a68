"""Public form "Netzwerk melden" and the editors' moderation (AppTest, each test on a database of its own)."""

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.publicreports import reports
from geo.regions import resolver
from geo.storage import auth, datasets, migrate, store
from tests.conftest import dashboard

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow

PASSWORD = "richtig-geheim"


@pytest.fixture
def own_database(monkeypatch, tmp_path):
    """A database of this test's own (the shared test database stays untouched), with fresh app caches."""
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "melden.sqlite3"))
    monkeypatch.setenv("NETZWERKATLAS_REPORT_MIN_SECONDS", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield store.make_engine()
    st.cache_resource.clear()
    st.cache_data.clear()


def form(query: dict | None = None) -> AppTest:
    app = dashboard()
    app.run()
    for name, value in (query or {}).items():
        app.query_params[name] = value
    app.switch_page("pages/melden.py").run()
    assert not app.exception
    return app


def white_spot(engine) -> tuple[str, str]:
    """A Kreis without a regional network in the demo data (code, name as the resolver reads it)."""
    from geo.regions import resolver

    migrate.upgrade(engine)
    stored = store.load_networks(engine)
    regional = stored[stored["scope"].isin(["lokal", "mehrere"])]  # land- and bundesweite ones don't cover
    covered = {a for codes in regional["ags"] for a in codes}
    for code in resolver.resolve("Deutschland").ags:
        label = resolver.label_of(code)
        if code not in covered and resolver.resolve(label).ags == [code]:
            return code, label
    raise AssertionError("the demo data cover every Kreis")


def fill(app: AppTest, region: str = "Landkreis Prignitz", **extra) -> AppTest:
    values = {
        "melden_name": "Fachkräftebündnis Melden-Test",
        "melden_partner": "IHK; HWK; Jobcenter",
        "melden_region": region,
        "melden_person_name": "Erika Muster",
        "melden_person_email": "erika@example.org",
    } | extra
    for key, value in values.items():
        widget = app.text_area(key=key) if key == "melden_partner" else app.text_input(key=key)
        widget.input(value)
    app.multiselect(key="melden_handlungsfelder").set_value(["Aus- und Weiterbildung"])
    app.checkbox(key="melden_einwilligung").check()
    return app.run()


def send(app: AppTest) -> AppTest:
    return app.button[[b.label for b in app.button].index("Meldung senden")].click().run()


def shown(markdown: str) -> str:
    """Escaped user text (``geo.text.mdsafe.md``) as it reads on screen."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def pending(engine) -> list[dict]:
    migrate.upgrade(engine)
    return reports.list_reports(engine)


def test_a_valid_report_is_stored_pending_and_nothing_becomes_public(own_database):
    app = form()
    before = store.data_version(own_database)
    public = len(store.load_networks(own_database))
    code, name = white_spot(own_database)
    send(fill(app, region=name))
    assert any("Ihre Meldung R-" in s.value for s in app.success), [e.value for e in app.error]
    (report,) = pending(own_database)
    assert report["fields"]["name"] == "Fachkräftebündnis Melden-Test"
    assert store.data_version(own_database) == before
    assert len(store.load_networks(own_database)) == public
    assert any("nie veröffentlicht" in i.value for i in app.info)  # the privacy text


def test_after_sending_the_form_is_empty_and_says_what_comes_next(own_database):
    app = send(fill(form()))
    assert any("Ihre Meldung R-" in s.value for s in app.success), [e.value for e in app.error]
    assert any("Wie weiter?" in m.value for m in app.markdown)
    assert app.text_input(key="melden_name").value == ""
    assert app.text_input(key="melden_person_email").value == ""
    assert app.multiselect(key="melden_handlungsfelder").value == []
    assert not app.checkbox(key="melden_einwilligung").value


def test_an_empty_submit_names_the_missing_required_fields(own_database, monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_REPORT_MIN_SECONDS", "3600")  # even when sent at once
    app = send(form())
    (error,) = app.error
    for label in ("Name des Netzwerks", "Region", "Ihr Name", "Ihre E-Mail-Adresse", "Einwilligung"):
        assert label in shown(error.value)
    assert "zu schnell" not in error.value
    assert pending(own_database) == []


def test_handlungsfelder_are_the_four_choices(own_database):
    app = form()
    assert app.multiselect(key="melden_handlungsfelder").options == [
        "Aus- und Weiterbildung",
        "Integration Älterer in das Erwerbsleben",
        "Vereinbarkeit von Beruf und Familie",
        "Integration und Zuwanderung",
    ]


def test_coming_from_a_kreis_prefills_its_name(own_database):
    app = form({"kreis": "08117"})
    assert app.text_input(key="melden_region").value == "Landkreis Göppingen"
    assert any("08117" in c.value and "Göppingen" in c.value for c in app.caption)  # read as that Kreis


def test_honeypot_refuses_and_stores_nothing(own_database):
    app = fill(form())
    app.text_input(key="melden_hp_feld").input("https://spam.example")
    send(app)
    assert any("nicht gespeichert" in e.value and "automatisch" in e.value for e in app.error)
    assert pending(own_database) == []


def test_sent_too_fast_is_refused(own_database, monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_REPORT_MIN_SECONDS", "3600")
    app = send(fill(form()))
    assert any("zu schnell" in e.value for e in app.error)
    assert pending(own_database) == []


def test_rate_limit_per_session(own_database, monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_REPORT_LIMIT_SESSION", "1")
    app = send(fill(form()))
    assert app.success
    send(fill(app, melden_name="Zweites Bündnis"))
    assert any("zu viele Meldungen" in e.value for e in app.error)
    assert len(pending(own_database)) == 1


def test_an_ambiguous_region_offers_a_choice_and_sends_the_chosen_kreis(own_database):
    app = fill(form(), region="Neustadt")
    (choice,) = [r for r in app.radio if "mehrdeutig" in r.label]
    assert len(choice.options) > 1
    send(app)  # without a choice: refused, says why
    assert any("mehrdeutig" in e.value for e in app.error)
    assert pending(own_database) == []
    first = resolver.resolve("Neustadt").ambiguous["Neustadt"][0]
    next(r for r in app.radio if "mehrdeutig" in r.label).set_value(first).run()
    send(app)
    assert app.success, [e.value for e in app.error]
    (report,) = pending(own_database)
    assert resolver.resolve(report["region"]).ags == [first]


@pytest.fixture(scope="module")
def editors():
    return {"anna": auth.hash_password(PASSWORD)}


def editor_app(editors) -> AppTest:
    app = dashboard()
    app.secrets["editors"] = editors
    app.run()
    app.switch_page("pages/anmelden.py").run()
    app.text_input[0].set_value("anna")
    app.text_input[1].set_value(PASSWORD)
    app.button[0].click().run()
    assert app.session_state["editor"] == "anna"
    return app


def submit_direct(engine, **changes) -> str:
    migrate.upgrade(engine)
    datasets.seed_if_empty(engine)  # as the app's first run does
    code, name = white_spot(engine)
    fields = {"name": "Bündnis aus der Meldung", "partner": "IHK; HWK; Jobcenter", "region": name} | changes
    sub = reports.Submission(
        kind="korrektur" if "target_id" in fields else "neu",
        fields={k: v for k, v in fields.items() if k not in ("target_id", "target_version")},
        criteria={"evaluation": "erfuellt"},
        contact=reports.Contact(name="Erika Muster", email="erika@example.org", consent=True),
        target_id=fields.get("target_id"),
        target_version=fields.get("target_version"),
        started_at=0,
    )
    return reports.submit(engine, sub, "test", None, reports.Limits(min_fill_seconds=0))


def test_moderation_accept_makes_the_record_public_with_audit_naming_the_report(own_database, editors):
    report_id = submit_direct(own_database)
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    assert not app.exception
    assert any("Gelesen als:** 1 Kreis " in m.value.replace("\\", "") for m in app.markdown)
    assert any("erika@example.org" in c.value.replace("\\", "").replace("\u2060", "") for c in app.caption)
    app.button(key=f"annehmen_{report_id}").click().run()
    assert not app.exception and not app.error
    stored = store.load_networks(own_database)
    (row,) = stored[stored["name"] == "Bündnis aus der Meldung"].to_dict("records")
    assert row["herkunft"] == "meldung" and row["bestaetigt_durch"] == "meldung"
    assert f"Meldung {report_id}" in store.history(own_database, row["id"]).iloc[0]["editor"]
    assert any("Keine offenen Meldungen" in i.value for i in app.info)


def test_moderation_reject_needs_a_reason_and_publishes_nothing(own_database, editors):
    report_id = submit_direct(own_database)
    public = len(store.load_networks(own_database))
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    app.button(key=f"ablehnen_{report_id}").click().run()
    assert any("Grund" in e.value for e in app.error)
    app.text_input(key=f"grund_{report_id}").input("Kein Netzwerk im Sinne der Kriterien").run()
    app.button(key=f"ablehnen_{report_id}").click().run()
    assert reports.get_report(own_database, report_id)["status"] == "rejected"
    assert len(store.load_networks(own_database)) == public


def test_moderation_shows_a_correction_field_by_field(own_database, editors):
    migrate.upgrade(own_database)
    datasets.seed_if_empty(own_database)
    current = store.load_networks(own_database).iloc[0].to_dict()
    report_id = submit_direct(
        own_database,
        name=current["name"],
        region=current["region"],
        partner="; ".join(current["partner"]),
        website="https://korrigiert.example.de",
        target_id=current["id"],
        target_version=int(current["version"]),
    )
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    (table,) = [t for t in app.table if "gemeldet" in t.value.columns and "bisher" in t.value.columns]
    rows = table.value.map(shown).set_index("Feld")
    assert rows.loc["Website", "gemeldet"] == "https://korrigiert.example.de"
    assert "Name" not in rows.index
    app.button(key=f"annehmen_{report_id}").click().run()
    after = store.load_networks(own_database).set_index("id").loc[current["id"]]
    assert after["website"] == "https://korrigiert.example.de"


def test_profile_shows_confirmation_and_opens_the_prefilled_correction_form(own_database):
    app = dashboard()
    app.run()
    first = store.load_networks(own_database).iloc[0]
    app.query_params["netzwerk"] = first["id"]
    app.switch_page("pages/netzwerke.py").run()
    assert any(c.value == "Angaben nicht bestätigt" for c in app.caption)
    app = form({"netzwerk": first["id"]})
    assert app.title[0].value == "Angaben korrigieren"
    assert app.text_input(key="melden_name").value == first["name"]
    assert app.text_input(key="melden_region").value == first["region"]


def test_a_kreis_link_prefills_the_region_with_its_reading(own_database):
    migrate.upgrade(own_database)
    datasets.seed_if_empty(own_database)
    code, name = white_spot(own_database)
    app = form({"kreis": code})
    assert app.text_input(key="melden_region").value == resolver.name_of(code)  # its name, not its code
    assert any(name in c.value.replace("\\", "") for c in app.caption)


def test_moderation_merges_a_report_into_a_network_the_editor_chooses(own_database, editors):
    report_id = submit_direct(own_database, traeger="Gemeldete Koordinierung")
    before = store.load_networks(own_database)
    target = before.iloc[-1].to_dict()
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    assert app.selectbox(key=f"ziel_{report_id}").value is None  # no duplicate found: nothing preselected
    app.selectbox(key=f"ziel_{report_id}").set_value(target["id"]).run()
    (table,) = [t for t in app.table if "bisher" in t.value.columns]
    assert "Träger" in set(table.value["Feld"])
    app.button(key=f"zusammen_{report_id}").click().run()
    assert not app.exception and not app.error
    after = store.load_networks(own_database)
    assert len(after) == len(before)  # merged, not added
    merged = after.set_index("id").loc[target["id"]]
    assert merged["traeger"] == "Gemeldete Koordinierung"
    assert merged["website"] == target["website"]  # left empty in the report: kept
    assert reports.get_report(own_database, report_id)["status"] == "merged"


def test_review_tab_lists_unconfirmed_records_and_an_editor_confirms_one(own_database, editors, tmp_path):
    from geo.intake.networks import read_networks

    migrate.upgrade(own_database)
    datasets.seed_if_empty(own_database)
    csv = tmp_path / "alt.csv"
    csv.write_text("Name;Region;E-Mail\nAltes Bündnis Prüfkreis;Landkreis Prignitz;info@alt.example.de\n", "utf-8")
    store.add_networks(own_database, read_networks(csv).records)
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    assert any("1 Einträge** sind seit mehr als 12 Monaten nicht bestätigt" in m.value for m in app.markdown)
    (listed,) = [d.value for d in app.dataframe if "Kontakt" in d.value.columns]
    assert list(listed["Kontakt"]) == ["info@alt.example.de"]
    app.button[[b.label for b in app.button].index("Angaben als bestätigt markieren (Redaktion)")].click().run()
    assert any("0 Einträge** sind seit" in m.value for m in app.markdown)
    stored = store.load_networks(own_database)
    record = stored[stored["name"] == "Altes Bündnis Prüfkreis"].iloc[0].to_dict()
    assert reports.confirmation_text(record).endswith("(Redaktion)")


def test_a_correction_of_a_record_changed_meanwhile_is_applied_to_the_current_version(own_database, editors):
    migrate.upgrade(own_database)
    datasets.seed_if_empty(own_database)
    current = store.load_networks(own_database).iloc[1].to_dict()
    report_id = submit_direct(  # the form as the reporter sent it: prefilled, two fields changed
        own_database,
        **reports.form_values(current)
        | {"traeger": "Neue Koordinierung laut Meldung", "website": "https://meldung.example.de"},
        target_id=current["id"],
        target_version=int(current["version"]),
    )
    meanwhile = {**current, "ort": "Zwischenstadt", "website": "https://redaktion.example.de"}
    store.update_network(own_database, meanwhile, int(current["version"]), "anna")
    app = editor_app(editors)
    app.switch_page("pages/meldungen.py").run()
    assert any("wurde geändert, nachdem die Meldung begonnen wurde" in w.value for w in app.warning)
    assert any("Von beiden geändert" in e.value for e in app.error)  # the website: editors see both values
    # the cells are escaped for Markdown (backslashes, a word joiner that stops autolinks)
    conflict = [cell.replace("\\", "").replace("\u2060", "") for cell in app.table[0].value.iloc[0]]
    assert conflict == ["Website", current["website"], meanwhile["website"], "https://meldung.example.de"]
    app.button(key=f"annehmen_{report_id}").click().run()
    assert app.error  # the version the reporter saw is outdated: refused, nothing written
    assert reports.get_report(own_database, report_id)["status"] == "pending"
    app.button(key=f"aktuell_{report_id}").click().run()
    after = store.load_networks(own_database).set_index("id").loc[current["id"]]
    assert after["traeger"] == "Neue Koordinierung laut Meldung"
    assert after["ort"] == "Zwischenstadt"  # the editor's change in between stays
    assert after["website"] == "https://meldung.example.de"
    assert reports.get_report(own_database, report_id)["status"] == "merged"
