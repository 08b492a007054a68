"""Chart axes in German digits, whole numbers for counts (issue 24, point 3): rendered by Vega itself."""

import re

import altair as alt
import pandas as pd
import vl_convert as vlc  # pinned in requirements-dev.txt: missing, the suite fails instead of skipping

from ui import charts


def labels(chart: alt.Chart) -> set[str]:
    svg = vlc.vegalite_to_svg(chart.to_json())
    return set(re.findall(r">([^<>]*\d[^<>]*)</text>", svg))


def test_measure_axis_has_decimal_comma_thousands_point_and_unit():
    data = pd.DataFrame({"Land": ["A", "B"], "Anteil": [12.5, 1500.0]})
    chart = alt.Chart(data).mark_bar().encode(x=alt.X("Anteil:Q", axis=charts.number_axis("Anteil", 1, " %")), y="Land")
    shown = labels(chart)
    assert "1.000,0 %" in shown and "0,0 %" in shown
    assert not any(re.search(r"\d,\d{3}\b|\d\.\d %", label) for label in shown)  # no "1,000" nor "0.5 %"


def test_count_axis_shows_whole_numbers_only():
    data = pd.DataFrame({"Jahr": ["2019", "2020"], "Anzahl": [0, 3]})
    chart = alt.Chart(data).mark_line().encode(x="Jahr:O", y=alt.Y("Anzahl:Q", axis=charts.count_axis("Anzahl")))
    numbers = {label for label in labels(chart) if label not in {"2019", "2020"}}
    assert numbers == {"0", "1", "2", "3"}  # not 0,5 steps
