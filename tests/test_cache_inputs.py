"""A cached result is served only while everything it depended on holds.

Besides the files a snippet read, that is the folders it listed, the paths
it tested and the environment variables it read (issue 15, cases 7 and 8),
and the limits that apply now (a result a fresh run could not produce is
not served; issue 21, item 3). Each case runs a real snippet through the
executor, stores it, changes one thing and asks the cache again.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest

from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, Limits


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path.resolve()
    (root / "snippets" / "ch").mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def executor_for():
    executors = {}

    def get(root: Path) -> Executor:
        if root not in executors:
            executors[root] = Executor(root, Limits(timeout=30), jobs=2)
        return executors[root]

    return get


def cached_run(executor: Executor, cache: ResultCache, rel: str):
    """The cache's answer, running (and storing) the snippet if needed.

    The test's edits are dated a second back first: the cache does not
    store a run whose inputs were modified as it started (the run may
    have seen either version), and here the edit comes just before.
    """
    past = time.time() - 1
    for path in [
        cache.root / "snippets",
        *(cache.root / "snippets").rglob("*"),
    ]:
        os.utime(path, (past, past))
    return cache.run_missing(executor, [rel])[rel]


def make(repo: Path, name: str, source: str) -> str:
    path = repo / "snippets" / "ch" / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path.relative_to(repo).as_posix()


LISTING = """\
    from pathlib import Path

    here = Path(__file__).parent
    print([p.name for p in sorted(here.glob("*.csv"))])
    print((here / "extra.txt").exists())
    """


def test_a_new_file_in_a_listed_folder_reruns(repo, executor_for):
    rel = make(repo, "listing.py", LISTING)
    (repo / "snippets" / "ch" / "a.csv").write_text("1\n")
    cache = ResultCache(repo / ".cache", repo)
    executor = executor_for(repo)
    assert cached_run(executor, cache, rel).output == "['a.csv']\nFalse\n"
    assert cache.get(rel) is not None
    (repo / "snippets" / "ch" / "b.csv").write_text("2\n")
    assert cache.get(rel) is None
    rerun = cached_run(executor, cache, rel)
    assert not rerun.cached and rerun.output == "['a.csv', 'b.csv']\nFalse\n"
    (repo / "snippets" / "ch" / "extra.txt").write_text("x\n")
    assert cache.get(rel) is None  # the existence answer changed
    assert cached_run(executor, cache, rel).output.endswith("True\n")


def test_walks_and_tests_of_other_folders_are_inputs(repo, executor_for):
    rel = make(
        repo,
        "walk.py",
        """\
        import os
        from pathlib import Path

        data = Path(__file__).parent / "data"
        for folder, _, names in sorted(os.walk(data)):
            print(Path(folder).name, sorted(names))
        print(os.path.isdir(data / "images"))
        """,
    )
    data = repo / "snippets" / "ch" / "data"
    (data / "train").mkdir(parents=True)
    (data / "train" / "x.npy").write_bytes(b"0")
    cache = ResultCache(repo / ".cache", repo)
    executor = executor_for(repo)
    first = cached_run(executor, cache, rel)
    assert first.output == "data []\ntrain ['x.npy']\nFalse\n", first.error
    (data / "train" / "y.npy").write_bytes(b"1")  # deeper in the walk
    assert cache.get(rel) is None
    cached_run(executor, cache, rel)
    (data / "images").mkdir()  # a tested path now exists
    assert cache.get(rel) is None
    assert cached_run(executor, cache, rel).output.endswith("True\n")
    # A file the snippet never looked at changes nothing.
    (repo / "snippets" / "ch" / "unrelated.txt").write_text("x\n")
    assert cache.get(rel) is not None


def test_an_environment_variable_read_is_an_input(
    repo, executor_for, monkeypatch
):
    rel = make(
        repo,
        "epochs.py",
        'import os\nprint(os.environ.get("ZZ_EPOCHS", "3"))\n',
    )
    monkeypatch.delenv("ZZ_EPOCHS", raising=False)
    cache = ResultCache(repo / ".cache", repo)
    executor = executor_for(repo)
    assert cached_run(executor, cache, rel).output == "3\n"
    monkeypatch.setenv("ZZ_EPOCHS", "5")
    assert cache.get(rel) is None
    assert cached_run(executor, cache, rel).output == "5\n"
    assert cache.get(rel) is not None
    monkeypatch.setenv("ZZ_UNRELATED", "1")  # never read: no re-run
    assert cache.get(rel) is not None
    stored = "".join(p.read_text() for p in (repo / ".cache").glob("*.json"))
    assert '"ZZ_EPOCHS"' in stored and '"5"' not in stored  # a hash only


def test_tests_and_getenv_count_but_the_snippets_own_variables_do_not(
    repo, executor_for, monkeypatch
):
    rel = make(
        repo,
        "flags.py",
        """\
        import os

        os.environ["ZZ_MINE"] = "set here"
        print(os.environ["ZZ_MINE"], "ZZ_FAST" in os.environ)
        print(os.getenv("ZZ_NAME", "anonymous"))
        for_a_subprocess = {**os.environ, "OMP_NUM_THREADS": "1"}
        """,
    )
    for name in ("ZZ_MINE", "ZZ_FAST", "ZZ_NAME"):
        monkeypatch.delenv(name, raising=False)
    cache = ResultCache(repo / ".cache", repo)
    executor = executor_for(repo)
    assert cached_run(executor, cache, rel).output == (
        "set here False\nanonymous\n"
    )
    monkeypatch.setenv("ZZ_MINE", "from outside")  # overwritten anyway
    assert cache.get(rel) is not None
    # A whole copy to pass on is not a read of every variable.
    monkeypatch.setenv("ZZ_ONLY_COPIED", "1")
    assert cache.get(rel) is not None
    monkeypatch.setenv("ZZ_FAST", "")
    assert cache.get(rel) is None
    assert cached_run(executor, cache, rel).output.startswith("set here True")
    monkeypatch.setenv("ZZ_NAME", "ada")
    assert cached_run(executor, cache, rel).output.endswith("ada\n")


def test_a_result_slower_than_the_timeout_now_is_not_served(
    repo, executor_for
):
    rel = make(repo, "slow.py", "import time\ntime.sleep(1.5)\nprint('ok')\n")
    cache = ResultCache(repo / ".cache", repo)
    result = cached_run(executor_for(repo), cache, rel)
    assert result.ok and result.duration > 1.5
    assert cache.get(rel, Limits(timeout=30)) is not None
    assert cache.get(rel, Limits(timeout=1)) is None
    # ...and a fresh run under that timeout fails, as the stale one would.
    fresh = Executor(repo, Limits(timeout=1)).run(repo / rel)
    assert fresh.error.kind == "timeout"


def test_a_result_that_used_more_memory_than_allowed_now_is_not_served(
    repo, executor_for
):
    rel = make(
        repo,
        "hungry.py",
        "import numpy as np\nblock = np.ones(300 * 2**20, np.uint8)\n",
    )
    cache = ResultCache(repo / ".cache", repo)
    result = cached_run(executor_for(repo), cache, rel)
    assert result.ok and result.memory_mb >= 300
    assert cache.get(rel, Limits(memory_mb=4096)) is not None
    assert cache.get(rel, Limits(memory_mb=200)) is None
