"""``fold="..."`` collapses an include's code; its output and figures stay.

Drawing code often outweighs the idea a figure shows: the reader sees the
figure and opens the code only when they want it.
"""

from __future__ import annotations

import re

import pytest

from snippet_exec.directive import find_includes
from tests.test_build_failures import build, make_site

pytestmark = pytest.mark.slow

SNIPPET = """\
import matplotlib.pyplot as plt

print("drawn")
plt.plot([1, 3, 2])
"""
PAGE = """\
# Page

--8<-- "ch/demo.py" { exec fold="How the figure is drawn" alt="A zigzag line" }
"""


def test_fold_is_parsed_with_the_other_options():
    (include,) = find_includes(PAGE, "index.md")
    assert include.fold == "How the figure is drawn"
    assert include.alts == ("A zigzag line",)


def test_folded_code_sits_in_details_and_the_figure_outside(tmp_path):
    make_site(tmp_path, SNIPPET, PAGE)
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    details = re.search(r"<details.*?</details>", html, re.S)
    assert details, "no collapsed block"
    assert "How the figure is drawn" in details[0]
    assert "plt" in details[0], "the code is not inside the fold"
    after = html[details.end() :]
    assert "drawn</code></pre>" in after
    assert 'alt="A zigzag line"' in after
