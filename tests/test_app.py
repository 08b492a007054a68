"""AppTest of every page: renders without exception and shows the real figures."""

import pytest
from streamlit.testing.v1 import AppTest

from geo import attribution


@pytest.fixture
def app():
    return AppTest.from_file("../dashboard.py", default_timeout=60)


def test_start_page_shows_key_figures_and_attribution(app):
    app.run()
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Kreise und kreisfreie Städte"] == "400"
    assert metrics["Länder"] == "16"
    assert metrics["Einwohner"] == "83.166.711"
    captions = " ".join(c.value for c in app.caption)
    assert "GeoBasis-DE / BKG" in captions and "dl-de/by-2-0" in captions
    assert attribution.POPULATION in captions


def test_kreise_page_lists_all_400_sortable(app):
    app.run()
    app.switch_page("pages/kreise.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 400
    uckermark = table[table["AGS"] == "12073"].iloc[0]
    assert uckermark["Name"] == "Uckermark"
    assert uckermark["Land"] == "Brandenburg"
