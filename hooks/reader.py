"""Reader comforts that need no plugin of their own (MkDocs hooks).

- reading time per chapter, placed on the series index by a token
  ``<!-- reading-time: 03-single-neuron.md -->``;
- a "last updated" line on every page, from the file's last git commit;
- an Atom feed of the chapters (``feed.xml``), linked from every page's head.
"""

from __future__ import annotations

import functools
import html
import re
import subprocess
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from mkdocs.structure.files import File

WORDS_PER_MINUTE = 200
CHAPTER_RE = re.compile(r"^\d\d-.+\.md$")
TOKEN_RE = re.compile(r"<!-- reading-time: (?P<page>[\w.-]+\.md) -->")
INCLUDE_LINE_RE = re.compile(r"^\s*-{1,}8<-{1,}.*$", re.M)
FENCE_RE = re.compile(r"^```.*?^```", re.M | re.S)

_chapters: dict[str, dict[str, str]] = {}


def _reading_minutes(markdown: str) -> int:
    """Minutes to read the prose, ignoring code includes and fenced code."""
    prose = INCLUDE_LINE_RE.sub("", FENCE_RE.sub("", markdown))
    return max(1, round(len(prose.split()) / WORDS_PER_MINUTE))


@functools.cache
def _last_commit_date(path: str) -> str | None:
    """The date of the last commit touching ``path``, or None outside git."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _first_paragraph(markdown: str) -> str:
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "!!!", "???", "---", "|")):
            return " ".join(block.split())
    return ""


def on_files(files, config):
    """Measure every chapter once per build, before any page renders."""
    _chapters.clear()
    _last_commit_date.cache_clear()  # a rebuild under `serve` may follow a commit
    for file in files.documentation_pages():
        if CHAPTER_RE.match(file.src_uri):
            text = file.content_string
            _chapters[file.src_uri] = {
                "minutes": str(_reading_minutes(text)),
                "summary": _first_paragraph(text.split("\n", 1)[-1]),
                "updated": _last_commit_date(file.abs_src_path) or "",
            }
    files.append(
        File.generated(config, "feed.xml", content=_atom_feed(config))
    )
    return files


def on_page_markdown(markdown, page, config, files):
    """Fill the reading-time tokens of the series index."""

    def minutes(match: re.Match) -> str:
        chapter = _chapters.get(match["page"])
        return f"{chapter['minutes']} min" if chapter else "–"

    return TOKEN_RE.sub(minutes, markdown)


def on_page_content(page_html, page, config, files):
    """Close each page with the date of its last change."""
    path = page.file.abs_src_path
    updated = _last_commit_date(path) if path else None
    if not updated:
        return page_html
    return page_html + (
        f'<p class="last-updated">Last updated on '
        f'<time datetime="{updated}">{updated}</time>.</p>'
    )


def _atom_feed(config) -> str:
    """An Atom feed of the chapters, newest change first."""
    site_url = (config.site_url or "").rstrip("/") + "/"
    now = datetime.now(UTC).strftime("%Y-%m-%d")
    entries = []
    for src, chapter in sorted(
        _chapters.items(),
        key=lambda item: (item[1]["updated"], item[0]),
        reverse=True,
    ):
        url = site_url + src.removesuffix(".md") + "/"
        title = _title(config, src) or src.removesuffix(".md")
        updated = chapter["updated"] or now
        entries.append(
            "  <entry>\n"
            f"    <title>{escape(title)}</title>\n"
            f'    <link href="{escape(url)}"/>\n'
            f"    <id>{escape(url)}</id>\n"
            f"    <updated>{updated}T00:00:00Z</updated>\n"
            f"    <summary>{escape(chapter['summary'])}</summary>\n"
            "  </entry>"
        )
    newest = max((c["updated"] for c in _chapters.values()), default="") or now
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(config.site_name)}</title>\n"
        f'  <link href="{escape(site_url)}"/>\n'
        f'  <link rel="self" href="{escape(site_url)}feed.xml"/>\n'
        f"  <id>{escape(site_url)}</id>\n"
        f"  <updated>{newest}T00:00:00Z</updated>\n"
        + "\n".join(entries)
        + "\n</feed>\n"
    )
    return feed


def _title(config, src: str) -> str:
    """The chapter's title as the nav gives it."""
    for section in config.nav or []:
        for value in section.values():
            items = value if isinstance(value, list) else [{"": value}]
            for item in items:
                for name, target in item.items():
                    if target == src:
                        return html.unescape(name)
    return ""
