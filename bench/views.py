"""``python -m bench.views``: server cost of one uncached view (a new filter combination), before and after
the shared precomputation per data version (issue 25, point 6). Writes bench/results/views.json.

"before" computes the coverage table from the networks as every uncached view did; "after" selects from
:func:`geo.figures.coverage.prepare`, computed once per data version (its cost is reported separately).
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "views.json"


def main() -> None:
    from geo.figures import coverage
    from geo.records.model import HANDLUNGSFELDER
    from geo.regions import boundaries
    from geo.storage import datasets, migrate, store

    engine = store.make_engine(f"sqlite:///{Path(tempfile.mkdtemp()) / 'views.sqlite3'}")
    migrate.upgrade(engine)
    datasets.seed_if_empty(engine, sys.argv[1] if len(sys.argv) > 1 else None)
    networks, kreise = store.load_networks(engine), boundaries.load_kreise()
    combos = [
        coverage.chosen_filters(field, [], criteria, wide, year)
        for field, criteria, wide, year in itertools.product(
            [None, *HANDLUNGSFELDER[:2]], [False, True], [False, True], [None, 2019, 2022]
        )
    ]

    def seconds(call) -> float:
        start = time.perf_counter()
        call()
        return time.perf_counter() - start

    start = time.perf_counter()
    prepared = coverage.prepare(networks)
    prepare_s = time.perf_counter() - start
    before = [seconds(lambda f=f: coverage.kreis_coverage(networks, kreise, f)) for f in combos]
    after = [seconds(lambda f=f: coverage.kreis_coverage(networks, kreise, f, prepared)) for f in combos]
    figures = {
        "networks": len(networks),
        "views": len(combos),
        "before_median_s": round(statistics.median(before), 4),
        "after_median_s": round(statistics.median(after), 4),
        "ratio": round(statistics.median(after) / statistics.median(before), 3),
        "prepare_once_s": round(prepare_s, 4),
    }
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
