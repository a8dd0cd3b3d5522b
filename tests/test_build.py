"""`make book`'s own decisions (bookbuild/build.py): when nothing is left to do, and one build at
a time. The whole builds that rest on them are in tests/test_book_build.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bookbuild import build
from conftest import COPY_IGNORE, ROOT


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the repository, without its build, venv or history."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    return copy


def key(tree: Path, builder: str = "html") -> str:
    return build.build_key(tree / "_build", builder, tree)


def test_the_key_is_the_same_when_nothing_changed_and_a_readme_edit_changes_nothing(
    tree,
):
    before = key(tree)
    assert key(tree) == before
    (tree / "README.md").write_text("another README\n")
    (tree / "book" / "01-context.md").touch()  # a date, not a content
    assert key(tree) == before


@pytest.mark.parametrize(
    "edit",
    [
        "a chapter",
        "a page without code",
        "the data",
        "the citation",
        "a stylesheet",
        "the address",
        "the printed PDF",
        "the builder",
    ],
)
def test_any_input_of_the_book_changes_the_key(tree, monkeypatch, edit):
    before = key(tree)
    if edit == "a chapter":
        (tree / "book" / "03-chain-coordination.md").write_text("# changed\n")
    elif edit == "a page without code":
        (tree / "book" / "glossary.md").write_text("# changed\n")
    elif edit == "the data":
        (tree / "data" / "study.yml").write_text("changed: true\n")
    elif edit == "the citation":
        (tree / "CITATION.cff").write_text("version: 9.9.9\n")
    elif edit == "a stylesheet":
        (tree / "bookbuild" / "static" / "chengyu.css").write_text("p {}\n")
    elif edit == "the address":
        monkeypatch.setenv("BOOK_URL", "https://example.org/book/")
    elif edit == "the printed PDF":
        (tree / "_build" / build.PDF).parent.mkdir(parents=True)
        (tree / "_build" / build.PDF).write_bytes(b"%PDF-1.7\n")
    assert (key(tree, "singlehtml") if edit == "the builder" else key(tree)) != before


def test_up_to_date_needs_the_recorded_key_and_the_built_site(tmp_path):
    site = tmp_path / "_build"
    (site / "html").mkdir(parents=True)
    assert not build.up_to_date(site, "html", "k")
    build.built_record(site, "html").write_text("k\n")
    assert not build.up_to_date(site, "html", "k")  # no index.html: nothing was built
    (site / "html" / "index.html").write_text("<html></html>")
    assert build.up_to_date(site, "html", "k")
    assert not build.up_to_date(site, "html", "another key")
    assert not build.up_to_date(site, "singlehtml", "k")


HOLD = """
import fcntl, sys, time
with open(sys.argv[1], "w") as handle:
    fcntl.flock(handle, fcntl.LOCK_EX)
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_build_waits_for_the_lock_and_says_so_in_one_line(tmp_path, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / build.LOCK), "1.5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    start = time.monotonic()
    with build.exclusive(tmp_path):
        waited = time.monotonic() - start
    holder.wait(timeout=10)
    said = capsys.readouterr().out.splitlines()
    assert waited > 0.5
    assert len(said) == 1 and "another build is running in this checkout" in said[0]


def test_the_lock_is_free_again_after_a_build(tmp_path, capsys):
    with build.exclusive(tmp_path):
        pass
    with build.exclusive(tmp_path):
        pass
    assert capsys.readouterr().out == ""
