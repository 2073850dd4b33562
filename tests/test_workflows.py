"""The GitHub Actions pipeline is valid, by actionlint, and does what it says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_workflow():
    assert WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow):
    # The venv's scripts folder may not be on PATH (make calls .venv/bin/python).
    beside = Path(sys.executable).parent / "actionlint"
    actionlint = str(beside) if beside.exists() else shutil.which("actionlint")
    assert actionlint, "actionlint is missing: install the test extras"
    done = subprocess.run(
        [actionlint, "-no-color", str(workflow)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pipeline_tests_builds_caches_and_deploys():
    text = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    for needed in (
        "pull_request",
        "make test",
        "actions/upload-artifact",
        "actions/cache",
        ".cache/snippet_exec",
        "cache: pip",
        "download.pytorch.org/whl/cpu",
        "apt-get install -y chromium",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert needed in text, needed
