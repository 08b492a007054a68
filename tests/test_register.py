"""The register of real networks from public sources: every row must import cleanly and stand on its sources."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.figures import coverage
from geo.intake.duplicates import find_duplicates
from geo.records.model import HANDLUNGSFELDER
from geo.regions import boundaries, paths
from geo.storage import datasets
from geo.text.textnorm import key
from tests.conftest import dashboard


@pytest.fixture(scope="module")
def imported():
    return datasets.read("register")


@pytest.fixture(scope="module")
def raw():
    file = paths.data_file(datasets.FILES["register"])
    return pd.read_csv(file, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)


def test_register_imports_through_the_staff_path_with_zero_problems(imported, raw):
    assert [f"Zeile {p.row}, {p.column}: {p.value!r} – {p.message}" for p in imported.problems] == []
    assert len(imported.records) == len(raw)


def test_register_has_at_least_150_networks_from_all_16_laender(imported):
    kreise = boundaries.load_kreise().set_index("ags")
    laender = {kreise.at[ags, "land"] for codes in imported.records["ags"] for ags in codes}
    assert len(imported.records) >= 150
    assert len(laender) == 16


def test_every_row_has_one_to_three_wellformed_sources_and_is_marked_public(imported):
    records = imported.records
    assert records["quellen"].map(len).between(1, 3).all(), records.loc[records["quellen"].map(len) == 0, "name"]
    assert records["quellen"].map(lambda urls: all(u.startswith(("https://", "http://")) for u in urls)).all()
    assert (records["herkunft"] == "quelle").all()
    assert records["status"].isin(["aktiv", "beendet", "unklar"]).all()


def test_handlungsfelder_only_from_the_four_fields(imported):
    used = {field for fields in imported.records["handlungsfelder"] for field in fields}
    assert used <= set(HANDLUNGSFELDER[:4])


def test_criteria_stay_unknown_unless_a_source_states_them(raw):
    for column in ("Verbindliche Kooperation", "Datenbasierte Ziele", "Evaluation"):
        assert column not in raw.columns or (raw[column] == "").all()


def test_no_two_rows_are_duplicates_by_the_import_rules(imported):
    records = imported.records.reset_index(drop=True)
    for index in range(len(records)):
        others = records.drop(index=index)
        match = find_duplicates(records.iloc[[index]], others).iloc[0]
        assert match == "", f"{records.at[index, 'name']!r} doppelt zu {match!r}"
    assert records["name"].map(key).is_unique


def test_register_descriptions_are_short_and_own_words(imported):
    assert imported.records["beschreibung"].str.len().le(300).all()


def test_register_coverage_is_a_real_part_of_germany(imported):
    result = coverage.kreis_coverage(imported.records, boundaries.load_kreise())
    assert 0 < result["covered"].sum() < 400  # white spots exist: a register is no complete survey


@pytest.fixture
def register_app(monkeypatch, tmp_path):
    """The app as ``make run`` starts it on a fresh database: seeded with the register, not the demo set."""
    import streamlit as st

    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "register.sqlite3"))
    monkeypatch.delenv("NETZWERKATLAS_DATASET")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield dashboard(120)
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.slow  # AppTest
def test_the_app_starts_on_the_register_and_says_what_it_shows(register_app, imported):
    app = register_app
    app.run()
    assert not app.exception
    banner = " ".join(i.value for i in app.info)
    assert "Netzwerke aus öffentlichen Quellen, nicht von den Netzwerken bestätigt." in banner
    # how old the evidence is, not one "Stand" that reads as the date of the whole register
    assert re.search(r"\d+ von \d+ Netzwerken \(\d+\s%\) haben einen Beleg aus den letzten 36 Monaten", banner)
    checked = datasets.register_checked()
    assert f"zuletzt geprüft am {checked:%d.%m.%Y}" in banner
    assert not any("fiktiv" in w.value for w in app.warning)
    assert int({m.label: m.value for m in app.metric}["Netzwerke"]) > 150
    assert any("kein öffentlich dokumentiertes Netzwerk" in c.value for c in app.caption)  # under the legend

    app.switch_page("pages/statistik.py").run()
    assert any("keine Vollerhebung" in c.value for c in app.caption)

    network = imported.records.iloc[0]
    app.query_params["netzwerk"] = network["id"]
    app.switch_page("pages/netzwerke.py").run()
    assert not app.exception
    texts = " ".join(m.value for m in app.markdown)
    assert "öffentliche Quelle" in texts and "Stand" in texts
    links = [b.proto.url for b in app.get("link_button")]
    assert set(network["quellen"]) <= set(links)  # every source a reader can open
