"""The options of one site's run, and the executor that fits them.

A host hands the core its settings as ``Options``: where the docs,
snippets and cache are, and how snippets run, resolved with the one
precedence every consumer of the engine uses (``settings``). Nothing
here imports a host.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

from snippet_exec import settings
from snippet_exec.executor import Executor, Limits


@dataclass(frozen=True)
class Options:
    """Where things are and how snippets run; paths relative to ``root``."""

    root: Path
    docs_dir: str = "docs"
    snippets_dir: str = "snippets"
    cache_dir: str = ".cache/snippet_exec"
    # Resolved by settings.resolve: defaults < the host's config < the
    # environment (a snippet's own markers win over these when it runs).
    execute: bool = settings.DEFAULTS.execute  # False: code only
    timeout: float = settings.DEFAULTS.timeout  # seconds per snippet
    memory_mb: int = settings.DEFAULTS.memory_mb  # MiB a snippet may add
    jobs: int = settings.DEFAULTS.jobs  # at once; 0: one per CPU core
    repo_url: str = ""  # for "report a problem" links; "" for none

    @classmethod
    def from_config(cls, root: Path, *configs) -> Options:
        """Options from a host's settings (mappings with these names; a
        later one wins); names missing, empty or None keep defaults. The
        run settings then go through ``settings.resolve``, so that the
        environment wins as it does for every consumer of the engine.
        Raises ``settings.SettingsError`` for a value of the wrong type."""
        names = {f.name for f in fields(cls)} - {"root"}
        found = {}
        for config in configs:
            for name in names & set(config):
                if config[name] is not None and config[name] != "":
                    found[name] = config[name]
        resolved = settings.resolve(found)
        found.update(
            (f.name, getattr(resolved, f.name))
            for f in fields(settings.Settings)
        )
        return cls(root, **found)


def executor_for(options: Options, old: Executor | None) -> Executor:
    """The old executor if it fits the options (its forkserver stays warm)."""
    limits = Limits(options.timeout, options.memory_mb)
    root = options.root.resolve()
    blobs = root / options.cache_dir / "blobs"  # figure files, as the cache
    if old is not None and (old.limits, old.root, old.blobs.directory) == (
        limits,
        root,
        blobs,
    ):
        old.jobs = options.jobs or os.cpu_count() or 1
        return old
    return Executor(root, limits, options.jobs, blobs)
