"""Finish mkdocs-print-site-plugin's one-page book (``/book/``).

The plugin joins every page into one and rewrites each page's in-page
links from ``#x`` to ``#<page>-x``, but renames only the ids of headings,
footnotes and tabs to match. Code line anchors (``__codelineno-0-1``,
``__span-0-1``) kept their names, so their links led nowhere and the same
id appeared once per page. A link to a chapter's notebook, a page outside
the book, and one to the home page became anchors to nothing. The line
anchors, thousands of empty links, go: they make the page heavy to lay out
and to check. This hook runs after the plugin
(MkDocs runs hooks after plugins) and fixes both in the written file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

PAGE_RE = re.compile(
    r'<section class="print-page" id="([^"]+)" heading-number='
)
SECTION_TAG_RE = re.compile(r"<(/?)section\b")
ID_RE = re.compile(r'\b(id|name)="([^"]+)"')
# pymdownx.highlight's line anchors: an empty link per code line, useful
# only beside shown line numbers, which the site does not show.
LINE_ANCHOR_RE = re.compile(
    r'<a id="[^"]*__codelineno-[\d-]+" name="[^"]*" href="[^"]*"></a>'
)
NOTEBOOK_RE = re.compile(r'href="#notebooks-(\d\d-[\w-]+?)"')


def _section_end(book: str, start: int) -> int:
    """Where the ``<section>`` opening at ``start`` closes."""
    depth = 0
    for tag in SECTION_TAG_RE.finditer(book, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    raise ValueError(f"unclosed <section> at character {start}")


def unique_ids(book: str) -> str:
    """Prefix every id in a page's part with the page key, as its links are.

    Ids the plugin renamed already (they start with the key) are kept;
    nothing outside the pages' parts (the theme's own ids) changes.
    """
    out, done = [], 0
    for page in PAGE_RE.finditer(book):
        key, end = page[1], _section_end(book, page.start())

        def rename(match: re.Match, key: str = key) -> str:
            if match[2].startswith(f"{key}-") or match[2] == key:
                return match[0]
            return f'{match[1]}="{key}-{match[2]}"'

        out += [
            book[done : page.start()],
            ID_RE.sub(rename, book[page.start() : end]),
        ]
        done = end
    out.append(book[done:])
    return "".join(out)


def outside_links(book: str, name: str) -> str:
    """Links the plugin turned into anchors to nothing.

    A chapter's notebook page is outside the book: link to it. A link to
    the home page (``../``) became ``#.``; the home page's part is
    ``#index``. The home page's link to the book (``#<name>``) leads to
    the book's top.
    """
    book = NOTEBOOK_RE.sub(r'href="../notebooks/\1/"', book)
    book = book.replace('href="#."', 'href="#index"')
    return book.replace(f'href="#{name}"', 'href="#print-site-page"')


def on_post_build(config) -> None:
    """Rewrite the book page the print-site plugin wrote, atomically."""
    plugin = config.plugins.get("print-site")
    if plugin is None or not plugin.config.get("enabled"):
        return
    name = plugin.config["print_page_basename"]
    path = Path(config.site_dir) / name / "index.html"
    if not path.is_file():
        path = Path(config.site_dir) / f"{name}.html"
    book = path.read_text("utf-8")
    fixed = outside_links(unique_ids(LINE_ANCHOR_RE.sub("", book)), name)
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(fixed)
        os.chmod(temp, path.stat().st_mode)  # mkstemp's 0600 hides it
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
