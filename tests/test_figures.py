"""Figures through the real executor: kept across sections, dense ones as
PNG, both themes, animations, and errors while the engine draws them.

Each test runs a small snippet written here in a forked child, as the
build does, and reads the figure files the run stored.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from snippet_exec.blobs import FigureRecord
from snippet_exec.cache import ResultCache
from snippet_exec.executor import Executor, Limits, RunResult
from snippet_exec.palette import DARK_FACE, INK

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("figures")


@pytest.fixture(scope="module")
def executor(workspace) -> Executor:
    return Executor(workspace, Limits(timeout=120), jobs=2)


def run(executor: Executor, workspace: Path, name: str, source: str):
    path = workspace / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return executor.run(path)


def svg(result: RunResult, name: str) -> str:
    return result.blobs.read(name).decode("utf-8")


def hex_colour(rgb) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


ACROSS_SECTIONS = """
    import matplotlib.pyplot as plt
    # --8<-- [start:setup]
    fig, ax = plt.subplots()
    # --8<-- [end:setup]
    print("between")
    # --8<-- [start:draw]
    ax.plot([0, 1, 2], [0, 1, 4], color="tab:red")
    # --8<-- [end:draw]
    """


def test_a_figure_open_at_a_section_end_shows_where_last_changed(
    executor, workspace
):
    """15.9: axes made in ``setup``, drawn on in ``draw``."""
    result = run(executor, workspace, "across.py", ACROSS_SECTIONS)
    assert result.ok, result.error
    assert result.select("setup")[1] == []
    [figure] = result.select("draw")[1]
    light = svg(result, figure.light)
    assert "#d62728" in light, "the line drawn in 'draw' is in the figure"
    assert figure.number == 1 and figure.kind == "image"


def test_a_figure_changed_in_two_sections_shows_once_under_the_last(
    executor, workspace
):
    """15.9, a variant: untouched sections do not show it again, and a
    second figure made meanwhile keeps its own place."""
    result = run(
        executor,
        workspace,
        "twice.py",
        """
        import matplotlib.pyplot as plt
        # --8<-- [start:first]
        fig, ax = plt.subplots()
        ax.plot([1, 2], color="tab:blue")
        # --8<-- [end:first]
        # --8<-- [start:other]
        other = plt.figure()
        plt.plot([3, 1], color="tab:green")
        # --8<-- [end:other]
        # --8<-- [start:idle]
        print(ax.get_xlim() is not None)
        # --8<-- [end:idle]
        # --8<-- [start:second]
        ax.plot([2, 1], color="tab:orange")
        # --8<-- [end:second]
        """,
    )
    assert result.ok, result.error
    assert result.select("first")[1] == []
    assert [f.number for f in result.select("other")[1]] == [2]
    assert result.select("idle")[1] == []
    [figure] = result.select("second")[1]
    light = svg(result, figure.light)
    assert "#1f77b4" in light and "#ff7f0e" in light
    # The current figure is still the snippet's: plt.plot drew on figure 2.
    assert "#2ca02c" in svg(result, result.select("other")[1][0].light)


def test_a_dense_figure_is_stored_as_a_png(executor, workspace):
    """15.5: 200,000 points are an SVG of megabytes; the page gets a PNG
    at twice the figure's resolution, shown at its size."""
    result = run(
        executor,
        workspace,
        "dense.py",
        """
        import matplotlib.pyplot as plt
        import numpy as np
        rng = np.random.default_rng(0)
        points = rng.normal(size=(200_000, 2))
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.scatter(points[:, 0], points[:, 1], s=1, alpha=0.3)
        """,
    )
    assert result.ok, result.error
    [figure] = result.select(None)[1]
    assert figure.format == "png"
    for name in (figure.light, figure.dark):
        image = Image.open(io.BytesIO(result.blobs.read(name)))
        assert image.format == "PNG"
        shown = (figure.width, figure.height)  # CSS pixels, rounded
        assert all(
            abs(p - 2 * s) <= 1 for p, s in zip(image.size, shown, strict=True)
        )
        assert len(result.blobs.read(name)) < 1_000_000
    assert 500 < figure.width < 700


def test_a_figure_too_large_for_a_page_names_its_size_and_the_fix(
    executor, workspace
):
    """15.5, a variant: a dense figure 80 inches wide cannot be a PNG
    either, and the error says so instead of the process dying."""
    result = run(
        executor,
        workspace,
        "huge.py",
        """
        import matplotlib.pyplot as plt
        import numpy as np
        print("drawing")
        # --8<-- [start:plot]
        fig = plt.figure(figsize=(80, 60))
        plt.scatter(*np.random.default_rng(0).normal(size=(2, 100_000)))
        # --8<-- [end:plot]
        """,
    )
    assert result.error is not None and result.error.kind == "figure"
    summary = result.error.summary
    assert summary.startswith("figure 1 (drawn in section 'plot') is ")
    assert "16000 x 12000 pixels" in summary and "figsize" in summary
    assert result.error.lineno == 6
    assert result.output == "drawing\n"


MATH_ERROR = """
    import matplotlib.pyplot as plt
    # --8<-- [start:plot]
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.set_title(r"$\\frac{1}$")
    print("set the title")
    # --8<-- [end:plot]
    """


def test_a_mathtext_error_at_save_time_is_located(executor, workspace):
    """20.2: the error surfaces only when the figure is drawn, inside the
    engine's save; it is reported at the line that set the text."""
    result = run(executor, workspace, "badmath.py", MATH_ERROR)
    assert not result.ok
    error = result.error
    assert error.kind == "figure"
    assert error.lineno == 6
    assert error.summary.startswith(
        "figure 1 (drawn in section 'plot') could not be drawn: ValueError:"
    )
    assert "the failing text is '$\\\\frac{1}$'" in error.summary
    assert r"Expected \frac{num}{den}" in error.traceback
    assert "ended abruptly" not in error.summary
    assert result.output == "set the title\n"


def test_usetex_without_latex_is_located_at_the_text(executor, workspace):
    """20.2, a variant: ``text.usetex`` on a machine without LaTeX fails
    every text; the error names one the snippet set, at its line."""
    result = run(
        executor,
        workspace,
        "usetex.py",
        """
        import matplotlib.pyplot as plt
        plt.rcParams["text.usetex"] = True
        fig, ax = plt.subplots()
        ax.set_xlabel("epoch")
        """,
    )
    assert not result.ok and result.error.kind == "figure"
    assert result.error.lineno == 5
    assert "latex could not be found" in result.error.summary
    assert "the failing text is 'epoch'" in result.error.summary


def test_output_printed_while_figures_are_saved_is_kept(executor, workspace):
    """20.2: what runs during the save (an animation's frame function
    here) prints into the section's output, in order."""
    result = run(
        executor,
        workspace,
        "prints.py",
        """
        import matplotlib.pyplot as plt
        from matplotlib.animation import FuncAnimation
        # --8<-- [start:film]
        fig, ax = plt.subplots(figsize=(3, 2))
        (line,) = ax.plot([], [])

        def draw(i):
            print(f"frame {i}")
            line.set_data(range(i + 1), range(i + 1))
            return (line,)

        anim = FuncAnimation(fig, draw, frames=3)
        print("made")
        # --8<-- [end:film]
        print("after")
        """,
    )
    assert result.ok, result.error
    output, figures = result.select("film")
    assert output.startswith("made\nframe 0\n")
    assert output.rstrip().endswith("frame 2")
    assert result.output.endswith("after\n")
    assert [f.kind for f in figures] == ["animation"]


ANIMATION = """
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation
    # --8<-- [start:film]
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 6)
    ax.set_ylim(0, 6)
    (dot,) = ax.plot([], [], "o", color="black")

    def draw(i):
        dot.set_data([i], [i])
        return (dot,)

    anim = FuncAnimation(fig, draw, frames={frames}, interval=50)
    plt.show()
    # --8<-- [end:film]
    """


def test_an_open_animation_is_an_animated_webp_in_both_themes(
    executor, workspace
):
    """20.6: every frame, light and dark, with a still of the last one."""
    result = run(executor, workspace, "film.py", ANIMATION.format(frames="6"))
    assert result.ok, result.error
    [figure] = result.select("film")[1]
    assert (figure.kind, figure.format) == ("animation", "webp")
    for name in (figure.light, figure.dark):
        image = Image.open(io.BytesIO(result.blobs.read(name)))
        assert image.format == "WEBP" and image.n_frames == 6
        assert image.size == (figure.width, figure.height) == (400, 300)
    light = result.blobs.read(figure.light)
    assert _frame(light, 0) != _frame(light, 5), "the dot moves"
    corner = _frame(result.blobs.read(figure.dark), 5).getpixel((5, 5))
    face = _rgb(DARK_FACE)
    assert all(abs(a - b) <= 3 for a, b in zip(corner, face, strict=True))
    for name in (figure.still_light, figure.still_dark):
        still = Image.open(io.BytesIO(result.blobs.read(name)))
        assert still.format == "PNG" and still.size == (400, 300)


def test_an_animation_over_the_frame_cap_fails_with_the_fix(
    executor, workspace
):
    """20.6, a variant: 500 frames would be megabytes; the error is at the
    line that made the animation and says how to draw fewer."""
    result = run(
        executor, workspace, "long.py", ANIMATION.format(frames="500")
    )
    assert result.error is not None and result.error.kind == "figure"
    assert result.error.lineno == 14
    assert re.search(
        r"figure 1 \(drawn in section 'film'\) is an animation of 500 "
        r"frames, and a page keeps at most 100: .*frames=range",
        result.error.summary,
    )


def test_the_dark_variant_recolours_without_touching_the_figure(
    executor, workspace
):
    """16.2: white and black swap for the page's dark colours, palette
    colours stay; the figure a later section draws on is as it was."""
    result = run(
        executor,
        workspace,
        "themes.py",
        """
        import matplotlib.pyplot as plt
        # --8<-- [start:one]
        fig, ax = plt.subplots()
        ax.plot([0, 1], color="black")
        ax.plot([1, 0], color="tab:orange")
        ax.set_title("two lines")
        # --8<-- [end:one]
        # --8<-- [start:two]
        ax.plot([0.5, 0.5], color="black")
        # --8<-- [end:two]
        """,
    )
    assert result.ok, result.error
    [figure] = result.select("two")[1]
    light, dark = svg(result, figure.light), svg(result, figure.dark)
    assert 'fill="#ffffff"' in light and hex_colour(DARK_FACE) not in light
    assert hex_colour(INK) not in light
    assert light.count('stroke="#000000"') >= 2 and "#000000" not in dark
    assert f'fill="{hex_colour(DARK_FACE)}"' in dark
    assert f'stroke="{hex_colour(INK)}"' in dark
    assert "#ff7f0e" in light and "#ff7f0e" in dark


def test_figures_are_byte_identical_in_both_themes_between_runs(
    executor, workspace
):
    first = run(executor, workspace, "same.py", ACROSS_SECTIONS)
    second = run(executor, workspace, "same.py", ACROSS_SECTIONS)
    assert first.select(None)[1] == second.select(None)[1]


def test_cache_entries_hold_records_and_need_their_files(executor, workspace):
    """Entries are small JSON naming files stored once by content; an
    entry whose file is gone, or of the old kind, is not used."""
    cache = ResultCache(workspace / ".cache-figures", workspace)
    one = run(executor, workspace, "copy_a.py", ACROSS_SECTIONS)
    two = run(executor, workspace, "copy_b.py", ACROSS_SECTIONS)
    cache.put(one)
    cache.put(two)
    hit = cache.get("copy_a.py")
    assert hit is not None and hit.select(None)[1] == one.select(None)[1]
    entry = cache.directory / f"{cache.key('copy_a.py')}.json"
    assert entry.stat().st_size < 2000, "no figure inside the entry"
    blobs = sorted(p.name for p in cache.blobs.directory.iterdir())
    assert blobs == sorted(one.select(None)[1][0].blobs())
    (cache.blobs.directory / blobs[0]).unlink()
    assert cache.get("copy_a.py") is None
    cache.put(one)  # the file is back
    assert cache.get("copy_a.py") is not None
    old = json.loads(entry.read_text())
    for chunk in old["chunks"]:  # as entries stored figures before
        chunk["figures"] = ["<svg/>" for _ in chunk["figures"]]
    entry.write_text(json.dumps(old))
    assert cache.get("copy_a.py") is None


def test_a_record_refuses_what_is_not_a_file_name():
    with pytest.raises(ValueError, match="not a figure"):
        FigureRecord.from_dict({"light": "<svg/>"})


def _rgb(colour) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in colour)


def _frame(data: bytes, index: int) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.seek(index)
    return image.convert("RGB")
