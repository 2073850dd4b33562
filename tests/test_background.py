"""Runs that outlive a build (``mkdocs serve``), and the cache they feed.

The background runs use the real executor on a small root of their own;
the cache tests store real result objects, then change the files under
them as an author would while a run is going.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from snippet_exec.background import BackgroundRuns
from snippet_exec.cache import ResultCache
from snippet_exec.executor import ChunkResult, Executor, Limits, RunResult
from snippet_exec.report import progress_line, slowest_line

pytestmark = pytest.mark.slow


def result_for(rel: str, reads: list[Path], duration: float = 0.5):
    return RunResult(rel, [ChunkResult(1, [], "ok\n")], duration, reads)


def test_a_snippet_edited_during_its_run_is_not_stored(tmp_path):
    (tmp_path / "a.py").write_text("print('ok')\n")
    cache = ResultCache(tmp_path / "cache", tmp_path)
    key = cache.key("a.py")  # taken before the run, as run_missing does
    (tmp_path / "a.py").write_text("print('edited')\n")
    assert not cache.put(result_for("a.py", []), key, time.time())
    assert cache.get("a.py") is None  # the edit is not served old output


def test_a_file_rewritten_during_the_run_is_not_stored(tmp_path):
    (tmp_path / "a.py").write_text("print(open('data.csv').read())\n")
    data = tmp_path / "data.csv"
    data.write_text("1\n")
    cache = ResultCache(tmp_path / "cache", tmp_path)
    key, started = cache.key("a.py"), time.time() + 5  # the file is older
    assert cache.put(result_for("a.py", [str(data)]), key, started)
    assert cache.get("a.py").reads == [str(data)]  # kept, to be watched
    started = time.time() - 5  # the run began before the rewrite
    data.write_text("2\n")
    other = ResultCache(tmp_path / "other", tmp_path)
    assert not other.put(result_for("a.py", [str(data)]), key, started)


def test_progress_and_slowest_lines_name_the_snippets():
    fast, slow = result_for("s/a.py", [], 0.25), result_for("s/b.py", [], 9)
    assert progress_line(fast) == "snippet-exec: s/a.py ran, 0.2 s"
    assert slowest_line([fast, slow], count=1) == (
        "snippet-exec: slowest: s/b.py 9.0 s"
    )
    assert slowest_line([]) == ""


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("background").resolve()


@pytest.fixture(scope="module")
def executor(root: Path) -> Executor:
    return Executor(root, Limits(timeout=30), jobs=2)


class Runs:
    """``BackgroundRuns`` with a way to wait for the next run's end."""

    def __init__(self, grace: float = 0.0) -> None:
        self.ended: list[RunResult] = []
        self._event = threading.Event()
        self.runs = BackgroundRuns(self._done, grace)

    def _done(self, result: RunResult) -> None:
        self.ended.append(result)
        self._event.set()

    def wait(self) -> RunResult:
        assert self._event.wait(120), "no background run ended"
        self._event.clear()
        return self.ended[-1]


def test_a_failure_is_kept_until_the_snippet_or_its_data_changes(
    root: Path, executor: Executor
):
    counter = root.parent / "runs.txt"  # outside the root: writable
    data = root / "limit.txt"
    data.write_text("3\n")
    (root / "fail.py").write_text(
        f"with open({str(counter)!r}, 'a') as out:\n"
        "    out.write('run\\n')\n"
        "limit = int(open('" + str(data) + "').read())\n"
        "raise ValueError(f'too small: {limit}')\n"
    )
    cache = ResultCache(root / "cache", root)
    runs = Runs()
    results, running = runs.runs.collect(cache, executor, ["fail.py"])
    assert (results, list(running)) == ({}, ["fail.py"])
    ended = runs.wait()
    assert ended.error.summary == "ValueError: too small: 3"
    # A rebuild with nothing edited: the same failure, no second run.
    results, running = runs.runs.collect(cache, executor, ["fail.py"])
    assert results["fail.py"].error.summary == "ValueError: too small: 3"
    assert running == {} and counter.read_text() == "run\n"
    # The data it read changes: it runs again.
    data.write_text("4\n")
    results, running = runs.runs.collect(cache, executor, ["fail.py"])
    assert list(running) == ["fail.py"]
    assert runs.wait().error.summary == "ValueError: too small: 4"
    assert counter.read_text() == "run\nrun\n"


def write_waiting(path: Path, says: str) -> Path:
    """A snippet at ``path`` that prints ``says`` once the file this
    returns exists (the test creates it to let the run end)."""
    go = path.parent.parent / f"go-{path.stem}"
    path.write_text(
        "import os, time\n"
        f"while not os.path.exists({str(go)!r}):\n"
        "    time.sleep(0.05)\n"
        f"print({says!r})\n"
    )
    return go


def test_a_run_still_going_is_not_started_twice(
    root: Path, executor: Executor
):
    go = write_waiting(root / "slow.py", "done")
    cache = ResultCache(root / "cache", root)
    runs = Runs()
    _, first = runs.runs.collect(cache, executor, ["slow.py"])
    _, again = runs.runs.collect(cache, executor, ["slow.py"])
    assert first == again and runs.runs.running() == 1
    go.write_text("")
    assert runs.wait().output == "done\n"
    results, running = runs.runs.collect(cache, executor, ["slow.py"])
    assert running == {} and results["slow.py"].cached  # from the cache


def test_a_run_ending_within_the_grace_shows_in_the_same_rebuild(
    root: Path, executor: Executor
):
    (root / "quick.py").write_text("print('quick')\n")
    cache = ResultCache(root / "cache", root)
    runs = Runs(grace=120)  # far more than it takes, on any machine
    results, running = runs.runs.collect(cache, executor, ["quick.py"])
    assert running == {} and results["quick.py"].output == "quick\n"
    assert not results["quick.py"].cached  # it ran for this rebuild
    assert runs.ended == []  # handed over: no second rebuild asked for


def test_a_run_outlasting_the_grace_is_left_running(
    root: Path, executor: Executor
):
    go = write_waiting(root / "waits.py", "went")
    cache = ResultCache(root / "cache", root)
    runs = Runs(grace=0.2)
    results, running = runs.runs.collect(cache, executor, ["waits.py"])
    assert results == {} and list(running) == ["waits.py"]
    go.write_text("")
    assert runs.wait().output == "went\n"  # its end asks for a rebuild
