"""Figures as authors write them, each a snippet and its include line on a
page built with ``mkdocs build`` (issue 15, items 5 and 9; issue 20, items
2 and 6), in tiny sites in temporary folders.

One site holds the cases that must build, one the cases that must fail;
each test reads its own case from the built page or the build's message.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from tests.test_build_failures import MKDOCS_YML

pytestmark = pytest.mark.slow

SNIPPETS = {
    # 15.9: axes made in one section, drawn on in the next.
    "across.py": """
        import matplotlib.pyplot as plt
        # --8<-- [start:setup]
        fig, ax = plt.subplots()
        # --8<-- [end:setup]
        # --8<-- [start:draw]
        ax.plot([0, 1, 2], [0, 1, 4], color="tab:red")
        # --8<-- [end:draw]
        """,
    # 15.9, a variant: drawn on in two sections, shown once, at the last.
    "twice.py": """
        import matplotlib.pyplot as plt
        # --8<-- [start:first]
        fig, ax = plt.subplots()
        ax.plot([1, 2])
        # --8<-- [end:first]
        # --8<-- [start:second]
        ax.plot([2, 1])
        # --8<-- [end:second]
        """,
    # 15.5: 200,000 points.
    "dense.py": """
        import matplotlib.pyplot as plt
        import numpy as np
        points = np.random.default_rng(0).normal(size=(200_000, 2))
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.scatter(points[:, 0], points[:, 1], s=1, alpha=0.3)
        """,
    # 20.6: an animation left open.
    "film.py": """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.set_xlim(0, 5)
        (dot,) = ax.plot([], [], "o")
        anim = FuncAnimation(
            fig, lambda i: dot.set_data([i], [1]), frames=5, interval=50
        )
        plt.show()
        """,
}
PAGE = """\
# Figures

--8<-- "ch/across.py:setup" { exec }

--8<-- "ch/across.py:draw" { exec alt="A red line rising from 0 to 4" }

--8<-- "ch/twice.py:first" { exec }

--8<-- "ch/twice.py:second" { exec alt="Two lines crossing in an X" }

--8<-- "ch/dense.py" { exec alt="A round cloud of 200,000 points" }

--8<-- "ch/film.py" { exec alt="A dot moving right along a line" }
"""

FAILING = {
    # 20.2: a mathtext error raised only when the figure is drawn.
    "badmath.py": """
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.set_title(r"$\\frac{1}$")
        """,
    # 20.2, a variant: usetex on a machine without LaTeX.
    "usetex.py": """
        import matplotlib.pyplot as plt
        plt.rcParams["text.usetex"] = True
        plt.plot([1, 2])
        plt.xlabel("epoch")
        """,
    # 15.5, a variant: dense and far too large to be a page's PNG.
    "huge.py": """
        import matplotlib.pyplot as plt
        import numpy as np
        plt.figure(figsize=(90, 90))
        plt.scatter(*np.random.default_rng(0).normal(size=(2, 100_000)))
        """,
    # 20.6, a variant: more frames than a page keeps.
    "long.py": """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        fig, ax = plt.subplots(figsize=(2, 2))
        anim = FuncAnimation(fig, lambda i: None, frames=1000)
        """,
}
FAILING_ALT = "A figure that cannot be drawn"
FAILING_PAGE = "# Failing figures\n\n" + "\n\n".join(
    f'--8<-- "ch/{name}" {{ exec alt="{FAILING_ALT}" }}' for name in FAILING
)


def build(root: Path) -> subprocess.CompletedProcess:
    """``mkdocs build``, not strict, with room for a loaded machine."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=900,
    )


def make_site(root: Path, snippets: dict[str, str], page: str) -> None:
    (root / "docs").mkdir(parents=True)
    (root / "snippets" / "ch").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(timeout=120))
    for name, source in snippets.items():
        path = root / "snippets" / "ch" / name
        path.write_text(textwrap.dedent(source))
    (root / "docs" / "index.md").write_text(page)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """The site of figures that must build, and its page."""
    root = tmp_path_factory.mktemp("figures-site")
    make_site(root, SNIPPETS, PAGE)
    done = build(root)
    assert done.returncode == 0, done.stderr
    return root, (root / "site" / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def failed(tmp_path_factory) -> tuple[Path, str]:
    """The site of figures that cannot be drawn, and the build's message."""
    root = tmp_path_factory.mktemp("failing-figures-site")
    make_site(root, FAILING, FAILING_PAGE + "\n")
    done = build(root)
    assert done.returncode != 0
    return root, done.stderr


def blocks(page: str) -> list[str]:
    """The HTML each include placed: what follows its code block. The
    folded set-up lines above a section ("file.py, line 2") place none."""
    parts = page.split('<span class="filename">snippets/ch/')[1:]
    return [p for p in parts if not re.match(r"[^<]*, line \d+</span>", p)]


def figures(block: str) -> list[tuple[str, str]]:
    """(src, alt) of each image in one include's results."""
    return re.findall(r'<img src="([^"]+)" alt="([^"]*)"', block)


def test_a_figure_drawn_across_sections_shows_under_the_last(built):
    _, page = built
    setup, draw = blocks(page)[:2]
    assert figures(setup) == []
    [light, dark] = figures(draw)
    assert light[0].endswith(".svg#only-light")
    assert dark[0].endswith(".svg#only-dark")
    assert light[1] == dark[1] == "A red line rising from 0 to 4"


def test_a_figure_drawn_on_twice_is_shown_once(built):
    _, page = built
    first, second = blocks(page)[2:4]
    assert figures(first) == []
    assert len(figures(second)) == 2  # one figure, in two schemes


def test_a_dense_figure_is_a_png_in_both_themes(built):
    root, page = built
    [light, dark] = figures(blocks(page)[4])
    assert light[0].endswith(".png#only-light")
    assert dark[0].endswith(".png#only-dark")
    for src, _ in (light, dark):
        png = root / "site" / src.split("#")[0]
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size < 1_000_000
    assert re.search(r'\.png#only-light" alt="[^"]+" width="\d+"', page)


def test_an_animation_plays_with_a_still_for_reduced_motion(built):
    root, page = built
    film = blocks(page)[5]
    [light, dark] = figures(film)
    assert light[0].endswith(".webp#only-light")
    assert dark[0].endswith(".webp#only-dark")
    stills = re.findall(
        r'<source srcset="([^"]+\.png)" '
        r'media="\(prefers-reduced-motion: reduce\)">',
        film,
    )
    assert len(stills) == 2
    for src in [light[0].split("#")[0], *stills]:
        assert (root / "site" / src).is_file()


def test_the_notebook_shows_an_animation_as_its_still(built):
    root, _ = built
    notebook = nbformat.reads(
        (root / "site" / "notebooks" / "index.ipynb").read_text(), 4
    )
    outputs = [
        output
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        and "film.py" in cell["metadata"]["snippet"]
        for output in cell["outputs"]
    ]
    [still] = [o for o in outputs if o["output_type"] == "display_data"]
    assert still["data"]["text/plain"] == "A dot moving right along a line"
    assert still["data"]["image/png"].startswith("iVBORw0KGgo")  # PNG
    assert still["metadata"]["image/png"] == {"width": 400, "height": 300}


def test_a_mathtext_error_is_the_snippets_failure_at_its_line(failed):
    root, stderr = failed
    assert (
        "snippets/ch/badmath.py:4: figure 1 (drawn outside any section) "
        "could not be drawn: ValueError:" in stderr
    )
    assert "included at docs/index.md:3" in stderr
    assert "ended abruptly" not in stderr
    assert not (root / "site" / "index.html").exists()
    assert not list((root / ".cache").rglob("*.json"))


def test_usetex_without_latex_fails_at_the_text_it_cannot_set(failed):
    _, stderr = failed
    assert re.search(
        r"snippets/ch/usetex\.py:5: figure 1 \(drawn outside any section\) "
        r"could not be drawn: RuntimeError: .*latex could not be found.*"
        r"the failing text is 'epoch'",
        stderr,
    )


def test_a_figure_too_large_names_its_size_and_the_fix(failed):
    _, stderr = failed
    assert re.search(
        r"snippets/ch/huge\.py:4: figure 1 \(drawn outside any section\) "
        r"is 18000 x 18000 pixels as a PNG, .*figsize",
        stderr,
    )


def test_an_animation_over_the_cap_fails_at_its_line(failed):
    _, stderr = failed
    assert re.search(
        r"snippets/ch/long\.py:5: figure 1 \(drawn outside any section\) "
        r"is an animation of 1000 frames, and a page keeps at most 100",
        stderr,
    )
