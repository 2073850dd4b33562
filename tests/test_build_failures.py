"""A failing snippet fails `mkdocs build` loudly; `mkdocs serve` shows it.

Each test builds a tiny site of its own in a temporary folder, so the real
site and its cache are never touched.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

MKDOCS_YML = """\
site_name: failure test
theme: {{name: material, font: false}}
plugins:
  - snippet-exec:
      timeout: {timeout}
markdown_extensions:
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [snippets]
      check_paths: true
"""


def make_site(
    root: Path, snippet: str, page: str, timeout: float = 20
) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(timeout=timeout))
    (root / "snippets" / "ch" / "demo.py").write_text(textwrap.dedent(snippet))
    (root / "docs" / "index.md").write_text(textwrap.dedent(page))


def build(root: Path, *options: str) -> subprocess.CompletedProcess:
    """``mkdocs build``, deliberately not --strict unless asked."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *options],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


PAGE_LINE = '--8<-- "ch/demo.py" { exec }'
PAGE = f"""\
# Page

Some text.

{PAGE_LINE}
"""


def test_raising_snippet_fails_build_with_both_locations(tmp_path):
    make_site(
        tmp_path, "x = 1\nprint('ran')\nraise KeyError('missing')\n", PAGE
    )
    done = build(tmp_path)
    assert done.returncode != 0
    assert "snippets/ch/demo.py:3: KeyError: 'missing'" in done.stderr
    assert "included at docs/index.md:5" in done.stderr
    # Nothing half-done is left: no page and no cache entry for the failure.
    assert not (tmp_path / "site" / "index.html").exists()
    assert not list((tmp_path / ".cache").rglob("*.json"))


def test_fixed_snippet_builds_after_a_failure(tmp_path):
    make_site(tmp_path, "raise SystemExit(2)\n", PAGE)
    assert build(tmp_path).returncode != 0
    (tmp_path / "snippets" / "ch" / "demo.py").write_text("print('fixed')\n")
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "fixed</code></pre>" in html


def test_hanging_snippet_is_killed_at_its_timeout(tmp_path):
    make_site(
        tmp_path,
        "import time\nprint('start')\nwhile True:\n    time.sleep(0.1)\n",
        PAGE,
        timeout=2,
    )
    started = time.monotonic()
    done = build(tmp_path)
    assert done.returncode != 0
    assert time.monotonic() - started < 60
    assert "snippets/ch/demo.py:4: timed out after 2 s" in done.stderr
    assert "included at docs/index.md:5" in done.stderr


def test_missing_section_and_missing_file_are_named(tmp_path):
    page = (
        PAGE
        + '\n--8<-- "ch/demo.py:nope" { exec }\n\n--8<-- "ch/gone.py" { exec }\n'
    )
    make_site(tmp_path, "print('ok')\n", page)
    done = build(tmp_path)
    assert done.returncode != 0
    assert "docs/index.md:7: ch/demo.py has no section 'nope'" in done.stderr
    assert "docs/index.md:9: no snippet file ch/gone.py" in done.stderr
    # A problem at the page's line names that line once, not twice.
    assert "included at docs/index.md:7" not in done.stderr
    assert "included at docs/index.md:9" not in done.stderr


def test_figures_need_one_alt_text_each(tmp_path):
    snippet = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\n"
    make_site(tmp_path, snippet, PAGE)
    done = build(tmp_path)
    assert done.returncode != 0
    assert (
        "draws 1 figure(s) but the include gives 0 alt text(s)" in done.stderr
    )


def test_option_values_with_braces_and_quotes_reach_the_page(tmp_path):
    snippet = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
    page = PAGE.replace(
        "{ exec }",
        r'{ exec alt="Loss for lr in {0.1, 0.01} & \"more\" <b>" '
        r"title='The \'demo\' {file}' }",
    )
    make_site(tmp_path, snippet, page)
    done = build(tmp_path, "--strict")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert (
        'alt="Loss for lr in {0.1, 0.01} &amp; &quot;more&quot; &lt;b&gt;"'
        in html
    )
    assert '<span class="filename">The &#x27;demo&#x27; {file}</span>' in html
    assert "8&lt;" not in html and "8<" not in html  # no raw include line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            '--8<-- "ch/demo.py" { exec alt="a {b}" colour="red" }',
            "docs/index.md:5: unknown option 'colour'",
        ),
        (
            "--8<-- ch/demo.py { exec }",
            "docs/index.md:5: put the path in double quotes",
        ),
        (
            '--8<-- "ch/demo.py" { exec alt="never closed }',
            "docs/index.md:5: cannot read the options",
        ),
    ],
)
def test_unreadable_include_line_fails_at_its_line(tmp_path, line, message):
    make_site(tmp_path, "print('ran')\n", PAGE.replace(PAGE_LINE, line))
    done = build(tmp_path)
    assert done.returncode != 0
    assert message in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("alt", ["Figure 1", "", "plot", "  image  "])
def test_empty_or_generic_alt_text_fails_at_the_include(tmp_path, alt):
    snippet = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
    make_site(
        tmp_path, snippet, PAGE.replace("{ exec }", f'{{ exec alt="{alt}" }}')
    )
    done = build(tmp_path)
    assert done.returncode != 0
    assert f"docs/index.md:5: alt text 1 ({alt!r}) does not say" in done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_serve_shows_the_error_and_keeps_running(tmp_path):
    root, log_path = tmp_path / "site-root", tmp_path / "serve.log"
    bad = '--8<-- "ch/demo.py" { exec colour="red" }'
    make_site(root, "print('a')\n1 / 0\n", PAGE + f"\n{bad}\n")
    port = free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--no-livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=log,
            stderr=log,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        html = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 90)
        assert html.count("snippet-error") == 2
        assert "snippets/ch/demo.py:2: ZeroDivisionError" in html
        assert "included at docs/index.md:5" in html
        assert "docs/index.md:7: unknown option" in html
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        server.wait(timeout=30)
    # One warning per failure in the terminal, with both locations.
    text = log_path.read_text()
    warnings = re.findall(r"^WARNING +- +(.*(?:\n[ \t].*)*)", text, re.M)
    assert len(warnings) == 2, text
    assert "snippets/ch/demo.py:2: ZeroDivisionError" in warnings[0]
    assert "included at docs/index.md:5" in warnings[0]
    assert "docs/index.md:7: unknown option 'colour'" in warnings[1]
