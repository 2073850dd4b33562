"""The lock and .venv agree with pyproject.toml, and .venv with the lock.

`make lock` re-resolves pyproject.toml into requirements.lock starting from
the current lock (pip-compile), and every make target syncs .venv to the
lock exactly (pip-sync), so a local build cannot pass on a package that CI
will not install. Re-resolving needs the package index, so it is not run
here; what these tests check needs nothing from the network.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from tests.conftest import ROOT

PIN_RE = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", re.M)


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text("utf-8")
    return {normal(name): version for name, version in PIN_RE.findall(text)}


def test_every_pin_in_pyproject_is_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = list(project["project"]["dependencies"])
    for extra in project["project"]["optional-dependencies"].values():
        wanted += extra
    pins = lock_pins()
    for requirement in wanted:
        name, version = PIN_RE.match(requirement).groups()
        # A local label (torch's "+cpu") still matches "==2.13.0" (PEP 440).
        locked = pins.get(normal(name), "").split("+")[0]
        assert locked == version, (
            f"{requirement} is not what requirements.lock pins; run make lock"
        )


def test_sync_removes_a_package_the_lock_no_longer_lists(tmp_path):
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    assert "\npure-eval==" in lock
    shorter = tmp_path / "requirements.lock"
    shorter.write_text(re.sub(r"\npure-eval==\S+", "", lock))
    done = subprocess.run(
        [sys.executable, "-m", "piptools", "sync", "--dry-run", str(shorter)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Would uninstall" in done.stdout, done.stdout + done.stderr
    assert "pure-eval" in done.stdout.lower()


def test_setting_up_venv_syncs_it_to_the_lock():
    done = subprocess.run(
        ["make", "-n", "-B", ".venv/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    steps = done.stdout.splitlines()
    install = next(
        i for i, s in enumerate(steps) if "-r requirements.lock" in s
    )
    sync = next(i for i, s in enumerate(steps) if "piptools sync" in s)
    project = next(i for i, s in enumerate(steps) if "-e ." in s)
    assert install < sync < project, steps
