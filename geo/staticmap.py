"""Server-side static map images (PNG) with matplotlib: no browser assets needed."""

from __future__ import annotations

import io
from collections.abc import Collection

import geopandas as gpd
import matplotlib
import pandas as pd

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

METRIC_CRS = "EPSG:25832"
#: Kreise outside the focus of a Land map: present for orientation, without a class colour.
FADED = "#e6e6e6"


def overview_png(kreise: gpd.GeoDataFrame, width_in: float = 6.0) -> bytes:
    """Kreise coloured by Land with Länder borders on top, as PNG bytes."""
    metric = kreise.to_crs(METRIC_CRS)
    laender = metric.dissolve(by="land")
    fig, ax = plt.subplots(figsize=(width_in, width_in * 1.3), dpi=110)
    metric.plot(ax=ax, column="land", cmap="tab20", edgecolor="white", linewidth=0.2)
    laender.boundary.plot(ax=ax, color="#333333", linewidth=0.6)
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def coverage_map(
    kreise: gpd.GeoDataFrame,
    counts: pd.Series,
    title: str,
    subtitle: str,
    credits: str,
    fmt: str = "png",
    width_in: float = 7.0,
    focus: Collection[str] | None = None,
    highlight: Collection[str] = (),
    dpi: int = 150,
) -> bytes:
    """The choropleth for reports as ``png``, ``svg`` or ``pdf`` bytes (see :func:`coverage_figure`)."""
    fig = coverage_figure(kreise, counts, title, subtitle, credits, width_in, focus, highlight)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, bbox_inches="tight", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def coverage_figure(
    kreise: gpd.GeoDataFrame,
    counts: pd.Series,
    title: str,
    subtitle: str,
    credits: str,
    width_in: float = 7.0,
    focus: Collection[str] | None = None,
    highlight: Collection[str] = (),
):
    """Same classes and colours as the web map, white spots hatched, legend, title, date, attribution.

    ``focus`` (Kreis AGS, e.g. one Land's): the map shows only their extent and fades the Kreise around;
    ``highlight``: Kreise outlined in the selection colour.
    """
    from matplotlib.patches import Patch

    from geo import mapview

    metric = kreise.to_crs(METRIC_CRS)
    around = None
    if focus is not None:
        inside = metric["ags"].isin(set(focus))
        xmin, ymin, xmax, ymax = metric[inside].total_bounds
        pad = 0.04 * max(xmax - xmin, ymax - ymin)
        extent = (xmin - pad, ymin - pad, xmax + pad, ymax + pad)
        around = metric[~inside].cx[extent[0] : extent[2], extent[1] : extent[3]]
        metric = metric[inside]
    classes = metric["ags"].map(lambda a: mapview.count_class(int(counts.get(a, 0))))
    height = width_in * 1.35 if focus is None else width_in * min(1.5, max(0.7, (ymax - ymin) / (xmax - xmin)))
    fig, ax = plt.subplots(figsize=(width_in, height), dpi=150)
    if around is not None and len(around):
        around.plot(ax=ax, color=FADED, edgecolor="white", linewidth=0.3)
    if (classes == 0).any():
        metric[classes == 0].plot(
            ax=ax, color=mapview.WHITE_SPOT["fill"], edgecolor=mapview.WHITE_SPOT["line"], linewidth=0.5, hatch="////"
        )
    for index, (_, _label, fill) in enumerate(mapview.CLASSES, start=1):
        part = metric[classes == index]
        if len(part):
            part.plot(ax=ax, color=fill, edgecolor="white", linewidth=0.3)
    metric.dissolve(by="land").boundary.plot(ax=ax, color=mapview.LAND_LINE, linewidth=0.7)
    if highlight:
        metric[metric["ags"].isin(set(highlight))].boundary.plot(ax=ax, color=mapview.SELECTED_LINE, linewidth=2)
    if focus is not None:
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
    handles = [
        Patch(facecolor=fill, edgecolor=line, hatch="////" if i == 0 else None, label=label)
        for i, (label, fill, line) in enumerate(mapview.legend_entries())
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True, title="Netzwerke", title_fontsize=8)
    ax.set_title(title, fontsize=12, loc="left")
    ax.text(0, 1.0, subtitle, transform=ax.transAxes, fontsize=8, va="bottom", ha="left")
    fig.text(0.02, 0.01, credits, fontsize=5, wrap=True, va="bottom")
    ax.set_axis_off()
    return fig


def highlight_png(kreise: gpd.GeoDataFrame, selected: list[str], width_in: float = 3.2) -> bytes:
    """Small locator map: Germany in grey, the given Kreise in colour (for network profiles)."""
    from geo import mapview

    metric = kreise.to_crs(METRIC_CRS)
    fig, ax = plt.subplots(figsize=(width_in, width_in * 1.3), dpi=110)
    metric.plot(ax=ax, color="#eeeeee", edgecolor="white", linewidth=0.2)
    metric[metric["ags"].isin(selected)].plot(ax=ax, color=mapview.CLASSES[2][2], edgecolor="white", linewidth=0.2)
    metric.dissolve(by="land").boundary.plot(ax=ax, color="#777777", linewidth=0.4)
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def small_map_png(
    kreise: gpd.GeoDataFrame, counts: pd.Series, title: str, focus: Collection[str] | None = None, width_in=3.2
) -> bytes:
    """One of several small maps side by side: same classes as :func:`coverage_figure`, legend shown once by
    the page, so none here."""
    fig = coverage_figure(kreise, counts, title, "", "", width_in, focus)
    fig.axes[0].get_legend().remove()
    fig.axes[0].title.set_fontsize(9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", dpi=90)
    plt.close(fig)
    return buffer.getvalue()
