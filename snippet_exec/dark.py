"""Recolour a drawn figure for the dark theme, then put it back as it was.

The engine saves each figure twice from one run: as the snippet drew it,
then inside ``dark_theme(fig)``, which recolours the same Figure's artists
with ``palette``'s rules and, on leaving, restores every attribute it
touched, so later sections go on drawing on the figure as the snippet left
it. Nothing runs twice, and a figure always gets the same colours.

What keeps its colours: colormapped data (images, meshes, filled contours,
points coloured by value), except a map with a white low end, which swaps
to its dark twin; everything drawn in an axes that such kept data fills,
and those artists' legend entries; text on a fill that keeps its colour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection, PolyCollection, QuadMesh
from matplotlib.colors import Colormap, to_rgba
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from snippet_exec.palette import (
    dark_colour,
    dark_colours,
    has_white_end,
    inverted_cmap,
    is_dark,
    lightened_cmap,
)

LINE_COLOURS = ("color", "markerfacecolor", "markeredgecolor")
FILLS = ("facecolor", "edgecolor")


@contextlib.contextmanager
def dark_theme(fig: Figure) -> Iterator[bool]:
    """Recolour ``fig`` for the dark theme while the block runs.

    Yields False and changes nothing for a figure whose background is
    already dark (a snippet that used ``dark_background``, say): its light
    save serves both themes.
    """
    face = fig.get_facecolor()
    if face[3] > 0 and is_dark(face[:3]):
        yield False
        return
    recolour = _Recolour(fig)
    try:
        recolour.apply()
        yield True
    finally:
        recolour.undo()


def _mapped(artist: Artist) -> bool:
    """True for an artist whose colours come from data through a colormap."""
    if not hasattr(artist, "get_array") or not hasattr(artist, "set_cmap"):
        return False
    data = artist.get_array()
    return data is not None and np.ndim(data) < 3  # RGB images have no map


def _explicit(artist: Artist) -> bool:
    """True for contour lines, and contours in colours the snippet chose."""
    if isinstance(artist, ContourSet):
        return not artist.filled or artist.colors is not None
    return False


def _fills(artist: Artist) -> bool:
    """True for colormapped data that covers an area, not lines or points."""
    if isinstance(artist, ContourSet):
        return not _explicit(artist)
    return isinstance(artist, AxesImage | QuadMesh | PolyCollection)


def _data_artists(ax: Axes) -> list[Artist]:
    """What an axes draws in its data area, legend included."""
    groups = (ax.lines, ax.collections, ax.patches, ax.texts, ax.images)
    roots = [a for group in (*groups, ax.artists) for a in group]
    legend = ax.get_legend()
    return roots + ([legend] if legend is not None else [])


def _centre(text: Text) -> tuple[float, float]:
    box = text.get_window_extent()
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


class _Recolour:
    """One recolouring of a figure, with what it takes to undo it."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        self.changes: list[tuple[Any, dict, list[str]]] = []
        self.cmaps: list[tuple[Any, Colormap]] = []
        self.on_fill: set[int] = set()  # text on a fill that changes
        axes = fig.get_axes()
        self.stale = [(a, a.stale) for a in (*axes, fig)]
        # Drawing makes ticks as it needs them, copied from the first one:
        # those the dark draw adds go again afterwards.
        self.ticks = [
            (axis, len(axis.majorTicks), len(axis.minorTicks))
            for ax in axes
            for axis in (ax.xaxis, ax.yaxis)
        ]

    def apply(self) -> None:
        artists = self.fig.findobj()
        swaps = self._colormaps(artists)
        kept = self._kept(artists, swaps)
        for artist in artists:
            if id(artist) not in kept and not _mapped(artist):
                self._recolour(artist)
        for mappable, cmap in swaps.items():
            self._swap(mappable, cmap)

    def undo(self) -> None:
        for mappable, cmap in reversed(self.cmaps):
            with mappable.callbacks.blocked():
                mappable.set_cmap(cmap)
        for artist, old, new in reversed(self.changes):
            artist.__dict__.update(old)
            for key in new:
                artist.__dict__.pop(key, None)
        for axis, major, minor in self.ticks:
            del axis.majorTicks[major:]
            del axis.minorTicks[minor:]
        for artist, stale in self.stale:
            artist.stale = stale

    def _colormaps(self, artists: list[Artist]) -> dict[Any, Colormap]:
        """The dark twin of each colormap that needs one, by mappable."""
        twins: dict[int, Colormap] = {}
        swaps = {}
        for artist in filter(_mapped, artists):
            cmap = artist.get_cmap()
            if _explicit(artist):
                make = lightened_cmap  # colours the snippet chose, as lines
            elif has_white_end(cmap):
                make = inverted_cmap
            else:
                continue
            if id(cmap) not in twins:  # an image and its colorbar share one
                twins[id(cmap)] = make(cmap)
            swaps[artist] = twins[id(cmap)]
        return swaps

    def _kept(self, artists: list[Artist], swaps: dict) -> set[int]:
        """Ids of the artists whose colours stay as drawn."""
        kept: set[int] = set()
        labels: set[str] = set()
        for ax in self.fig.get_axes():
            data = _data_artists(ax)
            if any(_fills(a) and _mapped(a) and a not in swaps for a in data):
                for root in data:
                    kept.update(map(id, root.findobj()))
                    labels.add(str(root.get_label()))
        decided: set[int] = set()
        for legend in (a for a in artists if isinstance(a, Legend)):
            # Legend text sits on the legend's frame, whatever is behind.
            texts = [*legend.texts, legend.get_title()]
            decided.update(map(id, texts))
            if _keeps_face(legend.get_frame()):
                kept.update(map(id, texts))
            if id(legend) in kept:
                continue
            for handle, text in zip(
                legend.legend_handles, legend.texts, strict=False
            ):
                if handle is not None and text.get_text() in labels:
                    kept.update(map(id, handle.findobj()))
        for text in (a for a in artists if isinstance(a, Text)):
            if id(text) in decided:
                continue
            under = _underlay(text)
            if under is None:
                continue
            if _keeps_colour(under, swaps):
                kept.add(id(text))
            else:  # on a fill that swaps its lightness: swap the text's too
                self.on_fill.add(id(text))
        return kept

    def _swap(self, mappable: Any, cmap: Colormap) -> None:
        # Blocked, so a colorbar does not redraw itself: its own mesh is
        # one of the mappables and gets the same twin.
        self.cmaps.append((mappable, mappable.get_cmap()))
        with mappable.callbacks.blocked():
            mappable.set_cmap(cmap)

    def _recolour(self, artist: Artist) -> None:
        if isinstance(artist, Text):
            text = id(artist) not in self.on_fill
            colour = dark_colour(to_rgba(artist.get_color()), text)
            self._set(artist, "color", colour)
            extras = [artist.get_bbox_patch()]
            if isinstance(artist, Annotation):
                extras.append(artist.arrow_patch)
            for patch in filter(None, extras):
                self._recolour(patch)
        elif isinstance(artist, Line2D | Patch):
            parts = LINE_COLOURS if isinstance(artist, Line2D) else FILLS
            # All read first: a marker's "auto" face follows the line colour.
            colours = [to_rgba(getattr(artist, f"get_{p}")()) for p in parts]
            for part, colour in zip(parts, colours, strict=True):
                if colour[3] > 0:
                    self._set(artist, part, dark_colour(colour))
        elif isinstance(artist, Collection):
            colours = [getattr(artist, f"get_{part}")() for part in FILLS]
            for part, array in zip(FILLS, colours, strict=True):
                if len(array):
                    self._set(artist, part, dark_colours(array))

    def _set(self, artist: Artist, part: str, value: Any) -> None:
        """Call ``artist.set_<part>(value)``, noting the attributes the
        setter changed and their old values, and only those: geometry a
        draw computes (layout, legend placement) stays as the draw left
        it, just as after any other draw."""
        before = dict(artist.__dict__)
        getattr(artist, f"set_{part}")(value)
        after = artist.__dict__
        old = {k: v for k, v in before.items() if after.get(k, v) is not v}
        new = [k for k in after if k not in before]
        self.changes.append((artist, old, new))


def _underlay(text: Text) -> Artist | None:
    """The fill a text is drawn on: its box, or the topmost patch or
    image under its centre in its axes; None on the background."""
    box = text.get_bbox_patch()
    if box is not None and box.get_facecolor()[3] > 0:
        return box
    ax = text.axes
    if ax is None or not text.get_text():
        return None
    point = _centre(text)
    under = [
        a
        for a in (*ax.patches, *ax.images)
        if a.get_visible()
        and a.get_zorder() <= text.get_zorder()
        and _covers(a, point)
    ]
    return max(under, key=lambda a: a.get_zorder(), default=None)


def _keeps_colour(fill: Artist, swaps: dict) -> bool:
    if isinstance(fill, AxesImage):
        return fill not in swaps
    return _keeps_face(fill)


def _keeps_face(patch: Patch) -> bool:
    face = patch.get_facecolor()
    if face[3] == 0:
        return False
    return bool(np.allclose(dark_colour(face)[:3], face[:3], atol=1e-3))


def _covers(artist: Artist, point: tuple[float, float]) -> bool:
    if isinstance(artist, Patch):
        return artist.get_fill() and artist.contains_point(point)
    return artist.get_window_extent().contains(*point)
