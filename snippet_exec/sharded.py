"""Run one shard of a site's snippets, as one CI machine of N does.

A shard looks each of its snippets up in the project's cache first (the
one CI restores) and in its own cache folder; it runs only what neither
holds and stores those results in its own folder. That folder then holds
exactly the shard's new entries: what its job uploads for the merge.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from snippet_exec import settings
from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor
from snippet_exec.report import RunStats, progress_line
from snippet_exec.shards import Layout, plan_site


def run_shard(
    layout: Layout,
    number: int,
    count: int,
    cache_dir: Path | None = None,
    every: bool = False,
    resolved: settings.Settings | None = None,
    only_missing: bool = False,
) -> int:
    """Run shard ``number`` of ``count``; print a line per run and a
    summary; return the exit status (1 if a snippet failed).

    ``cache_dir`` receives the shard's new results (default: the
    project's cache); ``every`` shards all snippet files, not only those
    the pages include; ``only_missing`` shards only the snippets the
    project's cache lacks (every shard must restore the same cache).
    """
    started = time.perf_counter()
    resolved = resolved or settings.load(layout.root)
    shard = plan_site(layout, count, every, resolved.jobs, only_missing)
    shard = shard[number - 1]
    root = layout.root
    base = ResultCache(layout.cache, root)
    out = ResultCache(cache_dir or layout.cache, root)
    executor = Executor.from_settings(root, resolved)
    todo = []
    for rel in shard.snippets:
        limits = executor.limits_for(root / rel)
        if base.get(rel, limits) is None and out.get(rel, limits) is None:
            todo.append(rel)
    print(
        f"snippet-exec: shard {number}/{count}: {len(shard.snippets)} "
        f"snippets, {len(todo)} to run, {shard.seconds:.1f} s expected",
        flush=True,
    )
    results = out.run_missing(
        executor, todo, lambda r: print(progress_line(r), flush=True)
    )
    failed = [r for r in results.values() if not r.ok]
    stats = RunStats(
        len(shard.snippets),
        len(todo),
        len(shard.snippets) - len(todo),
        len(failed),
        time.perf_counter() - started,
    )
    print(stats.summary(), flush=True)
    for result in failed:
        print(
            f"{result.location()}: {result.error.summary}\n"
            f"{result.error.traceback}",
            file=sys.stderr,
        )
    return 1 if failed else 0
