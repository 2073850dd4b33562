"""Steps every host takes the same way, whatever it is built on.

A host (the MkDocs plugin, the Python-Markdown extension) only adapts
where pages come from, where files go and how errors surface: what it
says about a run, how it words a failed build and how a page is finished
is the same everywhere, so it lives here. A host says how errors surface
by what it passes: ``error``, the exception type that fails its build,
and ``warn``, given only under a server, which says a problem instead
while the page shows it in an error box. Nothing here imports a host.
"""

from __future__ import annotations

from collections.abc import Callable

from snippet_exec import render, report
from snippet_exec.mathml import MathError
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


def surface_problems(
    problems: list[Problem],
    error: type[Exception],
    warn: Callable[[str], None] | None = None,
) -> None:
    """Raise ``error`` with the ``failure_report`` of ``problems``, if
    any; given ``warn`` (a server), say each problem there instead: the
    page shows it in an error box and the server keeps answering."""
    if problems and warn is not None:
        for problem in problems:
            warn(problem.report())
    elif problems:
        raise error(failure_report(problems))


def finish_page(
    site: SiteRun,
    page: str,
    html: str,
    url: str,
    links: dict[str, str],
    warn: Callable[[str], None] | None = None,
    error: type[Exception] = MathError,
) -> str:
    """A page's HTML with its placeholders filled and math typeset (see
    ``SiteRun.finish_page``). TeX that cannot be typeset raises
    ``error``, naming the page; given ``warn`` (a server), it is said
    there instead and the page shows it in an error box above its text."""
    try:
        return site.finish_page(page, html, url, links)
    except MathError as err:
        if warn is None:
            raise error(str(err)) from None
        warn(str(err))
        html = site.finish_page(page, html, url, links, math=False)
        return render.error_html(str(err), str(err)) + html
