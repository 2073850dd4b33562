"""The benchmark's arithmetic: medians, the floor and the targets.

Pure functions of the measured seconds; ``tests/test_bench.py`` covers
them without timing anything.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def median(values: Sequence[float]) -> float:
    """The median of one row's runs; a row without runs is an error."""
    if not values:
        raise ValueError("no runs to take the median of")
    return float(statistics.median(values))


def floor_seconds(snippet_sum: float, cores: int, plain: float) -> float:
    """The least a build can take: snippets spread over every core, plus
    what MkDocs needs for the same pages without running anything."""
    return snippet_sum / max(cores, 1) + plain


@dataclass(frozen=True)
class Target:
    """One goal: ``value`` must not exceed ``limit``."""

    text: str
    value: float
    limit: float
    formula: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        """``- PASS — text: 1.2 s ≤ formula = 3.4 s``."""
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"- **{verdict}**: {self.text}: {self.value:.1f} s ≤ "
            f"{self.formula} = {self.limit:.1f} s"
        )


def check_targets(m: dict[str, float], cores: int) -> list[Target]:
    """The goals, as ratios of the medians ``m`` (seconds, keyed by row).

    ``m`` holds clean, naive, warm, plain, edit, snippet_sum and
    edit_snippet; jupyter is optional (left out if that row failed).
    """
    floor = floor_seconds(m["snippet_sum"], cores, m["plain"])
    over = m["clean"] - floor
    targets = [
        Target("clean build", m["clean"], 1.3 * floor, "1.3 × floor"),
        Target(
            "no-change rebuild",
            m["warm"],
            1.2 * m["plain"],
            "1.2 × plain MkDocs",
        ),
        Target(
            "one-snippet edit",
            m["edit"],
            m["plain"] + m["edit_snippet"] + 1.0,
            "plain MkDocs + the snippet's run time + 1 s",
        ),
        Target(
            "our overhead above the floor",
            over,
            0.1 * (m["naive"] - floor),
            "0.1 × the naive way's overhead",
        ),
    ]
    if "jupyter" in m:
        targets.append(
            Target(
                "our overhead above the floor",
                over,
                0.1 * (m["jupyter"] - floor),
                "0.1 × mkdocs-jupyter's overhead",
            )
        )
    return targets


def smallest_snippet(durations: dict[str, float]) -> str:
    """The snippet that ran fastest: a small, typical edit."""
    return min(sorted(durations), key=durations.__getitem__)
