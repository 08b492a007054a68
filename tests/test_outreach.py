"""White-spot ranking, helpers for outreach, and safe exports."""

import io

import openpyxl
import pandas as pd
import pytest

from geo.figures import coverage, outreach
from geo.handouts import exports
from geo.maps import staticmap
from geo.records.model import HANDLUNGSFELDER
from geo.regions import adjacency


@pytest.fixture(scope="module")
def networks():
    return pd.DataFrame(
        [
            {
                "id": "a",
                "name": '=HYPERLINK("http://x")',
                "traeger": "+T",
                "ags": ["12060"],
                "scope": "lokal",
                "status": "aktiv",
                "handlungsfelder": [HANDLUNGSFELDER[0]],
                "gegruendet": 2015,
                "beendet_am": None,
                "criteria_met": True,
                "kontakt_email": "@mail",
                "website": "",
            },
            {
                "id": "b",
                "name": "Stadtnetz Cottbus",
                "traeger": "",
                "ags": ["12052"],
                "scope": "lokal",
                "status": "aktiv",
                "handlungsfelder": [HANDLUNGSFELDER[0]],
                "gegruendet": 2015,
                "beendet_am": None,
                "criteria_met": True,
                "kontakt_email": "c@d.de",
                "website": "",
            },
        ]
    )


def test_white_spots_ranked_by_population_with_reason(kreise, networks):
    cov = coverage.kreis_coverage(networks, kreise)
    spots = outreach.ranked_white_spots(cov, kreise.drop(columns="geometry"))
    assert len(spots) == 398
    assert spots["population"].is_monotonic_decreasing
    assert spots.iloc[0]["ags"] == "11000" and spots.iloc[0]["rang"] == 1
    assert "3.669.491 Einwohner" in spots.iloc[0]["grund"]
    by_area = outreach.ranked_white_spots(cov, kreise.drop(columns="geometry"), by="area_km2")
    assert by_area["area_km2"].is_monotonic_decreasing
    by_indicator = outreach.ranked_white_spots(
        cov, kreise.drop(columns="geometry"), by="indicator", indicator=pd.Series({"12073": 9.5, "11000": 2.0})
    )
    assert list(by_indicator["ags"][:2]) == ["12073", "11000"]


def test_helpers_are_neighbours_and_same_type_mentors(kreise, networks):
    near = adjacency.neighbours(kreise)
    points = outreach.kreis_points(kreise)
    uckermark = outreach.helpers_for("12073", networks, near, points)
    assert uckermark.loc[uckermark["relation"] == "Nachbarkreis", "id"].tolist() == ["a"]  # Barnim borders it
    frankfurt_oder = outreach.helpers_for("12053", networks, near, points)  # a city: mentor is the city Cottbus
    assert frankfurt_oder.loc[frankfurt_oder["relation"] == "Patennetzwerk", "id"].tolist() == ["b"]


def test_csv_export_for_german_excel_without_formulas(kreise, networks):
    cov = coverage.kreis_coverage(networks, kreise)
    spots = outreach.ranked_white_spots(cov, kreise.drop(columns="geometry")).head(5)
    table = outreach.outreach_table(spots, networks, adjacency.neighbours(kreise), outreach.kreis_points(kreise))
    data = exports.to_csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Rang;AGS;Kreis;Land;Einwohner")
    assert len(text.splitlines()) == 6
    for line in text.splitlines():
        for cell in line.split(";"):
            assert not cell.strip('"').startswith(exports.FORMULA_PREFIXES)


def test_hostile_cells_are_neutralised_in_csv_and_xlsx(networks):
    frame = networks[["name", "traeger", "kontakt_email"]].assign(tab="\tx", cr="\rx", minus="-1+2")
    csv_text = exports.to_csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+T" in csv_text and "'@mail" in csv_text and "'-1+2" in csv_text
    workbook = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(frame)))
    cells = [c for row in workbook.active.iter_rows() for c in row]
    assert len(workbook.active["A"]) == 3
    for cell in cells:
        assert cell.data_type != "f"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(exports.FORMULA_PREFIXES)
    assert workbook.active["A2"].value == '\'=HYPERLINK("http://x")'


def test_static_map_draws_every_kreis_once(kreise):
    import matplotlib.pyplot as plt

    fig = staticmap.coverage_figure(kreise, pd.Series({"12073": 2, "11000": 3, "09162": 4}), "T", "S", "C")
    ax = fig.axes[0]
    polygons = [c for c in ax.collections if len(c.get_paths()) and c.get_facecolor().size]
    drawn = sum(len(c.get_paths()) for c in polygons[:4])  # white spots, older, two classes, before borders
    assert drawn == len(kreise) == 400  # one path per Kreis (multi-part Kreise as one compound path)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Kein dokumentiertes Netzwerk (weißer Fleck)",
        "Nur ältere Belege (kein aktueller)",
        "1 Netzwerk mit aktuellem Beleg",
        "2–3 Netzwerke mit aktuellem Beleg",
        "4 und mehr mit aktuellem Beleg",
    ]
    plt.close(fig)


def test_static_map_has_400_kreise_and_a_legend(kreise):
    svg = staticmap.coverage_map(kreise, pd.Series({"12073": 2}), "Titel", "Stand heute", "© Quelle", fmt="svg")
    text = svg.decode()
    for label in ("Kein dokumentiertes Netzwerk", "Nur ältere Belege", "mit aktuellem Beleg", "Titel", "© Quelle"):
        assert label in text or label.replace("ß", "&#223;") in text
    png = staticmap.coverage_map(kreise, pd.Series(dtype=int), "T", "S", "C", fmt="png")
    assert png.startswith(b"\x89PNG")
    pdf = staticmap.coverage_map(kreise, pd.Series(dtype=int), "T", "S", "C", fmt="pdf")
    assert pdf.startswith(b"%PDF")


def test_workbook_with_several_sheets():
    data = exports.to_xlsx_sheets({"A": pd.DataFrame({"x": [1, 2]}), "B": pd.DataFrame({"y": ["=1+1"]})})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["A", "B"]
    assert workbook["A"].max_row == 3
    assert workbook["B"]["A2"].value == "'=1+1"
