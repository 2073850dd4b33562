"""Every way a snippet can misbehave ends in a clear message and loses nothing.

Each case runs a small snippet made here through the real executor (and, for
the build-level cases, a real `mkdocs build`), and asserts exactly what the
author sees.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, Limits
from snippet_exec.render import output_html
from tests.test_build_failures import PAGE, build, make_site


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reliability")


def run_in(workspace: Path, name: str, source: str, **limits):
    path = workspace / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return Executor(workspace, Limits(**{"timeout": 20, **limits})).run(path)


def test_os_exit_is_a_crash_at_its_line(workspace):
    result = run_in(
        workspace,
        "exit_now.py",
        "import os\nprint('x', flush=True)\nos._exit(4)\n",
    )
    assert result.error.kind == "crash"
    assert "exit status 4" in result.error.summary
    assert result.location().endswith("exit_now.py:1")  # the running chunk
    assert result.output == "x\n"


def test_a_signal_names_the_line_that_sent_it(workspace):
    result = run_in(
        workspace,
        "self_kill.py",
        "import os, signal\nprint('a')\nos.kill(os.getpid(), signal.SIGKILL)\n",
    )
    assert result.error.summary == "the process was killed by signal 9"
    assert result.location().endswith("self_kill.py:3")


def test_runaway_memory_is_stopped_and_the_parent_survives(workspace):
    result = run_in(
        workspace,
        "hog.py",
        """
        import torch
        blocks = []
        while True:
            blocks.append(torch.empty(256 * 1024 * 1024))  # 1 GiB each
        """,
        memory_mb=2048,
    )
    assert result.error.kind == "exception"
    assert "can't allocate memory" in result.error.summary
    assert result.error.lineno == 5
    assert run_in(workspace, "after.py", "print('still fine')\n").ok


def test_megabytes_of_output_are_cut_with_a_notice(workspace):
    result = run_in(
        workspace,
        "loud.py",
        "for i in range(100_000):\n    print('x' * 30, i)\n",
    )
    assert result.ok
    assert len(result.output) > 3_000_000
    shown = output_html(result.output)
    assert "output cut" in shown and len(shown) < 30_000


def test_output_past_the_file_limit_fails_clearly(workspace):
    result = run_in(
        workspace,
        "flood.py",
        "while True:\n    print('y' * 1000)\n",
        output_mb=1,
    )
    assert "printed more than 1 MiB of output" in result.error.summary
    assert "output limit" in result.error.summary
    assert result.error.lineno == 2


def test_carriage_returns_colours_and_html_are_shown_cleanly(workspace):
    result = run_in(
        workspace,
        "terminal.py",
        r"""
        print("progress 10%\rprogress 100%")
        print("\x1b[1;32mgreen\x1b[0m")
        print("<script>alert('x')</script> & <b>bold</b>")
        """,
    )
    shown = output_html(result.output)
    assert "progress 100%" in shown and "10%" not in shown
    assert "green" in shown and "\x1b" not in shown
    assert "&lt;script&gt;" in shown and "<script>" not in shown


def test_global_state_does_not_leak_between_snippets(workspace):
    first = run_in(
        workspace,
        "dirty.py",
        """
        import os, torch
        import matplotlib.pyplot as plt
        torch.set_default_dtype(torch.float64)
        torch.set_num_threads(1)
        torch.manual_seed(123)
        os.chdir("/")
        plt.rcParams["lines.linewidth"] = 9
        plt.figure()  # left open on purpose
        """,
        # one alt text is not needed: the executor only collects it
    )
    assert first.ok and len(first.select(None)[1]) == 1
    second = run_in(
        workspace,
        "clean.py",
        """
        import os, torch
        import matplotlib.pyplot as plt
        print(torch.get_default_dtype(), plt.get_fignums(),
              plt.rcParams["lines.linewidth"], os.getcwd() != "/",
              torch.initial_seed() != 123)
        """,
    )
    assert second.output == "torch.float32 [] 1.5 True True\n"


def test_snippets_cannot_write_into_the_repository(workspace):
    result = run_in(
        workspace,
        "writer.py",
        """
        from pathlib import Path
        Path("scratch.txt").write_text("fine: the working folder is a temp dir")
        (Path(__file__).parent / "leak.txt").write_text("not fine")
        """,
    )
    assert "must not write into the repository" in result.error.summary
    assert result.error.lineno == 4
    assert not (workspace / "leak.txt").exists()
    assert not (workspace / "scratch.txt").exists()


def test_unclosed_section_fails_the_build_at_its_line(tmp_path):
    snippet = "print('a')\n# --8<-- [start:part]\nprint('b')\n"
    page = PAGE.replace('"ch/demo.py"', '"ch/demo.py:part"')
    make_site(tmp_path, snippet, page)
    done = build(tmp_path)
    assert done.returncode != 0
    assert (
        "snippets/ch/demo.py:2: section 'part' is never closed" in done.stderr
    )
    assert "included at docs/index.md:5" in done.stderr


SLOW_SNIPPET = "import time\ntime.sleep({delay})\nprint('done {n}')\n"


def test_a_build_killed_midway_leaves_only_complete_entries(tmp_path):
    make_site(tmp_path, "print('quick')\n", PAGE)
    page = PAGE
    for n in range(4):
        name = f"slow_{n}.py"
        delay = 0.2 if n < 2 else 30
        (tmp_path / "snippets" / "ch" / name).write_text(
            SLOW_SNIPPET.format(delay=delay, n=n)
        )
        page += f'\n--8<-- "ch/{name}" {{ exec }}\n'
    (tmp_path / "docs" / "index.md").write_text(page)
    build_cmd = [sys.executable, "-m", "mkdocs", "build"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        build_cmd,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cache_dir = tmp_path / ".cache" / "snippet_exec"
    deadline = time.monotonic() + 60
    while len(list(cache_dir.glob("*.json"))) < 3:  # the quick ones are done
        assert time.monotonic() < deadline, "the quick snippets never finished"
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    entries = list(cache_dir.glob("*.json"))
    assert len(entries) == 3  # demo, slow_0, slow_1; nothing for the killed
    for entry in entries:
        assert json.loads(entry.read_text())["chunks"]  # complete JSON
    for n in (2, 3):
        (tmp_path / "snippets" / "ch" / f"slow_{n}.py").write_text(
            SLOW_SNIPPET.format(delay=0, n=n)
        )
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 cached" in done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert all(f"done {n}" in html for n in range(4))


def test_cache_ignores_a_torn_entry(workspace):
    snippet = workspace / "stable.py"
    snippet.write_text("print('ok')\n")
    cache = ResultCache(workspace / ".torn", workspace)
    cache.put(Executor(workspace).run(snippet))
    (entry,) = (workspace / ".torn").glob("*.json")
    entry.write_text(entry.read_text()[:20])  # as if cut off mid-write
    assert cache.get("stable.py") is None
