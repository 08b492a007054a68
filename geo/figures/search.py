"""Reading what a visitor typed into the map's search: one Kreis, a choice of Kreise, or suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.regions import resolver


@dataclass(frozen=True)
class SearchResult:
    """``kreis`` when the text names exactly one Kreis; else ``candidates`` to choose from, or ``hints``."""

    kreis: str | None = None
    candidates: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def read_search(query: str) -> SearchResult:
    """What a search for ``query`` (Kreis name, town, PLZ or AGS) finds.

    Ambiguous text ("München": city or Landkreis) and text naming several Kreise offer all of them;
    text naming nothing offers the closest names ("Meinten Sie: …").
    """
    result = resolver.resolve(query)
    if len(result.ags) == 1 and result.ok:
        return SearchResult(kreis=result.ags[0])
    if result.ambiguous or len(result.ags) > 1:
        return SearchResult(
            candidates=sorted({a for codes in result.ambiguous.values() for a in codes} | set(result.ags))
        )
    return SearchResult(hints=resolver.suggest(query))
