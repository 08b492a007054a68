"""Resolver and join throughput for 1 000 / 10 000 / 100 000 records, with peak memory."""

from __future__ import annotations

import random
import time
import tracemalloc

import pandas as pd

from geo.databuild import demo
from geo.figures import coverage
from geo.intake.tablefile import read_table
from geo.regions import boundaries, paths, resolver


def sample_regions(n: int, seed: int = 7) -> list[str]:
    """Region texts as people write them, drawn from the demo file, with a unique suffix-free mix."""
    table = read_table(paths.data_file(demo.OUTPUT))
    column = table.headers.index("Region")
    texts = [row[column] for row in table.rows if row[column]]
    rng = random.Random(seed)
    return [rng.choice(texts) for _ in range(n)]


def throughput(sizes=(1_000, 10_000, 100_000)) -> dict:
    kreise = boundaries.load_kreise().drop(columns="geometry")
    results = {}
    for n in sizes:
        texts = sample_regions(n)
        resolver.clear_cache()
        resolver._index()  # building the index once is start-up cost, reported separately
        tracemalloc.start()
        start = time.perf_counter()
        resolved = [resolver.resolve(t) for t in texts]
        resolve_s = time.perf_counter() - start
        frame = pd.DataFrame(
            {
                "id": [f"n{i}" for i in range(n)],
                "ags": [r.ags for r in resolved],
                "scope": [r.scope for r in resolved],
                "status": "aktiv",
                "handlungsfelder": [["Aus- und Weiterbildung"]] * n,
                "gegruendet": 2015,
                "beendet_am": None,
                "criteria_met": True,
            }
        )
        join_start = time.perf_counter()
        coverage.kreis_coverage(frame, kreise)
        join_s = time.perf_counter() - join_start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[str(n)] = {
            "resolve_s": resolve_s,
            "resolve_per_s": n / resolve_s,
            "join_s": join_s,
            "peak_mb": peak / 1e6,
        }
    resolver.clear_cache()
    start = time.perf_counter()
    resolver._index()
    results["index_build_s"] = time.perf_counter() - start
    return results
