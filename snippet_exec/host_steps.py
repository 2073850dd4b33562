"""Steps every host takes the same way, whatever it is built on.

A host (the MkDocs plugin, the Python-Markdown extension) only adapts
where pages come from and where files go; what it says about a run, how
it words a failed build and how it finishes a chapter's notebook page is
the same everywhere, so it lives here. Nothing here imports a host.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from snippet_exec import render, report
from snippet_exec.colab import colab_url
from snippet_exec.mathml import MathError, typeset_dollar_math
from snippet_exec.memo import TextMemo, digest
from snippet_exec.problems import Problem
from snippet_exec.site import SiteRun


def run_and_tell(
    site: SiteRun, say: Callable[[str], None], serving: bool = False
) -> None:
    """Run what the cache lacks, saying each run's end as it comes, then
    the summary; on a build (not a server) also the slowest snippets and
    the schedule's idle and overhead line."""
    stats = site.run(lambda result: say(report.progress_line(result)))
    say(stats.summary())
    if serving:
        return
    slowest = report.slowest_line(list(site.results.values()))
    if slowest:
        say(slowest)
    if site.executor.schedule.spans:
        say(site.executor.schedule.line())


def failure_report(problems: list[Problem]) -> str:
    """The message that fails a build: every problem, located."""
    reports = "\n".join(p.report() for p in problems)
    return f"{len(problems)} snippet include(s) failed:\n{reports}"


def finish_page(
    site: SiteRun,
    page: str,
    html: str,
    url: str,
    links: dict[str, str],
    warn: Callable[[str], None] | None = None,
) -> str:
    """A page's HTML with its placeholders filled and math typeset (see
    ``SiteRun.finish_page``). TeX that cannot be typeset raises
    ``MathError``; given ``warn`` (a server), it is said there instead
    and the page shows it in an error box above its text."""
    try:
        return site.finish_page(page, html, url, links)
    except MathError as err:
        if warn is None:
            raise
        warn(str(err))
        html = site.finish_page(page, html, url, links, math=False)
        return render.error_html(str(err), str(err)) + html


def finish_notebook_page(
    site: SiteRun, chapter: str, notebook: str, html: str, url: str
) -> str:
    """A chapter's rendered notebook page (``notebook``, its source path;
    ``url``, where it is served): figures in both schemes, the "Open in
    Colab" link when the repository is on GitHub, and math typeset (kept
    by content, so an unchanged page is typeset once). Raises
    ``MathError`` for TeX that cannot be typeset."""
    html = site.notebook_figures_html(chapter, html, url)
    colab = colab_url(site.options.repo_url, Path(notebook).name)
    if colab:
        link = render.colab_html(colab)
        html = f'<p class="page-provenance">{link}</p>' + html
    memo = TextMemo(site.root / site.options.cache_dir / "memo")
    name = notebook.replace("/", "_") + ".html"
    return memo.get_or_make(
        name, digest(html), lambda: typeset_dollar_math(html)
    )
