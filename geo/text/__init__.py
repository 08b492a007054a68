"""German text helpers: place-name normalisation for matching, German typography, Markdown made inert.

The lowest layer: imports nothing from ``geo``.
"""
