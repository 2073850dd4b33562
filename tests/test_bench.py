"""The benchmark script's pure helpers: tables, medians, targets, parsing.

Nothing here builds a site or times anything; ``make bench`` does that.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import (
    bench,
    load,
    notebooks,
    report,
    rows,
    serve,
    stats,
    tables,
    weights,
    workspace,
)
from snippet_exec.schedule import Schedule

MEDIANS = {
    "clean": 60.0,
    "naive": 400.0,
    "jupyter": 300.0,
    "warm": 10.0,
    "plain": 9.0,
    "edit": 10.5,
    "snippet_sum": 100.0,
    "edit_snippet": 0.1,
}


def test_median_of_odd_and_even_runs():
    assert stats.median([3.0, 1.0, 2.0]) == 2.0
    assert stats.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        stats.median([])


def test_floor_spreads_snippets_over_the_cores():
    assert stats.floor_seconds(100.0, 2, 9.0) == 59.0
    assert stats.floor_seconds(100.0, 0, 9.0) == 109.0  # no zero division


def test_targets_as_ratios():
    targets = stats.check_targets(MEDIANS, cores=2)
    floor = 59.0
    by_formula = {t.formula: t for t in targets}
    clean = by_formula["1.15 × floor"]
    assert clean.limit == pytest.approx(1.15 * floor) and clean.passed
    warm = by_formula["1.1 × plain MkDocs"]
    assert warm.limit == pytest.approx(9.9) and not warm.passed
    edit = by_formula["plain MkDocs + the snippet's run time + 1 s"]
    assert edit.limit == pytest.approx(10.1) and not edit.passed
    jupyter = by_formula["mkdocs-jupyter `execute: true` / 2"]
    assert jupyter.limit == pytest.approx(150.0) and jupyter.passed


def test_serve_and_memory_targets_when_those_rows_ran():
    medians = {
        **MEDIANS,
        "serve_snippet": 2.5,
        "serve_snippet_own": 0.1,
        "serve_prose": 1.6,
        "server_first": 200.0,
        "server_last": 230.0,
    }
    by_text = {t.text: t for t in stats.check_targets(medians, cores=2)}
    snippet = by_text["4. serve, snippet edit to visible"]
    assert snippet.limit == pytest.approx(2.1) and not snippet.passed
    assert not by_text["4. serve, prose edit to visible"].passed
    memory = by_text["5. memory of the server process after the last rebuild"]
    assert memory.limit == pytest.approx(220.0) and not memory.passed
    assert "MiB" in memory.line()
    assert not any("warm parent" in text for text in by_text)


def test_jupyter_target_is_left_out_when_that_row_failed():
    medians = {k: v for k, v in MEDIANS.items() if k != "jupyter"}
    targets = stats.check_targets(medians, cores=2)
    assert len(targets) == 3
    assert all("jupyter" not in t.formula for t in targets)


def test_target_line_says_pass_or_fail():
    line = stats.Target("clean build", 2.0, 1.0, "1.3 × floor").line()
    assert line == "- **FAIL**: clean build: 2.0 s ≤ 1.3 × floor = 1.0 s"
    assert "**PASS**" in stats.Target("x", 1.0, 1.0, "y").line()


def test_table_is_markdown_and_lines_up():
    table = tables.format_table(
        ["Name", "Time"], [["clean", "1.0 s"], ["naive", "12.5 s"]], "-r"
    )
    lines = table.splitlines()
    assert lines[0] == "| Name  |   Time |"
    assert lines[1] == "| ----- | -----: |"
    assert lines[3] == "| naive | 12.5 s |"
    assert len({len(line) for line in lines}) == 1


def test_time_row_shows_median_and_every_run():
    row = tables.time_row("Clean", [12.0, 10.0, 11.04])
    assert row == ["Clean", "11.0 s", "12.0 · 10.0 · 11.0"]
    assert tables.format_seconds(1.234) == "1.23 s"


def test_page_snippets_are_distinct_and_in_page_order():
    page = "\n".join(
        [
            '--8<-- "ch/b.py:one" { exec }',
            "```text",
            '--8<-- "ch/shown_only.py" { exec }',
            "```",
            '--8<-- "ch/a.py" { exec alt="A line rising to the right" }',
            '--8<-- "ch/b.py:two" { exec }',
        ]
    )
    assert workspace.page_snippets(page, "ch.md") == ["ch/b.py", "ch/a.py"]


def test_notebook_obstacles():
    assert notebooks.notebook_obstacle("x = 1\n", {"helper"}) is None
    assert "__file__" in notebooks.notebook_obstacle(
        "print(__file__)\n", set()
    )
    reason = notebooks.notebook_obstacle("import helper\n", {"helper"})
    assert reason == "imports the local module `helper`"
    assert notebooks.notebook_obstacle("from helper import f\n", {"helper"})
    assert notebooks.notebook_obstacle("import torch\n", {"helper"}) is None


def test_notebook_has_a_labelled_cell_per_snippet():
    notebook = notebooks.make_notebook("3. A Neuron", [("ch/a.py", "x = 1\n")])
    assert notebook.cells[0].source == "# 3. A Neuron"
    assert notebook.cells[1].cell_type == "code"
    assert notebook.cells[1].source == "# snippets/ch/a.py\nx = 1\n"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_failed_cell_is_found_in_the_build_log():
    # As mkdocs-jupyter logs it: the cell quoted, then a coloured traceback.
    log = "\n".join(
        [
            "INFO    -  Converting notebook (execute=True): /t/docs/02.ipynb",
            "ERROR   -  Error reading page '02.ipynb': An error occurred "
            "while executing the following cell:",
            "------------------",
            "# snippets/02_ch/dynamic_graph.py",
            '"""Docstring."""',
            "print(__file__)",
            "------------------",
            "",
            "\x1b[31mNameError\x1b[39m         Traceback (most recent call "
            "last)",
            "\x1b[32m----> \x1b[39m\x1b[32m2\x1b[39m print(__file__)",
            "\x1b[31mNameError\x1b[39m: name '__file__' is not defined",
            "Traceback (most recent call last):",
            "nbclient.exceptions.CellExecutionError: An error occurred",
        ]
    )
    assert notebooks.failed_cell(log) == (
        "02_ch/dynamic_graph.py",
        "NameError: name '__file__' is not defined",
    )
    assert notebooks.failed_cell("all fine") is None


def test_chapter_title():
    text = "---\nhide: [toc]\n---\n\n# 2. Tensors\n\nText"
    assert notebooks.chapter_title(text, "x.md") == "2. Tensors"
    assert notebooks.chapter_title("no heading", "x.md") == "x.md"


def test_page_weight_counts_each_referenced_figure_once(tmp_path: Path):
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "aa11.svg").write_bytes(b"x" * 100)
    (figures / "bb22.svg").write_bytes(b"x" * 50)
    (figures / "cc33.svg").write_bytes(b"x" * 7)  # on no page
    page = tmp_path / "ch" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<a href="../figures/aa11.svg"><img src="../figures/aa11.svg"></a>'
        '<img src="../figures/bb22.svg" alt="b">'
    )
    weight = weights.page_weight("ch.md", page)
    assert (weight.figures, weight.figure_bytes) == (2, 150)
    assert weight.total == page.stat().st_size + 150
    table = weights.weight_table([weight, weight])
    assert "**all pages**" in table and "4 · 0.3 KiB" in table


def test_selected_pages_leave_out_this_benchmarks_page():
    names = [
        "index.md",
        "how-this-site-is-built.md",
        "01-a.md",
        "02-b.md",
        "03-c.md",
    ]
    assert workspace.selected_pages(names, quick=False) == [
        "01-a.md",
        "02-b.md",
        "03-c.md",
        "index.md",
    ]
    assert workspace.selected_pages(names, quick=True) == [
        "01-a.md",
        "02-b.md",
        "index.md",
    ]


def test_smallest_snippet_breaks_ties_by_name():
    durations = {"snippets/b.py": 0.1, "snippets/a.py": 0.1, "c.py": 2.0}
    assert stats.smallest_snippet(durations) == "snippets/a.py"


def test_quick_means_one_run_and_no_results_file():
    args = bench.parse_args(["--quick", "--runs", "5"])
    assert args.runs == 1 and args.output is None
    assert bench.parse_args([]).output == bench.RESULTS
    with pytest.raises(SystemExit):
        bench.parse_args(["--runs", "0"])


def test_copy_leaves_out_pages_not_selected_but_keeps_other_files():
    files = [
        "docs/01-a.md",
        "docs/02-b.md",
        "docs/how-this-site-is-built.md",
        "docs/stylesheets/extra.css",
        "overrides/main.html",
        "snippets/01_a/x.py",
    ]
    assert workspace.files_to_copy(files, ["01-a.md"]) == [
        "docs/01-a.md",
        "docs/stylesheets/extra.css",
        "overrides/main.html",
        "snippets/01_a/x.py",
    ]


def test_report_fills_every_field():
    ws = workspace.Workspace(Path("/nonexistent"), ["01-a.md"])
    ws.snippets = {"01-a.md": ["01_a/x.py", "01_a/y.py"]}
    ws.dropped = {"01_a/y.py": "uses `__file__`"}
    results = rows.Results()
    for row, seconds in MEDIANS.items():
        if row != "edit_snippet":
            results.runs[row] = [seconds, seconds + 1, seconds - 1]
    results.durations = [{"snippets/01_a/x.py": 0.1}] * 3
    results.edit_snippet = "snippets/01_a/x.py"
    results.ran = {"warm": [0, 0, 0], "edit": [1, 1, 1]}
    results.weights = [weights.PageWeight("01-a.md", 2048, 1, 1024)]
    info = {
        "cores": "2",
        "cpu": "Test CPU",
        "python": "3.11.7",
        "load": "1.0",
        "load_start": "2.0",
        "torch": "2.13.0",
        "mkdocs": "1.6.1",
        "mkdocs-material": "9.8.2",
        "mkdocs-jupyter": "0.26.3",
    }
    text = report.render(ws, results, info, "python bench/bench.py")
    assert "{" not in text and "}" not in text
    assert "Python 3.11.7" in text
    assert "1 page run 2 snippet files" in text
    assert "### Targets: 2 of 5 held" in text  # 1, 2 fail; 6 has no loads
    assert "| 1. Clean build, empty cache (ours)" in text
    assert "`01_a/y.py`, which uses `__file__`" in text


def test_a_run_is_busy_when_its_load_rose_above_the_cores():
    quiet, busy = load.Load(0.5, 1.9), load.Load(1.2, 2.6)
    assert not quiet.busy(cores=2) and busy.busy(cores=2)
    assert load.loads_cell([quiet, busy], cores=2) == "0.5–1.9 · 1.2–2.6†"
    assert load.loads_cell([], cores=2) == "–"


def test_the_sampler_records_the_load_of_its_run():
    with load.LoadSampler(every=0.01) as sampler:
        sum(range(10_000))
    assert 0 <= sampler.load.start <= sampler.load.peak


def test_report_shows_each_runs_load():
    results = rows.Results()
    for row, seconds in MEDIANS.items():
        if row != "edit_snippet":
            results.add(row, seconds, load.Load(1.0, 2.5))
    results.durations = [{"a.py": 0.1}]
    results.edit_snippet = "a.py"
    table = report.times_table(results, cores=2)
    clean = next(x for x in table.splitlines() if "1. Clean" in x)
    assert clean.rstrip(" |").endswith("1.0–2.5†")
    floor = next(x for x in table.splitlines() if "Floor" in x)
    assert "1.0–2.5†" in floor  # a derived row shows its source run's load


def test_the_engines_schedule_line_is_read_back(tmp_path: Path):
    schedule = Schedule(workers=2)
    schedule.add(0.0, 10.0, own=9.5)
    schedule.add(0.0, 4.0, own=3.9)
    ws = workspace.Workspace(tmp_path, [])
    ws.logs.mkdir()
    (ws.logs / "clean.log").write_text(f"INFO    -  {schedule.line()}\n")
    found = rows.schedule_of(ws, "clean")
    assert found["idle"] == pytest.approx(6.0)
    assert found["median"] == pytest.approx(0.3)
    assert found["max"] == pytest.approx(0.5)
    results = rows.Results(schedules=[found])
    shown = report.engine_rows(results)
    assert shown["idle"][1] == "6.00 s"
    assert shown["overhead"][1] == "0.300 s"


def test_serve_rows_edit_the_fastest_shown_snippet(tmp_path: Path):
    ws = workspace.Workspace(tmp_path, ["01-a.md"])
    (ws.repo / "docs").mkdir(parents=True)
    (ws.repo / "docs" / "01-a.md").write_text(
        '--8<-- "a/slow.py" { exec }\n--8<-- "a/parts.py:one" { exec }\n'
    )
    ws.snippets = {"01-a.md": ["a/slow.py", "a/parts.py"]}
    durations = {"snippets/a/slow.py": 3.0, "snippets/a/parts.py": 0.01}
    found = serve.shown_snippet(ws, durations)
    assert found == ("01-a.md", "a/parts.py", "one")
    source = "x = 1\n# --8<-- [start:one]\ny = 2\n# --8<-- [end:one]\nz\n"
    edited = serve.print_line_added(source, "one", "new")
    added, marker = edited.splitlines()[3:5]
    assert added == "print('n' + 'ew')" and marker == "# --8<-- [end:one]"
    assert serve.print_line_added("x\n", None, "ab") == "x\nprint('a' + 'b')\n"
