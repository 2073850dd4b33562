"""TeX to MathML Core: the rewrites of snippet_exec.mathcore, the font.

Each test typesets real TeX through the build's own path and reads the
MathML it gives; the browser tests measure how Chromium lays it out.
"""

from __future__ import annotations

import io
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from fontTools.ttLib import TTFont

from snippet_exec.mathcore import styled_char
from snippet_exec.mathfont import CODEPOINTS, math_font, source_font
from snippet_exec.mathml import (
    MathError,
    typeset_dollar_math,
    typeset_math,
)

MATH_NS = "{http://www.w3.org/1998/Math/MathML}"


def block(tex: str) -> ET.Element:
    """The MathML element the build makes of display TeX."""
    page = typeset_math(f'<div class="arithmatex">\\[{tex}\\]</div>')
    inner = page.removeprefix('<div class="math-block">')
    return ET.fromstring(inner.removesuffix("</div>"))


def leaves(math: ET.Element) -> list[tuple[str, str]]:
    """(tag, text) of every element, namespace dropped, in order."""
    return [
        (node.tag.removeprefix(MATH_NS), node.text or "")
        for node in math.iter()
    ]


@pytest.mark.parametrize(
    ("char", "variant", "name"),
    [
        ("θ", "bold-italic", "MATHEMATICAL BOLD ITALIC SMALL THETA"),
        ("W", "bold", "MATHEMATICAL BOLD CAPITAL W"),
        ("h", "italic", "PLANCK CONSTANT"),
        ("R", "double-struck", "DOUBLE-STRUCK CAPITAL R"),
        ("2", "bold", "MATHEMATICAL BOLD DIGIT TWO"),
    ],
)
def test_styled_char_uses_unicode_math_letters(char, variant, name):
    assert unicodedata.name(styled_char(char, variant)) == name


def test_styled_char_leaves_what_has_no_styled_form():
    assert styled_char("+", "bold") == "+"
    assert styled_char("x", "no-such-variant") == "x"


def test_bold_symbol_becomes_a_unicode_letter_without_mathvariant():
    math = block(r"\boldsymbol{\theta} \leftarrow \boldsymbol{\theta}")
    assert ("mi", "\U0001d73d") in leaves(math)
    assert not [n for n in math.iter() if n.get("mathvariant")]


def test_operator_name_is_an_identifier_spaced_like_tex():
    """\\operatorname gives <mi>; a thin space before an ordinary symbol
    after it, none before an opening parenthesis."""
    names = leaves(block(r"\operatorname{ReLU}(x) + y \log \hat{y}"))
    assert ("mi", "ReLU") in names
    after_relu = names[names.index(("mi", "ReLU")) + 1]
    assert after_relu == ("mo", "(")
    log = names.index(("mi", "log"))
    assert names[log - 1] == ("mspace", "")
    assert names[log + 1] == ("mspace", "")


def test_unary_minus_after_a_relation_has_no_space():
    math = block(r"L = -\frac{1}{n} - x")
    minus = [n for n in math.iter() if n.text == "\u2212"]
    assert minus[0].get("lspace") == "0" and minus[0].get("rspace") == "0"
    assert minus[1].get("lspace") is None  # binary: Core's own spacing


def test_hat_is_the_accent_form_of_the_circumflex():
    math = block(r"\hat{y}_i")
    mover = next(math.iter(f"{MATH_NS}mover"))
    assert mover.get("accent") == "true"
    assert mover[1].text == "\u02c6"


def test_named_spaces_become_lengths():
    widths = [n.get("width") for n in block(r"a\!b").iter(f"{MATH_NS}mspace")]
    assert widths == ["-0.1667em"]


def test_display_sum_keeps_its_limits_under_and_over():
    math = block(r"\sum_{i=1}^{n} x_i")
    munderover = next(math.iter(f"{MATH_NS}munderover"))
    assert munderover[0].text == "∑"


@pytest.mark.parametrize(
    ("tex", "reason"),
    [
        (r"\frac{1", "needs 2 parts"),
        (r"\left( x", "ExtraLeftOrMissingRightError"),
        (r"\alphaa + x", r"unknown command \\alphaa"),
    ],
)
def test_bad_tex_fails_naming_the_formula(tex, reason):
    """latex2mathml passes some mistakes through as text; none reaches a
    page."""
    with pytest.raises(MathError, match=reason) as raised:
        typeset_math(f'<span class="arithmatex">\\({tex}\\)</span>')
    assert f"${tex}$" in str(raised.value)


def test_dollar_math_skips_code_and_the_notebook_copy_text():
    """mkdocs-jupyter keeps each code cell's text for its copy button; a
    ``$`` in that code is not math."""
    page = (
        "<p>$$x$$</p><p>a <code>$y$</code></p>"
        '<div class="clipboard-copy-txt" id="cell-1">s = "$z$"</div>'
    )
    out = typeset_dollar_math(page)
    assert out.startswith('<div class="math-block"><math')  # no <p> around
    assert "<code>$y$</code>" in out
    assert '"$z$"</div>' in out


def test_math_font_covers_its_characters_and_keeps_the_math_table(
    tmp_path,
):
    font = TTFont(io.BytesIO(math_font(tmp_path)))
    full = set(TTFont(io.BytesIO(source_font())).getBestCmap())
    cmap = font.getBestCmap()
    # The list spans whole alphabets; Unicode leaves a few holes in them.
    assert set(cmap) >= CODEPOINTS & full
    assert len(set(cmap)) > 0.95 * len(CODEPOINTS)
    assert "MATH" in font
    names = {r.nameID: r.toUnicode() for r in font["name"].names}
    assert "STIX" in names[0]  # the copyright record
    assert "Open Font License" in names[13]  # the licence record
    assert len(math_font(tmp_path)) < len(source_font()) / 5
