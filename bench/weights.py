"""Bytes per page: each chapter's HTML and the figures it shows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.tables import format_kib, format_table

# The light variant of each figure, the one a page shows by default.
FIGURE_RE = re.compile(
    r'\bsrc="([^"#]*figures/[0-9a-f]+\.(?:svg|png|webp))(?:#only-light)?"'
)


def figure_refs(html: str) -> set[str]:
    """The distinct figure files a page's HTML shows in the light scheme."""
    return set(FIGURE_RE.findall(html))


@dataclass(frozen=True)
class PageWeight:
    """A built page's HTML and the figures it shows, in bytes."""

    page: str
    html: int
    figures: int
    figure_bytes: int

    @property
    def total(self) -> int:
        return self.html + self.figure_bytes


def page_weight(page: str, html_file: Path) -> PageWeight:
    """Measure one built page: its HTML plus every figure it references."""
    html = html_file.read_text(encoding="utf-8")
    refs = figure_refs(html)
    sizes = [(html_file.parent / ref).resolve().stat().st_size for ref in refs]
    return PageWeight(page, html_file.stat().st_size, len(refs), sum(sizes))


def weight_table(weights: Sequence[PageWeight]) -> str:
    """The bytes-per-page table, with a total row."""
    rows = [
        [
            f"`{w.page}`",
            format_kib(w.html),
            f"{w.figures} · {format_kib(w.figure_bytes)}",
            format_kib(w.total),
        ]
        for w in weights
    ]
    total = PageWeight(
        "all",
        sum(w.html for w in weights),
        sum(w.figures for w in weights),
        sum(w.figure_bytes for w in weights),
    )
    rows.append(
        [
            "**all pages**",
            format_kib(total.html),
            f"{total.figures} · {format_kib(total.figure_bytes)}",
            format_kib(total.total),
        ]
    )
    headers = ["Page", "HTML", "Figures", "HTML + figures"]
    return format_table(headers, rows, right="-rrr")
