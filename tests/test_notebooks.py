"""Each chapter's notebook is rendered, linked, and runs in a fresh kernel.

The notebooks come from the site build (the same files a reader downloads);
running one top to bottom proves the hidden setup code made it in and that
nothing depends on the build's executor.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

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


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_holds_the_build_outputs(chapter, site, snippet_results):
    notebook = nbformat.read(notebook_path(site, chapter), as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all("snippet" in c.metadata for c in code)
    outputs = [o for c in code for o in c.outputs]
    assert any(o.output_type == "stream" for o in outputs)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(
    chapter, site, monkeypatch
):
    # One thread, as each snippet gets in the build: on a busy 2-core
    # machine more threads only fight, and a cell can pass its timeout.
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    notebook = nbformat.read(notebook_path(site, chapter), as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT)}},
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
