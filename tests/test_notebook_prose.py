"""Chapter Markdown into notebook Markdown: snippet_exec.notebook_prose.

Each test converts a small page written the way the chapters are and reads
the pieces back with markdown-it-py, a CommonMark parser like Jupyter's: a
pymdown block must not survive as text or as an indented code block.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from snippet_exec.directive import find_includes
from snippet_exec.notebook_prose import Code, Prose, notebook_pieces

COMMONMARK = MarkdownIt("commonmark")
TERMS = {
    "ReLU": "Rectified linear unit",
    "gradient": "The vector of partial derivatives",
    "gradient boosting": "Trees fit to the errors of earlier trees",
}


def pieces(markdown: str, terms=None) -> list[Prose | Code]:
    lines = markdown.splitlines()
    includes = {i.lineno - 1: i for i in find_includes(markdown, "p.md")}
    return notebook_pieces(lines, 0, includes, terms or {})


def prose(markdown: str, terms=None) -> str:
    return "\n\n".join(
        p.text for p in pieces(markdown, terms) if isinstance(p, Prose)
    )


def tokens(text: str) -> list[str]:
    return [t.type for t in COMMONMARK.parse(text)]


TABS = """\
## Losses

=== "Two classes (yes/no)"

    With a label $y$, **binary cross-entropy** is

    $$
    L = -\\log \\hat{y}
    $$

=== "Several classes"

    Cross-entropy.

After the tabs.
"""


def test_tabs_become_labelled_sections_with_math_unindented():
    text = prose(TABS)
    assert "=== " not in text
    assert "### Two classes (yes/no)" in text
    assert "### Several classes" in text
    assert "\n$$\nL = -\\log \\hat{y}\n$$\n" in text
    assert "code_block" not in tokens(text)
    assert text.rstrip().endswith("After the tabs.")


ADMONITION = """\
Before.

!!! warning "A slice is a window"

    Changing the slice changes the tensor.

    Copy it with `clone()`.

After.
"""


def test_admonition_becomes_a_titled_blockquote():
    text = prose(ADMONITION)
    assert "!!!" not in text
    assert "> **A slice is a window**\n>\n> Changing the slice" in text
    kinds = tokens(text)
    assert kinds.count("blockquote_open") == 1
    assert "code_block" not in kinds
    after = COMMONMARK.parse(text)[-2]  # the last paragraph's inline
    assert after.content == "After."  # outside the quote


SOLUTION = """\
## Exercises

1. **A gentler decay.** Use `gamma=0.8`. What is the rate
   from epoch 20?

    ??? success "Solution to exercise 1"

        --8<-- "13_lr/exercise_1.py" { exec }

        Two drops leave 0.1 × 0.8² = 0.064.

2. **Next one.** Try it.

    ??? success "Solution to exercise 2"

        --8<-- "13_lr/exercise_2.py" { exec }

Done.
"""


def test_solution_becomes_details_before_its_folded_code():
    parts = pieces(SOLUTION)
    kinds = [type(p).__name__ for p in parts]
    assert kinds == ["Prose", "Code", "Prose", "Code", "Prose"]
    first = parts[0].text
    assert "???" not in first
    assert "<details><summary>Solution to exercise 1</summary>" in first
    assert "Two drops leave 0.1 × 0.8² = 0.064." in first
    assert first.rstrip().endswith("</details>")
    assert "code_block" not in tokens(first)
    assert all(p.collapsed for p in parts if isinstance(p, Code))
    assert parts[1].include.path == "13_lr/exercise_1.py"
    # A solution of code alone is labelled, not an empty <details>.
    assert "**Solution to exercise 2**" in parts[2].text
    assert "<details>" not in parts[2].text


def test_fenced_code_inside_a_tab_keeps_its_own_indentation():
    text = prose(
        '=== "Shell"\n\n    ```bash\n    make serve\n      indented\n    ```\n'
    )
    assert "```bash\nmake serve\n  indented\n```" in text


def test_first_use_of_a_term_is_marked_and_longer_terms_win():
    text = prose(
        "# ReLU and more\n\nThe ReLU is simple. ReLU again. A gradient\n"
        "boosting model has no gradient in `gradient` code.\n",
        TERMS,
    )
    assert text.count("<abbr") == 3
    assert "# ReLU and more" in text  # headings are left alone
    assert '<abbr title="Rectified linear unit">ReLU</abbr> is simple' in text
    assert "ReLU again" in text
    assert (
        '<abbr title="Trees fit to the errors of earlier trees">gradient\n'
        "boosting</abbr>" in text
    )
    assert "`gradient` code" in text


def test_the_pages_own_abbreviation_lines_are_not_shown():
    text = prose("Uses a FLOP.\n\n*[FLOP]: Floating-point operation\n")
    assert "*[" not in text


def test_solution_title_and_code_blocks_survive_as_written():
    """A <summary> holds HTML, not Markdown; a fence keeps blank lines."""
    text = prose(
        '??? tip "Why `x < 1`"\n\n    See:\n\n    ```py\n    a = 1\n\n\n'
        "    b = 2\n    ```\n"
    )
    assert "<summary>Why <code>x &lt; 1</code></summary>" in text
    assert "```py\na = 1\n\n\nb = 2\n```" in text


def test_inline_math_wrapped_before_a_plus_stays_in_its_list_item():
    """Part 1's summary: CommonMark would start a list at "+ b$"."""
    text = prose(
        "- each computing $\\mathbf{w} \\cdot \\mathbf{x}\n"
        "  + b$ and passing it on.\n- Next item.\n"
    )
    assert "$\\mathbf{w} \\cdot \\mathbf{x} + b$ and passing" in text
    kinds = tokens(text)
    assert kinds.count("bullet_list_open") == 1
    assert kinds.count("list_item_open") == 2


def test_a_plain_include_in_a_fence_becomes_the_files_lines(tmp_path):
    """As on the page: the file's text (or one section), never the raw
    ``--8<--`` line, indented as the code it sits in."""
    folder = tmp_path / "12_x"
    folder.mkdir()
    (folder / "gpu.py").write_text(
        "import torch\n"
        "# --8<-- [start:step]\n"
        "if True:\n"
        "    step = 1\n"
        "# --8<-- [end:step]\n"
    )
    page = (
        '??? example "The whole script"\n\n'
        '    ``` py\n    --8<-- "12_x/gpu.py"\n    ```\n\n'
        '``` py\n--8<-- "12_x/gpu.py:step"\n```\n'
    )
    lines = page.splitlines()
    found = notebook_pieces(lines, 0, {}, {}, tmp_path)
    text = "\n".join(p.text for p in found if isinstance(p, Prose))
    assert "8<" not in text
    assert "``` py\nimport torch\nif True:\n    step = 1\n```" in text
    assert "``` py\nif True:\n    step = 1\n```" in text
