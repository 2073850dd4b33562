"""Which pages a dirty rebuild (``mkdocs serve --dirty``) renders again.

A small site in a temporary folder, run for real: its pages' digests
follow the snippets they include and the files every page shares, and
``mark`` sets what MkDocs asks of each file (``is_modified``).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from snippet_exec.dirty import DirtyPages
from snippet_exec.site import Options, SiteRun

PAGES = {
    "index.md": '# Chapter\n\n--8<-- "ch/a.py" { exec }\n',
    "other.md": "# Other\n\nNo code here.\n",
}


@pytest.fixture
def site(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets" / "ch").mkdir(parents=True)
    (tmp_path / "snippets" / "ch" / "a.py").write_text("print(6 * 7)\n")
    (tmp_path / "glossary.md").write_text("*[SGD]: stochastic\n")
    site = SiteRun(Options(tmp_path))
    yield site
    site.executor.stop()


def run(site: SiteRun, pages: dict[str, str] = PAGES) -> SiteRun:
    site.load(pages)
    site.run()
    return site


def test_a_page_is_stale_when_its_snippet_or_a_shared_file_changes(site):
    dirty, shared = DirtyPages(), [str(site.root / "glossary.md"), None]
    assert dirty.stale(run(site), shared) == set(PAGES)  # the first build
    assert dirty.stale(run(site), shared) == set()  # nothing changed
    snippet = site.snippets / "ch" / "a.py"
    snippet.write_text("print(6 * 9)\n")
    assert dirty.stale(run(site), shared) == {"index.md"}
    assert "54" in site.results[site.rel("ch/a.py")].output  # the edit ran
    (site.root / "glossary.md").write_text("*[SGD]: stochastic GD\n")
    assert dirty.stale(run(site), shared) == set(PAGES)
    added = {**PAGES, "new.md": "# New\n"}  # every page's nav changes
    assert dirty.stale(run(site, added), shared) == set(added)
    assert dirty.stale(run(site, added), shared) == set()


def test_an_include_with_a_new_problem_makes_its_page_stale(site):
    dirty = DirtyPages()
    dirty.stale(run(site), [])
    broken = {**PAGES, "index.md": PAGES["index.md"].replace("a.py", "b.py")}
    assert dirty.stale(run(site, broken), []) == {"index.md"}
    assert site.problem_at("index.md", 3) is not None


def page_file(uri: str, modified: bool) -> SimpleNamespace:
    return SimpleNamespace(src_uri=uri, is_modified=lambda: modified)


def test_mark_renders_stale_pages_and_leaves_notebooks_for_later(site):
    dirty = DirtyPages()
    dirty.stale(run(site), [])
    (site.snippets / "ch" / "a.py").write_text("print(7 * 7)\n")
    run(site)
    index, other = page_file("index.md", False), page_file("other.md", False)
    notebook = page_file("notebooks/index.ipynb", True)
    dirty.mark(site, [index, other, notebook], [])
    dirty.commit()  # the build is written
    assert index.is_modified() and not other.is_modified()
    assert not notebook.is_modified() and dirty.later  # the next rebuild
    # That rebuild renders no page again, so the notebook goes ahead.
    dirty.later, notebook = False, page_file("notebooks/index.ipynb", True)
    index = page_file("index.md", False)
    dirty.mark(site, [index, other, notebook], [])
    dirty.commit()  # the build is written
    assert not index.is_modified()
    assert notebook.is_modified() and not dirty.later


def test_a_plain_include_makes_its_page_stale_when_its_file_changes(site):
    # pymdown's own include (no exec), in a fence as part 12 shows
    # ddp_train_gpu.py: pymdown reads it before the fence. An escaped
    # one is not an include.
    plain = {
        **PAGES,
        "other.md": '# Other\n\n```py\n--8<-- "ch/gpu.py"\n```\n\n'
        ';--8<-- "ch/escaped.py"\n',
    }
    for name in ("gpu.py", "escaped.py"):
        (site.snippets / "ch" / name).write_text("# before\n")
    dirty, bases = DirtyPages(), [site.snippets, site.root]
    dirty.stale(run(site, plain), [], bases)
    (site.snippets / "ch" / "escaped.py").write_text("# after, longer\n")
    assert dirty.stale(run(site, plain), [], bases) == set()
    (site.snippets / "ch" / "gpu.py").write_text("# after, longer\n")
    assert dirty.stale(run(site, plain), [], bases) == {"other.md"}
    assert dirty.stale(run(site, plain), [], bases) == set()


def test_a_shared_change_renders_the_notebook_pages_in_the_next_rebuild(
    site,
):
    # A theme override or mkdocs.yml edit changes a notebook page's
    # template and navigation too, though its .ipynb is unchanged.
    shared, dirty = [str(site.root / "glossary.md")], DirtyPages()
    dirty.stale(run(site), shared)
    (site.root / "glossary.md").write_text("*[SGD]: stochastic GD\n")
    index, other = page_file("index.md", False), page_file("other.md", False)
    notebook = page_file("notebooks/index.ipynb", False)
    dirty.mark(run(site), [index, other, notebook], shared)
    dirty.commit()  # the build is written
    assert index.is_modified() and other.is_modified()
    assert not notebook.is_modified() and dirty.later  # the chapter first
    dirty.later, index = False, page_file("index.md", False)
    notebook = page_file("notebooks/index.ipynb", False)
    dirty.mark(
        run(site), [index, page_file("other.md", False), notebook], shared
    )
    dirty.commit()  # the build is written
    assert not index.is_modified() and not dirty.later
    assert notebook.is_modified()  # owed from the rebuild before
    notebook = page_file("notebooks/index.ipynb", False)
    dirty.mark(
        run(site), [index, page_file("other.md", False), notebook], shared
    )
    dirty.commit()  # the build is written
    assert not notebook.is_modified()  # and rendered once


def test_a_build_that_stops_half_way_leaves_its_pages_stale(site):
    dirty = DirtyPages()
    dirty.stale(run(site), [])
    (site.snippets / "ch" / "a.py").write_text("print(8 * 8)\n")
    assert dirty.stale(run(site), [], commit=False) == {"index.md"}
    # The build raised before on_post_build: the page is still stale.
    assert dirty.stale(run(site), [], commit=False) == {"index.md"}
    dirty.commit()
    assert dirty.stale(run(site), []) == set()


def test_a_page_that_always_looks_edited_puts_notebooks_off_once(site):
    """A page whose Markdown is newer than any HTML (a clock skew) is
    rendered by every rebuild; its notebook must not wait for ever."""
    dirty = DirtyPages()
    dirty.stale(run(site), [])
    for rebuild in range(3):
        index = page_file("index.md", True)
        notebook = page_file("notebooks/index.ipynb", True)
        dirty.mark(run(site), [index, notebook], [])
        dirty.commit()
        assert notebook.is_modified() == (rebuild % 2 == 1)
