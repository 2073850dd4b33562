"""Ship the math font that ``docs/stylesheets/extra.css`` names for MathML.

The font is the subset STIX Two Math of ``snippet_exec.mathfont``, built
from an installed package and cached in ``.cache/fonts``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from snippet_exec.mathfont import FONT_URI, math_font


def on_files(files, config):
    """Add the font to the site as a generated file."""
    cache = Path(config.config_file_path).parent / ".cache" / "fonts"
    files.append(File.generated(config, FONT_URI, content=math_font(cache)))
    return files
