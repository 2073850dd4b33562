"""Helpers shared by the browser and link tests: pages, server, browser.

The tests drive Debian's Chromium (never Playwright's own download) against
the built site, served from 127.0.0.1 the way a reader's browser would see
it. ``SITE_DIR`` points them at an already built site while developing.
Its fixtures live in ``tests/browser_fixtures.py``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHAPTERS, DOCS, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / ".cache" / "screenshots"
# The whole book on one page, written by mkdocs-print-site-plugin
# (print_page_basename in mkdocs.yml).
BOOK = "/book/"


def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site: ``SITE_DIR`` if set, else the strict build."""
    override = os.environ.get("SITE_DIR")
    if override:
        return Path(override).resolve()
    return request.getfixturevalue("site")


def expected_pages() -> list[str]:
    """URL paths of every page the docs should produce, 404 page included.

    Known before the build, so each page is a test of its own; a test
    compares the list with the built site so that no page is missed.
    """
    pages = ["/", "/404.html"]
    for source in sorted(DOCS.rglob("*.md")):
        rel = source.relative_to(DOCS).with_suffix("").as_posix()
        if rel != "index":
            pages.append(f"/{rel.removesuffix('/index')}/")
    for chapter in CHAPTERS:
        pages.append(f"/notebooks/{chapter.removesuffix('.md')}/")
    pages.append(BOOK)
    return pages


def built_pages(site: Path) -> list[str]:
    """URL paths of every page in the built site."""
    pages = ["/404.html"] if (site / "404.html").is_file() else []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


def page_name(url_path: str) -> str:
    """A file name for a page: ``/notebooks/04-x/`` -> ``notebooks-04-x``."""
    name = url_path.strip("/").removesuffix(".html").replace("/", "-")
    return name or "index"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".ipynb": "application/x-ipynb+json",
    }

    def log_message(self, *args) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """A browser dropping a connection is not a test failure."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class Watch:
    """Everything that goes wrong while a page loads, as readable lines.

    Console errors, uncaught exceptions, failed requests, error responses,
    and any request that leaves the served origin (``data:`` and ``blob:``
    URLs stay in the page, so they are fine).
    """

    def __init__(self, page, origin: str) -> None:
        self.origin = urlsplit(origin)
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.problems.append(f"console: {message.text} ({where})")

    def _failed(self, request) -> None:
        self.problems.append(f"failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob"):
            return
        if (url.scheme, url.netloc) != (
            self.origin.scheme,
            self.origin.netloc,
        ):
            self.problems.append(f"left the site: {request.url}")


# Lazy images load only near the viewport: make them all load now, then
# list those that did not (naturalWidth 0 means broken or never loaded).
LOAD_IMAGES_JS = """
async () => {
  const images = [...document.images];
  for (const img of images) img.loading = "eager";
  const loaded = images.map((img) => img.complete ? null : new Promise(
    (done) => {
      img.addEventListener("load", done);
      img.addEventListener("error", done);
    }));
  const limit = new Promise((done) => setTimeout(done, 15000));
  await Promise.race([Promise.all(loaded), limit]);
  return images.filter((img) => !(img.naturalWidth > 0))
    .map((img) => img.currentSrc || img.src || img.outerHTML.slice(0, 120));
}
"""


def load_images(page) -> list[str]:
    """Load every image on the page; return those that failed."""
    return page.evaluate(LOAD_IMAGES_JS)


def use_scheme(page, scheme: str) -> None:
    """Switch the page to ``scheme`` as a reader does: the header toggle.

    Material keeps the choice in localStorage, so later pages open in it;
    the page is reloaded so that no colour transition is half way.
    """
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") == scheme:
        return
    target = page.locator(f'input[data-md-color-scheme="{scheme}"]')
    assert target.count() == 1, f"{page.url}: no toggle to {scheme}"
    page.locator(f'label[for="{target.get_attribute("id")}"]').click()
    page.wait_for_function(
        f"document.body.dataset.mdColorScheme === {scheme!r}"
    )
    page.reload(wait_until="load")
    assert body.get_attribute("data-md-color-scheme") == scheme


def open_page(page, base_url: str, path: str) -> Watch:
    """Open a page with a watch on it, up to its load event."""
    watch = Watch(page, base_url)
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: not served"
    return watch
