"""Which snippet line made each figure, text and animation.

A figure is drawn, and so can fail, only when the engine saves it, after
the snippet's line has long returned. To name that line in the error, the
child notes, as the snippet runs, the line of the snippet file that
created each figure and animation and last set each text; and it keeps
the animations, which matplotlib itself does not list.
"""

from __future__ import annotations

import sys
import weakref
from typing import Any

from matplotlib.animation import Animation
from matplotlib.figure import Figure
from matplotlib.text import Text


class Origins:
    """Snippet lines of figures, texts and animations, for one run."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: weakref.WeakKeyDictionary[Any, int] = (
            weakref.WeakKeyDictionary()
        )
        self.animations: list[tuple[Animation, Figure]] = []

    def install(self) -> None:
        """Wrap the constructors and setter whose callers are noted."""
        _after(Figure, "__init__", self._note)
        _after(Text, "set_text", self._note)
        _after(Animation, "__init__", self._note_animation)

    def line(self, obj: Any) -> int | None:
        """The snippet line that made ``obj``, if the snippet made it."""
        try:
            return self.lines.get(obj)
        except TypeError:  # not weakly referenceable
            return None

    def animations_of(self, fig: Figure) -> list[Animation]:
        """The animations drawing on ``fig``, oldest first."""
        return [anim for anim, owner in self.animations if owner is fig]

    def _note(self, obj: Any, *args: Any) -> None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != self.path:
            frame = frame.f_back
        if frame is not None:
            self.lines[obj] = frame.f_lineno

    def _note_animation(self, anim: Animation, fig: Figure, *args) -> None:
        self._note(anim)
        self.animations.append((anim, fig))  # kept alive until saved


def _after(cls: type, name: str, hook) -> None:
    """Make ``cls.name`` call ``hook`` with the same arguments after it."""
    method = getattr(cls, name)

    def wrapped(self, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        hook(self, *args)
        return result

    wrapped.__wrapped__ = method
    setattr(cls, name, wrapped)
