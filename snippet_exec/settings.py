"""Every setting of the engine, from one place and in one order.

Later sources win: built-in defaults < the ``snippet-exec`` options in
mkdocs.yml < the environment (``SNIPPET_EXEC``, ``SNIPPET_TIMEOUT``) < a
snippet's own marker comments. ``mkdocs build``, ``mkdocs serve``,
``python -m snippet_exec run`` and the tests all resolve settings here, so
a snippet gets the same limits, and the same verdict, from each of them.

A marker is a comment at column 0 of the snippet file:

- ``# timeout: 300``: this snippet may run 300 seconds;
- ``# shard: alone``: it needs the whole machine (it measures speed), so
  it runs by itself with every core;
- ``# nondeterministic: <why>``: its output differs between runs.

This module imports nothing from MkDocs: mkdocs.yml is read with PyYAML,
whose ``!ENV`` tag comes from pyyaml_env_tag (MkDocs' own choice).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from snippet_exec.source import read_source

PLUGIN = "snippet-exec"
# Environment variables that override an option, by option name.
ENVIRONMENT = {"execute": "SNIPPET_EXEC", "timeout": "SNIPPET_TIMEOUT"}
MARKER_RE = re.compile(
    r"^# (?P<key>timeout|shard|nondeterministic):[ \t]*(?P<value>.*?)\s*$"
)
SHARDS = ("alone",)


class SettingsError(ValueError):
    """A setting with a value the engine cannot use.

    ``lineno`` is the marker's line when the setting came from a snippet.
    """

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


@dataclass(frozen=True)
class Settings:
    """The global settings, as every consumer of the engine sees them."""

    execute: bool = True
    """False shows code only: quick builds while writing prose."""
    timeout: float = 120.0
    """Seconds a snippet may run before it is stopped and reported."""
    memory_mb: int = 4096
    """Memory a snippet may allocate beyond what is loaded before it, MiB."""
    jobs: int = 0
    """Snippets run at once; 0 means one per CPU core."""


DEFAULTS = Settings()


@dataclass(frozen=True)
class Markers:
    """What one snippet file says about itself in marker comments."""

    timeout: float | None = None
    alone: bool = False
    nondeterministic: str | None = None


def _typed(name: str, value: Any, where: str) -> Any:
    """``value`` converted to the type of option ``name``."""
    if isinstance(value, str):  # YAML's reading, as !ENV gives values
        import yaml

        value = yaml.safe_load(value) if value.strip() else None
    kind = type(getattr(DEFAULTS, name))
    ok = (
        isinstance(value, bool)
        if kind is bool
        else (isinstance(value, (int, float)) and not isinstance(value, bool))
    )
    least = 0 if name != "timeout" else 1e-9
    if not ok or (kind is not bool and value < least):
        wanted = "true or false" if kind is bool else "a number >= 0"
        if name == "timeout":
            wanted = "a number of seconds > 0"
        raise SettingsError(f"{where}: {name} must be {wanted}, not {value!r}")
    return kind(value)


def resolve(
    options: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """The global settings from mkdocs.yml's ``options`` and ``environ``.

    ``environ`` defaults to ``os.environ``. Unknown option names are left
    to the host (MkDocs checks its own). Raises ``SettingsError`` for a
    value of the wrong type.
    """
    environ = os.environ if environ is None else environ
    chosen = {}
    for option in fields(Settings):
        name = option.name
        if options is not None and options.get(name) is not None:
            chosen[name] = _typed(name, options[name], "mkdocs.yml")
        variable = ENVIRONMENT.get(name)
        if variable and environ.get(variable, "").strip():
            chosen[name] = _typed(name, environ[variable], variable)
    return replace(DEFAULTS, **chosen)


def _config_loader() -> type:
    """PyYAML's safe loader, plus ``!ENV``; other tags read as None.

    Imported here, not at the top: every snippet's child process imports
    the executor, which needs the markers but never mkdocs.yml.
    """
    import yaml
    from yaml_env_tag import construct_env_tag

    class ConfigLoader(yaml.SafeLoader):
        pass

    ConfigLoader.add_constructor("!ENV", construct_env_tag)
    ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
    return ConfigLoader


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The ``snippet-exec`` options in a mkdocs.yml ({} if it has none)."""
    import yaml

    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_config_loader()) or {}  # noqa: S506
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{name: value} for name, value in plugins.items()]
    for entry in plugins:
        if isinstance(entry, Mapping) and PLUGIN in entry:
            return dict(entry[PLUGIN] or {})
    return {}


def site_config(root: Path) -> dict[str, Any]:
    """The mkdocs.yml (or mkdocs.yaml) of ``root`` as a mapping; {} if
    there is none. ``!ENV`` values read as the environment gives them."""
    import yaml

    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (root / name).is_file():
            with open(root / name, encoding="utf-8") as handle:
                loader = _config_loader()
                return yaml.load(handle, Loader=loader) or {}  # noqa: S506
    return {}


def load(root: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of the site whose mkdocs.yml lies in ``root``."""
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        if (root / name).is_file():
            return resolve(plugin_options(root / name), environ)
    return resolve(None, environ)


def parse_markers(source: str) -> Markers:
    """The marker comments of a snippet's source.

    Raises ``SettingsError`` at the marker's line for a value the engine
    cannot use, or a marker given twice.
    """
    found: dict[str, tuple[str, int]] = {}
    for lineno, line in enumerate(source.split("\n"), start=1):
        match = MARKER_RE.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"]
        if key in found:
            raise SettingsError(
                f"'# {key}:' is given twice (lines {found[key][1]} and "
                f"{lineno}); keep one",
                lineno,
            )
        found[key] = (value, lineno)
    markers = Markers()
    if "timeout" in found:
        value, lineno = found["timeout"]
        try:
            seconds = float(value)
        except ValueError:
            seconds = -1.0
        if not seconds > 0:
            raise SettingsError(
                f"'# timeout: {value}' must give a number of seconds > 0, "
                "e.g. '# timeout: 300'",
                lineno,
            )
        markers = replace(markers, timeout=seconds)
    if "shard" in found:
        value, lineno = found["shard"]
        if value not in SHARDS:
            raise SettingsError(
                f"'# shard: {value}' is not known; '# shard: alone' runs "
                "the snippet by itself, with every core",
                lineno,
            )
        markers = replace(markers, alone=True)
    if "nondeterministic" in found:
        value, lineno = found["nondeterministic"]
        if not value:
            raise SettingsError(
                "'# nondeterministic:' needs a reason, e.g. "
                "'# nondeterministic: prints timings'",
                lineno,
            )
        markers = replace(markers, nondeterministic=value)
    return markers


def read_markers(path: Path) -> Markers:
    """The markers of a snippet file; raises SettingsError or SourceError."""
    return parse_markers(read_source(path))
