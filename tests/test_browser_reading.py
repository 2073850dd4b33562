"""What a reader sees of notebooks and the glossary, in Chromium.

A notebook page shows the chapter's tabs as sections, its notes as quotes
and its solutions folded, with no pymdown syntax and no TeX on screen. On
every page a glossary term carries its tooltip once, at its first use.
"""

from __future__ import annotations

import re

import pytest

from snippet_exec.glossary import parse_glossary
from tests.browser_support import BOOK, expected_pages, open_page
from tests.conftest import CHAPTERS, DOCS, ROOT

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.browser_fixtures"]

TAB_RE = re.compile(r'^\s*=== "([^"]+)"', re.M)
SOLUTION_RE = re.compile(r'^\s*\?\?\?\+? \w+ "([^"]+)"', re.M)
LEFTOVER_RE = re.compile(
    r'=== "|^\s*(?:!!!|\?\?\?) |\$\$|\\[a-zA-Z]{2,}', re.M
)
GLOSSARY = parse_glossary((ROOT / "includes" / "glossary.md").read_text())

NOTEBOOK_JS = """
() => {
  const cells = [...document.querySelectorAll(".jp-MarkdownCell")];
  return {
    text: cells.map((c) => c.innerText).join("\\n"),
    headings: cells.flatMap((c) => [...c.querySelectorAll("h2, h3, h4")])
      .map((h) => h.textContent.replace("¶", "").trim()),
    summaries: cells.flatMap((c) => [...c.querySelectorAll("summary")])
      .map((s) => s.textContent.trim()),
    labels: cells.flatMap((c) => [...c.querySelectorAll("p > strong")])
      .map((s) => s.textContent.trim()),
    code_in_prose: cells.flatMap((c) => [...c.querySelectorAll("pre")])
      .map((p) => p.textContent.slice(0, 80)),
    quotes: cells.flatMap((c) => [...c.querySelectorAll("blockquote")])
      .length,
  };
}
"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebook_page_reads_like_the_chapter(chapter, page, base_url):
    source = (DOCS / chapter).read_text("utf-8")
    open_page(page, base_url, f"/notebooks/{chapter.removesuffix('.md')}/")
    shown = page.evaluate(NOTEBOOK_JS)
    leftover = LEFTOVER_RE.search(shown["text"])
    assert leftover is None, f"{chapter}: {leftover[0]!r} on screen"
    for tab in TAB_RE.findall(source):
        assert tab in shown["headings"], f"{chapter}: no section {tab!r}"
    for title in SOLUTION_RE.findall(source):
        text = title.replace("`", "")  # inline code shows as its text
        assert text in shown["summaries"] + shown["labels"], title
    # The chapter's own code examples, at any indentation.
    fenced = len(re.findall(r"^ *```", source, re.M)) // 2
    assert len(shown["code_in_prose"]) <= fenced, shown["code_in_prose"]
    if "!!! " in source:
        assert shown["quotes"] >= 1, f"{chapter}: notes are not quotes"


ABBR_JS = """
() => [...document.querySelectorAll("abbr[title]")].map((a) => ({
  term: a.textContent.replace(/\\s+/g, " "),
  title: a.title,
  part: a.closest("section.print-page[id]")?.id ?? "",
  after: (a.nextSibling?.textContent ?? "").replace(/\\s+/g, " ")
    .slice(0, 40),
}))
"""


@pytest.mark.parametrize("path", expected_pages())
def test_glossary_tooltip_once_per_term(path, page, base_url):
    """One tooltip per term (per chapter in the book), each with the
    glossary's definition, none on a word that begins a longer term."""
    open_page(page, base_url, path)
    marks = page.evaluate(ABBR_JS)
    seen = set()
    for mark in marks:
        key = (mark["part"], mark["term"])
        assert key not in seen, f"{path}: {mark['term']!r} marked twice"
        seen.add(key)
        if mark["term"] in GLOSSARY:
            assert mark["title"] == GLOSSARY[mark["term"]], mark
        for longer in GLOSSARY:
            if longer.startswith(mark["term"] + " "):
                rest = longer.removeprefix(mark["term"])
                assert not mark["after"].startswith(rest), (path, mark)
    if path == BOOK:
        assert len({m["part"] for m in marks}) > len(CHAPTERS) / 2
