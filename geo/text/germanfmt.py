"""German number, date and quotation typography for reports and tables meant to be handed out.

``1.234.567`` (dot as thousands separator), ``12,5`` (decimal comma), ``31.12.2019``, „…“.
"""

from __future__ import annotations

import math
from datetime import date, datetime


def integer(value: float | int) -> str:
    """Whole number with a dot every three digits: ``1234567`` → ``1.234.567``."""
    return f"{int(round(value)):,}".replace(",", ".")


def decimal(value: float, digits: int = 1) -> str:
    """Decimal comma and thousands dots: ``1234.56`` → ``1.234,6``; ``–`` for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(share: float, digits: int = 1) -> str:
    """A share 0…1 as percent with a narrow no-break space before the sign: ``0.123`` → ``12,3 %``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{decimal(100 * share, digits)}\u202f%"


def day(value: date | datetime | str | None, missing: str = "unbekannt") -> str:
    """``dd.mm.yyyy`` from a date, a datetime or an ISO date (``2024-01-15``); ``missing`` when there is none.

    The one German date format of the atlas: pages, PDF, messages and the register's checks all use it.
    None, NaN, NaT and "" count as missing.
    """
    if value is None or value != value or (isinstance(value, str) and not value.strip()):  # NaN, NaT: != themselves
        return missing
    if isinstance(value, str):
        value = date.fromisoformat(value.strip()[:10])
    return f"{value:%d.%m.%Y}"


def quoted(text: str) -> str:
    """German quotation marks: „text“."""
    return f"\u201e{text}\u201c"
