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


def test_outreach_workbook_reads_well_in_excel(kreise, networks):
    cov = coverage.kreis_coverage(networks, kreise)
    spots = outreach.ranked_white_spots(cov, kreise.drop(columns="geometry")).head(30)
    table = outreach.outreach_table(spots, networks, adjacency.neighbours(kreise), outreach.kreis_points(kreise))
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx_bytes(table, "Weiße Flecken")))["Weiße Flecken"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Rang", "AGS", "Kreis"]
    assert sheet.freeze_panes == "A2"  # the header stays while scrolling
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(table) + 1}"
    assert all(c.font.bold for c in sheet[1])
    ags = [c for c in sheet["B"][1:]]
    assert all(c.data_type == "s" and len(c.value) == 5 for c in ags)  # text: "09162" keeps its zero
    assert any(c.value.startswith("0") for c in ags)
    widths = {h: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width for i, h in enumerate(header)}
    assert widths["AGS"] < widths["Kreis"] <= exports.MAX_WIDTH
    grund = sheet.cell(2, header.index("Grund") + 1)
    long_cells = [
        c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and len(c.value) > 60
    ]
    assert all(c.alignment.wrap_text for c in long_cells)
    assert grund.value.endswith("ohne regionales Netzwerk")


def test_helpers_follow_the_handlungsfeld_filter(kreise, networks):
    near = adjacency.neighbours(kreise)
    points = outreach.kreis_points(kreise)
    other_field = networks.assign(handlungsfelder=[[HANDLUNGSFELDER[1]], [HANDLUNGSFELDER[0]]])
    everyone = outreach.helpers_for("12073", other_field, near, points)
    assert "a" in set(everyone["id"])
    in_field = outreach.helpers_for("12073", other_field, near, points, handlungsfeld=HANDLUNGSFELDER[0])
    assert "a" not in set(in_field["id"])  # Barnim's network works in another field: not suggested
    its_field = outreach.helpers_for("12073", other_field, near, points, handlungsfeld=HANDLUNGSFELDER[1])
    assert set(its_field["id"]) == {"a"}


def test_reasons_count_land_wide_networks_in_the_right_number():
    row = pd.Series({"population": 1234567, "area_km2": 10.0, "n_wide": 1})
    assert outreach._reason(row, "population") == (
        "1.234.567 Einwohner ohne regionales Netzwerk; 1 landes-/bundesweites Netzwerk"
    )
    assert outreach._reason(row.replace(1, 2), "population").endswith("2 landes-/bundesweite Netzwerke")
