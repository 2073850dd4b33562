"""Two clean runs of every snippet give the same output and figures.

A snippet that measures this machine (timings) says so with a line
``# nondeterministic: <why>`` and is left out; the test lists them.
"""

from __future__ import annotations

import re

import pytest

from snippet_exec.settings import read_markers
from tests.conftest import ROOT, all_snippets

pytestmark = pytest.mark.slow
# Every number in an SVG: "12", "-3.5", ".25" (Scour drops leading 0s).
NUMBER_RE = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")
# A snippet's float32 data may differ in its last bit from run to run
# (torch's parallel sums); the SVG keeps five significant digits, so a
# coordinate in the hundreds may then round one step (0.01 pt) apart.
# Two steps are still far below anything a reader can see.
PIXEL_NOISE = 0.02


def same_drawing(first: str, second: str) -> bool:
    """The two figures differ at most by sub-pixel float noise."""
    if NUMBER_RE.split(first) != NUMBER_RE.split(second):
        return False
    a, b = NUMBER_RE.findall(first), NUMBER_RE.findall(second)
    pairs = zip(a, b, strict=True)
    return all(abs(float(x) - float(y)) <= PIXEL_NOISE for x, y in pairs)


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
def test_second_run_gives_the_same_page(snippet, snippet_results, second_run):
    first, second = snippet_results[snippet], second_run[snippet]
    assert first.ok and second.ok
    assert second.output == first.output
    figures, again = first.select(None)[1], second.select(None)[1]
    assert len(again) == len(figures)
    for one, two in zip(figures, again, strict=True):
        assert same_figure(first, one, second, two), "figures differ"


def same_figure(first, one, second, two) -> bool:
    """Two figure records draw the same thing in every file they name:
    an SVG up to float noise (``same_drawing``), any other file exactly."""
    shape = ("number", "kind", "format", "width", "height")
    if any(getattr(one, f) != getattr(two, f) for f in shape):
        return False
    names, again = one.blobs(), two.blobs()
    if len(names) != len(again):
        return False
    for name, other in zip(names, again, strict=True):
        a, b = first.blobs.read(name), second.blobs.read(other)
        if name.endswith(".svg") and other.endswith(".svg"):
            if not same_drawing(a.decode("utf-8"), b.decode("utf-8")):
                return False
        elif a != b:
            return False
    return True


def test_same_drawing_tolerates_only_float_noise():
    """The comparison ignores the last decimal, never a changed shape."""
    drawn = '<path d="m1.5 65.79l.5-62.79"/>'
    noisy = '<path d="m1.5 65.8l.5-62.8"/>'
    moved = '<path d="m1.5 66.79l.5-62.79"/>'
    other = '<path d="m1.5 65.79q.5-62.79"/>'
    assert same_drawing(drawn, noisy)
    assert not same_drawing(drawn, moved)
    assert not same_drawing(drawn, other)


def test_few_snippets_opt_out():
    opted_out = len(all_snippets()) - len(deterministic_snippets())
    assert opted_out <= 2, "only timing snippets may be nondeterministic"
