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
    """One goal of issue 19: ``value`` must not exceed ``limit``."""

    text: str
    value: float
    limit: float
    formula: str
    unit: str = "s"

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        """``- **PASS**: text: 1.2 s ≤ formula = 3.4 s``."""
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"- **{verdict}**: {self.text}: {self.value:.1f} {self.unit} ≤ "
            f"{self.formula} = {self.limit:.1f} {self.unit}"
        )


def check_targets(m: dict[str, float], cores: int) -> list[Target]:
    """The goals, as ratios of the medians ``m`` (keyed by row).

    ``m`` holds clean, warm, plain, edit, snippet_sum and edit_snippet
    (seconds); jupyter, the serve rows (serve_snippet, serve_prose,
    serve_snippet_own) and the memory rows (server_first, server_last,
    parent_first, parent_last, MiB) are optional: a row that did not run
    has no target.
    """
    floor = floor_seconds(m["snippet_sum"], cores, m["plain"])
    targets = [
        Target(
            "1. no-change rebuild",
            m["warm"],
            1.1 * m["plain"],
            "1.1 × plain MkDocs",
        ),
        Target(
            "2. one-snippet edit",
            m["edit"],
            m["plain"] + m["edit_snippet"] + 1.0,
            "plain MkDocs + the snippet's run time + 1 s",
        ),
        Target("3. clean build", m["clean"], 1.15 * floor, "1.15 × floor"),
    ]
    if "jupyter" in m:
        targets.append(
            Target(
                "3. clean build",
                m["clean"],
                m["jupyter"] / 2,
                "mkdocs-jupyter `execute: true` / 2",
            )
        )
    if "serve_snippet" in m:
        targets += [
            Target(
                "4. serve, snippet edit to visible",
                m["serve_snippet"],
                m["serve_snippet_own"] + 2.0,
                "the snippet's run time + 2 s",
            ),
            Target(
                "4. serve, prose edit to visible",
                m["serve_prose"],
                1.5,
                "1.5 s",
            ),
        ]
    for who in ("server", "parent"):
        if f"{who}_first" in m:
            first = m[f"{who}_first"]
            targets.append(
                Target(
                    f"5. memory of the {WHO[who]} after the last rebuild",
                    m[f"{who}_last"],
                    1.1 * first,
                    "1.1 × after the first",
                    "MiB",
                )
            )
    return targets


WHO = {"server": "server process", "parent": "warm parent"}


def smallest_snippet(durations: dict[str, float]) -> str:
    """The snippet that ran fastest: a small, typical edit."""
    return min(sorted(durations), key=durations.__getitem__)
