"""A snippet runs through the engine exactly as ``python file.py`` runs it.

Each case is a kind of script authors really write (from public bug
reports of other build-time execution tools, and from real scripts); each
runs through the real executor and, where the answer is Python's own,
under ``python file.py`` too, and the two are compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from snippet_exec.executor import Executor, Limits


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A repository of its own: snippets under ``snippets/ch/``."""
    root = tmp_path_factory.mktemp("plain").resolve()
    (root / "snippets" / "ch").mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def executor(root) -> Executor:
    return Executor(root, Limits(timeout=30), jobs=2)


def write(root: Path, name: str, source: str | bytes) -> Path:
    path = root / "snippets" / "ch" / name
    if isinstance(source, str):
        source = textwrap.dedent(source).encode("utf-8")
    path.write_bytes(source)
    return path


def plain_python(path: Path, tmp_path: Path) -> str:
    """What ``python file.py`` prints (stdout and stderr, in order)."""
    done = subprocess.run(
        [sys.executable, str(path)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1"},
        timeout=120,
    )
    return done.stdout.decode("utf-8")


# Source encoding (issue 15, case 1) --------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "latin1.py",
            b"# -*- coding: latin-1 -*-\nprint('caf\xe9', len('\xe9'))\n",
        ),
        ("bom.py", b"\xef\xbb\xbfprint('caf\xc3\xa9', len('\xc3\xa9'))\n"),
    ],
)
def test_source_is_decoded_as_python_decodes_it(
    root, executor, tmp_path, name, data
):
    path = write(root, name, data)
    result = executor.run(path)
    assert result.ok, result.error
    assert result.output == "café 1\n" == plain_python(path, tmp_path)


def test_undecodable_source_is_a_located_error(root, executor):
    path = write(root, "bad_bytes.py", b"x = 1\n\nprint('caf\xe9')\n")
    result = executor.run(path)
    assert result.error.kind == "source"
    assert result.location() == "snippets/ch/bad_bytes.py:3"
    assert "not valid utf-8" in result.error.summary
    assert "coding" in result.error.summary  # says how to fix it


def test_unknown_encoding_is_a_located_error(root, executor):
    path = write(root, "bad_cookie.py", b"#!python\n# coding: klingon\n")
    result = executor.run(path)
    assert result.error.kind == "source"
    assert result.location() == "snippets/ch/bad_cookie.py:2"
    assert "klingon" in result.error.summary


# Ending early (issue 15, case 2) -----------------------------------------

EARLY_EXIT = """\
    import sys
    # --8<-- [start:first]
    print("first")
    # --8<-- [end:first]
    sys.exit({code})
    # --8<-- [start:second]
    print("second")
    # --8<-- [end:second]
    """


def test_zero_exit_is_a_normal_end(root, executor, tmp_path):
    path = write(root, "exit_zero.py", EARLY_EXIT.format(code=0))
    result = executor.run(path)
    assert result.ok, result.error
    assert result.output == "first\n" == plain_python(path, tmp_path)
    assert result.select("first")[0] == "first\n"
    assert result.never_ran("first") is None
    assert result.never_ran("second") == (
        "section 'second' never ran: the snippet ended with a zero exit "
        "(sys.exit) at line 5, before the section"
    )


def test_exit_from_inside_a_function_ends_the_same_way(root, executor):
    source = """\
        import sys
        def stop():
            raise SystemExit
        # --8<-- [start:first]
        print("first")
        stop()
        # --8<-- [end:first]
        # --8<-- [start:second]
        print("second")
        # --8<-- [end:second]
        """
    result = executor.run(write(root, "exit_call.py", source))
    assert result.ok and result.output == "first\n"
    assert "(sys.exit) at line 3," in result.never_ran("second")


def test_exit_with_a_message_fails_as_python_does(root, executor, tmp_path):
    path = write(root, "exit_msg.py", EARLY_EXIT.format(code="'no data'"))
    result = executor.run(path)
    assert result.error.kind == "exit"
    assert result.location() == "snippets/ch/exit_msg.py:5"
    assert "exit status 1" in result.error.summary
    # Python prints the message to stderr; so does the engine.
    assert result.output == "first\nno data\n" == plain_python(path, tmp_path)


# Output after the main code (issue 15, case 3) ---------------------------


def test_threads_and_exit_handlers_print_as_under_python(
    root, executor, tmp_path
):
    source = """\
        import atexit
        import threading
        import time

        def late():
            time.sleep(0.5)
            print("from the thread")

        threading.Thread(target=late).start()  # not joined
        atexit.register(print, "from atexit")
        print("main code done")
        """
    path = write(root, "late_output.py", source)
    result = executor.run(path)
    assert result.ok, result.error
    expected = "main code done\nfrom the thread\nfrom atexit\n"
    assert result.output == expected == plain_python(path, tmp_path)


def test_exit_handlers_run_last_first_even_after_sys_exit(
    root, executor, tmp_path
):
    source = """\
        import atexit
        import sys
        import threading

        def after_main():
            threading.main_thread().join()  # until the main code is done
            print("thread: main code done")

        atexit.register(print, "registered first, runs last")
        atexit.register(print, "registered last, runs first")
        threading.Thread(target=after_main).start()
        # --8<-- [start:shown]
        print("shown")
        sys.exit(0)
        # --8<-- [end:shown]
        """
    path = write(root, "exit_handlers.py", source)
    result = executor.run(path)
    assert result.ok, result.error
    assert result.output == plain_python(path, tmp_path)
    assert result.output.splitlines() == [
        "shown",
        "thread: main code done",
        "registered last, runs first",
        "registered first, runs last",
    ]
    # What the end of the process printed belongs to the code that ran last.
    assert result.select("shown")[0] == result.output


def test_the_snippets_own_finalizers_run_at_exit(root, executor, tmp_path):
    source = """\
        import weakref

        class Model:
            pass

        model = Model()
        weakref.finalize(model, print, "finalized at exit")
        print("done")
        """
    path = write(root, "finalizer.py", source)
    result = executor.run(path)
    assert result.output == "done\nfinalized at exit\n"
    assert result.output == plain_python(path, tmp_path)


def test_a_thread_that_never_ends_times_out_at_its_line(root):
    source = """\
        import threading
        import time

        def forever():
            while True:
                time.sleep(0.05)

        threading.Thread(target=forever).start()
        print("main code done")
        """
    path = write(root, "endless_thread.py", source)
    result = Executor(root, Limits(timeout=2)).run(path)
    assert result.error.kind == "timeout"
    assert result.error.lineno in (5, 6)
    assert result.output == "main code done\n"


# Limits guard the page, not toolchains; no run leaves files behind
# (issue 15, case 4) --------------------------------------------------------


@pytest.mark.slow
def test_torch_compile_works_from_an_empty_tmpdir(root, tmp_path, monkeypatch):
    """torch.compile writes a ~150 MB precompiled header on first use: no
    limit may bind it, and the child's TMPDIR is fresh and removed."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    source = """\
        import torch

        def f(x):
            return torch.sin(x) + 1

        print(torch.compile(f)(torch.zeros(3)))
        """
    path = write(root, "compiled.py", source)
    result = Executor(root, Limits(timeout=600)).run(path)
    assert result.ok, f"{result.error}\n{result.output[-3000:]}"
    assert result.output.endswith("tensor([1., 1., 1.])\n")
    assert list(tmp_path.iterdir()) == []  # nothing left in the TMPDIR


def test_big_files_pass_and_temp_files_do_not_outlive_the_run(root, executor):
    source = """\
        import os
        import tempfile
        from pathlib import Path

        scratch = Path(tempfile.gettempdir())
        print("left by an earlier run:", sorted(os.listdir(scratch)))
        (scratch / "leftover.bin").write_bytes(bytes(40 * 2**20))  # 40 MiB
        print("tmpdir:", scratch == Path(os.environ["TMPDIR"]))
        """
    path = write(root, "scratch_files.py", source)
    first, second = executor.run(path), executor.run(path)
    assert first.ok, first.error
    assert first.output == second.output
    assert first.output == "left by an earlier run: ['work']\ntmpdir: True\n"


# A marker that splits a statement (issue 15, case 10) ---------------------


@pytest.mark.parametrize(
    ("source", "marker_line", "statement_line"),
    [
        (
            """\
            x = 1
            # --8<-- [start:check]
            if x > 0:
                print("positive")
            # --8<-- [end:check]
            else:
                print("not positive")
            """,
            5,
            3,
        ),
        (
            """\
            import functools
            # --8<-- [start:cached]
            @functools.cache
            # --8<-- [end:cached]
            def square(n):
                return n * n
            """,
            4,
            3,
        ),
    ],
    ids=["if_else", "decorator"],
)
def test_a_marker_inside_a_statement_is_located_at_the_marker(
    root, executor, source, marker_line, statement_line
):
    result = executor.run(write(root, "split.py", source))
    assert result.error.kind == "sections"
    assert result.location() == f"snippets/ch/split.py:{marker_line}"
    assert (
        f"splits the statement that starts at line {statement_line}"
        in result.error.summary
    )
    assert result.output == ""  # nothing ran


# No build machine's paths (issue 15, case 11) ----------------------------


def test_warnings_tracebacks_and_paths_are_relative(root, executor):
    source = """\
        import tempfile
        import warnings
        from pathlib import Path

        print(Path(__file__))
        print(tempfile.gettempdir())
        warnings.warn("watch out")
        raise ValueError(Path(__file__).parent / "data.csv")
        """
    path = write(root, "where.py", source)
    result = executor.run(path)
    assert result.output.splitlines()[:3] == [
        "snippets/ch/where.py",
        "$TMPDIR",
        "snippets/ch/where.py:7: UserWarning: watch out",
    ]
    assert result.error.summary == "ValueError: snippets/ch/data.csv"
    assert 'File "snippets/ch/where.py", line 8' in result.error.traceback
    everything = result.output + result.error.traceback
    assert str(root) not in everything
    assert "snippet-" not in everything  # the child's temporary folder


# Compiled as python compiles a file (issue 20, item 1) --------------------


def test_no_future_flags_leak_from_the_engine(root, executor, tmp_path):
    source = """\
        def f(x: float) -> int:
            return 0

        print(f.__annotations__)
        """
    path = write(root, "annotations.py", source)
    result = executor.run(path)
    expected = "{'x': <class 'float'>, 'return': <class 'int'>}\n"
    assert result.output == expected == plain_python(path, tmp_path)


def test_undefined_annotation_fails_as_under_python(root, executor):
    source = "print('start')\n\ndef g(x: NotDefinedAnywhere):\n    pass\n"
    result = executor.run(write(root, "bad_annotation.py", source))
    assert result.error.summary == (
        "NameError: name 'NotDefinedAnywhere' is not defined"
    )
    assert result.location() == "snippets/ch/bad_annotation.py:3"


def test_the_snippets_own_future_import_covers_every_section(
    root, executor, tmp_path
):
    source = """\
        from __future__ import annotations
        # --8<-- [start:later]
        def g(x: NotDefinedAnywhere):
            pass

        print(g.__annotations__)
        # --8<-- [end:later]
        """
    path = write(root, "own_future.py", source)
    result = executor.run(path)
    assert result.ok, result.error
    assert result.output == "{'x': 'NotDefinedAnywhere'}\n"
    assert result.output == plain_python(path, tmp_path)


# The memory limit counts from the snippet's start (issue 20, item 3) -----

BIG_ARRAY = """\
    import numpy as np

    block = np.empty(int({gib} * 2**30), dtype=np.uint8)  # not touched
    print(f"{{block.nbytes / 2**30:.2f}} GiB")
    """


def test_an_allocation_that_fits_the_limit_works(root):
    path = write(root, "fits.py", BIG_ARRAY.format(gib=3.5))
    result = Executor(root, Limits(timeout=30, memory_mb=4096)).run(path)
    assert result.ok, result.error
    assert result.output == "3.50 GiB\n"


def test_an_allocation_past_the_limit_names_memory_mb(root):
    path = write(root, "too_big.py", BIG_ARRAY.format(gib=1.5))
    result = Executor(root, Limits(timeout=30, memory_mb=1024)).run(path)
    assert result.error.kind == "exception"
    assert result.location() == "snippets/ch/too_big.py:3"
    assert "Unable to allocate 1.50 GiB" in result.error.summary
    assert "memory_mb = 1024 MiB" in result.error.summary
    assert "raise memory_mb" in result.error.summary
    assert "mkdocs.yml" in result.error.summary


# Matplotlib as python sees it (issue 20, item 5) -------------------------


def test_matplotlib_settings_are_the_defaults(root, executor, tmp_path):
    source = """\
        import matplotlib
        import matplotlib.pyplot as plt

        # --8<-- [start:plot]
        plt.plot([1, 2])
        # --8<-- [end:plot]
        print(matplotlib.get_backend().lower())
        for key in ("backend_fallback", "svg.hashsalt", "svg.fonttype"):
            print(key, plt.rcParams[key])
        """
    path = write(root, "rc.py", source)
    result = executor.run(path)
    assert result.ok, result.error
    assert len(result.select("plot")[1]) == 1  # the figure was still saved
    assert result.output == plain_python(path, tmp_path)
    assert "backend_fallback True\nsvg.hashsalt None\n" in result.output
