"""Lookup tables of the region resolver, one small class per source.

Each source answers one question for a normalised key (see :mod:`geo.text.textnorm`)
and returns a :class:`Reading`: the Kreis sets the key may mean. One set means
resolved, several mean ambiguous, none means unknown. The grammar
(:mod:`geo.regions.grammar`) decides *which* key and type to ask for;
:mod:`geo.regions.resolver` combines the answers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from geo.records.model import CITY_TYPES
from geo.regions import boundaries, reference
from geo.regions.grammar import CITY, DISTRICT, LAND, LAND_ABBREVIATIONS, REGBEZ
from geo.regions.names import display_names
from geo.text import germanfmt
from geo.text.germanfmt import count
from geo.text.textnorm import base_key, key

DISTRICT_TYPES = frozenset({"Landkreis", "Kreis", "Regionalverband"})

#: Typo correction: names of at least this length, one edit (transpositions count once), two above FUZZY_LONG_NAME.
FUZZY_MIN_LENGTH = 5
FUZZY_LONG_NAME = 8


class Reading(NamedTuple):
    """What a key may mean: ``candidates`` holds one Kreis set per reading."""

    kind: str  # ags, crosswalk, gemeinde, ars, nuts, plz, kreis, former, land, regbez, alias, place, national, fuzzy
    candidates: tuple[frozenset[str], ...]
    label: str
    corrected: bool = False
    note: str = ""


NOTHING = Reading("", (), "")


class KreisNames:
    """The 400 current Kreise by name, with their type (city or district) and readable labels."""

    def __init__(self, kreise) -> None:
        self.current = frozenset(kreise["ags"])
        self.bez = dict(zip(kreise["ags"], kreise["bez"], strict=True))
        self.full = {a: f"{b} {n}" for a, b, n in zip(kreise["ags"], kreise["bez"], kreise["name"], strict=True)}
        self.label = dict(zip(kreise["ags"], display_names(kreise.reset_index(drop=True)), strict=True))
        self.keys: dict[str, set[str]] = defaultdict(set)
        for ags, name in zip(kreise["ags"], kreise["name"], strict=True):
            for variant in _kreis_variants(name):
                self.keys[variant].add(ags)

    def lookup(self, core: str, hint: str | None) -> set[str]:
        found = self.keys.get(core, set())
        if hint == CITY:
            return {a for a in found if self.bez[a] in CITY_TYPES}
        if hint == DISTRICT:
            return {a for a in found if self.bez[a] in DISTRICT_TYPES}
        return set(found)

    def is_district(self, ags: str) -> bool:
        return self.bez[ags] in DISTRICT_TYPES


class Laender:
    """The 16 Länder (by name and abbreviation) and their Kreise."""

    def __init__(self, kreise) -> None:
        self.members: dict[str, frozenset[str]] = {}
        self.name: dict[str, str] = {}
        self.land_of: dict[str, str] = dict(zip(kreise["ags"], kreise["land_ags"], strict=True))
        for land_ags, group in kreise.groupby("land_ags"):
            self.members[land_ags] = frozenset(group["ags"])
            self.name[land_ags] = group["land"].iloc[0]
        self.keys = {key(name): code for code, name in self.name.items()}

    def code(self, core: str, abbreviations: bool = True) -> str | None:
        return self.keys.get(core) or (LAND_ABBREVIATIONS.get(core) if abbreviations else None)

    def reading(self, land: str) -> Reading:
        return Reading("land", (self.members[land],), self.name[land])

    def of(self, codes) -> set[str]:
        """The Länder a set of Kreise lies in."""
        return {self.land_of[a] for a in codes}


class Regierungsbezirke:
    def __init__(self, kreise) -> None:
        self.members: dict[str, frozenset[str]] = {}
        for regbez, group in kreise[kreise["regbez"] != ""].groupby("regbez"):
            self.members[key(regbez)] = frozenset(group["ags"])
        self.label = {k: f"Regierungsbezirk {k.title()}" for k in self.members}

    def lookup(self, core: str) -> Reading:
        members = self.members.get(core)
        return Reading("regbez", (members,), self.label[core]) if members else NOTHING


class Aliases:
    """Documented regions that span several Kreise (``data/region_aliases.csv``)."""

    def __init__(self) -> None:
        aliases = reference.load_aliases()
        self.members: dict[str, frozenset[str]] = {}
        self.label: dict[str, str] = {}
        self.source: dict[str, str] = {}
        for alias, codes, source in zip(aliases["alias"], aliases["ags"], aliases["source"], strict=True):
            self.members[key(alias)] = frozenset(c.strip().zfill(5) for c in codes.split(";") if c.strip())
            self.label[key(alias)] = alias
            self.source[key(alias)] = source

    def lookup(self, core: str) -> Reading:
        members = self.members.get(core)
        if not members:
            return NOTHING
        kreise = count(len(members), "Kreis", "Kreise")
        note = f"'{self.label[core]}' als dokumentierte Region gelesen: {kreise} ({self.source[core]})"
        return Reading("alias", (members,), self.label[core], note=note)


class Places:
    """Towns (GeoNames, ≥ 500 inhabitants) → the Kreise they lie in; one name may lie in several."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = defaultdict(set)
        places = reference.load_places()
        for name, ags in zip(places["name"], places["ags"], strict=True):
            self.keys[key(name)].add(ags)

    def lookup(self, core: str) -> set[str]:
        return self.keys.get(core, set())


class FormerKreise:
    """Kreise dissolved by a reform (``data/crosswalk.csv``): old AGS and old name → successor."""

    def __init__(self) -> None:
        crosswalk = boundaries.load_crosswalk()
        self.ags: dict[str, str] = {}
        self.by_name: dict[str, tuple[str, str, str]] = {}  # key → (successor, old AGS, last valid day)
        names = crosswalk["name"] if "name" in crosswalk.columns else [""] * len(crosswalk)
        for code, system, ags, until, name in zip(
            crosswalk["code"], crosswalk["system"], crosswalk["ags"], crosswalk["valid_until"], names, strict=True
        ):
            if system != "ags":
                continue
            self.ags[code] = ags
            if name:
                self.by_name[key(name)] = (ags, code, until)
        self.nuts = {
            c: a
            for c, s, a in zip(crosswalk["code"], crosswalk["system"], crosswalk["ags"], strict=True)
            if s.startswith("nuts3")
        }


class Postcodes:
    def __init__(self) -> None:
        plz = reference.load_plz()
        self.kreise: dict[str, set[str]] = {}
        for code, eurostat, point in zip(plz["plz"], plz["ags"], plz["ags_point"], strict=True):
            self.kreise[code] = {a for a in (eurostat, point) if a}

    def lookup(self, code: str) -> Reading:
        return Reading("plz", tuple(frozenset({a}) for a in sorted(self.kreise.get(code, set()))), f"PLZ {code}")


class Index:
    """All sources, built once per process; :meth:`name`, :meth:`code` and :meth:`fuzzy` combine them."""

    def __init__(self) -> None:
        kreise = boundaries.load_kreise().drop(columns="geometry")
        self.kreise = KreisNames(kreise)
        self.laender = Laender(kreise)
        self.regbez = Regierungsbezirke(kreise)
        self.aliases = Aliases()
        self.places = Places()
        self.former = FormerKreise()
        self.postcodes = Postcodes()
        self.kreis_by_nuts = dict(zip(kreise["nuts3"], kreise["ags"], strict=True))
        self.labels_by_key: dict[str, str] = {}
        for ags, name in zip(kreise["ags"], kreise["name"], strict=True):
            self.labels_by_key.setdefault(key(self.kreise.full[ags]), self.kreise.full[ags])
            self.labels_by_key.setdefault(key(name), name)
        for name in self.laender.name.values():
            self.labels_by_key.setdefault(key(name), name)
        for alias_key, alias in self.aliases.label.items():
            self.labels_by_key.setdefault(alias_key, alias)
        self._add_short_names(kreise)
        self.fuzzy_choices = list({*self.kreise.keys, *self.laender.keys, *self.regbez.members, *self.aliases.members})

    def label_of(self, ags: str) -> str:
        return self.kreise.label[ags]

    def _add_short_names(self, kreise) -> None:
        """Short forms of "-Kreis" names ("Main-Kinzig"), unless they name something else ("Rhein-Neckar")."""
        taken = {*self.kreise.keys, *self.laender.keys, *self.regbez.members, *self.aliases.members, *self.places.keys}
        for ags, name in zip(kreise["ags"], kreise["name"], strict=True):
            words = key(name).split()
            if len(words) >= 3 and words[-1] == "kreis" and " ".join(words[:-1]) not in taken:
                self.kreise.keys[" ".join(words[:-1])].add(ags)

    # -- names ------------------------------------------------------------------------------
    def name(self, core: str, hint: str | None) -> Reading:
        """Every reading of a name key under a type hint (city, district, land, regbez or None)."""
        laender = self.laender
        if hint == LAND or (hint is None and core in LAND_ABBREVIATIONS):
            land = laender.code(core)
            if land:
                return laender.reading(land)
            if hint == LAND:
                return NOTHING
        if hint == REGBEZ:
            return self.regbez.lookup(core)

        kreise = self.kreise.lookup(core, hint)
        candidates: dict[frozenset, tuple[str, str]] = {}
        for ags in sorted(kreise):
            candidates[frozenset({ags})] = ("kreis", self.kreise.label[ags])
        former = self.former.by_name.get(core)
        note = ""
        if former and hint != DISTRICT and not kreise:
            successor, old_code, until = former
            candidates[frozenset({successor})] = ("former", self.kreise.label[successor])
            note = (
                f"{core.title()}: bis {_german_date(until)} eigener Kreis (AGS {old_code}), "
                f"seit {_german_date(until, 1)} Teil von {self.kreise.label[successor]}"
            )
        elif hint is None or (hint == CITY and not kreise):  # "Stadt Fürth" is the kreisfreie Stadt, not Fürth/Odw.
            for ags in sorted(self.places.lookup(core)):
                candidates.setdefault(frozenset({ags}), ("place", f"{core.title()} ({self.kreise.label[ags]})"))
        if core in laender.keys and hint is None:
            land = laender.keys[core]
            candidates.setdefault(laender.members[land], ("land", laender.name[land]))
        if candidates:
            readings = tuple(sorted(candidates, key=sorted))
            kind, label = candidates[readings[0]] if len(readings) == 1 else ("", core)
            return Reading(kind, readings, label, False, note if len(readings) == 1 else "")
        if hint in (CITY, DISTRICT):  # "Kreise Düsseldorf und Kleve": never the Regierungsbezirk
            return NOTHING
        if core in self.regbez.members:
            return self.regbez.lookup(core)
        return self.aliases.lookup(core)

    def fuzzy(self, core: str, hint: str | None) -> Reading:
        """Typo correction: at most 1 edit (2 for names over 8 letters), and a unique best match."""
        if len(core) < FUZZY_MIN_LENGTH:
            return NOTHING
        max_edits = 1 if len(core) <= FUZZY_LONG_NAME else 2
        found = process.extract(
            core, self.fuzzy_choices, scorer=DamerauLevenshtein.distance, limit=2, score_cutoff=max_edits
        )
        if not found:
            return NOTHING
        if len(found) > 1 and found[1][1] == found[0][1]:
            candidates = tuple(r for choice, _d, _ in found for r in self.name(choice, hint).candidates)
            return Reading("fuzzy", candidates, core)
        reading = self.name(found[0][0], hint)
        label = self.labels_by_key.get(found[0][0], reading.label) if len(reading.candidates) == 1 else reading.label
        return Reading(reading.kind, reading.candidates, label, True, reading.note)

    def suggest(self, text: str, limit: int) -> list[str]:
        found = process.extract(key(text), self.labels_by_key.keys(), scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [self.labels_by_key[choice] for choice, _score, _ in found]

    # -- codes ------------------------------------------------------------------------------
    def code(self, code: str, code_kind: str | None) -> Reading:
        """A code without spaces, upper-case: NUTS, AGS (5), Gemeindeschlüssel (8), ARS (12), PLZ, Land (2)."""
        current = self.kreise.current
        if code.startswith("DE"):
            if code in self.kreis_by_nuts:
                return Reading("nuts", (frozenset({self.kreis_by_nuts[code]}),), f"NUTS-3 {code}")
            if code in self.former.nuts:
                return Reading("crosswalk", (frozenset({self.former.nuts[code]}),), f"NUTS-3 {code} (alt)")
            members = {a for n, a in self.kreis_by_nuts.items() if n.startswith(code)} if len(code) < 5 else set()
            return Reading("nuts", (frozenset(members),), f"NUTS {code}") if members else Reading("nuts", (), "")
        if code_kind in ("plz", "postleitzahl"):
            return self.postcodes.lookup(code)
        if len(code) == 5:
            if code in current:
                return Reading("ags", (frozenset({code}),), self.kreise.label[code])
            if code in self.former.ags:
                return Reading("crosswalk", (frozenset({self.former.ags[code]}),), f"AGS {code} (alt)")
            return self.postcodes.lookup(code)
        if len(code) in (8, 12):
            kreis = code[:5]
            kreis = kreis if kreis in current else self.former.ags.get(kreis)
            kind = "gemeinde" if len(code) == 8 else "ars"
            return Reading(kind, (frozenset({kreis}),), self.kreise.label[kreis]) if kreis else Reading(kind, (), "")
        if len(code) == 2 and code in self.laender.members:
            return self.laender.reading(code)
        return Reading("code", (), "")


def _kreis_variants(name: str) -> set[str]:
    """Keys a Kreis is known by: full name, name without qualifier, without "Region"/"Städteregion"."""
    variants = {key(name), base_key(name)}
    for prefix in ("Region ", "Regionalverband ", "Städteregion "):
        if name.startswith(prefix):
            variants.add(key(name.removeprefix(prefix)))
    return {v for v in variants if v}


def _german_date(iso: str, days_later: int = 0) -> str:
    return germanfmt.day(date.fromisoformat(iso) + timedelta(days=days_later))
