"""Netzwerkatlas Fachkräftesicherung: geography, records, joins and map building.

This package is a plain library: it never imports streamlit, so it can be
used from scripts, tests and the benchmark alike.
"""
