"""Fixtures of the browser tests: the built site, its server, Chromium.

A browser test module loads them with
``pytest_plugins = ["tests.browser_fixtures"]``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, serve, site_dir


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    return site_dir(request)


@pytest.fixture(scope="session")
def base_url(built_site) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_context():
    """One Chromium for the session, with a fresh, empty profile."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's "
            "Chromium (apt-get install chromium), never Playwright's own"
        )
    with (
        tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile,
        sync_playwright() as playwright,
    ):
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            color_scheme="light",
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    """A new tab per test, so listeners of one test never see another."""
    tab = browser_context.new_page()
    yield tab
    tab.close()
