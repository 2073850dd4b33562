"""What the house rules read from a chapter: shown code, its parts, prose.

The rules themselves live in ``test_house.py``; this module only finds
things: which lines of a snippet a page shows, the comments, docstrings,
asserts and random draws in a file, and how many words of prose a chapter
has. Every finder returns plain data so a test can name file and line.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

# pymdown-extensions' section markers, as pymdownx.snippets reads them.
MARKER_RE = re.compile(
    r"-{1,}8<-{1,}[ \t]+\[(?P<kind>start|end):(?P<name>[^\]]+)\]"
)
ANY_INCLUDE_RE = re.compile(
    r'^[ \t]*;?-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"(?P<rest>.*)$'
)

# Torch functions that draw random numbers, by their last name.
RANDOM_FACTORIES = {
    "rand",
    "randn",
    "randint",
    "rand_like",
    "randn_like",
    "randint_like",
    "randperm",
    "normal",
    "bernoulli",
    "multinomial",
    "poisson",
}


@dataclass(frozen=True)
class Shown:
    """The lines of one snippet file that one include puts on a page."""

    page: str  # e.g. "04-perceptron.md:133"
    snippet: str  # path relative to snippets/
    lines: frozenset[int]  # 1-based line numbers of the file


def page_includes(page: Path) -> list[tuple[int, str]]:
    """(line, target) of every include on a page, exec or plain.

    Lines written with a leading ``;`` are escaped examples, not includes.
    """
    found = []
    for lineno, line in enumerate(page.read_text("utf-8").splitlines(), 1):
        match = ANY_INCLUDE_RE.match(line)
        if match and not line.lstrip().startswith(";"):
            found.append((lineno, match["target"]))
    return found


def shown_lines(source: str, section: str | None) -> frozenset[int]:
    """Line numbers a page shows: the section's body, or the whole file.

    Marker lines themselves are never shown (pymdown removes them).
    """
    lines = source.splitlines()
    shown: set[int] = set()
    inside = section is None
    for lineno, line in enumerate(lines, 1):
        marker = MARKER_RE.search(line)
        if marker:
            if marker["name"] == section:
                inside = marker["kind"] == "start"
            continue
        if inside:
            shown.add(lineno)
    return frozenset(shown)


def comments_and_docstrings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment and docstring in a Python file."""
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type == tokenize.COMMENT:
            found.append((token.start[0], token.string))
    for node in ast.walk(ast.parse(source)):
        if not isinstance(
            node,
            ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        ):
            continue
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            for offset, text in enumerate(first.value.value.splitlines()):
                found.append((first.lineno + offset, text))
    return found


def _has_number(node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Constant)
        and isinstance(n.value, int | float)
        and not isinstance(n.value, bool)
        for n in ast.walk(node)
    )


def pinning_asserts(source: str) -> list[int]:
    """Lines of ``assert`` statements that compare against a number.

    ``assert abs(w - 1.8) < 0.05`` pins a printed result to the prose;
    ``assert torch.equal(a, b)`` compares two computations and is not
    reported.
    """
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assert) and _has_number(node.test)
    ]


def _call_name(func: ast.AST) -> str:
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    return ".".join(reversed(parts))


def random_on_device(source: str) -> list[tuple[int, str]]:
    """(line, call) of random draws or layer set-ups made on a device.

    ``torch.randn(3, device=device)`` and ``nn.Linear(2, 1, device=...)``
    draw on the target device, whose generator differs from the CPU's, so
    a GPU machine would print other numbers. ``device="cpu"`` is fine.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        last = name.rsplit(".", 1)[-1]
        draws = last in RANDOM_FACTORIES and name.startswith("torch.")
        layer = name.startswith(("nn.", "torch.nn.")) and last[:1].isupper()
        if not (draws or layer):
            continue
        for keyword in node.keywords:
            value = keyword.value
            on_cpu = isinstance(value, ast.Constant) and value.value == "cpu"
            if keyword.arg == "device" and not on_cpu:
                found.append((node.lineno, name))
    return found


def code_without_text(source: str) -> str:
    """The source with comments and string literals blanked out.

    Line structure is kept, so a match can still name its line.
    """
    out = source.splitlines(keepends=True)
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for token in tokens:
        if token.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (row, col), (end_row, end_col) = token.start, token.end
        for line in range(row, end_row + 1):
            text = out[line - 1]
            start = col if line == row else 0
            stop = end_col if line == end_row else len(text.rstrip("\n"))
            out[line - 1] = text[:start] + " " * (stop - start) + text[stop:]
    return "".join(out)


FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
COLLAPSED_RE = re.compile(r"^\?\?\?\+? ")
WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")


def prose_words(markdown: str) -> int:
    """Words of a chapter's main text.

    Counted outside front matter, code blocks, include lines, math, HTML
    tags and collapsed ``???`` blocks (solutions and "how the figure is
    drawn" asides, which a reader opens on purpose).
    """
    markdown = FRONT_MATTER_RE.sub("", markdown)
    kept, fence, collapsed = [], None, False
    for line in markdown.splitlines():
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = FENCE_RE.match(line)
        if opening:
            fence = opening[1]
            continue
        if COLLAPSED_RE.match(line):
            collapsed = True
            continue
        if collapsed and line.strip() and not line.startswith((" ", "\t")):
            collapsed = False
        if collapsed or ANY_INCLUDE_RE.match(line):
            continue
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"^\*\[[^\]]+\]:.*$", " ", text, flags=re.M)  # glossary
    return len(WORD_RE.findall(text))
