"""scripts/page_weight.py on a small site made here: what it counts."""

from __future__ import annotations

import gzip
from pathlib import Path

from scripts import page_weight


def make_page(site: Path, name: str, html: str) -> None:
    (site / name).mkdir(parents=True)
    (site / name / "index.html").write_text(html)


def test_a_page_counts_its_light_figures_once(tmp_path: Path):
    site = tmp_path / "site"
    (site / "figures").mkdir(parents=True)
    light, dark = b"<svg>" + b"a" * 995, b"x" * 3000
    (site / "figures" / "aa.svg").write_bytes(light)
    (site / "figures" / "bb.svg").write_bytes(dark)
    (site / "figures" / "cc.png").write_bytes(b"p" * 10)
    html = (
        '<figure><a href="../figures/aa.svg">'
        '<img src="../figures/aa.svg#only-light" alt="a"></a>'
        '<a><img src="../figures/bb.svg#only-dark" alt="a"></a></figure>'
        '<img src="../figures/aa.svg#only-light" alt="again">'
        '<img src="../figures/cc.png" alt="one variant">'
    )
    make_page(site, "01-first", html)
    make_page(site, "about", "<p>not a chapter</p>")
    weights = page_weight.chapters(site)
    assert list(weights) == ["01-first"]
    weight = weights["01-first"]
    assert weight.figures == 2
    assert weight.figure_bytes == 1000 + 10
    assert weight.html == len(html.encode())
    assert weight.html_gz == len(gzip.compress(html.encode(), 9, mtime=0))


def test_the_table_compares_two_builds(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    make_page(old, "01-a", "x" * 4096)
    make_page(old, "02-b", "x" * 1024)
    make_page(new, "01-a", "x" * 2048)
    make_page(new, "02-b", "x" * 3072)
    text = page_weight.table(
        page_weight.chapters(new), page_weight.chapters(old)
    )
    assert "| `01-a` (0 figures) | 4.0 → 2.0 |" in text
    assert "Heaviest page before: `01-a`, 4.0 KiB" in text
    assert "now 2.0 KiB" in text and "50% " in text
    assert "Heaviest page now: `02-b`, 3.0 KiB (" in text
    assert "75% and " in text  # 3 KiB of the 4 KiB heaviest before
