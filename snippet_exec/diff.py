"""What a change did to the site's outputs: compare two sets of results.

Each side is a snippet path -> cache entry map. ``newest`` reads it from a
cache folder that holds one build's results (a shard's ``--cache-dir``, a
fresh build's cache): the newest entry of each path. ``at_tree`` reads it
exactly, from the entries the snippets of a source tree (the working
tree, or a git ref) are keyed to in a long-lived cache, the one CI
restores: unchanged snippets then share one entry, changed ones do not.
"""

from __future__ import annotations

import difflib
import hashlib
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from snippet_exec.cache import ResultCache
from snippet_exec.durations import newest_entries, read_entry
from snippet_exec.merge import BLOB_DIR, BLOB_RE
from snippet_exec.shards import Layout, pages_of

DIFF_LINES = 40  # lines of one snippet's output diff shown in the report


@dataclass(frozen=True)
class Figure:
    """A figure's bytes and file extension (``svg``, ``png``, ...)."""

    data: bytes
    extension: str


@dataclass
class Side:
    """One side of the comparison: entries and where their figures are."""

    entries: dict[str, dict]
    cache: Path
    paths: set[str] = field(default_factory=set)  # the side's snippets

    def __post_init__(self) -> None:
        self.paths = self.paths | set(self.entries)

    def figures(self, rel: str) -> list[Figure]:
        """The snippet's figures in order: inline SVG documents, or the
        light-theme file a figure record names (``blobs/<sha256>.<ext>``).
        A missing file reads as empty bytes, so it shows as changed."""
        found = []
        for chunk in self.entries[rel].get("chunks", []):
            for figure in chunk.get("figures", []):
                if isinstance(figure, str):
                    found.append(Figure(figure.encode(), "svg"))
                elif isinstance(figure, dict) and BLOB_RE.fullmatch(
                    str(figure.get("light", ""))
                ):
                    name = figure["light"]
                    try:
                        data = (self.cache / BLOB_DIR / name).read_bytes()
                    except OSError:
                        data = b""
                    found.append(Figure(data, name.rsplit(".", 1)[1]))
        return found

    def output(self, rel: str) -> str:
        """Everything the snippet printed, in order."""
        chunks = self.entries[rel].get("chunks", [])
        return "".join(c.get("output", "") for c in chunks)


@dataclass
class Change:
    """How one snippet's results differ: its output diff (empty if the
    same) and its changed figures as (number, before, after), 1-based,
    with None for a figure only one side has."""

    path: str
    pages: list[str]
    output_diff: list[str] = field(default_factory=list)
    figures: list[tuple[int, Figure | None, Figure | None]] = field(
        default_factory=list
    )


@dataclass
class Comparison:
    """Every changed, added and removed snippet, in path order."""

    changed: list[Change]
    added: list[str]
    removed: list[str]
    pages: dict[str, list[str]]
    unknown: list[str] = field(default_factory=list)  # a side has no result


def newest(cache: Path) -> Side:
    """The newest entry of each snippet in ``cache``."""
    entries = {rel: data for rel, (_, data) in newest_entries(cache).items()}
    return Side(entries, cache)


def at_tree(tree: Path, cache: Path) -> Side:
    """The entries in ``cache`` of the snippets the pages of ``tree``
    include, keyed by their files there (a snippet without one is left
    out: it has no result to compare)."""
    keys = ResultCache(cache, tree)
    entries = {}
    paths = set(pages_of(Layout.of(tree)))
    for rel in paths:
        key = keys.key(rel)
        data = read_entry(cache / f"{key}.json") if key else None
        if data is not None:
            entries[rel] = data
    return Side(entries, cache, paths)


def checkout(ref: str, root: Path, into: Path) -> Path:
    """The files of git ``ref`` in ``into`` (``git archive``); raises
    ``subprocess.CalledProcessError`` for a ref git does not know."""
    done = subprocess.run(
        ["git", "archive", "--format=tar", ref],
        cwd=root,
        capture_output=True,
        check=True,
    )
    with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
        archive.extractall(into, filter="data")
    return into


def against(ref: str, root: Path, cache: Path) -> tuple[Side, Side]:
    """The results of git ``ref``'s snippets and of the working tree's,
    both from ``cache``."""
    with tempfile.TemporaryDirectory(prefix="snippet-diff-") as temp:
        base = at_tree(checkout(ref, root, Path(temp)), cache)
    return base, at_tree(root, cache)


def _output_diff(rel: str, before: str, after: str) -> list[str]:
    """A unified diff of two outputs, cut at ``DIFF_LINES`` lines."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(),
            after.splitlines(),
            f"a/{rel}",
            f"b/{rel}",
            n=2,
            lineterm="",
        )
    )
    if len(lines) > DIFF_LINES:
        cut = len(lines) - DIFF_LINES
        lines = [*lines[:DIFF_LINES], f"... {cut} more lines"]
    return lines


def _figure_changes(
    base: list[Figure], head: list[Figure]
) -> list[tuple[int, Figure | None, Figure | None]]:
    changes = []
    for number in range(1, max(len(base), len(head)) + 1):
        old = base[number - 1] if number <= len(base) else None
        new = head[number - 1] if number <= len(head) else None
        if old != new:
            changes.append((number, old, new))
    return changes


def compare(base: Side, head: Side, pages: dict[str, list[str]]) -> Comparison:
    """The ``Comparison`` of two sides; ``pages`` maps a snippet path to
    the ``page.md:line`` of its includes."""
    changed = []
    for rel in sorted(set(base.entries) & set(head.entries)):
        change = Change(rel, pages.get(rel, []))
        change.output_diff = _output_diff(
            rel, base.output(rel), head.output(rel)
        )
        change.figures = _figure_changes(base.figures(rel), head.figures(rel))
        if change.output_diff or change.figures:
            changed.append(change)
    both = base.paths & head.paths
    unknown = sorted(
        rel
        for rel in both
        if rel not in base.entries or rel not in head.entries
    )
    added = sorted(head.paths - base.paths)
    removed = sorted(base.paths - head.paths)
    return Comparison(changed, added, removed, pages, unknown)


def figure_name(rel: str, number: int, side: str, figure: Figure) -> str:
    """A file name for one side of a changed figure, unique per snippet."""
    tag = hashlib.sha256(rel.encode()).hexdigest()[:8]
    stem = Path(rel).stem
    return f"{stem}-{tag}-{number}-{side}.{figure.extension}"
