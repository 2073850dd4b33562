"""The house check: every chapter's code reads as teaching code.

For each page it reads the includes, the snippet lines they show, and the
whole files behind them, and fails when:

1. shown code (a section, or the hidden set-up the page offers folded
   above it) holds test scaffolding: a comment or docstring about "the
   page" or "the prose", or (outside exercise solutions) an ``assert``
   that pins a result to a number. Such checks belong after the file's
   last shown section; a reader-style comparison of two computations
   (``torch.testing.assert_close(a, b)``) may stay;
2. random numbers are drawn on the target device (``torch.randn(...,
   device=device)``) instead of on the CPU and then moved, so a GPU machine
   would print other numbers than the page;
3. code on a page uses an API the series introduces in a later part;
4. a page shows the sections of one file out of the file's order (the
   build ran them in file order, and the notebook, which runs in page
   order, would run one twice);
5. a chapter falls outside the chapter standard: 1,500 to 3,000 words of
   main text, at least two build-time figures, exercises with solutions;
6. a page or snippet holds a control character (it shows as a box).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from snippet_exec.directive import find_includes
from snippet_exec.sections import split_chunks
from snippet_exec.showing import FileCursor, hidden_code
from tests.conftest import CHAPTERS, DOCS, SNIPPETS
from tests.house_rules import (
    code_without_text,
    comments_and_docstrings,
    page_includes,
    pinning_asserts,
    prose_words,
    random_on_device,
    shown_lines,
)

# The part that teaches each API; code on earlier pages must not use it.
INTRODUCED = {
    r"\.T\b": ("`.T`", 2),
    r"\btorch\.cat\(": ("`torch.cat`", 2),
    r"\btorch\.stack\(": ("`torch.stack`", 2),
    r"\bnn\.Linear\b": ("`nn.Linear`", 3),
    r"\btorch\.optim\b": ("`torch.optim`", 3),
    r"\bnn\.Module\b": ("`nn.Module`", 5),
    r"\bnn\.Sequential\b": ("`nn.Sequential`", 5),
    r"\bnn\.functional\b|\bnn import functional\b|\bF\.\w+\(": (
        "`torch.nn.functional`",
        6,
    ),
    r"\bTensorDataset\b": ("`TensorDataset`", 8),
    r"\bDataLoader\b": ("`DataLoader`", 8),
}
PAGE_TALK_RE = re.compile(
    r"\b(?:the|this) (?:page|prose)\b|\bon the page\b|\bthe text says\b",
    re.I,
)


def part_of(chapter: str) -> int:
    return int(chapter[:2])


def shown_by(chapter: str) -> list[tuple[str, Path, frozenset[int]]]:
    """(page:line, snippet file, shown lines) for each include on a page.

    Shown lines are the section's own and the hidden set-up the page
    offers folded above it (code no earlier include showed).
    """
    found = []
    cursors: dict[Path, FileCursor] = {}
    for lineno, target in page_includes(DOCS / chapter):
        path, _, section = target.partition(":")
        file = SNIPPETS / path
        if not file.is_file():
            continue
        source = file.read_text("utf-8")
        lines = set(shown_lines(source, section or None))
        if file not in cursors:
            cursors[file] = FileCursor(split_chunks(source))
        cursor = cursors[file]
        first, last, code = hidden_code(
            cursor.chunks, cursor.take(section or None)
        )
        if code:
            lines |= set(range(first, last + 1))
        found.append((f"docs/{chapter}:{lineno}", file, frozenset(lines)))
    return found


def rel(file: Path) -> str:
    return f"snippets/{file.relative_to(SNIPPETS).as_posix()}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_shown_code_talks_to_the_reader_not_the_page(chapter):
    problems = []
    for where, file, lines in shown_by(chapter):
        for line, text in comments_and_docstrings(file.read_text("utf-8")):
            if line in lines and PAGE_TALK_RE.search(text):
                problems.append(
                    f"{rel(file)}:{line} (shown at {where}): "
                    f"{text.strip()!r} speaks about the page"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_shown_code_pins_no_numbers(chapter):
    problems = []
    for where, file, lines in shown_by(chapter):
        if file.name.startswith("exercise_"):
            continue  # a solution may check its own answer
        for line in pinning_asserts(file.read_text("utf-8")):
            if line in lines:
                problems.append(
                    f"{rel(file)}:{line} (shown at {where}): an assert that "
                    "pins a number; move it after the file's last shown section"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_random_data_is_drawn_on_the_cpu(chapter):
    problems = []
    files = {file for _, file, _ in shown_by(chapter)}
    for file in sorted(files):
        for line, call in random_on_device(file.read_text("utf-8")):
            problems.append(
                f"{rel(file)}:{line}: {call}(..., device=...) draws on the "
                "device; draw on the CPU, then .to(device)"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_api_before_the_part_that_teaches_it(chapter):
    part = part_of(chapter)
    problems = []
    files = {file for _, file, _ in shown_by(chapter)}
    for file in sorted(files):
        code = code_without_text(file.read_text("utf-8")).splitlines()
        for pattern, (name, taught_in) in INTRODUCED.items():
            if taught_in <= part:
                continue
            for line, text in enumerate(code, 1):
                if re.search(pattern, text):
                    problems.append(
                        f"{rel(file)}:{line}: uses {name}, which part "
                        f"{taught_in} introduces (this is part {part})"
                    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_sections_of_a_file_appear_in_file_order(chapter):
    problems = []
    last_shown: dict[str, tuple[int, str]] = {}
    for where, file, lines in shown_by(chapter):
        first = min(lines, default=0)
        before = last_shown.get(file.name)
        if before is not None and first < before[0]:
            problems.append(
                f"{where}: shows {rel(file)} from line {first}, above what "
                f"{before[1]} already showed; include its sections in "
                "file order"
            )
        last_shown[file.name] = (max(lines, default=0), where)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_meets_the_standard(chapter):
    markdown = (DOCS / chapter).read_text("utf-8")
    words = prose_words(markdown)
    assert 1500 <= words <= 3000, f"{chapter}: {words} words of main text"
    includes = find_includes(markdown, chapter)
    figures = sum(len(include.alts) for include in includes)
    assert figures >= 2, f"{chapter}: {figures} build-time figures"
    assert re.search(r"^## Exercises", markdown, re.M), "no exercises"
    solutions = [
        i for i in includes if Path(i.path).name.startswith("exercise_")
    ]
    assert len(solutions) >= 2, f"{chapter}: exercises need tested solutions"


# C0 control characters other than tab, newline and carriage return. They
# arrive unseen (a "\a" in a Python string that wrote "\approx" gives BEL)
# and show as a box or nothing on the page.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def test_pages_and_snippets_hold_no_control_characters():
    files = sorted(DOCS.rglob("*.md")) + sorted(SNIPPETS.rglob("*.py"))
    problems = []
    for file in files:
        lines = file.read_text("utf-8").split("\n")
        for lineno, text in enumerate(lines, 1):
            for match in CONTROL_RE.finditer(text):
                problems.append(
                    f"{file.relative_to(DOCS.parent).as_posix()}:{lineno}:"
                    f"{match.start() + 1}: control character "
                    f"{match.group()!r}"
                )
    assert not problems, "\n".join(problems)


SAMPLE = '''\
"""A sample."""
import torch

# --8<-- [start:shown]
x = torch.randn(3, device=device)  # the page says 1.8
assert abs(x.sum() - 1.8) < 0.05
y = x.T
# --8<-- [end:shown]
assert abs(x.sum() - 1.8) < 0.05  # the page says so
'''


def test_the_rules_catch_what_they_name():
    """Each finder catches its case, and only inside the shown lines."""
    shown = shown_lines(SAMPLE, "shown")
    assert shown == {5, 6, 7}
    talk = [
        line
        for line, text in comments_and_docstrings(SAMPLE)
        if PAGE_TALK_RE.search(text)
    ]
    assert talk == [5, 9]
    assert pinning_asserts(SAMPLE) == [6, 9]
    assert random_on_device(SAMPLE) == [(5, "torch.randn")]
    code = code_without_text(SAMPLE).splitlines()
    assert "the page" not in code[4] and "x.T" in code[6]
    assert prose_words("# T\n\nOne two.\n\n```py\nx = 1\n```\n$a b$\n") == 3
