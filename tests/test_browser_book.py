"""The whole book on one page (mkdocs-print-site-plugin), read and printed.

The page must hold every chapter as the chapter pages show it (outputs,
figures, math), a table of contents that links to each, and print to a
PDF whose page count fits the amount of text in it.
"""

from __future__ import annotations

import re

import pytest

from tests.browser_support import BOOK, load_images, open_page
from tests.conftest import CHAPTERS

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser_fixtures"]

COUNT_JS = """
() => ({
  outputs: document.querySelectorAll("article .snippet-output").length,
  figures: document.querySelectorAll("article .snippet-figure img").length,
  formulas: document.querySelectorAll("article math").length,
})
"""
PAGE_RE = re.compile(rb"/Type\s*/Page\b")  # one per page in Skia's PDF


def chapter_counts(page, base_url: str) -> dict[str, int]:
    """Outputs, figures and formulas of all chapter pages together."""
    total = {"outputs": 0, "figures": 0, "formulas": 0}
    for chapter in CHAPTERS:
        open_page(page, base_url, f"/{chapter.removesuffix('.md')}/")
        for key, value in page.evaluate(COUNT_JS).items():
            total[key] += value
    return total


def test_index_links_to_the_book(page, base_url):
    open_page(page, base_url, "/")
    link = page.locator(f'article a[href="{BOOK.strip("/")}/"]')
    assert link.count() == 1, "the home page links to the one-page book"
    with page.expect_navigation():
        link.click()
    assert page.url == base_url + BOOK


def test_book_holds_every_chapter_with_its_results(page, base_url):
    """Each chapter's outputs, figures and formulas, and a table of
    contents with a working link to each chapter."""
    want = chapter_counts(page, base_url)
    open_page(page, base_url, BOOK)
    got = page.evaluate(COUNT_JS)
    for key, count in want.items():
        assert got[key] >= count > 0, (key, got[key], count)
    assert not load_images(page), "a figure of the book did not load"
    toc = page.locator("#print-page-toc a")
    hrefs = [toc.nth(i).get_attribute("href") for i in range(toc.count())]
    for chapter in CHAPTERS:
        key = chapter.removesuffix(".md")
        assert f"#{key}" in hrefs, f"no contents entry for {key}"
        assert page.locator(f'section[id="{key}"] h1').count() == 1, key


def test_book_prints_to_a_pdf_of_plausible_length(page, base_url):
    """Printed on A4, the book takes at least a page per chapter and a
    page per 800 words, and at most a page per 50 words."""
    open_page(page, base_url, BOOK)
    load_images(page)
    page.evaluate("document.fonts.ready")
    words = len(page.evaluate("document.body.innerText").split())
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(PAGE_RE.findall(pdf))
    assert pages >= len(CHAPTERS) + 1, pages
    assert words / 800 <= pages <= words / 50, (pages, words)
