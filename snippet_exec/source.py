"""Read and compile a snippet exactly as ``python file.py`` does.

Python decodes a source file by its PEP 263 coding cookie or its UTF-8
byte-order mark, and UTF-8 otherwise (the ``tokenize.detect_encoding``
rules); it compiles the file with no compiler flags of its caller's, so
the engine's own ``from __future__`` imports never reach a snippet.
"""

from __future__ import annotations
import __future__

import io
import tokenize
from functools import reduce
from operator import or_
from pathlib import Path
from types import CodeType

# Every flag a `from __future__ import ...` can set on a code object.
FUTURE_FLAGS = reduce(
    or_,
    (
        getattr(__future__, name).compiler_flag
        for name in __future__.all_feature_names
    ),
)


class SourceError(ValueError):
    """A snippet file Python could not decode; ``lineno`` names the line."""

    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(message)
        self.lineno = lineno


def _cookie_line(data: bytes) -> int:
    """The line (1 or 2) that declares the encoding, for error messages."""
    lines = data.split(b"\n", 2)
    return 2 if len(lines) > 1 and b"coding" in lines[1] else 1


def decode_source(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a Python source file's bytes.

    Newlines come out as ``\\n``, as Python's reader gives them. Raises
    ``SourceError`` at the line of an unknown encoding or of the first
    byte that is not valid in the declared one.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # unknown encoding, or cookie against BOM
        raise SourceError(
            f"{exc.msg}; declare an encoding Python knows "
            "(PEP 263), e.g. '# -*- coding: latin-1 -*-'",
            _cookie_line(data),
        ) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"line {line} is not valid {encoding} (byte "
            f"{data[exc.start]:#04x}); save the file as UTF-8, or declare "
            "its encoding on line 1 or 2 (PEP 263), e.g. "
            "'# -*- coding: latin-1 -*-'",
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_source(path: Path) -> str:
    """The text of a snippet file as Python reads it; see decode_source."""
    return decode_source(Path(path).read_bytes())[0]


def compile_file(source: str, filename: str) -> CodeType:
    """Compile a whole file as the interpreter does for ``python file``.

    ``dont_inherit`` keeps this module's future imports out of it.
    Raises ``SyntaxError`` as Python would.
    """
    return compile(source, filename, "exec", dont_inherit=True)


def compile_part(
    source: str, filename: str, first_line: int, flags: int
) -> CodeType:
    """Compile lines of a file that start at ``first_line``.

    ``flags`` are the future features of the whole file (from
    ``future_flags``), which a part after the imports would not see.
    """
    padded = "\n" * (first_line - 1) + source
    return compile(padded, filename, "exec", flags=flags, dont_inherit=True)


def future_flags(code: CodeType) -> int:
    """The ``from __future__`` features a compiled file turned on."""
    return code.co_flags & FUTURE_FLAGS
