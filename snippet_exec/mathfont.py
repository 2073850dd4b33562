"""The math font pages load: STIX Two Math, subset, from an installed package.

Chromium draws MathML with an OpenType MATH table when the font has one:
stacked limits on display sums, full-size display fractions, stretchy
delimiters and centred accents come from it. A reader's system rarely has
such a font, so the site ships one, built from the copy of STIX Two Math
(SIL Open Font License 1.1) that the ``ziamath`` package installs. The full
font is 1.5 MB; the subset keeps the characters formulas use, their
italic and bold forms, and every glyph the MATH table reaches from them
(size variants, stretchy parts), as WOFF: about 130 KB. The subset's
name table keeps the copyright and licence records the OFL requires.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from importlib import metadata
from pathlib import Path

FONT_FAMILY = "STIX Two Math"
FONT_URI = "assets/fonts/stix-two-math.woff"
SOURCE = ("ziamath", "fonts/STIXTwoMath-Regular.ttf")


def _span(first: int, last: int) -> range:
    return range(first, last + 1)


# Symbols the site's TeX and latex2mathml produce, and their near kin. A
# site test fails, naming the character, when a formula needs one more.
SYMBOLS = (
    "±∓×÷·⋅¬°′″‴…⋯⋮⋱‖∣∥∖−∗∘√∝∞∂∇∑∏∫∮∈∉∋∀∃∅∧∨∩∪⊂⊃⊆⊇⊕⊗⊙⊤⊥≈≡≠≤≥≪≫∼≃≅"
    "←→↔↦⇐⇒⇔↑↓⟨⟩⌈⌉⌊⌋⏞⏟⏜⏝⏠⏡ℓℎℝℕℤℚℂ"
    "ˆ˜ˇ˘˙"  # accents (snippet_exec.mathcore)
)
CODEPOINTS = frozenset(
    [
        *_span(0x20, 0x7E),  # ASCII
        *_span(0xA0, 0xBF),  # Latin-1 punctuation and signs
        *_span(0x391, 0x3A9),  # Greek capitals
        *_span(0x3B1, 0x3C9),  # Greek small letters
        0x3D1,  # ϑ
        0x3D5,  # ϕ
        0x3D6,  # ϖ
        0x3F0,  # ϰ
        0x3F1,  # ϱ
        0x3F5,  # ϵ
        *_span(0x2000, 0x200B),  # spaces
        *_span(0x2061, 0x2064),  # invisible operators
        *_span(0x1D400, 0x1D4CF),  # bold, italic, bold italic Latin
        *_span(0x1D6A8, 0x1D755),  # bold, italic, bold italic Greek
        *_span(0x1D7CE, 0x1D7D7),  # bold digits
        *(ord(char) for char in SYMBOLS),
    ]
)
# Glyph substitutions the OpenType MATH specification defines for math
# layout: script-style glyphs (ssty), dotless bases under accents (dtls),
# flattened accents over tall bases (flac).
MATH_FEATURES = ["ssty", "dtls", "flac"]


def source_font() -> bytes:
    """The full STIX Two Math font the ``ziamath`` package installs.

    Found through the package's installed file list, without importing
    it (ziamath loads its fonts on import). Raises FileNotFoundError,
    naming the package, when it is missing.
    """
    package, name = SOURCE
    try:
        path = metadata.distribution(package).locate_file(f"{package}/{name}")
        return Path(path).read_bytes()
    except (metadata.PackageNotFoundError, OSError) as exc:
        raise FileNotFoundError(
            f"the math font comes from the '{package}' package "
            f"({name}): install the project's requirements.lock"
        ) from exc


def subset_font(font: bytes) -> bytes:
    """``font`` cut down to ``CODEPOINTS`` and their MATH glyphs, as WOFF."""
    from fontTools import subset  # imported here: only a cache miss needs it
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.name_IDs = ["*"]  # copyright, licence and URL records
    options.layout_features = [*options.layout_features, *MATH_FEATURES]
    options.notdef_outline = True
    options.hinting = False  # browsers rasterise math without it
    options.flavor = "woff"
    loaded = TTFont(io.BytesIO(font))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(CODEPOINTS))
    subsetter.subset(loaded)
    out = io.BytesIO()
    loaded.flavor = "woff"
    loaded.save(out)
    return out.getvalue()


def math_font(cache_dir: Path) -> bytes:
    """The subset font, from ``cache_dir`` when the same inputs made it.

    The key covers the source font, fontTools' version and the character
    list, so any change makes a new subset; the write is atomic.
    """
    font = source_font()
    key = hashlib.sha256(font)
    key.update(metadata.version("fonttools").encode())
    key.update(repr(sorted(CODEPOINTS) + MATH_FEATURES).encode())
    target = cache_dir / f"stix-two-math-{key.hexdigest()[:20]}.woff"
    try:
        return target.read_bytes()
    except OSError:
        pass
    data = subset_font(font)
    cache_dir.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # as any other file of the cache
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return data
