"""Split a site's snippets over N machines, balanced by recorded run times.

The PyTorch tutorials keep a hand-written table of each tutorial's
duration to shard their build; here the durations come from the result
cache (``durations``), so the plan follows the snippets as they change.
The assignment is longest-processing-time-first (Graham, "Bounds on
multiprocessing timing anomalies", SIAM J. Appl. Math. 17(2), 1969): each
snippet, longest first, goes to the shard that is least loaded so far, so
the longest shard is at most 4/3 - 1/(3N) times the optimum's.

On a shard, snippets run as the executor runs them: the shared ones
``jobs`` at a time, each ``# shard: alone`` one by itself with every core.
A shard's expected seconds are therefore its shared snippets' seconds
over ``jobs``, plus its lone snippets' seconds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from snippet_exec import durations, settings
from snippet_exec.cache import ResultCache
from snippet_exec.directive import Include, scan_page
from snippet_exec.executor import Executor, _cores


class ShardError(ValueError):
    """A shard spec that names no shard, such as ``4/3``."""


@dataclass(frozen=True)
class Layout:
    """Where a site keeps its pages, snippets and cache, from its root."""

    root: Path
    docs_dir: str = "docs"
    snippets_dir: str = "snippets"
    cache_dir: str = ".cache/snippet_exec"

    @classmethod
    def of(cls, root: Path) -> Layout:
        """The layout mkdocs.yml in ``root`` declares (defaults if none)."""
        config = settings.site_config(root)
        found = {"docs_dir": config.get("docs_dir")}
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            if (root / name).is_file():
                options = settings.plugin_options(root / name)
                found["snippets_dir"] = options.get("snippets_dir")
                found["cache_dir"] = options.get("cache_dir")
                break
        chosen = {k: v for k, v in found.items() if isinstance(v, str)}
        return cls(root.resolve(), **chosen)

    @property
    def cache(self) -> Path:
        return self.root / self.cache_dir


@dataclass
class Shard:
    """One machine's share: snippet paths and the seconds they should take."""

    number: int  # 1-based, as in ``--shard 2/3``
    snippets: list[str] = field(default_factory=list)
    seconds: float = 0.0


def parse_spec(spec: str) -> tuple[int, int]:
    """``"K/N"`` -> (K, N) with 1 <= K <= N; raises ``ShardError``."""
    try:
        number, count = (int(part) for part in spec.split("/"))
    except ValueError:
        raise ShardError(f"shard {spec!r} is not K/N, e.g. 2/3") from None
    if not 1 <= number <= count:
        raise ShardError(f"shard {spec!r}: K must be between 1 and N")
    return number, count


def pages_of(layout: Layout) -> dict[str, list[str]]:
    """Snippet path (relative to the root) -> the ``page.md:line`` of
    each include of it, for every snippet file the pages include."""
    docs = layout.root / layout.docs_dir
    snippets = layout.root / layout.snippets_dir
    found: dict[str, list[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        name = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        for item in scan_page(text, name):
            if not isinstance(item, Include):
                continue
            file = (snippets / item.path).resolve()
            if file.is_file() and file.is_relative_to(snippets.resolve()):
                rel = os.path.relpath(file, layout.root)
                where = f"{layout.docs_dir}/{item.where}"
                found.setdefault(Path(rel).as_posix(), []).append(where)
    return found


def every_snippet(layout: Layout) -> list[str]:
    """Every ``.py`` file under the snippets folder, root-relative."""
    snippets = layout.root / layout.snippets_dir
    return sorted(
        p.relative_to(layout.root).as_posix() for p in snippets.rglob("*.py")
    )


def lone_snippets(root: Path, rel_paths: list[str]) -> set[str]:
    """The snippets that say ``# shard: alone`` (unreadable ones do not:
    their run reports why)."""
    alone = set()
    for rel in rel_paths:
        try:
            if settings.read_markers(root / rel).alone:
                alone.add(rel)
        except (OSError, ValueError):
            continue
    return alone


def plan(
    seconds: dict[str, float], alone: set[str], count: int, jobs: int
) -> list[Shard]:
    """``count`` shards of the snippets in ``seconds`` (path -> recorded
    seconds), longest first onto the least-loaded shard; ties go by path
    and shard number, so every machine computes the same plan."""
    if count < 1:
        raise ShardError("the number of shards must be at least 1")
    jobs = max(1, jobs)
    cost = {rel: s if rel in alone else s / jobs for rel, s in seconds.items()}
    shards = [Shard(n) for n in range(1, count + 1)]
    for rel in sorted(cost, key=lambda r: (-cost[r], r)):
        lightest = min(shards, key=lambda s: (s.seconds, s.number))
        lightest.snippets.append(rel)
        lightest.seconds += cost[rel]
    for shard in shards:
        shard.snippets.sort()
    return shards


def missing(layout: Layout, rel_paths: list[str]) -> list[str]:
    """The snippets the project's cache holds no valid result for: what a
    build would run."""
    executor = Executor.from_settings(layout.root, settings.load(layout.root))
    cache = ResultCache(layout.cache, layout.root)
    return [
        rel
        for rel in rel_paths
        if cache.get(rel, executor.limits_for(layout.root / rel)) is None
    ]


def plan_site(
    layout: Layout,
    count: int,
    every: bool = False,
    jobs: int = 0,
    only_missing: bool = False,
) -> list[Shard]:
    """The plan for a site: the snippets its pages include (``every``:
    all snippet files; ``only_missing``: only those the cache lacks),
    timed by the cache's records. ``jobs`` is the snippets a shard runs
    at once (0: the settings', else its cores)."""
    rels = every_snippet(layout) if every else sorted(pages_of(layout))
    if only_missing:
        rels = missing(layout, rels)
    known = durations.recorded(layout.cache)
    seconds = durations.estimate(rels, known)
    jobs = jobs or settings.load(layout.root).jobs or _cores()
    return plan(seconds, lone_snippets(layout.root, rels), count, jobs)


def count_for(
    layout: Layout,
    seconds: float,
    most: int,
    every: bool = False,
    only_missing: bool = False,
) -> int:
    """The fewest shards, up to ``most``, whose longest is expected to
    take at most ``seconds`` (``most`` if none is that short)."""
    for count in range(1, most):
        shards = plan_site(layout, count, every, 0, only_missing)
        if max(s.seconds for s in shards) <= seconds:
            return count
    return most


def describe(shards: list[Shard]) -> str:
    """The plan as text: one line per shard, then its snippets indented."""
    total = sum(s.seconds for s in shards)
    lines = [
        f"{len(shards)} shards, {total:.1f} s in all, "
        f"ideal {total / len(shards):.1f} s each"
    ]
    for shard in shards:
        lines.append(
            f"shard {shard.number}/{len(shards)}: "
            f"{len(shard.snippets)} snippets, {shard.seconds:.1f} s expected"
        )
        lines.extend(f"  {rel}" for rel in shard.snippets)
    return "\n".join(lines)
