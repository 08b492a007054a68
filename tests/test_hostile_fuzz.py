"""Property test: adversarial shapes of up to a few MB, fed to every reader (issue 11).

Every input must end in a clean result or the project's own error (``TableFileError``) — never a
``RecursionError``, ``TypeError`` or ``ValueError`` traceback — and finish within a generous bound per
call: each call runs in the sandbox with ``BOUND_S`` seconds, so a super-linear parse shows up as a
timeout here instead of freezing the test run.
"""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.intake import sandbox
from geo.intake.indicator import read_indicator
from geo.intake.networks import read_networks
from geo.intake.tablefile import TableFileError
from geo.regions import resolver
from tests import hostile_files

pytestmark = pytest.mark.hostile
BOUND_S = 10
#: Input size caps: the network reader does real work per row (~65 µs), the others are cheaper.
NETWORKS_BYTES, OTHER_BYTES = 400_000, 2_500_000
FUZZ = settings(
    max_examples=20,
    deadline=None,  # the per-call bound is the sandbox's timeout
    derandomize=True,  # the same examples on every run: CI does not flake on a new random draw
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

BLOCKS = [
    ",", ";", "\t", "|", '"', '""', ',"a', "\n", "\r\n", "\r", " ", "a", "ä", "\x00", "\ufeff",
    "Kreis", "AGS", "Name", "Region", "Wert", "12073", "Barnim", "München", "Landkreis ", "und ", "PLZ 17291",
    "1e999", "-0", "NaN", "=1+1", "9" * 5000, "x" * 3000, "{", "[", "]", "}", ":", "'",
]  # fmt: skip
HEADERS = ["", "Kreis;Wert\n", "AGS,Wert\n", "Name;Region\n", "Name\tRegion\tPartner\n", "Name,Region\n"]


@st.composite
def repeated(draw, limit: int) -> bytes:
    """A short unit of CSV-ish building blocks, repeated up to ``limit`` bytes (long lines, many rows)."""
    head = draw(st.sampled_from(HEADERS))
    unit = "".join(draw(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=12)))
    cap = max(1, (limit - len(head)) // max(len(unit.encode()), 1))
    times = draw(st.sampled_from([1, 3, 100, 5_000, cap]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    return (head + unit * min(times, cap)).encode(encoding, errors="replace")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)


@st.composite
def hostile_json(draw) -> bytes:
    """Nesting from 1 to 100 000 levels, odd ``features``, long numbers, many keys, random JSON."""
    kind = draw(st.sampled_from(["nested", "features", "number", "keys", "random", "items"]))
    depth = draw(st.sampled_from([1, 50, 900, 5_000, 100_000]))
    if kind == "nested":
        opener = draw(st.sampled_from(["[", '{"a":', '[{"Name":']))
        return (opener * depth).encode()
    if kind == "features":
        features = draw(json_values)
        return json.dumps({"type": "FeatureCollection", "features": features}).encode()
    if kind == "number":
        digits = draw(st.sampled_from([20, 51, 4300, 5000, 100_000]))
        return f'[{{"Kreis": "12073", "Wert": {"9" * digits}, "Name": "N", "Region": "Barnim"}}]'.encode()
    if kind == "keys":
        return json.dumps([{f"k{i}": i} for i in range(depth)]).encode()
    if kind == "items":
        item = draw(st.dictionaries(st.sampled_from(["Name", "Region", "Kreis", "Wert", "x"]), json_values))
        return json.dumps([item] * min(depth, 20_000)).encode()
    return json.dumps(draw(json_values)).encode()


@st.composite
def hostile_xlsx(draw) -> bytes:
    """Sheets with lying or missing dimensions, far-away cells, gaps and odd values."""
    dimension = draw(st.sampled_from([None, "A1:B2", "A1:XFD1048576", "A1:GR5000", "B2", "nonsense"]))
    rows = [hostile_files.HEADER_ROW]
    for number in draw(st.lists(st.sampled_from([2, 3, 1000, 65_536, 1_048_576]), max_size=4, unique=True)):
        column = draw(st.sampled_from(["A", "B", "GR", "GS", "XFD"]))
        value = draw(st.sampled_from(["<v>12073</v>", "<v>1e999</v>", f"<v>{'9' * 5000}</v>", "", "<v>x</v>"]))
        rows.append(f'<row r="{number}"><c r="A{number}"><v>12073</v></c><c r="{column}{number}">{value}</c></row>')
    wide = draw(st.sampled_from([0, 10, 300]))
    if wide:
        cells = "".join(f'<c r="{_letters(i)}2"><v>{i}</v></c>' for i in range(1, wide + 1))
        rows.insert(1, f'<row r="2">{cells}</row>')
    return hostile_files.xlsx(hostile_files.sheet("".join(sorted(rows, key=_row_number)), dimension))


def _letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _row_number(row: str) -> int:
    return int(row.split('r="', 1)[1].split('"', 1)[0])


def _clean(job, *args) -> None:
    """The call ends within the bound in a result or a TableFileError; anything else fails the test."""
    try:
        sandbox.run(job, *args, timeout=BOUND_S, expected=(TableFileError,))
    except TableFileError:
        pass
    except sandbox.SandboxCrash as exc:
        pytest.fail(f"{job.__name__} crashed:\n{exc.report}")


#: The shapes that broke the old readers (issue 11), always among the examples.
SNIFFER_KILLER = b',"a' * 40_000
DEEP_JSON = b"[" * 100_000
LONG_NUMBER = b'[{"Name": "N", "Region": "Barnim", "Kreis": "12073", "Wert": ' + b"9" * 5000 + b"}]"
NUMBER_FEATURES = b'{"type": "FeatureCollection", "features": 5}'


@FUZZ
@example(SNIFFER_KILLER)
@example(b"Name;Region\n" + SNIFFER_KILLER)
@given(repeated(NETWORKS_BYTES))
def test_csv_networks(data):
    _clean(read_networks, data, "netzwerke.csv")


@FUZZ
@example(SNIFFER_KILLER)
@given(repeated(OTHER_BYTES))
def test_csv_indicator(data):
    _clean(read_indicator, data, "indikator.csv")


@FUZZ
@given(hostile_xlsx())
def test_xlsx_indicator_and_networks(data):
    _clean(read_indicator, data, "indikator.xlsx")
    _clean(read_networks, data, "netzwerke.xlsx")


@FUZZ
@example(DEEP_JSON)
@example(LONG_NUMBER)
@example(NUMBER_FEATURES)
@given(hostile_json())
def test_json_networks_and_indicator(data):
    _clean(read_networks, data, "netzwerke.json")
    _clean(read_indicator, data, "indikator.geojson")


@FUZZ
@example(b"Landkreis Barnimx, " * 55_000)
@given(repeated(OTHER_BYTES))
def test_search_and_resolver(data):
    text = data.decode("utf-8", errors="replace")
    _clean(resolver.resolve, text)
    _clean(resolver.suggest, text)
