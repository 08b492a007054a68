"""Netzwerkatlas Fachkräftesicherung: geography, records, joins and map building.

This package is a plain library: it never imports streamlit, so it can be
used from scripts, tests and the benchmark alike.

One package per concept, lowest first; a package imports only packages below it
(the table of allowed directions is ``ALLOWED`` in ``tests/test_architecture.py``):

- ``text``          German text: name normalisation, typography, Markdown safety
- ``records``       the network record: fields, labels, parsing and validation of values
- ``regions``       Kreise and Länder, reference tables and the region resolver
- ``intake``        an uploaded file → validated records with resolved Kreise (sandboxed)
- ``storage``       database, schema and migrations, shipped data sets, accounts, incidents
- ``figures``       the join of networks onto Kreise and every figure built on it
- ``maps``          the web map, its palette and topology, static maps, URL state
- ``handouts``      what is handed out: the PDF report, table exports, notices
- ``publicreports`` visitors' reports of networks ("Netzwerk melden") and their moderation
- ``databuild``     rebuilding ``data/`` from the official sources
"""
