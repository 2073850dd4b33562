"""Snippets as authors really write them, through a real ``mkdocs build``.

Two tiny sites of their own, in temporary folders (as in
test_build_failures): one whose snippets all end well and must show what
``python file.py`` prints, with no path of the build machine on any page;
one whose every include fails and must say where and why, never with a
traceback from the engine itself.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_build_failures import MKDOCS_YML, build, fetch, free_port

pytestmark = pytest.mark.slow

GOOD = {
    "latin1.py": (
        b"# -*- coding: latin-1 -*-\n"
        b'"""Prints a word with an accent."""\n'
        b"print('caf\xe9')\n"
    ),
    "early_exit.py": b"""\
import sys

# --8<-- [start:first]
print("first ran")
# --8<-- [end:first]
sys.exit(0)
# --8<-- [start:second]
print("second ran")
# --8<-- [end:second]
""",
    "late.py": b"""\
import atexit
import threading
import time


def late():
    time.sleep(0.5)
    print("from the thread")


threading.Thread(target=late).start()
atexit.register(print, "from atexit")
print("main code done")
""",
    "warns.py": b"""\
import tempfile
import warnings

warnings.warn("mind the gap")
print("scratch space:", tempfile.gettempdir())
""",
}

GOOD_PAGE = """\
# Good

--8<-- "ch/latin1.py" { exec }

--8<-- "ch/early_exit.py:first" { exec }

--8<-- "ch/early_exit.py" { exec }

--8<-- "ch/late.py" { exec }

--8<-- "ch/warns.py" { exec }
"""

BAD = {
    "bad_bytes.py": b"x = 1\n\nprint('caf\xe9')\n",
    "early_exit.py": GOOD["early_exit.py"],
    "split.py": b"""\
x = 1
# --8<-- [start:check]
if x > 0:
    print("positive")
# --8<-- [end:check]
else:
    print("not positive")
""",
    "slow.py": b"# timeout: 1\nimport time\n\ntime.sleep(5)\n",
}

BAD_PAGE = """\
# Bad

--8<-- "ch/bad_bytes.py" { exec }

--8<-- "ch/early_exit.py:second" { exec }

--8<-- "ch/split.py:check" { exec }

--8<-- "ch/slow.py" { exec }
"""


def make_site(root: Path, snippets: dict[str, bytes], page: str) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(timeout=20))
    for name, data in snippets.items():
        (root / "snippets" / "ch" / name).write_bytes(data)
    (root / "docs" / "index.md").write_text(page)


def output_blocks(html: str) -> list[str]:
    """The text of each output block on a page, in order."""
    blocks = re.findall(
        r'<div class="snippet-output">.*?<code>(.*?)</code>', html, re.S
    )
    return [re.sub(r"<[^>]+>", "", block) for block in blocks]


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("good").resolve()
    make_site(root, GOOD, GOOD_PAGE)
    done = build(root)
    assert done.returncode == 0, done.stderr
    return root, (root / "site" / "index.html").read_text("utf-8")


def test_latin1_snippet_shows_its_code_and_output(good_site):
    _, html = good_site
    assert "caf\u00e9" in re.sub(r"<[^>]+>", "", html.split("Output")[0])
    assert output_blocks(html)[0] == "caf\u00e9"


def test_zero_exit_shows_what_ran(good_site):
    _, html = good_site
    assert output_blocks(html)[1:3] == ["first ran", "first ran"]


def test_output_after_the_main_code_is_on_the_page(good_site):
    _, html = good_site
    assert output_blocks(html)[3] == (
        "main code done\nfrom the thread\nfrom atexit"
    )


def test_warning_names_the_snippet_from_the_repository_root(good_site):
    _, html = good_site
    warned = output_blocks(html)[4]
    assert warned.startswith("snippets/ch/warns.py:4: UserWarning: mind")
    assert warned.endswith("scratch space: $TMPDIR")


def test_no_page_holds_the_machines_paths(good_site):
    root, _ = good_site
    pages = list((root / "site").rglob("*.html"))
    notebooks = list((root / ".cache").rglob("*.ipynb"))
    assert pages and notebooks
    for page in pages + notebooks:
        text = page.read_text("utf-8")
        assert str(root) not in text, page
        assert "/snippet-" not in text, page  # a child's temporary folder


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("bad").resolve()
    make_site(root, BAD, BAD_PAGE)
    done = build(root)
    assert done.returncode != 0
    return done.stderr


@pytest.mark.parametrize(
    ("where", "message", "page_line"),
    [
        ("snippets/ch/bad_bytes.py:3", "line 3 is not valid utf-8", 3),
        (
            "snippets/ch/early_exit.py:6",
            "section 'second' never ran: the snippet ended with a zero exit",
            5,
        ),
        (
            "snippets/ch/split.py:5",
            "the section marker splits the statement that starts at line 3",
            7,
        ),
        ("snippets/ch/slow.py:4", "timed out after 1 s", 9),
    ],
    ids=["encoding", "never_ran", "split_statement", "own_timeout"],
)
def test_each_failure_is_located(bad_build, where, message, page_line):
    report = re.search(
        rf"^{re.escape(where)}: (.*)\n\s+included at docs/index.md:(\d+)",
        bad_build,
        re.M,
    )
    assert report is not None, bad_build
    assert report[1].startswith(message), report[1]
    assert int(report[2]) == page_line


def test_no_traceback_from_the_engine(bad_build):
    assert "4 snippet include(s) failed" in bad_build
    for internal in ("UnicodeDecodeError", "IndexError", "ended abruptly"):
        assert internal not in bad_build


def test_serve_shows_each_failure_and_keeps_serving(tmp_path):
    """Under ``mkdocs serve`` the same failures are error boxes on a page
    that loads (a zero exit before an included section used to leave
    pages hanging), and the server stays up."""
    make_site(tmp_path, BAD, BAD_PAGE)
    port = free_port()
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
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        html = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 120)
        assert html.count('class="admonition failure snippet-error"') == 4
        assert "snippets/ch/bad_bytes.py:3: line 3 is not valid" in html
        assert "section &#x27;second&#x27; never ran" in html
        assert server.poll() is None, "the server stopped"
    finally:
        server.terminate()
        server.wait(timeout=30)
