"""What saving figures costs, and how much of it is the dark variant.

    python scripts/figure_cost.py [SNIPPET ...]

Runs each snippet that draws (every one under snippets/ that imports
matplotlib, by default) in a fresh process, the way the build's child
does: the script, then the engine's save of the figures it left open.
Prints, per snippet and in total, the seconds spent running the script,
saving the light figures, and recolouring and saving the dark ones. The
clock is the process's own (``time.perf_counter``) on whatever the
machine is doing, so compare the columns of one run, not runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import contextlib, io, json, runpy, sys, time
import matplotlib
matplotlib.use("Agg")
from snippet_exec import animation, figures
from snippet_exec.dark import dark_theme
from snippet_exec.figures import Scraper

spent = {"dark": 0.0}

@contextlib.contextmanager
def timed_dark(fig):
    start = time.perf_counter()
    with dark_theme(fig) as recoloured:
        yield recoloured
    spent["dark"] += time.perf_counter() - start

figures.dark_theme = animation.dark_theme = timed_dark
path, folder = sys.argv[1], sys.argv[2]
scraper = Scraper(folder, path)
sys.argv = [path]
sys.path.insert(0, path.rsplit("/", 1)[0])  # modules beside the snippet
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    runpy.run_path(path, run_name="__main__")
ran = time.perf_counter()
scraper.scrape([], 1)
saved = time.perf_counter()
print(json.dumps({"run": ran - start, "save": saved - ran, **spent}))
"""


def measure(path: Path) -> dict[str, float]:
    """Seconds to run ``path``, to save its figures, and of that saving,
    to recolour and save the dark variants."""
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), folder],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted(
        p
        for p in (ROOT / "snippets").rglob("*.py")
        if "matplotlib" in p.read_text("utf-8")
    )
    total = {"run": 0.0, "save": 0.0, "dark": 0.0}
    print(f"{'snippet':58} {'run':>7} {'light':>7} {'dark':>7}")
    for path in paths:
        name = path.relative_to(ROOT / "snippets").as_posix()
        try:
            cost = measure(path)
        except subprocess.CalledProcessError as err:
            print(f"{name:58} failed: {err.stderr.strip().splitlines()[-1]}")
            continue
        for key in total:
            total[key] += cost[key]
        light = cost["save"] - cost["dark"]
        print(f"{name:58} {cost['run']:7.2f} {light:7.2f} {cost['dark']:7.2f}")
    light = total["save"] - total["dark"]
    print(f"{'all':58} {total['run']:7.2f} {light:7.2f} {total['dark']:7.2f}")
    share = total["dark"] / (total["run"] + total["save"])
    print(f"dark variants: {share:.0%} of the drawing snippets' time")
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    status = main(sys.argv[1:])
    print(f"measured in {time.perf_counter() - start:.0f} s")
    sys.exit(status)
