"""Public reports of networks by visitors ("Netzwerk melden"): submission with abuse limits, the
moderation queue, acceptance into the records and confirmation (``reports``).

Not to be confused with ``geo.handouts.pdfreport`` (the PDF report of an area).
May import: ``geo.storage``, ``geo.intake``, ``geo.regions``, ``geo.records``, ``geo.text``.
"""
