"""Long problem lists made readable: counts per kind, the first rows, the full list as a table.

A 30 000-row file with one shifted column has 30 000 problems; showing each as a box froze the
browser (issue 11). Pages show :func:`kinds`, the first :data:`SHOWN` problems and offer
:func:`frame` as a download.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

import pandas as pd

from geo.intake.problem import Problem

#: Problems shown one by one; the rest is in the download.
SHOWN = 50
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")
COLUMNS = {
    "row": "Zeile",
    "column": "Spalte",
    "value": "Wert",
    "message": "Problem",
    "suggestion": "Vorschlag",
    "severity": "Art",
}


def kind(problem: Problem) -> str:
    """The problem without its values: "Region 'X' nicht erkannt" and "Region 'Y' nicht erkannt" are one kind."""
    return _QUOTED.sub("…", problem.message)


def kinds(problems: Sequence[Problem]) -> pd.DataFrame:
    """One row per (column, kind) with its count, the most frequent first."""
    counts = Counter((p.column, kind(p)) for p in problems)
    rows = [{"Spalte": column, "Problem": text, "Anzahl": n} for (column, text), n in counts.most_common()]
    return pd.DataFrame(rows, columns=["Spalte", "Problem", "Anzahl"])


def frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """Every problem as a row with German column names (for the CSV download)."""
    table = pd.DataFrame([asdict(p) for p in problems], columns=list(COLUMNS))
    table["severity"] = table["severity"].map({"error": "Fehler", "warning": "Hinweis"})
    return table.rename(columns=COLUMNS)
