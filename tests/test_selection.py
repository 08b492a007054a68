"""The map's selection: who chooses a Kreis, when the map zooms, and when the server must outline it."""

from geo.maps.mapview import parse_click
from geo.maps.selection import MapSelection


def click(ags: str, count: int = 1):
    """What st_folium reports after the ``count``-th click, on Kreis ``ags``."""
    return parse_click({"last_active_drawing": {"properties": {"ags": ags}}, "last_object_clicked_count": count}, {ags})


def test_a_search_selects_the_kreis_and_zooms_once():
    selection = MapSelection({})
    selection.choose("12073")
    assert selection.kreis == "12073"
    assert selection.pop_zoom() == "12073"
    assert selection.pop_zoom() is None  # the next draw keeps the user's own pan and zoom


def test_a_click_is_taken_once_and_the_map_outlines_it_itself():
    selection = MapSelection({})
    shown = ("v1", "filters", None)
    assert selection.outline_from_server(shown) == []
    assert selection.take_click(click("12073"))
    assert not selection.take_click(click("12073"))  # the same report again (a rerun) is no new click
    assert selection.take_click(click("12073", count=2))  # clicked again: a new click on the same Kreis
    assert selection.kreis == "12073"
    assert selection.pop_zoom() is None  # a click does not move the map
    assert selection.outline_from_server(shown) == []  # the map on screen already outlines it


def test_a_map_drawn_anew_gets_the_outline_from_the_server():
    selection = MapSelection({})
    selection.outline_from_server(("v1", "a", None))
    selection.take_click(click("12073"))
    assert selection.outline_from_server(("v1", "b", None)) == ["12073"]  # filters changed: new map
    selection.forget_map()  # another page was shown
    selection.take_click(click("12060", count=2))
    assert selection.outline_from_server(("v1", "b", None)) == ["12060"]


def test_a_search_after_a_click_is_outlined_by_the_server():
    selection = MapSelection({})
    shown = ("v1", "a", None)
    selection.outline_from_server(shown)
    selection.take_click(click("12073"))
    selection.choose("12060")
    assert selection.outline_from_server(shown) == ["12060"]
