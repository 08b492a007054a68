"""Region resolver: free text as networks write it → current Kreis codes (AGS).

``resolve("Landkreise Barnim und Uckermark sowie Stadt Cottbus")`` reads the text with the grammar
of :mod:`geo.regions.grammar` and looks each item up in the tables of :mod:`geo.regions.regionindex`:

1. **Read** the text: an optional label before ":" (context only), a list of items split at
   ``, ; / und sowie mit …`` outside parentheses; per item determiners ("die", "im gesamten", "ganz")
   dropped, a Land adjective ("Thüringer Landkreise …") noted, type words read — a plural type word
   ("Landkreise A, B und C") applies to every following item up to the next type word.
2. **Look up** each item: codes (AGS, Gemeindeschlüssel, ARS, NUTS 2016/2021/2024, PLZ, old codes),
   Kreis names (with the item's own or inherited type: "Stadt" keeps kreisfreie Städte, "Landkreise"
   keeps Landkreise), Länder, Regierungsbezirke, documented multi-Kreis regions (aliases) and towns.
   The former name of a dissolved Kreis ("Eisenach", see ``data/crosswalk.csv``) means its successor
   and outranks small towns of that name. "Region X" is read as X only when X is a Landkreis.
   A parenthesis is part of the name ("Rotenburg (Wümme)"), a type list ("X (Stadt und Land)"), an
   enumeration with the head as label ("Region Trier (Stadt Trier, Landkreise …)"), or a qualifier
   that narrows the head ("Harburg (Niedersachsen)", "Görlitz (Oberlausitz)").
3. **Narrow** an item left ambiguous between Kreise of different Länder when every other resolved item
   (or a label, or a Land adjective) lies in one Land: the one candidate in that Land is taken and the
   decision reported ("Münster aus dem Zusammenhang: Nordrhein-Westfalen"); only a Kreis of that name
   is taken, never a town. A Land named next to Kreise inside it says where they lie ("Landkreis
   Harburg, Niedersachsen"), unless it insists on the whole ("ganz Niedersachsen", "landesweit").
   "Kreise" before a list that contains a kreisfreie Stadt is meant generally and does not decide
   between a Stadt and a Landkreis of one name ("Kreise Stuttgart und Heilbronn").

It never guesses silently: a part with several readings ("München": city 09162 or Landkreis 09184)
is reported in ``ambiguous`` with its candidates, a part that matches nothing in ``unresolved``; a
typo within a strict threshold is corrected and reported in ``corrections``; every reading that is
not literal (type word spread, context, label, former Kreis) is explained in ``notes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geo.records import model
from geo.regions import grammar
from geo.regions.grammar import LABEL_WORDS, NATIONAL_WORDS, Item
from geo.regions.regionindex import CITY_TYPES, DISTRICT_TYPES, NOTHING, Index, Reading
from geo.text.textnorm import key, tokens

__all__ = ["CITY_TYPES", "DISTRICT_TYPES", "Match", "Resolution", "clear_cache", "label_of", "resolve", "suggest"]

_NUTS = re.compile(r"^DE[0-9A-G](?:[0-9A-Z](?:[0-9A-Z]{1,2})?)?$", re.IGNORECASE)
_DIGITS = re.compile(r"^\d[\d ]*\d$|^\d$")
_CODE_PREFIX = re.compile(r"^(plz|postleitzahl|ags|kreisschluessel|ars|gkz|nuts(?:\s*3)?)\s+(.+)$")
_REGION_KINDS = frozenset({"land", "regbez", "alias", "nuts", "national"})
#: Longer text is not resolved at all (reported unresolved): every part costs a lookup, and a 1 MB
#: search string cost 26 s of CPU. Import regions are limited to the same length (geo.records.model.MAX_TEXT).
MAX_TEXT = model.BY_NAME["region"].max_len
#: Suggestions compare at most this many characters of normalised text.
MAX_SUGGEST_CHARS = 200


@dataclass(frozen=True)
class Match:
    """How one part of the text was read."""

    part: str
    kind: str  # ags, crosswalk, gemeinde, ars, nuts, plz, kreis, former, land, regbez, alias, place, national
    ags: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Resolution:
    """Result of :func:`resolve`: codes found, every part that needs a human, and how the text was read."""

    ags: list[str]
    unresolved: list[str] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    corrections: dict[str, str] = field(default_factory=dict)
    matches: list[Match] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # German, e.g. "Typwort 'Landkreise' auf 6 Einträge angewandt"

    @property
    def ok(self) -> bool:
        """True when every part resolved to exactly one reading."""
        return bool(self.ags) and not self.unresolved and not self.ambiguous

    @property
    def scope(self) -> str:
        """``bund`` (nationwide), ``land`` (a whole Land named), ``mehrere`` or ``lokal`` (one Kreis)."""
        kinds = {m.kind for m in self.matches}
        if "national" in kinds:
            return model.NATIONAL
        if "land" in kinds or any(m.kind == "nuts" and len(m.part.strip()) == 3 for m in self.matches):
            return model.LAND
        return model.MULTI if len(self.ags) > 1 else (model.LOCAL if self.ags else "")


def resolve(text: str) -> Resolution:
    """Resolve free text to current Kreise; see the module docstring for the forms understood."""
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_TEXT:
        return Resolution([], unresolved=[text])
    ags, unresolved, ambiguous, corrections, matches, notes = _resolve_text(text)
    return Resolution(list(ags), list(unresolved), dict(ambiguous), dict(corrections), list(matches), list(notes))


def suggest(text: str, limit: int = 3) -> list[str]:
    """Closest Kreis, Land and region names for an unresolved or ambiguous part (for messages)."""
    return list(_suggest(key(text[: 4 * MAX_SUGGEST_CHARS])[:MAX_SUGGEST_CHARS], limit))


@lru_cache(maxsize=16384)
def _suggest(query: str, limit: int) -> tuple[str, ...]:
    """Memoised: a file repeating one unknown name thousands of times costs one fuzzy search, not thousands."""
    return tuple(_index().suggest(query, limit))


def name_of(ags: str) -> str:
    """The display name of a Kreis (:func:`geo.regions.names.display_name`), e.g. "Landkreis Göppingen"."""
    return _index().label_of(ags)


def label_of(ags: str) -> str:
    """Readable label of a Kreis, e.g. "Landkreis München (09184)"."""
    return f"{_index().label_of(ags)} ({ags})"


@lru_cache(maxsize=65536)
def replace_part(text: str, part: str, replacement: str) -> str:
    """``text`` with every list item that reads ``part`` replaced (separators kept).

    A part that is no item of its own (joined from type words, e.g. "München, Landeshauptstadt")
    is replaced where it first occurs; a part not in ``text`` at all replaces the text.
    """
    pieces = re.split(f"({grammar.SEPARATOR.pattern})", text, flags=re.IGNORECASE)
    hits = [i for i in range(0, len(pieces), 2) if pieces[i].strip(" .-–\t") == part]
    if hits:
        for i in hits:
            pieces[i] = pieces[i].replace(part, replacement)
        return "".join(pieces)
    return text.replace(part, replacement, 1) if part in text else replacement


@lru_cache(maxsize=65536)
def _resolve_text(text: str) -> tuple:
    """Read, look up, decide from the whole text, collect; memoised per text (results are immutable)."""
    index = _index()
    parsed = _read(index, text)
    notes = list(parsed.notes)
    readings = [(item, _item(index, item, notes)) for item in _loosen(index, parsed.items, notes)]
    context = _context_laender(index, readings, parsed)
    readings = _locators(index, readings, notes)
    settled = frozenset().union(*(r.candidates[0] for _, r in readings if len(r.candidates) == 1))
    decided = [(item, _decide(index, item, reading, context, settled, notes)) for item, reading in readings]
    return _collect(decided, notes)


def _read(index: Index, text: str) -> grammar.Parse:
    """The grammar's reading, with every part written with "/" that is one name as a whole kept whole.

    The grammar asks nothing back: it lists the "/" parts it met (``Parse.slashed``); those that are names
    here go into the next reading as ``whole_names`` until no part it meets is left undecided. Usually one
    reading (no "/"), at most one more per "/" name, and the same result as asking during the reading would give.
    """
    whole: frozenset[str] = frozenset()
    while True:
        parsed = grammar.parse(text, whole)
        names = whole | {part for part in parsed.slashed if index.name(key(part), None).candidates}
        if names == whole:
            return parsed
        whole = frozenset(names)


def _decide(
    index: Index, item: Item, reading: Reading, context: set[str], settled: frozenset[str], notes: list[str]
) -> Reading:
    """An ambiguous item, decided by the rest of the text where a reader would — and reported."""
    if len(reading.candidates) > 1 and len(context) == 1:
        reading = _from_context(index, item, reading, next(iter(context)), notes)
    if len(reading.candidates) > 1 and settled:
        reading = _the_other(index, item, reading, settled, context, notes)
    if len(reading.candidates) > 1 and settled and len({settled | c for c in reading.candidates}) == 1:
        notes.append(f"'{item.text}' ist mehrdeutig, aber jede Lesart ergibt dieselben Kreise")
        reading = Reading("kreis", (min(reading.candidates, key=len),), item.text)
    return reading


def _collect(decided: list[tuple[Item, Reading]], notes: list[str]) -> tuple:
    ags: set[str] = set()
    unresolved: list[str] = []
    ambiguous: dict[str, list[str]] = {}
    corrections: dict[str, str] = {}
    matches: list[Match] = []
    for item, reading in decided:
        if not reading.candidates:
            if item.text not in unresolved:  # "X, X" is one problem, not two
                unresolved.append(item.text)
        elif len(reading.candidates) > 1:
            ambiguous[item.text] = sorted(set().union(*reading.candidates))
        else:
            codes = tuple(sorted(reading.candidates[0]))
            ags.update(codes)
            matches.append(Match(item.text, reading.kind, codes, reading.label))
            if reading.corrected:
                corrections[item.text] = reading.label
        if reading.note and reading.note not in notes:
            notes.append(reading.note)
    return (
        tuple(sorted(ags)),
        tuple(unresolved),
        tuple(ambiguous.items()),
        tuple(corrections.items()),
        tuple(matches),
        tuple(notes),
    )


def _loosen(index: Index, items: list[Item], notes: list[str]) -> list[Item]:
    """A "Kreise" list with a kreisfreie Stadt in it means Kreise generally and does not pick the Landkreis.

    "Kreise Stuttgart und Heilbronn": Stuttgart is no Landkreis, so Heilbronn stays Stadt- or Landkreis.
    """
    loose: dict[int, str] = {}
    for item in items:
        if item.generic and item.group not in loose:
            core = key(" ".join(grammar.strip_types(item.words)[1]))
            if core and not index.kreise.lookup(core, grammar.DISTRICT):
                plural = grammar.leading_plural(list(item.words)) or ()
                loose[item.group] = " ".join(_head(item).split()[len(plural) :]) or _head(item)
    if not loose:
        return items
    notes[:] = [n for n in notes if not n.startswith("Typwort 'Kreise'")]
    for example in loose.values():
        notes.append(f"'Kreise' allgemein gelesen ('{example}' ist kein Landkreis): Stadt oder Landkreis bleibt offen")
    return [replace(i, inherited=None, words=tuple(_drop_plural(i.words))) if i.group in loose else i for i in items]


def _drop_plural(words: tuple[str, ...]) -> list[str]:
    plural = grammar.leading_plural(list(words))
    return list(words[len(plural) :]) if plural else list(words)


# -- one item ---------------------------------------------------------------------------------
def _item(index: Index, item: Item, notes: list[str]) -> Reading:
    reading = _code_or_name(index, item)
    if item.paren:
        reading = _with_paren(index, item, reading, notes)
    if item.land:
        reading = _in_land(index, item, reading, notes)
    if item.only and len(reading.candidates) == 1:
        keep = CITY_TYPES if item.only == grammar.CITY else DISTRICT_TYPES
        members = frozenset(a for a in reading.candidates[0] if index.kreise.bez[a] in keep)
        kinds = "kreisfreie Städte" if item.only == grammar.CITY else "Landkreise"
        notes.append(f"'{item.text}': nur {kinds} gezählt")
        reading = Reading("region", (members,), reading.label) if members else NOTHING
    return reading


def _code_or_name(index: Index, item: Item) -> Reading:
    compact = key(" ".join(item.words))
    prefixed = _CODE_PREFIX.match(compact)
    code_kind, code = (prefixed.group(1), prefixed.group(2)) if prefixed else (None, compact)
    if _DIGITS.match(code.replace(" ", "")) or _NUTS.match(code.replace(" ", "")):
        return index.code(code.replace(" ", "").upper(), code_kind)
    if compact in NATIONAL_WORDS:
        return Reading("national", (index.kreise.current,), "Deutschland (bundesweit)")
    if item.paren:
        for whole in (item.whole, (*item.words, *item.paren)):
            reading = _name(index, whole, item.inherited, item.kind, fuzzy=False)
            if reading.candidates:
                return reading
    return _name(index, item.words, item.inherited, item.kind)


def _name(index: Index, words: tuple[str, ...], inherited: str | None, kind: str | None, fuzzy: bool = True) -> Reading:
    """Full text first ("Altenburger Land"), then without type words; an inherited type is a preference."""
    own, _ = grammar.strip_types(words)
    hint = kind or (None if own else inherited)
    if hint:
        reading = index.name(key(" ".join(words)), hint)
        if reading.candidates:
            return reading
    if not kind:
        reading = index.name(key(" ".join(words)), None)
        if reading.candidates:
            return reading
    core = ""
    for suffixes in (False, True):  # "Landkreis Main-Kinzig-Kreis" keeps its own "-Kreis"
        own, remaining = grammar.strip_types(words, suffixes=suffixes)
        core = key(" ".join(remaining))
        if not core:
            return NOTHING
        reading = index.name(core, kind or own or inherited)
        if not reading.candidates and inherited and not (kind or own):
            reading = index.name(core, None)  # "Landkreise Harburg und Hamburg": Hamburg is no Landkreis
        if reading.candidates:
            return reading
    if words and words[0] in LABEL_WORDS and len(words) > 1:
        inner = _name(index, words[1:], inherited, kind, fuzzy=False)
        single = len(inner.candidates) == 1 and len(inner.candidates[0]) == 1
        if single and index.kreise.is_district(*inner.candidates[0]):
            note = f"'{words[0].title()}' vor dem Kreisnamen als Bezeichnung gelesen: {inner.label}"
            return inner._replace(note=note)
        if inner.candidates:  # "Region Trier" is more than the city; which Kreise is not fixed
            shown = " ".join(w[:1].upper() + w[1:] for w in grammar.shown_words(words))
            return NOTHING._replace(note=f"'{shown}' ist keine feste Abgrenzung: bitte Kreise nennen")
    return index.fuzzy(core, kind or own or inherited) if fuzzy else NOTHING


def _with_paren(index: Index, item: Item, head: Reading, notes: list[str]) -> Reading:
    """A one-item parenthesis that is not part of the name: it narrows the head, or the head is a label."""
    for whole in (item.whole, (*item.words, *item.paren)):
        if _name(index, whole, item.inherited, item.kind, fuzzy=False) == head and head.candidates:
            return head  # "Rotenburg (Wümme)": the parenthesis is part of the name
    if not head.candidates:
        return head
    qualifier = _code_or_name(index, Item(item.paren_text, item.paren))
    if not qualifier.candidates:
        notes.append(f"Klammerzusatz '({item.paren_text})' nicht als Gebiet erkannt und nicht berücksichtigt")
        return head
    # head readings inside any reading of the qualifier ("Bremen (Bremen)": the city lies in the Land)
    within = tuple(c for c in head.candidates if any(c <= area for area in qualifier.candidates))
    if within:
        narrowed = len(within) < len(head.candidates)
        said = "grenzt '" + _head(item) + "' ein" if narrowed else "als Erläuterung gelesen"
        notes.append(f"'({item.paren_text})' {said}")
        label = _label(index, within) if narrowed else head.label
        return Reading(head.kind or "kreis", within, label, head.corrected, head.note)
    if len(head.candidates) == 1 and all(c <= head.candidates[0] for c in qualifier.candidates):
        notes.append(f"'{_head(item)}' als Überschrift zu '({item.paren_text})' gelesen")
        return qualifier
    notes.append(f"'{item.text}': Name und Klammer passen nicht zusammen")
    both = tuple(dict.fromkeys((*head.candidates, *qualifier.candidates)))
    return Reading("", both, item.text) if len(both) > 1 else NOTHING


def _head(item: Item) -> str:
    return item.text.split("(", 1)[0].strip()


def _in_land(index: Index, item: Item, reading: Reading, notes: list[str]) -> Reading:
    members = index.laender.members[item.land]
    within = tuple(c for c in reading.candidates if c <= members)
    if within == reading.candidates:
        return reading
    if within:
        return Reading(reading.kind or "kreis", within, _label(index, within), reading.corrected, reading.note)
    if reading.candidates:  # a contradiction is never resolved by picking: a human decides
        notes.append(f"'{item.text}' liegt nicht in {index.laender.name[item.land]}")
        return NOTHING
    return reading


def _label(index: Index, candidates: tuple[frozenset[str], ...]) -> str:
    if len(candidates) == 1 and len(candidates[0]) == 1:
        return index.label_of(next(iter(candidates[0])))
    return ""


# -- context ----------------------------------------------------------------------------------
def _locators(index: Index, readings: list[tuple[Item, Reading]], notes: list[str]) -> list[tuple[Item, Reading]]:
    """A Land next to Kreise inside it says where they lie ("Landkreis Harburg, Niedersachsen").

    Not when it insists on the whole Land ("ganz Niedersachsen", "landesweit").
    """
    kept = []
    singles = [(i, r.candidates[0]) for i, r in readings if len(r.candidates) == 1]
    for item, reading in readings:
        others = [c for i, c in singles if i is not item] if reading.kind == "land" else []
        if (
            reading.kind == "land"
            and len(reading.candidates) == 1
            and others
            and all(o <= reading.candidates[0] and len(o) < len(reading.candidates[0]) for o in others)
            and not any(t in grammar.EMPHASIS or t.endswith("weit") for t in tokens(item.text))
        ):
            notes.append(
                f"'{item.text}' als Ortsangabe gelesen, nicht als ganzes Land (für das ganze Land: 'landesweit')"
            )
            continue
        kept.append((item, reading))
    return kept


def _context_laender(index: Index, readings: list[tuple[Item, Reading]], parsed: grammar.Parse) -> set[str]:
    """The Länder of everything resolved in the text (items, labels, adjectives) — narrows ambiguous items."""
    laender: set[str] = set()
    for item, reading in readings:
        if item.land:
            laender.add(item.land)
        if len(reading.candidates) == 1 and reading.kind != "national":
            laender |= index.laender.of(reading.candidates[0])
    for label in parsed.labels:
        found = _name(index, label.words, None, None, fuzzy=False)
        if len(found.candidates) == 1 and found.kind != "national":
            laender |= index.laender.of(found.candidates[0])
    return laender


def _from_context(index: Index, item: Item, reading: Reading, land: str, notes: list[str]) -> Reading:
    members = index.laender.members[land]
    within = [c for c in reading.candidates if c <= members]
    core = key(" ".join(grammar.strip_types(item.words)[1]))
    if len(within) != 1 or not within[0] <= index.kreise.lookup(core, None):
        return reading  # only a Kreis of that name is taken from context, never a town
    notes.append(f"{item.text} aus dem Zusammenhang: {index.laender.name[land]}")
    codes = within[0]
    label = index.label_of(next(iter(codes))) if len(codes) == 1 else item.text
    return Reading("kreis", (codes,), label, reading.corrected, reading.note)


def _the_other(
    index: Index, item: Item, reading: Reading, settled: frozenset[str], context: set[str], notes: list[str]
) -> Reading:
    """A bare name is the Kreis of that name not named elsewhere ("Leipzig, Landkreis Leipzig": the city)."""
    candidates = reading.candidates
    if len(context) == 1:
        members = index.laender.members[next(iter(context))]
        candidates = tuple(c for c in candidates if c <= members) or candidates
    core = key(" ".join(grammar.strip_types(item.words)[1]))
    named = index.kreise.lookup(core, None)
    open_ = [c for c in candidates if not c <= settled]
    if len(candidates) < 2 or len(open_) != 1 or not all(c <= named for c in candidates):
        return reading
    taken = open_[0]
    label = index.label_of(next(iter(taken)))
    others = ", ".join(index.label_of(a) for c in candidates if c is not taken for a in sorted(c))
    notes.append(f"{item.text}: {label}, denn {others} ist eigens genannt")
    return Reading("kreis", (taken,), label, reading.corrected, reading.note)


@lru_cache(maxsize=1)
def _index() -> Index:
    return Index()


def clear_cache() -> None:
    """Forget the index and memoised results (after the reference data changed)."""
    _index.cache_clear()
    _resolve_text.cache_clear()
    _suggest.cache_clear()


def warm() -> None:
    """Build the index now (e.g. in a fork server, so that every forked child starts with it)."""
    _index()
