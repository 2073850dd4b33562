"""The report: a header naming the machine, the times table with each
run's load, the notes, the targets and the bytes per page, as Markdown."""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
from importlib import metadata
from pathlib import Path

from bench.load import BUSY_MARK, loads_cell
from bench.memory import SAMPLE_EVERY
from bench.rows import Results
from bench.stats import check_targets, floor_seconds, median
from bench.tables import format_table, plural, time_row
from bench.weights import weight_table
from bench.workspace import Workspace, unused_snippets

ROW_LABELS = {
    "clean": "1. Clean build, empty cache (ours)",
    "naive": "2. Naive: each snippet a fresh `python` process, in turn",
    "jupyter": "3. Notebook pages, mkdocs-jupyter `execute: true`",
    "warm": "4. No-change rebuild, warm cache (ours)",
    "plain": "4. Plain MkDocs, execution off (`SNIPPET_EXEC=false`)",
    "edit": "5. Rebuild after editing one snippet (ours)",
    "snippet_sum": "6. Snippets' own run times, summed",
    "floor": "6. Floor: sum / cores + plain MkDocs",
    "zensical_clean": "7. Zensical: clean build, empty cache",
    "zensical_warm": "7. Zensical: no-change rebuild",
}
TABLE_ORDER = (
    "clean",
    "naive",
    "jupyter",
    "warm",
    "plain",
    "edit",
    "edit_snippet",
    "snippet_sum",
    "floor",
    "tree",
    "largest",
    "idle",
    "overhead",
    "zensical_clean",
    "zensical_warm",
    "serve_snippet",
    "serve_prose",
    "serve_server",
    "serve_parent",
)

# Derived rows show the load of the run they come from.
LOAD_OF = {
    "snippet_sum": "clean",
    "floor": "clean",
    "edit_snippet": "clean",
    "idle": "clean",
    "overhead": "clean",
}
LOAD_HEADER = "Load (1-min avg, start–peak)"


def machine() -> dict[str, str]:
    """Cores, CPU model, versions and load, for the report's header."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    versions = {}
    names = ("torch", "mkdocs", "mkdocs-material", "mkdocs-jupyter")
    for name in (*names, "zensical"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cores": str(os.cpu_count() or 1),
        "cpu": model,
        "python": platform.python_version(),
        "load": f"{os.getloadavg()[0]:.1f}",
        **versions,
    }


def times_table(results: Results, cores: int) -> str:
    """The main table: every row's median and runs, in the brief's order,
    with the floor, the edited snippet's run time and peak memory."""
    rows = {
        row: time_row(label, results.runs[row])
        for row, label in ROW_LABELS.items()
        if row in results.runs
    }
    sums, plains = results.runs["snippet_sum"], results.runs["plain"]
    floors = [
        floor_seconds(s, cores, p) for s, p in zip(sums, plains, strict=True)
    ]
    rows["floor"] = time_row(ROW_LABELS["floor"], floors)
    edited = results.edit_snippet.removeprefix("snippets/")
    rows["edit_snippet"] = time_row(
        f"5. Run time of the edited snippet, `{edited}`",
        [d[results.edit_snippet] for d in results.durations],
    )
    tree, largest = results.memory
    label = "6. Peak memory of a clean build"
    rows["tree"] = [f"{label}, whole tree (PSS)", f"{tree:,.0f} MiB", "1 run"]
    rows["largest"] = [
        f"{label}, largest process (`ru_maxrss`)",
        f"{largest:,.0f} MiB",
        "1 run",
    ]
    rows.update(engine_rows(results))
    for key, row in rows.items():
        loads = results.loads.get(LOAD_OF.get(key, key), [])
        row.append(loads_cell(loads, cores))
    headers = ["Measurement", "Median", "Each run (s)", LOAD_HEADER]
    ordered = [rows[key] for key in TABLE_ORDER if key in rows]
    return format_table(headers, ordered, right="-r--")


def engine_rows(results: Results) -> dict[str, list[str]]:
    """The clean builds' schedules (idle cores, overhead per snippet) and
    the serve rows, where they ran."""
    rows = {}
    if results.schedules:
        idle = [s["idle"] for s in results.schedules]
        rows["idle"] = time_row(
            "3. Idle core-seconds while a clean build ran snippets", idle
        )
        medians = " · ".join(f"{s['median']:.3f}" for s in results.schedules)
        worst = max(s["max"] for s in results.schedules)
        rows["overhead"] = [
            "3. Engine overhead per snippet, fork to result (median; max)",
            f"{median([s['median'] for s in results.schedules]):.3f} s",
            f"{medians}; max {worst:.3f}",
        ]
    served = results.served
    if served is None:
        return rows
    rows["serve_snippet"] = time_row(
        f"8. Serve: snippet edit to visible (`{served.snippet}`, "
        f"{served.snippet_seconds:.2f} s to run)",
        [served.snippet_edit],
    )
    rows["serve_prose"] = time_row(
        "8. Serve: prose edit to visible", [served.prose_edit]
    )
    for who, label in (
        ("server", "server process"),
        ("parent", "warm parent"),
    ):
        samples = served.memory.get(who) or [0.0]
        rows[f"serve_{who}"] = [
            f"9. Serve: RSS of the {label}, rebuild 1 → {len(samples)}",
            f"{samples[-1]:,.0f} MiB",
            f"{samples[0]:,.0f} → {samples[-1]:,.0f} MiB",
        ]
    return rows


def load_line(results: Results, cores: int) -> str:
    """Target 6: every timed run carries its load; how many ran busy."""
    loads = [load for runs in results.loads.values() for load in runs]
    runs = sum(len(r) for k, r in results.runs.items() if k in results.loads)
    busy = sum(load.busy(cores) for load in loads)
    verdict = "PASS" if loads and len(loads) == runs else "FAIL"
    return (
        f"- **{verdict}**: 6. the load is recorded for {len(loads)} of "
        f"{runs} timed runs, rows interleaved; {busy} ran busy (load "
        f"above {cores} cores, marked {BUSY_MARK})"
    )


def notes(ws: Workspace, results: Results, cores: int) -> list[str]:
    """What a reader needs to trust (or distrust) the table."""
    found = [
        f"{plural(len(ws.snippets), 'page')} run "
        f"{plural(len(ws.all_snippets()), 'snippet file')}; every row "
        "runs those files and nothing else. Times are whole processes, "
        "wall clock; snippet run times are measured inside the build's "
        f"children ({cores} at once, one thread each).",
        "The naive way runs each whole file with `MPLBACKEND=Agg` from a "
        "temporary folder, a fresh interpreter each time; it saves no "
        "figures.",
        "The notebooks hold one code cell per snippet file (each whole, in "
        "page order) and no prose; mkdocs-jupyter's cache is emptied "
        "before each run, and its figures are inline PNGs. That site has "
        "no prose, math or Markdown extensions, so its MkDocs part costs "
        "less than plain MkDocs here.",
        "Peak memory comes from one more clean build, not timed, started "
        "by a fresh helper process: the whole tree (MkDocs, the forkserver, "
        "the snippet processes) is the sum of the proportional set size "
        f"in /proc/PID/smaps_rollup, sampled every {SAMPLE_EVERY} s; the "
        "largest process is `getrusage(RUSAGE_CHILDREN).ru_maxrss` of the "
        "helper, a child subreaper that reaps the whole tree.",
    ]
    for path, reason in sorted(ws.dropped.items()):
        found.append(
            f"Left out of the notebooks: `{path}`, which {reason}; the "
            "other rows run it, so mkdocs-jupyter's overhead is, if "
            "anything, understated."
            if not reason.startswith("raised")
            else f"Left out of the notebooks: `{path}`, which {reason}; "
            "the other rows run it."
        )
    unused = unused_snippets()
    if unused:
        found.append(
            "Snippet files no page runs (in no row): "
            + ", ".join(f"`{u}`" for u in unused)
        )
    warm, edit = (
        " · ".join(map(str, results.ran[key])) for key in ("warm", "edit")
    )
    name = results.edit_snippet.removeprefix("snippets/")
    found.append(
        f"Snippets run by each no-change rebuild: {warm}; by each "
        f"one-snippet edit: {edit}. The edit appends a new comment line to "
        f"`{name}`, the fastest snippet, and restores it afterwards."
    )
    found.append(
        "Load: the 1-minute load average when each run started and the "
        "highest it reached while the run went on (sampled every second); "
        f"{BUSY_MARK} marks a run during which it rose above the "
        f"{cores} cores, so some process, ours or another's, waited for a "
        "core: such a run is slower than the machine can do."
    )
    found.append(
        "Zensical builds from `zensical.yml` with the engine's Markdown "
        "extension instead of the plugin; it makes no notebook pages and "
        "runs no hooks, so it is not the same site as row 1."
    )
    found.append(
        "The copy is not a git repository, so the reader hook's `git log` "
        "for each page's date fails at once and shows no date."
    )
    return found + list(results.notes.values())


def render(
    ws: Workspace, results: Results, info: dict[str, str], command: str
) -> str:
    """The whole report as Markdown, for stdout and bench/results.md."""
    cores = int(info["cores"])
    targets = check_targets(results.medians(), cores)
    held = sum(t.passed for t in targets) + load_line(
        results, cores
    ).startswith("- **PASS**")
    date = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    runs = len(results.runs["clean"])
    lines = [
        f"Measured {date} with `{command}`, median of {runs} run(s), on "
        f"{info['cores']} cores ({info['cpu']}, shared; 1-minute load "
        f"average {info['load_start']} at the start, {info['load']} at the "
        f"end), Python {info['python']}, torch "
        f"{info['torch']} (CPU), MkDocs {info['mkdocs']}, "
        f"mkdocs-material {info['mkdocs-material']}, mkdocs-jupyter "
        f"{info['mkdocs-jupyter']}, Zensical {info.get('zensical', '?')}.",
        "",
        "### Build times",
        "",
        times_table(results, cores),
        "",
        *(f"- {note}" for note in notes(ws, results, cores)),
        "",
        f"### Targets: {held} of {len(targets) + 1} held",
        "",
        "Floor = the snippets' summed run time / "
        f"{cores} cores + plain MkDocs.",
        "",
        *(t.line() for t in targets),
        load_line(results, cores),
        "",
        "### Bytes per page",
        "",
        "Each chapter's HTML and the figures it shows in the light scheme, "
        "from the clean build.",
        "",
        weight_table(results.weights),
        "",
    ]
    return "\n".join(lines)
