"""The changed-outputs report: a real edit shows up, and nothing else."""

from __future__ import annotations

import re
import subprocess

from tests.tiny_site import engine, make_tiny_site

CURVE = "snippets/ch/curve.py"
COUNT = "snippets/ch/count.py"


def _edit(site, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _sections(report: str) -> list[str]:
    return re.findall(r"^## (.+)$", report, re.M)


def test_one_number_and_one_colour_make_exactly_two_entries(tmp_path):
    site = make_tiny_site(tmp_path)
    done = engine(site, "run", "--shard", "1/1", "--cache-dir", "base")
    assert done.returncode == 0, done.stderr
    _edit(site, COUNT, "range(10)", "range(11)")  # prints 55 -> 45 + 10
    _edit(site, CURVE, "tab:blue", "tab:orange")
    done = engine(site, "run", "--shard", "1/1", "--cache-dir", "head")
    assert done.returncode == 0, done.stderr

    done = engine(site, "diff", "base", "head", "--out", "report")
    assert done.returncode == 0, done.stderr
    report = (site / "report" / "report.md").read_text()
    assert done.stdout.strip() == report.strip()
    assert _sections(report) == [f"`{COUNT}`: output", f"`{CURVE}`: figure 1"]
    assert "-count 45\n+count 55" in report
    assert "Shown on `docs/index.md:3`." in report
    assert "Shown on `docs/more.md:5`." in report
    images = re.findall(r"!\[(before|after): figure 1\]\(([^)]+)\)", report)
    assert [side for side, _ in images] == ["before", "after"]
    before, after = (
        (site / "report" / name).read_text() for _, name in images
    )
    assert "#1f77b4" in before and "#1f77b4" not in after  # tab:blue
    assert "#ff7f0e" in after  # tab:orange
    assert "0 added, 0 removed" in report


def test_against_a_git_ref_names_added_and_removed_snippets(tmp_path):
    site = make_tiny_site(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    subprocess.run([*git, "add", "."], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=site, check=True)
    assert engine(site, "run", "--shard", "1/1").returncode == 0
    page = site / "docs" / "index.md"
    page.write_text(page.read_text().replace("ch/words.py", "ch/new.py"))
    (site / "snippets" / "ch" / "new.py").write_text("print('new')\n")
    _edit(site, COUNT, "range(10)", "range(12)")
    assert engine(site, "run", "--shard", "1/1").returncode == 0
    _edit(site, "snippets/ch/square.py", "range(4)", "range(5)")  # not run

    done = engine(site, "diff", "--against", "HEAD")
    assert done.returncode == 0, done.stderr
    report = (site / "output-diff" / "report.md").read_text()
    assert _sections(report) == [
        f"`{COUNT}`: output",
        "Added snippets",
        "Removed snippets",
        "Not compared (no recorded result on one side)",
    ]
    assert "- `snippets/ch/square.py` (`docs/more.md:3`)" in report
    assert "- `snippets/ch/new.py` (`docs/index.md:5`)" in report
    assert "- `snippets/ch/words.py`" in report
    assert "1 snippets changed (1 outputs, 0 figures); 1 added, 1 removed" in (
        report
    )
    bad = engine(site, "diff", "--against", "no-such-ref")
    assert bad.returncode == 2 and "no-such-ref" in bad.stderr
