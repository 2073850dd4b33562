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


SECTIONED = """\
import math

# --8<-- [start:first]
x = math.sqrt(16)
print(x)
# --8<-- [end:first]
y = x + 1
# --8<-- [start:second]
print(y)
# --8<-- [end:second]
assert y == 5.0
"""
TWO_SECTIONS = """\
# Page

--8<-- "ch/demo.py:first" { exec }

--8<-- "ch/demo.py:second" { exec }
"""


def test_hidden_set_up_is_offered_folded_above_its_section(tmp_path):
    make_site(tmp_path, SECTIONED, TWO_SECTIONS)
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    folds = re.findall(r"<details.*?</details>", html, re.S)
    assert len(folds) == 2, "one set-up block per section with hidden code"
    first, second = folds
    assert "line 1 of the file" in first and "math" in first
    assert "lines 7" not in first and "sqrt" not in first
    assert "line 7 of the file" in second and "+" in second
    # The checks after the last section are never offered.
    assert "assert" not in html


def test_a_set_up_of_only_docstring_and_comments_is_not_offered(tmp_path):
    snippet = '"""What this shows."""\n\n# a note\n' + SECTIONED.split(
        "\n", 2
    )[2].replace("math.sqrt(16)", "4.0")
    make_site(tmp_path, snippet, TWO_SECTIONS)
    done = build(tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    folds = re.findall(r"<details.*?</details>", html, re.S)
    assert len(folds) == 1 and "(line 8 of the file)" in folds[0]
