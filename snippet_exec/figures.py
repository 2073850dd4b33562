"""Save the figures a snippet leaves open, for the light and dark themes.

The child calls ``Scraper.scrape`` at the end of each chunk of the snippet
(the lines between section markers). Each open figure that is new, or has
changed since the last look, is saved twice from the same Figure: as drawn,
then recoloured by ``dark.dark_theme``. It is saved as SVG, or as a PNG at
twice its resolution when the SVG would pass ``MAX_SVG_BYTES`` (dense
contours, many points). An open animation is saved as an animated WebP
(``animation``). Files go into the run's work folder under their SHA-256;
the record of each lands in the chunk's result.

A figure stays open across sections: later sections may go on drawing on
it, and it is shown under the section that changed it last. "Changed" is
matplotlib's ``stale`` flag, confirmed by a digest of the light save, so a
figure that was only looked at does not move.

An error raised while a figure is drawn (bad mathtext, ``usetex`` without
LaTeX) is the snippet's failure: ``FigureError`` names the figure, the
section, and the snippet line that set the offending text.
"""

from __future__ import annotations

import hashlib
import io
import traceback
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from snippet_exec import animation
from snippet_exec.blobs import FigureRecord, write_blob
from snippet_exec.dark import dark_theme
from snippet_exec.encode import display_size, optimise_png, slim_svg
from snippet_exec.origins import Origins

MAX_SVG_BYTES = 150_000  # above this a figure is a PNG (issue 16.5)
PNG_SCALE = 2  # PNGs are drawn at twice the figure's dpi, for sharp screens
MAX_PIXELS = 25_000_000  # of a PNG, about 6000 x 4000
SURELY_DENSE = 50_000  # markers: megabytes of SVG, far past MAX_SVG_BYTES
PACKAGE = str(Path(__file__).parent)


class FigureError(Exception):
    """A figure that could not be saved, located at a snippet line."""

    def __init__(self, summary: str, lineno: int | None, details: str):
        super().__init__(summary)
        self.summary, self.lineno, self.details = summary, lineno, details

    def as_error(self) -> dict[str, Any]:
        """The child's error record for this failure."""
        return {
            "kind": "figure",
            "lineno": self.lineno,
            "summary": self.summary,
            "traceback": self.details,
        }


class Scraper:
    """Saves one snippet run's figures, chunk by chunk."""

    def __init__(self, folder: str, path: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.seen: dict[int, tuple[Figure, str]] = {}  # number: fig, digest
        self.placed: dict[int, tuple[list, dict]] = {}  # id(fig): where
        self.origins = Origins(path)
        self.origins.install()

    def scrape(self, sections: list[str], first_line: int) -> list[dict]:
        """Save each open figure that changed; return their records.

        The list returned is the chunk's: a later chunk that changes one
        of its figures again takes the figure's record out of it.
        """
        where = _where(sections)
        active = plt.gcf() if plt.get_fignums() else None
        records = []
        # Stable SVG ids, given at save time: the snippet sees the defaults.
        with plt.rc_context({"svg.hashsalt": "snippet-exec"}):
            try:
                for number in plt.get_fignums():
                    self._scrape_one(number, where, first_line, records)
            finally:
                if active is not None and plt.fignum_exists(active.number):
                    plt.figure(active.number)  # the snippet's current one
        return records

    def _scrape_one(
        self, number: int, where: str, first_line: int, records: list
    ) -> None:
        fig = plt.figure(number)
        try:
            record = self._save(number, fig, where)
        except FigureError as exc:
            exc.lineno = exc.lineno or self.origins.line(fig) or first_line
            raise
        except animation.AnimationError as exc:
            anims = self.origins.animations_of(fig)
            line = self.origins.line(anims[0]) or first_line
            raise FigureError(
                f"figure {number} ({where}) {exc}", line, ""
            ) from exc
        except Exception as exc:  # noqa: BLE001 (the snippet's error)
            raise self._error(exc, number, fig, where, first_line) from exc
        if record is not None:
            self._place(fig, record.to_dict(), records)

    def _place(self, fig: Figure, record: dict, records: list) -> None:
        """Show the figure under this chunk, and no longer under the chunk
        that changed it before (its earlier record is dropped)."""
        earlier = self.placed.get(id(fig))
        if earlier is not None:
            earlier[0].remove(earlier[1])
        records.append(record)
        self.placed[id(fig)] = (records, record)

    def _save(self, number: int, fig: Figure, where: str):
        seen = self.seen.get(number)
        if seen is not None and seen[0] is fig and not fig.stale:
            return None  # not touched since it was saved
        anims = self.origins.animations_of(fig)
        if anims:
            frames = animation.capture(fig, anims)
            light, scale = frames.still_light, 1
        else:
            light, scale = _light(fig, number, where)
        digest = hashlib.sha256(light).hexdigest()
        fig.stale = False  # saving marks it stale; it matches its files now
        if seen is not None and seen[0] is fig and seen[1] == digest:
            return None  # redrawn, but it looks the same
        self.seen[number] = (fig, digest)
        if anims:
            return frames.record(number, self.folder)
        return self._image(number, fig, light, scale)

    def _image(self, number, fig, light: bytes, scale: int) -> FigureRecord:
        ext = "png" if scale > 1 else "svg"
        with dark_theme(fig) as recoloured:
            dark = _render(fig, ext) if recoloured else light
        fig.stale = False
        width, height = display_size(light, ext, scale)
        return FigureRecord(
            number=number,
            kind="image",
            format=ext,
            light=write_blob(self.folder, light, ext),
            dark=write_blob(self.folder, dark, ext),
            width=width,
            height=height,
        )

    def _error(self, exc, number, fig, where, first_line) -> FigureError:
        """Locate a failure to draw a figure: the text it could not lay
        out and the snippet line that set it, else the snippet frame in
        the traceback, else the chunk's first line."""
        summary = f"figure {number} ({where}) could not be drawn: "
        summary += f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        lineno = _snippet_line(exc, self.path) or self.origins.line(fig)
        culprit = _failing_text(fig, self.origins)
        if culprit is not None:
            summary += f"; the failing text is {culprit.get_text()!r}"
            lineno = self.origins.line(culprit) or lineno
        return FigureError(summary, lineno or first_line, _details(exc))


def _where(sections: list[str]) -> str:
    if not sections:
        return "drawn outside any section"
    names = ", ".join(f"'{name}'" for name in sections)
    return f"drawn in section {names}"


def _render(fig: Figure, ext: str) -> bytes:
    buffer = io.BytesIO()
    if ext == "svg":
        fig.savefig(
            buffer, format="svg", bbox_inches="tight", metadata={"Date": None}
        )
        return slim_svg(buffer.getvalue())
    fig.savefig(
        buffer, format="png", bbox_inches="tight", dpi=fig.dpi * PNG_SCALE
    )
    return optimise_png(buffer.getvalue())


def _light(fig: Figure, number: int, where: str) -> tuple[bytes, int]:
    """The light save: SVG, or a 2x PNG if the SVG is too heavy."""
    if _points(fig) < SURELY_DENSE:  # else the SVG is megabytes: skip it
        svg = _render(fig, "svg")
        if len(svg) <= MAX_SVG_BYTES:
            return svg, 1
    width, height = fig.get_size_inches() * fig.dpi * PNG_SCALE
    if width * height > MAX_PIXELS:
        raise FigureError(
            f"figure {number} ({where}) is {width:.0f} x {height:.0f} "
            f"pixels as a PNG, over the {MAX_PIXELS:,} allowed: make it "
            "smaller with figsize=(width, height) in inches or a lower dpi",
            None,
            "",
        )
    return _render(fig, "png"), PNG_SCALE


def _points(fig: Figure) -> int:
    """How many markers the figure draws: each is an element of its own in
    an SVG (lines, which SVG simplifies, are not counted)."""
    count = sum(len(c.get_offsets()) for c in fig.findobj(Collection))
    for line in fig.findobj(Line2D):
        if line.get_marker() not in (None, "None", "none", " ", ""):
            count += len(line.get_xydata())
    return count


def _failing_text(fig: Figure, origins: Origins) -> Text | None:
    """The first text of ``fig`` that cannot be laid out, preferring one
    the snippet set (under ``usetex`` every tick label fails too)."""
    renderer = fig.canvas.get_renderer()
    failing = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text():
            continue
        try:
            text.get_window_extent(renderer)
        except Exception:  # noqa: BLE001 (any error marks the culprit)
            if origins.line(text) is not None:
                return text
            failing.append(text)
    return failing[0] if failing else None


def _snippet_line(exc: BaseException, path: str) -> int | None:
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f.lineno for f in frames if f.filename == path]
    return lines[-1] if lines else None


def _details(exc: BaseException) -> str:
    """The traceback from where the engine's save called into matplotlib."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(
        PACKAGE
    ):
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))
