"""Views share one precomputation per data version (issue 25, point 6): a new filter combination only
selects from the (network, Kreis) pairs and evidence dates, and counts exactly as computing afresh."""

import itertools

import pandas as pd

from geo.figures import coverage


def test_views_from_the_shared_precomputation_equal_fresh_ones_and_do_not_join_again(
    stored_networks, kreise, monkeypatch
):
    prepared = coverage.prepare(stored_networks)
    combos = [
        coverage.chosen_filters(field, statuses, criteria, wide, year)
        for field, statuses, criteria, wide, year in itertools.product(
            [None, "Aus- und Weiterbildung"], [[], ["aktiv"]], [False, True], [False, True], [None, 2019]
        )
    ]
    fresh = [coverage.kreis_coverage(stored_networks, kreise, f) for f in combos]
    calls = {"links": 0, "evidence_dates": 0}
    for name in calls:
        real = getattr(coverage, name)
        monkeypatch.setattr(
            coverage,
            name,
            lambda *a, _real=real, _name=name, **k: calls.__setitem__(_name, calls[_name] + 1) or _real(*a, **k),
        )
    shared = [coverage.kreis_coverage(stored_networks, kreise, f, prepared) for f in combos]
    assert calls == {"links": 0, "evidence_dates": 0}  # the joins are not done per view
    for before, after in zip(fresh, shared, strict=True):
        pd.testing.assert_frame_equal(before, after)
    assert len({tuple(c["n_counting"]) for c in shared}) > 4  # the filters really select different counts
    pairs = coverage.counting_pairs(stored_networks, combos[-1], prepared)
    pd.testing.assert_frame_equal(pairs, coverage.counting_pairs(stored_networks, combos[-1]))
