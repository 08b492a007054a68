"""Normalisation of German place and region names for matching.

"Mülheim a.d. Ruhr", "Muelheim an der Ruhr" and "MÜLHEIM AN DER RUHR" must
meet on one key, so keys are lower-case ASCII with umlauts spelled out,
punctuation turned into spaces, and filler words ("an der", "i.d.") dropped.
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_FILLER = frozenset({"a", "am", "an", "d", "der", "die", "das", "dem", "den", "i", "im", "in", "ob", "o", "v", "vor"})
_SYNONYMS = {"opf": "oberpfalz", "oldb": "oldenburg", "westf": "westfalen", "st": "sankt", "bad": "bad"}
_NON_WORD = re.compile(r"[^a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case ASCII word tokens, umlauts spelled out, accents removed."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_UMLAUTS)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return [t for t in _NON_WORD.split(text) if t]


def key(text: str) -> str:
    """The matching key of a name: tokens without filler words, abbreviations expanded."""
    return " ".join(_SYNONYMS.get(t, t) for t in tokens(text) if t not in _FILLER)


def base_key(text: str) -> str:
    """Key of a name without its qualifier: "Frankfurt (Oder)" → "frankfurt", "Offenbach am Main" → "offenbach".

    Qualifiers are a parenthesis or the words after "am/an der/a.d./i./i.d.".
    """
    head = re.split(r"\(|\b(?:am|an der|a\.\s?d\.|a\.|i\.\s?d\.|i\.|im|in der|ob der)\s", text, maxsplit=1)[0]
    return key(head)
