"""Each chapter's notebook is rendered, linked, and runs in a fresh kernel.

The notebooks come from the site build (the same files a reader downloads);
running one top to bottom proves the hidden setup code made it in and that
nothing depends on the build's executor.
"""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from markdown_it import MarkdownIt
from nbclient import NotebookClient

from snippet_exec.colab import SUPPORT_TAG
from tests.conftest import CHAPTERS, ROOT, page_html

pytestmark = pytest.mark.slow


def notebook_path(site, chapter: str):
    stem = chapter.removesuffix(".md")
    return site / "notebooks" / stem / f"{stem}.ipynb"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_links_its_rendered_notebook_and_download(chapter, site):
    stem = chapter.removesuffix(".md")
    text = page_html(site, chapter)
    assert f'href="../notebooks/{stem}/"' in text
    assert f'href="../notebooks/{stem}/{stem}.ipynb" download' in text
    rendered = (site / "notebooks" / stem / "index.html").read_text("utf-8")
    assert "jp-Notebook" in rendered or "jupyter-wrapper" in rendered
    assert (
        "<math" in rendered or "$" not in (ROOT / "docs" / chapter).read_text()
    )


def test_the_notebook_page_leaves_out_the_downloads_support_cells(site):
    """Part 12 imports its DDP script: the download writes it in a cell of
    its own, which the rendered notebook page does not show."""
    chapter = "12-where-next.md"
    text = notebook_path(site, chapter).read_text("utf-8")
    assert "%%writefile ddp_train.py" in text
    stem = chapter.removesuffix(".md")
    rendered = (site / "notebooks" / stem / "index.html").read_text("utf-8")
    assert "writefile" not in rendered
    assert "ddp_train" in rendered


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_holds_the_build_outputs(chapter, site, snippet_results):
    notebook = nbformat.read(notebook_path(site, chapter), as_version=4)
    nbformat.validate(notebook)
    code = [
        c
        for c in notebook.cells
        if c.cell_type == "code"
        and SUPPORT_TAG not in c.metadata.get("tags", [])
    ]
    assert code and all("snippet" in c.metadata for c in code)
    outputs = [o for c in code for o in c.outputs]
    assert any(o.output_type == "stream" for o in outputs)


PYMDOWN_RE = re.compile(r'^\s*(?:=== "|!!! |\?\?\?\+? |-+8<-+ )', re.M)
COMMONMARK = MarkdownIt("commonmark")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_markdown_cells_hold_no_pymdown_syntax(chapter, site):
    """No tab, admonition, collapsible or include line survives (not even
    in a fence), and nothing is indented so that Jupyter's CommonMark
    would show it as code."""
    notebook = nbformat.read(notebook_path(site, chapter), as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        where = f"{chapter} cell {number}"
        marker = PYMDOWN_RE.search(cell.source)
        assert marker is None, f"{where}: {marker[0]!r} left as text"
        for token in COMMONMARK.parse(cell.source):
            assert token.type != "code_block", (
                f"{where}: an indented block Jupyter shows as code:\n"
                + token.content[:200]
            )


PROTECTED_RE = re.compile(
    r"<(pre|code|script|style|math|svg)\b.*?</\1>"
    r'|<div class="clipboard-copy-txt"[^>]*>[^<]*</div>',
    re.S,
)
TEX_RE = re.compile(r"\$\$|\\[a-zA-Z]{2,}|\$[^$<>\n]{1,80}\$")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_page_shows_no_raw_tex(chapter, site):
    """Outside code, the rendered notebook page holds MathML, never TeX."""
    stem = chapter.removesuffix(".md")
    page = (site / "notebooks" / stem / "index.html").read_text("utf-8")
    body = page[page.index('<div class="jupyter-wrapper') :]
    text = html.unescape(re.sub(r"<[^>]+>", " ", PROTECTED_RE.sub("", body)))
    raw = TEX_RE.search(text)
    assert raw is None, (
        f"{chapter}: raw TeX {raw[0]!r} in "
        + text[max(raw.start() - 80, 0) : raw.end() + 80]
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(
    chapter, site, monkeypatch, tmp_path
):
    """From an empty folder, as a reader runs a download (or Colab does):
    the notebook writes the files its code imports itself."""
    # One thread, as each snippet gets in the build: on a busy 2-core
    # machine more threads only fight, and a cell can pass its timeout.
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    notebook = nbformat.read(notebook_path(site, chapter), as_version=4)
    code = "".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert "snippets/" not in code, "the notebook reads the repository"
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on failure
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors
