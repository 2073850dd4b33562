"""Merging the caches of a build's shards: copying, minus what is broken."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

from snippet_exec import merge
from tests.tiny_site import build, engine, make_tiny_site


def _pages(site_dir) -> dict[str, str]:
    """Every page's HTML, the run's seconds in the provenance line blanked
    (two runs never take the same time)."""
    return {
        p.relative_to(site_dir).as_posix(): re.sub(
            r"[\d.]+ s in all", "N s in all", p.read_text("utf-8")
        )
        for p in sorted(site_dir.rglob("*.html"))
    }


def test_three_shards_merged_build_with_no_runs_and_same_pages(tmp_path):
    one = make_tiny_site(tmp_path / "one")
    done = build(one, tmp_path / "one-site")
    assert done.returncode == 0, done.stderr
    assert "5 snippets, 5 ran, 0 cached" in done.stderr

    many = make_tiny_site(tmp_path / "many")
    for k in (1, 2, 3):  # three processes, three cache folders
        done = engine(many, "run", "--shard", f"{k}/3", "--cache-dir", f"s{k}")
        assert done.returncode == 0, done.stderr
    assert not (many / ".cache").exists()
    done = engine(many, "merge", "s1", "s2", "s3")
    assert done.returncode == 0, done.stderr
    assert "5 entries" in done.stdout
    done = build(many, tmp_path / "many-site")
    assert done.returncode == 0, done.stderr
    assert "5 snippets, 0 ran, 5 cached" in done.stderr
    assert _pages(tmp_path / "many-site") == _pages(tmp_path / "one-site")
    figures = sorted((tmp_path / "one-site" / "figures").iterdir())
    assert figures  # the curve snippet drew one
    for figure in figures:
        merged = tmp_path / "many-site" / "figures" / figure.name
        assert merged.read_bytes() == figure.read_bytes()


def _entry(folder, name: str, figures: list) -> dict:
    data = {
        "path": f"snippets/{name}.py",
        "duration": 1.0,
        "chunks": [{"output": "", "figures": figures}],
    }
    key = hashlib.sha256(name.encode()).hexdigest()
    (folder / f"{key}.json").write_text(json.dumps(data))
    return data


def _blob(folder, data: bytes) -> str:
    name = hashlib.sha256(data).hexdigest() + ".svg"
    (folder / "blobs").mkdir(exist_ok=True)
    (folder / "blobs" / name).write_bytes(data)
    return name


def test_broken_entries_and_files_are_skipped_with_a_warning(tmp_path):
    shard, target = tmp_path / "shard", tmp_path / "cache"
    shard.mkdir()
    good_blob = _blob(shard, b"<svg>good</svg>")
    _entry(shard, "good", [{"light": good_blob, "dark": good_blob}])
    _entry(shard, "inline", ["<svg>an older entry's whole figure</svg>"])
    bad_blob = _blob(shard, b"<svg>cut sh")
    (shard / "blobs" / bad_blob).write_bytes(b"<svg>cut")  # cut short
    _entry(shard, "lost", [{"light": bad_blob, "dark": bad_blob}])
    (shard / ("e" * 64 + ".json")).write_text('{"path": "snippets/x.py", "du')
    (shard / "tmpa8f3.tmp").write_text("{")
    (shard / "notebooks").mkdir()
    (shard / "notebooks" / "ch.ipynb").write_text("{}")

    done = engine(tmp_path, "merge", "shard", "--into", "cache")
    assert done.returncode == 0, done.stderr
    warnings = done.stderr.splitlines()
    assert len(warnings) == 4, done.stderr
    assert all(w.startswith("snippet-exec merge: warning: ") for w in warnings)
    for why in (bad_blob, "e" * 64, "tmpa8f3.tmp", "names figure file"):
        assert any(why in w for w in warnings), why
    copied = sorted(
        p.relative_to(target).as_posix() for p in target.rglob("*")
    )
    good = hashlib.sha256(b"good").hexdigest() + ".json"
    inline = hashlib.sha256(b"inline").hexdigest() + ".json"
    assert copied == sorted(["blobs", f"blobs/{good_blob}", good, inline])

    # Merging again copies nothing: every name is already there.
    again = merge.merge([shard], target)
    assert (again.entries, again.blobs, again.present) == (0, 0, 3)


def test_merge_into_the_project_cache_by_default(tmp_path):
    make_tiny_site(tmp_path)
    (tmp_path / "s1").mkdir()
    _entry(tmp_path / "s1", "one", [])
    assert engine(tmp_path, "merge", "s1").returncode == 0
    cache = tmp_path / ".cache" / "snippet_exec"
    assert [p.suffix for p in cache.iterdir()] == [".json"]
    shutil.rmtree(tmp_path / "s1")
    missing = engine(tmp_path, "merge", "s1")
    assert missing.returncode == 2
    assert "no such cache folder" in missing.stderr
