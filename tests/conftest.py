"""Shared fixtures: a private copy of the data package for tests that break it on purpose."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from bookbuild.prebuild import executable_pages, toc_pages  # noqa: F401 (re-exported for the tests)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    ".ipynb_checkpoints",
)


SECTORS = ["primary", "secondary", "tertiary"]


def sectors(*values) -> pd.Series:
    """A three-sector structure, e.g. ``sectors(655.2, 5418.5, 11643)`` (Chengdu 2020, Table 1)."""
    return pd.Series(values, index=SECTORS, dtype=float)


# The publication settings (bookbuild/sphinxext.py); a test that wants them passes them.
PUBLICATION_SETTINGS = ("BOOK_URL", "BOOK_REPOSITORY")


def make_book(
    repo: Path, target: str = "book", **settings: str
) -> subprocess.CompletedProcess:
    """Run `make book` (or another target) in ``repo`` with this checkout's venv, as an author
    would; ``settings`` are environment variables such as ``BOOK_URL``, unset otherwise."""
    env = {k: v for k, v in os.environ.items() if k not in PUBLICATION_SETTINGS}
    return subprocess.run(
        ["make", target, f"VENV={ROOT / '.venv'}"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env=env | settings,
    )


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """A private copy of the repository with the book built cold by `make book`. Read-only."""
    copy = tmp_path_factory.mktemp("book") / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    done = make_book(copy)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-4000:]
    (copy / "_build" / "make-book.log").write_text(
        done.stdout + done.stderr, encoding="utf-8"
    )
    return copy


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of ``data/`` that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a UTF-8 file, insisting that ``old`` is there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
