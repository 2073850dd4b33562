"""Time the site's build against the naive ways of running its snippets.

    python bench/bench.py [--runs N] [--quick] [--output PATH]

Every measurement runs in a temporary copy of the repository (every file
git does not ignore: docs/, snippets/, snippet_exec/, mkdocs.yml, the theme
overrides and hooks, but not .venv, site or .cache), built with this
interpreter, so the real ``.cache/snippet_exec`` is never touched. Each row
is the wall-clock time of whole processes, the median of ``--runs`` rounds;
the rows of one round run one after the other, so a busy machine slows all
of them alike. The tables go to stdout and, as Markdown, to
``bench/results.md``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import ctypes
import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import nbformat

from snippet_exec.directive import find_includes

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.md"
# The page that shows these numbers is left out of the copy: it includes
# the file this script writes.
SELF_PAGE = "how-this-site-is-built.md"
CHAPTER_RE = re.compile(r"^\d\d-.*\.md$")
QUICK_CHAPTERS = 2
CACHE_DIR = Path(".cache") / "snippet_exec"
NB_CACHE_DIR = Path(".cache") / "mkdocs-jupyter"
BUILD_TIMEOUT = 3600.0
SNIPPET_TIMEOUT = 600.0
ERROR_CHARS = 100  # of an error line quoted in the notes
SAMPLE_EVERY = 0.2  # seconds between memory samples
PR_SET_CHILD_SUBREAPER = 36
RAN_RE = re.compile(r"snippet-exec: (\d+) snippets, (\d+) ran")
# The light variant of each figure, the one a page shows by default.
FIGURE_RE = re.compile(
    r'\bsrc="([^"#]*figures/[0-9a-f]+\.(?:svg|png|webp))(?:#only-light)?"'
)
CELL_LABEL = "# snippets/{}"
LABEL_RE = re.compile(r"^# snippets/(\S+\.py)\s*$", re.M)
ERROR_LINE_RE = re.compile(
    r"^\w*(?:Error|Exception|Exit|Interrupt)(?::.*)?$", re.M
)
ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
NB_MKDOCS_YML = """\
site_name: Notebook benchmark
theme:
  name: material
plugins:
  - search
  - mkdocs-jupyter:
      execute: true
      allow_errors: false
"""
ROW_LABELS = {
    "clean": "1. Clean build, empty cache (ours)",
    "naive": "2. Naive: each snippet a fresh `python` process, in turn",
    "jupyter": "3. Notebook pages, mkdocs-jupyter `execute: true`",
    "warm": "4. No-change rebuild, warm cache (ours)",
    "plain": "4. Plain MkDocs, execution off (`SNIPPET_EXEC=false`)",
    "edit": "5. Rebuild after editing one snippet (ours)",
    "snippet_sum": "6. Snippets' own run times, summed",
    "floor": "6. Floor: sum / cores + plain MkDocs",
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
)


class BenchError(RuntimeError):
    """A build or a snippet failed, so the numbers would mean nothing."""


# --- pure helpers --------------------------------------------------------


def median(values: Sequence[float]) -> float:
    """The median of one row's runs; a row without runs is an error."""
    if not values:
        raise ValueError("no runs to take the median of")
    return float(statistics.median(values))


def floor_seconds(snippet_sum: float, cores: int, plain: float) -> float:
    """The least a build can take: snippets spread over every core, plus
    what MkDocs needs for the same pages without running anything."""
    return snippet_sum / max(cores, 1) + plain


@dataclass(frozen=True)
class Target:
    """One goal: ``value`` must not exceed ``limit``."""

    text: str
    value: float
    limit: float
    formula: str

    @property
    def passed(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        """``- PASS — text: 1.2 s ≤ formula = 3.4 s``."""
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"- **{verdict}**: {self.text}: {self.value:.1f} s ≤ "
            f"{self.formula} = {self.limit:.1f} s"
        )


def check_targets(m: dict[str, float], cores: int) -> list[Target]:
    """The goals, as ratios of the medians ``m`` (seconds, keyed by row).

    ``m`` holds clean, naive, warm, plain, edit, snippet_sum and
    edit_snippet; jupyter is optional (left out if that row failed).
    """
    floor = floor_seconds(m["snippet_sum"], cores, m["plain"])
    over = m["clean"] - floor
    targets = [
        Target("clean build", m["clean"], 1.3 * floor, "1.3 × floor"),
        Target(
            "no-change rebuild",
            m["warm"],
            1.2 * m["plain"],
            "1.2 × plain MkDocs",
        ),
        Target(
            "one-snippet edit",
            m["edit"],
            m["plain"] + m["edit_snippet"] + 1.0,
            "plain MkDocs + the snippet's run time + 1 s",
        ),
        Target(
            "our overhead above the floor",
            over,
            0.1 * (m["naive"] - floor),
            "0.1 × the naive way's overhead",
        ),
    ]
    if "jupyter" in m:
        targets.append(
            Target(
                "our overhead above the floor",
                over,
                0.1 * (m["jupyter"] - floor),
                "0.1 × mkdocs-jupyter's overhead",
            )
        )
    return targets


def format_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], right: str = ""
) -> str:
    """A Markdown table, padded to line up in a terminal too.

    ``right`` holds one character per column: ``r`` right-aligns it.
    """
    rows = [list(map(str, row)) for row in rows]
    widths = [
        max([len(h), *(len(r[i]) for r in rows), 3])
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(w) if right[i : i + 1] == "r" else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [
        "-" * (w - 1) + ":" if right[i : i + 1] == "r" else "-" * w
        for i, w in enumerate(widths)
    ]
    return "\n".join([line(headers), line(rule), *map(line, rows)])


def format_seconds(seconds: float) -> str:
    """Two decimals below 10 s, one above: enough for a noisy machine."""
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_kib(size: int) -> str:
    """A byte count in KiB with one decimal."""
    return f"{size / 1024:,.1f} KiB"


def page_snippets(markdown: str, page: str) -> list[str]:
    """The snippet files a page runs, each once, in the order it first
    includes them (paths relative to ``snippets/``)."""
    seen: dict[str, None] = {}
    for include in find_includes(markdown, page):
        seen.setdefault(include.path, None)
    return list(seen)


def notebook_obstacle(source: str, local_modules: set[str]) -> str | None:
    """Why a script cannot run as a notebook cell, or None if it can."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "__file__":
            return "uses `__file__`, which a notebook does not define"
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        for name in names:
            if name.partition(".")[0] in local_modules:
                return f"imports the local module `{name}`"
    return None


def chapter_title(markdown: str, fallback: str) -> str:
    """The page's first ``# `` heading, or ``fallback``."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def make_notebook(
    title: str, cells: Sequence[tuple[str, str]]
) -> nbformat.NotebookNode:
    """A notebook: the title, then one code cell per (path, source)."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells.append(nbformat.v4.new_markdown_cell(f"# {title}"))
    for path, source in cells:
        labelled = CELL_LABEL.format(path) + "\n" + source
        notebook.cells.append(nbformat.v4.new_code_cell(labelled))
    return notebook


def failed_cell(log: str) -> tuple[str, str] | None:
    """The snippet whose cell failed a notebook build, and its error line.

    nbclient's message quotes the failing cell, whose first line is the
    label ``make_notebook`` wrote, then the (coloured) traceback.
    """
    log = ANSI_RE.sub("", log)
    start = log.find("An error occurred while executing the following cell")
    label = LABEL_RE.search(log, start) if start >= 0 else None
    if label is None:
        return None
    quote_end = log.find("\n------------------", label.end())
    error = ERROR_LINE_RE.search(log, max(quote_end, label.end()))
    return label[1], (error[0].strip() if error else "an error")


def figure_refs(html: str) -> set[str]:
    """The distinct figure files a page's HTML shows in the light scheme."""
    return set(FIGURE_RE.findall(html))


@dataclass(frozen=True)
class PageWeight:
    """A built page's HTML and the figures it shows, in bytes."""

    page: str
    html: int
    figures: int
    figure_bytes: int

    @property
    def total(self) -> int:
        return self.html + self.figure_bytes


def page_weight(page: str, html_file: Path) -> PageWeight:
    """Measure one built page: its HTML plus every figure it references."""
    html = html_file.read_text(encoding="utf-8")
    refs = figure_refs(html)
    sizes = [(html_file.parent / ref).resolve().stat().st_size for ref in refs]
    return PageWeight(page, html_file.stat().st_size, len(refs), sum(sizes))


def weight_table(weights: Sequence[PageWeight]) -> str:
    """The bytes-per-page table, with a total row."""
    rows = [
        [
            f"`{w.page}`",
            format_kib(w.html),
            f"{w.figures} · {format_kib(w.figure_bytes)}",
            format_kib(w.total),
        ]
        for w in weights
    ]
    total = PageWeight(
        "all",
        sum(w.html for w in weights),
        sum(w.figures for w in weights),
        sum(w.figure_bytes for w in weights),
    )
    rows.append(
        [
            "**all pages**",
            format_kib(total.html),
            f"{total.figures} · {format_kib(total.figure_bytes)}",
            format_kib(total.total),
        ]
    )
    headers = ["Page", "HTML", "Figures", "HTML + figures"]
    return format_table(headers, rows, right="-rrr")


def time_row(label: str, runs: Sequence[float]) -> list[str]:
    """One row of the times table: label, median, every run."""
    each = " · ".join(format_seconds(r).removesuffix(" s") for r in runs)
    return [label, format_seconds(median(runs)), each]


def selected_pages(names: Iterable[str], quick: bool) -> list[str]:
    """The docs pages to copy: every page but this benchmark's own page;
    with ``quick``, only the first chapters and the non-chapter pages."""
    pages = sorted(n for n in names if Path(n).name != SELF_PAGE)
    chapters = [p for p in pages if CHAPTER_RE.match(Path(p).name)]
    if quick:
        dropped = set(chapters[QUICK_CHAPTERS:])
        pages = [p for p in pages if p not in dropped]
    return pages


# --- the copy of the repository ------------------------------------------


@dataclass
class Workspace:
    """The temporary copy and its side folders."""

    base: Path
    pages: list[str]  # docs-relative .md files in the copy
    snippets: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)  # notebook row

    @property
    def repo(self) -> Path:
        return self.base / "repo"

    @property
    def notebooks(self) -> Path:
        return self.base / "notebooks"

    @property
    def logs(self) -> Path:
        return self.base / "logs"

    def site(self, name: str) -> Path:
        return self.base / "out" / name

    def all_snippets(self) -> list[str]:
        """Every snippet a page runs, each once, in page order."""
        seen: dict[str, None] = {}
        for paths in self.snippets.values():
            for path in paths:
                seen.setdefault(path, None)
        return list(seen)


def source_files() -> list[str]:
    """The repository's files that git does not ignore, tracked or new:
    what a build may read, without .venv, site or .cache."""
    done = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in done.stdout.splitlines() if name]


def files_to_copy(files: Iterable[str], pages: Iterable[str]) -> list[str]:
    """``files`` less the Markdown pages under docs/ not in ``pages``."""
    keep = {f"docs/{page}" for page in pages}
    return [
        name
        for name in files
        if not (name.startswith("docs/") and name.endswith(".md"))
        or name in keep
    ]


def make_workspace(quick: bool) -> Workspace:
    """Copy the repository's sources into a fresh temporary folder."""
    base = Path(tempfile.mkdtemp(prefix="site-bench-"))
    files = source_files()
    names = [
        n.removeprefix("docs/")
        for n in files
        if n.startswith("docs/") and n.endswith(".md")
    ]
    ws = Workspace(base, selected_pages(names, quick))
    for name in files_to_copy(files, ws.pages):
        source, target = ROOT / name, ws.repo / name
        if source.is_file():  # not a deleted file git still tracks
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for page in ws.pages:
        text = (ws.repo / "docs" / page).read_text(encoding="utf-8")
        if found := page_snippets(text, page):
            ws.snippets[page] = found
    for folder in ("notebooks/docs", "logs", "out"):
        (base / folder).mkdir(parents=True)
    return ws


def unused_snippets() -> list[str]:
    """Snippet files that no page of the repository runs (in no row)."""
    docs, snippets = ROOT / "docs", ROOT / "snippets"
    used: set[str] = set()
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        used.update(page_snippets(text, page.relative_to(docs).as_posix()))
    found = (
        p.relative_to(snippets).as_posix() for p in snippets.rglob("*.py")
    )
    return sorted(r for r in found if r not in used)


# --- running things ------------------------------------------------------


def environment(**changes: str | None) -> dict[str, str]:
    """This process's environment with ``changes`` (None removes one);
    SNIPPET_EXEC is always unset unless ``changes`` sets it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SNIPPET_EXEC", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def tail(text: str, lines: int = 40) -> str:
    """The last lines of a log, for error messages."""
    return "\n".join(text.splitlines()[-lines:])


def timed(
    command: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    log: Path,
    timeout: float = BUILD_TIMEOUT,
) -> float:
    """Run a command to its end; its wall-clock seconds.

    Its output goes to ``log``; a non-zero exit raises ``BenchError``.
    """
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=timeout,
            check=False,
        )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        text = log.read_text(encoding="utf-8", errors="replace")
        raise BenchError(
            f"{' '.join(map(str, command))} (in {cwd}) exited with "
            f"{done.returncode}:\n{tail(text)}"
        )
    return elapsed


def mkdocs_build(ws: Workspace, name: str, env: dict[str, str]) -> float:
    """Time ``mkdocs build`` of the copy into its own output folder."""
    command = [sys.executable, "-m", "mkdocs", "build", "-d"]
    command.append(str(ws.site(name)))
    return timed(command, ws.repo, env, ws.logs / f"{name}.log")


def snippets_ran(ws: Workspace, name: str) -> int | None:
    """How many snippets the build ``name`` ran, from its log."""
    text = (ws.logs / f"{name}.log").read_text(encoding="utf-8")
    found = RAN_RE.findall(text)
    return int(found[-1][1]) if found else None


def cache_durations(cache: Path) -> dict[str, float]:
    """Each cache entry's snippet (repo-relative) and its run seconds."""
    durations = {}
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        durations[data["path"]] = float(data["duration"])
    return durations


def cache_has_engine_dep(cache: Path) -> bool:
    """True if the entries depend on the copy's own snippet_exec/child.py,
    i.e. the copy's engine (not the real checkout's) ran the snippets."""
    for entry in cache.glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        if "snippet_exec/child.py" in data["deps"]:
            return True
    return False


def clean_build(ws: Workspace) -> tuple[float, dict[str, float]]:
    """Empty the copy's cache, build; the time and each snippet's run."""
    shutil.rmtree(ws.repo / ".cache", ignore_errors=True)
    seconds = mkdocs_build(ws, "clean", environment())
    return seconds, cache_durations(ws.repo / CACHE_DIR)


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


def write_notebooks(ws: Workspace) -> None:
    """One notebook per page: a code cell per snippet file it runs, each
    whole, less the snippets in ``ws.dropped``."""
    folder = ws.notebooks / "docs"
    for old in folder.glob("*.ipynb"):
        old.unlink()
    (ws.notebooks / "mkdocs.yml").write_text(NB_MKDOCS_YML, encoding="utf-8")
    for page, snippets in ws.snippets.items():
        text = (ws.repo / "docs" / page).read_text(encoding="utf-8")
        cells = [
            (path, (ws.repo / "snippets" / path).read_text(encoding="utf-8"))
            for path in snippets
            if path not in ws.dropped
        ]
        notebook = make_notebook(chapter_title(text, page), cells)
        target = folder / (Path(page).stem + ".ipynb")
        nbformat.write(notebook, target)


def drop_notebook_obstacles(ws: Workspace) -> None:
    """Leave out of the notebooks the snippets that cannot run in one."""
    for path in ws.all_snippets():
        file = ws.repo / "snippets" / path
        siblings = {p.stem for p in file.parent.glob("*.py")} - {file.stem}
        reason = notebook_obstacle(file.read_text(encoding="utf-8"), siblings)
        if reason:
            ws.dropped[path] = reason


def jupyter_build(ws: Workspace, probe: bool) -> float:
    """Time mkdocs-jupyter executing the notebooks, its cache emptied.

    With ``probe``, a snippet whose cell fails is dropped (and noted) and
    the build tried again; that failed attempt is not a measurement.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "-d"]
    command.append(str(ws.site("jupyter")))
    env = environment(MPLBACKEND=None)  # notebooks draw inline
    while True:
        write_notebooks(ws)
        shutil.rmtree(ws.notebooks / NB_CACHE_DIR, ignore_errors=True)
        try:
            return timed(command, ws.notebooks, env, ws.logs / "jupyter.log")
        except BenchError:
            log = (ws.logs / "jupyter.log").read_text(encoding="utf-8")
            found = failed_cell(log) if probe else None
            if found is None or found[0] in ws.dropped:
                raise
            error = textwrap.shorten(found[1], ERROR_CHARS)
            ws.dropped[found[0]] = f"raised in the notebook: `{error}`"
            print(f"  dropped {found[0]} from the notebooks", file=sys.stderr)


# --- peak memory, in a fresh helper process ------------------------------


def _children_of(root: int) -> list[int]:
    """Every live descendant of ``root``, from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text.rpartition(")")[2].split()
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _pss_kib(pid: int) -> int:
    """A process's proportional set size (shared pages split), in KiB."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    return 0


def _reap_orphans(deadline: float) -> None:
    """Wait for the processes this subreaper adopted, so their peak RSS
    counts in ``RUSAGE_CHILDREN``."""
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.05)


def memory_helper(repo: Path, out: Path, log: Path) -> None:
    """Build ``repo`` once and print its peak memory as JSON.

    Runs in a fresh process, made a child subreaper so the forkserver and
    the snippet processes stay in its tree when MkDocs exits.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    peak = 0
    command = [sys.executable, "-m", "mkdocs", "build", "-d", str(out)]
    with log.open("w", encoding="utf-8") as handle:
        build = subprocess.Popen(
            command, cwd=repo, stdout=handle, stderr=subprocess.STDOUT
        )
        while build.poll() is None:
            tree = _children_of(os.getpid())
            peak = max(peak, sum(_pss_kib(pid) for pid in tree))
            time.sleep(SAMPLE_EVERY)
    _reap_orphans(time.monotonic() + 60)
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {"ok": build.returncode == 0, "tree": peak, "largest": largest}
    print(json.dumps(result))


def measure_memory(ws: Workspace) -> tuple[float, float]:
    """Peak MiB of an extra, untimed clean build: the whole process tree
    (PSS, sampled) and the largest single process (``ru_maxrss``)."""
    shutil.rmtree(ws.repo / ".cache", ignore_errors=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--memory-helper",
        str(ws.repo),
        str(ws.site("memory")),
        str(ws.logs / "memory.log"),
    ]
    done = subprocess.run(
        command,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"the memory helper failed:\n{tail(done.stderr)}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    if not data["ok"]:
        log = (ws.logs / "memory.log").read_text(encoding="utf-8")
        raise BenchError(f"the memory build failed:\n{tail(log)}")
    return data["tree"] / 1024, data["largest"] / 1024


# --- one round of every row ----------------------------------------------


@dataclass
class Results:
    """Every run of every row, and what the runs noticed."""

    runs: dict[str, list[float]] = field(default_factory=dict)
    durations: list[dict[str, float]] = field(default_factory=list)
    edit_snippet: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    memory: tuple[float, float] = (0.0, 0.0)
    weights: list[PageWeight] = field(default_factory=list)
    ran: dict[str, list[int | None]] = field(
        default_factory=lambda: {"warm": [], "edit": []}
    )

    def add(self, row: str, seconds: float) -> None:
        self.runs.setdefault(row, []).append(seconds)
        print(f"  {row}: {seconds:.1f} s", file=sys.stderr, flush=True)

    def medians(self) -> dict[str, float]:
        """The median of each row, plus the edited snippet's run time."""
        found = {row: median(runs) for row, runs in self.runs.items()}
        found["edit_snippet"] = median(
            [d[self.edit_snippet] for d in self.durations]
        )
        return found


def smallest_snippet(durations: dict[str, float]) -> str:
    """The snippet that ran fastest: a small, typical edit."""
    return min(sorted(durations), key=durations.__getitem__)


def ours(ws: Workspace, results: Results) -> None:
    """Clean build, no-change rebuild, one-snippet edit, plain MkDocs."""
    seconds, durations = clean_build(ws)
    results.add("clean", seconds)
    results.durations.append(durations)
    results.add("snippet_sum", sum(durations.values()))
    if not cache_has_engine_dep(ws.repo / CACHE_DIR):
        results.notes["engine"] = (
            "Warning: the copy's cache entries do not depend on its own "
            "`snippet_exec/child.py`; another checkout's engine ran."
        )
    results.add("warm", mkdocs_build(ws, "warm", environment()))
    results.ran["warm"].append(snippets_ran(ws, "warm"))
    if not results.edit_snippet:
        results.edit_snippet = smallest_snippet(durations)
    name = results.edit_snippet.removeprefix("snippets/")
    results.add("edit", edit_build(ws, name))
    results.ran["edit"].append(snippets_ran(ws, "edit"))
    plain = environment(SNIPPET_EXEC="false")
    results.add("plain", mkdocs_build(ws, "plain", plain))


def others(ws: Workspace, results: Results, probe: bool) -> None:
    """The naive way and mkdocs-jupyter."""
    seconds, failed = naive_run(ws)
    results.add("naive", seconds)
    if failed:
        results.notes["naive"] = (
            "Snippets that failed as plain scripts: "
            + ", ".join(f"`{f}`" for f in failed)
        )
    try:
        results.add("jupyter", jupyter_build(ws, probe))
    except BenchError as err:
        print(f"  jupyter: failed\n{err}", file=sys.stderr)
        results.notes["jupyter_failed"] = (
            "The mkdocs-jupyter build failed in at least one run; see the "
            "runs listed."
        )


def run_rounds(ws: Workspace, runs: int) -> Results:
    """Every row ``runs`` times, interleaved, then memory and page sizes."""
    results = Results()
    drop_notebook_obstacles(ws)
    for index in range(runs):
        print(f"round {index + 1} of {runs}", file=sys.stderr, flush=True)
        ours(ws, results)
        others(ws, results, probe=index == 0)
    print("memory: one more clean build", file=sys.stderr, flush=True)
    results.memory = measure_memory(ws)
    site = ws.site("memory")
    for page in ws.snippets:
        if CHAPTER_RE.match(Path(page).name):
            html = site / Path(page).with_suffix("") / "index.html"
            results.weights.append(page_weight(page, html))
    return results


# --- the report ----------------------------------------------------------


def machine() -> dict[str, str]:
    """Cores, CPU model, versions and load, for the report's header."""
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    versions = {}
    for name in ("torch", "mkdocs", "mkdocs-material", "mkdocs-jupyter"):
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
    headers = ["Measurement", "Median", "Each run (s)"]
    ordered = [rows[key] for key in TABLE_ORDER if key in rows]
    return format_table(headers, ordered, right="-r-")


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
    held = sum(t.passed for t in targets)
    date = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    runs = len(results.runs["clean"])
    lines = [
        f"Measured {date} with `{command}`, median of {runs} run(s), on "
        f"{info['cores']} cores ({info['cpu']}, shared; 1-minute load "
        f"average {info['load_start']} at the start, {info['load']} at the "
        f"end), Python {info['python']}, torch "
        f"{info['torch']} (CPU), MkDocs {info['mkdocs']}, "
        f"mkdocs-material {info['mkdocs-material']}, mkdocs-jupyter "
        f"{info['mkdocs-jupyter']}.",
        "",
        "### Build times",
        "",
        times_table(results, cores),
        "",
        *(f"- {note}" for note in notes(ws, results, cores)),
        "",
        f"### Targets: {held} of {len(targets)} held",
        "",
        "Floor = the snippets' summed run time / "
        f"{cores} cores + plain MkDocs.",
        "",
        *(t.line() for t in targets),
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


# --- entry point ---------------------------------------------------------


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
        results = run_rounds(ws, args.runs)
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
