"""Figures for policymakers, computed from records: the join of networks onto the 400 Kreise and the
white spots (``coverage``), areas and their key figures (``areas``), outreach, comparison, statistics,
the network directory, search and similar networks.

May import: ``geo.regions``, ``geo.records``, ``geo.text``. Pure functions of data frames: no storage.
"""
