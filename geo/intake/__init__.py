"""The upload path, as a pipeline whose entry point is ``networks``: read (``tablefile``) → normalise
(``normalise``) → resolve regions (``resolve``) → validate (``validate``) → plan (``importplan``, with
possible ``duplicates``) → write (``geo.storage.store.apply_import``); each step takes the previous one's
output and imports no later step. Also: problems (``problem``, readable lists in ``problemlist``), a
user's indicator per Kreis (``indicator``), parsing in a bounded child process (``sandbox``).

May import: ``geo.regions``, ``geo.records``, ``geo.text``. Writing is ``geo.storage``'s job.
"""
