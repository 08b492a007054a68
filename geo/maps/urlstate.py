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
#: A URL is anyone's text: at most this many characters of a parameter's value are read, this many items
#: of a list (``vergleich``, ``status``) looked at, and this many notices returned, the last one summing up
#: the rest (``?vergleich=x,x,…`` with 7 000 items drew 7 000 alert boxes, issue 25).
MAX_VALUE_CHARS = 1000
MAX_LIST_ITEMS = 20
MAX_NOTICES = 8
#: Invalid items of one list are named in one notice, at most this many of them.
NAMED_ITEMS = 3


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
    """ViewState from query parameters, plus notices about what was ignored (at most ``MAX_NOTICES``)."""
    notices: list[str] = []
    values = {k: _first(v)[:MAX_VALUE_CHARS] for k, v in params.items() if k in KNOWN}
    unknown = [name for name in params if name not in KNOWN]
    if len(unknown) == 1:
        notices.append(f"Unbekannter URL-Parameter {_shown(unknown[0])} ignoriert.")
    elif unknown:
        notices.append(f"Unbekannte URL-Parameter ignoriert: {_listed(unknown)}.")
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
        items = _items(status)
        chosen = tuple(s for s in STATUSES if s in items)
        if chosen and all(s in STATUSES for s in items):
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
    return ViewState(kreis, netzwerk, Filters().with_(**changes), land, vergleich), _capped(notices)


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
    invalid: list[str] = []
    raw = values.get("vergleich") or ""
    for code in _items(raw):
        if code in compared or code in invalid:
            continue
        if code in valid_kreise or code in laender or code == "DE":
            compared.append(code)
        else:
            invalid.append(code)
    if invalid:
        notices.append(
            f"Vergleich: {_listed(invalid)} {'ist' if len(invalid) == 1 else 'sind'} weder Kreis (AGS) noch "
            "Land (01–16) noch DE; ignoriert."
        )
    if len(compared) > MAX_COMPARED or raw.count(",") >= MAX_LIST_ITEMS:
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


def _items(text: str) -> list[str]:
    """The first ``MAX_LIST_ITEMS`` non-empty items of a comma-separated value (the rest is never looked at)."""
    return [item.strip() for item in text.split(",", MAX_LIST_ITEMS)[:MAX_LIST_ITEMS] if item.strip()]


def _listed(items: list[str]) -> str:
    """Up to ``NAMED_ITEMS`` quoted items, and how many more: "'a', 'b', 'c' und 7 weitere"."""
    named = ", ".join(_shown(item) for item in items[:NAMED_ITEMS])
    rest = len(items) - NAMED_ITEMS
    return named + (f" und {rest} weitere" if rest > 0 else "")


def _capped(notices: list[str]) -> list[str]:
    """Notices without repeats, at most ``MAX_NOTICES``: the last one then says how many were left out."""
    unique = list(dict.fromkeys(notices))
    if len(unique) <= MAX_NOTICES:
        return unique
    return [*unique[: MAX_NOTICES - 1], f"{len(unique) - MAX_NOTICES + 1} weitere Hinweise zum Link ausgelassen."]


def _first(value: object) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value)


def _shown(text: str) -> str:
    """Quote user text for a notice, shortened; pages render notices as plain text."""
    text = str(text)
    return repr(text if len(text) <= 40 else text[:37] + "…")
