"""How people write regions: free text → items to look up, with type words, labels and qualifiers.

The grammar (``*`` = any number, ``?`` = optional)::

    text       = (label ":")? list
    list       = item (separator item)*            separators: , ; / | newline  und  sowie  mit  inkl.  &  +
    item       = determiner* adjective? type* name type? ("(" paren ")")?
    determiner = die der das den dem des im in ganz gesamte(n) alle sämtliche …
    adjective  = a Land adjective ("Thüringer", "bayerische", "niedersächsischen") before a type word:
                 every item it covers must lie in that Land
    type       = singular (Landkreis, Kreis, Stadt, kreisfreie Stadt, StädteRegion, Land, Bundesland,
                 Regierungsbezirk …): this item only;
                 plural (Landkreise, Kreise, Städte, kreisfreie Städte …): this and every following item
                 until the next type word ("Landkreise A, B und C")
    paren      = types            "X (Stadt und Landkreis)": X once per type
               | list of ≥ 2      "Region Trier (Stadt Trier, Landkreise …)": the list; the head is a label
               | qualifier        "(landesweit)", "(flächendeckend)": noted, changes nothing
               | one item         "Rotenburg (Wümme)" if the whole is a name, else a qualifier that narrows
                                  the head ("Görlitz (Oberlausitz)", "Harburg (Niedersachsen)")
    label      = anything before the first ":" ("Münsterland: Borken, …"): context, not content
    area       = plural "in"|"im"|"des" name ("alle Landkreise in Sachsen"): that area, only Kreise of that type

A part made only of type words is joined to its neighbour ("Stadt und Landkreis Kassel", "Landkreis und
Stadt X", "Stadt- und Landkreis X", "München, Landeshauptstadt", "Kassel Stadt und Land"). "<Land>weit"
("sachsenweit", "NRW-weit") names that Land. This module only reads the text; which name a key means is
decided in :mod:`geo.regions.resolver` with the lookup tables of :mod:`geo.regions.regionindex`.

The grammar never asks the resolver anything (issue 23): whether a part with "/" is one name
("Reichenbach/Vogtland") or two ("Uckermark/Barnim") comes in as data, ``whole_names``, and every such
part the grammar met is listed in :attr:`Parse.slashed`, so the resolver can look them up and read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geo.text.textnorm import tokens

CITY = "city"
DISTRICT = "district"
LAND = "land"
REGBEZ = "regbez"

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
#: Land names (as tokens) and the stems of their adjectives; an adjective is a stem plus e/en/er/es/em or "er".
_LAENDER: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "01": (("schleswig", "holstein"), ("schleswig holsteinisch",)),
    "02": (("hamburg",), ("hamburgisch",)),
    "03": (("niedersachsen",), ("niedersaechsisch",)),
    "04": (("bremen",), ("bremisch",)),
    "05": (("nordrhein", "westfalen"), ("nordrhein westfaelisch",)),
    "06": (("hessen",), ("hessisch",)),
    "07": (("rheinland", "pfalz"), ("rheinland pfaelzisch",)),
    "08": (("baden", "wuerttemberg"), ("baden wuerttembergisch",)),
    "09": (("bayern",), ("bayerisch", "bayrisch")),
    "10": (("saarland",), ("saarlaendisch",)),
    "11": (("berlin",), ("berlinisch",)),
    "12": (("brandenburg",), ("brandenburgisch",)),
    "13": (("mecklenburg", "vorpommern"), ("mecklenburg vorpommersch",)),
    "14": (("sachsen",), ("saechsisch",)),
    "15": (("sachsen", "anhalt"), ("sachsen anhaltisch", "sachsen anhaltinisch")),
    "16": (("thueringen",), ("thueringisch", "thuering")),
}
_ENDINGS = ("", "e", "en", "er", "es", "em")
#: Adjective token sequences → Land code ("thueringer" → "16", "niedersaechsischen" → "03").
LAND_ADJECTIVES: dict[tuple[str, ...], str] = {
    (*stem.split()[:-1], stem.split()[-1] + ending): code
    for code, (_, stems) in _LAENDER.items()
    for stem in stems
    for ending in _ENDINGS
    if not (stem == "thuering" and ending != "er")
}
LAND_WORDS: dict[tuple[str, ...], str] = {words: code for code, (words, _) in _LAENDER.items()} | {
    (abbr,): code for abbr, code in LAND_ABBREVIATIONS.items()
}

# Type words, as token tuples (see geo.text.textnorm.tokens); longest first when matched.
_CITY_WORDS = [
    ("kreisfreie", "stadt"),
    ("kreisfreien", "stadt"),
    ("krfr", "stadt"),
    ("kreisfr", "stadt"),
    ("krsfr", "stadt"),
    ("stadtkreis",),
    ("stadtkreises",),
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
_DISTRICT_WORDS = [
    ("landkreis",),
    ("landkreises",),
    ("lk",),
    ("lkr",),
    ("ldkr",),
    ("landkr",),
    ("lkrs",),
    ("krs",),
    ("kreis",),
    ("kreises",),
    ("kr",),
    ("lkreis",),
    ("regionalverband",),
    ("staedteregion",),
]
TYPE_PHRASES: dict[tuple[str, ...], str] = {
    **dict.fromkeys(_CITY_WORDS, CITY),
    **dict.fromkeys(_DISTRICT_WORDS, DISTRICT),
    **dict.fromkeys([("bundesland",), ("bundeslandes",), ("freistaat",), ("freistaates",), ("land",)], LAND),
    **dict.fromkeys([("regierungsbezirk",), ("reg", "bez"), ("regbez",), ("rb",), ("rbz",), ("rg", "bez")], REGBEZ),
}
PLURAL_PHRASES: dict[tuple[str, ...], str] = {
    ("landkreise",): DISTRICT,
    ("landkreisen",): DISTRICT,
    ("kreise",): DISTRICT,
    ("kreisen",): DISTRICT,
    ("kreisfreie", "staedte"): CITY,
    ("kreisfreien", "staedte"): CITY,
    ("kreisfreien", "staedten"): CITY,
    ("staedte",): CITY,
    ("staedten",): CITY,
    ("stadtkreise",): CITY,
    ("laender",): LAND,
    ("bundeslaender",): LAND,
}
ALL_PHRASES = sorted({**TYPE_PHRASES, **PLURAL_PHRASES}.items(), key=lambda kv: -len(kv[0]))
#: "Kreise" is also said of kreisfreie Städte (Stadtkreise in Baden-Württemberg); "Landkreise" is not.
GENERIC_PLURALS = frozenset({("kreise",), ("kreisen",)})
_PLURALS = sorted(PLURAL_PHRASES.items(), key=lambda kv: -len(kv[0]))

#: Words before a name that do not change what it means ("die Stadt X", "im gesamten Saarland", "ganz Sachsen").
DETERMINERS = frozenset(
    {
        "die",
        "der",
        "das",
        "den",
        "dem",
        "des",
        "im",
        "in",
        "ganz",
        "ganze",
        "ganzen",
        "ganzes",
        "gesamt",
        "gesamte",
        "gesamten",
        "gesamtes",
        "gesamter",
        "komplette",
        "kompletten",
        "alle",
        "allen",
        "saemtliche",
        "saemtlichen",
    }
)
#: Words that insist on a whole area ("ganz Sachsen", "landesweit"): such a Land is content, never a locator.
EMPHASIS = frozenset(
    {"ganz", "ganze", "ganzen", "ganzes", "gesamt", "gesamte", "gesamten", "gesamtes", "gesamter", "insgesamt"}
    | {"komplett", "komplette", "kompletten", "alle", "allen", "saemtliche", "saemtlichen", "flaechendeckend"}
)
#: Words after a name, or a whole parenthesis, that qualify without naming a place.
QUALIFIERS = frozenset({"landesweit", "flaechendeckend", "gesamt", "insgesamt", "komplett", "vollstaendig"})
#: A label word that may stand before a Kreis name ("Region Waldeck-Frankenberg").
LABEL_WORDS = frozenset({"region"})

SEPARATOR = re.compile(
    r"[,;|\n]+|(?<!freie)\s+und\s+|\s+(?:sowie|u\.|&|\+|mit|inkl\.?|inklusive|einschl\.?|einschließlich|zzgl\.?|zuzüglich)\s+",
    re.IGNORECASE,
)
_SLASH = re.compile(r"/+")
_TRIM = " .-–\t:"


@dataclass(frozen=True)
class Item:
    """One thing to look up. ``words`` are tokens without determiners and Land adjective."""

    text: str  # as written; the key of ``unresolved``/``ambiguous``
    words: tuple[str, ...]
    inherited: str | None = None  # type from a plural before it ("Landkreise A, B": B is a district)
    land: str | None = None  # Land code from an adjective ("Thüringer Landkreise …")
    paren: tuple[str, ...] = ()  # tokens of a parenthesis that is a name part or a qualifier
    paren_text: str = ""
    kind: str | None = None  # type set by a "(Stadt und Land)" parenthesis
    whole: tuple[str, ...] = ()  # all tokens in their order, parenthesis included ("Freiburg (Elbe) Flecken")
    only: str | None = None  # "alle Landkreise in Sachsen": only Kreise of this type within the area
    group: int = 0  # items covered by one plural type word share a group
    generic: bool = False  # that plural is "Kreise", which may also mean (Stadt)kreise


@dataclass
class Parse:
    """Items to look up, labels (context only) and how the text was read (German notes)."""

    items: list[Item] = field(default_factory=list)
    labels: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    whole_names: frozenset[str] = frozenset()  # parts with "/" read as one name (the input, see parse)
    slashed: list[str] = field(default_factory=list)  # every part with "/" met, as written, in order


def parse(text: str, whole_names: frozenset[str] = frozenset()) -> Parse:
    """Read a region text into items; see the module docstring for the grammar.

    A part with "/" that is in ``whole_names`` is one name and not split at "/" ("Reichenbach/Vogtland"
    is one town, "Uckermark/Barnim" two Kreise). Every part with "/" the reading met is listed in
    ``slashed``: a caller that knows names checks those and reads again with the names among them
    (``geo.regions.resolver``); a reading whose ``slashed`` names are all decided by ``whole_names`` is final.
    """
    result = Parse(whole_names=frozenset(whole_names))
    head, body = _label(text)
    if head is not None:
        label_words = tokens(head)
        if _strip_types(label_words)[1] == [] and label_words:
            body = f"{head} {body}"  # "Landkreise: A, B" is a type word, not a label
        elif _split(body, result):
            label = _item(head)
            result.labels.append(label)
            result.notes.append(f"'{head.strip()}' als Überschrift gelesen")
        else:
            body = head  # "Sachsen: landesweit"
            if body.strip():
                result.notes.append(f"'{text.split(':', 1)[1].strip()}' als Erläuterung gelesen")
    _list(body, result, None)
    return result


def strip_types(words: tuple[str, ...] | list[str], suffixes: bool = True) -> tuple[str | None, list[str]]:
    """Remove leading (and trailing) type words; return (type, remaining tokens)."""
    return _strip_types(list(words), suffixes)


def leading_plural(words: list[str]) -> tuple[str, ...] | None:
    for phrase, _kind in _PLURALS:
        if tuple(words[: len(phrase)]) == phrase:
            return phrase
    return None


# -- structure -------------------------------------------------------------------------------
def _label(text: str) -> tuple[str | None, str]:
    if ":" not in text:
        return None, text
    depth = 0
    for i, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if char == ":" and depth == 0:
            return text[:i], text[i + 1 :]
    return None, text


def _split(text: str, result: Parse) -> list[str]:
    """Split at separators outside parentheses; "/" only where the part is not a name as a whole."""
    parts = []
    for part in _split_at(text, SEPARATOR):
        if "/" in part:
            result.slashed.append(part)
        parts.extend([part] if "/" not in part or part in result.whole_names else _split_at(part, _SLASH))
    return parts


def _split_at(text: str, separator: re.Pattern) -> list[str]:
    if "(" not in text:
        return [p.strip(_TRIM) for p in separator.split(text) if p and p.strip(_TRIM)]
    depth_at = []
    depth = 0
    for char in text:
        depth += char == "("
        depth_at.append(depth)
        depth -= char == ")"
        depth = max(depth, 0)
    parts, start = [], 0
    for match in separator.finditer(text):
        if depth_at[match.start()] == 0 and (match.end() >= len(depth_at) or depth_at[match.end() - 1] == 0):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p.strip(_TRIM) for p in parts if p.strip(_TRIM)]


def _paren(part: str) -> tuple[str, str | None]:
    """("Rotenburg", "Wümme") for "Rotenburg (Wümme)"; the last top-level parenthesis, the rest is the head.

    "Nienburg (Weser) (Niedersachsen)": the first parenthesis belongs to the name, the last qualifies it.
    """
    groups, depth, start = [], 0, -1
    for i, char in enumerate(part):
        if char == "(":
            start = i if depth == 0 else start
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    if depth:  # unclosed: the rest is the parenthesis
        groups.append((start, len(part)))
    if not groups:
        return part, None
    open_at, close_at = groups[-1]
    head = (part[:open_at] + " " + part[close_at + 1 :]).strip(_TRIM)
    return head, part[open_at + 1 : close_at].strip()


class _Sticky:
    """A plural type word and the items it covers so far."""

    def __init__(self, kind: str, words: tuple[str, ...], land: str | None) -> None:
        self.kind, self.words, self.land, self.count = kind, words, land, 0


def _list(text: str, result: Parse, sticky: _Sticky | None) -> None:
    """Items of a list, with type words carried as people mean them (plurals forward, type-only parts joined)."""
    parts = _split(text, result)
    pending: list[str] = []  # type-only parts waiting for their name ("Stadt und Landkreis Kassel")
    stickies: list[_Sticky] = []
    previous: Item | None = None
    for i, part in enumerate(parts):
        head, inner = _paren(part)
        words, land = _front(tokens(head))
        if inner is None and words and _strip_types(words)[1] == []:
            following = parts[i + 1] if i + 1 < len(parts) else ""
            if _strip_types(_front(tokens(_paren(following)[0]))[0])[0] is not None:
                pending.append(head)  # the name comes later
                continue
            if previous is not None and previous.words:
                previous = _type_after(result, previous, head, words)
                continue
        within = _plural_within(words)
        if within is not None and inner is None:
            # "alle Landkreise (und kreisfreien Städte) in Sachsen": the area, of these types
            kinds = {within[0], *(_strip_types(tokens(w))[0] for w in pending)}
            only = None if {CITY, DISTRICT} <= kinds else within[0]
            pending = []
            previous = _add(result, Item(part, tuple(within[1]), land=land, only=only), None)
            sticky = None
            continue
        plural = leading_plural(words)
        if plural:
            sticky = _Sticky(PLURAL_PHRASES[plural], plural, land)
            stickies.append(sticky)
        elif _strip_types(words, suffixes=False)[0] is not None or land:
            sticky = None  # a leading singular type word ends the plural's reach ("Ilm-Kreis" does not)
        if land and not plural:
            result.notes.append(f"{head}: nur in {_LAND_NAMES[land]} gesucht")
        for waiting in pending:
            name = " ".join(_strip_types(words)[1])
            previous = _add(result, Item(f"{waiting} {name}", (*tokens(waiting), *_strip_types(words)[1])), None)
        pending = []
        if inner is not None:
            previous = _with_paren(part, head, words, inner, land, result, sticky)
        else:
            previous = _add(result, Item(part, tuple(words), land=land), sticky)
    for waiting in pending:  # type words with no name after them
        previous = _add(result, Item(waiting, tuple(tokens(waiting))), sticky)
    for done in stickies:
        if done.count >= 2:
            result.notes.append(f"Typwort '{_shown(done.words)}' auf {done.count} Einträge angewandt")
        if done.land:
            result.notes.append(f"Alle {_shown(done.words)} in {_LAND_NAMES[done.land]} gesucht")


def _type_after(result: Parse, previous: Item, head: str, words: list[str]) -> Item:
    """A part made of type words only, after an item: the same name once more, or the item's own type word."""
    own_kind, name = _strip_types(list(previous.words))
    kind = _strip_types(words)[0]
    kind = DISTRICT if kind == LAND else kind
    if own_kind not in (None, kind) and name:
        # "Kassel Stadt und Land", "Stadt Kassel und Landkreis": the same name once more
        return _add(result, Item(f"{head} {_shown(name)}", tuple(name), kind=kind), None)
    merged = replace(  # "München, Landeshauptstadt"
        previous,
        text=f"{head} {previous.text}",
        words=(*words, *previous.words),
        whole=(*words, *previous.whole) if previous.whole else (),
    )
    last = len(result.items) - 1 if result.items and result.items[-1] is previous else result.items.index(previous)
    result.items[last] = merged
    return merged


def _with_paren(
    part: str, head: str, words: list[str], inner: str, land: str | None, result: Parse, sticky: _Sticky | None
) -> Item | None:
    """An item with a parenthesis: coverage note, type list, qualifier words, enumeration, or one qualifier."""
    inner_parts = _split(inner, result)
    inner_words = [_front(tokens(p))[0] for p in inner_parts]
    if any(leading_plural(w) and _strip_types(w)[1] == [] for w in inner_words):
        # "Thüringen (alle Landkreise und kreisfreien Städte)" says what the head covers
        result.notes.append(f"'({inner})' als Erläuterung gelesen")
        return _add(result, Item(part, tuple(words), land=land), sticky)
    if inner_parts and all(w and _strip_types(w)[1] == [] for w in inner_words):
        # "Kassel (Stadt und Landkreis)": the name once per type word
        name = _strip_types(words)[1]
        item = None
        for text, kind_words in zip(inner_parts, inner_words, strict=True):
            kind = _strip_types(kind_words)[0]
            kind = DISTRICT if kind == LAND else kind
            item = _add(result, Item(f"{head} ({text})", tuple(name), land=land, kind=kind), sticky)
        result.notes.append(f"'({inner})' auf {head} angewandt")
        return item
    qualifier = [w for w in tokens(inner) if w not in QUALIFIERS]
    if not qualifier:
        result.notes.append(f"'({inner})' als Erläuterung gelesen")
        if "landesweit" in tokens(inner) and _strip_types(words)[0] is None:
            words = ["land", *words]  # "Brandenburg (landesweit)" is the Land, not the city
        return _add(result, Item(part, tuple(words), land=land), sticky)
    listed = len(_split_at(inner, SEPARATOR)) >= 2 or (len(inner_parts) >= 2 and len(inner.split("/")) > 2)
    if listed or leading_plural(inner_words[0] if inner_words else []):  # "Winsen/Luhe" is one name
        if words and _strip_types(words)[1] != []:
            result.labels.append(Item(head, tuple(words), land=land))
            result.notes.append(f"'{head}' als Überschrift der Aufzählung in Klammern gelesen")
        elif words:  # "Landkreise (A, B)": the type word applies inside
            inner = f"{head} {inner}"
        _list(inner, result, sticky)
        return None
    inner_item = _item(inner)
    whole = tuple(_front(tokens(part))[0])
    item = Item(part, tuple(words), land=land, paren=inner_item.words, paren_text=inner, whole=whole)
    return _add(result, item, sticky)


def _add(result: Parse, item: Item, sticky: _Sticky | None) -> Item:
    if sticky is not None:
        sticky.count += 1
        item = replace(item, group=id(sticky), generic=sticky.words in GENERIC_PLURALS)
        own = _strip_types(list(item.words))[0] or item.kind
        if own is None:
            item = replace(item, inherited=sticky.kind, land=item.land or sticky.land)
        elif item.land is None and sticky.land:
            item = replace(item, land=sticky.land)
    result.items.append(item)
    return item


def _item(text: str) -> Item:
    head, inner = _paren(text)
    words, land = _front(tokens(head))
    paren = tuple(tokens(inner)) if inner else ()
    return Item(text.strip(), tuple(words), land=land, paren=paren, paren_text=inner or "", whole=tuple(tokens(text)))


def _front(words: list[str]) -> tuple[list[str], str | None]:
    """Drop determiners, a Land adjective before a type word, qualifier words at the end; "<Land>weit" → Land."""
    land = None
    words = list(words)
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    for n in (3, 2, 1):
        adjective = LAND_ADJECTIVES.get(tuple(words[:n]))
        if adjective and len(words) > n and _starts_with_type(words[n:]):
            land, words = adjective, words[n:]
            break
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    while len(words) > 1 and words[-1] in QUALIFIERS:
        if words[-1] == "landesweit" and _strip_types(words[:-1])[0] is None:
            words = ["land", *words]
        words = words[:-1]
    if words and words[-1] == "weit" and tuple(words[:-1]) in LAND_WORDS:  # "NRW-weit"
        words = ["land", *words[:-1]]
    elif len(words) == 1 and words[0].endswith("weit") and (words[0][:-4],) in LAND_WORDS:  # "sachsenweit"
        words = ["land", words[0][:-4]]
    return words, land


def _plural_within(words: list[str]) -> tuple[str, list[str]] | None:
    """("district", ["sachsen"]) for "Landkreise in Sachsen"; also "Kreise im Regierungsbezirk Köln"."""
    plural = leading_plural(words)
    if not plural:
        return None
    rest = words[len(plural) :]
    if len(rest) < 2 or rest[0] not in ("in", "im", "des", "der"):
        return None
    area = [w for w in rest[1:] if w not in ("der", "des", "dem")] or rest[1:]
    return PLURAL_PHRASES[plural], ["land", *area] if tuple(area) in LAND_WORDS else area


def _starts_with_type(words: list[str]) -> bool:
    return any(tuple(words[: len(phrase)]) == phrase for phrase, _ in ALL_PHRASES)


def _strip_types(toks: list[str], suffixes: bool = True) -> tuple[str | None, list[str]]:
    kind, rest = _strip_types_cached(tuple(toks), suffixes)
    return kind, list(rest)


@lru_cache(maxsize=16384)
def _strip_types_cached(toks: tuple[str, ...], suffixes: bool) -> tuple[str | None, tuple[str, ...]]:
    kind: str | None = None
    changed = True
    while changed and toks:
        changed = False
        for phrase, phrase_kind in ALL_PHRASES:
            n = len(phrase)
            if toks[:n] == phrase:
                kind = kind or phrase_kind
                toks = toks[n:]
                changed = True
                break
            if suffixes and len(toks) > n and toks[-n:] == phrase:
                # "Kassel Land" is the Landkreis, not the Bundesland.
                kind = kind or (DISTRICT if phrase_kind == LAND else phrase_kind)
                toks = toks[:-n]
                changed = True
                break
    return kind, toks


_LAND_NAMES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


_UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü"}
_UMLAUT_SPELLING = re.compile(r"(?<![aeiou])(?:ae|oe|ue)")  # "Steuer", "Neue" keep their "eu"


def shown_words(words: tuple[str, ...] | list[str]) -> list[str]:
    """Tokens for a message with umlauts restored ("muenchen" → "münchen"); not after a vowel ("neue")."""
    return [_UMLAUT_SPELLING.sub(lambda m: _UMLAUTS[m.group(0)], word) for word in words]


def _shown(words: tuple[str, ...] | list[str]) -> str:
    text = " ".join(shown_words(words))
    return text[:1].upper() + text[1:]
