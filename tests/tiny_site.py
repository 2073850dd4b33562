"""A tiny site of a few snippets in a temporary folder, for tests that
run shards, merge caches or diff outputs without touching the real site
or its cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

MKDOCS_YML = """\
site_name: tiny
theme: {name: material, font: false}
plugins:
  - snippet-exec:
      timeout: 60
markdown_extensions:
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [snippets]
      check_paths: true
"""

SNIPPETS = {
    "count.py": "print('count', sum(range(10)))\n",
    "words.py": "print(' '.join(['tiny', 'site']))\n",
    "square.py": "for i in range(4):\n    print(i, i * i)\n",
    "curve.py": """\
        import matplotlib.pyplot as plt

        plt.plot([0, 1, 2], [0, 1, 4], color="tab:blue")
        print("drawn")
    """,
    "alone.py": "# shard: alone\nprint('alone')\n",
}

PAGES = {
    "index.md": """\
        # Tiny

        --8<-- "ch/count.py" { exec }

        --8<-- "ch/words.py" { exec }
    """,
    "more.md": """\
        # More

        --8<-- "ch/square.py" { exec }

        --8<-- "ch/curve.py" { exec alt="A parabola through three points" }

        --8<-- "ch/alone.py" { exec }
    """,
}


def make_tiny_site(root: Path) -> Path:
    """Write the tiny site into ``root``; return ``root``."""
    (root / "docs").mkdir(parents=True)
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    for name, text in SNIPPETS.items():
        (root / "snippets" / "ch" / name).write_text(textwrap.dedent(text))
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(textwrap.dedent(text))
    return root


def engine(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m snippet_exec ARGS`` in ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "snippet_exec", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def build(
    root: Path, out: Path, timeout: float = 300
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the site in ``root`` into ``out``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=timeout,
    )
