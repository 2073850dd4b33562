"""Shared fixtures: the repository's paths, executor and result cache.

The tests use the same executor, cache and settings (mkdocs.yml, then the
environment, then each snippet's markers) as ``mkdocs build``, so a snippet
that ran for the tests is not run again by the build, and the reverse, and
both give it the same limits.
"""

from __future__ import annotations

import platform
import re
from pathlib import Path

import pytest
import torch

from snippet_exec import settings
from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, RunResult
from tests.tiny_site import build

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
CACHE = ROOT / ".cache" / "snippet_exec"
CHAPTERS = sorted(p.name for p in DOCS.glob("[0-9][0-9]-*.md"))


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
    return Executor.from_settings(ROOT, settings.load(ROOT))


@pytest.fixture(scope="session")
def cache() -> ResultCache:
    return ResultCache(CACHE, ROOT)


@pytest.fixture(scope="session")
def snippet_results(
    executor: Executor, cache: ResultCache
) -> dict[str, RunResult]:
    """Run every snippet the cache lacks, all cores at once, and cache them."""
    rels = [path.relative_to(ROOT).as_posix() for path in all_snippets()]
    return cache.run_missing(executor, rels)


@pytest.fixture(scope="session")
def site(tmp_path_factory, snippet_results) -> Path:
    """The site, built strictly; the snippets already ran for the tests."""
    out = tmp_path_factory.mktemp("site")
    done = build(ROOT, out, timeout=900)
    assert done.returncode == 0, done.stderr
    # The tests filled the cache, so the build ran nothing again.
    assert re.search(r"snippet-exec: \d+ snippets, 0 ran", done.stderr), (
        done.stderr
    )
    return out


def page_html(site: Path, chapter: str) -> str:
    return (site / chapter.removesuffix(".md") / "index.html").read_text(
        "utf-8"
    )
