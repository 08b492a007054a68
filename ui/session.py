"""Every session key of the app, by owner, in one place (issue 23).

Each concern owns its keys: the map's selection (:class:`geo.maps.selection.MapSelection`), the filters
(:class:`ui.filterstate.FilterState`), the login, the import in progress, the record being edited, the
report form. Code reads and writes a key only through its owner's module; this list says who owns what,
and a test checks that no page or UI module touches a key that is not listed here. Logging out clears
every owner marked ``editor``, so nothing an editor saw or started stays in the session.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from geo.maps import selection
from ui import accounts, filterstate, layout, login, record_editor, record_import, uploads


@dataclass(frozen=True)
class Owner:
    """One concern's session keys (exact names and name prefixes)."""

    name: str
    keys: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    editor: bool = False  # belongs to a logged-in editor: cleared on logout

    def owns(self, key: str) -> bool:
        return key in self.keys or (bool(self.prefixes) and key.startswith(self.prefixes))

    def clear(self, state: MutableMapping) -> None:
        """Remove this owner's keys from ``state``."""
        for key in [k for k in state if self.owns(str(k))]:
            del state[key]


OWNERS = (
    Owner(
        "Kartenauswahl",
        (selection.SELECTED, selection.ZOOM_TO, selection.LAST_CLICK, selection.MAP_SHOWN, selection.CLICK_OUTLINE),
    ),
    Owner("Filter", filterstate.FilterState.KEYS),
    Owner("Kartensuche", ("search_candidates",)),
    Owner("Seitenleiste", (layout.TOP_SLOT,)),
    Owner("Indikator", ("indikator", "indikator_datei_gelesen")),
    Owner("Verzeichnis", ("netzwerk", "netzwerk_link")),
    Owner("Vergleich", ("vergleich_gebiete", "f_vergleich")),
    Owner("Bericht", ("bericht_basis", "bericht_gebiet", "f_bericht")),
    Owner(
        "Meldeformular", ("melden_form", "melden_started", "melden_session", "gesendete_meldung"), prefixes=("melden_",)
    ),
    Owner("Dateiprüfung", (uploads.PARSE_OWNER,)),
    Owner("Prozesswechsel", (login.MOVED_KEY, login.MOVED_TOLD)),
    Owner("Anmeldung", (accounts.EDITOR, accounts.ORGANISATION), editor=True),
    Owner("Organisationskonto ohne Rolle", (login.REFUSED_TOLD,)),
    Owner("Import", (record_import.IMPORT,), editor=True),
    Owner("Bearbeitung", (record_editor.OPENED,), editor=True),
    Owner("Moderation", ("meldungen_fehler", "meldungen_erfolg", "auswahl"), editor=True),
)


def owner_of(key: str) -> Owner | None:
    """The owner of a session key, or None for a key nobody owns."""
    return next((owner for owner in OWNERS if owner.owns(key)), None)


def logout(state: MutableMapping) -> None:
    """Forget the editor: every key of every editor owner."""
    for owner in OWNERS:
        if owner.editor:
            owner.clear(state)
