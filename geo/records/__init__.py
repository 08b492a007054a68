"""The atlas's words (``vocabulary``: Handlungsfelder, statuses, criteria, each in every wording); the network
record (``model``): its fields, German labels, accepted column names, parsing and validation of values; and the
editors' form of a record as data (``recordform``).

May import: ``geo.text``.
"""
