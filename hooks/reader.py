"""Reader comforts that need no plugin of their own (MkDocs hooks).

- the series table on the home page (token ``<!-- series-table -->``),
  made from the nav and each chapter's own front matter: a chapter appears
  by being in the nav, with its title, ``description`` and reading time;
- a "last updated" line on every page, from the file's last git commit;
- an Atom feed of the chapters (``feed.xml``), linked from every page's head.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import subprocess
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from mkdocs.structure.files import File
from mkdocs.utils import meta

log = logging.getLogger("mkdocs.hooks.reader")

WORDS_PER_MINUTE = 200
CHAPTER_RE = re.compile(r"^\d\d-.+\.md$")
TABLE_TOKEN = "<!-- series-table -->"
NUMBERED_RE = re.compile(r"^(?P<part>\d+)\.\s+(?P<title>.+)$")
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
            body, front = meta.get_data(file.content_string)
            summary = str(front.get("description", "")).strip()
            if not summary:
                log.warning(
                    "docs/%s has no 'description:' in its front matter; "
                    "the series table and the feed need one line on what "
                    "the chapter teaches",
                    file.src_uri,
                )
            _chapters[file.src_uri] = {
                "minutes": str(_reading_minutes(body)),
                "summary": summary
                or _first_paragraph(body.split("\n", 1)[-1]),
                "updated": _last_commit_date(file.abs_src_path) or "",
            }
    files.append(
        File.generated(config, "feed.xml", content=_atom_feed(config))
    )
    return files


def on_page_markdown(markdown, page, config, files):
    """Put the series table where the home page asks for it."""
    if TABLE_TOKEN in markdown:
        markdown = markdown.replace(TABLE_TOKEN, _series_table(config))
    return markdown


def _nav_chapters(items) -> list[tuple[str, str]]:
    """(nav title, page) of every chapter, in nav order, at any depth."""
    found = []
    for item in items or []:
        entries = item.items() if isinstance(item, dict) else [("", item)]
        for name, target in entries:
            if isinstance(target, list):
                found += _nav_chapters(target)
            elif isinstance(target, str) and CHAPTER_RE.match(target):
                found.append((name, target))
    return found


def _series_table(config) -> str:
    """The home page's table: part, chapter, what it teaches, minutes."""
    rows = [
        "| Part | Chapter | What you will learn | Reading time |",
        "| ---: | --- | --- | ---: |",
    ]
    for name, page in _nav_chapters(config.nav):
        numbered = NUMBERED_RE.match(name or "")
        part = numbered["part"] if numbered else str(int(page[:2]))
        title = numbered["title"] if numbered else name or page
        chapter = _chapters.get(page, {"summary": "", "minutes": "–"})
        summary = chapter["summary"].replace("|", "\\|")
        minutes = f"{chapter['minutes']} min"
        rows.append(f"| {part} | [{title}]({page}) | {summary} | {minutes} |")
    return "\n".join(rows)


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
