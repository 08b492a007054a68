"""What the atlas hands out: the two-page PDF report ("Bericht herunterladen", ``pdfreport``), table
exports for Excel (``exports``), the source and licence notices every view carries (``attribution``)
and the facts of the accessibility statement (``accessibility``).

Not to be confused with ``geo.publicreports`` (visitors' reports of networks).
May import every package below it: ``geo.storage``, ``geo.figures``, ``geo.maps``, ``geo.records``,
``geo.regions``, ``geo.text``.
"""
