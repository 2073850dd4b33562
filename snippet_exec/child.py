"""The code that runs inside each isolated child process.

The forkserver imports this module once, so torch, numpy and matplotlib are
already loaded when a child is forked: a snippet starts in about 0.1 s instead
of the 2 s a fresh interpreter needs. Everything here runs in the child only.

A snippet runs as ``python file.py`` runs it: decoded and compiled as Python
does, run top to bottom, then ended as the interpreter ends (non-daemon
threads joined, ``atexit`` handlers run), with everything the process
writes captured until it ends.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import faulthandler
import json
import os
import platform
import resource
import sys
import tempfile
import threading
import time
import traceback
import types
import weakref
from importlib.machinery import SourceFileLoader
from typing import Any

import matplotlib.pyplot  # noqa: F401  MPLBACKEND=Agg, set by the executor
import numpy  # noqa: F401  (preloaded for speed)
import torch

from snippet_exec import audit, errors
from snippet_exec.figures import FigureError, Scraper
from snippet_exec.sections import SectionError, split_chunks
from snippet_exec.source import (
    SourceError,
    compile_file,
    compile_part,
    future_flags,
    read_source,
)
from snippet_exec.watch import WHERE_SIGNAL


def _note_line(path: str, progress_path: str) -> None:
    """Record the snippet line that is running now, e.g. before it kills itself."""
    frame = sys._getframe()
    while frame is not None and frame.f_code.co_filename != path:
        frame = frame.f_back
    if frame is not None:
        with open(progress_path, "w") as progress:
            progress.write(str(frame.f_lineno))


def _environment(threads: int) -> dict[str, str]:
    """What the code ran on, for the provenance line on each page."""
    if torch.cuda.is_available():
        device = f"GPU ({torch.cuda.get_device_name(0)})"
    else:
        device = f"CPU ({os.cpu_count()} cores)"
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "device": device,
        "threads": str(threads),
    }


def _prepare(spec: dict[str, Any]) -> tuple[int, tuple[int, int]]:
    """Streams, environment, threads and limits.

    Returns the output's file descriptor and the data and resident
    memory in use before the snippet starts (MiB); the memory limit
    counts from there.
    """
    out_fd = os.open(
        spec["output_path"], os.O_WRONLY | os.O_CREAT | os.O_APPEND
    )
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    # These stay open for the child's life, so no context managers.
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(  # noqa: SIM115
        2,
        "w",
        buffering=1,
        encoding="utf-8",
        errors="backslashreplace",
        closefd=False,
    )
    dump = open(spec["dump_path"], "w")  # noqa: SIM115
    faulthandler.enable(file=dump)
    faulthandler.register(WHERE_SIGNAL, file=dump, chain=False)
    faulthandler.dump_traceback_later(spec["timeout"], exit=True, file=dump)
    # The environment of the build now, not of the forkserver's start.
    os.environ.clear()
    os.environ.update(spec["environ"])
    os.environ["TMPDIR"] = spec["tmpdir"]
    tempfile.tempdir = None  # found again, from TMPDIR, on first use
    os.chdir(spec["cwd"])
    torch.set_num_threads(spec["threads"])
    os.environ["OMP_NUM_THREADS"] = str(spec["threads"])
    baseline = (errors.status_mb("VmData"), errors.status_mb("VmRSS"))
    if spec["memory_mb"] > 0:
        # Counted from here: what the preloaded libraries hold is free.
        # RLIMIT_DATA bounds memory a snippet allocates, not the address
        # space CUDA reserves (RLIMIT_AS made torch.cuda unusable).
        limit = (baseline[0] + spec["memory_mb"]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return out_fd, baseline


def _load(path: str):
    """Chunks of the snippet, each compiled; or an error dict."""
    try:
        source = read_source(path)
        whole = compile_file(source, path)  # syntax errors before output
        flags = future_flags(whole)
        chunks = split_chunks(source)
        codes = [
            compile_part(c.source, path, c.first_line, flags) for c in chunks
        ]
    except (SectionError, SourceError) as exc:
        kind = "sections" if isinstance(exc, SectionError) else "source"
        return None, errors.error(kind, str(exc), exc.lineno)
    except SyntaxError as exc:
        return None, errors.syntax_error(exc, path)
    return list(zip(chunks, codes, strict=True)), None


def _main_module(path: str) -> types.ModuleType:
    """A fresh ``__main__``, as the interpreter makes one for a script."""
    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    module.__loader__ = SourceFileLoader("__main__", path)
    module.__cached__ = None
    sys.modules["__main__"] = module
    sys.argv = [path]
    sys.dont_write_bytecode = True  # no __pycache__ beside local modules
    sys.path.insert(0, os.path.dirname(path))
    return module


def _run_chunks(
    spec, chunks, module, out_fd, scraper: Scraper
) -> tuple[list, Any, Any]:
    """Run each chunk in turn; stop at an exception or ``sys.exit``.

    After each chunk ``scraper`` saves the figures it changed; what
    saving prints is the chunk's output, and a figure that cannot be
    drawn is the snippet's error. Returns the chunk records (chunks that never ran are marked so),
    the error (or None) and the line of a ``sys.exit(0)`` (or None).
    """
    records, error, exit_line = [], None, None
    for chunk, code in chunks:
        offset = os.fstat(out_fd).st_size
        if error is not None or exit_line is not None:
            records.append(_chunk_record(chunk, offset, offset, ran=False))
            continue
        # If the process dies without a traceback, this names where it was.
        with open(spec["progress_path"], "w") as progress:
            progress.write(str(chunk.first_line))
        try:
            exec(code, module.__dict__)
        except SystemExit as exc:
            error = errors.exit_error(exc, spec["path"])
            if error is None:
                exit_line = errors.line_in(exc, spec["path"])
        except BaseException as exc:  # noqa: BLE001 (report anything raised)
            error = errors.exception_error(
                exc, spec["path"], spec["memory_mb"]
            )
        _flush()
        figures = []
        if error is None:
            try:
                figures = scraper.scrape(
                    sorted(chunk.sections), chunk.first_line
                )
            except FigureError as exc:
                error = exc.as_error()
            _flush()
        end = os.fstat(out_fd).st_size
        records.append(_chunk_record(chunk, offset, end, figures=figures))
    return records, error, exit_line


def _chunk_record(chunk, start, end, figures=None, ran=True) -> dict:
    # ``figures`` is the scraper's own list, not a copy: a later chunk
    # that changes one of its figures takes the record out of it.
    return {
        "first_line": chunk.first_line,
        "sections": sorted(chunk.sections),
        "start": start,
        "end": end,
        "figures": [] if figures is None else figures,
        "ran": ran,
    }


def _memory_used(baseline: tuple[int, int]) -> int:
    """MiB the snippet added: the larger of its data now and its peak
    resident memory, each above what it started with."""
    data = errors.status_mb("VmData") - baseline[0]
    return max(data, errors.status_mb("VmHWM") - baseline[1], 0)


def _flush() -> None:
    for stream in (sys.__stdout__, sys.stdout, sys.stderr, sys.__stderr__):
        with contextlib.suppress(Exception):  # a snippet may close them
            stream.flush()


def _forget_inherited_finalizers() -> None:
    """The forkserver's own ``weakref.finalize`` callbacks (torch's library
    registrations) would run at exit for nothing, ~70 ms a snippet; the
    snippet's own still run, as under ``python``."""
    for finalizer in list(weakref.finalize._registry):
        finalizer.atexit = False


def _finish_like_python() -> None:
    """End as the interpreter does: join non-daemon threads, then run the
    ``atexit`` handlers (Py_FinalizeEx's order); their output is kept."""
    with contextlib.suppress(BaseException):
        threading._shutdown()
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()
    _flush()


def _run(spec: dict[str, Any]) -> dict[str, Any]:
    path = spec["path"]
    out_fd, baseline = _prepare(spec)
    start = time.perf_counter()
    chunks, error = _load(path)
    module = _main_module(path)
    _forget_inherited_finalizers()
    record = audit.Record(spec["root"])
    audit.install(record, lambda: _note_line(path, spec["progress_path"]))
    records, exit_line = [], None
    if chunks is not None:
        scraper = Scraper(spec["figures_dir"], path)
        records, error, exit_line = _run_chunks(
            spec, chunks, module, out_fd, scraper
        )
    _finish_like_python()
    ran = [r for r in records if r["ran"]]
    if ran:  # what the end of the process printed closes the last run
        ran[-1]["end"] = os.fstat(out_fd).st_size
    faulthandler.cancel_dump_traceback_later()
    modules = {
        getattr(m, "__file__", None) for m in list(sys.modules.values())
    }
    record.reads.update(
        os.path.abspath(f) for f in modules if isinstance(f, str)
    )
    return {
        "error": error,
        "chunks": records,
        "duration": time.perf_counter() - start,
        "exit_line": exit_line,
        "memory_mb": _memory_used(baseline),
        "env": _environment(spec["threads"]),
        "reads": sorted(record.reads),
        "listed": sorted(record.listed),
        "tested": sorted(record.tested),
        "environ": record.environ,
    }


def run(spec: dict[str, Any]) -> None:
    """Run one snippet as ``python <path>`` would and write a JSON result.

    ``spec`` holds ``path``, ``cwd``, ``tmpdir``, ``environ``,
    ``output_path``, ``result_path``, ``dump_path``, ``progress_path``,
    ``figures_dir`` (where figure files go), ``root``, ``threads``, ``timeout`` and ``memory_mb``. A failure of the
    engine itself is reported as an error of kind ``engine``, never lost.
    """
    try:
        result = _run(spec)
    except BaseException as exc:  # noqa: BLE001 (the engine's own bug)
        summary = f"the engine failed: {errors.summary_of(exc)}"
        details = "".join(traceback.format_exception(exc))
        result = {"error": errors.error("engine", summary, None, details)}
    temp = spec["result_path"] + ".tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(temp, spec["result_path"])
    os._exit(0)
