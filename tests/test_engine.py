"""The executor, cache and include parser, on small snippets made here."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from snippet_exec.cache import ResultCache
from snippet_exec.directive import DirectiveError, find_includes
from snippet_exec.executor import Executor, Limits
from snippet_exec.render import clean_output, output_html
from snippet_exec.sections import SectionError, split_chunks


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("engine")


@pytest.fixture(scope="module")
def run(workspace):
    executor = Executor(workspace, Limits(timeout=5), jobs=2)

    def run_source(name: str, source: str):
        path = workspace / name
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return executor.run(path)

    return run_source


def test_captures_print_stderr_and_raw_writes_in_order(run):
    result = run(
        "streams.py",
        """
        import os, sys
        print("one")
        print("two", file=sys.stderr)
        os.write(1, b"three\\n")
        """,
    )
    assert result.ok, result.error
    assert result.output == "one\ntwo\nthree\n"


def test_sections_get_their_own_output_and_figures(run):
    result = run(
        "sections.py",
        """
        import matplotlib.pyplot as plt
        print("setup")
        # --8<-- [start:first]
        print("in first")
        # --8<-- [end:first]
        # --8<-- [start:plot]
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0])
        plt.show()
        print("in plot")
        # --8<-- [end:plot]
        """,
    )
    assert result.ok, result.error
    assert result.select("first") == ("in first\n", [])
    output, figures = result.select("plot")
    assert output == "in plot\n"
    assert len(figures) == 1 and figures[0].format == "svg"
    light = result.blobs.read(figures[0].light)
    assert light.lstrip().startswith(b"<?xml")
    assert result.select(None)[0] == "setup\nin first\nin plot\n"


def test_figures_are_byte_identical_between_runs(run):
    source = """
        import matplotlib.pyplot as plt
        plt.plot([1, 3, 2])
        """
    first = run("fig_a.py", source).select(None)[1]
    second = run("fig_a.py", source).select(None)[1]
    assert first == second and len(first) == 1


def test_exception_names_snippet_line(run):
    result = run(
        "boom.py", "x = 1\nprint('before')\nraise ValueError('bad')\n"
    )
    assert not result.ok
    assert result.location().endswith("boom.py:3")
    assert result.error.summary == "ValueError: bad"
    assert "before" in result.output


def test_syntax_error_names_line(run):
    result = run("syntax.py", "print('fine')\nif True\n    pass\n")
    assert result.error.kind == "syntax"
    assert result.location().endswith("syntax.py:2")


def test_sys_exit_nonzero_fails(run):
    result = run("exit.py", "import sys\nsys.exit(3)\n")
    assert result.error.kind == "exit" and result.error.lineno == 2


def test_timeout_kills_and_names_line(workspace):
    path = workspace / "forever.py"
    path.write_text("import time\nwhile True:\n    time.sleep(0.05)\n")
    result = Executor(workspace, Limits(timeout=1)).run(path)
    assert result.error.kind == "timeout"
    assert result.error.lineno in (2, 3)


def test_input_fails_at_once(run):
    result = run("ask.py", "name = input('name? ')\n")
    assert result.error.summary.startswith("EOFError")


def test_network_is_refused_but_loopback_is_not(run):
    result = run(
        "net.py",
        """
        import socket
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        socket.create_connection(server.getsockname(), timeout=1).close()
        print("loopback ok")
        socket.create_connection(("example.org", 80), timeout=1)
        """,
    )
    assert "loopback ok" in result.output
    assert "snippets run offline" in result.error.summary


def test_working_directory_is_a_scratch_folder(run, workspace):
    result = run("writes.py", "open('left_behind.txt', 'w').write('x')\n")
    assert result.ok
    assert not (workspace / "left_behind.txt").exists()


def test_cache_stores_success_and_tracks_local_files(workspace):
    helper = workspace / "helper_mod.py"
    helper.write_text("VALUE = 1\n")
    snippet = workspace / "uses_helper.py"
    snippet.write_text("from helper_mod import VALUE\nprint(VALUE)\n")
    executor = Executor(workspace)
    cache = ResultCache(workspace / ".cache", workspace)
    result = executor.run(snippet)
    cache.put(result)
    hit = cache.get("uses_helper.py")
    assert hit is not None and hit.cached and hit.output == "1\n"
    helper.write_text("VALUE = 2\n")
    assert cache.get("uses_helper.py") is None


def test_failed_runs_are_never_cached(workspace):
    snippet = workspace / "fails_once.py"
    snippet.write_text("raise RuntimeError('no')\n")
    cache = ResultCache(workspace / ".cache-fail", workspace)
    cache.put(Executor(workspace).run(snippet))
    assert cache.get("fails_once.py") is None
    assert not list((workspace / ".cache-fail").glob("*"))


def test_directive_parsing():
    page = textwrap.dedent(
        """
        --8<-- "a/b.py:train" { exec alt="first figure" alt="second" }

        ```
        --8<-- "a/shown_not_run.py" { exec }
        ```
            --8<-- "a/c.py" { exec title="c" }
        """
    )
    first, second = find_includes(page, "p.md")
    assert (first.path, first.section, first.alts) == (
        "a/b.py",
        "train",
        ("first figure", "second"),
    )
    assert first.where == "p.md:2"
    assert (second.path, second.title, second.indent) == (
        "a/c.py",
        "c",
        "    ",
    )
    with pytest.raises(DirectiveError, match="p.md:1: unknown option"):
        find_includes('--8<-- "x.py" { exec colour="red" }', "p.md")


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        ("# --8<-- [end:a]\n", "never starts", 1),
        ("x = 1\n# --8<-- [start:a]\nprint(x)\n", "never closed", 2),
        ("if True:\n    # --8<-- [start:a]\n    pass\n", "indented", 2),
    ],
)
def test_bad_section_markers(source, message, line):
    with pytest.raises(SectionError, match=message) as info:
        split_chunks(source)
    assert info.value.lineno == line


def test_output_is_cleaned_and_escaped():
    assert clean_output("\x1b[31mred\x1b[0m\n10%\r100%\n") == "red\n100%"
    assert "&lt;script&gt;" in output_html("<script>alert(1)</script>")
    assert "output cut" in clean_output("x" * 50, limit=10)
