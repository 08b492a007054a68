"""Issue 11, findings 1–3 and 9: hostile files and search text cost little and end in a clear German error."""

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from geo.config import settings
from geo.intake import sandbox
from geo.intake.indicator import read_indicator
from geo.intake.networks import read_networks
from geo.intake.tablefile import (
    MAX_COLUMNS,
    TableFileError,
    guess_delimiter,
    max_upload_bytes,
    read_table,
)
from geo.regions import resolver
from tests import hostile_files

pytestmark = pytest.mark.hostile
ROOT = Path(__file__).resolve().parent.parent
#: A generous bound per call (the parses below take well under a second); it only catches a stall.
BOUND_S = 10


def bounded(job, *args):
    """``job(*args)`` in the sandbox with ``BOUND_S`` seconds: a stall fails the test instead of hanging it."""
    return sandbox.run(job, *args, timeout=BOUND_S, expected=(TableFileError,))


# Finding 1: the delimiter guess.


def test_the_quadratic_sniffer_shape_is_refused_at_once():
    data = (',"a' * 64_000).encode()  # 192 KB; csv.Sniffer needed over a minute for half of it
    with pytest.raises(TableFileError, match="Spalten; erlaubt sind höchstens"):
        bounded(read_indicator, data, "indikator.csv")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Name;Region\nA, B und C;Barnim\n", ";"),
        ('Name,Region\n"Bündnis; Barnim",Barnim\n"A, B",12073\n', ","),
        ("Name\tRegion\tPartner\nA\tBarnim\tx, y; z\n", "\t"),
        ("Name;Partner (A, B);Region\nN;P;Barnim\nM;Q;12073\n", ";"),
        ('Name|Region\n"x|y"|Barnim\n', "|"),
    ],
)
def test_the_delimiter_is_the_one_that_splits_the_records_consistently(text, delimiter):
    assert guess_delimiter(text) == delimiter


def test_an_unclosed_quote_is_a_german_error_with_the_row():
    data = b'Kreis;Wert\n12073;"1\n' + b"x" * 200_000
    with pytest.raises(TableFileError, match=r"Zeile \d+ nicht lesbar .*Anführungszeichen"):
        read_table(data, "offen.csv")


# Finding 2: single requests that cost too much.


def test_a_sheet_declaring_a_million_rows_of_16384_columns_is_refused_before_reading():
    data = hostile_files.xlsx(hostile_files.sheet(hostile_files.HEADER_ROW, "A1:XFD1048576"))
    with pytest.raises(TableFileError, match="Spalten; erlaubt sind höchstens"):
        bounded(read_indicator, data, "riesig.xlsx")


@pytest.mark.parametrize("dimension", [None, "A1:B1048576"])
def test_a_gap_of_a_million_rows_costs_nothing_and_the_row_after_it_counts(dimension):
    last = '<row r="1048576"><c r="A1048576"><v>12073</v></c><c r="B1048576"><v>7</v></c></row>'
    data = hostile_files.xlsx(hostile_files.sheet(hostile_files.HEADER_ROW + last, dimension))
    assert len(data) < 10_000
    result = bounded(read_indicator, data, "luecke.xlsx")
    assert result.values.to_dict() == {"12073": 7.0}


def test_an_unsized_sheet_wider_than_allowed_is_refused_not_cut():
    wide = '<row r="2"><c r="A2"><v>12073</v></c><c r="KZ2"><v>5</v></c></row>'  # column 312
    data = hostile_files.xlsx(hostile_files.sheet(hostile_files.HEADER_ROW + wide, None))
    with pytest.raises(TableFileError, match=f"mehr als {MAX_COLUMNS} Spalten"):
        bounded(read_indicator, data, "breit.xlsx")


def test_an_unsized_sheet_within_bounds_reads_as_before():
    row = '<row r="2"><c r="A2"><v>12073</v></c><c r="B2"><v>9.5</v></c></row>'
    result = bounded(
        read_indicator, hostile_files.xlsx(hostile_files.sheet(hostile_files.HEADER_ROW + row, None)), "klein.xlsx"
    )
    assert result.values.to_dict() == {"12073": 9.5}


def test_a_megabyte_of_search_text_is_unresolved_at_once():
    text = "Landkreis Barnimx, " * 55_000  # about 1 MB; resolving it part by part took 26 s
    result = bounded(resolver.resolve, text)
    assert result.ags == [] and result.unresolved == [text]
    assert len(bounded(resolver.suggest, text)) <= 3


def test_suggestions_compare_a_bounded_prefix():
    assert resolver.suggest("Uckermark" + "x" * 1_000_000) == resolver.suggest("Uckermark" + "x" * 10_000)


# Finding 3: parser errors that reached visitors as tracebacks.


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[" * 100_000, "zu tief verschachtelt"),
        (b'{"a":' * 50_000, "zu tief verschachtelt"),
        (b'[{"Kreis": "12073", "Wert": ' + b"9" * 5000 + b"}]", "Zahl mit 5000 Ziffern"),
        (b'{"type": "FeatureCollection", "features": 5}', "'features' ist eine Zahl"),
        (b'{"type": "FeatureCollection", "features": {"a": 1}}', "'features' ist ein Objekt"),
        (json.dumps([{f"feld{i}": i} for i in range(MAX_COLUMNS + 1)]).encode(), "Spalten"),
    ],
)
@pytest.mark.parametrize("reader", [read_networks, read_indicator])
def test_hostile_json_is_a_clear_error_for_every_reader(reader, data, message):
    with pytest.raises(TableFileError, match=message):
        reader(data, "daten.json")


def test_a_deep_but_parseable_json_value_is_a_clear_error_not_a_recursion_error():
    nested = "[" * 900 + "]" * 900
    data = f'[{{"Name": "N", "Region": "Barnim", "Beschreibung": {nested}}}]'.encode()
    try:
        result = read_networks(data, "tief.json")
    except TableFileError as exc:
        assert "verschachtelt" in str(exc)
    else:
        assert len(result.records) + len(result.errors) == 1


def test_an_indicator_value_beyond_float_range_is_reported_not_ranked():
    result = read_indicator(b"Kreis;Wert\n12073;1e999\n12060;" + b"9" * 5000 + b"\n12072;3\n", "x.csv")
    assert result.values.to_dict() == {"12072": 3.0}
    assert [p.row for p in result.problems] == [2, 3]
    assert all("keine endliche Zahl" in p.message and len(p.value) <= 80 for p in result.problems)


# Finding 9 (size message) and Streamlit's own limits.


def test_the_size_message_says_25_mb_like_the_readme():
    with pytest.raises(TableFileError, match=r"höchstens 25 MB\.") as caught:
        read_table(b"x" * (max_upload_bytes() + 1), "gross.csv")
    assert "26" not in str(caught.value)
    assert "25 MB" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_streamlit_refuses_what_the_app_refuses_and_shows_no_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.MAX_UPLOAD_MB.get() == 25
    assert settings.MAX_UPLOAD_MB.get() < config["server"]["maxMessageSize"] < 200  # below Streamlit's default
    assert config["client"]["showErrorDetails"] == "none"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".streamlit/config.toml"], cwd=ROOT, check=False, capture_output=True
    )
    assert ignored.returncode == 1  # not ignored: the limits ship with every clone
