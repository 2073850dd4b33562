"""What hosts share: surfacing problems, notebook pages, the serve guard.

The MkDocs plugin and the Python-Markdown extension only adapt; these
steps decide what a reader and an author see, so they are checked here
without any host, on a small site in a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from snippet_exec import prestart
from snippet_exec.host_steps import failure_report, surface_problems
from snippet_exec.notebook_pages import NotebookPages, relink
from snippet_exec.serve_guard import SnippetGuard
from snippet_exec.site import Options, SiteRun

PAGE = '# Chapter\n\nSee [b](b.md).\n\n--8<-- "ch/a.py" { exec }\n'


class HostError(Exception):
    """Stands for a host's own exception (MkDocs' ``PluginError``)."""


def make_site(root: Path, page: str = PAGE) -> SiteRun:
    (root / "docs").mkdir()
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page)
    (root / "snippets" / "ch" / "a.py").write_text("print(6 * 7)\n")
    site = SiteRun(Options(root))
    site.load({"index.md": page})
    return site


def test_problems_fail_with_the_hosts_error_or_are_said_when_serving(
    tmp_path,
):
    site = make_site(tmp_path, '# P\n\n--8<-- "ch/gone.py" { exec }\n')
    problems = site.problems
    assert len(problems) == 1
    with pytest.raises(HostError) as raised:
        surface_problems(problems, HostError)
    assert str(raised.value) == failure_report(problems)
    assert "docs/index.md:3" in str(raised.value)
    said = []
    surface_problems(problems, HostError, said.append)
    assert said == [problems[0].report()]
    surface_problems([], HostError)  # nothing to say: no error


def test_relink_turns_chapter_links_into_urls_and_keeps_the_rest():
    urls = {"b.md": "../b/"}
    html = '<a href="b.md#fit">b</a> <a href="c.md">c</a>'
    assert relink(html, urls.get) == (
        '<a href="../b/#fit">b</a> <a href="c.md">c</a>'
    )


def test_a_complete_chapter_gets_a_notebook_page_and_its_links(tmp_path):
    site = make_site(tmp_path)
    try:
        assert site.run().ran == 1
        notebooks = NotebookPages(site)
    finally:
        site.executor.stop()
    uri = "notebooks/index.ipynb"
    assert notebooks.uris == {"index.md": uri}
    assert notebooks.chapters == {uri: "index.md"}
    assert "42" in (notebooks.src_dir / uri).read_text()
    urls = {uri: "notebooks/index/", "b.md": "../../b/"}
    assert notebooks.links("index.md", urls.get) == {
        "view": "notebooks/index/",
        "download": "notebooks/index/index.ipynb",
    }
    assert notebooks.links("index.md", {}.get) == {}  # no notebook page
    html = notebooks.finish(uri, '<a href="b.md">b</a>', "x/", urls.get)
    assert '<a href="../../b/">b</a>' in html
    bad = '<a href="b.md">b</a> $x^$'
    with pytest.raises(HostError, match=r"^notebooks/index\.ipynb: "):
        notebooks.finish(uri, bad, "x/", urls.get, error=HostError)
    said = []
    kept = notebooks.finish(uri, bad, "x/", urls.get, said.append)
    assert kept == '<a href="../../b/">b</a> $x^$'
    assert len(said) == 1 and said[0].startswith("notebooks/index.ipynb: ")


def test_the_serve_guard_heads_its_box_with_the_pages_line(tmp_path):
    page = '# P\n\nText.\n\n```py\n--8<-- "ch/typo.py"\n```\n'
    site = make_site(tmp_path, page)
    said = []
    md = markdown.Markdown(
        extensions=[
            "pymdownx.snippets",
            SnippetGuard(site, lambda: "index.md", said.append),
        ],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(tmp_path / "snippets")],
                "check_paths": True,
            }
        },
    )
    html = md.convert(page)
    headline = "docs/index.md:6: Snippet at path 'ch/typo.py' could not"
    assert said and said[0].startswith(headline)
    assert "snippet-error" in html and "Text." in html


def test_start_early_leaves_a_bad_setting_to_the_host(tmp_path):
    config_file = tmp_path / "mkdocs.yml"
    assert prestart.start_early(config_file, {"timeout": "soon"}) is None
    (tmp_path / "docs").mkdir()
    thread = prestart.start_early(config_file, {"execute": False})
    assert thread is not None
    thread.join()
