"""The shipped demo data: fictional, deterministic, realistic spread, exactly the intended broken rows."""

import pandas as pd

from geo.databuild import demo
from geo.figures import coverage
from geo.intake.networks import read_networks
from geo.regions import boundaries, paths


def test_demo_file_is_what_the_generator_writes():
    shipped = paths.data_file(demo.OUTPUT).read_bytes()
    assert shipped == demo.generate().encode("utf-8-sig")


def test_demo_imports_with_exactly_the_broken_rows_reported():
    result = read_networks(paths.data_file(demo.OUTPUT))
    errors = {(p.row, p.column) for p in result.errors}
    assert errors == {(b.row, b.column) for b in demo.BROKEN}
    assert len(result.records) == demo.TOTAL_ROWS - len(demo.BROKEN)


def test_every_demo_record_is_marked_fictional():
    raw = pd.read_csv(paths.data_file(demo.OUTPUT), sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert raw["Beschreibung"].str.startswith(demo.FICTION_NOTE).all()
    assert raw["Website"].str.contains(r"\.beispiel\.invalid$|^$|javascript").all()


def test_demo_spread_is_realistic():
    records = read_networks(paths.data_file(demo.OUTPUT)).records
    kreise = boundaries.load_kreise()
    result = coverage.kreis_coverage(records, kreise)
    white_share = (result["evidence"] == coverage.NONE).mean()
    assert 0.12 < white_share < 0.3  # about a fifth of Kreise are white spots
    scopes = records["scope"].value_counts()
    assert scopes["mehrere"] > 50 and scopes["land"] > 10 and scopes["bund"] >= 1
    assert records["region"].str.fullmatch(r"\d{5}").sum() > 5  # some codes
    assert records["region"].str.contains(",| und ").sum() > 20  # some lists
