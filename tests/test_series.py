"""The home page's series table is made from the nav and the chapters.

A new chapter appears by being in the nav, with the title the nav gives
it, the ``description`` of its front matter and its reading time; one
without a description fails the strict build.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

COPIED = ["docs", "snippets", "includes", "hooks", "overrides", "bench"]
COPIED.append("mkdocs.yml")
CHAPTER = """\
---
description: Warm-up, cosine decay and other learning-rate schedules
---

# 13. Learning Rate Schedules

A fixed learning rate is a compromise between early and late training.
"""


def build_copy(tmp_path, chapter: str) -> subprocess.CompletedProcess:
    """A copy of the site with chapter 13 added to the nav, built
    strictly without running snippets."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "docs" / "13-lr-schedules.md").write_text(chapter)
    config = tmp_path / "mkdocs.yml"
    text = config.read_text()
    last = re.search(r"^( +)- \"?12\..*$", text, re.M)
    entry = f"\n{last[1]}- 13. Learning Rate Schedules: 13-lr-schedules.md"
    config.write_text(text[: last.end()] + entry + text[last.end() :])
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "SNIPPET_EXEC": "false"},
    )


def test_a_chapter_in_the_nav_gets_its_row(tmp_path):
    done = build_copy(tmp_path, CHAPTER)
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    table = index[index.index("<table") : index.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == 13
    last = re.sub(r"<[^>]+>", "|", rows[-1])
    cells = [c.strip() for c in last.split("|") if c.strip()]
    assert cells[:3] == [
        "13",
        "Learning Rate Schedules",
        "Warm-up, cosine decay and other learning-rate schedules",
    ]
    assert re.fullmatch(r"\d+ min", cells[3])
    assert 'href="13-lr-schedules/"' in rows[-1]


def test_a_chapter_without_a_description_fails_the_build(tmp_path):
    done = build_copy(tmp_path, CHAPTER.split("---\n\n", 1)[1])
    assert done.returncode != 0
    assert "docs/13-lr-schedules.md has no 'description:'" in done.stderr
