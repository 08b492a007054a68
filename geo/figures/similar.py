""" "Similar networks elsewhere": same Handlungsfelder, comparable region, different Kreise."""

from __future__ import annotations

import pandas as pd


def similar_networks(network_id: str, networks: pd.DataFrame, limit: int = 5) -> pd.DataFrame:
    """Networks sharing Handlungsfelder (Jaccard) and scope with ``network_id`` but no Kreis; best first."""
    me = networks.set_index("id").loc[network_id]
    fields, kreise = set(me["handlungsfelder"]), set(me["ags"])
    others = networks[(networks["id"] != network_id) & networks["ags"].map(lambda a: not (set(a) & kreise))]
    if not fields or others.empty:
        return others.head(0).assign(score=[])
    overlap = others["handlungsfelder"].map(lambda f: len(fields & set(f)) / len(fields | set(f)) if f else 0.0)
    score = overlap + 0.25 * (others["scope"] == me["scope"])
    result = others.assign(score=score)[overlap > 0]
    return result.sort_values(["score", "name"], ascending=[False, True]).head(limit)
