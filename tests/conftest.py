"""Shared fixtures: the repository's paths, executor and result cache.

The tests use the same executor and cache as ``mkdocs build``, so a snippet
that ran for the tests is not run again by the build, and the reverse.
"""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
import torch

from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, RunResult

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
CACHE = ROOT / ".cache" / "snippet_exec"


def all_snippets() -> list[Path]:
    """Every snippet file, found on disk (no hand-kept list)."""
    return sorted(SNIPPETS.rglob("*.py"))


def pytest_report_header(config) -> list[str]:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    return [
        f"torch {torch.__version__}, python {platform.python_version()}, "
        f"device {device}"
    ]


@pytest.fixture(scope="session")
def executor() -> Executor:
    return Executor(ROOT)


@pytest.fixture(scope="session")
def cache() -> ResultCache:
    return ResultCache(CACHE, ROOT)


@pytest.fixture(scope="session")
def snippet_results(
    executor: Executor, cache: ResultCache
) -> dict[str, RunResult]:
    """Run every snippet the cache lacks, all cores at once, and cache them."""
    results: dict[str, RunResult] = {}
    missing = []
    for path in all_snippets():
        rel = path.relative_to(ROOT).as_posix()
        cached = cache.get(rel)
        if cached is None:
            missing.append(path)
        else:
            results[rel] = cached
    for result in executor.run_many(missing):
        cache.put(result)
        results[result.path] = result
    return results
