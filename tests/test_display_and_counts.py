"""Issue 24, points 3, 4, 7 and 8: German numbers and plurals, Kreis display names, unknown criteria, counts."""

from datetime import date

import pandas as pd
import pytest

from geo.figures import directory
from geo.records import model
from geo.regions import resolver
from geo.regions.names import display_name, display_names
from geo.text import germanfmt


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(1234567, 0, "1.234.567"), (0.17, 2, "0,17"), (50.2, 1, "50,2"), (1234.5, 1, "1.234,5"), (None, 1, "–")],
)
def test_german_numbers(value, digits, text):
    assert germanfmt.number(value, digits) == text


def test_german_percent_and_dates():
    assert germanfmt.percent(0.502) == "50,2\u202f%"
    assert germanfmt.day_text("2019-12-31") == "31.12.2019"
    assert germanfmt.day_text(date(2019, 12, 31)) == "31.12.2019"
    assert germanfmt.day_text(None) == "–"


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0 Netzwerke"), (1, "1 Netzwerk"), (2, "2 Netzwerke"), (1000, "1.000 Netzwerke")],
)
def test_counts_take_singular_and_plural(n, text):
    assert germanfmt.count(n, "Netzwerk", "Netzwerke") == text


def test_chart_labels_swap_to_german_digits():
    expr = germanfmt.vega_label_expr(",.1f", " %")
    assert "format(datum.value, ',.1f')" in expr and expr.endswith("+ ' %'")
    # the three swaps in this order: "," → "#", "." → ",", "#" → "."
    assert expr.index("'#'") < expr.index("regexp('[.]'") < expr.index("regexp('#'")


def test_a_display_name_never_doubles_its_type():
    assert display_name("Landkreis", "Alb-Donau-Kreis") == "Alb-Donau-Kreis"
    assert display_name("Landkreis", "Rems-Murr-Kreis") == "Rems-Murr-Kreis"
    assert display_name("Kreis", "Städteregion Aachen") == "Städteregion Aachen"
    assert display_name("Landkreis", "Region Hannover") == "Region Hannover"
    assert display_name("Landkreis", "Barnim") == "Landkreis Barnim"


def test_a_shared_name_always_carries_its_type():
    kreise = pd.DataFrame(
        {"bez": ["Kreisfreie Stadt", "Landkreis", "Landkreis"], "name": ["München", "München", "Barnim"]}
    )
    assert list(display_names(kreise, with_type=False)) == ["Kreisfreie Stadt München", "Landkreis München", "Barnim"]


def test_the_resolver_labels_use_the_display_name():
    assert resolver.name_of("08425") == "Alb-Donau-Kreis"
    assert resolver.name_of("09162") == "Kreisfreie Stadt München"
    assert resolver.label_of("08119") == "Rems-Murr-Kreis (08119)"


def test_criteria_without_information_are_unknown_and_say_why():
    record = {"partner_count": 0, "handlungsfelder": [], **dict.fromkeys(model.CRITERIA)}
    lines = directory.criteria_lines(record)
    assert lines[0] == ("Mindestens 3 Partner", None, "keine Partner angegeben")
    assert directory.criterion_text(*lines[0][1:]) == "unbekannt (keine Partner angegeben)"
    assert lines[1][1] is None  # no Handlungsfeld named: unknown, not failed
    assert all(state is None for _, state, _ in lines)
    two = directory.criteria_lines({**record, "partner_count": 2, "handlungsfelder": ["Sonstiges"]})
    assert two[0] == ("Mindestens 3 Partner", False, "2 Partner angegeben")
    assert two[1][1] is True


def test_source_links_have_distinct_labels():
    labels = directory.source_labels(
        [
            "https://www.ihk.de/fachkraefte",
            "https://www.ihk.de/netzwerk.html",
            "https://ihk.de/netzwerk",
            "https://a.de",
        ]
    )
    assert len(set(labels)) == len(labels)
    assert labels[0] == "ihk.de › fachkraefte" and labels[-1] == "a.de"


def test_field_counts_count_every_network_and_name_those_without_a_field():
    from geo.figures.statistics import WITHOUT_FIELD, field_counts

    fields = pd.Series([["Sonstiges"], [], [model.HANDLUNGSFELDER[0], model.HANDLUNGSFELDER[1]], None])
    counts = field_counts(fields)
    assert counts[WITHOUT_FIELD] == 2 and counts["Sonstiges"] == 1
    single = field_counts(pd.Series([["Sonstiges"], [], [model.HANDLUNGSFELDER[0]]]))
    assert sum(single.values()) == 3  # one field each: the table adds up to the networks


def test_zeros_and_ties_are_no_top_rank():
    from geo.figures import areas

    table = pd.DataFrame(
        {
            "criteria_met": [0] * 15 + [0],
            "rank_criteria_met": [1] * 16,
            "networks": [5, 5, 9] + [1] * 13,
            "rank_networks": [2, 2, 1] + [4] * 13,
            "white_spots": [0, 0] + [3] * 14,
            "rank_white_spots": [1, 1] + [3] * 14,
        },
        index=[f"{i:02d}" for i in range(1, 17)],
    )
    assert areas.rank_label(table, "criteria_met", "01") == "–"  # nobody has any: no "1. von 16"
    assert areas.rank_label(table, "networks", "03") == "1. von 16"
    assert areas.rank_label(table, "networks", "01") == "2.–3. von 16 (gleichauf)"
    assert areas.rank_label(table, "networks", "01", words=False) == "2.–3. von 16"
    assert areas.rank_label(table, "white_spots", "01") == "1.–2. von 16 (gleichauf)"  # fewer is better: 0 ranks
    zero_more_is_better = table.assign(criteria_met=[2] + [0] * 15, rank_criteria_met=[1] + [2] * 15)
    assert areas.rank_label(zero_more_is_better, "criteria_met", "05") == "–"


def test_the_directory_says_how_its_count_differs_from_the_map():
    listed = pd.DataFrame({"id": ["a", "b", "c", "d"], "scope": ["lokal", "mehrere", "land", "bund"]})
    assert directory.count_line(listed, {"a", "b", "c", "d"}) == "4 Netzwerke"
    line = directory.count_line(listed, {"a", "b"})
    assert line.startswith("4 Netzwerke, davon zählt die Karte 2 (2 landes- oder bundesweite nur mit dem Schalter")
    assert directory.count_line(listed.head(1), {"a"}) == "1 Netzwerk"
