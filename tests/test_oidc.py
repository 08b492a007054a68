"""Organisation login (issue 25 point 12): the editor role from an ID token's claim, and what the app makes of
a signed-in organisation account (AppTest with ``st.user`` seeded). The real flow in Chromium against a local
OIDC provider: tests/test_e2e_oidc.py."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import settings
from geo.storage import oidc, store
from tests.conftest import dashboard

ROLE = "netzwerkatlas-redaktion"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "nur-fuer-tests-nur-fuer-tests-32",
    "client_id": "netzwerkatlas",
    "client_secret": "geheim",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ANNA = {"is_logged_in": True, "sub": "a-1", "email": "anna@land.example", "roles": [ROLE]}
BEN = {"is_logged_in": True, "sub": "b-2", "email": "ben@land.example", "roles": ["lesen"]}


# ---- the role check --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"roles": [ROLE]}, True),
        ({"roles": ["lesen", ROLE, "schreiben"]}, True),
        ({"roles": ROLE}, True),  # one role as a text
        ({"roles": f"lesen {ROLE}"}, True),  # several in a text, as `scope` lists them
        ({"roles": f"lesen,{ROLE}"}, True),
        ({}, False),  # claim missing
        ({"groups": [ROLE]}, False),  # the role under another claim
        ({"roles": []}, False),
        ({"roles": ["lesen"]}, False),  # wrong value
        ({"roles": "lesen"}, False),
        ({"roles": f"{ROLE}-lesen"}, False),  # a longer role is not the role
        ({"roles": [f"{ROLE}-lesen"]}, False),
        ({"roles": "netzwerkatlas"}, False),  # nor a shorter one
        ({"roles": ROLE.upper()}, False),  # case counts
        ({"roles": {ROLE: True}}, False),  # an object is no list of roles
        ({"roles": [[ROLE]]}, False),
        ({"roles": None}, False),
        ({"roles": 1}, False),
    ],
)
def test_the_editor_role_is_a_whole_value_of_the_claim(claims, expected):
    assert oidc.has_role(claims, "roles", ROLE) is expected


def test_a_dotted_claim_reads_a_nested_one_and_a_literal_key_wins():
    keycloak = {"realm_access": {"roles": ["offline_access", ROLE]}}
    assert oidc.has_role(keycloak, "realm_access.roles", ROLE)
    assert not oidc.has_role(keycloak, "realm_access.groups", ROLE)
    assert not oidc.has_role({"realm_access": [ROLE]}, "realm_access.roles", ROLE)
    assert oidc.has_role({"realm_access.roles": [ROLE], "realm_access": {"roles": []}}, "realm_access.roles", ROLE)


def test_an_empty_required_role_admits_nobody():
    assert not oidc.has_role({"roles": ""}, "roles", "")
    assert not oidc.has_role({"roles": [""]}, "roles", "")


def test_the_change_log_names_the_account_by_email_then_user_name_then_subject():
    assert oidc.editor_name({"sub": "s", "preferred_username": "anna", "email": "anna@land.example"}) == (
        "anna@land.example"
    )
    assert oidc.editor_name({"sub": "s", "preferred_username": "anna", "email": " "}) == "anna"
    assert oidc.editor_name({"sub": "s"}) == "s"
    assert oidc.editor_name({}) is None
    assert len(oidc.editor_name({"email": "x" * 500})) == oidc.MAX_NAME


def test_claim_and_role_are_settings_with_the_documented_defaults(monkeypatch):
    assert settings.OIDC_ROLE_CLAIM.get({}) == "roles"
    assert settings.OIDC_EDITOR_ROLE.get({}) == ROLE
    assert settings.OIDC_ROLE_CLAIM.get({"NETZWERKATLAS_OIDC_ROLE_CLAIM": "groups"}) == "groups"


def test_the_provider_table_counts_as_configured_only_when_complete():
    assert settings.AUTH.configured({"auth": AUTH})
    assert not settings.AUTH.configured({})
    assert not settings.AUTH.configured({"auth": {**AUTH, "client_id": " "}})
    assert not settings.AUTH.configured({"auth": {k: v for k, v in AUTH.items() if k != "server_metadata_url"}})


# ---- the app with a signed-in organisation account (AppTest) ----------------------------------------------


def app_as(user: dict | None, auth: bool = True):
    app = dashboard()
    if auth:
        app.secrets["auth"] = AUTH
    if user is not None:
        app.user = dict(user)
    app.run()
    assert not app.exception
    return app


def menu(app) -> set[str]:
    """The sidebar's page links (AppTest lists them after a first run only)."""
    return {link.label for link in app.sidebar.get("page_link")}


@pytest.mark.slow
def test_the_login_offers_the_organisation_account_only_where_auth_is_configured():
    app = app_as(None)
    app.switch_page("pages/anmelden.py").run()
    assert "Mit Organisationskonto anmelden" in [b.label for b in app.button]
    plain = app_as(None, auth=False)
    plain.switch_page("pages/anmelden.py").run()
    assert "Mit Organisationskonto anmelden" not in [b.label for b in plain.button]


@pytest.mark.slow
def test_an_account_with_the_role_is_an_editor_and_its_edit_names_it(monkeypatch, tmp_path):
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "oidc.sqlite3"))
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        app = app_as(ANNA)
        assert "Daten verwalten" in menu(app)
        app.switch_page("pages/daten.py").run()
        engine = store.make_engine()
        stored = store.load_networks(engine).iloc[0]
        app.selectbox(key="bearbeiten_id").set_value(stored["id"]).run()
        next(t for t in app.text_input if t.label == "Name").set_value("Name aus der Organisation")
        next(b for b in app.button if b.label == "Speichern").click().run()
        assert not app.exception
        assert store.history(engine, stored["id"]).iloc[0]["editor"] == "anna@land.example"
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


@pytest.mark.slow
def test_an_account_without_the_role_is_told_so_and_gets_no_editor_page():
    app = app_as(BEN)
    assert "Anmelden" in menu(app) and "Daten verwalten" not in menu(app)
    assert any("keine Redaktionsrolle" in t.proto.body for t in app.toast)
    app.switch_page("pages/anmelden.py").run()
    assert any("Ihr Konto hat keine Redaktionsrolle" in e.value and "ben" in e.value for e in app.error)
    assert "Vom Organisationskonto abmelden" in [b.label for b in app.button]
    assert "editor" not in app.session_state


@pytest.mark.slow
def test_the_editor_pages_scripts_stop_for_an_account_without_the_role_even_with_a_forged_session():
    for script in ("../pages/daten.py", "../pages/meldungen.py"):
        direct = AppTest.from_file(script, default_timeout=60)
        direct.secrets["auth"] = AUTH
        direct.user = dict(BEN)
        direct.session_state["editor"] = BEN["email"]
        direct.session_state["editor_organisation"] = True
        direct.run()
        assert any("Nur für angemeldete" in e.value for e in direct.error), script
        assert not direct.button


@pytest.mark.slow
def test_a_role_taken_away_ends_the_editor_session_at_the_next_rerun():
    app = app_as(ANNA)
    app.switch_page("pages/daten.py").run()
    assert [t.value for t in app.title] == ["Daten verwalten"]
    app.user = dict(BEN, email=ANNA["email"])  # the same account, its role revoked
    app.run()
    assert not app.exception
    assert not app.title and any("Nur für angemeldete" in e.value for e in app.error)


@pytest.mark.slow
def test_the_claim_and_the_role_are_configurable(monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_OIDC_ROLE_CLAIM", "groups")
    monkeypatch.setenv("NETZWERKATLAS_OIDC_EDITOR_ROLE", "atlas")
    assert "Anmelden" in menu(anna := app_as(ANNA)) and "Daten verwalten" not in menu(anna)
    assert "Daten verwalten" in menu(app_as({**BEN, "groups": ["atlas"]}))
