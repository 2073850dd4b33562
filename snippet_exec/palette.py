"""Colours for the dark theme: one light colour in, its dark-theme twin out.

The rules, applied to every colour a figure uses:

- a neutral colour (grey, black, white) swaps its lightness: white becomes
  the page's dark background, black the page's text colour;
- a palette colour keeps its hue, and is lightened until it stands out
  from the dark background by 3:1, the contrast WCAG 2.1 asks of graphics
  (success criterion 1.4.11); text is lightened to 4.5:1 (1.4.3);
- a colormap whose low end is near white (Blues, Greys, ``gray_r``) gets a
  twin whose every colour swaps its lightness, so zero is the background.

Contrast and relative luminance are WCAG 2.1's definitions:
https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.colors import Colormap, ListedColormap, to_rgb

# Material for MkDocs' slate scheme: the page background,
# hsl(225 15% 14%), and body text, hsl(225 15% 90% / 0.82) over it.
DARK_FACE = to_rgb("#1e2129")
INK = to_rgb("#bfc1c7")
NEUTRAL_CHROMA = 0.1  # max - min of r, g, b below which a colour is grey
GRAPHICS_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
WHITE_END = 0.8  # relative luminance of a colormap end that reads as white

RGB = tuple[float, float, float]
RGBA = tuple[float, float, float, float]


def luminance(rgb: RGB) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour (channels 0..1)."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in rgb
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2.1 contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(rgb: RGB) -> bool:
    """True for a colour a figure could already use as a dark background."""
    return luminance(rgb) < 0.2


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(x + (y - x) * t for x, y in zip(a, b, strict=True))


def invert(rgb: RGB) -> RGB:
    """Swap a colour's lightness between the dark face and the ink.

    Greys land on the line from ``DARK_FACE`` (for white) to ``INK`` (for
    black); other colours keep their hue and chroma and move to the same
    lightness, so a light-to-dark ramp becomes a dark-to-light one.
    """
    lightness = (max(rgb) + min(rgb)) / 2
    if max(rgb) - min(rgb) < NEUTRAL_CHROMA:
        return _mix(DARK_FACE, INK, 1 - lightness)
    low = (max(DARK_FACE) + min(DARK_FACE)) / 2
    high = (max(INK) + min(INK)) / 2
    target = low + (1 - lightness) * (high - low)
    return tuple(min(1.0, max(0.0, c + target - lightness)) for c in rgb)


def lighten(rgb: RGB, minimum: float) -> RGB:
    """The least mix of ``rgb`` with white that reaches ``minimum`` contrast
    against ``DARK_FACE`` (``rgb`` itself if it already does)."""
    if contrast(rgb, DARK_FACE) >= minimum:
        return rgb
    low, high = 0.0, 1.0
    for _ in range(16):  # bisection: contrast grows with the white mixed in
        middle = (low + high) / 2
        if contrast(_mix(rgb, (1.0, 1.0, 1.0), middle), DARK_FACE) < minimum:
            low = middle
        else:
            high = middle
    return _mix(rgb, (1.0, 1.0, 1.0), high)


@functools.lru_cache(maxsize=4096)
def _dark(rgb: RGB, text: bool) -> RGB:
    if max(rgb) - min(rgb) < NEUTRAL_CHROMA:
        rgb = invert(rgb)
        return lighten(rgb, TEXT_CONTRAST) if text else rgb
    return lighten(rgb, TEXT_CONTRAST if text else GRAPHICS_CONTRAST)


def dark_colour(rgba: RGBA, text: bool = False) -> RGBA:
    """The dark-theme twin of one colour; alpha is kept.

    Greys swap lightness (see ``invert``); other colours are lightened to
    3:1 against the dark face, and any text colour to 4.5:1.
    """
    rgb = tuple(round(float(c), 6) for c in rgba[:3])
    return (*_dark(rgb, text), float(rgba[3]))


def dark_colours(array: np.ndarray, text: bool = False) -> np.ndarray:
    """``dark_colour`` for each row of an (N, 4) RGBA array."""
    return np.array([dark_colour(tuple(row), text) for row in array])


def has_white_end(cmap: Colormap) -> bool:
    """True if the colormap's low end would show as a white card."""
    return luminance(tuple(cmap(0.0)[:3])) >= WHITE_END


def inverted_cmap(cmap: Colormap) -> ListedColormap:
    """The colormap with every colour's lightness swapped (``invert``)."""
    lut = cmap(np.linspace(0.0, 1.0, cmap.N))
    colours = [(*invert(tuple(row[:3])), row[3]) for row in lut]

    def swap(rgba) -> RGBA:
        return (*invert(tuple(rgba[:3])), rgba[3])

    return ListedColormap(colours, name=f"{cmap.name}_dark").with_extremes(
        bad=swap(cmap.get_bad()),
        under=swap(cmap.get_under()),
        over=swap(cmap.get_over()),
    )


def lightened_cmap(cmap: Colormap) -> ListedColormap:
    """The colormap with each colour lightened as a line's would be."""
    lut = cmap(np.linspace(0.0, 1.0, cmap.N))
    return ListedColormap(dark_colours(lut), name=f"{cmap.name}_lines")
