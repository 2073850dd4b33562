"""Row 3: the same snippets as notebooks, run by mkdocs-jupyter.

One notebook per page, one code cell per snippet file (whole, in page
order), built with ``execute: true`` and its cache emptied each time.
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import nbformat

from bench.process import BenchError, environment, timed
from bench.workspace import Workspace

NB_CACHE_DIR = Path(".cache") / "mkdocs-jupyter"
ERROR_CHARS = 100  # of an error line quoted in the notes
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
