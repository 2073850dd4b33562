"""Figure files made light: slimmer SVG, 256-colour PNG, display sizes.

Matplotlib writes SVG coordinates to a millionth of a point, in absolute
path commands, indents every element and names each one; none of that is
visible. ``slim_svg`` rounds coordinates to 0.01 pt, then hands the file
to Scour (the optimiser behind Inkscape's "Optimized SVG"): relative path
data, styles as attributes, no metadata, comments or unused ids. Part 8's
SVGs come out at two thirds of the bytes (seven tenths gzipped), the
same drawing, and the same output for the same input. A dense figure is
a PNG cut to 256 colours: about a third of matplotlib's own PNG.
"""

from __future__ import annotations

import io
import re

from PIL import Image
from scour import scour

SVG_SIZE_RE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
NUMBER_RE = re.compile(rb"-?\d+\.\d{3,}")
# Path data, and translate() offsets (never scale(), whose digits matter),
# and the x and y of each marker: Scour keeps five significant digits of
# each, but its relative path data is shorter from rounded points.
COORDINATES_RE = re.compile(rb'( d=")([^"]*)(")|(translate\()([^)]*)(\))')
PLACE_RE = re.compile(rb' (x|y)="(-?\d+\.\d{3,})"')


def _rounded(match: re.Match) -> bytes:
    text = f"{float(match[0]):.2f}".rstrip("0").rstrip(".")
    return b"0" if text == "-0" else text.encode()


def _round_inside(match: re.Match) -> bytes:
    start, numbers, end = (g for g in match.groups() if g is not None)
    return start + NUMBER_RE.sub(_rounded, numbers) + end


def _scour_options():
    options = scour.sanitizeOptions(None)
    options.digits = 5  # 0.01 pt for a figure under 1000 pt wide
    options.simple_colors = False  # #ffffff stays #ffffff, as matplotlib's
    options.strip_ids = True  # ids nothing refers to
    # Matplotlib names what it defines by a hash of its content (with
    # svg.hashsalt fixed), so two figures inlined in one notebook that
    # share an id share its definition too; Scour's short ids ("a", "b")
    # would send one figure's references to another's glyphs and clips.
    options.shorten_ids = False
    options.remove_metadata = True
    options.strip_comments = True
    options.indent_type = "none"
    options.newlines = False
    options.embed_rasters = False  # never reads a file the SVG names
    options.quiet = True
    return options


SCOUR_OPTIONS = _scour_options()


def slim_svg(svg: bytes) -> bytes:
    """The same drawing in fewer bytes (see the module docstring); a file
    Scour cannot read is kept, only its places rounded."""
    svg = COORDINATES_RE.sub(_round_inside, svg)  # to 0.01 pt
    svg = PLACE_RE.sub(
        lambda m: b" " + m[1] + b'="' + _rounded(NUMBER_RE.match(m[2])) + b'"',
        svg,
    )
    try:
        return scour.scourString(svg.decode("utf-8"), SCOUR_OPTIONS).encode()
    except Exception:  # noqa: BLE001 (an optimiser's bug loses nothing)
        return svg


def optimise_png(png: bytes) -> bytes:
    """256 colours, no dithering, and zlib's best: the same picture."""
    image = Image.open(io.BytesIO(png))
    opaque = image.mode != "RGBA" or image.getextrema()[3][0] == 255
    quantized = image.convert("RGB" if opaque else "RGBA").quantize(
        256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    quantized.save(out, format="png", optimize=True)
    return out.getvalue()


def display_size(data: bytes, ext: str, scale: int) -> tuple[int, int]:
    """CSS pixels a figure file is shown at: an SVG's size in points
    times 4/3, a PNG's pixels divided by the ``scale`` it was drawn at."""
    if ext == "svg":
        match = SVG_SIZE_RE.search(data[:2000])
        if match is None:
            return 0, 0
        return tuple(round(float(v) * 4 / 3) for v in match.groups())
    width, height = Image.open(io.BytesIO(data)).size
    return round(width / scale), round(height / scale)
