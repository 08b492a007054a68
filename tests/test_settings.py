"""The settings registry (``geo.config.settings``, issue 23 point 2): one entry per environment variable and
secret, validated with an error naming the variable, README's table printed from it, no stray reads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.config import settings
from geo.config.settings import SettingError
from geo.figures import coverage
from geo.handouts import accessibility
from geo.publicreports import reports
from geo.storage import datasets, store
from tests.conftest import dashboard

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "geo" / "config" / "settings.py"
#: The one module of the UI that reads Streamlit's secrets (through the registry's entries).
SECRETS_READER = ROOT / "ui" / "accounts.py"
TABLE_START = "<!-- settings table: python -m geo.config.settings -->"
TABLE_END = "<!-- end of settings table -->"


# ---- validation: the error names the variable, its value and what is valid --------------------------------


@pytest.mark.parametrize(
    ("setting", "raw", "valid"),
    [
        (settings.CURRENT_MONTHS, "drei", "eine ganze Zahl von 1 bis 240 (Monate)"),
        (settings.CURRENT_MONTHS, "0", "eine ganze Zahl von 1 bis 240 (Monate)"),
        (settings.CURRENT_MONTHS, "241", "eine ganze Zahl von 1 bis 240 (Monate)"),
        (settings.CURRENT_MONTHS, "12.5", "eine ganze Zahl von 1 bis 240 (Monate)"),
        (settings.REPORT_MIN_SECONDS, "fünf", "eine Zahl von 0 bis 3600 (Sekunden)"),
        (settings.REPORT_MIN_SECONDS, "-1", "eine Zahl von 0 bis 3600 (Sekunden)"),
        (settings.REPORT_MIN_SECONDS, "nan", "eine Zahl von 0 bis 3600 (Sekunden)"),
        (settings.REPORT_MIN_SECONDS, "1,5", "eine Zahl von 0 bis 3600 (Sekunden)"),
        (settings.REPORT_WINDOW_SECONDS, "infinity", "eine Zahl von 1 bis 2592000 (Sekunden)"),
        (settings.PARSE_WORKERS, "100", "eine ganze Zahl von 1 bis 64"),
        (settings.DATASET, "test", "einer von: register, demo"),
    ],
)
def test_a_wrong_value_is_refused_naming_the_variable_its_value_and_what_is_valid(setting, raw, valid):
    with pytest.raises(SettingError) as caught:
        setting.get({setting.name: raw})
    assert str(caught.value) == f"{setting.name}={raw!r} ist ungültig: {valid}"


def test_a_wrong_database_url_is_named_without_showing_its_password():
    with pytest.raises(
        SettingError, match=r"^DATABASE_URL=\(verborgen, 23 Zeichen\) ist ungültig: eine SQLAlchemy-URL"
    ):
        settings.DATABASE_URL.get({"DATABASE_URL": "atlas:geheim@db/atlas01"})
    with pytest.raises(SettingError) as caught:
        settings.DATABASE_URL.get({"DATABASE_URL": "atlas:geheim@db/atlas01"})
    assert "geheim" not in str(caught.value)


def test_the_readers_of_the_library_refuse_wrong_values_instead_of_falling_back(monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_DATASET", "Registerr")
    with pytest.raises(
        SettingError, match=r"^NETZWERKATLAS_DATASET='Registerr' ist ungültig: einer von: register, demo"
    ):
        datasets.chosen()
    monkeypatch.setenv("NETZWERKATLAS_REPORT_LIMIT_SESSION", "drei")  # was silently 3 before the registry
    with pytest.raises(SettingError, match="NETZWERKATLAS_REPORT_LIMIT_SESSION='drei'"):
        reports.Limits.from_env()
    monkeypatch.setenv("NETZWERKATLAS_CONFIRM_MONTHS", "0")  # was silently 12
    with pytest.raises(SettingError, match="NETZWERKATLAS_CONFIRM_MONTHS='0'.*1 bis 240"):
        reports.confirm_months()


def test_check_names_every_wrong_variable_at_once():
    environ = {"NETZWERKATLAS_CURRENT_MONTHS": "0", "NETZWERKATLAS_DATASET": "beides", "NETZWERKATLAS_DB": "x.db"}
    with pytest.raises(SettingError) as caught:
        settings.check(environ)
    message = str(caught.value)
    assert message.startswith("Ungültige Konfiguration: ")
    assert "NETZWERKATLAS_CURRENT_MONTHS='0'" in message and "NETZWERKATLAS_DATASET='beides'" in message
    assert "NETZWERKATLAS_DB" not in message


def test_unset_or_blank_means_the_default_and_values_come_typed():
    assert settings.check({}) == {s.name: s.default for s in settings.SETTINGS}
    assert settings.CURRENT_MONTHS.get({"NETZWERKATLAS_CURRENT_MONTHS": "  "}) == 36
    assert settings.CURRENT_MONTHS.get({"NETZWERKATLAS_CURRENT_MONTHS": " 48 "}) == 48
    assert settings.REPORT_WINDOW_SECONDS.get({"NETZWERKATLAS_REPORT_WINDOW_SECONDS": "1800"}) == 1800.0
    assert settings.DATASET.get({"NETZWERKATLAS_DATASET": "Demo"}) == "demo"
    assert settings.DB.get({"NETZWERKATLAS_DB": "/tmp/a.sqlite3"}) == Path("/tmp/a.sqlite3")
    assert settings.DATA_DIR.get({}) == ROOT / "data"


def test_a_changed_environment_is_seen_without_a_reset(monkeypatch):
    """Values are memoised per raw text, not per process: monkeypatching a variable works at once."""
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "48")
    assert coverage.current_months() == 48
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "6")
    assert coverage.current_months() == 6
    monkeypatch.delenv("NETZWERKATLAS_CURRENT_MONTHS")
    assert coverage.current_months() == 36
    monkeypatch.setenv("NETZWERKATLAS_DB", "/tmp/anderswo.sqlite3")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert store.database_url() == "sqlite:////tmp/anderswo.sqlite3"


def test_the_dataset_choices_are_the_shipped_data_sets():
    assert set(settings.DATASET.choices) == set(datasets.FILES)
    assert settings.DATASET.default == datasets.DEFAULT


def test_the_defaults_lie_within_their_bounds_and_every_name_is_registered_once():
    names = [s.name for s in (*settings.SETTINGS, *settings.TOOLS)]
    assert len(names) == len(set(names))
    registered = {v.name for v in vars(settings).values() if isinstance(v, settings.Setting)}
    assert registered == set(names), f"defined but not in SETTINGS or TOOLS: {registered - set(names)}"
    for setting in (*settings.SETTINGS, *settings.TOOLS):
        assert setting.help and "\n" not in setting.help and "|" not in setting.help, setting.name
        if setting.default is not None and setting.kind in ("int", "number"):
            assert setting.low <= setting.default <= setting.high, setting.name


# ---- secrets ---------------------------------------------------------------------------------------------


def test_a_secret_table_is_read_and_checked_by_its_entry():
    assert settings.EDITORS.read({"editors": {"anna": "$argon2id$…"}}) == {"anna": "$argon2id$…"}
    assert settings.EDITORS.read({}) == {}
    assert settings.EDITORS.read(None) == {}
    with pytest.raises(
        SettingError, match=r'^Secrets \[editors\] ist ungültig: eine Tabelle mit Zeilen name = "Argon2-Hash"'
    ):
        settings.EDITORS.read({"editors": "anna"})
    with pytest.raises(SettingError, match=r"Secrets \[barrierefreiheit\]"):
        settings.ACCESSIBILITY.read({"barrierefreiheit": {"kontakt": ["a@b.example"]}})


# ---- documentation: README's table is the registry ------------------------------------------------------


def readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TABLE_START in text and TABLE_END in text, f"README.md lacks the markers {TABLE_START} … {TABLE_END}"
    return text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip()


def test_readme_configuration_table_is_the_registry():
    assert readme_table() == settings.markdown_table(), (
        "README's configuration table differs from geo/config/settings.py: paste the output of "
        "`python -m geo.config.settings` between the markers"
    )


def test_every_variable_the_project_names_is_registered():
    """A variable named in code, docs or deployment files but missing from the registry is read around it
    (or documented for nothing)."""
    registered = {s.name for s in (*settings.SETTINGS, *settings.TOOLS)}
    files = [
        ROOT / "README.md",
        ROOT / "dashboard.py",
        ROOT / "Dockerfile",
        ROOT / "compose.yaml",
        ROOT / "Makefile",
        ROOT / ".streamlit" / "config.toml",
        *(ROOT / "geo").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "pages").rglob("*.py"),
        *(ROOT / "bench").rglob("*.py"),
    ]
    unknown = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in files
        if path.is_file()
        for name in re.findall(r"\b(?:NETZWERKATLAS|CLUSTER)_[A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8"))
        if name not in registered
    }
    assert not unknown, "not in geo/config/settings.py: " + ", ".join(sorted(unknown))


# ---- no stray reads --------------------------------------------------------------------------------------


def stray_reads(path: Path) -> list[str]:
    """``os.environ``/``os.getenv``/``from os import environ`` and ``st.secrets`` in one file, as "file:line what"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        what = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "os" and node.attr in ("environ", "environb", "getenv", "getenvb", "putenv"):
                what = f"os.{node.attr}"
            elif node.attr == "secrets" and node.value.id in ("st", "streamlit") and path != SECRETS_READER:
                what = f"{node.value.id}.secrets"
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            names = {a.name for a in node.names} & {"environ", "environb", "getenv", "getenvb", "putenv"}
            what = f"from os import {', '.join(sorted(names))}" if names else None
        if what:
            found.append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno} {what}")
    return found


def app_modules() -> list[Path]:
    return [
        p
        for p in sorted(
            [
                ROOT / "dashboard.py",
                *(ROOT / "geo").rglob("*.py"),
                *(ROOT / "ui").rglob("*.py"),
                *(ROOT / "pages").rglob("*.py"),
            ]
        )
        if p != REGISTRY and "migrations" not in p.parts
    ]


def test_only_the_registry_reads_the_environment_and_only_ui_accounts_the_secrets():
    found = [hit for path in app_modules() for hit in stray_reads(path)]
    assert not found, (
        "read settings through geo/config/settings.py (environment) or ui.accounts.secret (secrets):\n"
        + "\n".join(found)
    )


def test_the_stray_read_check_catches_what_it_exists_for(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(
        "import os\nfrom os import getenv\nimport streamlit as st\n"
        "LIMIT = int(os.environ.get('X', '3'))\n"
        "def f():\n    return os.getenv('Y'), st.secrets['editors']\n",
        encoding="utf-8",
    )
    hits = sorted(hit.split(" ", 1)[1] for hit in stray_reads(source))
    assert hits == ["from os import getenv", "os.environ", "os.getenv", "st.secrets"]
    assert stray_reads(REGISTRY), "the registry itself reads os.environ, so the check must see it there"


# ---- at start --------------------------------------------------------------------------------------------


@pytest.mark.slow  # AppTest
def test_a_wrong_value_stops_the_start_with_a_message_naming_it(monkeypatch):
    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "0")
    app = dashboard()
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == [
        "Ungültige Konfiguration: NETZWERKATLAS_CURRENT_MONTHS='0' ist ungültig: eine ganze Zahl von 1 bis 240 (Monate)"
    ]
    assert not app.metric  # nothing was drawn with a wrong setting


@pytest.mark.slow  # AppTest
def test_the_accessibility_page_reads_its_contact_through_the_registry(monkeypatch):
    """The secret ``[barrierefreiheit] kontakt`` reaches the statement; the environment variable wins."""

    def statement(secrets: dict) -> AppTest:
        page = dashboard()
        for section, table in secrets.items():
            page.secrets[section] = table
        page.run()
        page.switch_page("pages/barrierefreiheit.py").run()
        assert not page.exception
        return page

    def contact_line(page: AppTest) -> str:
        return next((m.value for m in page.markdown if m.value.startswith("E-Mail:")), "(keine Zeile E-Mail:)")

    monkeypatch.delenv("NETZWERKATLAS_FEEDBACK_EMAIL", raising=False)
    assert "barrieren" in contact_line(statement({"barrierefreiheit": {"kontakt": "barrieren@amt.example"}}))
    monkeypatch.setenv("NETZWERKATLAS_FEEDBACK_EMAIL", "a11y@amt.example")
    assert "a11y" in contact_line(statement({"barrierefreiheit": {"kontakt": "barrieren@amt.example"}}))
    monkeypatch.delenv("NETZWERKATLAS_FEEDBACK_EMAIL")
    assert [e.value for e in statement({}).error] == [f"Kontakt: {accessibility.UNCONFIGURED}"]
