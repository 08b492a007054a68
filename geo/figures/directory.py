"""The network directory: which networks work in a Kreis, and which match a search in the list."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pandas as pd

from geo.figures import coverage
from geo.records.model import (
    CRITERIA,
    CRITERIA_LABELS,
    MIN_PARTNERS,
    SCOPE_LABELS,
    SCOPE_ORDER,
    fields_criterion,
    partner_criterion,
)
from geo.records.vocabulary import ACTIVE
from geo.text import germanfmt
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
        f"Status: {md(row['status'])}" if row["status"] != ACTIVE else "",
        md(coverage.evidence_line(row)),
    ]
    return [line for line in lines if line]


#: How a criterion's state reads (plain words: the shipped fonts have no emoji, issue 24).
CRITERION_STATES = {True: "erfüllt", False: "nicht erfüllt", None: "unbekannt"}


def criteria_lines(record: dict) -> list[tuple[str, bool | None, str]]:
    """The profile's criteria as (label, state, note): a criterion without information is unknown, with why.

    >>> criteria_lines({"partner_count": 0, "handlungsfelder": [], **dict.fromkeys(CRITERIA)})[0]
    ('Mindestens 3 Partner', None, 'keine Partner angegeben')
    """
    count = int(record.get("partner_count") or 0)
    fields = list(record.get("handlungsfelder") or [])
    lines = [
        (
            f"Mindestens {MIN_PARTNERS} Partner",
            partner_criterion(count),
            "keine Partner angegeben" if not count else germanfmt.count(count, "Partner", "Partner") + " angegeben",
        ),
        (
            "Maßnahmen in Handlungsfeldern",
            fields_criterion(fields),
            "kein Handlungsfeld angegeben" if not fields else ", ".join(fields),
        ),
    ]
    for criterion in CRITERIA:
        state = record.get(criterion)
        state = None if state is None or (isinstance(state, float) and pd.isna(state)) else bool(state)
        lines.append((CRITERIA_LABELS[criterion], state, "keine Angabe" if state is None else ""))
    return lines


def criterion_text(state: bool | None, note: str = "") -> str:
    """``unbekannt (keine Partner angegeben)``."""
    return CRITERION_STATES[state] + (f" ({note})" if note else "")


def source_labels(urls: list[str]) -> list[str]:
    """Distinct, readable labels for a record's source links: the site and the page, never one domain twice.

    >>> source_labels(["https://www.ihk.de/a/fachkraefte", "https://www.ihk.de/b/netzwerk.html", "https://x.de/"])
    ['ihk.de › fachkraefte', 'ihk.de › netzwerk', 'x.de']
    """
    labels = []
    for url in urls:
        parts = urlsplit(url)
        host = (parts.hostname or url).removeprefix("www.")
        page = next((p for p in reversed(parts.path.split("/")) if p), "")
        page = unquote(page).rsplit(".", 1)[0] if "." in page else unquote(page)
        labels.append(f"{host} › {page[:40]}" if page else host)
    seen: dict[str, int] = {}
    distinct = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        distinct.append(label if labels.count(label) == 1 else f"{label} ({seen[label]})")
    return distinct


def count_line(listed: pd.DataFrame, on_map: set[str]) -> str:
    """What the directory's count counts, next to the map's (issue 24: "177 on the map, 208 here").

    ``on_map``: the ids the map counts (:func:`geo.figures.coverage.counting_pairs`). The directory lists every
    network under the filters; the map counts Land- and nationwide ones only when they count as coverage.

    >>> count_line(pd.DataFrame({"id": ["a", "b", "c"], "scope": ["lokal", "lokal", "land"]}), {"a", "b"})
    '3 Netzwerke, davon zählt die Karte 2 (1 landes- oder bundesweites nur mit dem Schalter „Landes- und \
bundesweite Netzwerke zählen als Abdeckung“)'
    """
    total = len(listed)
    text = germanfmt.count(total, "Netzwerk", "Netzwerke")
    if not total:
        return text
    missing = listed[~listed["id"].isin(on_map)]
    if missing.empty:
        return text
    wide = int(missing["scope"].isin(coverage.WIDE_SCOPES).sum())
    other = len(missing) - wide
    reasons = []
    if wide:
        reasons.append(
            germanfmt.count(wide, "landes- oder bundesweites", "landes- oder bundesweite")
            + " nur mit dem Schalter „Landes- und bundesweite Netzwerke zählen als Abdeckung“"
        )
    if other:
        reasons.append(f"{germanfmt.integer(other)} ohne erkannten Kreis")
    return f"{text}, davon zählt die Karte {germanfmt.integer(total - len(missing))} ({'; '.join(reasons)})"
