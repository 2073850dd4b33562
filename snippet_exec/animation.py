"""Save an animation a snippet leaves open as an animated image.

matplotlib's own ``Animation.save`` draws the frames, so the snippet's
frame function runs once per frame, as it would on screen; the writer here
grabs each frame twice, as drawn and recoloured for the dark theme
(``dark.dark_theme``). Frames are cut to 256 colours and encoded with
Pillow as lossless animated WebP, looping, with the last frame held;
a PNG still of the last frame per theme serves notebooks and readers who
ask for reduced motion.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from matplotlib.animation import AbstractMovieWriter, Animation
from matplotlib.figure import Figure
from PIL import Image

from snippet_exec.blobs import FigureRecord, write_blob
from snippet_exec.dark import dark_theme
from snippet_exec.palette import DARK_FACE

MAX_FRAMES = 100  # 10 s at 10 frames a second
MAX_WIDTH = 800  # pixels; frames are drawn at the figure's dpi up to this
HOLD_MS = 2000  # the last frame stays this long before the loop restarts
DEFAULT_INTERVAL = 200  # ms between frames, matplotlib's default


class AnimationError(ValueError):
    """An animation the page cannot carry; the message says how to fix it."""


class Frames(AbstractMovieWriter):
    """A movie writer that keeps each frame in memory, in both themes."""

    def __init__(self, fps: float) -> None:
        super().__init__(fps=fps)
        self.light: list[Image.Image] = []
        self.dark: list[Image.Image] = []

    def setup(self, fig: Figure, outfile: str, dpi: float = None) -> None:
        super().setup(fig, outfile, dpi)

    def grab_frame(self, **savefig_kwargs) -> None:
        if len(self.light) == MAX_FRAMES:
            raise AnimationError(_too_many(None))
        self.light.append(self._grab(savefig_kwargs, (1.0, 1.0, 1.0)))
        with dark_theme(self.fig) as recoloured:
            dark = (
                self._grab(savefig_kwargs, DARK_FACE) if recoloured else None
            )
        self.dark.append(dark or self.light[-1])

    def finish(self) -> None:
        pass  # the frames are encoded by ``record``

    def _grab(self, kwargs: dict, background) -> Image.Image:
        # Whatever the writer was told about faces, each theme keeps its
        # own: a transparent figure is laid on that theme's background.
        kwargs = {k: v for k, v in kwargs.items() if k != "facecolor"}
        buffer = io.BytesIO()
        self.fig.savefig(buffer, **kwargs, format="rgba", dpi=self.dpi)
        frame = Image.frombuffer(
            "RGBA", self.frame_size, buffer.getbuffer(), "raw", "RGBA", 0, 1
        )
        base = tuple(round(c * 255) for c in background)
        under = Image.new("RGBA", frame.size, (*base, 255))
        return Image.alpha_composite(under, frame).convert("RGB")

    @functools.cached_property
    def still_light(self) -> bytes:
        """The last frame as a PNG."""
        return _png(self.light[-1])

    def record(self, number: int, folder: Path) -> FigureRecord:
        """Encode the frames and stills into ``folder``."""
        width, height = self.light[0].size
        return FigureRecord(
            number=number,
            kind="animation",
            format="webp",
            light=write_blob(folder, _webp(self.light, self.fps), "webp"),
            dark=write_blob(folder, _webp(self.dark, self.fps), "webp"),
            width=width,
            height=height,
            still_light=write_blob(folder, self.still_light, "png"),
            still_dark=write_blob(folder, _png(self.dark[-1]), "png"),
        )


def capture(fig: Figure, anims: list[Animation]) -> Frames:
    """Run the animations on ``fig`` through every frame, grabbing each."""
    source = anims[0].event_source
    interval = getattr(source, "interval", None) or DEFAULT_INTERVAL
    width = fig.get_size_inches()[0]
    frames = Frames(fps=1000 / interval)

    def check(number: int, total: int | None) -> None:
        if number == 0 and total is not None and total > MAX_FRAMES:
            raise AnimationError(_too_many(total))

    # save() asks the canvas to redraw after each frame, for a screen;
    # the grabs draw it anyway, so that third draw per frame is skipped.
    canvas = fig.canvas
    had_own = "draw_idle" in vars(canvas)
    draw_idle = canvas.draw_idle
    canvas.draw_idle = lambda *args, **kwargs: None
    try:
        anims[0].save(
            "frames",  # the writer keeps the frames; nothing is written here
            writer=frames,
            dpi=min(fig.dpi, MAX_WIDTH / width),
            extra_anim=anims[1:],
            progress_callback=check,
        )
    finally:
        if had_own:
            canvas.draw_idle = draw_idle
        else:
            del canvas.draw_idle
    if not frames.light:
        raise AnimationError("is an animation with no frames")
    return frames


def _too_many(total: int | None) -> str:
    count = f"{total} frames" if total else f"more than {MAX_FRAMES} frames"
    return (
        f"is an animation of {count}, and a page keeps at most {MAX_FRAMES}: "
        "draw fewer, e.g. FuncAnimation(..., frames=range(0, n, step))"
    )


def _webp(frames: list[Image.Image], fps: float) -> bytes:
    """Lossless WebP of the frames, each first cut to 256 colours: a third
    of the bytes of a GIF, and quick to encode at low effort."""
    durations = [round(1000 / fps)] * (len(frames) - 1) + [HOLD_MS]
    frames = [_quantize(frame).convert("RGB") for frame in frames]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=0,
        lossless=True,
        quality=25,  # for lossless WebP: the effort spent compressing
        method=1,
        minimize_size=True,  # part 8's 41 frames: 45 KB, not 66 KB
    )
    return buffer.getvalue()


def _quantize(frame: Image.Image) -> Image.Image:
    return frame.quantize(
        256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )


def _png(frame: Image.Image) -> bytes:
    buffer = io.BytesIO()
    _quantize(frame).save(buffer, format="png", optimize=True)
    return buffer.getvalue()
