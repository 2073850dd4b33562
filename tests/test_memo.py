"""The memo of derived text: keyed by content, one entry per name, and a
chapter's notebook key that changes with anything the notebook shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from snippet_exec.directive import scan_page
from snippet_exec.executor import ChunkResult, RunResult
from snippet_exec.memo import TextMemo, digest
from snippet_exec.notebook import chapter_notebook, notebook_key

PAGE = '# 1. A chapter\n\nText.\n\n--8<-- "ch/a.py" { exec }\n'


def test_digest_separates_its_parts():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_memo_keeps_one_entry_per_name(tmp_path: Path):
    memo = TextMemo(tmp_path)
    made = []
    assert memo.get_or_make("a.md", "k1", lambda: made.append(1) or "one")
    assert memo.get_or_make("a.md", "k1", lambda: "not called") == "one"
    memo.put("a.md.x", "k9", "another name")
    memo.put("a.md", "k2", "two")
    assert memo.get("a.md", "k1") is None and memo.get("a.md", "k2") == "two"
    assert memo.get("a.md.x", "k9") == "another name"
    assert made == [1] and not list(tmp_path.glob("*.tmp"))


def test_a_failed_make_stores_nothing(tmp_path: Path):
    memo = TextMemo(tmp_path)

    def fail() -> str:
        raise ValueError("bad TeX")

    with pytest.raises(ValueError):
        memo.get_or_make("p", "k", fail)
    assert memo.get("p", "k") is None and not list(tmp_path.iterdir())


def test_notebook_key_follows_page_source_and_results(tmp_path: Path):
    snippets = tmp_path / "snippets"
    (snippets / "ch").mkdir(parents=True)
    (snippets / "ch" / "a.py").write_text('print("hi")\n')
    includes = [i for i in scan_page(PAGE, "ch.md") if hasattr(i, "path")]

    def key(page: str, output: str) -> str:
        result = RunResult("snippets/ch/a.py", [ChunkResult(1, [], output)], 0)
        args = (page, includes, {"snippets/ch/a.py": result})
        notebook = chapter_notebook(*args, snippets, tmp_path)
        assert output.strip() in notebook  # the key covers what it shows
        return notebook_key(*args, snippets, tmp_path)

    first = key(PAGE, "hi\n")
    assert key(PAGE, "hi\n") == first
    assert key(PAGE, "hello\n") != first
    assert key(PAGE + "\nMore prose.\n", "hi\n") != first
    (snippets / "ch" / "a.py").write_text('print("hi")  # edited\n')
    assert key(PAGE, "hi\n") != first
    (snippets / "ch" / "helper.py").write_text("")
    assert key(PAGE, "hi\n") != first
    shown = PAGE + '\n```python\n--8<-- "ch/shown.py"\n```\n'
    (snippets / "ch" / "shown.py").write_text("x = 1\n")
    before = key(shown, "hi\n")
    (snippets / "ch" / "shown.py").write_text("x = 2\n")
    assert key(shown, "hi\n") != before  # a plain include's file changed
