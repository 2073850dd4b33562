"""Describe what went wrong in a snippet, located at its own line.

Used in the child: turns an exception, a syntax error or a ``sys.exit``
into the error record the executor reports, with a traceback that shows
the snippet's frames and none of the engine's.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from typing import Any

ENGINE_DIR = os.path.dirname(os.path.abspath(__file__))


def error(
    kind: str, summary: str, lineno: int | None, details: str = ""
) -> dict[str, Any]:
    """An error record: kind, one-line summary, line and traceback."""
    return {
        "kind": kind,
        "summary": summary,
        "lineno": lineno,
        "traceback": details,
    }


def _without_engine(te, seen: set[int] | None = None) -> None:
    """Drop the engine's own frames from ``te`` and its chained causes."""
    seen = set() if seen is None else seen
    if te is None or id(te) in seen:
        return
    seen.add(id(te))
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if not _is_engine(f.filename)]
    )
    _without_engine(te.__cause__, seen)
    _without_engine(te.__context__, seen)


def _is_engine(filename: str) -> bool:
    return os.path.abspath(filename).startswith(ENGINE_DIR + os.sep)


def _traceback(exc: BaseException) -> str:
    te = traceback.TracebackException.from_exception(exc)
    _without_engine(te)
    return "".join(te.format())


def line_in(exc: BaseException, path: str) -> int | None:
    """The last line of ``path`` that the exception passed through."""
    if isinstance(exc, SyntaxError) and exc.filename == path:
        return exc.lineno
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename == path]
    return lines[-1] if lines else None


def is_out_of_memory(exc: BaseException) -> bool:
    """True for the ways Python, NumPy and PyTorch report a failed
    allocation (NumPy's ``_ArrayMemoryError`` is a ``MemoryError``)."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    return isinstance(exc, RuntimeError) and "can't allocate memory" in str(
        exc
    )


def memory_hint(memory_mb: int) -> str:
    """Why an allocation that works under ``python`` failed here."""
    return (
        f"the snippet reached the engine's memory limit, memory_mb = "
        f"{memory_mb} MiB on top of what the engine has loaded before "
        "the snippet starts; if the snippet needs more, raise memory_mb "
        "under '- snippet-exec:' in mkdocs.yml"
    )


def summary_of(exc: BaseException) -> str:
    """``Type: first line of the message``: the whole message can be long
    (compiler output, say); the traceback keeps all of it."""
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return text.split("\n", 1)[0]


def exception_error(
    exc: BaseException, path: str, memory_mb: int = 0
) -> dict[str, Any]:
    """The error record of an exception the snippet raised."""
    summary = summary_of(exc)
    if memory_mb > 0 and is_out_of_memory(exc):
        summary += f" ({memory_hint(memory_mb)})"
    return error("exception", summary, line_in(exc, path), _traceback(exc))


def syntax_error(exc: SyntaxError, path: str) -> dict[str, Any]:
    """The error record of a file Python cannot compile."""
    return error(
        "syntax",
        f"SyntaxError: {exc.msg}",
        line_in(exc, path),
        _traceback(exc),
    )


def exit_error(exc: SystemExit, path: str) -> dict[str, Any] | None:
    """None for a zero exit; else the error, as ``python`` would end.

    Python exits 0 for ``sys.exit()`` or ``sys.exit(0)``, with the code
    for another int, and otherwise prints the argument to stderr and
    exits 1.
    """
    code = exc.code
    if code is None or (isinstance(code, int) and code == 0):
        return None
    if not isinstance(code, int):
        print(code, file=sys.stderr)
    status = code if isinstance(code, int) else 1
    return error(
        "exit",
        f"the snippet called sys.exit({code!r}): exit status {status}",
        line_in(exc, path),
        _traceback(exc),
    )


def status_mb(field: str) -> int:
    """One size from /proc/self/status, in MiB (0 where there is none).

    ``VmData`` is the private writable memory RLIMIT_DATA bounds,
    ``VmRSS``/``VmHWM`` the resident memory now and at its peak (Linux,
    proc(5)).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024  # kB to MiB
    except (OSError, ValueError):
        pass
    return 0
