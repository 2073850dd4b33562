"""Build the real site once and read its HTML, page by page.

Every include on every chapter page must show its code, the output its
snippet printed and its figures (as files, with alt text); math must be
typeset; the navigation must link the chapters in order.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile

import pytest
from fontTools.ttLib import TTFont

from snippet_exec.directive import find_includes
from snippet_exec.mathcore import styled_char
from snippet_exec.mathfont import FONT_URI
from snippet_exec.render import clean_output
from tests.conftest import CHAPTERS, DOCS, ROOT, page_html

pytestmark = pytest.mark.slow

IMG_RE = re.compile(
    r'<figure class="snippet-figure">.*?<img src="([^"]+)" alt="([^"]*)"'
)


def test_chapters_exist():
    assert "01-gentle-introduction.md" in CHAPTERS
    assert "03-single-neuron.md" in CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_page_shows_code_output_and_figures(chapter, site, snippet_results):
    text = page_html(site, chapter)
    includes = find_includes((DOCS / chapter).read_text("utf-8"), chapter)
    assert includes, f"{chapter} runs no snippet"
    blocks = text.count('<span class="filename">snippets/')
    assert blocks >= len(includes), "a code block is missing"
    for include in includes:
        result = snippet_results[f"snippets/{include.path}"]
        output, figures = result.select(include.section)
        shown = html.escape(clean_output(output))
        assert shown in text, f"{include.where}: output missing from the page"
    images = IMG_RE.findall(text)
    assert len(images) == sum(len(i.alts) for i in includes)
    for src, alt in images:
        assert len(alt.split()) >= 3, f"{chapter}: alt text too thin: {alt!r}"
        file = src.split("#")[0]  # "#only-light": the variant's scheme
        figure = (site / chapter.removesuffix(".md") / file).resolve()
        assert figure.is_file() and figure.stat().st_size > 1000, src


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_math_is_typeset(chapter, site):
    text = page_html(site, chapter)
    assert 'class="arithmatex"' not in text
    if "$" in (DOCS / chapter).read_text("utf-8"):
        assert "<math" in text


def test_neuron_equation_is_mathml(site):
    text = page_html(site, "03-single-neuron.md")
    assert "<mi>w</mi><mi>x</mi><mo>+</mo><mi>b</mi>" in text


MATH_RE = re.compile(r"<math\b.*?</math>", re.S)
MI_RE = re.compile(r"<mi>([^<])</mi>")


def test_bundled_math_font_has_every_character_formulas_use(site):
    """No glyph falls back to another font: each character inside <math>
    on any page, and the italic letter Chromium draws for a one-letter
    <mi>, is in the subset font the site ships."""
    font = TTFont(site / FONT_URI)
    cmap = set(font.getBestCmap())
    assert "MATH" in font
    missing: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        for math in MATH_RE.findall(page.read_text("utf-8")):
            text = html.unescape(re.sub(r"<[^>]+>", "", math))
            text += "".join(
                styled_char(c, "italic") for c in MI_RE.findall(math)
            )
            for char in set(text) - {"\n"}:
                if ord(char) not in cmap:
                    missing.setdefault(char, set()).add(page.parent.name)
    assert not missing, (
        "add these to snippet_exec/mathfont.py's SYMBOLS: "
        + ", ".join(
            f"{c!r} (U+{ord(c):04X}) on {sorted(p)[:3]}"
            for c, p in missing.items()
        )
    )


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_previous_and_next_links(chapter, site):
    text = page_html(site, chapter)
    footer = text[text.index('<nav class="md-footer__inner') :]
    if chapter != CHAPTERS[-1]:
        assert 'aria-label="Next' in footer
    assert 'aria-label="Previous' in footer


def test_landing_page_lists_the_series(site):
    text = (site / "index.html").read_text("utf-8")
    for chapter in CHAPTERS:
        assert f'href="{chapter.removesuffix(".md")}/"' in text, chapter
    words = re.sub(r"<[^>]+>", "", text)  # code is split into spans
    assert "make serve" in words and "make test" in words


def test_search_index_covers_chapter_bodies(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for chapter in CHAPTERS:
        assert f"{chapter.removesuffix('.md')}/" in locations


def test_theme_offers_light_and_dark(site):
    text = (site / "index.html").read_text("utf-8")
    assert 'data-md-color-scheme="default"' in text
    assert "Switch to dark mode" in text


def test_no_request_leaves_the_site(site):
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', text):
            # Plain links a reader clicks are fine; loaded resources are not.
            assert not re.search(r"\.(js|css|woff2?|ttf)(\?|$)", url), (
                page,
                url,
            )
        assert "fonts.googleapis" not in text


def test_no_page_holds_the_build_machines_paths(site):
    """Tracebacks, warnings and printed paths are shown from the
    repository root, a child's temporary folder as $TMPDIR."""
    machine = [
        str(ROOT),
        str(site),
        os.path.join(tempfile.gettempdir(), "snippet-"),
    ]
    files = [*site.rglob("*.html"), *site.rglob("*.ipynb")]
    files += [*site.rglob("*.json"), *site.rglob("*.xml")]
    assert len(files) > len(CHAPTERS)
    for path in files:
        text = path.read_text("utf-8")
        for folder in machine:
            assert folder not in text, (path, folder)


def test_provenance_names_the_threads_each_snippet_had(site):
    text = page_html(site, "01-gentle-introduction.md")
    line = re.search(r'<p class="page-provenance">(.*?)</p>', text, re.S)
    assert line is not None
    # matmul_speed.py runs alone, with every core; the rest one thread.
    cores = len(os.sched_getaffinity(0))
    expected = "1 thread" if cores == 1 else f"1 or {cores} threads"
    assert f"{expected} per snippet" in line[1]


ABBR_RE = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
BOOK_PART_RE = re.compile(r'<section class="print-page" id="')


def test_each_glossary_term_is_marked_once_per_page(site):
    """A tooltip at a term's first use, not on every use (in the one-page
    book, once per chapter)."""
    for path in site.glob("*/index.html"):
        for part in BOOK_PART_RE.split(path.read_text("utf-8")):
            terms = [" ".join(t.split()) for _, t in ABBR_RE.findall(part)]
            repeated = {t for t in terms if terms.count(t) > 1}
            assert not repeated, f"{path.parent.name}: {sorted(repeated)}"


def test_part_6_marks_relu_once(site):
    """Part 6 says ReLU dozens of times and underlines it once."""
    part6 = page_html(site, "06-activation-functions.md")
    marked = [t for _, t in ABBR_RE.findall(part6) if t == "ReLU"]
    assert marked == ["ReLU"]
    assert len(re.findall(r"\bReLU\b", re.sub(r"<[^>]+>", " ", part6))) > 20
