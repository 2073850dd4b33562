"""Pages and snippets agree: every snippet is shown, every include resolves."""

from __future__ import annotations

import re

import pytest

from snippet_exec.directive import find_includes
from snippet_exec.sections import section_names, split_chunks
from tests.conftest import DOCS, ROOT, SNIPPETS, all_snippets

# Plain pymdown includes too (code shown without running it).
PLAIN_INCLUDE_RE = re.compile(
    r'^[ \t]*-{1,}8<-{1,}[ \t]+"([^"]+)"[ \t]*$', re.M
)


def page_targets() -> list[tuple[str, str]]:
    """(page:line, target) for every include on every page."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        text = page.read_text(encoding="utf-8")
        found += [(i.where, i.target) for i in find_includes(text, rel)]
        for match in PLAIN_INCLUDE_RE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{rel}:{line}", match[1]))
    return found


TARGETS = page_targets()


@pytest.mark.parametrize(("where", "target"), TARGETS)
def test_include_resolves(where, target):
    path, _, section = target.partition(":")
    # pymdownx.snippets looks in snippets/ first, then the repository root.
    file = next(
        (b / path for b in (SNIPPETS, ROOT) if (b / path).is_file()), None
    )
    assert file is not None, f"docs/{where}: no snippet file snippets/{path}"
    if section:
        assert section in section_names(file.read_text("utf-8")), (
            f"docs/{where}: snippets/{path} has no section '{section}'"
        )


@pytest.mark.parametrize(
    "snippet", [p.relative_to(SNIPPETS).as_posix() for p in all_snippets()]
)
def test_snippet_is_used_by_a_page(snippet):
    used = {target.partition(":")[0] for _, target in TARGETS}
    assert snippet in used, f"snippets/{snippet} is included by no page"


@pytest.mark.parametrize(
    "snippet", [p.relative_to(ROOT).as_posix() for p in all_snippets()]
)
def test_snippet_sections_pair_up(snippet):
    split_chunks((ROOT / snippet).read_text("utf-8"))  # raises on a bad marker
