"""Shared fixtures: a real app server and a real headless Chromium for e2e tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from bench import appserver

ROOT = Path(__file__).resolve().parent.parent
EDITOR, EDITOR_PASSWORD = "redaktion", "e2e-geheim"
HOSTILE_NAME = "<img src=x onerror=window.__xss=1> `${window.__xss=2}` Netzwerk"
HOSTILE_ROW = (
    "Name;Träger;Region;Handlungsfelder;Website;E-Mail\n"
    f'"{HOSTILE_NAME}";<script>window.__xss=3</script>;Landkreis Uckermark;Ausbildung;'
    "https://x.invalid/pfad?a=1&b=2;a@b.de\n"
)

FOREIGN = "fremd.invalid"  # no request may ever go there
MARKDOWN_NAME = f"![n](http://{FOREIGN}/name.png) Feindliches Netzwerk www.{FOREIGN} https://{FOREIGN}/n"
MARKDOWN_ROW = (
    "Name;Träger;Partner;Region;Handlungsfelder;E-Mail;Beschreibung\n"
    f'"{MARKDOWN_NAME}";":material/link: [T](https://{FOREIGN}/t) <https://{FOREIGN}/a>";'
    f'"![p](http://{FOREIGN}/p.png); [Link](http://{FOREIGN}/l); www.{FOREIGN}; info@{FOREIGN}";'
    f"Landkreis Ostprignitz-Ruppin;Ausbildung;kontakt@{FOREIGN};"
    f'"![d](http://{FOREIGN}/d.png) <img src=http://{FOREIGN}/i.png> https://{FOREIGN}/d '
    f'WWW.{FOREIGN}/w http&#58;//{FOREIGN}/e $x$ :red[rot]"\n'
)


@pytest.fixture(scope="session", autouse=True)
def test_database(tmp_path_factory):
    """Every test (and the app server) uses a fresh SQLite file: the demo data plus two hostile networks.

    The second one carries Markdown images, links and bare addresses pointing at ``FOREIGN``. Databases
    that tests create themselves are seeded with the demo set too (``NETZWERKATLAS_DATASET``); the
    register of public sources has tests of its own (tests/test_register.py).
    """
    from geo.intake.networks import read_networks
    from geo.storage import datasets, migrate, store

    path = tmp_path_factory.mktemp("db") / "netzwerkatlas.sqlite3"
    os.environ["NETZWERKATLAS_DB"] = str(path)
    os.environ.pop("DATABASE_URL", None)
    os.environ["NETZWERKATLAS_DATASET"] = "demo"
    os.environ.setdefault("NETZWERKATLAS_REPORT_MIN_SECONDS", "1")  # the app server's form: a person's pace
    # every browser test reports from one address: the session limit is the one tests/test_e2e_report_loop.py
    # runs into, the address limit must not stop the suite's other reports
    os.environ.setdefault("NETZWERKATLAS_REPORT_LIMIT_SESSION", "3")
    os.environ.setdefault("NETZWERKATLAS_REPORT_LIMIT_CLIENT", "100")
    engine = store.make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    datasets.seed_if_empty(engine, "demo")
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    hostile.write_text(HOSTILE_ROW, encoding="utf-8")
    store.add_networks(engine, read_networks(hostile).records)
    markdown = hostile.with_name("markdown.csv")
    markdown.write_text(MARKDOWN_ROW, encoding="utf-8")
    result = read_networks(markdown)
    assert not result.errors and len(result.records) == 1, result.problems
    store.add_networks(engine, result.records)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def stored_networks(test_database):
    """The networks of the shared test database, loaded once (treat as read-only)."""
    from geo.storage import store

    engine = store.make_engine(f"sqlite:///{test_database}")
    networks = store.load_networks(engine)
    engine.dispose()
    return networks


@pytest.fixture(scope="module")
def kreise():
    """The 400 Kreise with their shapes, loaded once per test module (treat as read-only)."""
    from geo.regions import boundaries

    return boundaries.load_kreise()


@pytest.fixture
def engine(tmp_path):
    """A fresh, migrated SQLite database of this test's own (tests of other backends override it)."""
    from geo.storage import migrate, store

    engine = store.make_engine(f"sqlite:///{tmp_path / 'own.sqlite3'}")
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def dashboard(default_timeout: float = 60) -> AppTest:
    """The app as ``make run`` starts it, for Streamlit's ``AppTest`` (not run yet)."""
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=default_timeout)


@pytest.fixture
def app() -> AppTest:
    """A fresh ``dashboard()`` for each test."""
    return dashboard()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, test_database, browser):
    """``streamlit run dashboard.py`` on a free localhost port, as ``make run`` starts it.

    One visit to the start page first, so the tests find the shared caches warm (deep links work from a
    server's first request too: tests/test_e2e_deep_links.py).
    """
    from geo.storage import auth

    folder = tmp_path_factory.mktemp("server")
    secrets = folder / "secrets.toml"
    secrets.write_text(f'[editors]\n{EDITOR} = "{auth.hash_password(EDITOR_PASSWORD)}"\n', encoding="utf-8")
    with appserver.serve(log=folder / "streamlit.log", extra_args=(f"--secrets.files={secrets}",)) as (url, _):
        context = browser.new_context()
        warm = context.new_page()
        warm.goto(url)
        warm.get_by_role("heading", name="Netzwerke zur Fachkräftesicherung").wait_for(timeout=60_000)
        context.close()
        yield url


#: Playwright already starts Chromium without sandbox (we run as root), background networking, component
#: updates or first-run work; the machines have no GPU.
CHROMIUM_ARGS = ["--disable-gpu"]


def chromium_path() -> str | None:
    """Debian's Chromium (``apt-get install chromium``), or the one ``CHROMIUM`` names."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


_BROWSERS: list = []  # the session's Chromium, for the failure report below


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test reports what each open page showed: CI keeps only the log, no screenshot."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or "browser" not in getattr(item, "fixturenames", ()):
        return
    shown = []
    for chromium in _BROWSERS:
        for context in chromium.contexts:
            for open_page in context.pages:
                try:
                    text = open_page.locator("body").inner_text(timeout=5_000)
                except Exception as exc:  # noqa: BLE001 - a report, never a second failure
                    text = f"(not readable: {exc.__class__.__name__})"
                shown.append(f"--- {open_page.url}\n{text[:2_000]}")
    if shown:
        report.sections.append(("open pages at the failure", "\n".join(shown)))


# Playwright waits 30 s for an element by default; a page's first run on a busy shared machine (two
# CPU-bound neighbours, a cold import of the PDF or OGC code) has taken longer than that in CI.
BUSY_MACHINE_TIMEOUT_MS = 90_000


def _patient_contexts(chromium) -> None:
    """Every context (and ``browser.new_page``) waits up to ``BUSY_MACHINE_TIMEOUT_MS`` for a condition."""
    new_context, new_page = chromium.new_context, chromium.new_page

    def patient_context(**options):
        context = new_context(**options)
        context.set_default_timeout(BUSY_MACHINE_TIMEOUT_MS)
        return context

    def patient_page(**options):
        page = new_page(**options)  # Playwright's own: closing the page closes its context
        page.set_default_timeout(BUSY_MACHINE_TIMEOUT_MS)
        return page

    _BROWSERS.append(chromium)

    chromium.new_context = patient_context
    chromium.new_page = patient_page


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium fehlt: .ci/run muss Debians 'chromium' installieren")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        _patient_contexts(chromium)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh browser page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is an e2e test, whether its module says so or not."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def fresh_caches():
    """Streamlit's process-wide caches emptied before and after the test (AppTest shares them)."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@contextmanager
def fresh_store(backend: str, tmp_path: Path) -> Iterator[sa.Engine]:
    """An empty, migrated store on ``backend`` ("sqlite" or "postgresql" at ``TEST_DATABASE_URL``).

    PostgreSQL is required in CI (``.ci/run`` starts it) and skipped elsewhere without a server.
    """
    from geo.storage import migrate, store
    from geo.storage.schema import metadata

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    if backend == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            if os.environ.get("CI") == "true":
                pytest.fail("TEST_DATABASE_URL fehlt: .ci/run startet PostgreSQL mit .ci/start-postgres")
            pytest.skip("no PostgreSQL here (bash .ci/start-postgres, then set TEST_DATABASE_URL)")
    engine = store.make_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def page_of_size(browser):
    """Fresh pages with their own context (``browser.new_context`` keyword arguments), closed after the test."""
    opened = []

    def make(**context):
        opened.append(browser.new_context(**context))
        return opened[-1].new_page()

    yield make
    for context in opened:
        context.close()
