"""Open in Colab: the link's shape, where it shows, and notebooks that run
on their own from an empty folder, as Colab runs them."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from snippet_exec.colab import NOTEBOOK_BRANCH, colab_notebook, colab_url
from tests.conftest import CHAPTERS, ROOT
from tests.test_notebooks import notebook_path
from tests.tiny_site import MKDOCS_YML, build, make_tiny_site

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.mark.parametrize(
    "repo_url",
    [
        "https://github.com/owner/repo",
        "https://github.com/owner/repo/",
        "https://github.com/owner/repo.git",
    ],
)
def test_a_github_repository_gives_colabs_github_address(repo_url):
    assert colab_url(repo_url, "03-single-neuron.ipynb") == (
        "https://colab.research.google.com/github/owner/repo/blob/"
        f"{NOTEBOOK_BRANCH}/03-single-neuron.ipynb"
    )


@pytest.mark.parametrize(
    "repo_url", ["", "https://gitlab.com/owner/repo", "https://github.com/o"]
)
def test_no_github_repository_no_link(repo_url):
    assert colab_url(repo_url, "x.ipynb") is None


def test_the_workflow_publishes_on_the_branch_the_links_name():
    text = WORKFLOW.read_text()
    assert f"NOTEBOOK_BRANCH: {NOTEBOOK_BRANCH}\n" in text
    assert "snippet_exec colab" in text


JUPYTER = """\
  - mkdocs-jupyter:
      include: ["*.ipynb"]
      execute: false
      include_source: true
"""


def test_chapter_and_notebook_page_link_to_colab_only_for_github(tmp_path):
    site = make_tiny_site(tmp_path / "tiny")
    config = MKDOCS_YML.replace(
        "markdown_extensions:", JUPYTER + "markdown_extensions:"
    )
    (site / "mkdocs.yml").write_text(config)
    done = build(site, tmp_path / "plain")
    assert done.returncode == 0, done.stderr
    chapter = (tmp_path / "plain" / "more" / "index.html").read_text()
    assert "download the .ipynb" in chapter
    assert "colab.research.google.com" not in chapter

    repo = "https://github.com/owner/repo"
    (site / "mkdocs.yml").write_text(f"repo_url: {repo}\n" + config)
    done = build(site, tmp_path / "linked")
    assert done.returncode == 0, done.stderr
    url = colab_url(repo, "more.ipynb")
    chapter = (tmp_path / "linked" / "more" / "index.html").read_text()
    link = f'<a class="open-in-colab" href="{url}">Open in Colab</a>'
    # Next to the notebook's download link, on the chapter page.
    assert re.search(r"download the \.ipynb</a>\. " + re.escape(link), chapter)
    notebook_page = tmp_path / "linked" / "notebooks" / "more" / "index.html"
    assert link in notebook_page.read_text()


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_colab_notebook_runs_from_an_empty_folder(
    chapter, site, tmp_path, monkeypatch
):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # see test_notebooks
    built = notebook_path(site, chapter).read_text("utf-8")
    notebook = nbformat.reads(colab_notebook(built, ROOT, {}), as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "code" and "pip install" not in first.source
    assert "snippets/" not in "".join(c.source for c in notebook.cells)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell
