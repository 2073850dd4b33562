"""Watch a snippet from inside its child process.

Records what the result depends on (files opened, folders listed, paths
tested, environment variables read; see ``inputs``), keeps the snippet
from writing into the repository, and refuses connections off this
machine. Python's audit events (PEP 578) report opens, listings and
connections; testing a path (``os.stat``, behind ``Path.exists`` and
``os.path.isfile``) and reading ``os.environ`` raise none, so thin
wrappers record those. Runs in the child only.
"""

from __future__ import annotations

import _collections_abc
import dis
import importlib
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from snippet_exec.inputs import ENGINE_VARIABLES, is_local, not_inputs

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", None}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND
# Listings the import system makes to find modules (and distributions);
# imported modules are inputs already, by their files.
IMPORT_MACHINERY = ("<frozen importlib", os.path.dirname(importlib.__file__))


# Where Mapping.get and friends live (frozen into the interpreter in 3.11).
MAPPING_FILES = {"<frozen _collections_abc>", _collections_abc.__file__}
BINARY_SUBSCR = dis.opmap["BINARY_SUBSCR"]
CACHE = dis.opmap["CACHE"]


class OfflineError(ConnectionError):
    """Raised when a snippet reaches for the network: snippets run offline."""


@dataclass
class Record:
    """What one snippet run touched, as absolute paths and variables."""

    root: str
    reads: set[str] = field(default_factory=set)
    listed: set[str] = field(default_factory=set)
    tested: set[str] = field(default_factory=set)
    environ: dict[str, str | None] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=not_inputs)

    def local(self, name: Any) -> str | None:
        """The absolute path of ``name`` if it is in the repository."""
        if not isinstance(name, (str, bytes, os.PathLike)):
            return None
        path = os.path.abspath(os.fsdecode(name))
        return path if is_local(path, self.root, self.ignored) else None


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in LOOPBACK_HOSTS or str(host).startswith("127.")


def _writes(mode: Any, flags: Any) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def _from_import_machinery() -> bool:
    """True if the code that raised this audit event is importlib's."""
    frame = sys._getframe(2)  # 0: this, 1: the hook, 2: the caller
    return frame is not None and frame.f_code.co_filename.startswith(
        IMPORT_MACHINERY
    )


def make_audit_hook(record: Record, on_kill):
    """The audit hook: record opens and listings, guard writes and network.

    ``on_kill`` runs before the snippet sends itself a signal, so the line
    that did it is known even if the signal kills the process.
    """
    repo = os.path.join(record.root, "")

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            opened = args[0]
            if isinstance(opened, (str, bytes, os.PathLike)):
                name = os.path.abspath(os.fsdecode(opened))
                if name.startswith(repo) and _writes(args[1], args[2]):
                    raise PermissionError(
                        f"snippets must not write into the repository "
                        f"({name}); write to a tempfile.TemporaryDirectory()"
                    )
                record.reads.add(name)
        elif event in ("os.listdir", "os.scandir"):
            folder = record.local("." if args[0] is None else args[0])
            if folder is not None and not _from_import_machinery():
                record.listed.add(folder)
        elif event in ("socket.connect", "socket.sendto"):
            address = args[1]
            if isinstance(address, tuple) and not _is_loopback(address[0]):
                raise OfflineError(
                    f"snippets run offline: refused a connection to {address!r}"
                )
        elif event == "os.kill" and args[0] in (0, os.getpid()):
            on_kill()
        elif event == "socket.getaddrinfo" and not _is_loopback(args[0]):
            raise OfflineError(
                f"snippets run offline: refused to look up {args[0]!r}"
            )

    return hook


def _recording_stat(real, record: Record):
    """``os.stat``/``os.lstat`` that note which repository paths were tested."""

    def stat(path, *args, **kwargs):
        name = None if args or kwargs.get("dir_fd") else record.local(path)
        if name is not None:
            record.tested.add(name)
        return real(path, *args, **kwargs)

    stat.__name__, stat.__doc__ = real.__name__, real.__doc__
    for group in (
        os.supports_dir_fd,
        os.supports_fd,
        os.supports_follow_symlinks,
    ):
        if real in group:
            group.add(stat)
    return stat


def _read_by_name() -> bool:
    """True if ``os.environ`` is being read for one named variable
    (``environ["X"]``, ``.get``, ``in``, ``os.getenv``), not copied whole
    (``{**environ}``, ``dict(environ)``, ``.items()``) to pass it on."""
    frame = sys._getframe(2)  # 0: this, 1: __getitem__, 2: the reader
    code = frame.f_code
    if code.co_filename in MAPPING_FILES:
        return code.co_name in ("get", "__contains__", "pop")
    at = frame.f_lasti
    while at > 0 and code.co_code[at] == CACHE:  # a specialized subscript
        at -= 2  # points past its inline cache
    return code.co_code[at] == BINARY_SUBSCR


def _recording_environ(record: Record) -> type:
    """A subclass of ``os._Environ`` that notes each variable read by name.

    A variable the snippet set itself is not an input. Neither is a whole
    copy of the environment (what launching a subprocess does): only the
    variables read by name count.
    """
    written: set[str] = set()

    class RecordingEnviron(type(os.environ)):
        def __getitem__(self, key):
            try:
                value = super().__getitem__(key)
            except KeyError:
                value = None
            if (
                isinstance(key, str)
                and key not in written
                and key not in ENGINE_VARIABLES
                and _read_by_name()
            ):
                record.environ.setdefault(key, value)
            if value is None:
                raise KeyError(key) from None
            return value

        def __setitem__(self, key, value):
            written.add(key)
            super().__setitem__(key, value)

        def __delitem__(self, key):
            written.add(key)
            super().__delitem__(key)

        def copy(self):
            return {
                self.decodekey(k): self.decodevalue(v)
                for k, v in self._data.items()
            }

    return RecordingEnviron


def install(record: Record, on_kill) -> None:
    """Start recording into ``record`` and guarding, for the process's life."""
    os.stat = _recording_stat(os.stat, record)
    os.lstat = _recording_stat(os.lstat, record)
    os.environ.__class__ = _recording_environ(record)
    sys.addaudithook(make_audit_hook(record, on_kill))
