"""Longest-first order from recorded run times, the record itself, the
schedule's idle core-seconds and overhead, and the early parent start."""

from __future__ import annotations

from pathlib import Path

import pytest

from snippet_exec import prestart
from snippet_exec.schedule import (
    RECORD,
    Schedule,
    longest_first,
    read_durations,
    record_durations,
)
from snippet_exec.site import Options, SiteRun


def test_unrecorded_first_then_longest_first():
    durations = {"a.py": 1.0, "b.py": 9.0, "c.py": 4.0}
    order = longest_first(["a.py", "new.py", "b.py", "c.py"], durations)
    assert order == ["new.py", "b.py", "c.py", "a.py"]


def test_record_merges_and_survives_damage(tmp_path: Path):
    record_durations(tmp_path, {"a.py": 1.25, "b.py": 2.0})
    record_durations(tmp_path, {"b.py": 3.5})
    assert read_durations(tmp_path) == {"a.py": 1.25, "b.py": 3.5}
    (tmp_path / RECORD).write_text("a.py\tnot a number\nb.py\t2\n")
    assert read_durations(tmp_path) == {"b.py": 2.0}
    assert read_durations(tmp_path / "missing") == {}
    assert not list(tmp_path.glob("*.tmp"))


def test_idle_core_seconds_and_overhead():
    schedule = Schedule(workers=2)
    schedule.add(0.0, 10.0, own=9.5)  # core 1 busy the whole time
    schedule.add(0.0, 4.0, own=3.9)  # core 2 idles from 4 s to 10 s
    assert schedule.makespan == 10.0
    assert schedule.idle == pytest.approx(6.0)
    assert schedule.overheads() == pytest.approx([0.5, 0.1])
    line = schedule.line()
    assert "2 runs on 2 workers" in line and "idle 6.0 core-s" in line
    assert "median 0.300 s, max 0.500 s" in line


PAGE = '# Page\n\n--8<-- "ch/a.py" { exec }\n'


def site_for(root: Path) -> SiteRun:
    (root / "docs").mkdir()
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(PAGE)
    (root / "snippets" / "ch" / "a.py").write_text("print(1)\n")
    return SiteRun(Options(root))


def test_parent_starts_early_only_when_something_must_run(tmp_path: Path):
    site = site_for(tmp_path)
    started = []
    site.executor.start_parent = lambda runs=None: started.append(runs)
    docs = tmp_path / "docs"
    assert prestart.included_snippets(docs) == {"ch/a.py"}
    assert prestart.to_run(site, docs) == 1
    prestart.start_parent_if_needed(site, docs).join()
    assert started == [1]
    site.load({"index.md": PAGE})
    assert site.run().ran == 1  # its result is cached now
    assert started == [1, 1]  # the run asked too: a no-op once started
    started.clear()
    assert prestart.to_run(site, docs) == 0
    prestart.start_parent_if_needed(site, docs).join()
    assert started == []  # nothing to run: not started
    prestart.start_parent_if_needed(site, docs, serving=True).join()
    assert started == [None]  # a server always wants its parent
