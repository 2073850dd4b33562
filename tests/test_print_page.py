"""hooks/print_page.py: the one-page book's ids and links, on small pages.

The browser and link tests check the built book; these pin each rewrite.
"""

from __future__ import annotations

from types import SimpleNamespace

from hooks.print_page import (
    LINE_ANCHOR_RE,
    on_post_build,
    outside_links,
    unique_ids,
)

BOOK = (
    '<div id="print-site-page"><section class="print-page" id="a" '
    'heading-number="1"><h2 id="a-intro">Intro</h2>'
    '<span id="__span-0-1"><a href="#a-__span-0-1">x</a></span>'
    '<section><p id="deep">nested</p></section></section>'
    '<section class="print-page" id="b" heading-number="2">'
    '<span id="__span-0-1">y</span></section></div>'
    '<script id="__config" type="application/json">{}</script>'
)


def test_ids_take_their_page_key_like_their_links():
    out = unique_ids(BOOK)
    assert 'id="a-__span-0-1"' in out and 'id="b-__span-0-1"' in out
    assert 'id="a-intro"' in out  # renamed by the plugin already
    assert 'id="a-deep"' in out  # inside a nested section too
    assert 'id="__config"' in out  # the theme's own ids stay
    assert 'id="print-site-page"' in out
    assert 'id="a" heading' in out and 'id="b" heading' in out


def test_links_out_of_the_book_lead_somewhere():
    page = (
        '<a href="#notebooks-07-loss-functions">view</a>'
        '<a href="#.">home</a><a href="#book">book</a>'
    )
    out = outside_links(page, "book")
    assert 'href="../notebooks/07-loss-functions/"' in out
    assert 'href="#index"' in out
    assert 'href="#print-site-page"' in out


def test_line_anchors_are_empty_links_only():
    line = (
        '<span id="a-__span-0-1"><a id="a-__codelineno-0-1" '
        'name="a-__codelineno-0-1" href="#a-__codelineno-0-1"></a>x\n</span>'
    )
    assert LINE_ANCHOR_RE.sub("", line) == '<span id="a-__span-0-1">x\n</span>'


def test_the_book_is_rewritten_in_place_keeping_its_mode(tmp_path):
    """A web server must still read it; no temporary file is left."""
    page = tmp_path / "book" / "index.html"
    page.parent.mkdir()
    page.write_text(BOOK)
    page.chmod(0o644)
    plugin = SimpleNamespace(
        config={"enabled": True, "print_page_basename": "book"}
    )
    config = SimpleNamespace(
        plugins={"print-site": plugin}, site_dir=str(tmp_path)
    )
    on_post_build(config)
    assert page.stat().st_mode & 0o777 == 0o644
    assert 'id="b-__span-0-1"' in page.read_text()
    assert [p.name for p in page.parent.iterdir()] == ["index.html"]
