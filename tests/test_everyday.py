"""The everyday tasks README and "Writing a chapter" list do what they say.

Each test takes the command from the guide or the Makefile and runs it
(or asks make for it), on the real repository or on a tiny site of its
own.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import DOCS, ROOT
from tests.test_build_failures import PAGE, build, make_site

GUIDE = (DOCS / "writing-a-chapter.md").read_text("utf-8")


def test_make_serve_takes_a_port():
    done = subprocess.run(
        ["make", "-n", "serve", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "mkdocs serve --dirty --dev-addr 127.0.0.1:8123 " in done.stdout


def test_the_guides_chapter_command_selects_its_snippets_and_page():
    line = next(
        line
        for line in GUIDE.splitlines()
        if line.startswith(".venv/bin/python -m pytest -k ")
    )
    # The guide's example chapter does not exist; chapter 3 does.
    line = line.replace("13_lr_schedules", "03_single_neuron")
    line = line.replace("13-lr-schedules", "03-single-neuron")
    args = shlex.split(line)[1:]
    done = subprocess.run(
        [sys.executable, *args, "--collect-only", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tests = re.findall(r"^tests/\S+", done.stdout, re.M)
    assert done.returncode == 0, done.stdout + done.stderr
    snippets = sorted((ROOT / "snippets" / "03_single_neuron").glob("*.py"))
    for snippet in snippets:
        wanted = f"test_snippet_runs[03_single_neuron/{snippet.name}]"
        assert any(t.endswith(wanted) for t in tests), wanted
    assert any("test_site.py" in t and "03-single-neuron" in t for t in tests)
    assert all(
        "03_single_neuron" in t or "03-single-neuron" in t for t in tests
    )


@pytest.mark.slow
def test_a_build_names_each_run_and_the_slowest(tmp_path):
    make_site(tmp_path, "print('ran')\n", PAGE)
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "snippet-exec: snippets/ch/demo.py ran, " in done.stderr
    assert re.search(
        r"^INFO +- +snippet-exec: slowest: snippets/ch/demo\.py [\d.]+ s$",
        done.stderr,
        re.M,
    ), done.stderr


@pytest.mark.slow
def test_tex_that_cannot_be_typeset_fails_the_build_at_its_page(tmp_path):
    make_site(tmp_path, "print('ran')\n", PAGE + "\nThe power $x^$.\n")
    (tmp_path / "mkdocs.yml").write_text(
        (tmp_path / "mkdocs.yml").read_text()
        + "  - pymdownx.arithmatex:\n      generic: true\n"
    )
    done = build(tmp_path)
    assert done.returncode != 0
    assert "docs/index.md: cannot typeset $x^$" in done.stderr
