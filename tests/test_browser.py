"""The built site in a real browser, as a reader meets it.

Every page loads without errors or requests that leave the site, shows its
images and passes axe-core in light and dark mode; search, the theme toggle
and the notebook download work. Full-page screenshots land in
``.cache/screenshots`` for a human to look over.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser_support import (
    BOOK,
    SCREENSHOTS,
    built_pages,
    expected_pages,
    load_images,
    open_page,
    page_name,
    use_scheme,
)
from tests.conftest import CHAPTERS

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser_fixtures"]  # the site, server and browser

PAGES = expected_pages()
SCHEMES = ["default", "slate"]  # light, dark
TAG_RE = re.compile(r"<[^>]+>")
# A lower-case prose word: not part of a dotted or camel-case name, which
# Material's search splits into other tokens.
WORD_RE = re.compile(r"(?<![\w.])[a-z]{8,}(?![\w.])")


def test_every_built_page_is_tested(built_site):
    """The page list comes from docs/; the site must hold exactly those."""
    assert sorted(built_pages(built_site)) == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(path, page, base_url):
    """No console error, failed request, error status or outside request."""
    watch = open_page(page, base_url, path)
    load_images(page)  # lazy images count too
    page.wait_for_load_state("networkidle")  # the search index, too
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("path", PAGES)
def test_every_image_loads(path, page, base_url):
    """Lazy images too: a figure that 404s or fails to decode shows empty."""
    open_page(page, base_url, path)
    broken = load_images(page)
    assert not broken, f"{path}: images that did not load: {broken}"


@pytest.mark.parametrize("path", PAGES)
def test_screenshot(path, page, base_url):
    """A full-page picture of each page, in light mode, to look over."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{page_name(path)}.png"
    target.unlink(missing_ok=True)
    open_page(page, base_url, path)
    use_scheme(page, "default")
    load_images(page)
    # The one-page book is hundreds of screens long: its opening will do.
    page.screenshot(path=str(target), full_page=path != BOOK)
    assert target.is_file() and target.stat().st_size > 1000


def search_word(built_site: Path, chapter: str) -> str:
    """A word in the chapter's text, in none of its titles nor elsewhere.

    Found only through the chapter's body, it proves search indexes it.
    The word the chapter uses most is picked, so the choice is stable.
    """
    index = json.loads((built_site / "search/search_index.json").read_text())
    stem = chapter.removesuffix(".md") + "/"
    mine, titles, others = [], [], []
    for doc in index["docs"]:
        text = html.unescape(TAG_RE.sub(" ", doc["text"]))
        title = html.unescape(TAG_RE.sub(" ", doc["title"])).lower()
        if doc["location"].split("#")[0] == stem:
            mine.append(text)
            titles.append(title)
        else:
            others += [text.lower(), title]
    elsewhere = " ".join(titles + others)
    counts: dict[str, int] = {}
    for word in WORD_RE.findall(" ".join(mine)):
        if word not in elsewhere:
            counts[word] = counts.get(word, 0) + 1
    assert counts, f"{chapter}: no word found only in its body"
    return min(counts, key=lambda w: (-counts[w], w))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_search_finds_chapter_by_body_word(
    chapter, page, base_url, built_site
):
    """Typed into Material's search box, a body-only word finds the page."""
    word = search_word(built_site, chapter)
    stem = chapter.removesuffix(".md")
    open_page(page, base_url, "/")
    page.locator(".md-search__input").click()
    page.keyboard.type(word)
    links = page.locator(".md-search-result__list a.md-search-result__link")
    links.first.wait_for()
    want = f"/{stem}/"
    with contextlib.suppress(PlaywrightTimeout):  # the assert says more
        page.wait_for_function(
            """want => [...document.querySelectorAll(
                 '.md-search-result__list a.md-search-result__link')]
               .some(a => new URL(a.href).pathname === want)""",
            arg=want,
            timeout=10_000,
        )
    hrefs = [
        links.nth(i).evaluate("a => new URL(a.href).pathname")
        for i in range(links.count())
    ]
    assert want in hrefs, f"search for {word!r} found {hrefs}, not {want}"


def test_theme_toggle_switches_and_persists(page, base_url):
    """Dark mode sticks across a reload and onto the next page."""
    open_page(page, base_url, "/")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="load")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    try:
        page.locator('label[for="__palette_1"]').click()
        page.wait_for_function(
            "document.body.dataset.mdColorScheme == 'slate'"
        )
        page.reload(wait_until="load")
        assert body.get_attribute("data-md-color-scheme") == "slate"
        page.goto(f"{base_url}/{CHAPTERS[0].removesuffix('.md')}/")
        assert body.get_attribute("data-md-color-scheme") == "slate"
    finally:
        page.evaluate("localStorage.clear()")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_download_is_a_valid_notebook(chapter, page, base_url):
    """The link under the title downloads a notebook Jupyter can open."""
    stem = chapter.removesuffix(".md")
    open_page(page, base_url, f"/{stem}/")
    link = page.locator("a[download]")
    assert link.count() == 1, "one download link under the title"
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{stem}.ipynb"
    text = Path(download.path()).read_text("utf-8")
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code, "the notebook has no code cells"
    assert any(c.outputs for c in code), "no code cell has outputs"


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", SCHEMES)  # all light pages, then dark
def test_accessibility(path, scheme, page, base_url):
    """axe-core finds nothing: alt text, contrast, names, landmarks."""
    open_page(page, base_url, path)
    use_scheme(page, scheme)
    load_images(page)
    results = Axe().run(page)
    if results.violations_count:
        print(results.generate_report())  # shown by pytest on failure
    assert results.violations_count == 0, (
        f"{path} ({scheme}): rule (impact) : elements\n"
        + results.generate_snapshot()
    )
