"""The GitHub Actions pipeline is valid, by actionlint, and does what it says."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from snippet_exec.__main__ import _parser
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
        "~/.cache/pip",
        "download.pytorch.org/whl/cpu",
        "apt-get install -y chromium",
        "python -m snippet_exec plan",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert needed in text, needed


def _site() -> dict:
    return yaml.safe_load(
        (ROOT / ".github" / "workflows" / "site.yml").read_text()
    )


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_snippets_run_on_a_planned_matrix_then_merge_and_build():
    jobs = _site()["jobs"]
    plan, shard, build = jobs["plan"], jobs["shard"], jobs["build"]
    assert "snippet_exec plan" in _runs(plan)
    assert set(plan["outputs"]) == {"count", "shards"}
    assert shard["needs"] == "plan"
    matrix = shard["strategy"]["matrix"]["shard"]
    assert matrix == "${{ fromJSON(needs.plan.outputs.shards) }}"
    assert "--shard" in _runs(shard) and "--cache-dir shard-cache" in _runs(
        shard
    )
    uploads = [
        s for s in shard["steps"] if "upload-artifact" in s.get("uses", "")
    ]
    assert uploads and uploads[0]["with"]["path"] == "shard-cache/"
    assert set(build["needs"]) == {"plan", "shard"}
    downloads = [
        s for s in build["steps"] if "download-artifact" in s.get("uses", "")
    ]
    assert downloads[0]["with"]["pattern"] == "snippet-cache-*"
    runs = _runs(build)
    # Merge before the tests and the build; the build runs nothing again.
    assert runs.index("snippet_exec merge") < runs.index("make test")
    assert "0 ran" in runs
    assert "GITHUB_STEP_SUMMARY" in runs and "snippet_exec diff" in runs


def test_browser_tests_run_where_chromium_is_debians():
    build = _site()["jobs"]["build"]
    assert "bookworm" in build["container"]
    assert "apt-get install -y chromium" in _runs(build)


def test_jobs_that_share_cache_entries_run_one_python():
    # A cache entry's key holds Python's exact version: a shard's entries
    # serve the build only if both ran the same interpreter.
    jobs = _site()["jobs"]
    images = {jobs[name]["container"] for name in ("plan", "shard", "build")}
    assert len(images) == 1


def _engine_commands() -> list[list[str]]:
    """Every ``python -m snippet_exec`` command line the workflow runs,
    each shell variable given a sample value of its option's kind."""
    commands = []
    for job in _site()["jobs"].values():
        script = _runs(job).replace("\\\n", " ")
        for found in re.finditer(r"python -m snippet_exec ([^>\n]*)", script):
            words = shlex.split(found[1].rstrip().removesuffix(")"))
            commands.append(
                [
                    ("1/3" if before == "--shard" else "3")
                    if word.startswith("$")
                    else word
                    for before, word in zip(["", *words], words, strict=False)
                ]
            )
    return commands


def test_the_engine_accepts_every_command_the_workflow_gives_it():
    commands = _engine_commands()
    assert {c[0] for c in commands} == {
        "plan",
        "run",
        "merge",
        "diff",
        "colab",
    }
    for command in commands:
        _parser().parse_args(command)  # exits on an unknown option
