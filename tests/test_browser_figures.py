"""Figures in a real browser, in the light and the dark scheme.

Every figure is on its page twice, drawn for each scheme. In each scheme
the reader sees exactly the variant drawn for it; a dark variant is no
white card on the dark page; and the hidden variant, lazy and not
rendered, is never fetched, so the second drawing costs no reader a byte.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.browser_support import use_scheme
from tests.conftest import CHAPTERS, DOCS

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser_fixtures"]  # the site, server and browser

# Chapters that show at least one figure, and their notebook pages.
STEMS = [
    chapter.removesuffix(".md")
    for chapter in CHAPTERS
    if 'alt="' in (DOCS / chapter).read_text("utf-8")
]
PAGES = [f"/{stem}/" for stem in STEMS] + [
    f"/notebooks/{stem}/" for stem in STEMS
]
THEMES = {"default": "light", "slate": "dark"}
WHITE = 235  # a pixel with every channel at least this reads as white
MOST = 0.5  # "predominantly": more than this share of a figure's pixels

# Each figure's images: the address as written, the absolute URL without
# its fragment, and whether the image takes up room on the page.
FIGURES_JS = """
() => [...document.querySelectorAll("figure.snippet-figure")].map(
  (figure) => [...figure.querySelectorAll("img")].map((img) => ({
    src: img.getAttribute("src"),
    url: img.src.split("#")[0],
    shown: img.checkVisibility(),
  })))
"""
# Open every collapsed solution, then bring each image that takes up room
# into view, as a reader scrolling down does, and wait for it (lazy images
# load only near the viewport, and not at all inside a closed <details>).
SCROLL_JS = """
async () => {
  for (const details of document.querySelectorAll("details")) {
    details.open = true;
  }
  const shown = [...document.images].filter((img) => img.checkVisibility());
  for (const img of shown) {
    img.scrollIntoView({ block: "center" });
    if (img.complete && img.naturalWidth > 0) continue;
    await Promise.race([
      new Promise((done) => {
        img.addEventListener("load", done, { once: true });
        img.addEventListener("error", done, { once: true });
      }),
      new Promise((done) => setTimeout(done, 15000)),
    ]);
  }
}
"""


@pytest.fixture
def context(browser_context):
    """The session's one Chromium (tests/browser_fixtures.py): a second
    Playwright in the same process would fail to start."""
    return browser_context


def open_in(context, base_url: str, path: str, scheme: str):
    """A fresh tab on ``path`` in ``scheme``, its requests recorded."""
    tab = context.new_page()
    tab.goto(base_url + "/", wait_until="load")
    use_scheme(tab, scheme)  # stored by Material: the next page opens in it
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(base_url + path, wait_until="load")
    tab.evaluate(SCROLL_JS)
    tab.wait_for_load_state("networkidle")
    return tab, requested


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", list(THEMES))
def test_each_scheme_shows_its_own_variant_only(
    path, scheme, context, base_url
):
    tab, requested = open_in(context, base_url, path, scheme)
    try:
        figures = tab.evaluate(FIGURES_JS)
    finally:
        tab.close()
    assert figures, f"{path}: no figure"
    theme = THEMES[scheme]
    for images in figures:
        shown = [image for image in images if image["shown"]]
        assert len(shown) == 1, f"{path}: {images}"
        if len(images) == 2:
            assert shown[0]["src"].endswith(f"#only-{theme}"), shown
        assert shown[0]["url"] in requested, f"never loaded: {shown}"
        for hidden in (image for image in images if not image["shown"]):
            assert hidden["url"] not in requested, f"fetched: {hidden}"


@pytest.mark.parametrize("path", PAGES)
def test_dark_figures_are_not_white_cards(path, context, base_url):
    """In the dark scheme, no figure is mostly white pixels."""
    tab, _ = open_in(context, base_url, path, "slate")
    white = {}
    try:
        images = tab.locator("figure.snippet-figure img:visible")
        assert images.count(), f"{path}: no figure shown"
        for index in range(images.count()):
            image = images.nth(index)
            image.scroll_into_view_if_needed()
            share = _white_share(image.screenshot())
            if share > MOST:
                white[image.get_attribute("src")] = round(share, 2)
    finally:
        tab.close()
    assert not white, f"{path}: mostly white in the dark scheme: {white}"


def test_the_toggle_swaps_figures_on_the_open_page(context, base_url):
    """No reload: Material's toggle sets the scheme, CSS does the rest."""
    tab, _ = open_in(context, base_url, PAGES[0], "default")
    try:
        before = tab.evaluate(FIGURES_JS)
        toggle = tab.locator('input[data-md-color-scheme="slate"]')
        tab.locator(f'label[for="{toggle.get_attribute("id")}"]').click()
        tab.wait_for_function("document.body.dataset.mdColorScheme == 'slate'")
        after = tab.evaluate(FIGURES_JS)
    finally:
        tab.evaluate("localStorage.clear()")
        tab.close()
    for old, new in zip(before, after, strict=True):
        if len(old) == 2:
            assert [i["shown"] for i in old] == [True, False]
            assert [i["shown"] for i in new] == [False, True]


def _white_share(png: bytes) -> float:
    """The share of a screenshot's pixels that are white or nearly."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    return float((pixels.min(axis=2) >= WHITE).mean())


def test_white_share_tells_a_white_card_from_a_dark_figure():
    """The measure itself: white is 1, the dark face 0."""
    for colour, share in (((255, 255, 255), 1.0), ((30, 33, 41), 0.0)):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 10), colour).save(buffer, format="png")
        assert _white_share(buffer.getvalue()) == share
