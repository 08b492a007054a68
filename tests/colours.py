"""Colour maths for checking the map palette: WCAG contrast, CIELAB distance, colour-vision deficiency.

- Contrast ratio and relative luminance as defined by WCAG 2.1 (1.4.3 text, 1.4.11 graphics).
- Colour difference ΔE*ab by CIE76: Euclidean distance in CIELAB (D65), from sRGB.
- Dichromacy simulated with the matrices of Machado, Oliveira & Fernandes (2009), "A physiologically-
  based model for simulation of color vision deficiency", IEEE TVCG 15(6), severity 1.0, applied to
  linear RGB.
"""

from __future__ import annotations

import math

#: Machado et al. (2009), Table "severity 1.0" for protanopia, deuteranopia and tritanopia.
MACHADO_2009 = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def to_linear(hex_colour: str) -> tuple[float, float, float]:
    """'#rrggbb' → linear RGB in [0, 1] (sRGB transfer function removed)."""
    value = hex_colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"colour {hex_colour!r}: expected '#rrggbb'")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    r, g, b = to_linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 … 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def lab_of_linear(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB → CIELAB (D65 white)."""
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def simulate(hex_colour: str, deficiency: str) -> tuple[float, float, float]:
    """Linear RGB of the colour as seen with the given dichromacy (clipped to the displayable range)."""
    matrix = MACHADO_2009[deficiency]
    rgb = to_linear(hex_colour)
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix)


def delta_e76(a: str, b: str, deficiency: str | None = None) -> float:
    """CIE76 ΔE*ab between two colours, optionally both as seen with a dichromacy."""
    la = lab_of_linear(simulate(a, deficiency) if deficiency else to_linear(a))
    lb = lab_of_linear(simulate(b, deficiency) if deficiency else to_linear(b))
    return math.dist(la, lb)
