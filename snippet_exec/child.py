"""The code that runs inside each isolated child process.

The forkserver imports this module once, so torch, numpy and matplotlib are
already loaded when a child is forked: a snippet starts in about 0.1 s instead
of the 2 s a fresh interpreter needs. Everything here runs in the child only.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import faulthandler
import json
import os
import platform
import resource
import signal
import sys
import time
import traceback
import types
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot  # noqa: E402, F401  (preloaded for speed)
import numpy  # noqa: E402, F401  (preloaded for speed)
import torch  # noqa: E402

from snippet_exec.figures import FigureError, Scraper  # noqa: E402
from snippet_exec.sections import SectionError, split_chunks  # noqa: E402

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "", None}


class OfflineError(ConnectionError):
    """Raised when a snippet reaches for the network: snippets run offline."""


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in LOOPBACK_HOSTS or str(host).startswith("127.")


def _note_line(path: str, progress_path: str) -> None:
    """Record the snippet line that is running now, e.g. before it kills itself."""
    frame = sys._getframe()
    while frame is not None and frame.f_code.co_filename != path:
        frame = frame.f_back
    if frame is not None:
        with open(progress_path, "w") as progress:
            progress.write(str(frame.f_lineno))


WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND


def _writes(mode: Any, flags: Any) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def _make_audit_hook(
    reads: set[str], path: str, progress_path: str, root: str
):
    """Record files the snippet opens, keep it from writing into the
    repository, and refuse connections off this machine."""
    root = os.path.join(root, "")

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            opened = args[0]
            if isinstance(opened, (str, bytes, os.PathLike)):
                name = os.path.abspath(os.fsdecode(opened))
                if name.startswith(root) and _writes(args[1], args[2]):
                    raise PermissionError(
                        f"snippets must not write into the repository "
                        f"({name}); write to a tempfile.TemporaryDirectory()"
                    )
                reads.add(name)
        elif event in ("socket.connect", "socket.sendto"):
            address = args[1]
            if isinstance(address, tuple) and not _is_loopback(address[0]):
                raise OfflineError(
                    f"snippets run offline: refused a connection to {address!r}"
                )
        elif event == "os.kill" and args[0] in (0, os.getpid()):
            _note_line(path, progress_path)
        elif event == "socket.getaddrinfo" and not _is_loopback(args[0]):
            raise OfflineError(
                f"snippets run offline: refused to look up {args[0]!r}"
            )

    return hook


def _snippet_traceback(
    exc: BaseException, path: str
) -> tuple[str, int | None]:
    """Format ``exc`` without the executor's own frames; find the snippet line."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    frames = traceback.extract_tb(tb)
    lineno = None
    for frame in frames:
        if frame.filename == path:
            lineno = frame.lineno
    if isinstance(exc, SyntaxError) and exc.filename == path:
        lineno = exc.lineno
    text = "".join(traceback.format_exception(type(exc), exc, tb))
    return text, lineno


def _summary(exc: BaseException, output_mb: int) -> str:
    """One line naming what went wrong, in words a reader can act on."""
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return (
            f"the snippet wrote more than {output_mb} MiB (to its output "
            "or a file) and was stopped"
        )
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


def _environment() -> dict[str, str]:
    """What the code ran on, for the provenance line on each page."""
    if torch.cuda.is_available():
        device = f"GPU ({torch.cuda.get_device_name(0)})"
    else:
        device = f"CPU ({os.cpu_count()} cores)"
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "device": device,
    }


def _limit_resources(memory_mb: int, output_mb: int) -> None:
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if output_mb > 0:
        # A write past the limit then fails with an error instead of a signal.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = output_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def run(spec: dict[str, Any]) -> None:
    """Run one snippet as ``python <path>`` would and write a JSON result.

    ``spec`` holds ``path``, ``cwd``, ``output_path``, ``result_path``,
    ``dump_path``, ``progress_path``, ``figures_dir`` (where figure files
    go), ``root``, ``threads``, ``timeout``, ``memory_mb`` and ``output_mb``.
    """
    path = spec["path"]
    out_fd = os.open(
        spec["output_path"], os.O_WRONLY | os.O_CREAT | os.O_APPEND
    )
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    # These stay open for the child's life, so no context managers.
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, encoding="utf-8", closefd=False)  # noqa: SIM115
    dump = open(spec["dump_path"], "w")  # noqa: SIM115
    faulthandler.enable(file=dump)
    faulthandler.dump_traceback_later(spec["timeout"], exit=True, file=dump)
    os.chdir(spec["cwd"])
    # Children run side by side, one per core: more threads would fight.
    torch.set_num_threads(spec["threads"])
    os.environ["OMP_NUM_THREADS"] = str(spec["threads"])
    _limit_resources(spec["memory_mb"], spec["output_mb"])

    reads: set[str] = set()
    chunks_out: list[dict[str, Any]] = []
    error = None
    start = time.perf_counter()
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        compile(source, path, "exec")  # report syntax errors before any output
        chunks = split_chunks(source)
    except SectionError as exc:
        error = {
            "kind": "sections",
            "lineno": exc.lineno,
            "summary": str(exc),
            "traceback": "",
        }
        chunks = []
    except SyntaxError as exc:
        text, lineno = _snippet_traceback(exc, path)
        error = {
            "kind": "syntax",
            "lineno": lineno,
            "summary": f"SyntaxError: {exc.msg}",
            "traceback": text,
        }
        chunks = []

    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    sys.argv = [path]
    sys.dont_write_bytecode = True  # no __pycache__ beside local modules
    sys.path.insert(0, os.path.dirname(path))
    scraper = Scraper(spec["figures_dir"], path)
    sys.addaudithook(
        _make_audit_hook(reads, path, spec["progress_path"], spec["root"])
    )

    for chunk in chunks:
        offset = os.fstat(out_fd).st_size
        # If the process dies without a traceback, this names where it was.
        with open(spec["progress_path"], "w") as progress:
            progress.write(str(chunk.first_line))
        code = compile(
            "\n" * (chunk.first_line - 1) + chunk.source, path, "exec"
        )
        try:
            exec(code, module.__dict__)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                text, lineno = _snippet_traceback(exc, path)
                error = {
                    "kind": "exit",
                    "lineno": lineno,
                    "summary": f"the snippet called sys.exit({exc.code!r})",
                    "traceback": text,
                }
            stopped = True
        except BaseException as exc:  # noqa: BLE001 (report anything raised)
            text, lineno = _snippet_traceback(exc, path)
            summary = _summary(exc, spec["output_mb"])
            error = {
                "kind": "exception",
                "lineno": lineno,
                "summary": summary,
                "traceback": text,
            }
            stopped = True
        else:
            stopped = False
        figures = []
        if error is None:  # what saving prints is this chunk's output too
            try:
                figures = scraper.scrape(
                    sorted(chunk.sections), chunk.first_line
                )
            except FigureError as exc:
                error, stopped = exc.as_error(), True
        with contextlib.suppress(OSError):  # output may be over its limit
            sys.stdout.flush()
            sys.stderr.flush()
        chunks_out.append(
            {
                "first_line": chunk.first_line,
                "sections": sorted(chunk.sections),
                "start": offset,
                "end": os.fstat(out_fd).st_size,
                "figures": figures,
            }
        )
        if stopped:
            break

    faulthandler.cancel_dump_traceback_later()
    modules = {
        getattr(m, "__file__", None) for m in list(sys.modules.values())
    }
    reads.update(os.path.abspath(f) for f in modules if isinstance(f, str))
    result = {
        "ok": error is None,
        "error": error,
        "chunks": chunks_out,
        "duration": time.perf_counter() - start,
        "env": _environment(),
        "reads": sorted(reads),
    }
    temp = spec["result_path"] + ".tmp"
    with open(temp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(temp, spec["result_path"])
    os._exit(0)
