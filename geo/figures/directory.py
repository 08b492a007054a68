"""The network directory: which networks work in a Kreis, and which match a search in the list."""

from __future__ import annotations

import pandas as pd

from geo.figures import coverage
from geo.records.model import SCOPE_LABELS, SCOPE_ORDER
from geo.text.mdsafe import md


def networks_in(networks: pd.DataFrame, ags: str) -> pd.DataFrame:
    """Networks working in one Kreis, local ones first (then across Kreise, Land, Bund), then by name."""
    # ``astype(bool)``: an empty frame's mask has dtype object, which pandas reads as a column list (issue 25)
    hits = networks[networks["ags"].map(lambda codes: ags in codes).astype(bool)]
    return hits.assign(_order=hits["scope"].map(SCOPE_ORDER)).sort_values(["_order", "name"]).drop(columns="_order")


def search(networks: pd.DataFrame, query: str = "", kreise: set[str] | None = None) -> pd.DataFrame:
    """The directory rows whose name, Träger, region or partners contain ``query`` (any case).

    With ``kreise`` (e.g. a Land's Kreise) only networks working in at least one of them; empty text finds all.
    """
    shown = networks
    needle = query.strip().lower()
    if needle:
        text = (
            shown["name"] + " " + shown["traeger"] + " " + shown["region"] + " " + shown["partner"].map("; ".join)
        ).str.lower()
        shown = shown[text.str.contains(needle, regex=False)]
    if kreise is not None:
        shown = shown[shown["ags"].map(lambda codes: bool(kreise & set(codes))).astype(bool)]
    return shown


def kreise_of_land(kreis_info: pd.DataFrame, land: str) -> set[str]:
    """The AGS of one Land's Kreise (``kreis_info`` indexed by AGS with a ``land`` name column)."""
    return set(kreis_info.index[kreis_info["land"] == land])


def card_lines(row: pd.Series) -> list[str]:
    """The detail lines of a network's card (Markdown, user text escaped): Träger, scope, fields, a status
    other than aktiv; empty values are left out."""
    lines = [
        f"Träger: {md(row['traeger'])}" if row["traeger"] else "",
        f"Wirkungsraum: {SCOPE_LABELS.get(row['scope'], row['scope'])}",
        "Handlungsfelder: " + md(", ".join(row["handlungsfelder"])) if row["handlungsfelder"] else "",
        f"Status: {md(row['status'])}" if row["status"] != "aktiv" else "",
        md(coverage.evidence_line(row)),
    ]
    return [line for line in lines if line]
