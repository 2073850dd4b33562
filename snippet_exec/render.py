"""Turn captured output, figures and failures into the page's HTML.

Output is shown as a terminal would leave it: ANSI colour codes removed, a
carriage return overwriting its line, everything HTML-escaped, and very long
output cut with a visible notice.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable
from urllib.parse import urlencode

ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
MAX_OUTPUT_CHARS = 20_000


def clean_output(text: str, limit: int = MAX_OUTPUT_CHARS) -> str:
    """Strip ANSI codes, apply carriage returns and cut very long output."""
    text = ANSI_RE.sub("", text)
    lines = []
    for line in text.split("\n"):
        # "50%\r100%" shows as "100%", as it does in a terminal.
        lines.append(line.rstrip("\r").rsplit("\r", 1)[-1])
    text = "\n".join(lines).rstrip("\n")
    if len(text) > limit:
        cut = len(text) - limit
        text = (
            text[:limit] + f"\n… output cut: {cut:,} more characters not shown"
        )
    return text


def output_html(text: str) -> str:
    """The block that shows what a snippet printed (empty if nothing)."""
    text = clean_output(text)
    if not text:
        return ""
    return (
        '<div class="snippet-output">'
        '<div class="snippet-output__label">Output</div>'
        f"<pre><code>{html.escape(text)}</code></pre></div>"
    )


def figure_html(src: str, alt: str) -> str:
    """A figure with its alt text, opening full size on click."""
    src_attr = html.escape(src, quote=True)
    alt_attr = html.escape(alt, quote=True)
    return (
        f'<figure class="snippet-figure"><a href="{src_attr}">'
        f'<img src="{src_attr}" alt="{alt_attr}" loading="lazy"></a></figure>'
    )


def error_html(title: str, details: str) -> str:
    """A visible error box, shown under ``mkdocs serve`` instead of failing."""
    return (
        '<div class="admonition failure snippet-error">'
        f'<p class="admonition-title">{html.escape(title)}</p>'
        f"<pre><code>{html.escape(details)}</code></pre></div>"
    )


def page_env(envs: Iterable[dict[str, str]]) -> dict[str, str]:
    """One ``env`` for a page: the first snippet's, with the thread counts
    of all (a ``# shard: alone`` snippet has every core, the rest one
    each), e.g. ``"1 or 2"``."""
    envs = list(envs)
    counts = sorted({int(e["threads"]) for e in envs if "threads" in e})
    merged = dict(envs[0]) if envs else {}
    if counts:
        merged["threads"] = " or ".join(map(str, counts))
    return merged


def running_html(path: str, started: float) -> str:
    """The box an include shows under ``mkdocs serve`` while its snippet
    runs in the background (``started``: ``time.time()`` at its start)."""
    clock = time.strftime("%H:%M:%S", time.localtime(started))
    return (
        '<div class="admonition info snippet-running">'
        f'<p class="admonition-title">Running {html.escape(path)}</p>'
        f"<p>It started at {clock}; this page reloads when it ends.</p>"
        "</div>"
    )


def colab_html(url: str) -> str:
    """The "Open in Colab" link (``snippet_exec.colab``)."""
    href = html.escape(url, quote=True)
    return f'<a class="open-in-colab" href="{href}">Open in Colab</a>.'


def provenance_html(
    env: dict[str, str], count: int, seconds: float, links: dict[str, str]
) -> str:
    """The line under a chapter's title: what its code ran on, and how long."""
    ran_on = (
        f"Python {env.get('python', '?')}, PyTorch {env.get('torch', '?')}, "
        f"{env.get('device', 'unknown device')}"
    )
    if env.get("threads"):
        plural = "s" if env["threads"] != "1" else ""
        ran_on += f", {env['threads']} thread{plural} per snippet"
    text = (
        f"The code on this page ran when the site was built, on {ran_on}: "
        f"{count} snippet{'s' if count != 1 else ''}, {seconds:.1f} s in all."
    )
    parts = [html.escape(text)]
    if "view" in links:
        view = html.escape(links["view"], quote=True)
        download = html.escape(links["download"], quote=True)
        parts.append(
            f'<a href="{view}">Open it as a notebook</a> or '
            f'<a href="{download}" download>download the .ipynb</a>.'
        )
    if "colab" in links:
        parts.append(colab_html(links["colab"]))
    if "report" in links:
        report = html.escape(links["report"], quote=True)
        parts.append(
            f'<a href="{report}">Report a problem with this page</a>.'
        )
    return f'<p class="page-provenance">{" ".join(parts)}</p>'


def report_url(repo_url: str, title: str, snippets: list[str], env) -> str:
    """A new-issue link that already names the page, its code and versions."""
    body = "\n".join(
        [
            f"Page: {title}",
            "Snippets: " + ", ".join(snippets),
            f"Ran on: Python {env.get('python')}, PyTorch {env.get('torch')}, "
            f"{env.get('device')}",
            "",
            "What went wrong:",
        ]
    )
    query = urlencode({"title": f"Problem on “{title}”", "body": body})
    return f"{repo_url}/issues/new?{query}"
