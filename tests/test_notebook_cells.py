"""Which code of a snippet becomes notebook cells.

A reader's notebook holds what the page shows plus the hidden set-up the
shown code needs, never the checks that follow a file's last section.
"""

from __future__ import annotations

import nbformat

from snippet_exec.directive import find_includes
from snippet_exec.executor import ChunkResult, RunResult
from snippet_exec.notebook import chapter_notebook
from snippet_exec.sections import split_chunks

SNIPPET = """\
import math

# --8<-- [start:first]
x = math.sqrt(16)
print(x)
# --8<-- [end:first]
y = x + 1  # hidden set-up the next section needs
# --8<-- [start:second]
print(y)
# --8<-- [end:second]
assert y == 5.0  # a check of the prose's number
"""
PAGE = """\
# Page

--8<-- "ch/demo.py:first" { exec }

Then:

--8<-- "ch/demo.py:second" { exec }
"""


def notebook_code(tmp_path, page: str) -> list[str]:
    snippets = tmp_path / "snippets"
    (snippets / "ch").mkdir(parents=True)
    (snippets / "ch" / "demo.py").write_text(SNIPPET)
    chunks = split_chunks(SNIPPET)
    result = RunResult(
        "snippets/ch/demo.py",
        [ChunkResult(c.first_line, sorted(c.sections), "") for c in chunks],
        0.1,
    )
    text = chapter_notebook(
        page,
        find_includes(page, "index.md"),
        {"snippets/ch/demo.py": result},
        snippets,
        tmp_path,
    )
    notebook = nbformat.reads(text, as_version=4)
    return [c.source for c in notebook.cells if c.cell_type == "code"]


def test_hidden_set_up_comes_along_but_trailing_checks_do_not(tmp_path):
    first, second = notebook_code(tmp_path, PAGE)
    assert first.startswith("import math") and "print(x)" in first
    assert "y = x + 1" in second and "print(y)" in second
    assert "assert" not in first + second


def test_a_page_showing_one_section_gets_no_later_code(tmp_path):
    (only,) = notebook_code(tmp_path, PAGE.split("Then:")[0])
    assert "print(x)" in only
    assert "print(y)" not in only and "assert" not in only
