"""The upload path: an uploaded table (``tablefile``) → validated records with resolved Kreise and a
problem list (``networks``, ``indicator``), parsed in a bounded child process (``sandbox``); what an
import will do (``importplan``), possible duplicates (``duplicates``), readable problems (``problemlist``).

May import: ``geo.regions``, ``geo.records``, ``geo.text``. Writing is ``geo.storage``'s job.
"""
