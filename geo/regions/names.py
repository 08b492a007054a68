"""How a Kreis is named on screen, in tables and in handouts: the one display-name rule (issue 24, point 4).

- A name that already says what it is ("Alb-Donau-Kreis", "Region Hannover", "Städteregion Aachen",
  "Regionalverband Saarbrücken") never gets its type word in front ("Landkreis Alb-Donau-Kreis").
- A name two Kreise share ("München": the city and the Landkreis) always carries the type word, also in a short
  list where other Kreise are named without it.
"""

from __future__ import annotations

import re

import pandas as pd

_SAYS_ITS_TYPE = re.compile(r"(kreis\b|^(region|städteregion|regionalverband)\b)", re.IGNORECASE)


def names_its_type(name: str) -> bool:
    """Whether ``name`` already carries a type word: ``"Rems-Murr-Kreis"`` → True, ``"München"`` → False."""
    return bool(_SAYS_ITS_TYPE.search(name))


def display_name(bez: str, name: str, *, with_type: bool = True, shared: bool = False) -> str:
    """The name of one Kreis as the user reads it.

    ``with_type`` puts the type word in front ("Landkreis Barnim"); ``shared`` (the name belongs to two Kreise)
    forces it. A name that says its type itself stays as it is.

    Examples
    --------
    >>> display_name("Landkreis", "Alb-Donau-Kreis")
    'Alb-Donau-Kreis'
    >>> display_name("Landkreis", "München", with_type=False, shared=True)
    'Landkreis München'
    >>> display_name("Landkreis", "Barnim", with_type=False)
    'Barnim'
    """
    if names_its_type(name) or not (with_type or shared):
        return name
    return f"{bez} {name}"


def display_names(kreise: pd.DataFrame, *, with_type: bool = True) -> pd.Series:
    """Display names of the Kreise in ``kreise`` (columns ``bez``, ``name``), same index.

    Whether a name is shared is decided within ``kreise`` itself, so pass all Kreise (not a filtered table)
    and pick the rows afterwards.
    """
    shared = kreise["name"].duplicated(keep=False)
    return pd.Series(
        [
            display_name(b, n, with_type=with_type, shared=s)
            for b, n, s in zip(kreise["bez"], kreise["name"], shared, strict=True)
        ],
        index=kreise.index,
        dtype=object,
    )
