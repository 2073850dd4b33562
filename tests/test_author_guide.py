"""Follow "Writing a chapter" literally, in a copy of the repository.

The guide's example snippets, page, nav entry, commands and failure
message are taken from its own code blocks, renamed to a test chapter,
and tried against the real site's configuration. A guide whose examples
or commands no longer work then fails here instead of in a new author's
hands.
"""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from snippet_exec.directive import find_includes
from tests.conftest import DOCS, ROOT

pytestmark = pytest.mark.slow

GUIDE = DOCS / "writing-a-chapter.md"
SLUG = "13_guide_test"  # the test chapter's snippet folder
PAGE = "13-guide-test"  # and its page, without ".md"
# A top-level fenced block: language, optional title, body.
BLOCK_RE = re.compile(
    r'^```(?P<lang>\w+)(?: title="(?P<title>[^"]+)")?\n(?P<body>.*?)^```$',
    re.M | re.S,
)
# The guide leaves the exercise's script to the author; the test's own.
EXERCISE = 'print(f"lr from epoch 20: {0.1 * 0.8**2:.3f}")\n'
EXERCISE_OUTPUT = "lr from epoch 20: 0.064"
PYTHON = ".venv/bin/python"  # how the guide's commands name the venv


def guide_blocks() -> list[tuple[str, str | None, str]]:
    """(language, title, text) of each code block, as a reader sees it.

    A leading ``;`` escapes a ``--8<--`` line from pymdown-extensions'
    snippets, which drops the ``;`` on the page; the test drops it too.
    """
    text = GUIDE.read_text("utf-8")
    return [
        (m["lang"], m["title"], m["body"].replace(";--8<--", "--8<--"))
        for m in BLOCK_RE.finditer(text)
    ]


class Example:
    """The guide's example chapter, renamed to the test chapter."""

    def __init__(self) -> None:
        blocks = guide_blocks()
        titled = {title: body for _, title, body in blocks if title}
        scripts = [t for t in titled if re.match(r"snippets/.*\.py$", t)]
        self.slug = Path(scripts[0]).parent.name
        self.snippets = {Path(t).name: titled[t] for t in scripts}
        page_title = next(t for t in titled if t.startswith("docs/"))
        self.page_name = Path(page_title).stem
        exercises = next(
            body
            for lang, _, body in blocks
            if lang == "markdown" and "??? success" in body
        )
        self.page = self.rename(titled[page_title] + "\n" + exercises)
        self.nav = self.rename(titled["mkdocs.yml"])
        self.failure = self.rename(
            next(body for _, _, body in blocks if "included at docs/" in body)
        )
        self.commands = [
            shlex.split(self.rename(line))
            for lang, _, body in blocks
            if lang == "bash"
            for line in body.splitlines()
            if line.startswith(PYTHON + " ")
        ]

    def rename(self, text: str) -> str:
        text = text.replace(self.slug + "/", SLUG + "/")
        return text.replace(self.page_name + ".md", PAGE + ".md")

    def command(self, *words: str) -> list[str]:
        """The guide's command that contains ``words``, venv's python cut."""
        found = next(c for c in self.commands if set(words) <= set(c))
        return found[1:]


def add_to_nav(mkdocs_yml: str, fragment: str) -> str:
    """Insert the guide's nav entry as the last chapter of its part.

    The fragment shows the part (``  - In Practice:``) and, last, the new
    entry; the entry goes after the part's existing chapters.
    """
    lines = fragment.rstrip("\n").splitlines()
    part = next(line for line in lines if re.match(r"  - .*:$", line))
    out = mkdocs_yml.splitlines()
    at = out.index(part) + 1
    while at < len(out) and out[at].startswith(" " * 6):
        at += 1
    out.insert(at, lines[-1])
    return "\n".join(out) + "\n"


def working_tree() -> list[str]:
    """Files git would commit now: tracked or new, not ignored, present.

    That is everything the build reads (pages, snippets, hooks, theme
    overrides, the engine) and nothing it makes (.venv, site, .cache).
    """
    listed = subprocess.run(
        [
            "git",
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """``args`` run by this interpreter, the venv's, as the guide does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )


def build(repo: Path, out: Path) -> subprocess.CompletedProcess:
    """What ``make build`` runs, into ``out``."""
    return run(["-m", "mkdocs", "build", "--strict", "-d", str(out)], repo)


def problems(printed: str) -> str:
    """The build's warnings and errors, without its page-by-page chatter."""
    return "\n".join(
        line
        for line in printed.splitlines()
        if not line.startswith(("INFO", "  - "))
    )


@pytest.fixture(scope="module")
def example() -> Example:
    return Example()


@pytest.fixture(scope="module")
def repo(tmp_path_factory, example: Example, snippet_results) -> Path:
    """A copy of the repository with the guide's chapter added to it.

    The result cache comes along, at the same relative path, so the other
    chapters' snippets are read from it instead of run again (asking for
    ``snippet_results`` first fills that cache, all cores at once).
    """
    root = tmp_path_factory.mktemp("guide").resolve() / "repo"
    for name in working_tree():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)
    cache = ROOT / ".cache" / "snippet_exec"
    if cache.is_dir():
        skip = shutil.ignore_patterns("*.tmp")  # entries being written
        shutil.copytree(cache, root / ".cache" / "snippet_exec", ignore=skip)
    folder = root / "snippets" / SLUG
    folder.mkdir()
    for name, text in example.snippets.items():
        (folder / name).write_text(text, "utf-8")
    (folder / "exercise_1.py").write_text(EXERCISE, "utf-8")
    (root / "docs" / f"{PAGE}.md").write_text(example.page, "utf-8")
    yml = root / "mkdocs.yml"
    yml.write_text(add_to_nav(yml.read_text("utf-8"), example.nav), "utf-8")
    return root


@pytest.fixture(scope="module")
def cli_runs(repo: Path, example: Example) -> dict[str, str]:
    """Each example snippet run with the guide's ``snippet_exec run``.

    This also fills the copy's cache, so the build does not run them again.
    """
    command = example.command("snippet_exec", "run")
    outputs = {}
    for name in example.snippets:
        target = Path(command[-1]).with_name(name).as_posix()
        done = run([*command[:-1], target], repo)
        assert done.returncode == 0, done.stderr
        outputs[name] = done.stdout
    return outputs


@pytest.fixture(scope="module")
def site(repo: Path, cli_runs) -> Path:
    """The copy built strictly, as ``make build`` does."""
    out = repo.parent / "site"
    done = build(repo, out)
    assert done.returncode == 0, problems(done.stderr)
    return out


def test_guide_shows_what_the_test_needs(example: Example):
    assert len(example.snippets) >= 2
    assert any("plt.show()" in s for s in example.snippets.values())
    assert f'"{SLUG}/exercise_1.py" {{ exec }}' in example.page
    assert len(example.commands) >= 3


def test_cli_reports_output_figures_and_state(
    repo: Path, cli_runs: dict[str, str]
):
    for name, stdout in cli_runs.items():
        last = stdout.rstrip("\n").splitlines()[-1]
        assert re.fullmatch(
            rf"snippets/{SLUG}/{re.escape(name)}: ran, [\d.]+ s", last
        ), stdout
        lines = re.findall(
            r"^figure: (\S+) \(dark theme: (\S+)\)$", stdout, re.M
        )
        for light, dark in lines:
            assert (repo / light).is_file() and (repo / dark).is_file()
    assert any(re.search("^figure: ", out, re.M) for out in cli_runs.values())


def printed_lines(cli_stdout: str) -> str:
    """What the snippet printed: the CLI's report without its own lines."""
    return "\n".join(
        line
        for line in cli_stdout.splitlines()
        if not line.startswith(("figure: ", f"snippets/{SLUG}/"))
    )


def test_page_shows_outputs_and_figure_with_alt(
    site: Path, example: Example, cli_runs: dict[str, str]
):
    page_html = (site / PAGE / "index.html").read_text("utf-8")
    for stdout in cli_runs.values():
        if printed_lines(stdout):
            escaped = html.escape(printed_lines(stdout), quote=False)
            assert escaped in page_html
    assert '<details class="success"' in page_html
    assert EXERCISE_OUTPUT in page_html
    alts = [
        alt
        for include in find_includes(example.page, f"{PAGE}.md")
        for alt in include.alts
    ]
    images = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', page_html)
    # Each figure comes in the light and the dark scheme, same alt text.
    light = [(s, a) for s, a in images if s.endswith("#only-light")]
    dark = [(s, a) for s, a in images if s.endswith("#only-dark")]
    assert len(light) == len(dark) == len(images) // 2
    assert alts and [html.unescape(alt) for _, alt in light] == alts
    assert [alt for _, alt in dark] == [alt for _, alt in light]
    for src, _ in images:
        assert (site / PAGE / src.split("#")[0]).resolve().is_file(), src


def test_page_is_in_the_nav_of_other_pages(site: Path):
    other = (site / "03-single-neuron" / "index.html").read_text("utf-8")
    assert f'href="../{PAGE}/"' in other


def test_plain_run_and_single_test_commands(
    repo: Path, example: Example, cli_runs: dict[str, str], site: Path
):
    """The guide's other two commands; after ``site``, the cache is full."""
    plain = next(c[1:] for c in example.commands if len(c) == 2)
    done = run(plain, repo)
    assert done.returncode == 0, done.stderr
    name = Path(plain[-1]).name
    assert done.stdout.rstrip("\n") == printed_lines(cli_runs[name])
    done = run(example.command("pytest"), repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout


def test_failure_message_is_the_one_the_guide_shows(
    repo: Path, site: Path, example: Example
):
    """Make the guide's typo in the copy and build: the same message,
    line for line (paths are shown from the repository root, so the copy's
    own folder appears nowhere). Needs ``site`` so it breaks the copy after
    the successful build.
    """
    shown = example.failure
    where = re.search(r"^(snippets/\S+\.py):(\d+): ", shown, re.M)
    bad_line = re.search(r"line \d+, in <module>\n\s*(.+)\n", shown)[1]
    path, lineno = repo / where[1], int(where[2])
    original = path.read_text("utf-8")
    lines = original.splitlines(keepends=True)
    indent = re.match(r"\s*", lines[lineno - 1])[0]
    lines[lineno - 1] = indent + bad_line + "\n"
    path.write_text("".join(lines), "utf-8")
    try:
        done = build(repo, repo.parent / "site-broken")
    finally:
        path.write_text(original, "utf-8")
    assert done.returncode != 0
    printed = done.stderr + done.stdout  # "Aborted ..." goes to stdout
    for line in shown.splitlines():
        assert line in printed, problems(printed)
    assert str(repo) not in printed.split("ERROR", 1)[1]
