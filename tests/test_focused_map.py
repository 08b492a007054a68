"""Static Land maps for the report and the Handlungsfelder page: zoomed to the Land, others veiled."""

import io

import pandas as pd
from PIL import Image

from geo.maps import staticmap


def _size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def test_land_map_is_zoomed_to_the_land(kreise):
    counts = pd.Series(1, index=kreise["ags"])
    germany = staticmap.focused_map(kreise, counts, "", "", "", width_in=3, dpi=60, legend=False)
    saarland = staticmap.focused_map(
        kreise, counts, "", "", "", focus=list(kreise.loc[kreise["land_ags"] == "10", "ags"]), width_in=3, dpi=60
    )
    (gw, gh), (sw, sh) = _size(germany), _size(saarland)
    assert gh / gw > 1.2  # Germany is tall
    assert sh / sw < gh / gw  # the Saarland map has its own, wider frame


def test_map_formats(kreise):
    counts = pd.Series(0, index=kreise["ags"])
    pdf = staticmap.focused_map(kreise, counts, "T", "S", "C", focus=["12073"], highlight=["12073"], fmt="pdf")
    assert pdf.startswith(b"%PDF")
