"""The PDF report, opened with poppler (pdftotext/pdfinfo) and checked against the app's own tables."""

import os
import re
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest

from geo.figures import areas, coverage
from geo.handouts import pdfreport
from geo.regions import adjacency, boundaries
from geo.storage import datasets, store
from geo.text import germanfmt as fmt

TODAY = date(2026, 11, 29)


def _poppler() -> None:
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils fehlt: .ci/run muss 'poppler-utils' installieren")
        pytest.skip("pdftotext/pdfinfo missing (apt-get install poppler-utils)")


@pytest.fixture(scope="module")
def world(stored_networks):
    kreise = boundaries.load_kreise()
    networks = stored_networks
    return kreise, networks, adjacency.neighbours(kreise)


@pytest.fixture(scope="module")
def notice(test_database):
    """The data notice of the shared test database: the demo set plus two networks that are not fictional."""
    engine = store.make_engine(f"sqlite:///{test_database}")
    found = datasets.notice(store.origins(engine))
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def opened(world, notice, tmp_path_factory):
    """code → (text, page count) of the report as poppler reads it."""
    _poppler()
    kreise, networks, neighbours = world
    folder = tmp_path_factory.mktemp("berichte")
    result = {}
    for code in ("12", "DE", "12073", "09"):
        path = folder / f"{code}.pdf"
        path.write_bytes(pdfreport.build_report(code, kreise, networks, neighbours, today=TODAY, data=notice))
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        result[code] = (re.sub(r"[ \t\u202f\xa0]+", " ", text.stdout), pages, info)
    return result


@pytest.mark.parametrize("code", ["12", "DE", "12073", "09"])
def test_report_is_one_or_two_pages_with_date_method_and_attribution(opened, code):
    text, pages, info = opened[code]
    assert pages in (1, 2)
    assert "Stand 29.11.2026" in text
    assert "Methode" in text and "dl-de/by-2-0" in text
    assert "Demo-Daten" in text
    assert "Weiße Flecken" in text and "Entwicklung 2005–2026" in text
    assert re.search(r"Title:\s+Netzwerke zur Fachkräftesicherung – ", info)


def test_the_report_says_what_part_of_the_data_is_fictional(opened, notice, test_database):
    text, _, _ = opened["DE"]
    engine = store.make_engine(f"sqlite:///{test_database}")
    origins = store.origins(engine)["records"]  # counted as the notice was: other tests add records to this database
    engine.dispose()
    fictional, total = int(origins.get("demo", 0)), int(origins.sum())
    assert 0 < fictional < total  # the hostile test networks are not demo records
    assert f"Netzwerkdaten: teils Demo-Daten (fiktiv). {fictional} von {total} Einträgen" in text
    assert "Alle Netzwerke sind fiktiv" not in text and "Selbstauskünfte" not in text


def test_land_report_figures_match_the_statistik_table_and_ranking(opened, world):
    text, _, _ = opened["12"]
    kreise, networks, _ = world
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    cov = coverage.kreis_coverage(networks, info)
    row = areas.summary(info, cov, networks).set_index("land_ags").loc["12"]
    rank = areas.land_ranking(info, cov, networks).set_index("land_ags").loc["12"]
    assert "Netzwerke zur Fachkräftesicherung: Brandenburg" in text
    ranking = areas.land_ranking(info, cov, networks).set_index("land_ags")
    shown_rank = re.escape(areas.rank_label(ranking, "networks", "12", words=False))
    assert rank["networks"] == row["networks"]
    assert re.search(rf"(?m)^ ?Netzwerke {row['networks']} {shown_rank}$", text)
    assert f"Abgedeckte Kreise {row['covered']} von {row['kreise']}" in text
    assert f"Einwohner {fmt.integer(row['population'])}" in text
    assert fmt.decimal(row["networks_per_100k"], 2) in text
    assert fmt.percent(row["share_population_covered"]).replace("\u202f", " ") in text
    spots = coverage.white_spots(cov[cov["land_ags"] == "12"])
    total = fmt.integer(spots["population"].sum())
    assert f"Weiße Flecken in Brandenburg: {len(spots)} ({total} Einwohner)" in text
    top = spots.iloc[0]
    assert f"{top['bez']} {top['name']} Brandenburg {fmt.integer(top['population'])}" in text


def test_land_report_lists_networks_with_their_handlungsfelder(opened, world):
    text, _, _ = opened["12"]
    kreise, networks, _ = world
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    listed = areas.networks_in(areas.area_of("12", info), networks)
    assert f"Netzwerke und ihre Handlungsfelder ({len(listed)})" in text
    shortest = min(listed["name"].head(pdfreport.MAX_NETWORKS), key=len)  # long names wrap in their cell
    assert shortest in text
    assert "Aus-/Weiterbildung" in text
    if len(listed) > pdfreport.MAX_NETWORKS:
        assert f"… und {len(listed) - pdfreport.MAX_NETWORKS} weitere" in text and "„Netzwerke“" in text


def test_germany_report_totals_and_development(opened, world):
    text, _, _ = opened["DE"]
    kreise, networks, _ = world
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    cov = coverage.kreis_coverage(networks, info)
    total = areas.summary(info, cov, networks).set_index("land_ags").loc["DE"]
    assert f"Abgedeckte Kreise {total['covered']} von 400" in text
    assert "Rang" not in text  # ranks are for Länder only
    line = areas.timeline(areas.area_of("DE", info), info, networks, range(2020, 2021))
    assert f"2020 {line['netzwerke'].iloc[0]} {line['abgedeckte_kreise'].iloc[0]}" in text


def test_kreis_report_names_its_land_and_white_spots_around(opened, world):
    text, _, _ = opened["12073"]
    assert "Netzwerke zur Fachkräftesicherung: Landkreis Uckermark" in text
    assert "Kreis in Brandenburg · Schlüssel 12073" in text
    assert "Weiße Flecken im Kreis und in seinen Nachbarkreisen" in text
    assert "Angrenzende Kreise mit" in text


def test_network_names_reach_the_pdf_as_plain_text(opened):
    """The hostile test network (HTML in its name) is text in a PDF: it must appear verbatim, not break it."""
    text, _, _ = opened["12"]
    assert "<img src=x" in text  # the hostile network works in Uckermark and sorts first in Brandenburg
