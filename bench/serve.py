"""Rows 8 and 9: the author's loop under ``mkdocs serve``, on loopback.

Row 8 edits a snippet's printed line (a new ``print`` at the end of a
snippet a chapter includes whole) and, separately, a page's prose, and
polls the page over HTTP until the new text appears: edit to visible.
Row 9 makes 50 prose edits in turn, each waited for, and samples the
resident memory of the server process and of its warm parent (the
forkserver) after each rebuild: they should stay flat.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench.process import BenchError, environment, tail
from bench.workspace import CHAPTER_RE, Workspace
from snippet_exec.directive import Include, scan_page

READY_TIMEOUT = 900.0  # the first build runs every snippet
VISIBLE_TIMEOUT = 300.0
POLL_EVERY = 0.05  # seconds between page requests
REBUILDS = 50
# Loopback only: no proxy from the environment may take these requests.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or "" while the server cannot answer."""
    try:
        with OPENER.open(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Poll ``url`` until it shows ``text``; the seconds it took."""
    started = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - started > timeout:
            raise BenchError(f"{url} never showed {text!r}")
        time.sleep(POLL_EVERY)
    return time.perf_counter() - started


def rss_mib(pid: int) -> float:
    """A process's resident memory in MiB (0 if it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def forkserver_of(pid: int) -> int | None:
    """The forkserver among ``pid``'s children, if it runs."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rpartition(")")[2].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid and b"forkserver" in cmdline:
            return int(stat.parent.name)
    return None


def shown_snippet(ws: Workspace, durations: dict[str, float]) -> tuple:
    """The fastest snippet a chapter shows; (page, path under snippets/,
    section or None). A line printed at the end of that section (or of
    the file, if shown whole) shows under its code."""
    found = []
    for page in ws.snippets:
        if not CHAPTER_RE.match(Path(page).name):
            continue
        text = (ws.repo / "docs" / page).read_text(encoding="utf-8")
        for item in scan_page(text, page):
            if isinstance(item, Include):
                seconds = durations.get(f"snippets/{item.path}", 1e9)
                found.append((seconds, page, item.path, item.section or ""))
    if not found:
        raise BenchError("no chapter shows a snippet")
    _, page, path, section = min(found)
    return page, path, section or None


def print_line_added(source: str, section: str | None, text: str) -> str:
    """``source`` with a line printing ``text`` as the last line of
    ``section`` (before its end marker, at its indent), or of the file.
    The code spells ``text`` in two halves, so only the output shows it
    whole: the page's code block has it at once, the output after a run."""
    half = len(text) // 2
    line = f"print({text[:half]!r} + {text[half:]!r})\n"
    if section is None:
        return source + ("" if source.endswith("\n") else "\n") + line
    lines = source.splitlines(keepends=True)
    for number, old in enumerate(lines):
        if old.strip() == f"# --8<-- [end:{section}]":
            indent = old[: len(old) - len(old.lstrip())]
            lines.insert(number, indent + line)
            return "".join(lines)
    raise BenchError(f"no end marker for section {section!r}")


@dataclass
class Served:
    """What the serve rows measured."""

    snippet_edit: float = 0.0
    snippet: str = ""
    snippet_seconds: float = 0.0
    prose_edit: float = 0.0
    memory: dict[str, list[float]] = field(default_factory=dict)


class Server:
    """``mkdocs serve`` of the copy, in its own process group."""

    def __init__(self, ws: Workspace) -> None:
        self.port = free_port()
        self.log = (ws.logs / "serve.log").open("w", encoding="utf-8")
        # As `make serve` runs it: dirty rebuilds, no one-page book.
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty"]
        command += ["--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*command, "--livereload"],
            cwd=ws.repo,
            env=environment(SITE_BOOK="false"),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.ws = ws

    def url(self, page: str) -> str:
        return f"http://127.0.0.1:{self.port}/{Path(page).stem}/"

    def stop(self) -> None:
        with_group = os.getpgid(self.process.pid)
        os.killpg(with_group, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(with_group, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def append(path: Path, text: str) -> bytes:
    """Append ``text`` to a file; its bytes before, to put back."""
    original = path.read_bytes()
    newline = b"" if original.endswith(b"\n") else b"\n"
    path.write_bytes(original + newline + text.encode())
    return original


def serve_rows(
    ws: Workspace, durations: dict[str, float], rebuilds: int = REBUILDS
) -> Served:
    """Rows 8 and 9 on one server; see the module docstring."""
    page, snippet, section = shown_snippet(ws, durations)
    served = Served(snippet=snippet)
    served.snippet_seconds = durations.get(f"snippets/{snippet}", 0.0)
    server = Server(ws)
    doc = ws.repo / "docs" / page
    try:
        title_url = server.url(page)
        wait_for(title_url, "</html>", READY_TIMEOUT)
        file = ws.repo / "snippets" / snippet
        marker = f"edited-{uuid.uuid4().hex[:12]}"
        original = file.read_bytes()
        edited = print_line_added(original.decode(), section, marker)
        file.write_text(edited, encoding="utf-8")
        try:
            served.snippet_edit = wait_for(title_url, marker, VISIBLE_TIMEOUT)
        finally:
            file.write_bytes(original)
        original = doc.read_bytes()
        try:
            marker = f"prose-{uuid.uuid4().hex[:12]}"
            append(doc, f"\n{marker}\n")
            served.prose_edit = wait_for(title_url, marker, VISIBLE_TIMEOUT)
            served.memory = rebuild_memory(
                server, doc, original, title_url, rebuilds
            )
        finally:
            doc.write_bytes(original)
    except BenchError as err:
        server.log.flush()
        text = (ws.logs / "serve.log").read_text(encoding="utf-8")
        raise BenchError(f"{err}\n{tail(text)}") from None
    finally:
        server.stop()
    return served


def rebuild_memory(
    server: Server, doc: Path, original: bytes, url: str, rebuilds: int
) -> dict[str, list[float]]:
    """RSS (MiB) of the server and its warm parent after each of
    ``rebuilds`` prose edits, each waited for until it shows."""
    samples: dict[str, list[float]] = {"server": [], "parent": []}
    pid = server.process.pid
    for _ in range(rebuilds):
        marker = f"prose-{uuid.uuid4().hex[:12]}"
        doc.write_bytes(original + f"\n\n{marker}\n".encode())
        wait_for(url, marker, VISIBLE_TIMEOUT)
        parent = forkserver_of(pid)
        samples["server"].append(rss_mib(pid))
        samples["parent"].append(rss_mib(parent) if parent else 0.0)
    return samples
