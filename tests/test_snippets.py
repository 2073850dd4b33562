"""Every snippet file runs, through the same executor and cache as the build.

A snippet's own ``assert`` statements check the numbers its page states, so a
passing test here means the prose and the code still agree.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, all_snippets

SNIPPET_IDS = [
    p.relative_to(ROOT / "snippets").as_posix() for p in all_snippets()
]


def test_there_are_snippets():
    assert len(SNIPPET_IDS) >= 2


@pytest.mark.parametrize("snippet", SNIPPET_IDS)
def test_snippet_runs(snippet, snippet_results):
    result = snippet_results[f"snippets/{snippet}"]
    if not result.ok:
        pytest.fail(
            f"{result.location()}: {result.error.summary}\n"
            f"{result.error.traceback}\n--- output ---\n{result.output}",
            pytrace=False,
        )
