"""Write each chapter as a Jupyter notebook, with the build's own outputs.

The notebook interleaves the page's prose (Markdown cells) with the code of
the snippets it includes (code cells), and each code cell carries the output
and figures the build captured for that code: nothing runs a second time.
Code a page hides (setup lines outside the shown sections) goes into the
next cell of the same file, so the notebook runs top to bottom on its own;
code after a file's last shown section (the checks of the prose's numbers)
stays out, as it stays off the page. The prose is rewritten into Markdown
Jupyter renders by ``snippet_exec.notebook_prose``.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

import nbformat
from nbformat.v4 import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
)

from snippet_exec.blobs import FigureRecord, blob_name
from snippet_exec.directive import Include
from snippet_exec.executor import RunResult
from snippet_exec.glossary import parse_glossary
from snippet_exec.memo import digest
from snippet_exec.notebook_prose import (
    PLAIN_INCLUDE_RE,
    Prose,
    notebook_pieces,
)
from snippet_exec.sections import split_chunks
from snippet_exec.showing import FileCursor, code_of
from snippet_exec.source import read_source

FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING_CODE_RE = re.compile(r"`([^`\n]+)`")
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _cell_outputs(result: RunResult, indices: list[int], alts) -> list:
    text = "".join(result.chunks[i].output for i in indices)
    outputs = [new_output("stream", name="stdout", text=text)] if text else []
    figures = [record for i in indices for record in result.chunks[i].figures]
    for number, record in enumerate(figures):
        alt = alts[number] if number < len(alts) else "figure"
        outputs.append(_figure_output(result, record, alt))
    return outputs


def _figure_output(result: RunResult, record: FigureRecord, alt: str):
    """The light figure as Jupyter shows images; an animation as its still.

    A PNG is drawn at twice its display size, so its width and height say
    how large to show it.
    """
    name = record.still_light or record.light
    data = result.blobs.read(name)
    if name.endswith(".svg"):
        return new_output(
            "display_data",
            data={"image/svg+xml": data.decode("utf-8"), "text/plain": alt},
        )
    size = {"width": record.width, "height": record.height}
    return new_output(
        "display_data",
        data={
            "image/png": base64.b64encode(data).decode("ascii"),
            "text/plain": alt,
        },
        metadata={"image/png": size},
    )


def notebook_figures(
    text: str, results: dict[str, RunResult]
) -> list[tuple[FigureRecord, str]]:
    """The figures of a notebook written by ``chapter_notebook``, in the
    order its outputs show them: (record, alt) for each.

    A notebook page shows each output image inline; the site swaps them,
    in this order, for the figure files in both schemes.
    """
    by_name = {
        name: record
        for result in results.values()
        for chunk in result.chunks
        for record in chunk.figures
        for name in (record.light, record.still_light)
        if name
    }
    found = []
    for cell in nbformat.reads(text, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data:
                name = blob_name(data["image/svg+xml"].encode(), "svg")
            elif "image/png" in data:
                name = blob_name(base64.b64decode(data["image/png"]), "png")
            else:
                continue
            found.append((by_name[name], data.get("text/plain", "")))
    return found


def _heading_code_as_html(markdown: str) -> str:
    """Inline code in headings as <code>, which mkdocs-jupyter keeps.

    mkdocs-jupyter builds a notebook page's table of contents from the
    Markdown with every backtick span deleted, so a heading with code in it
    got a link to an id that does not exist.
    """
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = HEADING_CODE_RE.sub(
                lambda m: f"<code>{html.escape(m[1])}</code>", line
            )
        lines.append(line)
    return "\n".join(lines)


IMPORT_RE = re.compile(r"^\s*(?:from|import)\s+(\w+)", re.M)


def _preamble(source: str, path: Path, rel: str) -> str:
    """What running the file as a script gave it that a notebook cell lacks.

    A script knows its own ``__file__`` and can import the modules beside
    it; the notebook runs from the repository root, so say both out loud.
    """
    lines = []
    siblings = {p.stem for p in path.parent.glob("*.py")} - {path.stem}
    if siblings & set(IMPORT_RE.findall(source)):
        folder = Path(rel).parent.as_posix()
        lines += [
            "import sys",
            "",
            f'sys.path.insert(0, "{folder}")  # where its sibling modules live',
        ]
    if "__file__" in source:
        lines.append(f'__file__ = "{rel}"  # the script this code comes from')
    return "\n".join(lines) + "\n" if lines else ""


class _FileCursor(FileCursor):
    """A page's cursor that also knows what the notebook must add."""

    def __init__(self, path: Path, rel: str) -> None:
        source = read_source(path)  # as Python reads it (PEP 263)
        super().__init__(split_chunks(source))
        self.preamble = _preamble(source, path, rel)


def chapter_notebook(
    markdown: str,
    includes: list[Include],
    results: dict[str, RunResult],
    snippets_dir: Path,
    root: Path,
    glossary: Mapping[str, str] | None = None,
) -> str:
    """The notebook (as JSON text) for one chapter page.

    ``glossary`` maps terms to definitions (see ``snippet_exec.glossary``);
    the page's own abbreviation lines add to it, as on the site.
    """
    front = FRONT_MATTER_RE.match(markdown)
    offset = front.group(0).count("\n") if front else 0
    by_line = {include.lineno - 1: include for include in includes}
    terms = {**parse_glossary(markdown), **(glossary or {})}
    lines = markdown.splitlines()
    pieces = notebook_pieces(lines, offset, by_line, terms, snippets_dir)
    cursors: dict[str, _FileCursor] = {}
    cells = []
    for piece in pieces:
        if isinstance(piece, Prose):
            text = _heading_code_as_html(piece.text)
            cells.append(new_markdown_cell(text))
            continue
        include = piece.include
        path = snippets_dir / include.path
        rel = path.relative_to(root).as_posix()
        if include.path not in cursors:
            cursors[include.path] = _FileCursor(path, rel)
        cursor = cursors[include.path]
        indices = cursor.take(include.section).all
        code = cursor.preamble + code_of(cursor.chunks, indices) + "\n"
        cursor.preamble = ""
        cell = new_code_cell(
            code, outputs=_cell_outputs(results[rel], indices, include.alts)
        )
        cell.metadata["snippet"] = include.target
        if piece.collapsed:  # a solution: JupyterLab shows it folded
            cell.metadata["jupyter"] = {
                "source_hidden": True,
                "outputs_hidden": True,
            }
        cells.append(cell)
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number}"  # stable ids: two builds give equal bytes
    notebook = new_notebook(
        cells=cells,
        metadata={"kernelspec": KERNEL, "language_info": {"name": "python"}},
    )
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def notebook_key(
    markdown: str,
    includes: list[Include],
    results: dict[str, RunResult],
    snippets_dir: Path,
    root: Path,
    glossary: Mapping[str, str] | None = None,
) -> str:
    """A digest of everything ``chapter_notebook`` reads for these same
    arguments: the page, the glossary, the files its plain includes show,
    and each run snippet's source, results and the files beside it (the
    notebook imports or writes them; see ``colab.self_contained`` and
    ``memo``)."""
    parts = [markdown, json.dumps(sorted((glossary or {}).items()))]
    for line in markdown.splitlines():  # plain includes, shown as text
        if plain := PLAIN_INCLUDE_RE.match(line):
            shown = snippets_dir / plain["path"]
            parts.append(shown.read_bytes() if shown.is_file() else b"")
    for path in sorted({include.path for include in includes}):
        file = snippets_dir / path
        rel = file.relative_to(root).as_posix()
        chunks = [asdict(chunk) for chunk in results[rel].chunks]
        parts += [rel, file.read_bytes()]
        for sibling in sorted(file.parent.iterdir()):  # written in, too
            if sibling.is_file():
                parts += [sibling.name, sibling.read_bytes()]
        parts.append(json.dumps(chunks, sort_keys=True))
    return digest(*parts)
