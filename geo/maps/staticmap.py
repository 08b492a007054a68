"""Server-side static map images (PNG) with matplotlib: no browser assets needed."""

from __future__ import annotations

import io
import warnings
from collections.abc import Collection, Mapping

import geopandas as gpd
import matplotlib

from geo.maps import palette

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

METRIC_CRS = "EPSG:25832"


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
    classes: Mapping[str, int],
    title: str,
    subtitle: str,
    credits: str,
    fmt: str = "png",
    width_in: float = 7.0,
) -> bytes:
    """The choropleth for reports as ``png``, ``svg`` or ``pdf`` bytes (see :func:`coverage_figure`)."""
    fig = coverage_figure(kreise, classes, title, subtitle, credits, width_in)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


#: Hatches that tell the classes apart without colour (index = position in ``palette.legend_entries``).
_HATCHES = ("////", "...", None, None, None)


def coverage_figure(
    kreise: gpd.GeoDataFrame,
    classes: Mapping[str, int],
    title: str,
    subtitle: str,
    credits: str,
    width_in: float = 7.0,
):
    """Same classes, colours and borders as the web map (``geo.maps.palette``; ``classes``: AGS → map class, missing =
    white spot), white spots hatched, older-only Kreise dotted, legend, title, date, attribution."""
    from matplotlib.patches import Patch

    metric = kreise.to_crs(METRIC_CRS)
    klass = metric["ags"].map(lambda a: int(classes.get(a, 0)))
    fig, ax = plt.subplots(figsize=(width_in, width_in * 1.35), dpi=150)
    order = [0, palette.OLDER_CLASS, *range(1, len(palette.CLASSES) + 1)]  # the legend's order
    for index, value in enumerate(order):
        part = metric[klass == value]
        if len(part):
            line = palette.WHITE_SPOT["line"] if value == 0 else palette.KREIS_LINE
            part.plot(
                ax=ax,
                color=palette.fill_of(value),
                edgecolor=line,
                linewidth=0.5 if _HATCHES[index] else 0.3,
                hatch=_HATCHES[index],
            )
    metric.dissolve(by="land").boundary.plot(ax=ax, color=palette.LAND_LINE, linewidth=0.7)
    handles = [
        Patch(facecolor=fill, edgecolor=line, hatch=_HATCHES[i], label=label)
        for i, (label, fill, line) in enumerate(palette.legend_entries())
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True, title="Kreise", title_fontsize=8)
    ax.set_title(title, fontsize=12, loc="left")
    ax.text(0, 1.0, subtitle, transform=ax.transAxes, fontsize=8, va="bottom", ha="left")
    fig.text(0.02, 0.01, credits, fontsize=5, wrap=True, va="bottom")
    ax.set_axis_off()
    return fig


def highlight_png(kreise: gpd.GeoDataFrame, selected: list[str], width_in: float = 3.2) -> bytes:
    """Small locator map: Germany in grey, the given Kreise in colour (for network profiles)."""

    metric = kreise.to_crs(METRIC_CRS)
    fig, ax = plt.subplots(figsize=(width_in, width_in * 1.3), dpi=110)
    metric.plot(ax=ax, color="#eeeeee", edgecolor="white", linewidth=0.2)
    metric[metric["ags"].isin(selected)].plot(ax=ax, color=palette.CLASSES[2][2], edgecolor="white", linewidth=0.2)
    metric.dissolve(by="land").boundary.plot(ax=ax, color="#777777", linewidth=0.4)
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def focused_map(
    kreise: gpd.GeoDataFrame,
    classes: Mapping[str, int],
    title: str,
    subtitle: str,
    credits: str,
    focus: Collection[str] | None = None,
    highlight: Collection[str] = (),
    fmt: str = "png",
    width_in: float = 7.0,
    dpi: int = 150,
    legend: bool = True,
) -> bytes:
    """:func:`coverage_figure` zoomed to the ``focus`` Kreise (e.g. one Land's) with the rest veiled, like the
    web map's Land view; ``highlight``: Kreise outlined in the selection colour. ``legend=False`` for small
    maps side by side whose page shows the legend once."""
    import shapely
    from shapely.geometry import box

    with warnings.catch_warnings():  # a class without Kreise plots an empty frame: nothing to warn about
        warnings.simplefilter("ignore", UserWarning)
        fig = coverage_figure(kreise, classes, title, subtitle, credits, width_in)
    ax = fig.axes[0]
    metric = kreise.to_crs(METRIC_CRS)
    if focus is not None:
        inside = shapely.union_all(metric.loc[metric["ags"].isin(set(focus)), "geometry"].values)
        xmin, ymin, xmax, ymax = inside.bounds
        pad = 0.04 * max(xmax - xmin, ymax - ymin)
        extent = box(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
        veil = gpd.GeoSeries([extent.difference(inside)], crs=METRIC_CRS)
        veil.plot(ax=ax, color=palette.VEIL["fill"], alpha=palette.VEIL["opacity"], linewidth=0, zorder=3)
        ax.set_xlim(xmin - pad, xmax + pad)
        ax.set_ylim(ymin - pad, ymax + pad)
        ratio = min(1.5, max(0.7, (ymax - ymin) / (xmax - xmin)))
        fig.set_size_inches(width_in, width_in * ratio)
    if highlight:
        chosen = metric[metric["ags"].isin(set(highlight))]
        chosen.boundary.plot(ax=ax, color=palette.SELECTED_LINE, linewidth=2, zorder=4)
    if not legend:
        ax.get_legend().remove()
        ax.title.set_fontsize(9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, bbox_inches="tight", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()
