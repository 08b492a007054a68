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


def number(value: float | int | None, digits: int = 0) -> str:
    """A count or measure for a table cell: whole numbers as ``1.234``, others with ``digits`` as ``0,17``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return integer(value) if digits == 0 else decimal(float(value), digits)


def count(n: int, singular: str, plural: str) -> str:
    """``n`` with the noun in the right number: ``count(1, "Netzwerk", "Netzwerke")`` → ``1 Netzwerk``.

    >>> count(1, "Kreis", "Kreise"), count(0, "Kreis", "Kreise"), count(1200, "Kreis", "Kreise")
    ('1 Kreis', '0 Kreise', '1.200 Kreise')
    """
    return f"{integer(n)} {singular if n == 1 else plural}"


def day_text(value: object) -> str:
    """An ISO date (``2019-12-31``), date or timestamp as ``31.12.2019``; anything else unchanged, ``–`` if empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return "–"
    if isinstance(value, date | datetime):
        return day(value)
    try:
        return day(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def vega_label_expr(d3_format: str = ",d", suffix: str = "") -> str:
    """A Vega-Lite ``labelExpr`` showing ``datum.value`` in German digits: ``",.1f"`` → ``1.234,5``.

    Vega-Lite's own ``format`` has no locale in the spec (the locale is an embed option, which Streamlit does
    not pass through), so the label text is rewritten: "," → "#", "." → ",", "#" → ".".
    """
    text = f"format(datum.value, '{d3_format}')"
    swapped = (
        f"replace(replace(replace({text}, regexp(',', 'g'), '#'), regexp('[.]', 'g'), ','), regexp('#', 'g'), '.')"
    )
    return f"{swapped} + '{suffix}'" if suffix else swapped
