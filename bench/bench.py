"""Time the site's build against the naive ways of running its snippets.

    python bench/bench.py [--runs N] [--quick] [--output PATH] [--keep]

Every measurement runs in a temporary copy of the repository (see
``bench.workspace``), built with this interpreter, so the real
``.cache/snippet_exec`` is never touched. Each row is the wall-clock time
of whole processes, the median of ``--runs`` rounds; the rows of one round
run one after the other, so a busy machine slows all of them alike, and
each run records the machine's load. The tables go to stdout and, as
Markdown, to ``bench/results.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

# Run as a script, this folder comes first on sys.path; the package
# ``bench`` (this folder) must be found from the repository root instead.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.memory import memory_helper  # noqa: E402
from bench.process import BenchError  # noqa: E402
from bench.report import machine, render  # noqa: E402
from bench.rows import run_rounds  # noqa: E402
from bench.serve import REBUILDS  # noqa: E402
from bench.workspace import QUICK_CHAPTERS, ROOT, make_workspace  # noqa: E402

RESULTS = ROOT / "bench" / "results.md"
QUICK_REBUILDS = 5  # serve rebuilds sampled for memory with --quick


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line; see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="bench/bench.py",
        description="Time the site's build against the naive ways.",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per row (default 3)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1 run, first 2 chapters, results.md left alone",
    )
    parser.add_argument(
        "--output", type=Path, help="where to write the Markdown"
    )
    parser.add_argument("--keep", action="store_true", help="keep the copy")
    parser.add_argument(
        "--memory-helper", nargs=3, type=Path, help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.quick:
        args.runs = 1
    if args.output is None and not args.quick:
        args.output = RESULTS
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Copy, measure, report; exit status 1 if a measurement failed."""
    args = parse_args(argv)
    if args.memory_helper:
        memory_helper(*args.memory_helper)
        return 0
    command = " ".join(["python bench/bench.py", *sys.argv[1:]]).strip()
    load_start = f"{os.getloadavg()[0]:.1f}"
    ws = make_workspace(args.quick)
    print(f"workspace: {ws.base}", file=sys.stderr)
    try:
        rebuilds = QUICK_REBUILDS if args.quick else REBUILDS
        results = run_rounds(ws, args.runs, rebuilds)
        if args.quick:
            results.notes["quick"] = (
                f"`--quick`: only the first {QUICK_CHAPTERS} chapters, one "
                "run; not a result to quote."
            )
        info = {**machine(), "load_start": load_start}
        report = render(ws, results, info, command)
    except (BenchError, subprocess.TimeoutExpired) as err:
        print(f"bench: {err}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(ws.base, ignore_errors=True)
    print(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
