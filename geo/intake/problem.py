"""One thing wrong in an uploaded file: what every step of the upload path reports (``geo.intake.networks``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file. ``row`` 0 means the file as a whole."""

    row: int
    column: str
    value: str
    message: str
    suggestion: str = ""
    severity: str = "error"  # "error": row not imported; "warning": imported, see message
