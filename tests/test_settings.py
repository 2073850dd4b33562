"""One precedence for every setting, honoured by every consumer.

Built-in defaults < mkdocs.yml < the environment < the snippet's own marker
comments (issue 21, item 3); ``# shard: alone`` runs a snippet by itself
with every core (issue 20, item 4).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from snippet_exec import render, settings
from snippet_exec.executor import Executor, Limits
from snippet_exec.settings import (
    DEFAULTS,
    Markers,
    SettingsError,
    parse_markers,
)
from tests.conftest import ROOT

MKDOCS_YML = """\
site_name: settings test
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - snippet-exec:
      timeout: !ENV [ZZ_TEST_TIMEOUT, 40]
      memory_mb: 2048
      jobs: 3
"""


def test_defaults_then_mkdocs_yml_then_environment(tmp_path, monkeypatch):
    assert settings.load(tmp_path, environ={}) == DEFAULTS
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    monkeypatch.delenv("ZZ_TEST_TIMEOUT", raising=False)
    loaded = settings.load(tmp_path, environ={})
    assert (loaded.timeout, loaded.memory_mb, loaded.jobs) == (40, 2048, 3)
    assert loaded.execute is True
    monkeypatch.setenv("ZZ_TEST_TIMEOUT", "55")  # mkdocs.yml's own !ENV
    assert settings.load(tmp_path, environ={}).timeout == 55
    environ = {"SNIPPET_TIMEOUT": "200", "SNIPPET_EXEC": "false"}
    loaded = settings.load(tmp_path, environ=environ)
    assert (loaded.timeout, loaded.execute) == (200, False)


def test_the_repositorys_own_settings_read_without_mkdocs():
    loaded = settings.load(ROOT, environ={})
    assert loaded.timeout == 120 and loaded.execute is True


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"SNIPPET_TIMEOUT": "soon"}, "SNIPPET_TIMEOUT: timeout must be"),
        ({"SNIPPET_TIMEOUT": "0"}, "seconds > 0"),
        ({"SNIPPET_EXEC": "maybe"}, "SNIPPET_EXEC: execute must be true"),
    ],
)
def test_bad_values_are_named(environ, message):
    with pytest.raises(SettingsError, match=message):
        settings.resolve({}, environ)


def test_markers_at_column_zero():
    source = textwrap.dedent(
        """\
        \"\"\"Docstring.\"\"\"
        # timeout: 300
        # shard: alone
        # nondeterministic: prints timings
            # timeout: 5  (indented: an ordinary comment)
        """
    )
    assert parse_markers(source) == Markers(300.0, True, "prints timings")
    assert parse_markers("x = 1  # timeout: 5\n") == Markers()


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("x = 1\n# timeout: soon\n", 2, "number of seconds"),
        ("# shard: gpu\n", 1, "not known"),
        ("# timeout: 5\n# timeout: 6\n", 2, "given twice"),
        ("# nondeterministic:\n", 1, "needs a reason"),
    ],
)
def test_bad_markers_are_located(source, line, message):
    with pytest.raises(SettingsError, match=message) as info:
        parse_markers(source)
    assert info.value.lineno == line


def write(root: Path, name: str, source: str) -> Path:
    path = root / "snippets" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_the_snippets_timeout_marker_wins(tmp_path):
    short = write(tmp_path, "short.py", "# timeout: 1\nimport time\n")
    with short.open("a") as handle:
        handle.write("time.sleep(3)\n")
    long = write(tmp_path, "long.py", "# timeout: 10\nimport time\n")
    with long.open("a") as handle:
        handle.write("time.sleep(2)\nprint('done')\n")
    executor = Executor(tmp_path, Limits(timeout=1.5))
    failed = executor.run(short)
    assert failed.error.kind == "timeout"
    assert failed.error.summary == "timed out after 1 s and was stopped"
    assert failed.location() == "snippets/short.py:3"
    assert executor.run(long).output == "done\n"  # past the global 1.5 s
    assert executor.limits_for(long).timeout == 10


def test_a_bad_marker_fails_the_snippet_at_its_line(tmp_path):
    path = write(tmp_path, "bad.py", "print('x')\n# shard: everywhere\n")
    result = Executor(tmp_path).run(path)
    assert result.error.kind == "settings"
    assert result.location() == "snippets/bad.py:2"


THREADS = """\
    {marker}
    import time
    import torch

    start = time.monotonic()
    time.sleep(0.5)
    print(torch.get_num_threads(), start, time.monotonic())
    """


def test_alone_snippets_run_by_themselves_with_every_core(tmp_path):
    cores = len(os.sched_getaffinity(0))
    paths = [
        write(tmp_path, f"shared_{n}.py", THREADS.format(marker=""))
        for n in range(3)
    ]
    paths.insert(
        1, write(tmp_path, "alone.py", THREADS.format(marker="# shard: alone"))
    )
    results = Executor(tmp_path, jobs=2).run_many(paths)
    spans = {}
    for path, result in zip(paths, results, strict=True):
        assert result.ok, result.error
        threads, start, end = result.output.split()
        spans[path.stem] = (float(start), float(end))
        expected = cores if path.stem == "alone" else max(1, cores // 2)
        assert int(threads) == expected, path.stem
        assert result.env["threads"] == str(expected)
    alone = spans.pop("alone")
    for start, end in spans.values():  # no other run overlaps it
        assert end <= alone[0] or start >= alone[1]


def test_provenance_line_names_the_thread_counts():
    envs = [
        {
            "python": "3.11.7",
            "torch": "2.13.0",
            "device": "CPU (4 cores)",
            "threads": "1",
        },
        {
            "python": "3.11.7",
            "torch": "2.13.0",
            "device": "CPU (4 cores)",
            "threads": "4",
        },
    ]
    line = render.provenance_html(render.page_env(envs), 2, 1.0, {})
    assert "CPU (4 cores), 1 or 4 threads per snippet" in line
    line = render.provenance_html(render.page_env(envs[:1]), 1, 1.0, {})
    assert "CPU (4 cores), 1 thread per snippet" in line


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "snippet_exec", "run", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "SNIPPET_TIMEOUT": ""},
        timeout=300,
    )


def test_cli_honours_mkdocs_yml_and_the_marker(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - snippet-exec:\n      timeout: 1\n"
    )
    write(tmp_path, "slow.py", "import time\ntime.sleep(3)\n")
    done = cli(tmp_path, "snippets/slow.py")
    assert done.returncode == 1
    assert "snippets/slow.py:2: timed out after 1 s" in done.stderr
    write(tmp_path, "slow.py", "# timeout: 20\nimport time\ntime.sleep(3)\n")
    done = cli(tmp_path, "snippets/slow.py")
    assert done.returncode == 0, done.stderr


def test_cli_keeps_its_own_lines_on_lines_of_their_own(tmp_path):
    write(
        tmp_path,
        "glued.py",
        """\
        import matplotlib.pyplot as plt

        plt.plot([1, 2])
        print("no newline at the end", end="")
        """,
    )
    write(tmp_path, "plain.py", 'print("done", end="")\n')
    done = cli(tmp_path, "snippets/glued.py")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "no newline at the end"
    assert lines[1].startswith("figure: ")
    assert lines[1].endswith(".svg)")  # "(dark theme: <file>.svg)"
    assert lines[2].startswith("snippets/glued.py: ran")
    done = cli(tmp_path, "snippets/plain.py")
    assert done.stdout.splitlines()[:2][0] == "done"
    assert done.stdout.splitlines()[1].startswith("snippets/plain.py: ran")
