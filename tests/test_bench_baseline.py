"""The bench's naive baseline page still runs on the library it measures against.

It imports ``geo`` directly (never ``pages``), so a moved or renamed library name breaks only the bench;
this catches it before ``make bench`` does, half an hour into a run.
"""

import pytest
from streamlit.testing.v1 import AppTest

#: Each test runs the app in Streamlit's AppTest (seconds per page run): left out by make test-fast.
pytestmark = pytest.mark.slow


def test_the_baseline_page_draws_the_map_and_key_figures(test_database):
    app = AppTest.from_file("../bench/baseline_app.py", default_timeout=120).run()
    assert not app.exception
    assert app.title[0].value == "Netzwerke zur Fachkräftesicherung"
    assert [m.label for m in app.metric] == [
        "Netzwerke",
        "Abgedeckte Kreise",
        "Bevölkerung in abgedeckten Kreisen",
        "Weiße Flecken",
    ]
