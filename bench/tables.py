"""Markdown tables that also line up in a terminal, and their cells."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bench.stats import median


def format_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], right: str = ""
) -> str:
    """A Markdown table, padded to line up in a terminal too.

    ``right`` holds one character per column: ``r`` right-aligns it.
    """
    rows = [list(map(str, row)) for row in rows]
    widths = [
        max([len(h), *(len(r[i]) for r in rows), 3])
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(w) if right[i : i + 1] == "r" else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (w - 1) + ":" if right[i : i + 1] == "r" else "-" * w
        for i, w in enumerate(widths)
    ]
    return "\n".join([line(headers), line(rule), *map(line, rows)])


def format_seconds(seconds: float) -> str:
    """Two decimals below 10 s, one above: enough for a noisy machine."""
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_kib(size: int) -> str:
    """A byte count in KiB with one decimal."""
    return f"{size / 1024:,.1f} KiB"


def time_row(label: str, runs: Sequence[float]) -> list[str]:
    """One row of the times table: label, median, every run."""
    each = " · ".join(format_seconds(r).removesuffix(" s") for r in runs)
    return [label, format_seconds(median(runs)), each]
