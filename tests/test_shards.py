"""Shards from recorded durations: ``plan`` and ``run --shard K/N``."""

from __future__ import annotations

import pytest

from snippet_exec import durations, shards
from tests.conftest import ROOT
from tests.tiny_site import engine, make_tiny_site


def test_three_shards_of_this_repository_are_balanced(snippet_results):
    # snippet_results has run every snippet, so the cache records them all.
    layout = shards.Layout.of(ROOT)
    included = sorted(shards.pages_of(layout))
    known = durations.recorded(layout.cache)
    assert set(included) <= set(known)
    plan = shards.plan_site(layout, 3)
    assigned = sorted(rel for shard in plan for rel in shard.snippets)
    assert assigned == included  # each snippet on exactly one shard
    ideal = sum(shard.seconds for shard in plan) / 3
    longest = max(plan, key=lambda shard: shard.seconds)
    assert longest.seconds <= 1.15 * ideal or (
        len(longest.snippets) == 1 and longest.seconds > ideal
    ), shards.describe(plan)


def test_longest_first_and_lone_snippets_cost_the_whole_machine():
    seconds = {"a.py": 8.0, "b.py": 4.0, "c.py": 4.0, "d.py": 2.0}
    plan = shards.plan(seconds, {"d.py"}, 2, jobs=2)
    # Shared snippets run two at a time (half their seconds each); the lone
    # one has the machine to itself.
    assert [s.snippets for s in plan] == [["a.py", "d.py"], ["b.py", "c.py"]]
    assert [s.seconds for s in plan] == [6.0, 4.0]
    # Every machine computes the same plan.
    assert shards.plan(seconds, {"d.py"}, 2, jobs=2) == plan


def test_a_snippet_never_run_counts_as_the_median():
    known = {"a.py": 1.0, "b.py": 3.0, "c.py": 10.0}
    planned = ["a.py", "b.py", "c.py", "new.py"]
    assert durations.estimate(planned, known)["new.py"] == 3.0
    assert durations.estimate(["x.py"], {}) == {
        "x.py": durations.UNKNOWN_SECONDS
    }


def test_durations_come_from_each_snippets_newest_entry(tmp_path):
    old = tmp_path / ("a" * 64 + ".json")
    new = tmp_path / ("b" * 64 + ".json")
    old.write_text('{"path": "s/x.py", "duration": 9.0, "chunks": []}')
    new.write_text('{"path": "s/x.py", "duration": 2.0, "chunks": []}')
    (tmp_path / ("c" * 64 + ".json")).write_text('{"path": "s/y.py"')
    import os

    os.utime(old, (1_000, 1_000))
    assert durations.recorded(tmp_path) == {"s/x.py": 2.0}


@pytest.mark.parametrize("spec", ["0/3", "4/3", "3", "a/b", "1/0"])
def test_a_shard_that_does_not_exist_is_refused(spec):
    with pytest.raises(shards.ShardError):
        shards.parse_spec(spec)


def test_plan_prints_each_shard_and_its_expected_seconds(tmp_path):
    site = make_tiny_site(tmp_path)
    done = engine(site, "plan", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("2 shards, ")
    assert sum(line.startswith("shard ") for line in lines) == 2
    assert "s expected" in lines[1]
    listed = sorted(line.strip() for line in lines if line.startswith("  "))
    assert listed == sorted(shards.pages_of(shards.Layout.of(site)))


def test_a_shard_runs_only_its_own_snippets(tmp_path):
    site = make_tiny_site(tmp_path)
    plan = shards.plan_site(shards.Layout.of(site), 2)
    done = engine(site, "run", "--shard", "2/2", "--cache-dir", "out")
    assert done.returncode == 0, done.stderr
    ran = {
        line.split()[1]
        for line in done.stdout.splitlines()
        if line.startswith("snippet-exec: snippets/") and " ran, " in line
    }
    assert ran == set(plan[1].snippets)
    stored = {
        d["path"] for _, d in durations.newest_entries(site / "out").values()
    }
    assert stored == set(plan[1].snippets)
    assert not (site / ".cache").exists()  # the project cache is untouched


def test_missing_plans_only_what_the_cache_lacks(tmp_path):
    site = make_tiny_site(tmp_path)
    assert engine(site, "run", "--shard", "1/1").returncode == 0
    (site / "snippets" / "ch" / "words.py").write_text("print('changed')\n")
    done = engine(site, "plan", "2", "--missing")
    assert done.returncode == 0, done.stderr
    listed = [line.strip() for line in done.stdout.splitlines()]
    assert [rel for rel in listed if rel.startswith("snippets/")] == [
        "snippets/ch/words.py"
    ]
    count = engine(site, "plan", "--count-for", "1000", "--missing")
    assert count.stdout.strip() == "1"


def test_count_for_gives_the_fewest_shards_short_enough(tmp_path):
    site = make_tiny_site(tmp_path)  # nothing recorded: 1 s per snippet
    layout = shards.Layout.of(site)
    one = shards.plan_site(layout, 1)[0].seconds
    assert shards.count_for(layout, one, 8) == 1
    assert shards.count_for(layout, one / 2, 8) >= 2
    assert shards.count_for(layout, 0.0, 3) == 3
