"""The machine's load while a row runs, so a reader can weigh each time.

On a shared machine one run of a row can take twice as long as the next;
each run therefore carries the 1-minute load average at its start and the
highest seen while it ran (sampled every second from ``os.getloadavg``),
and a run whose load rose above the core count is marked.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

SAMPLE_EVERY = 1.0  # seconds between load samples
BUSY_MARK = "†"


@dataclass(frozen=True)
class Load:
    """1-minute load averages of one run: at its start, and the peak."""

    start: float
    peak: float

    def busy(self, cores: int) -> bool:
        """True if the load rose above the core count during the run:
        some process, ours or another's, waited for a core."""
        return self.peak > cores

    def text(self, cores: int) -> str:
        """``1.2–2.5``, with ``†`` when the run was busy."""
        mark = BUSY_MARK if self.busy(cores) else ""
        return f"{self.start:.1f}–{self.peak:.1f}{mark}"


def loads_cell(loads: Sequence[Load], cores: int) -> str:
    """One table cell: every run's load, in run order."""
    return " · ".join(load.text(cores) for load in loads) or "–"


class LoadSampler:
    """``with LoadSampler() as sampler: ...`` then ``sampler.load``."""

    def __init__(self, every: float = SAMPLE_EVERY) -> None:
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._start = self._peak = 0.0

    def __enter__(self) -> LoadSampler:
        self._start = self._peak = os.getloadavg()[0]
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._peak = max(self._peak, os.getloadavg()[0])

    def _sample(self) -> None:
        while not self._stop.wait(self.every):
            self._peak = max(self._peak, os.getloadavg()[0])

    @property
    def load(self) -> Load:
        """The run's load; read it after the ``with`` block."""
        return Load(self._start, self._peak)
