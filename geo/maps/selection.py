"""The map's selection in one session: the chosen Kreis, where to zoom, and who outlines it.

Five session keys were written from four files; this object owns them, so a page asks it instead of
knowing the keys. It works on any mutable mapping: Streamlit's session state in the app, a dict in tests.
"""

from __future__ import annotations

from collections.abc import Hashable, MutableMapping

#: Session keys. ``MAP_SHOWN`` identifies the map on screen (data version, filters, Land); ``CLICK_OUTLINE``
#: is the Kreis that map outlined itself on a click: it lives only as long as that map.
SELECTED, ZOOM_TO, LAST_CLICK = "selected", "zoom_to", "last_click"
MAP_SHOWN, CLICK_OUTLINE = "karte_gezeigt", "karte_klick_umrandet"


class MapSelection:
    """Read and change the map's selection held in ``state``."""

    def __init__(self, state: MutableMapping) -> None:
        self.state = state

    @property
    def kreis(self) -> str | None:
        """AGS of the chosen Kreis, or None."""
        return self.state.get(SELECTED)

    def choose(self, ags: str | None) -> None:
        """Select a Kreis from outside the map (search, URL): the map zooms to it on its next draw."""
        self.state[SELECTED] = ags
        self.state[ZOOM_TO] = ags

    def take_click(self, click) -> bool:
        """Select the Kreis a map click reported (an object with ``ags``), once per click.

        The map outlined the clicked Kreis itself, so the server need not send an outline for it.
        """
        if click is None or click == self.state.get(LAST_CLICK):
            return False
        self.state[LAST_CLICK] = click
        self.state[SELECTED] = click.ags
        self.state[CLICK_OUTLINE] = click.ags
        return True

    def pop_zoom(self) -> str | None:
        """The Kreis to zoom to on this draw, once."""
        return self.state.pop(ZOOM_TO, None)

    def outline_from_server(self, shown: Hashable) -> list[str]:
        """The Kreis the server must outline on the map ``shown``: none when that map outlined it on a click.

        Keeping the map's arguments unchanged across clicks lets Streamlit skip resending the map.
        """
        if self.state.get(MAP_SHOWN) != shown:
            self.state.pop(CLICK_OUTLINE, None)  # a map drawn anew carries no outline of an earlier click
        self.state[MAP_SHOWN] = shown
        selected = self.kreis
        if not selected or self.state.get(CLICK_OUTLINE) == selected:
            return []
        self.state.pop(CLICK_OUTLINE, None)  # the server's outline replaces the click's
        return [selected]

    def forget_map(self) -> None:
        """The map left the screen (another page): coming back, it is drawn anew."""
        self.state.pop(MAP_SHOWN, None)
