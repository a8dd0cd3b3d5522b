"""One code style, checked: ruff over the package, the build code, the tests and the chapters' code cells.

`make format` applies it; these tests fail on anything it would change or any rule it breaks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import ROOT, executable_pages

BIN = Path(sys.executable).parent
PYTHON_TREES = ["src", "tests", "bookbuild"]


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [str(BIN / "ruff"), *args, "--config", str(ROOT / "pyproject.toml")]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True)


def test_the_python_code_passes_the_linter():
    done = ruff("check", "--output-format", "concise", *PYTHON_TREES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_python_code_is_formatted():
    done = ruff("format", "--check", *PYTHON_TREES)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_chapters_code_cells_pass_the_linter(tmp_path):
    for page in executable_pages():
        notebook = jupytext.read(ROOT / f"{page}.md")
        nbformat.write(notebook, tmp_path / f"{Path(page).name}.ipynb")
    done = ruff("check", "--output-format", "concise", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def formatted_copies(tmp_path_factory) -> Path:
    """Every chapter copied and formatted as `make format` does, through jupytext (one call)."""
    folder = tmp_path_factory.mktemp("formatted")
    shutil.copy(ROOT / "jupytext.toml", folder)
    copies = []
    for page in executable_pages():
        copies.append(folder / f"{Path(page).name}.md")
        shutil.copy(ROOT / f"{page}.md", copies[-1])
    formatter = f"{BIN / 'ruff'} format --quiet --config {ROOT / 'pyproject.toml'} --stdin-filename cell.py -"
    done = subprocess.run(
        [str(BIN / "jupytext"), "--quiet", "--pipe", formatter, *map(str, copies)],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


@pytest.mark.parametrize("page", executable_pages())
def test_each_chapters_code_cells_are_formatted(formatted_copies, page):
    # the chapter must come back from the formatter unchanged
    copy = formatted_copies / f"{Path(page).name}.md"
    assert copy.read_text(encoding="utf-8") == (ROOT / f"{page}.md").read_text(
        encoding="utf-8"
    ), "run `make format`"


FOLDED = {"hide-input", "remove-input"}


@pytest.mark.parametrize("page", executable_pages())
def test_plumbing_cells_are_folded_and_the_first_analysis_is_shown(page):
    """Imports are folded (one "Show code cell source" line); the analysis cells that compute
    what the page shows stay open: at least one per page."""
    cells = [
        c for c in jupytext.read(ROOT / f"{page}.md").cells if c.cell_type == "code"
    ]
    tags = [set(c.metadata.get("tags", [])) for c in cells]
    imports = [
        i
        for i, c in enumerate(cells)
        if c.source.lstrip().startswith(("import ", "from "))
    ]
    assert imports, f"{page}: no cell imports anything"
    assert [i for i in imports if not tags[i] & FOLDED] == [], page
    assert any(not t & FOLDED for t in tags), f"{page}: no code is shown"


@pytest.mark.parametrize("page", executable_pages())
def test_no_code_line_of_a_chapter_is_longer_than_88_characters(page):
    """A code cell's lines fit the page's column without scrolling (ruff's line length, which
    its formatter does not impose on strings and comments)."""
    cells = jupytext.read(ROOT / f"{page}.md").cells
    long = [
        line
        for cell in cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line) > 88
    ]
    assert long == []


LAB_KERNEL = {
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
    "name": "python3",
}


@pytest.mark.parametrize("page", executable_pages())
def test_saving_a_chapter_from_jupyterlab_unedited_leaves_it_byte_identical(page):
    """What Lab's save does to a MyST chapter: jupytext writes the notebook back with the
    repository's jupytext.toml and the kernel Lab runs (``Python 3 (ipykernel)``), after
    jupyterlab-myst has kept its inline results in the cells' metadata. (One chapter is saved
    from a real JupyterLab in tests/test_lab.py.)"""
    from jupytext.config import load_jupytext_configuration_file

    config = load_jupytext_configuration_file(str(ROOT / "jupytext.toml"))
    source = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    notebook = jupytext.reads(source, fmt="md:myst")
    notebook.metadata["kernelspec"] = LAB_KERNEL
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and "{eval}" in cell.source:
            cell.metadata["user_expressions"] = [{"expression": "x", "result": {}}]
    assert jupytext.writes(notebook, fmt="md:myst", config=config) == source
