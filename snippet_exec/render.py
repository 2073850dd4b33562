"""Turn captured output, figures and failures into the page's HTML.

Output is shown as a terminal would leave it: ANSI colour codes removed, a
carriage return overwriting its line, everything HTML-escaped, and very long
output cut with a visible notice.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from snippet_exec.blobs import FigureRecord

ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
MAX_OUTPUT_CHARS = 20_000
INLINE_IMAGE_RE = re.compile(
    r'<img\b[^>]*\bsrc="data:image/(?:svg\+xml|png);base64,[^"]*"[^>]*>'
)


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


def figure_file(name: str) -> str:
    """Where a figure file goes in the site: ``figures/`` and the first 20
    hex digits of its hash (80 bits: no two figures of a site collide)."""
    digest, extension = name.split(".")
    return f"figures/{digest[:20]}.{extension}"


def figure_html(
    record: FigureRecord, url: Callable[[str], str], alt: str
) -> str:
    """A figure in both themes, each opening full size on click.

    The two images differ only in colour; Material for MkDocs hides an
    image whose address ends in ``#only-light`` under the dark scheme and
    ``#only-dark`` under the light one, and the site's CSS hides the link
    around it, so each reader sees and can tab to one, with no script. An
    animation's still stands in for readers who ask for reduced motion.
    """
    variants = [("light", record.light, record.still_light)]
    if record.dark != record.light:  # a figure drawn dark serves both
        variants.append(("dark", record.dark, record.still_dark))
    links = []
    for theme, name, still in variants:
        src = html.escape(url(name), quote=True)
        fragment = f"#only-{theme}" if len(variants) > 1 else ""
        size = ""
        if record.width and record.height:
            size = f' width="{record.width}" height="{record.height}"'
        image = (
            f'<img src="{src}{fragment}" alt="{html.escape(alt, quote=True)}"'
            f'{size} loading="lazy">'
        )
        if still:
            motionless = html.escape(url(still), quote=True)
            image = (
                f'<picture><source srcset="{motionless}" '
                f'media="(prefers-reduced-motion: reduce)">{image}</picture>'
            )
        links.append(
            f'<a class="snippet-figure__{theme}" href="{src}">{image}</a>'
        )
    return f'<figure class="snippet-figure">{"".join(links)}</figure>'


def swap_inline_images(html_text: str, figures: list[str]) -> str:
    """Put ``figures`` (HTML) in place of the inline images of a notebook
    page, in order: nbconvert writes each output image as a data URL,
    light only, with a placeholder for alt text."""
    pending = iter(figures)
    return INLINE_IMAGE_RE.sub(lambda m: next(pending, m[0]), html_text)


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
