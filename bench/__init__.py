"""Benchmarks (``make bench``): every figure is a median over repeated runs, compared in the same run
with the naive baseline in ``bench/baseline_app.py``. Results: ``bench/results/latest.json``."""
