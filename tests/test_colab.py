"""Open in Colab: the link's shape, where it shows, and notebooks that run
on their own from an empty folder, as Colab runs them."""

from __future__ import annotations

import re

import nbformat
import pytest

from snippet_exec.colab import (
    NOTEBOOK_BRANCH,
    SUPPORT_TAG,
    colab_notebook,
    colab_url,
    self_contained,
)
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
def test_colab_copy_is_the_download_and_a_first_cell(chapter, site):
    """The download already runs from an empty folder (test_notebooks runs
    it there); Colab's copy adds only a first cell that installs nothing
    Colab lacks."""
    built = notebook_path(site, chapter).read_text("utf-8")
    download = nbformat.reads(built, as_version=4)
    colab = nbformat.reads(colab_notebook(built, ROOT, {}), as_version=4)
    first, *rest = colab.cells
    assert first.cell_type == "code" and "pip install" not in first.source
    assert [c.source for c in rest] == [c.source for c in download.cells]


def test_self_contained_writes_siblings_and_drops_repository_paths(
    tmp_path,
):
    folder = tmp_path / "snippets" / "12_x"
    folder.mkdir(parents=True)
    (folder / "helper.py").write_text("ANSWER = 42\n")
    (folder / "main.py").write_text("import helper\n")
    cell = nbformat.v4.new_code_cell(
        "import sys\n\n"
        'sys.path.insert(0, "snippets/12_x")  # where its siblings live\n'
        '__file__ = "snippets/12_x/main.py"  # the script\n'
        "import helper\nprint(helper.ANSWER, __file__)\n"
    )
    notebook = nbformat.v4.new_notebook(cells=[cell])
    text = self_contained(nbformat.writes(notebook), tmp_path)
    intro, written, code = nbformat.reads(text, as_version=4).cells
    assert written.source == "%%writefile helper.py\nANSWER = 42\n"
    assert written.metadata.tags == intro.metadata.tags == [SUPPORT_TAG]
    assert "snippets/" not in code.source
    assert '__file__ = "main.py"' in code.source
    assert self_contained(text, tmp_path) == text  # already on its own
