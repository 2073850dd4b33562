"""Start the warm parent early, and only when a snippet will have to run.

The forkserver spends seconds importing torch, numpy and matplotlib (and
paying their first calls, see ``warm``). Started when the first snippet
must run, a one-snippet rebuild waits for all of that before its run
begins; started as soon as the host has read its config, the imports go
on while the host does its own work. A build with every result cached
must not pay for them at all, so a quick look decides first: a snippet
some page includes has no cache entry under its current key (its file as
it is now). Entries whose inputs changed are not looked into here; such
a build starts the parent when it runs them, as before.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from pathlib import Path

from snippet_exec import settings
from snippet_exec.directive import Include, scan_page
from snippet_exec.site import Options, SiteRun


def included_snippets(docs: Path) -> set[str]:
    """What pages under ``docs`` include (paths relative to the snippets
    folder); unreadable pages and bad lines are the build's to report."""
    found = set()
    for page in docs.rglob("*.md"):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        items = scan_page(text, page.name)
        found.update(i.path for i in items if isinstance(i, Include))
    return found


def to_run(site: SiteRun, docs: Path) -> int:
    """How many included snippets have no cache entry for their key."""
    count = 0
    for path in sorted(included_snippets(docs)):
        if not (site.snippets / path).is_file():
            continue
        key = site.cache.key(site.rel(path))
        entry = site.cache.directory / f"{key}.json"  # as cache names it
        count += key is not None and not entry.is_file()
    return count


def start_parent_if_needed(
    site: SiteRun, docs: Path, serving: bool = False
) -> threading.Thread:
    """In a daemon thread: start ``site``'s warm parent if some snippet
    must run, or always for a server (its edits will run snippets, and
    the parent lives as long as it does). Returns the thread."""

    def look() -> None:
        try:
            if not site.options.execute:
                return
            if serving:
                site.executor.start_parent()
            elif count := to_run(site, docs):
                site.executor.start_parent(count)
        except Exception:  # noqa: BLE001 (a guess; the build still runs)
            return

    thread = threading.Thread(target=look, name="snippet-exec prestart")
    thread.daemon = True
    thread.start()
    return thread


def start_early(
    config_file: str | Path, options: Mapping
) -> threading.Thread | None:
    """A first look, as soon as the host has read its config file
    (``options``: the engine's, as written there): other plugins and
    extensions still have to load, a second or more in which the warm
    parent can import torch. Only the default docs folder is looked at;
    the host looks again once it knows its own. A setting the engine
    cannot use is left for the host to report: returns None then, else
    the thread of ``start_parent_if_needed``."""
    root = Path(config_file).resolve().parent
    with contextlib.suppress(settings.SettingsError):
        early = SiteRun(Options.from_config(root, options))
        return start_parent_if_needed(early, root / early.options.docs_dir)
    return None
