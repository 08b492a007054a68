"""Where things are: the shipped Kreis and Land boundaries (``boundaries``, ``paths``), reference
tables (``reference``), which Kreise share a border (``adjacency``) and the region resolver — free
text → Kreis codes (``resolver``, with the ``grammar`` of how people write regions and the lookup
tables in ``regionindex``).

May import: ``geo.records`` (the scope words of the record model), ``geo.text``.
"""
