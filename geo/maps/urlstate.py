"""Shareable view state in the URL query: ``?kreis=12073&hf=aw&jahr=2020…``.

Parsing is forgiving: an unknown or malformed parameter is ignored and
reported as a German notice, never an error page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from geo.figures.coverage import Filters
from geo.records.model import STATUSES
from geo.records.vocabulary import HANDLUNGSFELD_LIST

FIELD_CODES = {h.code: h.name for h in HANDLUNGSFELD_LIST}
CODE_OF_FIELD = {v: k for k, v in FIELD_CODES.items()}
KNOWN = ("kreis", "hf", "status", "kriterien", "jahr", "landesweit", "netzwerk", "land", "vergleich")
FIRST_YEAR = 1990
#: At most this many areas side by side on the Vergleich page.
MAX_COMPARED = 5


@dataclass(frozen=True)
class ViewState:
    """Selected Kreis, selected network (profile) and the coverage filters."""

    kreis: str | None = None
    netzwerk: str | None = None
    filters: Filters = field(default_factory=Filters)
    land: str | None = None  # Land view: two-digit Land key
    vergleich: tuple[str, ...] = ()  # compared areas: Kreis AGS, Land keys or DE


def parse(
    params: Mapping[str, object], valid_kreise: set[str], today: date | None = None
) -> tuple[ViewState, list[str]]:
    """ViewState from query parameters, plus notices about what was ignored."""
    notices: list[str] = []
    values = {k: _first(v) for k, v in params.items()}
    for name in values:
        if name not in KNOWN:
            notices.append(f"Unbekannter URL-Parameter {_shown(name)} ignoriert.")
    kreis = values.get("kreis")
    if kreis is not None and kreis not in valid_kreise:
        notices.append(f"Kreis {_shown(kreis)} ist kein gültiger Kreisschlüssel (AGS) und wurde ignoriert.")
        kreis = None
    netzwerk = values.get("netzwerk")
    if netzwerk is not None and not re.fullmatch(r"[\w.-]{1,64}", netzwerk):
        notices.append("Netzwerk-Kennung im Link ungültig und ignoriert.")
        netzwerk = None

    land, vergleich = _parse_areas(values, valid_kreise, notices)

    changes: dict[str, object] = {}
    hf = values.get("hf")
    if hf is not None:
        if hf in FIELD_CODES:
            changes["handlungsfeld"] = FIELD_CODES[hf]
        else:
            notices.append(f"Handlungsfeld {_shown(hf)} unbekannt (gültig: {', '.join(FIELD_CODES)}).")
    status = values.get("status")
    if status is not None:
        chosen = tuple(s for s in STATUSES if s in status.split(","))
        if chosen and all(s in STATUSES for s in status.split(",")):
            changes["statuses"] = chosen
        else:
            notices.append(f"Status {_shown(status)} ungültig (gültig: {', '.join(STATUSES)}).")
    for name, attribute in (("kriterien", "criteria_only"), ("landesweit", "count_land_wide")):
        value = values.get(name)
        if value is not None:
            if value in ("0", "1"):
                changes[attribute] = value == "1"
            else:
                notices.append(f"{name}={_shown(value)} ungültig (0 oder 1).")
    year = values.get("jahr")
    if year is not None:
        this_year = (today or date.today()).year
        if re.fullmatch(r"\d{4}", year) and FIRST_YEAR <= int(year) <= this_year:
            changes["as_of_year"] = int(year)
        else:
            notices.append(f"Jahr {_shown(year)} ungültig ({FIRST_YEAR}–{this_year}).")
    return ViewState(kreis, netzwerk, Filters().with_(**changes), land, vergleich), notices


def _parse_areas(
    values: Mapping[str, str], valid_kreise: set[str], notices: list[str]
) -> tuple[str | None, tuple[str, ...]]:
    """``land`` (a Land key) and ``vergleich`` (up to ``MAX_COMPARED`` Kreise, Länder or DE)."""
    laender = {code[:2] for code in valid_kreise}
    land = values.get("land")
    if land is not None and land not in laender:
        notices.append(f"Land {_shown(land)} ist kein gültiger Länderschlüssel (01–16) und wurde ignoriert.")
        land = None
    compared: list[str] = []
    raw = values.get("vergleich")
    for code in (raw or "").split(","):
        code = code.strip()
        if not code or code in compared:
            continue
        if code in valid_kreise or code in laender or code == "DE":
            compared.append(code)
        else:
            notices.append(f"Vergleich: {_shown(code)} ist weder Kreis (AGS) noch Land (01–16) noch DE; ignoriert.")
    if len(compared) > MAX_COMPARED:
        notices.append(f"Vergleich: höchstens {MAX_COMPARED} Gebiete; die ersten {MAX_COMPARED} werden gezeigt.")
        compared = compared[:MAX_COMPARED]
    return land, tuple(compared)


def to_params(state: ViewState) -> dict[str, str]:
    """Query parameters for a state; defaults are left out so links stay short."""
    params: dict[str, str] = {}
    if state.kreis:
        params["kreis"] = state.kreis
    if state.netzwerk:
        params["netzwerk"] = state.netzwerk
    if state.land:
        params["land"] = state.land
    if state.vergleich:
        params["vergleich"] = ",".join(state.vergleich)
    f, default = state.filters, Filters()
    if f.handlungsfeld:
        params["hf"] = CODE_OF_FIELD[f.handlungsfeld]
    if f.statuses != default.statuses:
        params["status"] = ",".join(f.statuses)
    if f.criteria_only:
        params["kriterien"] = "1"
    if f.count_land_wide != default.count_land_wide:
        params["landesweit"] = "1" if f.count_land_wide else "0"
    if f.as_of_year is not None:
        params["jahr"] = str(f.as_of_year)
    return params


def _first(value: object) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value)


def _shown(text: str) -> str:
    """Quote user text for a notice, shortened; pages render notices as plain text."""
    text = str(text)
    return repr(text if len(text) <= 40 else text[:37] + "…")
