"""Keep the build machine's paths off the page.

A traceback, a warning or a printed path names files by where they lie on
the machine that ran the snippet (``/home/me/site/snippets/...``). What a
page shows names them from the repository root instead
(``snippets/01_x/y.py:12: UserWarning``), and the snippet's own temporary
folder as ``$TMPDIR``, which is what it was: the child's ``TMPDIR``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# A path continues while it has name characters; "/repo-old" is not "/repo".
NOT_A_NAME_CHAR = r"(?![\w.-])"


def _spellings(path: Path) -> list[str]:
    """The ways a path may be written: as given and with links resolved."""
    return sorted({str(path), os.path.realpath(path)}, key=len, reverse=True)


class PathScrubber:
    """Rewrites absolute paths under ``root`` and ``tmpdir`` in text."""

    def __init__(self, root: Path, tmpdir: Path | None = None) -> None:
        rules: list[tuple[str, str]] = []
        # The temporary folder may lie inside the repository: it goes first.
        if tmpdir is not None:
            rules += [(s, "$TMPDIR") for s in _spellings(tmpdir)]
        rules += [(s + "/", "") for s in _spellings(root)]
        rules += [(s, ".") for s in _spellings(root)]
        self._rules = [
            (
                re.compile(
                    re.escape(old)
                    + ("" if old.endswith("/") else NOT_A_NAME_CHAR)
                ),
                new,
            )
            for old, new in rules
        ]

    def __call__(self, text: str) -> str:
        """``text`` with the machine's paths made relative or symbolic."""
        for pattern, new in self._rules:
            text = pattern.sub(new, text)
        return text
