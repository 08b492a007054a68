"""Altair pieces in German: axes with decimal comma and thousands point, whole-number axes for counts (issue 24).

Vega-Lite takes its number locale from the embed options, which ``st.altair_chart`` does not pass through, so
the axis labels are rewritten by :func:`geo.text.germanfmt.vega_label_expr`; tooltips show pre-formatted text.
"""

from __future__ import annotations

import altair as alt

from geo.text import germanfmt


def count_axis(title: str | None, **options) -> alt.Axis:
    """An axis for counts: whole numbers only (no 0,5 steps), German thousands point."""
    return alt.Axis(title=title, format="d", tickMinStep=1, labelExpr=germanfmt.vega_label_expr(",d"), **options)


def number_axis(title: str | None, digits: int = 1, suffix: str = "", **options) -> alt.Axis:
    """An axis for measures: ``digits`` decimals with a decimal comma, and a unit such as ``" %"``."""
    return alt.Axis(title=title, labelExpr=germanfmt.vega_label_expr(f",.{digits}f", suffix), **options)
