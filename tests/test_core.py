"""The host-free core: placing includes, locating problems, options.

These run no snippet (``load`` checks files, sections and alt texts before
anything runs), except the last, which renders a page with plain
Python-Markdown, the smallest host there is.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest

from snippet_exec import placement
from snippet_exec.directive import scan_page
from snippet_exec.site import Options, SiteRun

PAGE = textwrap.dedent(
    """\
    ---
    title: front matter a host cuts off
    ---

    # Page

    --8<-- "ch/a.py:train" { exec title="The \\"a\\" {file}" }

    !!! note
        --8<-- "ch/a.py" { exec colour="red" }
    """
)


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("", "figures/x.svg"),
        ("a/", "../figures/x.svg"),
        ("a/b/", "../../figures/x.svg"),
        ("a.md", "figures/x.svg"),
        ("sub/c.md", "../figures/x.svg"),
        ("sub/c.html", "../figures/x.svg"),
    ],
)
def test_relative_url(page_url, expected):
    assert placement.relative_url("figures/x.svg", page_url) == expected


def test_expand_finds_the_lines_in_a_host_copy_without_front_matter():
    items = scan_page(PAGE, "p.md")
    copy = PAGE.split("---\n\n", 1)[1]  # what MkDocs and Zensical hand over
    out = placement.expand(PAGE, items, copy, "snippets").split("\n")
    assert out[2:7] == [
        '``` py title="The &quot;a&quot; {file}" title_mode="html"',
        '--8<-- "ch/a.py:train"',
        "```",
        "",
        "<!-- snippet-exec:0 -->",
    ]
    # The bad line keeps its indent and becomes only a placeholder.
    assert "    <!-- snippet-exec:1 -->" in out
    assert not any("colour" in line for line in out)


def test_fill_replaces_placeholders_even_inside_paragraphs():
    html = "<p><!-- snippet-exec:1 --></p>\n<!-- snippet-exec:0 -->"
    assert placement.fill(html, lambda n: f"[{n}]") == "[1]\n[0]"


def test_options_from_a_hosts_settings():
    config = {"timeout": 5, "execute": False, "docs_dir": "", "other": 1}
    given = {"jobs": 2, "repo_url": None, "timeout": 7}
    options = Options.from_config(Path("/r"), config, given)
    assert (options.timeout, options.execute, options.jobs) == (7, False, 2)
    assert (options.docs_dir, options.repo_url) == ("docs", "")


def test_load_locates_every_problem_before_anything_runs(tmp_path):
    (tmp_path / "snippets" / "ch").mkdir(parents=True)
    (tmp_path / "snippets" / "ch" / "a.py").write_text(
        "# --8<-- [start:train]\nprint(1)\n# --8<-- [end:train]\n"
    )
    (tmp_path / "snippets" / "ch" / "bin.py").write_bytes(b"\xff\xfe\x00")
    other = "\n\n".join(
        [
            '--8<-- "ch/a.py" { exec alt="plot" }',
            '--8<-- "ch/b.py" { exec }',
            '--8<-- "../../etc/passwd" { exec }',
            '--8<-- "ch/bin.py" { exec }',
        ]
    )
    site = SiteRun(Options(tmp_path, docs_dir="pages", execute=False))
    site.load({"p.md": PAGE, "q.md": other})
    assert site.run().snippets == 2  # a.py and bin.py; nothing crashed
    reports = [p.report() for p in site.problems]
    assert reports == [
        "pages/p.md:10: unknown option 'colour'; "
        'use alt="..." (one per figure), title="..." or fold="..."',
        "pages/q.md:1: alt text 1 ('plot') does not say what the figure "
        "shows; describe it in at least 3 words, as you would to a reader "
        "who cannot see it",
        "pages/q.md:3: no snippet file ch/b.py",
        "pages/q.md:5: ../../etc/passwd is outside snippets/",
        # Read as Python reads it, and located at the snippet's line.
        "snippets/ch/bin.py:1: invalid or missing encoding declaration; "
        "declare an encoding Python knows (PEP 263), e.g. "
        "'# -*- coding: latin-1 -*-'\n    included at pages/q.md:7",
    ]
    assert site.page_of(PAGE.split("---\n\n", 1)[1]) == "p.md"
    assert site.page_of("# Not a page\n") is None


def test_plain_python_markdown_renders_a_page(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "fig.py").write_text(
        "import matplotlib.pyplot as plt\nprint('x = {1}')\nplt.plot([1, 0])\n"
    )
    page = '# Fig\n\n--8<-- "fig.py" { exec alt="A line falling to zero" }\n'
    (tmp_path / "docs" / "fig.md").write_text(page)
    md = markdown.Markdown(
        extensions=["snippet_exec.markdown", "pymdownx.snippets"],
        extension_configs={
            "snippet_exec.markdown": {"root": str(tmp_path), "timeout": 60},
            "pymdownx.snippets": {"base_path": [str(tmp_path / "snippets")]},
        },
    )
    html = md.convert(page)
    assert "x = {1}</code></pre>" in html
    light, dark = re.findall(
        r'<img src="([^"]+)" alt="A line falling to zero"', html
    )
    assert light.endswith("#only-light") and dark.endswith("#only-dark")
    for src in (light.split("#")[0], dark.split("#")[0]):
        assert src.startswith("figures/")
        assert (tmp_path / "site" / src).is_file()
    assert "print(&#x27;x = {1}&#x27;)" in html or "print('x = {1}')" in html


def test_fold_title_may_hold_any_character():
    line = r'--8<-- "a.py" { exec fold="How \"it\" {works} <b>" }'
    (item,) = scan_page(line, "p.md")
    block = placement.code_block(item, 0, "snippets").split("\n")
    assert block[0] == '??? example "How &quot;it&quot; {works} &lt;b&gt;"'
    assert block[2].startswith("    ``` py title=")


def test_an_include_without_its_file_or_section_gives_pymdown_no_line(
    tmp_path,
):
    """pymdown-extensions raises on an include it cannot resolve (under
    mkdocs serve that freezes the server), so such an include keeps only
    the placeholder for its error box."""
    (tmp_path / "snippets" / "ch").mkdir(parents=True)
    (tmp_path / "snippets" / "ch" / "a.py").write_text(
        "# --8<-- [start:train]\nprint(1)\n# --8<-- [end:train]\n"
    )
    page = "\n\n".join(
        [
            '--8<-- "ch/a.py:train" { exec }',
            '--8<-- "ch/a.py:trian" { exec }',
            '--8<-- "ch/b.py" { exec }',
        ]
    )
    site = SiteRun(Options(tmp_path, execute=False))
    site.load({"p.md": page})
    out = site.expand("p.md", page)
    assert re.findall(r"^--8<-- .*$", out, re.M) == ['--8<-- "ch/a.py:train"']
    assert re.findall(r"<!-- snippet-exec:(\d) -->", out) == ["0", "1", "2"]
    html = markdown.Markdown(
        extensions=["pymdownx.superfences", "pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(tmp_path / "snippets")],
                "check_paths": True,
            }
        },
    ).convert(out)
    assert "print" in html  # the good include's code; no exception
    assert [p.summary for p in site.problems] == [
        "ch/a.py has no section 'trian'",
        "no snippet file ch/b.py",
    ]


def test_a_marker_with_the_pages_escape_is_named_at_its_line(tmp_path):
    """Markers copied from a page's Markdown source keep the ';' that
    pymdown-extensions removes on the page: no marker to pymdown."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text(
        "import math\n# ;--8<-- [start:train]\nprint(1)\n"
        "# ;--8<-- [end:train]\n"
    )
    page = '--8<-- "a.py:train" { exec }'
    site = SiteRun(Options(tmp_path, execute=False))
    site.load({"p.md": page})
    (problem,) = site.problems
    assert problem.report() == (
        "docs/p.md:1: a.py has no section 'train': its marker at line 2 "
        "has a ';' before '--8<--' (the escape a Markdown page needs to "
        "show a marker); delete the ';' in the snippet"
    )
