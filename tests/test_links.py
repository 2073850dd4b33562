"""No internal link or anchor in the built site leads nowhere.

Every ``href`` and ``src`` of every HTML file that stays on the site
(relative, root-relative, or to 127.0.0.1) must name a file the build wrote,
and its ``#fragment`` an element of that page. Links to other sites are left
to test_site.py, which forbids loading anything from them. No browser.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.browser_support import site_dir

pytestmark = pytest.mark.slow

BASE = "http://127.0.0.1/"  # any origin will do: only the path is used
LINK_ATTRS = {"href", "src"}
SKIP_SCHEMES = {"mailto", "data", "blob", "javascript", "tel"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class Page(HTMLParser):
    """A page's link targets and the ids and names its anchors may use."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRS:
                self.links.append((self.getpos()[0], value.strip()))
            elif name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)

    handle_startendtag = handle_starttag


@functools.cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def target_file(site: Path, url_path: str) -> Path:
    """The file a server would send for a path: ``foo/`` is foo/index.html."""
    target = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """Every link on the site whose file or anchor is missing, one a line."""
    problems = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        page_url = urljoin(BASE, rel)
        for line, link in parse(html_file).links:
            url = urlsplit(urljoin(page_url, link))
            if url.scheme in SKIP_SCHEMES or url.hostname not in LOCAL_HOSTS:
                continue  # another site, or not a place at all
            target = target_file(site, url.path)
            where = f"{rel}:{line}: {link!r}"
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{where} leaves the site")
            elif not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(site)}")
            elif url.fragment and target.suffix == ".html":
                anchor = unquote(url.fragment)
                if anchor not in parse(target).anchors:
                    problems.append(f"{where}: no id {anchor!r} there")
    return problems


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    return site_dir(request)


def test_no_broken_internal_link_or_anchor(built_site):
    problems = broken_links(built_site)
    assert not problems, f"{len(problems)} broken:\n" + "\n".join(problems)


def test_checker_sees_a_broken_link_and_anchor(tmp_path):
    """The checker itself: a missing page and a missing id are caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="../a/#gone">'
        '</a><img src="../b.png"><a href="https://example.org/x">ext</a>'
        '<a href="http://127.0.0.1:8000/a/">site_url</a>'
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 2, problems
    assert "no id 'gone'" in problems[0] and "b.png" in problems[1]
