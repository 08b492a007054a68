"""Coverage of the 400 Kreise by networks, in three evidence classes (figures per area: ``geo.figures.areas``).

The Kreise are always the left side of the join, so every Kreis appears exactly once. Each Kreis is in
exactly one evidence class (:data:`EVIDENCE_CLASSES`): a counting network whose newest dated evidence is
current, only networks with older evidence, or no documented network (a white spot). "Covered" means the
first class only: a Kreis whose networks have no current evidence must not make the headline look better
than the evidence is. A network that lists a Kreis twice counts once there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from geo.config import settings
from geo.records.model import HANDLUNGSFELDER, LAND, LOCAL, MULTI, NATIONAL, STATUSES, WIDE_SCOPES  # noqa: F401 (re-exported)
from geo.records.vocabulary import ACTIVE, ENDED, UNCLEAR

#: The evidence classes of a Kreis, best first: key → German label. Every view names them with these words.
CURRENT, OLDER, NONE = "aktuell", "aelter", "keins"
EVIDENCE_CLASSES = {
    CURRENT: "Netzwerk mit aktuellem Beleg",
    OLDER: "nur ältere Belege",
    NONE: "kein dokumentiertes Netzwerk",
}
#: City-states: a Land-wide network there works in the city itself, so it covers the Land's Kreise (Berlin and
#: Hamburg are one Kreis each, Bremen two: Bremen and Bremerhaven). Elsewhere Land-wide networks do not cover.
CITY_STATES = frozenset({"02", "04", "11"})
DEFAULT_CURRENT_MONTHS = settings.CURRENT_MONTHS.default


def current_months() -> int:
    """How many months old the newest evidence may be for a network to count as current
    (``NETZWERKATLAS_CURRENT_MONTHS``, 1–240, default 36)."""
    return settings.CURRENT_MONTHS.get()


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Filters:
    """What counts as coverage. Defaults: active networks (and those whose sources leave the status unclear) of
    any field; only *regional* networks cover.

    Land-wide and national networks exist everywhere in their area, so by default they do not
    turn a white spot into a covered Kreis (the usual policy question); ``count_land_wide`` changes that.
    """

    handlungsfeld: str | None = None
    statuses: tuple[str, ...] = (ACTIVE, UNCLEAR)
    criteria_only: bool = False
    as_of_year: int | None = None
    count_land_wide: bool = False
    #: Evidence window in months (None: ``NETZWERKATLAS_CURRENT_MONTHS``) and the day it ends (None: today).
    current_months: int | None = None
    today: date | None = None

    def reference_date(self) -> date:
        """The day the classes describe: today, or the end of the chosen year in the time view."""
        today = self.today or date.today()
        if self.as_of_year is None:
            return today
        return min(today, date(self.as_of_year, 12, 31))

    def evidence_cutoff(self) -> date:
        """Evidence on or after this day is current."""
        months = self.current_months if self.current_months is not None else current_months()
        return months_before(self.reference_date(), months)

    def __post_init__(self) -> None:
        if self.handlungsfeld is not None and self.handlungsfeld not in HANDLUNGSFELDER:
            raise ValueError(f"Unbekanntes Handlungsfeld {self.handlungsfeld!r}")

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


DEFAULT_FILTERS = Filters()


def chosen_filters(
    handlungsfeld: str | None,
    statuses: Sequence[str],
    criteria_only: bool = False,
    count_land_wide: bool = False,
    as_of_year: int | None = None,
) -> Filters:
    """Filters from the sidebar's choices, statuses in their canonical order.

    An emptied status choice means the default statuses, not "none": the map must not go blank.
    """
    picked = set(statuses) or set(DEFAULT_FILTERS.statuses)
    return Filters(
        handlungsfeld=handlungsfeld,
        statuses=tuple(s for s in STATUSES if s in picked),
        criteria_only=criteria_only,
        as_of_year=as_of_year,
        count_land_wide=count_land_wide,
    )


def filter_networks(networks: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The networks that count under ``filters`` (status as of the chosen year)."""
    if networks.empty:
        return networks
    return networks[network_mask(networks, filters)]


def network_mask(networks: pd.DataFrame, filters: Filters) -> pd.Series:
    """Per network: it counts under ``filters`` (:func:`filter_networks` without taking the rows)."""
    keep = pd.Series(True, index=networks.index)
    status = networks["status"].astype(str)
    if filters.as_of_year is not None:
        founded = pd.to_numeric(networks["gegruendet"], errors="coerce")
        keep &= founded.isna() | (founded <= filters.as_of_year)
        ended_year = pd.to_datetime(networks["beendet_am"], errors="coerce").dt.year
        ended_before = ended_year < filters.as_of_year
        keep &= ~ended_before.fillna(False)
        # A network that ended later than the chosen year was active then.
        status = status.where(~((status == ENDED) & (ended_year >= filters.as_of_year)), ACTIVE)
    keep &= status.isin(filters.statuses)
    if filters.handlungsfeld:
        keep &= networks["handlungsfelder"].map(lambda fields: filters.handlungsfeld in (fields or []))
    if filters.criteria_only:
        keep &= networks["criteria_met"].map(lambda v: v is True)
    return keep.astype(bool)


def evidence_dates(networks: pd.DataFrame) -> pd.Series:
    """Per network, the ISO date of its newest dated evidence: its ``Stand`` (the newest source, report or
    check) or a later confirmation by an editor or by the network (``bestaetigt_am``); None when undated."""
    dates = pd.Series("", index=networks.index, dtype=object)
    for column in ("stand", "bestaetigt_am"):
        if column in networks:
            values = networks[column].map(lambda v: v[:10] if isinstance(v, str) and v else "")
            dates = dates.where(dates >= values, values)
    return dates.map(lambda v: v or None)


def is_current(
    networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS, evidence: pd.Series | None = None
) -> pd.Series:
    """Per network: its newest evidence lies within the evidence window and it had not ended by then.

    Follows from dated evidence and the end date, not from the status flag alone: an "aktiv" record whose
    newest source is five years old is not current.
    """
    if networks.empty:
        return pd.Series(False, index=networks.index, dtype=bool)
    reference = filters.reference_date().isoformat()
    cutoff = filters.evidence_cutoff().isoformat()
    evidence = (evidence_dates(networks) if evidence is None else evidence.loc[networks.index]).fillna("")
    ended_on = networks["beendet_am"].map(lambda v: v[:10] if isinstance(v, str) and v else "")
    ended = (ended_on != "") & (ended_on <= reference)
    if filters.as_of_year is None:
        ended |= networks["status"].astype(str) == ENDED
    return (evidence >= cutoff) & ~ended


def links(networks: pd.DataFrame) -> pd.DataFrame:
    """One row per (network, Kreis): ``id``, ``ags``, ``scope`` — duplicates removed."""
    if networks.empty:
        return pd.DataFrame(columns=["id", "ags", "scope"])
    exploded = networks[["id", "ags", "scope"]].explode("ags").dropna(subset=["ags"])
    return exploded.drop_duplicates(["id", "ags"]).reset_index(drop=True)


def counts_as_regional(pairs: pd.DataFrame) -> pd.Series:
    """Per (network, Kreis) pair: the network works regionally there (local, several Kreise, or Land-wide in a
    city-state — the one rule for Berlin, Hamburg and Bremen)."""
    wide = pairs["scope"].isin(WIDE_SCOPES)
    city_state = (pairs["scope"] == LAND) & pairs["ags"].astype(str).str[:2].isin(CITY_STATES)
    return ~wide | city_state


@dataclass(frozen=True)
class Prepared:
    """What every view of one data version shares, computed once (issue 25: 1.7 s per uncached view).

    ``pairs``: :func:`links` of all networks with ``regional`` (:func:`counts_as_regional`); ``evidence``:
    :func:`evidence_dates` per network. A filter combination then only selects from these. Read-only.
    """

    networks: pd.DataFrame
    pairs: pd.DataFrame
    evidence: pd.Series

    def counted(self, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The networks that count under ``filters`` and their (network, Kreis) pairs.

        Selected by position (``pos``: the network's row), not by matching ids: a view only indexes arrays.
        """
        if self.networks.empty:
            return self.networks, self.pairs
        keep = network_mask(self.networks, filters).to_numpy()
        counted = self.networks if keep.all() else self.networks[keep]
        pairs = self.pairs if keep.all() else self.pairs[keep[self.pairs["pos"].to_numpy()]]
        return counted, pairs

    def current_pairs(self, pairs: pd.DataFrame, filters: Filters) -> np.ndarray:
        """Per pair of ``pairs`` (selected from these): its network's evidence is current under ``filters``."""
        current = is_current(self.networks, filters, self.evidence).to_numpy(dtype=bool)
        return current[pairs["pos"].to_numpy()] if len(pairs) else np.zeros(0, dtype=bool)


def prepare(networks: pd.DataFrame) -> Prepared:
    """The shared part of every view of ``networks`` (see :class:`Prepared`)."""
    frame = networks[["id", "ags", "scope"]].assign(pos=np.arange(len(networks)))
    pairs = frame.explode("ags").dropna(subset=["ags"]).drop_duplicates(["id", "ags"]).reset_index(drop=True)
    pairs = pairs.assign(regional=counts_as_regional(pairs).astype(bool)) if len(pairs) else pairs.assign(regional=[])
    return Prepared(networks, pairs, evidence_dates(networks) if len(networks) else pd.Series(dtype=object))


def counting_pairs(
    networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS, prepared: Prepared | None = None
) -> pd.DataFrame:
    """(network, Kreis) pairs that count under ``filters``, with ``current`` per pair: the one join every view
    counts with (Land-wide and national networks only under ``count_land_wide``, or in a city-state).

    With ``prepared`` (of the same ``networks``) the links and evidence dates are not computed again."""
    return _counting(*(prepared or prepare(networks)).counted(filters), filters, prepared)


def _counting(counted: pd.DataFrame, pairs: pd.DataFrame, filters: Filters, prepared: Prepared | None) -> pd.DataFrame:
    if not filters.count_land_wide:
        pairs = pairs[pairs["regional"].astype(bool)]  # astype: an empty mask of dtype object selects columns
    if prepared is not None and "pos" in pairs:
        current = prepared.current_pairs(pairs, filters)
    else:
        current_ids = set(counted.loc[is_current(counted, filters), "id"]) if len(counted) else set()
        current = pairs["id"].isin(current_ids).to_numpy(dtype=bool)
    return pairs[["id", "ags", "scope"]].assign(current=current).reset_index(drop=True)


def kreis_coverage(
    networks: pd.DataFrame, kreise: pd.DataFrame, filters: Filters = DEFAULT_FILTERS, prepared: Prepared | None = None
) -> pd.DataFrame:
    """Per Kreis (all 400, sorted by ``ags``): counts by scope, the evidence class and whether it is covered.

    Columns: ``ags``, ``name``, ``bez``, ``land``, ``population``, ``n_networks`` (all networks under the
    filters), ``n_local``, ``n_multi``, ``n_wide`` (Land-wide or national), ``n_counting`` (regional networks,
    or all under ``count_land_wide``), ``n_current`` (of those, with current evidence), ``evidence`` (the
    class key of :data:`EVIDENCE_CLASSES`) and ``covered`` (class "aktuell" only). ``prepared``
    (:func:`prepare` of the same ``networks``, shared per data version) saves the joins.
    """
    base = pd.DataFrame(kreise[["ags", "name", "bez", "land_ags", "land", "population"]]).copy()
    counted, pairs = (prepared or prepare(networks)).counted(filters)
    counting = _counting(counted, pairs, filters, prepared)
    pairs = pairs[pairs["ags"].isin(base["ags"])]
    counting = counting[counting["ags"].isin(base["ags"])]
    counts = (
        pairs.groupby(["ags", "scope"]).size().unstack(fill_value=0)
        if len(pairs)
        else pd.DataFrame(index=pd.Index([], name="ags"))
    )
    counts = counts.reindex(columns=[LOCAL, MULTI, LAND, NATIONAL], fill_value=0).add_prefix("scope_")
    base = base.merge(counts, left_on="ags", right_index=True, how="left")
    scope_counts = base.filter(like="scope_").fillna(0).astype(int)
    base["n_local"] = scope_counts[f"scope_{LOCAL}"]
    base["n_multi"] = scope_counts[f"scope_{MULTI}"]
    base["n_wide"] = scope_counts[f"scope_{LAND}"] + scope_counts[f"scope_{NATIONAL}"]
    base["n_networks"] = base["n_local"] + base["n_multi"] + base["n_wide"]
    per_kreis = counting.groupby("ags")["current"].agg(["size", "sum"])
    base["n_counting"] = base["ags"].map(per_kreis["size"]).fillna(0).astype(int)
    base["n_current"] = base["ags"].map(per_kreis["sum"]).fillna(0).astype(int)
    base["evidence"] = NONE
    base.loc[base["n_counting"] > 0, "evidence"] = OLDER
    base.loc[base["n_current"] > 0, "evidence"] = CURRENT
    base["covered"] = base["evidence"] == CURRENT
    columns = [
        "ags",
        "name",
        "bez",
        "land_ags",
        "land",
        "population",
        "n_networks",
        "n_local",
        "n_multi",
        "n_wide",
        "n_counting",
        "n_current",
        "evidence",
        "covered",
    ]
    return base[columns].sort_values("ags", ignore_index=True)


def white_spots(coverage: pd.DataFrame) -> pd.DataFrame:
    """Kreise without any documented counting network (class "keins"), most populous first."""
    spots = coverage[coverage["evidence"] == NONE]
    return spots.sort_values("population", ascending=False, ignore_index=True)


def class_counts(coverage: pd.DataFrame) -> dict[str, int]:
    """Kreise per evidence class, every class present (0 included), best first."""
    counts = coverage["evidence"].value_counts()
    return {key: int(counts.get(key, 0)) for key in EVIDENCE_CLASSES}


@dataclass(frozen=True)
class EvidenceAge:
    """How old the evidence behind the records is: what every page says instead of one "Stand" date, which
    would read as the date of the whole register."""

    current: int
    total: int
    months: int
    last_check: date | None

    def sentence(self) -> str:
        from geo.text import germanfmt as fmt

        if not self.total:
            return ""
        share = fmt.percent(self.current / self.total, 0)
        text = (
            f"{fmt.integer(self.current)} von {fmt.integer(self.total)} Netzwerken ({share}) haben einen Beleg aus "
            f"den letzten {self.months} Monaten"
        )
        return text + (f"; zuletzt geprüft am {fmt.day(self.last_check)}." if self.last_check else ".")


def evidence_age(
    networks: pd.DataFrame, last_check: date | None = None, filters: Filters = DEFAULT_FILTERS
) -> EvidenceAge:
    """Networks (not ended) with current evidence among all not ended; ``last_check``: the register's check
    date, replaced by a newer confirmation of a record if there is one."""
    live = networks[networks["status"].astype(str) != ENDED] if len(networks) else networks
    confirmed = [v[:10] for v in networks.get("bestaetigt_am", pd.Series(dtype=object)) if isinstance(v, str) and v]
    newest = max([*confirmed, *([last_check.isoformat()] if last_check else [])], default=None)
    months = filters.current_months if filters.current_months is not None else current_months()
    return EvidenceAge(
        current=int(is_current(live, filters).sum()) if len(live) else 0,
        total=len(live),
        months=months,
        last_check=date.fromisoformat(newest) if newest else None,
    )


#: Who gave a confirmation (``bestaetigt_durch``), in the words of a profile.
CONFIRMED_BY = {"meldung": "Meldung des Netzwerks", "redaktion": "Bestätigung der Redaktion", "quelle": "Quelle"}


def evidence_line(record: Mapping, filters: Filters = DEFAULT_FILTERS) -> str:
    """German line for cards and profiles: which evidence, of which date, makes the record current (or not).

    "Aktueller Beleg: Quelle vom 12.03.2025 (arbeitsagentur.de)", "Neuester Beleg: 01.05.2019 (…) – älter als
    36 Monate", "Beendet am 31.12.2015", "Kein datierter Beleg".
    """
    newest = _newest_of_one(record)
    return _evidence_line(record, filters, lambda: newest, lambda: _is_current_one(record, filters, newest))


def _newest_of_one(record: Mapping) -> str | None:
    """:func:`evidence_dates` of one record without a DataFrame (a card is drawn per record: a one-row frame
    cost ~4 ms a card, 0.1 s of a click's rerun with 25 cards)."""
    dates = [v[:10] for v in (record.get("stand"), record.get("bestaetigt_am")) if isinstance(v, str) and v]
    return max(dates, default="") or None


def _is_current_one(record: Mapping, filters: Filters, newest: str | None) -> bool:
    """:func:`is_current` of one record (same rule; ``test_coverage`` checks both agree on every record)."""
    ended_on = record.get("beendet_am")
    ended_on = ended_on[:10] if isinstance(ended_on, str) and ended_on else ""
    ended = ended_on != "" and ended_on <= filters.reference_date().isoformat()
    if filters.as_of_year is None:
        ended = ended or str(record.get("status")) == ENDED
    return (newest or "") >= filters.evidence_cutoff().isoformat() and not ended


def evidence_lines(networks: pd.DataFrame, filters: Filters = DEFAULT_FILTERS) -> pd.Series:
    """:func:`evidence_line` of every network (same index), the dates and classes computed once for all."""
    if networks.empty:
        return pd.Series(dtype=object, index=networks.index)
    dates, current = evidence_dates(networks), is_current(networks, filters)
    return pd.Series(
        [
            _evidence_line(record, filters, lambda d=d: d, lambda c=c: c)
            for record, d, c in zip(networks.to_dict("records"), dates, current, strict=True)
        ],
        index=networks.index,
        dtype=object,
    )


def _evidence_line(record: Mapping, filters: Filters, newest_of, current_of) -> str:
    from urllib.parse import urlsplit

    from geo.text import germanfmt as fmt

    ended = record.get("beendet_am")
    if isinstance(ended, str) and ended and ended[:10] <= filters.reference_date().isoformat():
        return f"Beendet am {fmt.day(date.fromisoformat(ended[:10]))}"
    if record.get("status") == ENDED:
        return "Beendet (Datum unbekannt)"
    newest = newest_of()
    if not isinstance(newest, str) or not newest:
        return "Kein datierter Beleg"
    confirmed = record.get("bestaetigt_am")
    if isinstance(confirmed, str) and confirmed[:10] == newest and record.get("bestaetigt_durch"):
        kind = CONFIRMED_BY.get(str(record["bestaetigt_durch"]), str(record["bestaetigt_durch"]))
    elif record.get("herkunft") == "quelle":
        sources = record.get("quellen") or []
        host = urlsplit(sources[0]).hostname if len(sources) else None
        kind = "Quelle" + (f" ({host.removeprefix('www.')})" if host else "")
    else:
        kind = {"meldung": "Meldung des Netzwerks", "redaktion": "Stand der Redaktion"}.get(
            str(record.get("herkunft")), "Stand"
        )
    day = fmt.day(date.fromisoformat(newest))
    months = filters.current_months if filters.current_months is not None else current_months()
    if bool(current_of()):
        return f"Aktueller Beleg: {kind} vom {day}"
    return f"Neuester Beleg: {kind} vom {day} – älter als {months} Monate"
