"""Rewrite latex2mathml's MathML 3 into MathML Core, which Chromium renders.

latex2mathml writes MathML 3. Browsers implement MathML Core
(https://www.w3.org/TR/mathml-core/), which drops several MathML 3 features
the converter relies on, so formulas lost their bold symbols and spacing:

- ``mathvariant`` other than ``normal`` is ignored (Core section 3.2.3.1);
  Core asks for the Unicode Mathematical Alphanumeric Symbols instead, so
  ``mathvariant="bold-italic"`` on a theta becomes U+1D73D.
- named spaces (``thinmathspace`` ...) are not lengths in Core; they become
  the em values MathML 3 gave them (MathML 3, section 3.3.4.2).
- an operator name such as ``\\operatorname{ReLU}`` arrives as an ``<mo>``,
  which Core spaces like a relation ("ReLU (x)"); it becomes an ``<mi>``.
- TeX puts a thin space between an operator name and an ordinary symbol
  on either side of it (The TeXbook, chapter 18, the spacing table):
  ``y \\log x``. Core has no such rule, so the space is written out.
- TeX makes a minus or plus sign that follows a relation, an operator or
  an opening delimiter unary, with no space after it (The TeXbook,
  appendix G, rule 5): ``L = -\\frac{1}{n}``. Core spaces it as binary.
- ``\\hat`` and ``\\tilde`` arrive as ASCII ``^`` and ``~``, which fonts
  draw as tall text glyphs; the spacing modifier letters U+02C6 and U+02DC
  are the accent forms math fonts size for letters.
"""

from __future__ import annotations

import html
import unicodedata
from xml.etree.ElementTree import Element

THIN_SPACE = "0.1667em"
ACCENTS = {"^": "\u02c6", "~": "\u02dc"}
SIGNS = {"\u2212", "+", "\u00b1", "\u2213"}
CLOSING = set(")]}|\u2016\u27e9\u230b\u2309")
# MathML 3, section 3.3.4.2: named spaces in eighteenths of an em.
NAMED_SPACES = {
    "veryverythinmathspace": 1,
    "verythinmathspace": 2,
    "thinmathspace": 3,
    "mediummathspace": 4,
    "thickmathspace": 5,
    "verythickmathspace": 6,
    "veryverythickmathspace": 7,
}
# Words of the Unicode character names of the Mathematical Alphanumeric
# Symbols block (U+1D400..U+1D7FF), by MathML 3 mathvariant value.
VARIANT_WORDS = {
    "bold": "BOLD",
    "italic": "ITALIC",
    "bold-italic": "BOLD ITALIC",
    "double-struck": "DOUBLE-STRUCK",
    "script": "SCRIPT",
    "bold-script": "BOLD SCRIPT",
    "fraktur": "FRAKTUR",
    "bold-fraktur": "BOLD FRAKTUR",
    "sans-serif": "SANS-SERIF",
    "bold-sans-serif": "SANS-SERIF BOLD",
    "sans-serif-italic": "SANS-SERIF ITALIC",
    "sans-serif-bold-italic": "SANS-SERIF BOLD ITALIC",
    "monospace": "MONOSPACE",
}
# Letters whose styled form predates that block and lives in Letterlike
# Symbols (U+2100..U+214F), leaving a hole in it.
LETTERLIKE = {
    "ITALIC SMALL H": "PLANCK CONSTANT",
    "SCRIPT CAPITAL B": "SCRIPT CAPITAL B",
    "SCRIPT CAPITAL E": "SCRIPT CAPITAL E",
    "SCRIPT CAPITAL F": "SCRIPT CAPITAL F",
    "SCRIPT CAPITAL H": "SCRIPT CAPITAL H",
    "SCRIPT CAPITAL I": "SCRIPT CAPITAL I",
    "SCRIPT CAPITAL L": "SCRIPT CAPITAL L",
    "SCRIPT CAPITAL M": "SCRIPT CAPITAL M",
    "SCRIPT CAPITAL R": "SCRIPT CAPITAL R",
    "SCRIPT SMALL E": "SCRIPT SMALL E",
    "SCRIPT SMALL G": "SCRIPT SMALL G",
    "SCRIPT SMALL O": "SCRIPT SMALL O",
    "FRAKTUR CAPITAL C": "BLACK-LETTER CAPITAL C",
    "FRAKTUR CAPITAL H": "BLACK-LETTER CAPITAL H",
    "FRAKTUR CAPITAL I": "BLACK-LETTER CAPITAL I",
    "FRAKTUR CAPITAL R": "BLACK-LETTER CAPITAL R",
    "FRAKTUR CAPITAL Z": "BLACK-LETTER CAPITAL Z",
    "DOUBLE-STRUCK CAPITAL C": "DOUBLE-STRUCK CAPITAL C",
    "DOUBLE-STRUCK CAPITAL H": "DOUBLE-STRUCK CAPITAL H",
    "DOUBLE-STRUCK CAPITAL N": "DOUBLE-STRUCK CAPITAL N",
    "DOUBLE-STRUCK CAPITAL P": "DOUBLE-STRUCK CAPITAL P",
    "DOUBLE-STRUCK CAPITAL Q": "DOUBLE-STRUCK CAPITAL Q",
    "DOUBLE-STRUCK CAPITAL R": "DOUBLE-STRUCK CAPITAL R",
    "DOUBLE-STRUCK CAPITAL Z": "DOUBLE-STRUCK CAPITAL Z",
}


def styled_char(char: str, variant: str) -> str:
    """``char`` in a MathML 3 ``mathvariant``, as one Unicode character.

    Latin and Greek letters and digits have styled forms; any other
    character, or a style Unicode lacks for it, comes back unchanged.
    """
    words = VARIANT_WORDS.get(variant)
    try:
        name = unicodedata.name(char)
    except ValueError:
        return char
    if words is None:
        return char
    for prefix, kind in (
        ("LATIN CAPITAL LETTER ", "CAPITAL "),
        ("LATIN SMALL LETTER ", "SMALL "),
        ("GREEK CAPITAL LETTER ", "CAPITAL "),
        ("GREEK SMALL LETTER ", "SMALL "),
        ("DIGIT ", "DIGIT "),
    ):
        if name.startswith(prefix):
            letter = kind + name.removeprefix(prefix)
            break
    else:
        return char
    styled = f"{words} {letter}"
    candidates = [LETTERLIKE.get(styled), f"MATHEMATICAL {styled}"]
    for candidate in filter(None, candidates):
        try:
            return unicodedata.lookup(candidate)
        except KeyError:
            continue
    return char


def _unescape(element: Element) -> None:
    """latex2mathml stores characters as ``&#x...;`` text: decode them."""
    for node in element.iter():
        if node.text:
            node.text = html.unescape(node.text)
        if node.tail:
            node.tail = html.unescape(node.tail)


def _apply_variants(element: Element) -> None:
    for node in element.iter():
        variant = node.get("mathvariant")
        if variant is None or variant == "normal":
            continue
        if node.text:
            node.text = "".join(styled_char(c, variant) for c in node.text)
        del node.attrib["mathvariant"]


def _name_spaces(element: Element) -> None:
    for node in element.iter("mspace"):
        width = node.get("width", "")
        negative = width.startswith("negative")
        eighteenths = NAMED_SPACES.get(width.removeprefix("negative"))
        if eighteenths is not None:
            em = f"{eighteenths / 18:.4f}".rstrip("0")
            node.set("width", f"{'-' if negative else ''}{em}em")


ROWS = {"math", "mrow", "mstyle", "mtd", "msqrt", "mpadded", "mphantom"}
SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover"}
NAME_SPACES = str.maketrans("", "", "\u2006\u2009")


def _base(node: Element) -> Element:
    """The innermost base of a scripted element (``log`` in ``log_2``)."""
    while node.tag in SCRIPTED and len(node):
        node = node[0]
    return node


def _is_name(node: Element) -> bool:
    """A multi-letter identifier or operator: ``log``, ``softmax``."""
    text = (node.text or "").translate(NAME_SPACES)
    return node.tag in ("mi", "mo") and len(text) > 1 and text.isalpha()


def _edge(node: Element, last: bool) -> Element:
    """The first (or last) leaf of ``node``, looking into rows."""
    while node.tag == "mrow" and len(node):
        node = node[-1 if last else 0]
    return node


def _needs_space(neighbour: Element, after: bool) -> bool:
    """Whether TeX puts a thin space between an operator name and this.

    An ``<mo>`` brings its own spacing (a relation, a binary operator, an
    opening delimiter after the name), except a closing delimiter before
    the name and a ``\\left`` group after it, which TeX spaces.
    """
    edge = _edge(neighbour, last=not after)
    if edge.tag != "mo":
        return True
    if after:
        return edge is not neighbour and edge.get("fence") == "true"
    return (edge.text or "") in CLOSING


def _operator_names(element: Element) -> None:
    """Operator names as upright identifiers, thin-spaced from their
    neighbours.

    An ``<mo>`` that is the base of ``munder`` or ``munderover`` keeps its
    movable limits (``\\max_x``) and stays an operator.
    """
    for row in [node for node in element.iter() if node.tag in ROWS]:
        children = list(row)
        for index, child in enumerate(children):
            base = _base(child)
            if not _is_name(base):
                continue
            if base.tag == "mo" and child.tag not in ("munder", "munderover"):
                base.tag = "mi"
                base.attrib.clear()
            before = children[index - 1] if index else None
            after = children[index + 1 : index + 2]
            if after and _needs_space(after[0], after=True):
                space = Element("mspace", {"width": THIN_SPACE})
                row.insert(list(row).index(child) + 1, space)
            if before is not None and _needs_space(before, after=False):
                space = Element("mspace", {"width": THIN_SPACE})
                row.insert(list(row).index(child), space)


def _unary_signs(element: Element) -> None:
    """A sign at the start of a row or after an operator has no spacing."""
    for row in [node for node in element.iter() if node.tag in ROWS]:
        previous = None
        for child in row:
            if child.tag == "mo" and (child.text or "") in SIGNS:
                edge = None if previous is None else _edge(previous, True)
                if edge is None or (
                    edge.tag == "mo" and (edge.text or "") not in CLOSING
                ):
                    child.set("lspace", "0")
                    child.set("rspace", "0")
            if child.tag != "mspace":
                previous = child


def _accents(element: Element) -> None:
    for node in element.iter("mover"):
        if node.get("accent") == "true" and len(node) == 2:
            accent = node[1]
            if accent.tag == "mo" and accent.text in ACCENTS:
                accent.text = ACCENTS[accent.text]


def to_core(math: Element) -> Element:
    """Rewrite a latex2mathml ``<math>`` tree in place for MathML Core."""
    _unescape(math)
    _apply_variants(math)
    _name_spaces(math)
    _operator_names(math)
    _unary_signs(math)
    _accents(math)
    return math
