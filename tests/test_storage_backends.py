"""The storage layer against SQLite and a real PostgreSQL server (``TEST_DATABASE_URL``; started by .ci/run)."""

import threading
from types import SimpleNamespace

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from geo.handouts import exports
from geo.intake.networks import read_networks
from geo.storage import auth, backup, migrate, store
from geo.storage.schema import metadata
from tests.conftest import fresh_store

CSV = (
    "ID;Name;Region;Partner;Handlungsfelder;Gegründet;Verbindliche Kooperation;Website;Status;Beendet am\n"
    'A1;Netzwerk A;Barnim, Uckermark;"IHK; HWK; Jobcenter";Ausbildung, Ältere;2015;ja;www.a.de;aktiv;\n'
    "A2;=Netzwerk B;Land Brandenburg;;Zuwanderung;;;;ruhend;\n"
    "A3;Netzwerk C;Stadt Kassel;;Vereinbarkeit;2010;nein;;beendet;30.06.2020\n"
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def engine(request, tmp_path):
    with fresh_store(request.param, tmp_path) as engine:
        yield engine


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text(CSV, encoding="utf-8")
    result = read_networks(path)
    assert result.errors == []
    return result.records


def snapshot(engine) -> dict:
    with engine.connect() as conn:
        return {
            t: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {t}")).fetchall()), key=repr)
            for t in ("networks", "network_kreise", "audit", "meta")
        }


def test_migrations_build_exactly_the_declared_schema(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_failure_mid_import_leaves_the_database_unchanged(engine, records, monkeypatch):
    store.add_networks(engine, records.iloc[:1], editor="Anna")
    before = snapshot(engine)
    calls = {"n": 0}
    original = store._write_links

    def failing(conn, network_id, ags):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("Stromausfall")
        original(conn, network_id, ags)

    monkeypatch.setattr(store, "_write_links", failing)
    with pytest.raises(RuntimeError, match="Stromausfall"):
        store.apply_import(engine, records, {"A1": "update", "A2": "add", "A3": "add"}, "Anna")
    assert calls["n"] == 2
    assert snapshot(engine) == before


def test_second_save_of_the_same_version_is_refused(engine, records):
    store.add_networks(engine, records, editor="Anna")
    loaded = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    version = int(loaded["version"])
    store.update_network(engine, {**loaded, "name": "Netzwerk A (Anna)"}, version, "Anna")
    with pytest.raises(store.VersionConflict, match="inzwischen"):
        store.update_network(engine, {**loaded, "name": "Netzwerk A (Ben)"}, version, "Ben")
    assert store.load_networks(engine).set_index("id").loc["A1", "name"] == "Netzwerk A (Anna)"


def test_every_change_is_audited_with_old_and_new_values(engine, records):
    store.add_networks(engine, records, editor="Anna")
    row = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    v = store.update_network(engine, {**row, "ags": ["12060"], "website": "https://b.de"}, int(row["version"]), "Ben")
    v = store.retire_network(engine, "A1", "2025-12-31", v, "Ben")
    store.restore_network(engine, "A1", v, "Clara")
    trail = store.history(engine, "A1")
    assert trail["action"].tolist() == ["restore", "retire", "update", "add"]
    assert trail["editor"].tolist() == ["Clara", "Ben", "Ben", "Anna"]
    update = trail.iloc[2]["changes"]
    assert update["website"] == ["https://www.a.de", "https://b.de"]
    assert update["ags"] == [["12060", "12073"], ["12060"]]
    assert trail.iloc[1]["changes"]["status"] == ["aktiv", "beendet"]
    assert len(store.history(engine)) == 3 + 3


def test_export_and_reimport_give_identical_records(engine, records, tmp_path):
    store.add_networks(engine, records, editor="Anna")
    original = store.load_networks(engine).drop(columns=["version"])
    for name, data in (
        ("e.csv", exports.to_csv_bytes(store.export_frame(engine))),
        ("e.xlsx", exports.to_xlsx_bytes(store.export_frame(engine))),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        reread = read_networks(path)
        assert reread.errors == []
        again = reread.records.set_index("id").loc[original["id"]]
        for column in original.columns.drop("id"):
            if column in again:
                expected = original.set_index("id")[column]
                got = again[column]
                assert [_norm(v) for v in got] == [_norm(v) for v in expected], (name, column)


def _norm(value):
    if isinstance(value, list):
        return value
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" else value


def test_backup_and_restore_give_the_same_database(engine, records, tmp_path):
    store.add_networks(engine, records, editor="Anna")
    saved = snapshot(engine)
    backup.create(engine, tmp_path / "sicherung.bak")
    row = store.load_networks(engine).set_index("id", drop=False).loc["A3"].to_dict()
    store.update_network(engine, {**row, "name": "geändert"}, int(row["version"]), "Ben")
    assert snapshot(engine) != saved
    backup.restore(engine, tmp_path / "sicherung.bak")
    assert snapshot(engine) == saved


#: Columns that migrations after 0001 add to ``networks``.
LATER_COLUMNS = ("quellen", "herkunft", "bestaetigt_am", "bestaetigt_durch")


def test_database_from_before_migrations_is_adopted_with_its_data(tmp_path, records):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'alt.sqlite3'}")
    legacy = sa.MetaData()  # what the first version created: no columns added by later migrations
    for table in metadata.sorted_tables:
        if table.name in ("networks", "network_kreise", "meta"):
            sa.Table(table.name, legacy, *(c._copy() for c in table.columns if c.name not in LATER_COLUMNS))
    legacy.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('version', '7')"))
    migrate.upgrade(engine)
    assert store.data_version(engine) == "7"
    store.add_networks(engine, records, editor="Anna")
    assert len(store.history(engine)) == 3


def test_import_update_of_a_record_changed_since_the_preview_is_refused(engine, records):
    store.add_networks(engine, records, editor="Anna")
    seen = dict(zip(*store.load_networks(engine)[["id", "version"]].T.values, strict=True))  # the preview's view
    row = store.load_networks(engine).set_index("id", drop=False).loc["A1"].to_dict()
    store.update_network(engine, {**row, "name": "Netzwerk A (Ben)", "website": "https://ben.de"}, seen["A1"], "Ben")
    before = snapshot(engine)
    changed = records.assign(name=records["name"] + " (Import)")
    update_all = {"A1": "update", "A2": "update", "A3": "update"}
    with pytest.raises(store.VersionConflict) as refused:
        store.apply_import(engine, changed, update_all, "Anna", seen_versions=seen)
    message = str(refused.value)
    assert "Netzwerk A (Ben)" in message and "(A1)" in message and "Ben am " in message
    assert "Name" in message and "Website" in message
    assert snapshot(engine) == before  # nothing of the import was written
    # With the versions it now shows, the same import goes through.
    current = dict(zip(*store.load_networks(engine)[["id", "version"]].T.values, strict=True))
    store.apply_import(engine, changed, update_all, "Anna", seen_versions=current)
    assert store.load_networks(engine).set_index("id").loc["A1", "name"] == "Netzwerk A (Import)"


def test_a_stale_save_names_who_changed_what_and_when(engine, records):
    store.add_networks(engine, records, editor="Anna")
    row = store.load_networks(engine).set_index("id", drop=False).loc["A3"].to_dict()
    store.update_network(engine, {**row, "partner": ["IHK"]}, int(row["version"]), "Ben")
    with pytest.raises(store.VersionConflict, match=r"Ben am \d\d\.\d\d\.\d{4} um \d\d:\d\d Uhr \(Partner\)"):
        store.update_network(engine, {**row, "name": "Netzwerk C neu"}, int(row["version"]), "Clara")
    with pytest.raises(store.VersionConflict, match="Ben am"):
        store.retire_network(engine, "A3", "2025-01-01", int(row["version"]), "Clara")


@pytest.mark.hostile
def test_sixty_parallel_wrong_passwords_for_one_name_check_at_most_the_limit(engine, monkeypatch):
    editors = {"anna": auth.hash_password("geheim")}
    checked = []
    real = auth._hasher.verify
    monkeypatch.setattr(auth, "_hasher", SimpleNamespace(verify=lambda h, p: checked.append(1) or real(h, p)))
    second_process = store.make_engine(engine.url.render_as_string(hide_password=False))  # its own connections
    guards = [auth.LoginGuard(engine), auth.LoginGuard(second_process)]
    outcomes: list[str] = []
    barrier = threading.Barrier(60)

    def attempt(i: int) -> None:
        barrier.wait()  # all 60 at the same moment, each from its own address, spread over two "processes"
        outcomes.append(guards[i % 2].login(editors, "anna", f"falsch{i}", client=f"198.51.100.{i}"))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == auth.MAX_FAILURES
    assert sorted(set(outcomes)) == ["locked", "wrong"] and outcomes.count("wrong") == auth.MAX_FAILURES
    assert guards[1].attempts("name", "anna") == auth.MAX_FAILURES
    second_process.dispose()
