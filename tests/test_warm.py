"""The warm parent pays first-call costs without changing what a snippet
sees: its output equals ``python file.py``'s where the warm-up touched
state (torch's default random stream, figure numbers, rcParams), and a
child starts with the warm-up's modules already loaded."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from snippet_exec.executor import Executor, Limits

SOURCE = """\
import matplotlib.pyplot as plt
import torch

# Nothing drew from torch's default stream before the first line: the
# first draw equals a fresh generator's with the same seed.
seed = torch.initial_seed()
first = torch.randn(3)
fresh = torch.randn(3, generator=torch.Generator().manual_seed(seed))
print(torch.equal(first, fresh))
print(plt.figure().number, plt.rcParams["lines.linewidth"])
"""


def test_warm_up_changes_nothing_a_snippet_sees(tmp_path: Path):
    root = tmp_path / "repo"
    (root / "snippets").mkdir(parents=True)
    path = root / "snippets" / "unseeded.py"
    path.write_text(textwrap.dedent(SOURCE))
    result = Executor(root, Limits(timeout=60), jobs=1).run(path)
    assert result.ok, result.error
    done = subprocess.run(
        [sys.executable, str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
        timeout=120,
        check=True,
    )
    assert result.output == done.stdout


def test_a_child_starts_with_the_warm_up_done(tmp_path: Path):
    """In a process of its own: the forkserver is one per process, and an
    earlier test's may have started without the warm-up."""
    root = tmp_path / "repo"
    (root / "snippets").mkdir(parents=True)
    path = root / "snippets" / "loaded.py"
    path.write_text(
        "import sys\n"
        "print('torch._dynamo' in sys.modules)\n"
        "print('snippet_exec.warm' in sys.modules)\n"
    )
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from snippet_exec.executor import Executor, Limits\n"
        "root, path = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "result = Executor(root, Limits(timeout=60), jobs=1).run(path)\n"
        "assert result.ok, result.error\n"
        "print(result.output, end='')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(root), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "True\nTrue\n"
