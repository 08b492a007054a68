"""Repeat a measurement and summarise it (median and spread), so noisy machines still give stable figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def summarise(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "runs": len(ordered),
    }


def timed(function: Callable[[], object], runs: int) -> dict:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return summarise(samples)
