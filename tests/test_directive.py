"""Include lines: what the engine reads, and every line it cannot read.

A ``--8<--`` line is pymdown-extensions' own include, an exec include, or
a mistake reported at its line: never text that silently reaches the page.
"""

from __future__ import annotations

import pytest

from snippet_exec.directive import (
    BadLine,
    DirectiveError,
    Include,
    find_includes,
    scan_page,
)


def one(line: str) -> Include | BadLine:
    (item,) = scan_page(f"# Page\n\n{line}\n", "p.md")
    return item


@pytest.mark.parametrize(
    ("line", "alts", "title"),
    [
        (
            '--8<-- "a.py" { exec alt="Loss for lr in {0.1, 0.01}" }',
            ("Loss for lr in {0.1, 0.01}",),
            None,
        ),
        (
            r'--8<-- "a.py" { exec alt="The \"raw\" {x} curve" }',
            ('The "raw" {x} curve',),
            None,
        ),
        (
            "--8<-- \"a.py\" {exec alt='It isn\\'t flat' title='a \"b\"'}",
            ("It isn't flat",),
            'a "b"',
        ),
        (
            r'--8<-- "a.py" { exec title="C:\\data\\}" }',
            (),
            "C:\\data\\}",
        ),
    ],
)
def test_option_values_may_hold_quotes_and_braces(line, alts, title):
    item = one(line)
    assert isinstance(item, Include), item
    assert (item.alts, item.title, item.lineno) == (alts, title, 3)
    assert item.line == line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('--8<-- "a.py" { exec alt="never closed }', "cannot read"),
        ('--8<-- "a.py" { exec colour="red" }', "unknown option 'colour'"),
        ('--8<-- "a.py" { run }', "the word exec once"),
        ('--8<-- "a.py" { exec exec }', "the word exec once"),
        ('--8<-- "a.py" { alt="a b c" }', "the word exec once"),
        ('--8<-- "a.py" { exec title="a" title="b" }', "given twice"),
        ('--8<-- "a.py" { exec } and more', "one pair of braces"),
        ('--8<-- "a.py" exec', "would show as text"),
        ("--8<-- a.py { exec }", "double quotes"),
        ('--8<-- "a.py:3:10" { exec }', "not a section name"),
        ('--8<-- "a.py:_train" { exec }', "not a section name"),
        ('--8<-- "a.py" { exec timeout=300 }', "unknown option 'timeout'"),
        ('--8<-- "a.py" { exec alt=loss }', 'quote the value: alt="..."'),
        ('--8<-- "a.py"  ', "would show as text"),
    ],
)
def test_unreadable_lines_are_reported_at_their_line(line, message):
    item = one(line)
    assert isinstance(item, BadLine), item
    assert item.where == "p.md:3"
    assert message in item.message
    with pytest.raises(DirectiveError, match=r"^p\.md:3: "):
        find_includes(f"# Page\n\n{line}\n", "p.md")


def test_lines_that_are_not_the_engines_are_left_alone():
    page = "\n".join(
        [
            '--8<-- "plain.md"',  # pymdown's own include
            "--8<-- 'plain.md'",
            "--8<--",  # pymdown's block form
            "a.md",
            "--8<--",
            ';--8<-- "a.py" { exec broken',  # escaped: shown as text
            "```markdown",
            '--8<-- "a.py" { exec broken',  # in fenced code
            "```",
            '    --8<-- "a.py:train" { exec }',
        ]
    )
    (item,) = scan_page(page, "p.md")
    assert (item.lineno, item.indent, item.section) == (10, "    ", "train")
