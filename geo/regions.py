"""Region resolver: free text as networks write it → current Kreis codes (AGS).

``resolve("Landkreise Barnim und Uckermark sowie Stadt Cottbus")`` splits the
text into parts and resolves each part on its own: codes (AGS, Gemeinde-
schlüssel, ARS, NUTS of 2016/2021/2024, PLZ), Kreis names with or without type
words, Länder, Regierungsbezirke, documented multi-Kreis regions (aliases) and
towns. It never guesses silently: a part with several plausible readings
("München": city 09162 or Landkreis 09184) is reported in ``ambiguous`` with
its candidates, a part that matches nothing in ``unresolved``; a typo within a
strict threshold is corrected and reported in ``corrections``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from geo import boundaries, reference
from geo.textnorm import base_key, key, tokens

CITY_TYPES = frozenset({"Kreisfreie Stadt", "Stadtkreis"})
DISTRICT_TYPES = frozenset({"Landkreis", "Kreis", "Regionalverband"})

#: Typo correction: names of at least this length, one edit (transpositions count once), two above FUZZY_LONG_NAME.
FUZZY_MIN_LENGTH = 5
FUZZY_LONG_NAME = 8
#: Longer text is not resolved at all (reported unresolved): every part costs a fuzzy search, and a 1 MB
#: search string cost 26 s of CPU. Import regions are limited to the same length (geo.records.MAX_TEXT).
MAX_TEXT = 2000
#: Suggestions compare at most this many characters of normalised text.
MAX_SUGGEST_CHARS = 200

NATIONAL_WORDS = frozenset({"deutschland", "bundesweit", "bundesgebiet", "brd", "de", "gesamtdeutschland"})
LAND_ABBREVIATIONS = {
    "bw": "08",
    "by": "09",
    "be": "11",
    "bb": "12",
    "hb": "04",
    "hh": "02",
    "he": "06",
    "mv": "13",
    "ni": "03",
    "nds": "03",
    "nw": "05",
    "nrw": "05",
    "rp": "07",
    "rlp": "07",
    "sl": "10",
    "sn": "14",
    "st": "15",
    "lsa": "15",
    "sh": "01",
    "th": "16",
}

# Type words, as token tuples (see geo.textnorm.tokens); longest first when matched.
_CITY = "city"
_DISTRICT = "district"
_LAND = "land"
_REGBEZ = "regbez"
_TYPE_PHRASES: dict[tuple[str, ...], str] = {
    **{
        p: _CITY
        for p in [
            ("kreisfreie", "stadt"),
            ("kreisfreien", "stadt"),
            ("krfr", "stadt"),
            ("kreisfr", "stadt"),
            ("krsfr", "stadt"),
            ("stadtkreis",),
            ("stadt",),
            ("hansestadt",),
            ("landeshauptstadt",),
            ("freie", "und", "hansestadt"),
            ("freie", "hansestadt"),
            ("universitaetsstadt",),
            ("wissenschaftsstadt",),
            ("kfs",),
            ("sk",),
            ("krfr",),
            ("kreisfreie",),
        ]
    },
    **{
        p: _DISTRICT
        for p in [
            ("landkreis",),
            ("lk",),
            ("lkr",),
            ("ldkr",),
            ("landkr",),
            ("lkrs",),
            ("kreis",),
            ("kr",),
            ("lkreis",),
            ("regionalverband",),
            ("staedteregion",),
        ]
    },
    **{p: _LAND for p in [("bundesland",), ("freistaat",), ("land",)]},
    **{p: _REGBEZ for p in [("regierungsbezirk",), ("reg", "bez"), ("regbez",), ("rb",), ("rbz",), ("rg", "bez")]},
}
_PLURAL_PHRASES: dict[tuple[str, ...], str] = {
    ("landkreise",): _DISTRICT,
    ("landkreisen",): _DISTRICT,
    ("kreise",): _DISTRICT,
    ("kreisen",): _DISTRICT,
    ("kreisfreie", "staedte"): _CITY,
    ("kreisfreien", "staedte"): _CITY,
    ("staedte",): _CITY,
    ("stadtkreise",): _CITY,
    ("laender",): _LAND,
    ("bundeslaender",): _LAND,
}
_ALL_PHRASES = sorted({**_TYPE_PHRASES, **_PLURAL_PHRASES}.items(), key=lambda kv: -len(kv[0]))

_SPLIT = re.compile(r"[,;/|\n]+|\s+(?:und|sowie|u\.|&|\+)\s+", re.IGNORECASE)
_NUTS = re.compile(r"^DE[0-9A-G](?:[0-9A-Z](?:[0-9A-Z]{1,2})?)?$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d[\d ]*\d$|^\d$")
_CODE_PREFIX = re.compile(r"^(plz|postleitzahl|ags|kreisschluessel|ars|gkz|nuts(?:\s*3)?)\s+(.+)$")


@dataclass(frozen=True)
class Match:
    """How one part of the text was read."""

    part: str
    kind: str  # ags, crosswalk, gemeinde, ars, nuts, plz, kreis, land, regbez, alias, place, national
    ags: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Resolution:
    """Result of :func:`resolve`: codes found, and every part that needs a human."""

    ags: list[str]
    unresolved: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)
    matches: list[Match] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every part resolved to exactly one reading."""
        return bool(self.ags) and not self.unresolved and not self.ambiguous

    @property
    def scope(self) -> str:
        """``bund`` (nationwide), ``land`` (a whole Land named), ``mehrere`` or ``lokal`` (one Kreis)."""
        kinds = {m.kind for m in self.matches}
        if "national" in kinds:
            return "bund"
        if "land" in kinds or any(m.kind == "nuts" and len(m.part.strip()) == 3 for m in self.matches):
            return "land"
        return "mehrere" if len(self.ags) > 1 else ("lokal" if self.ags else "")


def resolve(text: str) -> Resolution:
    """Resolve free text to current Kreise; see the module docstring for the forms understood."""
    ags: set[str] = set()
    unresolved: list[str] = []
    ambiguous: dict[str, list[str]] = {}
    corrections: dict[str, str] = {}
    matches: list[Match] = []
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_TEXT:
        return Resolution([], unresolved=[text])
    for part, outcome in _resolve_parts(text):
        kind, readings, label, corrected = outcome
        if not readings:
            unresolved.append(part)
        elif len(readings) > 1:
            ambiguous[part] = sorted(set().union(*readings))
        else:
            codes = tuple(sorted(readings[0]))
            ags.update(codes)
            matches.append(Match(part, kind, codes, label))
            if corrected:
                corrections[part] = label
    return Resolution(sorted(ags), unresolved, ambiguous, corrections, matches)


def suggest(text: str, limit: int = 3) -> list[str]:
    """Closest Kreis, Land and region names for an unresolved or ambiguous part (for messages)."""
    return list(_suggest(key(text[: 4 * MAX_SUGGEST_CHARS])[:MAX_SUGGEST_CHARS], limit))


@lru_cache(maxsize=16384)
def _suggest(query: str, limit: int) -> tuple[str, ...]:
    """Memoised: a file repeating one unknown name thousands of times costs one fuzzy search, not thousands."""
    index = _index()
    found = process.extract(query, index.labels_by_key.keys(), scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return tuple(index.labels_by_key[choice] for choice, _score, _ in found)


def label_of(ags: str) -> str:
    """Readable label of a Kreis, e.g. "Landkreis München (09184)"."""
    return f"{_index().kreis_label[ags]} ({ags})"


@lru_cache(maxsize=65536)
def _resolve_parts(text: str) -> tuple[tuple[str, tuple], ...]:
    index = _index()
    results = []
    for part, hint in _split(text):
        results.append((part, index.resolve_part(part, hint)))
    return tuple(results)


def _split(text: str) -> list[tuple[str, str | None]]:
    """Parts with an inherited type hint ("Landkreise A, B" → B inherits "district").

    A part made of type words only is joined to its neighbour: "München, Landeshauptstadt"
    and "Stadt und Landkreis Kassel" both mean what a reader would expect.
    """
    raw = [p.strip(" .-–\t") for p in _SPLIT.split(text) if p and p.strip(" .-–\t")]
    parts: list[str] = []
    pending_type: str | None = None
    for i, part in enumerate(raw):
        type_only = _strip_types(tokens(part))[1] == []
        if type_only and tokens(part):
            following = raw[i + 1] if i + 1 < len(raw) else None
            if following is not None and _strip_types(tokens(following))[0] is not None:
                pending_type = part  # "Stadt und Landkreis Kassel": the name comes later
                continue
            if parts:
                parts[-1] = f"{part} {parts[-1]}"  # "München, Landeshauptstadt"
                continue
        if pending_type:
            name = " ".join(_strip_types(tokens(part))[1])
            parts.append(f"{pending_type} {name}")
            pending_type = None
        parts.append(part)
    sticky: str | None = None
    out = []
    for part in parts:
        toks = tokens(part)
        plural = _leading_phrase(toks, _PLURAL_PHRASES)
        if plural:
            sticky = plural
        own = _strip_types(toks)[0]
        out.append((part, own or sticky))
    return out


def _leading_phrase(toks: list[str], phrases: dict[tuple[str, ...], str]) -> str | None:
    for phrase, kind in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
        if tuple(toks[: len(phrase)]) == phrase:
            return kind
    return None


def _strip_types(toks: list[str], suffixes: bool = True) -> tuple[str | None, list[str]]:
    """Remove leading (and trailing) type words; return (type, remaining tokens)."""
    kind: str | None = None
    toks = list(toks)
    changed = True
    while changed and toks:
        changed = False
        for phrase, phrase_kind in _ALL_PHRASES:
            n = len(phrase)
            if tuple(toks[:n]) == phrase and len(toks) >= n:
                kind = kind or phrase_kind
                toks = toks[n:]
                changed = True
                break
            if suffixes and len(toks) > n and tuple(toks[-n:]) == phrase:
                # "Kassel Land" is the Landkreis, not the Bundesland.
                kind = kind or (_DISTRICT if phrase_kind == _LAND else phrase_kind)
                toks = toks[:-n]
                changed = True
                break
    return kind, toks


class _Index:
    """All lookup tables, built once per process."""

    def __init__(self) -> None:
        kreise = boundaries.load_kreise().drop(columns="geometry")
        self.current = set(kreise["ags"])
        self.bez = dict(zip(kreise["ags"], kreise["bez"], strict=True))
        self.kreis_label = {a: f"{b} {n}" for a, b, n in zip(kreise["ags"], kreise["bez"], kreise["name"], strict=True)}
        self.kreis_by_nuts = dict(zip(kreise["nuts3"], kreise["ags"], strict=True))
        self.nuts_of = dict(zip(kreise["ags"], kreise["nuts3"], strict=True))
        self.kreis_keys: dict[str, set[str]] = defaultdict(set)
        self.labels_by_key: dict[str, str] = {}
        for ags, name in zip(kreise["ags"], kreise["name"], strict=True):
            for variant in _kreis_variants(name):
                self.kreis_keys[variant].add(ags)
            self.labels_by_key.setdefault(key(self.kreis_label[ags]), self.kreis_label[ags])
            self.labels_by_key.setdefault(key(name), name)

        self.land_members: dict[str, set[str]] = defaultdict(set)
        self.land_name: dict[str, str] = {}
        self.regbez_members: dict[str, set[str]] = defaultdict(set)
        for ags, land_ags, land, regbez in zip(
            kreise["ags"], kreise["land_ags"], kreise["land"], kreise["regbez"], strict=True
        ):
            self.land_members[land_ags].add(ags)
            self.land_name[land_ags] = land
            if regbez:
                self.regbez_members[key(regbez)].add(ags)
        self.land_keys = {key(name): code for code, name in self.land_name.items()}
        for name in self.land_name.values():
            self.labels_by_key.setdefault(key(name), name)
        self.regbez_label = {k: f"Regierungsbezirk {k.title()}" for k in self.regbez_members}

        crosswalk = boundaries.load_crosswalk()
        self.old_ags = {
            c: a for c, s, a in zip(crosswalk["code"], crosswalk["system"], crosswalk["ags"], strict=True) if s == "ags"
        }
        self.old_nuts = {
            c: a
            for c, s, a in zip(crosswalk["code"], crosswalk["system"], crosswalk["ags"], strict=True)
            if s.startswith("nuts3")
        }

        self.alias_members: dict[str, set[str]] = {}
        self.alias_label: dict[str, str] = {}
        for alias, codes in zip(*_alias_columns(), strict=True):
            self.alias_members[key(alias)] = {c.strip().zfill(5) for c in codes.split(";") if c.strip()}
            self.alias_label[key(alias)] = alias
            self.labels_by_key.setdefault(key(alias), alias)

        self.place_keys: dict[str, set[str]] = defaultdict(set)
        places = reference.load_places()
        for name, ags in zip(places["name"], places["ags"], strict=True):
            self.place_keys[key(name)].add(ags)
        plz = reference.load_plz()
        self.plz: dict[str, set[str]] = {}
        for code, eurostat, point in zip(plz["plz"], plz["ags"], plz["ags_point"], strict=True):
            self.plz[code] = {a for a in (eurostat, point) if a}
        self.fuzzy_choices = list({*self.kreis_keys, *self.land_keys, *self.regbez_members, *self.alias_members})

    # -- one part ---------------------------------------------------------------------------
    def resolve_part(self, part: str, hint: str | None) -> tuple[str, list[frozenset], str, bool]:
        """(kind, readings, label, corrected); one reading = resolved, several = ambiguous, none = unresolved."""
        compact = key(part)
        prefixed = _CODE_PREFIX.match(compact)
        code_kind, code = (prefixed.group(1), prefixed.group(2)) if prefixed else (None, compact)
        if _DIGITS.match(code.replace(" ", "")) or _NUTS.match(code.replace(" ", "")):
            return self._code(code.replace(" ", "").upper(), code_kind)
        if compact in NATIONAL_WORDS:
            return "national", [frozenset(self.current)], "Deutschland (bundesweit)", False
        direct = self._name(compact, None)
        if direct[1]:
            return direct
        for suffixes in (False, True):  # "Landkreis Main-Kinzig-Kreis" keeps its own "-Kreis"
            kind, remaining = _strip_types(tokens(part), suffixes=suffixes)
            core = key(" ".join(remaining))
            if not core:
                return "", [], "", False
            found = self._name(core, kind or hint)
            if found[1]:
                return found
        return self._fuzzy(core, kind or hint)

    def _code(self, code: str, code_kind: str | None) -> tuple[str, list[frozenset], str, bool]:
        if code.startswith("DE"):
            if code in self.kreis_by_nuts:
                return "nuts", [frozenset({self.kreis_by_nuts[code]})], f"NUTS-3 {code}", False
            if code in self.old_nuts:
                return "crosswalk", [frozenset({self.old_nuts[code]})], f"NUTS-3 {code} (alt)", False
            members = {a for n, a in self.kreis_by_nuts.items() if n.startswith(code)} if len(code) < 5 else set()
            return ("nuts", [frozenset(members)], f"NUTS {code}", False) if members else ("nuts", [], "", False)
        if code_kind in ("plz", "postleitzahl"):
            return self._plz(code)
        if len(code) == 5:
            if code in self.current:
                return "ags", [frozenset({code})], self.kreis_label[code], False
            if code in self.old_ags:
                return "crosswalk", [frozenset({self.old_ags[code]})], f"AGS {code} (alt)", False
            return self._plz(code)
        if len(code) in (8, 12):
            kreis = code[:5]
            kreis = kreis if kreis in self.current else self.old_ags.get(kreis)
            kind = "gemeinde" if len(code) == 8 else "ars"
            return (kind, [frozenset({kreis})], self.kreis_label[kreis], False) if kreis else (kind, [], "", False)
        if len(code) == 2 and code in self.land_members:
            return "land", [frozenset(self.land_members[code])], self.land_name[code], False
        return "code", [], "", False

    def _plz(self, code: str) -> tuple[str, list[frozenset], str, bool]:
        kreise = self.plz.get(code, set())
        return "plz", [frozenset({a}) for a in sorted(kreise)], f"PLZ {code}", False

    def _name(self, core: str, hint: str | None) -> tuple[str, list[frozenset], str, bool]:
        if hint == _LAND or (hint is None and core in LAND_ABBREVIATIONS):
            land = self.land_keys.get(core) or LAND_ABBREVIATIONS.get(core)
            if land:
                return "land", [frozenset(self.land_members[land])], self.land_name[land], False
            if hint == _LAND:
                return "land", [], "", False
        if hint == _REGBEZ:
            members = self.regbez_members.get(core)
            return (
                ("regbez", [frozenset(members)], self.regbez_label[core], False)
                if members
                else ("regbez", [], "", False)
            )

        kreise = self.kreis_keys.get(core, set())
        if hint == _CITY:
            kreise = {a for a in kreise if self.bez[a] in CITY_TYPES}
        elif hint == _DISTRICT:
            kreise = {a for a in kreise if self.bez[a] in DISTRICT_TYPES}
        candidates: dict[frozenset, tuple[str, str]] = {}
        for ags in sorted(kreise):
            candidates[frozenset({ags})] = ("kreis", self.kreis_label[ags])
        if hint is None or (hint == _CITY and not kreise):  # "Stadt Fürth" is the kreisfreie Stadt, not Fürth/Odw.
            for ags in sorted(self.place_keys.get(core, set())):
                candidates.setdefault(frozenset({ags}), ("place", f"{core.title()} ({self.kreis_label[ags]})"))
        if core in self.land_keys and hint is None:
            land = self.land_keys[core]
            candidates.setdefault(frozenset(self.land_members[land]), ("land", self.land_name[land]))
        if candidates:
            readings = sorted(candidates, key=sorted)
            kind, label = candidates[readings[0]] if len(readings) == 1 else ("", core)
            return kind, readings, label, False
        if core in self.regbez_members:
            return "regbez", [frozenset(self.regbez_members[core])], self.regbez_label[core], False
        if core in self.alias_members:
            return "alias", [frozenset(self.alias_members[core])], self.alias_label[core], False
        return "", [], "", False

    def _fuzzy(self, core: str, hint: str | None) -> tuple[str, list[frozenset], str, bool]:
        """Typo correction: at most 1 edit (2 for names over 8 letters), and a unique best match."""
        if len(core) < FUZZY_MIN_LENGTH:
            return "", [], "", False
        max_edits = 1 if len(core) <= FUZZY_LONG_NAME else 2
        found = process.extract(
            core, self.fuzzy_choices, scorer=DamerauLevenshtein.distance, limit=2, score_cutoff=max_edits
        )
        if not found:
            return "", [], "", False
        if len(found) > 1 and found[1][1] == found[0][1]:
            readings = [r for choice, _d, _ in found for r in self._name(choice, hint)[1]]
            return "fuzzy", readings, core, False
        kind, readings, label, _ = self._name(found[0][0], hint)
        if len(readings) == 1:
            label = self.labels_by_key.get(found[0][0], label)
        return kind, readings, label, True


def _kreis_variants(name: str) -> set[str]:
    """Keys a Kreis is known by: full name, name without qualifier, without "Region"/"Städteregion"."""
    variants = {key(name), base_key(name)}
    for prefix in ("Region ", "Regionalverband ", "Städteregion "):
        if name.startswith(prefix):
            variants.add(key(name.removeprefix(prefix)))
    return {v for v in variants if v}


def _alias_columns() -> tuple[list[str], list[str]]:
    aliases = reference.load_aliases()
    return list(aliases["alias"]), list(aliases["ags"])


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def clear_cache() -> None:
    """Forget the index and memoised results (after the reference data changed)."""
    _index.cache_clear()
    _resolve_parts.cache_clear()
    _suggest.cache_clear()


def warm() -> None:
    """Build the index now (e.g. in a fork server, so that every forked child starts with it)."""
    _index()
