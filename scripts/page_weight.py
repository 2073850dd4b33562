"""Bytes per chapter page of a built site: HTML and figures, raw and gzip.

    python scripts/page_weight.py SITE [--before OLD_SITE] [--out FILE]

For each chapter page: its HTML, and the figures a reader loads in the
light scheme (each figure's light variant; the dark one weighs about the
same, and a reader fetches one of the two), raw and gzip-compressed at
level 9, as a server that compresses them sends them (PNG and WebP hardly
shrink). With ``--before``, each cell reads "before → after", and a last
line compares the heaviest page before with the same page after.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CHAPTER_RE = re.compile(r"^\d\d-[\w-]+$")
# A figure as the page shows it by default: its only image, or the one
# marked for the light scheme; never the dark variant.
FIGURE_RE = re.compile(r'<img src="([^"#]*figures/[^"#]+)(?:#only-light)?"')


@dataclass(frozen=True)
class Weight:
    """One page's bytes: HTML and figures, raw and gzip."""

    figures: int
    html: int
    html_gz: int
    figure_bytes: int
    figure_gz: int

    @property
    def total(self) -> int:
        return self.html + self.figure_bytes

    @property
    def total_gz(self) -> int:
        return self.html_gz + self.figure_gz


def gz(data: bytes) -> int:
    """Bytes after gzip at level 9 (mtime fixed, so runs agree)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def weigh(page: Path) -> Weight:
    """Measure a built page and the distinct figures it shows."""
    html = page.read_bytes()
    sources = sorted(set(FIGURE_RE.findall(html.decode("utf-8"))))
    files = [(page.parent / src).resolve().read_bytes() for src in sources]
    return Weight(
        figures=len(files),
        html=len(html),
        html_gz=gz(html),
        figure_bytes=sum(map(len, files)),
        figure_gz=sum(map(gz, files)),
    )


def chapters(site: Path) -> dict[str, Weight]:
    """Every chapter page of the site, by its folder name."""
    return {
        folder.name: weigh(folder / "index.html")
        for folder in sorted(site.iterdir())
        if CHAPTER_RE.match(folder.name) and (folder / "index.html").is_file()
    }


def kib(size: int) -> str:
    return f"{size / 1024:,.1f}"


def cell(after: int, before: int | None) -> str:
    return kib(after) if before is None else f"{kib(before)} → {kib(after)}"


def table(after: dict[str, Weight], before: dict[str, Weight]) -> str:
    """The Markdown table, in KiB; with ``before``, both runs per cell."""
    fields = ["html", "html_gz", "figure_bytes", "figure_gz", "total"]
    fields.append("total_gz")
    heads = [
        "HTML",
        "HTML, gzip",
        "Figures",
        "Figures, gzip",
        "Page",
        "Page, gzip",
    ]
    lines = [
        "| Chapter | " + " | ".join(heads) + " |",
        "| --- |" + " ---: |" * len(heads),
    ]
    for name, weight in after.items():
        old = before.get(name)
        cells = [
            cell(getattr(weight, f), getattr(old, f) if old else None)
            for f in fields
        ]
        count = f"{weight.figures} figure{'s' * (weight.figures != 1)}"
        lines.append(f"| `{name}` ({count}) | " + " | ".join(cells) + " |")
    if before:
        lines += ["", heaviest(after, before)]
    return "\n".join(lines) + "\n"


def heaviest(after: dict[str, Weight], before: dict[str, Weight]) -> str:
    """The heaviest page before, and what it weighs now, raw and gzip."""
    name = max(before, key=lambda n: before[n].total)
    old, new = before[name], after[name]
    top = max(after, key=lambda n: after[n].total)
    now = after[top]
    return (
        f"Heaviest page before: `{name}`, {kib(old.total)} KiB with its "
        f"figures ({kib(old.total_gz)} KiB gzip); now {kib(new.total)} KiB "
        f"({kib(new.total_gz)} KiB gzip): {new.total / old.total:.0%} and "
        f"{new.total_gz / old.total_gz:.0%} of before. Heaviest page now: "
        f"`{top}`, {kib(now.total)} KiB ({kib(now.total_gz)} KiB gzip): "
        f"{now.total / old.total:.0%} and {now.total_gz / old.total_gz:.0%}"
        " of the heaviest before."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--before", type=Path, help="an older build")
    parser.add_argument("--out", type=Path, help="write the table here")
    args = parser.parse_args(argv)
    before = chapters(args.before) if args.before else {}
    text = table(chapters(args.site), before)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
