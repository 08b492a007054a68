"""Storage round trip and transactional writes on a real SQLite file."""

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.intake.networks import read_networks
from geo.storage import datasets, store


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text(
        "ID;Name;Region;Partner;Handlungsfelder;Gegründet;Verbindliche Kooperation\n"
        'A1;Netzwerk A;Barnim, Uckermark;"IHK; HWK; Jobcenter";Ausbildung, Ältere;2015;ja\n'
        "A2;Netzwerk B;Land Brandenburg;;Zuwanderung;;\n",
        encoding="utf-8",
    )
    return read_networks(path).records


def test_round_trip_keeps_every_field(engine, records):
    store.add_networks(engine, records)
    loaded = store.load_networks(engine).set_index("id")
    original = records.set_index("id")
    for column in ("name", "region", "scope", "partner", "handlungsfelder", "ags", "verbindliche_kooperation"):
        assert loaded[column].tolist() == original[column].tolist(), column
    assert loaded.loc["A1", "gegruendet"] == 2015
    assert pd.isna(loaded.loc["A2", "gegruendet"])
    assert loaded.loc["A2", "verbindliche_kooperation"] is None
    assert len(loaded.loc["A2", "ags"]) == 18


def test_failed_write_leaves_database_unchanged(engine, records):
    store.add_networks(engine, records.iloc[:1])
    version = store.data_version(engine)
    with pytest.raises(sa.exc.IntegrityError):
        store.add_networks(engine, records)  # A1 again: whole batch refused
    loaded = store.load_networks(engine)
    assert loaded["id"].tolist() == ["A1"]
    assert store.data_version(engine) == version
    with engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from network_kreise")).scalar() == 2


def test_every_write_changes_the_data_version(engine, records):
    before = store.data_version(engine)
    store.add_networks(engine, records.iloc[:1])
    assert store.data_version(engine) != before


def test_sqlite_runs_in_wal_mode(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_seed_loads_one_data_set_once_and_never_mixes(engine):
    stored = datasets.seed_if_empty(engine, "demo")
    assert stored > 500
    assert store.origins(engine)["records"].to_dict() == {"demo": stored}
    assert datasets.seed_if_empty(engine, "register") == 0  # a database holds one data set only
    assert len(store.load_networks(engine)) == stored
    assert datasets.notice(store.origins(engine)).level == "warning"


def test_database_url_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@localhost/x")
    assert store.database_url() == "postgresql+psycopg://u@localhost/x"
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("NETZWERKATLAS_DB", str(tmp_path / "a.sqlite3"))
    assert store.database_url() == f"sqlite:///{tmp_path / 'a.sqlite3'}"


def test_writes_are_logged_without_personal_data(engine, records, caplog):
    caplog.set_level("INFO", logger="netzwerkatlas.store")
    store.add_networks(engine, records, editor="Anna Beispiel")
    assert "import committed: 2 added" in caplog.text
    assert "Anna" not in caplog.text


def test_data_notice_follows_the_records_not_the_seeding(engine, records):
    datasets.seed_if_empty(engine, "demo")
    assert "Alle angezeigten Netzwerke sind **fiktiv**" in datasets.notice(store.origins(engine)).text
    store.add_networks(engine, records, editor="Anna")  # real networks arrive
    notice = datasets.notice(store.origins(engine))
    assert notice.level == "warning" and "von" in notice.text and "Alle" not in notice.text
