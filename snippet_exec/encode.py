"""Figure files made light: slimmer SVG, 256-colour PNG, display sizes.

Matplotlib writes SVG coordinates to a millionth of a point, indents every
element, and names each one; none of that is visible. ``slim_svg`` rounds
coordinates to a hundredth of a point, drops indentation, comments,
metadata and the ids nothing refers to, deterministically. A dense figure
is a PNG cut to 256 colours: about a third of matplotlib's own PNG.
"""

from __future__ import annotations

import io
import re

from PIL import Image

SVG_SIZE_RE = re.compile(rb'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
NUMBER_RE = re.compile(rb"-?\d+\.\d{3,}")
# Path data, and translate() offsets (never scale(), whose digits matter).
COORDINATES_RE = re.compile(rb'( d=")([^"]*)(")|(translate\()([^)]*)(\))')
PLACE_RE = re.compile(rb' (x|y|width|height)="(-?\d+\.\d{3,})"')
ID_RE = re.compile(rb' id="([^"]+)"')
REFERENCE_RE = re.compile(rb"#([^\"'\s)]+)")
UNSEEN_RE = re.compile(rb"<!--.*?-->\n?|<metadata>.*?</metadata>\n?", re.S)


def _rounded(match: re.Match) -> bytes:
    text = f"{float(match[0]):.2f}".rstrip("0").rstrip(".")
    return b"0" if text == "-0" else text.encode()


def _round_inside(match: re.Match) -> bytes:
    start, numbers, end = (g for g in match.groups() if g is not None)
    return start + NUMBER_RE.sub(_rounded, numbers) + end


def slim_svg(svg: bytes) -> bytes:
    """The same drawing in fewer bytes (see the module docstring)."""
    svg = COORDINATES_RE.sub(_round_inside, svg)
    svg = PLACE_RE.sub(
        lambda m: b" " + m[1] + b'="' + _rounded(NUMBER_RE.match(m[2])) + b'"',
        svg,
    )
    svg = UNSEEN_RE.sub(b"", svg)
    used = set(REFERENCE_RE.findall(svg))
    svg = ID_RE.sub(lambda m: m[0] if m[1] in used else b"", svg)
    return re.sub(rb"\n +<", b"\n<", svg)


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
