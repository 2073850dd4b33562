"""Find the one-line includes that place code, output and figures on a page.

The line keeps pymdown-extensions' snippet syntax and adds an attribute list::

    --8<-- "03_single_neuron/fit.py:train" { exec alt="The fitted line" }

Option values are quoted with ``"`` or ``'``; inside them a backslash
escapes the next character (``\\"`` is a quote, ``\\\\`` a backslash), and
braces need no escape. Lines inside fenced code blocks are left alone, so a
page can show the syntax. Every other ``--8<--`` line must be either
pymdown's own include (left to it) or an exec include this module can read:
anything else is reported at its line instead of reaching the page as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE_RE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
# A scissors line, as pymdown-extensions' snippets reads it; ``;`` escapes.
SCISSORS_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<escape>;*)-+8<-+(?P<rest>.*)$"
)
# What follows the scissors in pymdown's own single-file include.
PLAIN_RE = re.compile(r"""[ \t]+(?:"(?:\\"|[^"\n])+?"|'(?:\\'|[^'\n])+?')""")
TARGET_RE = re.compile(r"""[ \t]+(?:"(?P<dq>[^"\n]+)"|'(?P<sq>[^'\n]+)')""")
OPTION_RE = re.compile(
    r"""[ \t]*(?:
        (?P<key>[A-Za-z][\w-]*)[ \t]*=[ \t]*
        (?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)')
        |(?P<flag>[A-Za-z][\w-]*)
    )""",
    re.VERBOSE,
)
ESCAPE_RE = re.compile(r"\\(.)")
# ``key=value`` without quotes, to name the option in the message.
UNQUOTED_RE = re.compile(r"[ \t]*(?P<key>[A-Za-z][\w-]*)[ \t]*=[ \t]*[^\"'\s]")
# A section name as pymdown-extensions reads it: a letter first.
SECTION_RE = re.compile(r"[A-Za-z][\w-]*", re.ASCII)
KNOWN_OPTIONS = {"alt", "title", "fold"}
FORM = '--8<-- "path.py[:section]" { exec alt="..." title="..." }'


class DirectiveError(ValueError):
    """A malformed include line; the message names the line and the fix."""


@dataclass(frozen=True)
class Include:
    """One include line: which snippet (and section) and how to show it."""

    page: str  # page path relative to docs_dir
    lineno: int  # 1-based line of the include in the page
    indent: str
    path: str  # snippet path relative to the snippets dir
    section: str | None
    alts: tuple[str, ...] = field(default=())
    title: str | None = None
    line: str = ""  # the include line as written, to find it again
    fold: str | None = None  # collapse the code under this title

    @property
    def target(self) -> str:
        """The include target as written, ``path`` or ``path:section``."""
        return f"{self.path}:{self.section}" if self.section else self.path

    @property
    def where(self) -> str:
        """The page's ``file:line`` for error messages."""
        return f"{self.page}:{self.lineno}"


@dataclass(frozen=True)
class BadLine:
    """A ``--8<--`` line that is neither pymdown's include nor ours."""

    page: str
    lineno: int
    indent: str
    line: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.page}:{self.lineno}"


def _unquote(match: re.Match) -> str:
    value = match["dq"] if match["dq"] is not None else match["sq"]
    return ESCAPE_RE.sub(r"\1", value)


def _option_error(key: str, quoted: bool = True) -> DirectiveError:
    if key in KNOWN_OPTIONS and not quoted:
        return DirectiveError(f'quote the value: {key}="..."')
    return DirectiveError(
        f'unknown option {key!r}; use alt="..." (one per '
        'figure), title="..." or fold="..."'
    )


def parse_options(text: str) -> dict:
    """Read ``{ exec key="value" ... }``; raise ``DirectiveError`` if bad.

    Returns ``alts`` (in order) and any of ``title`` and ``fold``.
    """
    if not text.startswith("{") or not text.rstrip().endswith("}"):
        raise DirectiveError("options go in one pair of braces at the end")
    body, pos = text.rstrip()[1:-1], 0
    alts: list[str] = []
    found: dict = {}
    flags = []
    while body[pos:].strip():
        match = OPTION_RE.match(body, pos)
        unquoted = UNQUOTED_RE.match(body, pos)
        if unquoted is not None:
            raise _option_error(unquoted["key"], quoted=False)
        if match is None:
            raise DirectiveError(
                f"cannot read the options from {body[pos:].strip()!r}; "
                'quote each value, and write \\" for a quote inside one'
            )
        pos, key = match.end(), match["key"]
        if match["flag"]:
            flags.append(match["flag"])
        elif key not in KNOWN_OPTIONS:
            raise _option_error(key)
        elif key == "alt":
            alts.append(_unquote(match))
        elif key in found:
            raise DirectiveError(f'{key}="..." is given twice')
        else:
            found[key] = _unquote(match)
    if flags != ["exec"]:
        raise DirectiveError(
            f"the braces must hold the word exec once, not {flags!r}"
        )
    return {"alts": tuple(alts), **found}


def _read_line(page: str, lineno: int, line: str, match: re.Match):
    rest = match["rest"]
    plain = PLAIN_RE.match(rest)
    if not rest or (plain and plain.end() == len(rest)):
        return None  # pymdown's block marker or its own include
    target = TARGET_RE.match(rest)
    if target is None:
        raise DirectiveError(f"put the path in double quotes: {FORM}")
    path = target["dq"] or target["sq"]
    options = rest[target.end() :].strip()
    if not options.startswith("{"):
        raise DirectiveError(
            "pymdown-extensions ignores text after the path, so this "
            f"line would show as text; the form is {FORM}"
        )
    path, _, section = path.partition(":")
    if section and not SECTION_RE.fullmatch(section):
        raise DirectiveError(
            f"{section!r} is not a section name (a letter, then letters, "
            "digits, _ or -); include a section by its name "
            "(# --8<-- [start:name]), never by line numbers"
        )
    return Include(
        page=page,
        lineno=lineno,
        indent=match["indent"],
        path=path,
        section=section or None,
        line=line,
        **parse_options(options),
    )


def scan_page(markdown: str, page: str) -> list[Include | BadLine]:
    """Every exec include and every unreadable ``--8<--`` line, in order.

    Lines in fenced code, escaped lines (``;--8<--``) and pymdown's own
    include lines are left out: they are not the engine's.
    """
    found: list[Include | BadLine] = []
    fence: str | None = None
    for lineno, line in enumerate(markdown.splitlines(), start=1):
        opening = FENCE_RE.match(line)
        if fence is not None:
            if opening and opening["fence"].startswith(fence):
                fence = None
            continue
        if opening:
            fence = opening["fence"]
            continue
        match = SCISSORS_RE.match(line)
        if match is None or match["escape"]:
            continue
        try:
            include = _read_line(page, lineno, line, match)
        except DirectiveError as err:
            found.append(
                BadLine(page, lineno, match["indent"], line, str(err))
            )
            continue
        if include is not None:
            found.append(include)
    return found


def find_includes(markdown: str, page: str) -> list[Include]:
    """Every exec include in ``markdown`` outside fenced code.

    Raises ``DirectiveError`` (``page:line: why``) at the first bad line.
    """
    includes = []
    for item in scan_page(markdown, page):
        if isinstance(item, BadLine):
            raise DirectiveError(f"{item.where}: {item.message}")
        includes.append(item)
    return includes
