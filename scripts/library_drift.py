"""Run every snippet against another library version and report what breaks.

``make test-latest`` runs this twice: once in .venv (the pinned versions)
and once in .venv-latest (the newest torch pip can install), then compares:

    python scripts/library_drift.py run RESULTS.json
    python scripts/library_drift.py compare PINNED.json LATEST.json

A maintainer's tool, not part of ``make test``: it needs a second virtual
environment and runs every snippet twice.
"""

from __future__ import annotations

import argparse
import difflib
import json
import platform
import sys
from pathlib import Path

import torch

from snippet_exec import settings
from snippet_exec.executor import Executor

ROOT = Path(__file__).resolve().parent.parent


def run_all(out: Path) -> None:
    """Run every snippet (no cache) and store what each one did."""
    paths = sorted((ROOT / "snippets").rglob("*.py"))
    results = Executor.from_settings(ROOT, settings.load(ROOT)).run_many(paths)
    report = {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "snippets": {
            r.path: {
                "ok": r.ok,
                "where": r.location() if not r.ok else "",
                "summary": r.error.summary if r.error else "",
                "output": r.output,
            }
            for r in results
        },
    }
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    failed = sum(not r.ok for r in results)
    print(
        f"torch {torch.__version__}: {len(results)} snippets, {failed} failed"
    )


def compare(pinned_file: Path, latest_file: Path) -> int:
    """Print the snippets that break or change; exit 1 if any break."""
    pinned = json.loads(pinned_file.read_text())
    latest = json.loads(latest_file.read_text())
    print(
        f"pinned torch {pinned['torch']}  vs  latest torch {latest['torch']}"
    )
    broken = changed = 0
    for path, new in sorted(latest["snippets"].items()):
        old = pinned["snippets"].get(path)
        if old is None:
            continue
        if old["ok"] and not new["ok"]:
            broken += 1
            print(f"BREAKS   {new['where']}: {new['summary']}")
        elif not old["ok"]:
            print(f"FAILS ON BOTH  {old['where']}: {old['summary']}")
        elif old["output"] != new["output"]:
            if "# nondeterministic:" in (ROOT / path).read_text("utf-8"):
                print(f"TIMING   {path}: differs, as a timing snippet does")
                continue
            changed += 1
            print(f"CHANGES  {path}: output differs")
            diff = difflib.unified_diff(
                old["output"].splitlines(),
                new["output"].splitlines(),
                "pinned",
                "latest",
                lineterm="",
                n=0,
            )
            for line in list(diff)[2:14]:
                print(f"         {line}")
    total = len(latest["snippets"])
    print(
        f"{total} snippets: {broken} break, {changed} print something "
        f"different, {total - broken - changed} unchanged"
    )
    return 1 if broken else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("pinned", type=Path)
    cmp.add_argument("latest", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run_all(args.out)
        return 0
    return compare(args.pinned, args.latest)


if __name__ == "__main__":
    sys.exit(main())
