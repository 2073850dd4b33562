"""The timed rows: ours (clean, no-change, one-snippet edit, plain
MkDocs), the naive way, mkdocs-jupyter and Zensical, one round at a time.

One round runs every row once, so a busy machine slows all rows alike;
each run carries the machine's load while it ran (see ``load``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import Load, LoadSampler
from bench.memory import measure_memory
from bench.notebooks import drop_notebook_obstacles, jupyter_build
from bench.process import (
    BenchError,
    environment,
    mkdocs_build,
    snippets_ran,
    timed,
)
from bench.serve import REBUILDS, Served, serve_rows
from bench.stats import median, smallest_snippet
from bench.weights import PageWeight, page_weight
from bench.workspace import CHAPTER_RE, Workspace

CACHE_DIR = Path(".cache") / "snippet_exec"
SNIPPET_TIMEOUT = 600.0
ZENSICAL_SITE = ".zensical-site"  # Zensical writes only inside the copy
SCHEDULE_RE = re.compile(
    r"schedule: (?P<runs>\d+) runs on (?P<workers>\d+) workers, "
    r"(?P<makespan>[\d.]+) s, idle (?P<idle>[\d.]+) core-s; overhead "
    r"per run median (?P<median>[\d.]+) s, max (?P<max>[\d.]+) s"
)


@dataclass
class Results:
    """Every run of every row, the load it ran under, and what the runs
    noticed."""

    runs: dict[str, list[float]] = field(default_factory=dict)
    loads: dict[str, list[Load]] = field(default_factory=dict)
    durations: list[dict[str, float]] = field(default_factory=list)
    edit_snippet: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    memory: tuple[float, float] = (0.0, 0.0)
    weights: list[PageWeight] = field(default_factory=list)
    ran: dict[str, list[int | None]] = field(
        default_factory=lambda: {"warm": [], "edit": []}
    )
    schedules: list[dict[str, float]] = field(default_factory=list)
    served: Served | None = None

    def add(self, row: str, seconds: float, load: Load | None = None) -> None:
        """One run of ``row``; ``load`` is None for a derived row."""
        self.runs.setdefault(row, []).append(seconds)
        if load is not None:
            self.loads.setdefault(row, []).append(load)
        shown = f", load {load.start:.1f}–{load.peak:.1f}" if load else ""
        print(f"  {row}: {seconds:.1f} s{shown}", file=sys.stderr, flush=True)

    def measure(self, row: str, run: Callable[[], float]) -> float:
        """Run ``run`` (which returns seconds) under a load sampler."""
        with LoadSampler() as sampler:
            seconds = run()
        self.add(row, seconds, sampler.load)
        return seconds

    def medians(self) -> dict[str, float]:
        """The median of each row, plus the edited snippet's run time."""
        found = {row: median(runs) for row, runs in self.runs.items()}
        found["edit_snippet"] = median(
            [d[self.edit_snippet] for d in self.durations]
        )
        if self.served is not None:
            found["serve_snippet"] = self.served.snippet_edit
            found["serve_snippet_own"] = self.served.snippet_seconds
            found["serve_prose"] = self.served.prose_edit
            for who, samples in self.served.memory.items():
                if samples and samples[0] > 0:
                    found[f"{who}_first"] = samples[0]
                    found[f"{who}_last"] = samples[-1]
        return found


def cache_durations(cache: Path) -> dict[str, float]:
    """Each cache entry's snippet (repo-relative) and its run seconds."""
    durations = {}
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "path" in data and "duration" in data:
            durations[data["path"]] = float(data["duration"])
    return durations


def cache_has_engine_dep(cache: Path) -> bool:
    """True if the entries depend on the copy's own snippet_exec/child.py,
    i.e. the copy's engine (not the real checkout's) ran the snippets."""
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "snippet_exec/child.py" in data.get("deps", []):
            return True
    return False


def clean_build(ws: Workspace) -> float:
    """Empty the copy's cache, build; the wall-clock seconds."""
    shutil.rmtree(ws.repo / ".cache", ignore_errors=True)
    return mkdocs_build(ws, "clean", environment())


def edit_build(ws: Workspace, snippet: str) -> float:
    """Append a new comment to one snippet, rebuild, put the file back.

    The comment differs every time, so no earlier entry matches it.
    """
    path = ws.repo / "snippets" / snippet
    original = path.read_bytes()
    newline = b"" if original.endswith(b"\n") else b"\n"
    comment = f"# edited by the benchmark: {uuid.uuid4().hex}\n".encode()
    try:
        path.write_bytes(original + newline + comment)
        return mkdocs_build(ws, "edit", environment())
    finally:
        path.write_bytes(original)


def naive_run(ws: Workspace) -> tuple[float, list[str]]:
    """Run every snippet as ``python <file>``, one after the other, in a
    fresh temporary folder; the time and the snippets that failed."""
    env = environment(MPLBACKEND="Agg")
    failed = []
    with tempfile.TemporaryDirectory(prefix="naive-") as cwd:
        started = time.perf_counter()
        for snippet in ws.all_snippets():
            path = ws.repo / "snippets" / snippet
            done = subprocess.run(
                [sys.executable, str(path)],
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=SNIPPET_TIMEOUT,
                check=False,
            )
            if done.returncode != 0:
                failed.append(snippet)
        return time.perf_counter() - started, failed


def zensical_build(ws: Workspace, name: str, clean: bool) -> float:
    """Time ``zensical build`` of the copy (``clean``: caches emptied)."""
    if clean:
        shutil.rmtree(ws.repo / ".cache", ignore_errors=True)
    command = [sys.executable, "-m", "zensical", "build", "-f"]
    command.append("zensical.yml")
    env = environment(ZENSICAL_SITE_DIR=ZENSICAL_SITE)
    return timed(command, ws.repo, env, ws.logs / f"{name}.log")


def schedule_of(ws: Workspace, name: str) -> dict[str, float]:
    """The engine's schedule line in the build log ``name``: runs,
    workers, makespan, idle core-seconds, overhead median and max."""
    text = (ws.logs / f"{name}.log").read_text(encoding="utf-8")
    found = SCHEDULE_RE.findall(text)
    keys = ("runs", "workers", "makespan", "idle", "median", "max")
    return dict(zip(keys, map(float, found[-1]), strict=True)) if found else {}


def ours(ws: Workspace, results: Results) -> None:
    """Clean build, no-change rebuild, one-snippet edit, plain MkDocs."""
    results.measure("clean", lambda: clean_build(ws))
    if found := schedule_of(ws, "clean"):
        results.schedules.append(found)
    durations = cache_durations(ws.repo / CACHE_DIR)
    results.durations.append(durations)
    results.add("snippet_sum", sum(durations.values()))
    if not cache_has_engine_dep(ws.repo / CACHE_DIR):
        results.notes["engine"] = (
            "Warning: the copy's cache entries do not depend on its own "
            "`snippet_exec/child.py`; another checkout's engine ran."
        )
    results.measure("warm", lambda: mkdocs_build(ws, "warm", environment()))
    results.ran["warm"].append(snippets_ran(ws, "warm"))
    if not results.edit_snippet:
        results.edit_snippet = smallest_snippet(durations)
    name = results.edit_snippet.removeprefix("snippets/")
    results.measure("edit", lambda: edit_build(ws, name))
    results.ran["edit"].append(snippets_ran(ws, "edit"))
    plain = environment(SNIPPET_EXEC="false")
    results.measure("plain", lambda: mkdocs_build(ws, "plain", plain))


def others(ws: Workspace, results: Results, probe: bool) -> None:
    """The naive way, mkdocs-jupyter and Zensical."""
    failed: list[str] = []

    def naive() -> float:
        seconds, found = naive_run(ws)
        failed.extend(found)
        return seconds

    results.measure("naive", naive)
    if failed:
        results.notes["naive"] = (
            "Snippets that failed as plain scripts: "
            + ", ".join(f"`{f}`" for f in failed)
        )
    try:
        results.measure("jupyter", lambda: jupyter_build(ws, probe))
    except BenchError as err:
        print(f"  jupyter: failed\n{err}", file=sys.stderr)
        results.notes["jupyter_failed"] = (
            "The mkdocs-jupyter build failed in at least one run; see the "
            "runs listed."
        )
    for row, clean in (("zensical_clean", True), ("zensical_warm", False)):
        results.measure(row, lambda c=clean, r=row: zensical_build(ws, r, c))


def run_rounds(ws: Workspace, runs: int, rebuilds: int = REBUILDS) -> Results:
    """Every row ``runs`` times, interleaved, then memory and page sizes."""
    results = Results()
    drop_notebook_obstacles(ws)
    for index in range(runs):
        print(f"round {index + 1} of {runs}", file=sys.stderr, flush=True)
        ours(ws, results)
        others(ws, results, probe=index == 0)
    print(f"serve: edits, {rebuilds} rebuilds", file=sys.stderr)
    try:
        results.served = serve_rows(ws, results.durations[-1], rebuilds)
    except BenchError as err:
        print(f"  serve: failed\n{err}", file=sys.stderr)
        results.notes["serve_failed"] = f"The serve rows failed: {err}"[:300]
    print("memory: one more clean build", file=sys.stderr, flush=True)
    results.memory = measure_memory(ws)
    site = ws.site("memory")
    for page in ws.snippets:
        if CHAPTER_RE.match(Path(page).name):
            html = site / Path(page).with_suffix("") / "index.html"
            results.weights.append(page_weight(page, html))
    return results
