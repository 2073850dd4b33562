"""The dark-theme colours and the lighter files, checked by their numbers."""

from __future__ import annotations

import io
import re
import xml.dom.minidom

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from snippet_exec.encode import slim_svg  # noqa: E402
from snippet_exec.palette import (  # noqa: E402
    DARK_FACE,
    INK,
    contrast,
    dark_colour,
    has_white_end,
    inverted_cmap,
)

TAB10 = plt.get_cmap("tab10").colors


def test_contrast_is_wcags_ratio():
    assert contrast((1, 1, 1), (0, 0, 0)) == pytest.approx(21)
    assert contrast((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)) == 1
    # Material's slate text on its background, as the browser draws them.
    assert contrast(INK, DARK_FACE) > 7


def test_white_and_black_swap_for_the_pages_colours():
    assert dark_colour((1, 1, 1, 1))[:3] == pytest.approx(DARK_FACE)
    assert dark_colour((0, 0, 0, 0.5)) == pytest.approx((*INK, 0.5))


@pytest.mark.parametrize("colour", TAB10)
def test_palette_colours_stand_out_on_the_dark_face(colour):
    line = dark_colour((*colour, 1.0))[:3]
    text = dark_colour((*colour, 1.0), text=True)[:3]
    assert contrast(line, DARK_FACE) >= 3.0 - 1e-6
    assert contrast(text, DARK_FACE) >= 4.5 - 1e-6
    chromatic = max(colour) - min(colour) >= 0.1  # greys swap lightness
    if chromatic and contrast(colour, DARK_FACE) >= 3.0:
        assert line == pytest.approx(colour, abs=1e-5), "kept as it was"


def test_a_colormap_that_starts_white_gets_a_dark_twin():
    assert has_white_end(plt.get_cmap("Blues"))
    assert has_white_end(plt.get_cmap("gray_r"))
    assert not has_white_end(plt.get_cmap("viridis"))
    assert not has_white_end(plt.get_cmap("gray"))  # already dark at zero
    twin = inverted_cmap(plt.get_cmap("Blues"))
    assert contrast(twin(0.0)[:3], DARK_FACE) < 1.2
    lightness = [np.mean(twin(x)[:3]) for x in np.linspace(0, 1, 11)]
    assert lightness == sorted(lightness), "zero dark, the most light"


def test_a_slim_svg_is_the_same_drawing_in_fewer_bytes():
    fig, ax = plt.subplots()
    ax.plot(np.linspace(0, 1, 500), np.sin(np.linspace(0, 9, 500)), "o-")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    raw = buffer.getvalue()
    slim = slim_svg(raw)
    assert len(slim) < 0.7 * len(raw)
    assert slim_svg(raw) == slim, "the same input, the same bytes"
    before, after = (xml.dom.minidom.parseString(s) for s in (raw, slim))
    assert b"<!--" not in slim and b"<metadata>" not in slim
    for name in ("use", "clipPath"):  # every marker and clip kept
        count = len(before.getElementsByTagName(name))
        assert len(after.getElementsByTagName(name)) == count
    colours = set(re.findall(rb"#[0-9a-f]{6}\b", raw))
    assert colours == set(re.findall(rb"#[0-9a-f]{6}\b", slim))
    size = after.documentElement
    assert float(size.getAttribute("width")[:-2]) == pytest.approx(
        float(before.documentElement.getAttribute("width")[:-2]), abs=0.01
    )
    ids = set(re.findall(rb' id="([^"]+)"', slim))
    refs = set(re.findall(rb'(?:href="#|url\(#)([^"\s)]+)', slim))
    assert refs and refs == ids, "each id kept is used, each use resolves"


def test_an_svg_the_optimiser_cannot_read_is_kept_as_it_is():
    broken = b"<svg><path d='M 0 0'></svg>"  # not well-formed
    assert slim_svg(broken) == broken
