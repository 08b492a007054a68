"""Organisation login end to end (issue 25 point 12): real Chromium, the app's own server with an ``[auth]``
table, and a local OpenID Connect provider (``oidc-provider-mock``) that signs in two predefined accounts, one
with the editor role and one without.

The provider's authorisation page lists the predefined accounts as buttons (its stand-in for the
organisation's login form); its logout page asks for a confirmation.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from bench import appserver
from ui import login

pytestmark = pytest.mark.e2e

ROLE = "netzwerkatlas-redaktion"
ANNA = {"sub": "anna", "email": "anna@land.example", "preferred_username": "anna", "roles": ["lesen", ROLE]}
BEN = {"sub": "ben", "email": "ben@land.example", "preferred_username": "ben", "roles": ["lesen"]}
VIEWPORTS = [
    pytest.param({"width": 1366, "height": 768}, id="desktop"),
    pytest.param({"width": 390, "height": 844}, id="phone"),
]
WAIT = 30_000


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """``oidc-provider-mock`` on a free loopback port with the two accounts; yields its base URL."""
    if importlib.util.find_spec("oidc_provider_mock") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("oidc-provider-mock fehlt: requirements-dev.txt muss es installieren")
        pytest.skip("oidc-provider-mock is not installed (pip install -r requirements-dev.txt)")
    port = appserver.free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("oidc") / "provider.log").open("w")
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for user in (ANNA, BEN):
        args += ["--user-claims", json.dumps(user)]
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})
    try:
        deadline = time.monotonic() + 60
        while not _ready(f"{url}/.well-known/openid-configuration"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the OIDC provider did not start (exit code {process.poll()}, log {log.name})")
            time.sleep(0.2)  # polling interval while waiting for a condition, not a fixed wait
        yield url
    finally:
        appserver.stop(process)
        log.close()


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory, provider, browser):
    """The app with an ``[auth]`` table pointing at ``provider``, its own database and no local accounts."""
    folder = tmp_path_factory.mktemp("oidc-server")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'  # Streamlit fills in its own port
        'cookie_secret = "e2e-nur-fuer-tests-e2e-nur-fuer-tests"\n'
        'client_id = "netzwerkatlas"\n'
        'client_secret = "e2e-geheim"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"NETZWERKATLAS_DB": str(folder / "oidc.sqlite3")}
    with appserver.serve(log=folder / "streamlit.log", env=env, extra_args=(f"--secrets.files={secrets}",)) as (url, _):
        context = browser.new_context()  # one visit first, as for the shared server: the caches warm
        warm = context.new_page()
        warm.goto(f"{url}/anmelden")
        expect(warm.get_by_role("button", name="Mit Organisationskonto anmelden")).to_be_visible(timeout=60_000)
        context.close()
        yield url


def new_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="de-DE")
    return context, context.new_page()


def sign_in(page, app_url: str, sub: str) -> None:
    """From "Anmelden" through the provider's page back to the app (its start page)."""
    page.goto(f"{app_url}/anmelden")
    page.get_by_role("button", name="Mit Organisationskonto anmelden").click(timeout=WAIT)
    page.get_by_role("button", name=sub, exact=True).click(timeout=WAIT)  # the provider's account list
    page.wait_for_url(f"{app_url}/", timeout=WAIT)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_account_with_the_editor_role_reaches_the_data_page(browser, oidc_app, viewport):
    context, page = new_page(browser, viewport)
    try:
        sign_in(page, oidc_app, "anna")
        if viewport["width"] > 800:  # the sidebar is open on a desktop: the menu has the editor pages now
            expect(page.get_by_role("link", name="Daten verwalten")).to_be_visible(timeout=WAIT)
            page.get_by_role("link", name="Daten verwalten").click()
        else:
            page.goto(f"{oidc_app}/daten")
        expect(page.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=WAIT)
        # the audit's name: the account's e-mail (Markdown-escaped: a word joiner before the @)
        expect(page.get_by_text(re.compile(r"Angemeldet als anna\W?@land\.example"))).to_be_visible()
        expect(page.locator("input[type=file]")).to_have_count(1)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_account_without_the_role_is_refused_also_by_deep_link(browser, oidc_app, viewport):
    context, page = new_page(browser, viewport)
    try:
        sign_in(page, oidc_app, "ben")
        expect(page.get_by_text("Ihr Konto hat keine Redaktionsrolle").first).to_be_visible(timeout=WAIT)  # toast
        for path in ("daten", "meldungen"):
            page.goto(f"{oidc_app}/{path}")
            expect(page.get_by_text("Ihr Konto hat keine Redaktionsrolle")).to_be_visible(timeout=WAIT)
            expect(page.get_by_text(login.PROTECTED)).to_be_visible()
            expect(page.get_by_text("Page not found")).to_have_count(0)
            expect(page.get_by_role("heading", name="Daten verwalten")).to_have_count(0)
            expect(page.get_by_role("heading", name="Meldungen")).to_have_count(0)
            expect(page.locator("input[type=file]")).to_have_count(0)
            expect(page.get_by_role("link", name="Daten verwalten")).to_have_count(0)
        page.get_by_role("button", name="Vom Organisationskonto abmelden").click()  # signs out of the account
        page.get_by_role("button", name="End session").click(timeout=WAIT)
        page.wait_for_url(f"{oidc_app}/", timeout=WAIT)
        page.goto(f"{oidc_app}/anmelden")
        expect(page.get_by_role("button", name="Mit Organisationskonto anmelden")).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("Ihr Konto hat keine Redaktionsrolle")).to_have_count(0)
    finally:
        context.close()


def test_logout_ends_the_editor_session_and_the_organisation_sign_in(browser, oidc_app):
    context, page = new_page(browser, {"width": 1366, "height": 768})
    try:
        sign_in(page, oidc_app, "anna")
        page.get_by_role("link", name="Abmelden").click(timeout=WAIT)
        page.get_by_role("button", name="End session").click(timeout=WAIT)  # the provider's logout page
        page.wait_for_url(f"{oidc_app}/", timeout=WAIT)
        expect(page.get_by_role("link", name="Anmelden")).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("link", name="Daten verwalten")).to_have_count(0)
        page.goto(f"{oidc_app}/daten")  # a new session: the cookie is gone, so no editor again
        expect(page.get_by_text(login.PROTECTED)).to_be_visible(timeout=WAIT)
        expect(page.get_by_role("button", name="Mit Organisationskonto anmelden")).to_be_visible()
        expect(page.get_by_role("heading", name="Daten verwalten")).to_have_count(0)
    finally:
        context.close()
