"""Faults: database unreachable, data files missing or corrupt, a second app process on the same SQLite file."""

import pytest

from geo.intake.networks import read_networks
from geo.regions import paths
from geo.storage import migrate, store
from tests.conftest import dashboard


@pytest.mark.slow  # AppTest
def test_unreachable_database_keeps_the_public_map_working(monkeypatch, fresh_caches):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    app = dashboard()
    app.run()
    assert not app.exception
    assert any("nicht erreichbar" in e.value for e in app.error)
    figures = {m.label: m.value for m in app.metric}
    assert figures["Weiße Flecken"] == "400"  # the map still draws the 400 Kreise


@pytest.mark.slow  # AppTest
def test_missing_data_file_gives_a_clear_start_error(monkeypatch, tmp_path, fresh_caches):
    monkeypatch.setenv("NETZWERKATLAS_DATA_DIR", str(tmp_path))
    app = dashboard()
    app.run()
    assert not app.exception
    message = app.error[0].value
    assert "kreise.parquet" in message and "make data" in message


@pytest.mark.slow  # AppTest
def test_corrupt_data_file_gives_a_clear_start_error(monkeypatch, tmp_path, fresh_caches):
    (tmp_path / paths.KREISE_DETAILED).write_bytes(b"kaputt")
    monkeypatch.setenv("NETZWERKATLAS_DATA_DIR", str(tmp_path))
    app = dashboard()
    app.run()
    assert "unlesbar" in app.error[0].value and "make data" in app.error[0].value


def test_two_processes_on_one_sqlite_file_do_not_lose_writes(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first, second = store.make_engine(url), store.make_engine(url)
    migrate.upgrade(first)
    migrate.upgrade(second)  # the second process finds the schema in place
    path = tmp_path / "n.csv"
    path.write_text("ID;Name;Region\nA;Eins;Barnim\nB;Zwei;Uckermark\n", encoding="utf-8")
    records = read_networks(path).records
    store.add_networks(first, records.iloc[:1], editor="x")
    store.add_networks(second, records.iloc[1:], editor="y")
    assert sorted(store.load_networks(first)["id"]) == ["A", "B"]
    row = store.load_networks(first).set_index("id", drop=False).loc["A"].to_dict()
    store.update_network(first, {**row, "name": "Eins*"}, int(row["version"]), "x")
    with pytest.raises(store.VersionConflict):
        store.update_network(second, {**row, "name": "Eins**"}, int(row["version"]), "y")


def test_read_only_database_refuses_the_save_and_keeps_everything(tmp_path):
    import sqlalchemy as sa

    path = tmp_path / "ro.sqlite3"
    writable = store.make_engine(f"sqlite:///{path}")
    migrate.upgrade(writable)
    csv = tmp_path / "n.csv"
    csv.write_text("ID;Name;Region\nA;Eins;Barnim\nB;Zwei;Uckermark\n", encoding="utf-8")
    records = read_networks(csv).records
    store.add_networks(writable, records.iloc[:1], editor="x")
    writable.dispose()
    read_only = sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(sa.exc.OperationalError, match="readonly"):
        store.add_networks(read_only, records.iloc[1:], editor="x")
    assert store.load_networks(read_only)["id"].tolist() == ["A"]
