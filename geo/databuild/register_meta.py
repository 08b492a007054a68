"""The one date the register's figures and checks are measured against: ``data/register_meta.json``.

``{"checked": "2026-12-02", "current_months": 36, "distinct": [["Q-…", "Q-…", "why"]]}``: the day the register
was last checked against its sources, the evidence window in months, and pairs of rows a person checked to be
different networks although they share a Träger and Kreise (a Land network and its regional circle, two
programmes of one agency), each with the reason; the duplicate rule passes only these pairs. Figures about the
shipped register use the check date instead of today's, so they (and the tests on them) do not change while
the file does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.figures import coverage
from geo.regions import paths

META_FILE = "register_meta.json"


class MetaError(ValueError):
    """The meta file is missing or malformed (one sentence naming the file and what would be valid)."""


@dataclass(frozen=True)
class RegisterMeta:
    checked: date
    current_months: int
    distinct: frozenset[frozenset[str]] = frozenset()

    def filters(self, **changes):
        """The app's default filters at the check date with the register's evidence window."""
        return coverage.Filters(today=self.checked, current_months=self.current_months, **changes)

    @property
    def evidence_cutoff(self) -> date:
        """Evidence on or after this day is current at the check date."""
        return self.filters().evidence_cutoff()

    @property
    def active_since(self) -> date:
        """Status "aktiv" needs a Stand on or after this day: 1 January of the year ``current_months`` before the
        check (check of 02.12.2026, 36 months → 2023-01-01: "newest evidence from 2023 or later")."""
        return date(self.checked.year - self.current_months // 12, 1, 1)


def load(data_dir: Path | None = None) -> RegisterMeta:
    file = paths.data_file(META_FILE, data_dir)
    expected = 'erwartet z. B. {"checked": "2026-12-02", "current_months": 36}'
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MetaError(f"{file}: nicht lesbar ({exc.strerror}); {expected}") from exc
    except json.JSONDecodeError as exc:
        raise MetaError(f"{file}: kein gültiges JSON ({exc.msg}, Zeile {exc.lineno}); {expected}") from exc
    if not isinstance(raw, dict):
        raise MetaError(f"{file}: {raw!r} ist kein Objekt; {expected}")
    try:
        checked = date.fromisoformat(str(raw.get("checked", "")))
    except ValueError as exc:
        raise MetaError(f"{file}: 'checked' = {raw.get('checked')!r} ist kein Datum JJJJ-MM-TT; {expected}") from exc
    months = raw.get("current_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 240:
        raise MetaError(f"{file}: 'current_months' = {months!r} ist keine ganze Zahl von 1 bis 240; {expected}")
    pairs = raw.get("distinct", [])
    valid = isinstance(pairs, list) and all(
        isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) and x.strip() for x in p) and p[0] != p[1]
        for p in pairs
    )
    if not valid:
        raise MetaError(
            f"{file}: 'distinct' = {pairs!r} ist keine Liste von [Netzwerk-ID, Netzwerk-ID, Begründung]; "
            'erwartet z. B. "distinct": [["Q-BB-0726907bed", "Q-BB-4a54bede16", "Landesnetz und sein Arbeitskreis"]]'
        )
    return RegisterMeta(checked, months, frozenset(frozenset(p[:2]) for p in pairs))
