"""One engine core, two hosts: MkDocs and Zensical build the same site.

MkDocs loads the engine as the ``snippet-exec`` plugin (mkdocs.yml);
Zensical, which ignores MkDocs plugins, loads it as the Python-Markdown
extension ``snippet_exec.markdown`` (zensical.yml). Both must show the same
code, outputs and figures, fail the same way and share one cache.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CHAPTERS, ROOT, page_html
from tests.test_build_failures import PAGE, build, make_site

pytestmark = pytest.mark.slow

ZENSICAL_YML = """\
INHERIT: mkdocs.yml
markdown_extensions:
  - snippet_exec.markdown:
      timeout: 20
"""
OUTPUT_RE = re.compile(r'<div class="snippet-output">.*?</pre></div>', re.S)
FIGURE_RE = re.compile(r'<figure class="snippet-figure".*?</figure>', re.S)
ALT_RE = re.compile(r'<img [^>]*alt="([^"]*)"')
LINK_RE = re.compile(r'(?:src|href)="([^"]+)"')
TITLE_RE = re.compile(r'<span class="filename">([^<]*)</span>')


def zensical_build(root: Path, **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", "zensical.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )
    done.log = done.stdout + done.stderr
    return done


def engine_parts(html: str) -> dict:
    """What the engine put on a page, independent of the theme around it."""
    figures = FIGURE_RE.findall(html)
    return {
        "code blocks": TITLE_RE.findall(html),
        "outputs": OUTPUT_RE.findall(html),
        "alt texts": [alt for f in figures for alt in ALT_RE.findall(f)],
        "error boxes": html.count("snippet-error"),
        "math": html.count("<math"),
        "raw include lines": html.count("--8&lt;--") + html.count("--8<--"),
    }


def missing_links(site: Path, page: str, html: str) -> list[str]:
    folder = site / page
    links = {
        link for f in FIGURE_RE.findall(html) for link in LINK_RE.findall(f)
    }
    files = {link.split("#")[0] for link in links}  # "#only-dark": a scheme
    return sorted(s for s in files if not (folder / s).resolve().is_file())


def test_core_imports_nothing_from_a_host():
    code = (
        "import sys, snippet_exec.site, snippet_exec.markdown\n"
        "hosts = {'mkdocs', 'material', 'zensical'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in hosts))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_zensical_fails_with_both_locations(tmp_path):
    make_site(tmp_path, "x = 1\nraise KeyError('missing')\n", PAGE)
    (tmp_path / "zensical.yml").write_text(ZENSICAL_YML)
    done = zensical_build(tmp_path)
    assert done.returncode != 0
    assert "snippets/ch/demo.py:2: KeyError: 'missing'" in done.log
    assert "included at docs/index.md:5" in done.log
    assert not (tmp_path / "site" / "index.html").exists()
    assert not list((tmp_path / ".cache" / "snippet_exec").rglob("*.json"))


def test_zensical_fails_on_a_bad_include_line(tmp_path):
    line = '--8<-- "ch/demo.py" { exec alt="Figure 1" }'
    page = PAGE + f"\n{line}\n"
    make_site(tmp_path, "print('ok')\n", page)
    (tmp_path / "zensical.yml").write_text(ZENSICAL_YML)
    done = zensical_build(tmp_path)
    assert done.returncode != 0
    assert "docs/index.md:7: alt text 1 ('Figure 1') does not say" in done.log
    assert "included at docs/index.md:7" not in done.log


def test_hosts_share_one_cache_and_show_the_same(tmp_path):
    snippet = (
        "import matplotlib.pyplot as plt\n"
        "print('loss {0.5}')\n"
        "plt.plot([3, 2, 1])\n"
    )
    alt = r'alt="Loss falling over \"three\" {steps}"'
    make_site(tmp_path, snippet, PAGE.replace("{ exec }", f"{{ exec {alt} }}"))
    (tmp_path / "zensical.yml").write_text(ZENSICAL_YML)
    first = zensical_build(tmp_path)
    assert first.returncode == 0, first.log
    assert "snippet-exec: 1 snippets, 1 ran, 0 cached, 0 failed" in first.log
    assert first.log.count("snippet-exec: ") == 1
    zensical_html = (tmp_path / "site" / "index.html").read_text()
    then = build(tmp_path, "--strict")
    assert then.returncode == 0, then.stderr
    assert "1 snippets, 0 ran, 1 cached, 0 failed" in then.stderr
    mkdocs_html = (tmp_path / "site" / "index.html").read_text()
    assert engine_parts(zensical_html) == engine_parts(mkdocs_html)
    parts = engine_parts(zensical_html)
    # One figure, one image per colour scheme, both with the alt text.
    assert (
        parts["alt texts"]
        == ["Loss falling over &quot;three&quot; {steps}"] * 2
    )
    assert zensical_html.count("#only-light") == 1
    assert zensical_html.count("#only-dark") == 1
    assert "loss {0.5}" in parts["outputs"][0]


@pytest.fixture(scope="module")
def zensical_site(snippet_results) -> Path:
    """The real site built by Zensical; the tests already ran the snippets."""
    out = ROOT / ".cache" / "test-zensical-site"
    done = zensical_build(ROOT, ZENSICAL_SITE_DIR=str(out.relative_to(ROOT)))
    assert done.returncode == 0, done.log
    assert re.search(r"snippet-exec: \d+ snippets, 0 ran", done.log), done.log
    # One run for the whole site, not one per page.
    assert done.log.count("snippet-exec: ") == 1, done.log
    return out


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_both_hosts_build_the_same_chapter(chapter, site, zensical_site):
    mkdocs_html = page_html(site, chapter)
    zensical_html = page_html(zensical_site, chapter)
    parts = engine_parts(zensical_html)
    assert parts == engine_parts(mkdocs_html)
    assert parts["outputs"] and parts["math"] and not parts["error boxes"]
    assert not parts["raw include lines"]
    page = chapter.removesuffix(".md")
    assert not missing_links(zensical_site, page, zensical_html)
