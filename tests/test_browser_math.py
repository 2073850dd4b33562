"""Formulas as Chromium draws them: the bundled math font, measured.

The build typesets TeX to MathML and ships STIX Two Math; these tests
measure the laid-out boxes of the chapters' own formulas, on every page
with math, chapter and notebook alike. Formulas inside collapsed solutions
and inactive content tabs are revealed first, so none is skipped.
"""

from __future__ import annotations

import pytest

from snippet_exec.mathfont import FONT_FAMILY, FONT_URI
from tests.browser_support import open_page
from tests.conftest import CHAPTERS

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser_fixtures"]

MATH_PAGES = [f"/{c.removesuffix('.md')}/" for c in CHAPTERS] + [
    f"/notebooks/{c.removesuffix('.md')}/" for c in CHAPTERS
]
LARGE_OPERATORS = "∑∏∐⋃⋂⨁⨂"

# Opens collapsed solutions and selects the content tab an element sits
# in, so that it has a box to measure.
REVEAL_JS = """() => {
window.reveal = (element) => {
  for (let node = element; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
    if (node.classList && node.classList.contains("tabbed-block")) {
      const index = [...node.parentElement.children].indexOf(node);
      const set = node.closest(".tabbed-set");
      set.querySelectorAll(":scope > input")[index].checked = true;
    }
  }
};
window.box = (element) => {
  const r = element.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          width: r.width, height: r.height};
};
window.label = (element) =>
  element.closest("math").textContent.replace(/\\s+/g, " ").slice(0, 60);
}"""

# Display-style large operators with limits: the operator, its scripts.
SUMS_JS = """
(operators) => [...document.querySelectorAll("munderover, munder")]
  .filter((node) => node.firstElementChild.tagName === "mo"
    && operators.includes(node.firstElementChild.textContent.trim()))
  .map((node) => {
    reveal(node);
    const [op, ...scripts] = [...node.children];
    return {formula: label(node), style: getComputedStyle(node).mathStyle,
            op: box(op), scripts: scripts.map(box)};
  })
"""

# Accents over a single letter: the accent's box and its base's.
ACCENTS_JS = """
() => [...document.querySelectorAll("mover[accent=true]")]
  .filter((node) => node.firstElementChild.textContent.trim().length === 1)
  .map((node) => {
    reveal(node);
    return {formula: label(node), base: box(node.firstElementChild),
            accent: box(node.lastElementChild)};
  })
"""

# Fractions in display style: the numerator's font size and the formula's.
FRACTIONS_JS = """
() => [...document.querySelectorAll("mfrac")]
  .filter((node) => getComputedStyle(node).mathStyle === "normal")
  .map((node) => {
    reveal(node);
    return {formula: label(node),
            numerator: getComputedStyle(node.firstElementChild).fontSize,
            formula_size: getComputedStyle(node.closest("math")).fontSize};
  })
"""

FONT_JS = """
(family) => ({
  faces: [...document.fonts].filter((f) => f.family.replace(/"/g, "")
    === family).map((f) => f.status),
  families: [...new Set([...document.querySelectorAll("math mi, math mo")]
    .map((node) => getComputedStyle(node).fontFamily.split(",")[0]
      .replace(/"/g, "").trim()))],
  loaded: performance.getEntriesByType("resource").map((e) => e.name),
})
"""


def measure(page, base_url: str, path: str, script: str, *args):
    open_page(page, base_url, path)
    page.evaluate("document.fonts.ready")
    page.evaluate(REVEAL_JS)
    return page.evaluate(script, *args)


@pytest.mark.parametrize("path", MATH_PAGES)
def test_math_uses_the_bundled_font(path, page, base_url):
    """Every identifier and operator is drawn in STIX Two Math, loaded
    from the site itself."""
    found = measure(page, base_url, path, FONT_JS, FONT_FAMILY)
    assert found["families"], f"{path}: no formula"
    assert found["families"] == [FONT_FAMILY], found["families"]
    assert found["faces"] and set(found["faces"]) == {"loaded"}, found
    assert any(url == f"{base_url}/{FONT_URI}" for url in found["loaded"]), (
        f"{path}: the font was not loaded from {FONT_URI}"
    )


@pytest.mark.parametrize("path", MATH_PAGES)
def test_display_sums_stack_their_limits(path, page, base_url):
    """Limits sit above and below a display sum, centred on it; inline
    (and inside a fraction) they sit to its side, as TeX sets them."""
    sums = measure(page, base_url, path, SUMS_JS, LARGE_OPERATORS)
    for found in sums:
        op, scripts = found["op"], found["scripts"]
        assert op["width"] > 0, f"{found['formula']}: not laid out"
        centre = (op["left"] + op["right"]) / 2
        for script in scripts:
            if found["style"] != "normal":
                assert script["left"] >= op["right"] - 1, found
                continue
            middle = (script["left"] + script["right"]) / 2
            assert abs(middle - centre) <= 1, found
            below = script["top"] >= op["bottom"] - 0.5
            above = script["bottom"] <= op["top"] + 0.5
            assert below or above, f"{found['formula']}: limit beside ∑"
    if path.strip("/") == "07-loss-functions":
        display = [s for s in sums if s["style"] == "normal"]
        assert len(display) >= 2, "the two cross-entropy formulas"


@pytest.mark.parametrize("path", MATH_PAGES)
def test_accents_are_centred_over_their_letter(path, page, base_url):
    """The hat of ŷ and p̂ is centred over the letter, within 1 px."""
    accents = measure(page, base_url, path, ACCENTS_JS)
    for found in accents:
        base, accent = found["base"], found["accent"]
        assert base["width"] > 0 and accent["width"] > 0, found
        middle = (base["left"] + base["right"]) / 2
        assert abs((accent["left"] + accent["right"]) / 2 - middle) <= 1, found
        assert accent["bottom"] <= base["top"] + base["height"] / 2, found
    if path.strip("/") == "07-loss-functions":
        assert len(accents) >= 10, "ŷ and p̂ appear throughout part 7"


@pytest.mark.parametrize("path", MATH_PAGES)
def test_display_fractions_keep_full_size(path, page, base_url):
    """A fraction in display math sets its numerator at the text size."""
    fractions = measure(page, base_url, path, FRACTIONS_JS)
    for found in fractions:
        assert found["numerator"] == found["formula_size"], found
    if path.strip("/") == "07-loss-functions":
        assert fractions, "part 7's loss formulas have display fractions"
