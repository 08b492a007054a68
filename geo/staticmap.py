"""Server-side static map images (PNG) with matplotlib: no browser assets needed."""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

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
