"""The engine's command line: run a snippet or a shard, plan, merge, diff.

    python -m snippet_exec run snippets/03_single_neuron/fit_by_hand.py

prints what the snippet printed, the paths of its figures, how long it ran
and whether the result came from the cache. Exit status 1 if it failed.

    python -m snippet_exec plan 3             # shards, expected seconds
    python -m snippet_exec run --shard 2/3 --cache-dir shard-2
    python -m snippet_exec merge shard-1 shard-2 shard-3
    python -m snippet_exec diff BASE_CACHE HEAD_CACHE --out report/

Limits come from the same place as the build's (``settings``): mkdocs.yml,
then the environment, then the snippet's own marker comments.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import subprocess
import sys
from pathlib import Path

from snippet_exec import colab, diff, diff_report, merge, settings, shards
from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor
from snippet_exec.sharded import run_shard

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
    executor = Executor.from_settings(root, resolved)
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
    figures_dir = root / CACHE_DIR / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    for svg in result.select(None)[1]:
        digest = hashlib.sha256(svg.encode()).hexdigest()[:20]
        figure = figures_dir / f"{digest}.svg"
        if not figure.exists():
            figure.write_text(svg, encoding="utf-8")
        print(f"figure: {figure.relative_to(root)}")
    state = "cached" if result.cached else "ran"
    print(f"{rel}: {state}, {result.duration:.2f} s")
    return 0


def _settings(parser: argparse.ArgumentParser, root: Path, args):
    """The settings as the build resolves them, and ``--timeout``."""
    try:
        resolved = settings.load(root)
    except settings.SettingsError as err:
        parser.error(str(err))
    if getattr(args, "timeout", None) is not None:
        resolved = dataclasses.replace(resolved, timeout=args.timeout)
    return resolved


def _run(parser: argparse.ArgumentParser, root: Path, args) -> int:
    resolved = _settings(parser, root, args)
    if args.shard is not None:
        if args.path is not None:
            parser.error("give a snippet or --shard K/N, not both")
        try:
            number, count = shards.parse_spec(args.shard)
        except shards.ShardError as err:
            parser.error(str(err))
        layout = shards.Layout.of(root)
        return run_shard(
            layout,
            number,
            count,
            args.cache_dir,
            args.all,
            resolved,
            args.missing,
        )
    if args.path is None:
        parser.error("give a snippet to run, or --shard K/N")
    if not args.path.is_file():
        parser.error(f"no such snippet: {args.path}")
    if not args.path.resolve().is_relative_to(root):
        parser.error("run it from the repository root, on a file inside it")
    return run_one(args.path, root, resolved, not args.no_cache)


def _plan(parser: argparse.ArgumentParser, root: Path, args) -> int:
    layout = shards.Layout.of(root)
    jobs = _settings(parser, root, args).jobs
    if args.count_for is not None:
        if args.count is not None or args.max < 1:
            parser.error("--count-for takes no N, and --max must be >= 1")
        print(
            shards.count_for(
                layout, args.count_for, args.max, args.all, args.missing
            )
        )
        return 0
    if args.count is None or args.count < 1:
        parser.error("give the number of shards N (at least 1)")
    plan = shards.plan_site(layout, args.count, args.all, jobs, args.missing)
    print(shards.describe(plan))
    return 0


def _merge(parser: argparse.ArgumentParser, root: Path, args) -> int:
    target = args.into or shards.Layout.of(root).cache
    try:
        stats = merge.merge(args.sources, target)
    except FileNotFoundError as err:
        parser.error(str(err))
    for why in stats.skipped:
        print(f"snippet-exec merge: warning: skipped {why}", file=sys.stderr)
    print(stats.summary())
    return 0


def _diff(parser: argparse.ArgumentParser, root: Path, args) -> int:
    layout = shards.Layout.of(root)
    if args.against is not None:
        if args.caches:
            parser.error("give two caches or --against REF, not both")
        try:
            base, head = diff.against(args.against, root, layout.cache)
        except subprocess.CalledProcessError as err:
            parser.error(f"git cannot read {args.against!r}: {err.stderr}")
    elif len(args.caches) == 2:
        for folder in args.caches:
            if not folder.is_dir():
                parser.error(f"no such cache folder: {folder}")
        base, head = (diff.newest(folder) for folder in args.caches)
    else:
        parser.error("give BASE_CACHE HEAD_CACHE, or --against REF")
    comparison = diff.compare(base, head, shards.pages_of(layout))
    report = diff_report.write_report(comparison, args.out)
    print(report.read_text(encoding="utf-8"))
    return 0


def _colab(parser: argparse.ArgumentParser, root: Path, args) -> int:
    layout = shards.Layout.of(root)
    built = sorted((layout.cache / "notebooks").glob("*.ipynb"))
    if not built:
        parser.error("no chapter notebooks in the cache: build the site first")
    lock = root / "requirements.lock"
    pins = colab.lock_pins(lock) if lock.is_file() else {}
    args.out.mkdir(parents=True, exist_ok=True)
    for path in built:
        text = colab.colab_notebook(path.read_text("utf-8"), root, pins)
        (args.out / path.name).write_text(text, encoding="utf-8")
        print(args.out / path.name)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m snippet_exec")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run one snippet, or one shard")
    run.add_argument("path", type=Path, nargs="?")
    run.add_argument(
        "--timeout",
        type=float,
        help="seconds, as SNIPPET_TIMEOUT would set it (a snippet's own "
        "'# timeout:' marker still wins)",
    )
    run.add_argument("--no-cache", action="store_true", help="always run")
    run.add_argument(
        "--shard",
        metavar="K/N",
        help="run shard K of N of the snippets the pages include",
    )
    run.add_argument(
        "--all", action="store_true", help="shard every snippet file"
    )
    run.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where a shard stores what it ran (default: the project's "
        "cache, which it reads in any case)",
    )
    plan = sub.add_parser("plan", help="print the shards of N machines")
    plan.add_argument("count", type=int, metavar="N", nargs="?")
    plan.add_argument(
        "--all", action="store_true", help="plan every snippet file"
    )
    plan.add_argument(
        "--count-for",
        type=float,
        metavar="SECONDS",
        help="print only the fewest shards whose longest is expected to "
        "take at most SECONDS",
    )
    plan.add_argument(
        "--max", type=int, default=8, help="most shards --count-for gives"
    )
    for command in (run, plan):
        command.add_argument(
            "--missing",
            action="store_true",
            help="only the snippets the project's cache lacks",
        )
    joined = sub.add_parser("merge", help="merge result caches into one")
    joined.add_argument("sources", type=Path, nargs="+", metavar="DIR")
    joined.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        help="the cache to merge into (default: the project's)",
    )
    changes = sub.add_parser(
        "diff", help="report the outputs and figures a change changed"
    )
    changes.add_argument("caches", type=Path, nargs="*", metavar="CACHE")
    changes.add_argument(
        "--against",
        metavar="REF",
        help="compare the working tree's results with git REF's, both "
        "from the project's cache",
    )
    changes.add_argument(
        "--out",
        type=Path,
        default=Path("output-diff"),
        help="folder for report.md and its figures (default: output-diff)",
    )
    notebooks = sub.add_parser(
        "colab", help="write the chapter notebooks as Colab runs them"
    )
    notebooks.add_argument("--out", type=Path, default=Path("colab"))
    return parser


COMMANDS = {
    "colab": _colab,
    "run": _run,
    "plan": _plan,
    "merge": _merge,
    "diff": _diff,
}


def main(argv: list[str] | None = None) -> int:
    """The command line; the exit status (1: a snippet failed)."""
    parser = _parser()
    args = parser.parse_args(argv)
    root = Path.cwd().resolve()
    return COMMANDS[args.command](parser, root, args)


if __name__ == "__main__":
    sys.exit(main())
