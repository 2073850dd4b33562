"""Glossary tooltips at a term's first use, never inside a longer term.

The glossary is Markdown abbreviation syntax (``*[ReLU]: Rectified ...``),
appended to every page by pymdownx.snippets' ``auto_append``. Python-
Markdown's ``abbr`` extension marks every occurrence of every term: part 6
underlined "ReLU" 29 times. This module offers the same extension with two
changes, and the same rule for chapter notebooks:

- a term is marked once per page, at its first use in reading order,
  outside headings;
- terms match longest first, and a term written across a line break
  still counts as one, so "gradient boosting" (an entry of its own) never
  shows the tooltip of "gradient".

Load it in ``markdown_extensions`` as ``snippet_exec.glossary``, in place
of ``abbr``; it takes ``abbr``'s ``glossary`` option.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping
from pathlib import Path

from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

DEFINITION_RE = re.compile(r"^\*\[(?P<term>[^\]\\]+)\]:[ \t]*(?P<title>.+)$")
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr"}


def parse_glossary(text: str) -> dict[str, str]:
    """Terms and definitions from abbreviation lines; later ones win."""
    terms = {}
    for line in text.splitlines():
        match = DEFINITION_RE.match(line.strip())
        if match:
            terms[match["term"].strip()] = match["title"].strip()
    return terms


def read_glossary(root: Path, snippets_config: Mapping) -> dict[str, str]:
    """The glossary pymdownx.snippets appends to every page.

    ``snippets_config`` is that extension's configuration (``auto_append``
    and ``base_path``); paths are relative to ``root``, as in mkdocs.yml.
    """
    bases = snippets_config.get("base_path", ["."])
    if isinstance(bases, str):
        bases = [bases]
    terms: dict[str, str] = {}
    for name in snippets_config.get("auto_append", []):
        for base in bases:
            path = root / base / name
            if path.is_file():
                terms.update(parse_glossary(path.read_text("utf-8")))
                break
    return terms


def term_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """One regex for all terms, longest first, any whitespace between words.

    None when there are no terms.
    """
    ordered = sorted(set(terms), key=len, reverse=True)
    if not ordered:
        return None
    parts = [r"\s+".join(map(re.escape, t.split())) for t in ordered]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


def normal(text: str) -> str:
    """A matched term as the glossary spells it: single spaces."""
    return " ".join(text.split())


class FirstUseTreeprocessor(Treeprocessor):
    """Wraps the first use of each term in ``<abbr title=...>``."""

    def __init__(self, md, terms: dict[str, str]) -> None:
        super().__init__(md)
        self.terms = terms

    def run(self, root: etree.Element) -> None:
        self.pattern = term_pattern(t for t, d in self.terms.items() if d)
        self.seen: set[str] = set()
        if self.pattern is not None:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIPPED:
            return
        element.text, made = self._split(element.text)
        for abbr in reversed(made):
            element.insert(0, abbr)
        for child in list(element):
            self._walk(child)
            child.tail, made = self._split(child.tail)
            index = list(element).index(child) + 1
            for abbr in reversed(made):
                element.insert(index, abbr)

    def _split(self, text):
        """Cut ``text`` at first uses of terms.

        Returns the text before the first cut and the new ``<abbr>``
        elements, each carrying the text after it as its tail.
        """
        if not text or isinstance(text, AtomicString):
            return text, []
        made: list[etree.Element] = []
        before, start = text, 0
        for match in self.pattern.finditer(text):
            term = normal(match[0])
            if term in self.seen or not self.terms.get(term):
                continue
            self.seen.add(term)
            abbr = etree.Element("abbr", {"title": self.terms[term]})
            abbr.text = AtomicString(match[0])
            if made:
                made[-1].tail = text[start : match.start()]
            else:
                before = text[: match.start()]
            made.append(abbr)
            start = match.end()
        if made:
            made[-1].tail = text[start:]
        return before, made


class GlossaryExtension(AbbrExtension):
    """Python-Markdown's ``abbr``, marking each term at its first use."""

    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        # The same name replaces abbr's own processor.
        md.treeprocessors.register(
            FirstUseTreeprocessor(md, self.abbrs), "abbr", 7
        )


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 (Markdown's name)
    """Entry point Python-Markdown calls for ``snippet_exec.glossary``."""
    return GlossaryExtension(**kwargs)


INLINE_KEEP_RE = re.compile(
    r"(?m:^[ >]*(```|~~~)[\s\S]*?^[ >]*\1.*$)"  # fenced code
    r"|(?m:^[ >]*#{1,6} .*$)"  # headings
    r"|(`+)[\s\S]*?\2"  # code spans
    r"|\$\$[\s\S]*?\$\$|\$[^$\n]+\$"  # math
    r"|<[^>\n]+>"  # HTML tags
    r"|\]\([^)\n]*\)"  # link targets
)


def abbreviate_markdown(
    text: str, terms: dict[str, str], seen: set[str]
) -> str:
    """Markdown with the first use of each term as ``<abbr title=...>``.

    For notebooks, whose Markdown no Python-Markdown extension sees. Code,
    math, HTML tags and link targets are left alone; ``seen`` carries the
    terms already marked across the cells of one notebook.
    """
    pattern = term_pattern(terms)
    if pattern is None:
        return text

    def mark(match: re.Match) -> str:
        term = normal(match[0])
        if term in seen:
            return match[0]
        seen.add(term)
        title = html.escape(terms[term], quote=False).replace('"', "&quot;")
        return f'<abbr title="{title}">{match[0]}</abbr>'

    out, start = [], 0
    for keep in INLINE_KEEP_RE.finditer(text):
        out.append(pattern.sub(mark, text[start : keep.start()]))
        out.append(keep[0])
        start = keep.end()
    out.append(pattern.sub(mark, text[start:]))
    return "".join(out)
