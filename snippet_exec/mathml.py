"""Typeset math at build time as MathML, so pages need no script or font CDN.

``pymdownx.arithmatex`` in generic mode wraps TeX in ``arithmatex`` spans and
divs; this module replaces each with MathML, which browsers render natively.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

INLINE_RE = re.compile(
    r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S
)
BLOCK_RE = re.compile(
    r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S
)


class MathError(ValueError):
    """TeX that cannot be typeset; the message quotes it."""


def _typeset(tex: str, display: str) -> str:
    tex = html.unescape(tex)
    try:
        return convert(tex, display=display)
    except Exception as exc:  # latex2mathml raises many types
        raise MathError(f"cannot typeset ${tex}$: {exc}") from None


def typeset_math(page_html: str) -> str:
    """Replace every arithmatex span and div in ``page_html`` with MathML."""
    page_html = BLOCK_RE.sub(
        lambda m: (
            '<div class="math-block">' + _typeset(m["tex"], "block") + "</div>"
        ),
        page_html,
    )
    return INLINE_RE.sub(lambda m: _typeset(m["tex"], "inline"), page_html)


PROTECTED_RE = re.compile(
    r"(<(pre|code|script|style|svg|math)\b.*?</\2>)", re.S | re.I
)
DISPLAY_DOLLAR_RE = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.S)
INLINE_DOLLAR_RE = re.compile(r"(?<![\\$])\$(?P<tex>[^$\n]+?)\$(?!\$)")


def typeset_dollar_math(page_html: str) -> str:
    """Typeset raw ``$...$`` and ``$$...$$`` left in HTML, outside code.

    Notebook pages are rendered by nbconvert, which leaves TeX for MathJax;
    this gives them the same build-time MathML as the chapter pages.
    """
    pieces = PROTECTED_RE.split(page_html)
    out = []
    index = 0
    while index < len(pieces):
        text = pieces[index]
        text = DISPLAY_DOLLAR_RE.sub(
            lambda m: (
                '<div class="math-block">'
                + _typeset(m["tex"], "block")
                + "</div>"
            ),
            text,
        )
        out.append(
            INLINE_DOLLAR_RE.sub(lambda m: _typeset(m["tex"], "inline"), text)
        )
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])  # a protected block, unchanged
        index += 3  # split() also returns the inner tag-name group
    return "".join(out)
