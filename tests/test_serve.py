"""The author's loop: a real ``mkdocs serve`` on loopback, edited live.

One server runs a tiny site of its own in a temporary folder for the
whole module. Each test edits the site as an author would and requests
pages with a short timeout, so a server that stops answering fails the
test instead of hanging it: a typo must become an error box, a slow
snippet a "running" box, and an edited data file a fresh run.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.test_build_failures import free_port

pytestmark = pytest.mark.slow

# Seconds a page may take to answer: a rebuild of this site, on a loaded
# machine; a server waiting for a snippet would take minutes.
ANSWER = 20
# Seconds to wait for a rebuild to show an edit (and for a first run,
# which starts the warm parent, to end).
SETTLE = 180
TIMEOUT = 6  # the site's snippet timeout, seconds

MKDOCS_YML = f"""\
site_name: serve test
theme: {{name: material, font: false, custom_dir: overrides}}
plugins:
  - snippet-exec:
      timeout: {TIMEOUT}
markdown_extensions:
  - admonition
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [snippets]
      check_paths: true
"""
DEMO = "print('demo ran')\n"
PAGE = '# Page\n\n--8<-- "ch/demo.py" { exec }\n'
OTHER = "# Other\n\nNo code here.\n"
OVERRIDE = """\
{% extends "base.html" %}
{% block extrahead %}<meta name="theme-test" content="VERSION">{% endblock %}
"""


OUTPUT_RE = re.compile(
    r'<div class="snippet-output">.*?<pre><code>(.*?)</code></pre>', re.S
)


def output(page: str) -> str:
    """What the page shows as the snippets' output (not their code)."""
    return "\n".join(OUTPUT_RE.findall(page))


class Served:
    """The running server, its site folder and its terminal output."""

    def __init__(self, root: Path, log: Path, port: int) -> None:
        self.root, self.log, self.port = root, log, port

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")

    def get(self, page: str = "") -> str:
        """The page's HTML; fails if the server does not answer at once."""
        url = f"http://127.0.0.1:{self.port}/{page}"
        try:
            with urllib.request.urlopen(url, timeout=ANSWER) as response:
                return response.read().decode()
        except TimeoutError:
            pytest.fail(f"{url} did not answer within {ANSWER} s")

    def wait_for(
        self, check: Callable[[str], bool], page: str = "", what: str = ""
    ) -> str:
        """Request ``page`` until ``check(html)`` holds; its HTML."""
        deadline = time.monotonic() + SETTLE
        while True:
            text = self.get(page)
            if check(text):
                return text
            if time.monotonic() > deadline:
                pytest.fail(
                    f"no {what or 'change'} on /{page}: {text[-2000:]}"
                )
            time.sleep(0.5)

    def terminal(self) -> str:
        return self.log.read_text()

    def builds(self) -> int:
        return self.terminal().count("Building documentation")


def start(root: Path, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",  # as `make serve` runs it (snippet_exec.dirty)
                "--livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            # A test run started in the background ignores Ctrl-C, and a
            # child would inherit that; the teardown sends one.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    return server, port


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("serve")
    root, log = base / "site-root", base / "serve.log"
    root.mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    site = Served(root, log, 0)
    site.write("snippets/ch/demo.py", DEMO)
    site.write("docs/index.md", PAGE)
    site.write("docs/other.md", OTHER)
    site.write("overrides/main.html", OVERRIDE.replace("VERSION", "first"))
    server, site.port = start(root, log)
    deadline = time.monotonic() + SETTLE
    while True:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{site.port}/", timeout=ANSWER
            ):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"mkdocs serve did not start:\n{site.terminal()}")
            time.sleep(0.5)
    yield site
    # Ctrl-C, as an author stops it: running snippets are stopped too.
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        pytest.fail("mkdocs serve did not stop on Ctrl-C")


@pytest.fixture
def site(served: Served) -> Iterator[Served]:
    """The served site, back to its first state after each test."""
    yield served
    served.write("snippets/ch/demo.py", DEMO)
    served.write("docs/index.md", PAGE)
    served.wait_for(lambda h: "demo ran" in output(h), what="restored page")


TYPOS = {
    "section": (
        '--8<-- "ch/demo.py:trian" { exec }',
        "docs/index.md:3: ch/demo.py has no section &#x27;trian&#x27;",
    ),
    "file": (
        '--8<-- "ch/dmeo.py" { exec }',
        "docs/index.md:3: no snippet file ch/dmeo.py",
    ),
    "option": (
        '--8<-- "ch/demo.py" { exec timeout=300 }',
        "docs/index.md:3: unknown option &#x27;timeout&#x27;",
    ),
    "plain include": (
        '```py\n--8<-- "ch/dmeo.py"\n```',
        "docs/index.md:4: Snippet at path &#x27;ch/dmeo.py&#x27; could not",
    ),
}


@pytest.mark.parametrize("typo", TYPOS)
def test_a_typo_shows_an_error_box_and_every_page_answers(site, typo):
    line, message = TYPOS[typo]
    site.write("docs/index.md", f"# Page\n\n{line}\n")
    page = site.wait_for(lambda h: message in h, what="error box")
    assert 'class="admonition failure snippet-error"' in page
    assert "Other" in site.get("other/")  # the rest of the site answers
    assert f"WARNING -  {html.unescape(message)}" in site.terminal()


def test_a_long_snippet_leaves_every_page_answering(site, tmp_path):
    """The snippet runs until the test lets it finish: while it runs,
    pages answer at once and its include says it is running."""
    go = tmp_path / "go"
    site.write(
        "snippets/ch/demo.py",
        f"""\
        import time
        from pathlib import Path
        print("waiting", flush=True)
        while not Path({str(go)!r}).exists():
            time.sleep(0.1)
        print("demo ran")
        """,
    )
    shown = site.wait_for(lambda h: "snippet-running" in h, what="running box")
    assert "Running snippets/ch/demo.py" in shown
    assert (
        "snippet-exec: 1 snippets, 0 ran, 0 cached, 0 failed, 1 running"
        in (site.terminal())
    )
    assert "Other" in site.get("other/")
    assert "snippet-running" in site.get()  # still running: still answers
    go.write_text("")
    shown = site.wait_for(lambda h: "demo ran" in output(h), what="output")
    assert "snippet-running" not in shown
    assert "snippet-exec: snippets/ch/demo.py ran" in site.terminal()


def test_a_timed_out_snippet_is_not_run_again_without_an_edit(site, tmp_path):
    runs = tmp_path / "runs"
    site.write(
        "snippets/ch/demo.py",
        f"""\
        import time
        with open({str(runs)!r}, "a") as runs:
            runs.write("run\\n")
        time.sleep({TIMEOUT * 10})
        """,
    )
    summary = f"snippets/ch/demo.py:4: timed out after {TIMEOUT} s"
    site.wait_for(lambda h: summary in h, what="timeout box")
    # Another page changes: a rebuild, with the snippet unchanged.
    builds = site.builds()
    site.write("docs/other.md", OTHER + "\nEdited.\n")
    site.wait_for(lambda h: "Edited." in h, "other/", "edit")
    assert site.builds() > builds
    assert summary in site.get()
    assert runs.read_text() == "run\n"  # ran once, not once per rebuild
    # One warning per failure, with both locations.
    last_build = site.terminal().rsplit("Building documentation", 1)[1]
    assert f"WARNING -  {summary}" in last_build
    assert "    included at docs/index.md:3" in last_build


def test_editing_a_data_file_outside_the_snippets_reruns_it(site):
    site.write("data/table.csv", "lr,0.1\n")
    site.write(
        "snippets/ch/demo.py",
        """\
        from pathlib import Path
        root = Path(__file__).resolve().parents[2]
        print((root / "data" / "table.csv").read_text(), end="")
        """,
    )
    site.wait_for(lambda h: "lr,0.1" in output(h), what="first output")
    site.write("data/table.csv", "lr,0.2\n")
    site.wait_for(
        lambda h: "lr,0.2" in output(h), what="output of the new data"
    )


def test_tex_that_cannot_be_typeset_is_an_error_box(site):
    site.write("docs/other.md", OTHER + "\nThe power $x^$ here.\n")
    shown = site.wait_for(
        lambda h: "snippet-error" in h, "other/", "error box"
    )
    assert "cannot typeset $x^$" in shown
    assert "demo ran" in output(site.get())
    site.write("docs/other.md", OTHER)
    site.wait_for(lambda h: "snippet-error" not in h, "other/", "fixed")


def test_creating_a_file_a_snippet_failed_to_open_reruns_it(site):
    (site.root / "data").mkdir(exist_ok=True)
    (site.root / "data" / "later.csv").unlink(missing_ok=True)
    site.write(
        "snippets/ch/demo.py",
        """\
        from pathlib import Path
        root = Path(__file__).resolve().parents[2]
        print((root / "data" / "later.csv").read_text(), end="")
        """,
    )
    site.wait_for(lambda h: "FileNotFoundError" in h, what="error box")
    site.write("data/later.csv", "made later\n")
    site.wait_for(lambda h: "made later" in output(h), what="new output")


def test_editing_a_theme_override_renders_every_page_again(site):
    # MkDocs watches the theme only with --watch-theme; `make serve` has
    # none, so the engine watches theme.custom_dir itself.
    assert 'content="first"' in site.get("other/")
    site.write("overrides/main.html", OVERRIDE.replace("VERSION", "second"))
    for page in ("", "other/"):
        site.wait_for(lambda h: 'content="second"' in h, page, "override")
    site.write("overrides/main.html", OVERRIDE.replace("VERSION", "first"))
    site.wait_for(lambda h: 'content="first"' in h, "other/", "restored")
