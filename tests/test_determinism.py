"""Two clean runs of every snippet give byte-identical output and figures.

A snippet that measures this machine (timings) says so with a line
``# nondeterministic: <why>`` and is left out; the test lists them.
"""

from __future__ import annotations

import pytest

from snippet_exec.settings import read_markers
from tests.conftest import ROOT, all_snippets

pytestmark = pytest.mark.slow


def deterministic_snippets() -> list[str]:
    return [
        p.relative_to(ROOT).as_posix()
        for p in all_snippets()
        if not read_markers(p).nondeterministic
    ]


@pytest.fixture(scope="module")
def second_run(executor):
    """Every deterministic snippet run again, ignoring the cache."""
    paths = [ROOT / rel for rel in deterministic_snippets()]
    return {r.path: r for r in executor.run_many(paths)}


@pytest.mark.parametrize("snippet", deterministic_snippets())
def test_second_run_is_byte_identical(snippet, snippet_results, second_run):
    first, second = snippet_results[snippet], second_run[snippet]
    assert first.ok and second.ok
    assert second.output == first.output
    assert second.select(None)[1] == first.select(None)[1], "figures differ"


def test_few_snippets_opt_out():
    opted_out = len(all_snippets()) - len(deterministic_snippets())
    assert opted_out <= 2, "only timing snippets may be nondeterministic"
