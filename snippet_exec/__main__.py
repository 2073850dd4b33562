"""Run one snippet from the command line, through the build's executor and cache.

    python -m snippet_exec run snippets/03_single_neuron/fit_by_hand.py

prints what the snippet printed, the paths of its figures (light and dark
theme), how long it ran and whether the result came from the cache. Exit
status 1 if it failed. Limits come from the same place as the build's
(``settings``): mkdocs.yml, then the environment, then the snippet's own
marker comments.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from snippet_exec import settings
from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor

CACHE_DIR = Path(".cache/snippet_exec")


def run_one(
    path: Path,
    root: Path,
    resolved: settings.Settings,
    use_cache: bool,
) -> int:
    """Run (or fetch from the cache) one snippet and report it; exit status."""
    rel = path.resolve().relative_to(root).as_posix()
    cache = ResultCache(root / CACHE_DIR, root)
    executor = Executor.from_settings(root, resolved, cache.blobs.directory)
    limits = executor.limits_for(path)
    result = cache.get(rel, limits) if use_cache else None
    if result is None:
        result = executor.run(path)
        cache.put(result)
    output = result.output
    sys.stdout.write(output)
    if output and not output.endswith("\n"):
        sys.stdout.write("\n")  # this command's own lines start a line
    if not result.ok:
        print(f"{result.location()}: {result.error.summary}", file=sys.stderr)
        print(result.error.traceback, file=sys.stderr)
        return 1
    for record in result.select(None)[1]:
        light, dark = (
            result.blobs.path(name).relative_to(root)
            for name in (record.light, record.dark)
        )
        print(f"figure: {light} (dark theme: {dark})")
    state = "cached" if result.cached else "ran"
    print(f"{rel}: {state}, {result.duration:.2f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m snippet_exec")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run one snippet as the build does")
    run.add_argument("path", type=Path)
    run.add_argument(
        "--timeout",
        type=float,
        help="seconds, as SNIPPET_TIMEOUT would set it (a snippet's own "
        "'# timeout:' marker still wins)",
    )
    run.add_argument("--no-cache", action="store_true", help="always run")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        parser.error(f"no such snippet: {args.path}")
    root = Path.cwd().resolve()
    if not args.path.resolve().is_relative_to(root):
        parser.error("run it from the repository root, on a file inside it")
    try:
        resolved = settings.load(root)
    except settings.SettingsError as err:
        parser.error(str(err))
    if args.timeout is not None:
        resolved = dataclasses.replace(resolved, timeout=args.timeout)
    return run_one(args.path, root, resolved, not args.no_cache)


if __name__ == "__main__":
    sys.exit(main())
