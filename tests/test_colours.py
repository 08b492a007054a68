"""The map's colours work for everyone: classes apart under colour-vision deficiency, borders and text in contrast.

ΔE is CIE76 (ΔE*ab, Euclidean in CIELAB, D65) between colours simulated with Machado et al. (2009) at
severity 1.0. 15 is several times the just-noticeable difference (about 2.3): classes that can be told
apart at a glance on a map, not only side by side.
"""

from itertools import combinations

import pytest

from geo.maps import mapview, palette
from tests import colours

FILLS = [fill for _, fill, _ in palette.legend_entries()]  # white spot, older evidence, then the classes in order
MIN_DELTA_E = 15


def test_colour_maths_matches_published_values():
    assert colours.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # WCAG's classic near miss
    assert colours.lab_of_linear(colours.to_linear("#ffffff")) == pytest.approx((100, 0, 0), abs=0.01)
    # Protanopes and deuteranopes cannot tell pure red from a dark yellow-green; tritanopes can.
    assert colours.delta_e76("#ff0000", "#808000", "protanopia") < colours.delta_e76("#ff0000", "#808000")
    # Without a deficiency the simulation is the identity: grey stays grey for everyone.
    for deficiency in colours.MACHADO_2009:
        assert colours.delta_e76("#808080", "#808080", deficiency) == pytest.approx(0, abs=0.6)


@pytest.mark.parametrize("deficiency", [None, *colours.MACHADO_2009])
def test_every_two_classes_stay_apart(deficiency):
    for a, b in combinations(FILLS, 2):
        assert colours.delta_e76(a, b, deficiency) >= MIN_DELTA_E, (a, b, deficiency)


def test_neighbouring_classes_get_darker_in_order():
    lightness = [colours.lab_of_linear(colours.to_linear(fill))[0] for fill in FILLS]
    assert lightness == sorted(lightness, reverse=True)


@pytest.mark.parametrize("line", [palette.KREIS_LINE, palette.WHITE_SPOT["line"], palette.LAND_LINE])
def test_borders_have_3_to_1_against_every_fill(line):
    # Any two classes can share a border, so each border colour must stand out against both sides.
    for fill in FILLS:
        assert colours.contrast(line, fill) >= 3.0, (line, fill)


def test_map_text_and_legend_text_have_4_5_to_1():
    assert colours.contrast(palette.TEXT, "#ffffff") >= 4.5


def test_white_spots_differ_by_more_than_colour():
    white, covered = mapview.kreis_style(0), mapview.kreis_style(1)
    assert white.get("dashArray") and not covered.get("dashArray")


MAP_CLASSES = (0, palette.OLDER_CLASS, 1, 2, 3)


def test_rendered_map_uses_the_checked_colours():
    styles = {mapview.kreis_style(n)["fillColor"] for n in MAP_CLASSES}
    assert styles == set(FILLS)
    assert {mapview.kreis_style(n)["color"] for n in MAP_CLASSES} == {palette.KREIS_LINE}
    assert all(mapview.kreis_style(n)["fillOpacity"] == 1 for n in MAP_CLASSES)  # no blending with the page


def test_the_static_map_fills_its_classes_as_the_web_map_does():
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.colors import to_hex

    from geo.maps import staticmap
    from geo.regions import boundaries

    classes = {"12073": 1, "11000": 2, "09162": 3, "05315": palette.OLDER_CLASS}  # every other Kreis a white spot
    fig = staticmap.coverage_figure(boundaries.load_kreise(), pd.Series(classes), "", "", "")
    filled = [c for c in fig.axes[0].collections if len(c.get_paths()) and c.get_facecolor().size][:5]
    plt.close(fig)
    assert [to_hex(c.get_facecolor()[0]) for c in filled] == [mapview.kreis_style(n)["fillColor"] for n in MAP_CLASSES]
