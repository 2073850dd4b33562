"""Typeset math at build time as MathML, so pages need no script or font CDN.

``pymdownx.arithmatex`` in generic mode wraps TeX in ``arithmatex`` spans and
divs; this module replaces each with MathML, which browsers render natively.
"""

from __future__ import annotations

import functools
import html
import re
from xml.etree.ElementTree import Element, tostring

from latex2mathml.converter import Converter

from snippet_exec.mathcore import to_core

INLINE_RE = re.compile(
    r'<span class="arithmatex">\\\((?P<tex>.*?)\\\)</span>', re.S
)
BLOCK_RE = re.compile(
    r'<div class="arithmatex">\\\[(?P<tex>.*?)\\\]</div>', re.S
)


class MathError(ValueError):
    """TeX that cannot be typeset; the message quotes it."""


# How many children each MathML script and fraction element must have.
ARITY = {
    "mfrac": 2,
    "mroot": 2,
    "msub": 2,
    "msup": 2,
    "munder": 2,
    "mover": 2,
    "msubsup": 3,
    "munderover": 3,
}


def _check(math: Element, tex: str) -> None:
    """What latex2mathml lets through: unknown commands, missing groups."""
    for node in math.iter():
        text = node.text or ""
        if text.startswith("\\"):
            raise MathError(f"cannot typeset ${tex}$: unknown command {text}")
        wanted = ARITY.get(node.tag)
        if wanted is not None and len(node) != wanted:
            raise MathError(
                f"cannot typeset ${tex}$: <{node.tag}> needs {wanted} "
                f"parts, got {len(node)} (a missing {{...}} group?)"
            )


# Pure in its arguments: under `mkdocs serve` every rebuild typesets the
# same formulas again, so each is converted once a process.
@functools.lru_cache(maxsize=8192)
def _typeset(tex: str, display: str) -> str:
    tex = html.unescape(tex)
    try:
        math = Converter(display=display).convert_to_element(tex)
    except Exception as exc:  # latex2mathml raises many types
        reason = str(exc) or type(exc).__name__
        raise MathError(f"cannot typeset ${tex}$: {reason}") from None
    _check(math, tex)
    return tostring(to_core(math), encoding="unicode")


def typeset_math(page_html: str) -> str:
    """Replace every arithmatex span and div in ``page_html`` with MathML."""
    page_html = BLOCK_RE.sub(
        lambda m: (
            '<div class="math-block">' + _typeset(m["tex"], "block") + "</div>"
        ),
        page_html,
    )
    return INLINE_RE.sub(lambda m: _typeset(m["tex"], "inline"), page_html)


# Code, scripts, figures, math already typeset, and the plain-text copy of
# each code cell that mkdocs-jupyter keeps for its copy button: a ``$`` in
# them is not math.
PROTECTED_RE = re.compile(
    r"(<(pre|code|script|style|svg|math)\b.*?</\2>"
    r'|<(div) class="clipboard-copy-txt"[^>]*>[^<]*</div>)',
    re.S | re.I,
)
# A paragraph of display math only becomes the block itself: a <div>
# inside a <p> is invalid HTML, which browsers split into stray paragraphs.
DISPLAY_DOLLAR_RE = re.compile(
    r"(?P<open><p>\s*)?\$\$(?P<tex>.+?)\$\$(?P<close>\s*</p>)?", re.S
)
# Inline math may wrap onto the next line, as in the chapters' Markdown,
# but never spans a blank line.
INLINE_DOLLAR_RE = re.compile(
    r"(?<![\\$])\$(?P<tex>(?:[^$\n]|\n(?!\s*\n))+?)\$(?!\$)"
)


def _display_block(match: re.Match) -> str:
    block = '<div class="math-block">' + _typeset(match["tex"], "block")
    block += "</div>"
    if match["open"] and match["close"]:
        return block  # the paragraph held only the formula
    return (match["open"] or "") + block + (match["close"] or "")


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
        text = DISPLAY_DOLLAR_RE.sub(_display_block, text)
        out.append(
            INLINE_DOLLAR_RE.sub(lambda m: _typeset(m["tex"], "inline"), text)
        )
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])  # a protected block, unchanged
        index += 4  # split() also returns the two tag-name groups
    return "".join(out)
