"""The changed-outputs report a reviewer reads on a pull request.

Markdown, as GitHub renders it in a job summary: one section per changed
snippet (its pages, a short unified diff of its output, its changed
figures before and after side by side), then the snippets added and
removed. The figures are written as files next to the report, for the
workflow to upload; the report links them by relative path.
"""

from __future__ import annotations

import os
from pathlib import Path

from snippet_exec.diff import Change, Comparison, figure_name

REPORT = "report.md"
FIGURES = "figures"


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` atomically (temporary name, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    temp.replace(path)


def _cell(out: Path, change: Change, number, side, figure) -> str:
    if figure is None:
        return "(none)"
    name = figure_name(change.path, number, side, figure)
    _write(out / FIGURES / name, figure.data)
    return f"![{side}: figure {number}]({FIGURES}/{name})"


def _section(out: Path, change: Change) -> list[str]:
    kinds = (["output"] if change.output_diff else []) + [
        f"figure {number}" for number, _, _ in change.figures
    ]
    lines = [f"## `{change.path}`: {', '.join(kinds)}", ""]
    if change.pages:
        shown = ", ".join(f"`{p}`" for p in change.pages)
        lines += [f"Shown on {shown}.", ""]
    if change.output_diff:
        lines += ["```diff", *change.output_diff, "```", ""]
    for number, before, after in change.figures:
        lines += [
            f"Figure {number}:",
            "",
            "| Before | After |",
            "| --- | --- |",
            f"| {_cell(out, change, number, 'before', before)} "
            f"| {_cell(out, change, number, 'after', after)} |",
            "",
        ]
    return lines


def _listed(title: str, paths: list[str], pages) -> list[str]:
    if not paths:
        return []
    lines = [f"## {title}", ""]
    for rel in paths:
        where = ", ".join(f"`{p}`" for p in pages.get(rel, []))
        lines.append(f"- `{rel}`" + (f" ({where})" if where else ""))
    return [*lines, ""]


def render(comparison: Comparison, out: Path) -> str:
    """The report's Markdown; writes each changed figure under
    ``out/figures``."""
    changed = comparison.changed
    outputs = sum(bool(c.output_diff) for c in changed)
    figures = sum(len(c.figures) for c in changed)
    lines = [
        "# Changed outputs",
        "",
        f"{len(changed)} snippets changed ({outputs} outputs, {figures} "
        f"figures); {len(comparison.added)} added, "
        f"{len(comparison.removed)} removed.",
        "",
    ]
    for change in changed:
        lines += _section(out, change)
    lines += _listed("Added snippets", comparison.added, comparison.pages)
    lines += _listed("Removed snippets", comparison.removed, comparison.pages)
    lines += _listed(
        "Not compared (no recorded result on one side)",
        comparison.unknown,
        comparison.pages,
    )
    return "\n".join(lines)


def write_report(comparison: Comparison, out: Path) -> Path:
    """Write ``out/report.md`` and its figures; return the report's path.
    Figures of an earlier report in ``out`` are removed first."""
    folder = out / FIGURES
    if folder.is_dir():
        for old in folder.iterdir():
            old.unlink()
    report = out / REPORT
    _write(report, render(comparison, out).encode())
    return report
