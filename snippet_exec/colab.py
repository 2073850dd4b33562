"""Chapter notebooks that Colab opens from GitHub, and the links to them.

Colab opens a public notebook from GitHub at
``https://colab.research.google.com/github/OWNER/REPO/blob/BRANCH/PATH``
(googlecolab/colabtools, notebooks/colab-github-demo.ipynb). The deploy
job publishes the notebooks at the top of branch ``NOTEBOOK_BRANCH``.

A notebook opened there runs in Colab's own environment, from an empty
folder: the repository is not beside it. So the Colab copy of a chapter
notebook carries what the build's copy takes from the repository: the
sibling modules its snippets import or open are written by ``%%writefile``
cells, ``__file__`` names a file in the working folder (the site's own
download gets the same, so it runs from any folder), and a first cell
installs only what Colab lacks (nothing, for torch, numpy, matplotlib and
scikit-learn, which Colab has). The snippets already pick their device
with ``torch.cuda.is_available()``, so they run on a GPU runtime too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

NOTEBOOK_BRANCH = "notebooks"
GITHUB_RE = re.compile(
    r"https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?"
)
# Import names Colab's runtime has installed (its preinstalled packages).
COLAB_HAS = {"torch", "torchvision", "numpy", "matplotlib", "sklearn"}
# Import name -> the package pip installs it from, where they differ.
PACKAGE_OF = {"sklearn": "scikit-learn"}
SYS_PATH_RE = re.compile(
    r'^sys\.path\.insert\(0, "(?P<folder>[^"]+)"\).*\n', re.M
)
# A snippet's path from the repository root, as the build's notebook sets
# it; a bare name (no folder) is already the notebook's own.
FILE_RE = re.compile(r'^__file__ = "(?P<rel>[^"]+/[^"]+)"', re.M)
# Cells only a downloaded notebook needs; the notebook page leaves them out
# (mkdocs-jupyter's remove_tag_config in mkdocs.yml).
SUPPORT_TAG = "remove-cell"
IMPORT_RE = re.compile(r"^\s*(?:from|import)\s+(\w+)", re.M)


def colab_url(
    repo_url: str, name: str, branch: str = NOTEBOOK_BRANCH
) -> str | None:
    """The "Open in Colab" address of notebook ``name`` (``x.ipynb``) on
    ``branch`` of the GitHub repository ``repo_url``; None if
    ``repo_url`` does not name one."""
    match = GITHUB_RE.fullmatch(repo_url.strip())
    if match is None:
        return None
    return (
        f"https://colab.research.google.com/github/{match['owner']}/"
        f"{match['repo']}/blob/{branch}/{name}"
    )


def _first_cell(code: str, pins: dict[str, str]) -> str:
    """Install what the code imports that is neither in the standard
    library nor in Colab, at the versions ``pins`` (package -> version)
    name; say so when that is nothing."""
    names = set(IMPORT_RE.findall(code)) - set(sys.stdlib_module_names)
    wanted = sorted(
        PACKAGE_OF.get(n, n)
        for n in names - COLAB_HAS
        if PACKAGE_OF.get(n, n) in pins
    )
    if not wanted:
        return (
            "# Colab already has everything this notebook imports (torch,\n"
            "# numpy, matplotlib, scikit-learn): nothing to install.\n"
            "import torch\n\n"
            'print("torch", torch.__version__, "on", '
            '"cuda" if torch.cuda.is_available() else "cpu")\n'
        )
    pinned = " ".join(f"{name}=={pins[name]}" for name in wanted)
    return f"%pip install --quiet {pinned}\n"


def _siblings(code: str, folder: Path) -> list[Path]:
    """The files beside the snippets that the code imports or names."""
    found = []
    for path in sorted(folder.glob("*.py")):
        imported = path.stem in IMPORT_RE.findall(code)
        if imported or path.name in code:
            found.append(path)
    return found


def self_contained(text: str, root: Path) -> str:
    """A chapter notebook (JSON ``text``) whose code reads from the
    repository at ``root``, made to run from any folder: hidden
    ``%%writefile`` cells write the sibling files its code imports or
    opens, ``__file__`` names a file in the working folder, and no cell
    changes ``sys.path``. A notebook already self-contained is returned
    unchanged. Raises ``OSError`` if a sibling file cannot be read."""
    notebook = nbformat.reads(text, as_version=4)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    folders = {
        Path(m["rel"]).parent.as_posix() for m in FILE_RE.finditer(text)
    }
    code = "\n".join(c.source for c in code_cells)
    named = FILE_RE.sub("", code)  # a snippet's own name is no sibling
    for cell in code_cells:
        folders.update(m["folder"] for m in SYS_PATH_RE.finditer(cell.source))
        cell.source = SYS_PATH_RE.sub("", cell.source)
        cell.source = FILE_RE.sub(
            lambda m: f'__file__ = "{Path(m["rel"]).name}"', cell.source
        )
    written = []
    for folder in sorted(folders):
        for path in _siblings(named, root / folder):
            source = path.read_text(encoding="utf-8")
            cell = new_code_cell(f"%%writefile {path.name}\n{source}")
            cell.metadata["jupyter"] = {"source_hidden": True}
            cell.metadata["tags"] = [SUPPORT_TAG]
            written.append(cell)
    if written:
        intro = new_markdown_cell(
            "The files this chapter's code imports or reads are written by "
            "the hidden cells below, so the notebook runs on its own."
        )
        intro.metadata["tags"] = [SUPPORT_TAG]
        notebook.cells = [intro, *written, *notebook.cells]
    return _numbered(notebook)


def colab_notebook(
    text: str, root: Path, pins: dict[str, str] | None = None
) -> str:
    """The Colab copy of a chapter notebook (JSON ``text``): self-contained
    (see ``self_contained``), with a first cell that installs what Colab
    lacks; ``pins`` maps package names to the versions to install
    (requirements.lock)."""
    notebook = nbformat.reads(self_contained(text, root), as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    first = new_code_cell(_first_cell(code, pins or {}))
    notebook.cells = [first, *notebook.cells]
    return _numbered(notebook)


def _numbered(notebook) -> str:
    """The notebook as valid JSON text, its cell ids in order."""
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def lock_pins(lock: Path) -> dict[str, str]:
    """Package -> version from a ``name==version`` requirements file."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            pins[name.lower()] = version.strip()
    return pins
