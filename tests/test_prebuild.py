"""The pre-build step: declared inputs decide what an edit makes stale; missing notebooks run in parallel.

Each test works on a small tree of its own (a data file, a module, a stylesheet, a citation
file, two pages and ``bookbuild/inputs.toml``), so that it says exactly which edit drops what.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn

from bookbuild import prebuild
from conftest import ROOT

PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A page

```{code-cell} ipython3
print(6 * 7)
```
"""

INPUTS = """
[execute]
inputs = ["data", "src/chengyu"]

[render]
inputs = ["CITATION.cff", "static"]
"""


def make_tree(root: Path) -> None:
    (root / "data").mkdir()
    (root / "data" / "value_added.csv").write_text("region,year\nchengdu,2020\n")
    (root / "src" / "chengyu").mkdir(parents=True)
    (root / "src" / "chengyu" / "indicators.py").write_text("X = 1\n")
    (root / "static").mkdir()
    (root / "static" / "book.css").write_text("p { color: black }\n")
    (root / "CITATION.cff").write_text("version: 0.1.0\n")
    (root / "bookbuild").mkdir()
    (root / prebuild.INPUTS).write_text(INPUTS)
    (root / "book").mkdir()
    (root / "book" / "index.md").write_text("# Home\n")
    (root / "book" / "chapter.md").write_text(PAGE)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nparts:\n  - caption: C\n    chapters:\n      - file: book/chapter\n"
    )


@pytest.fixture
def tree(tmp_path) -> Path:
    make_tree(tmp_path)
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)  # the first build records the inputs
    cache_one_notebook(build)
    return tmp_path


def cache_one_notebook(build: Path) -> None:
    cache = get_cache(build / prebuild.CACHE)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    cache.cache_notebook_bundle(
        CacheBundleIn(notebook, "old.ipynb"), check_validity=False
    )
    (build / prebuild.DOCTREES).mkdir(parents=True, exist_ok=True)


def executed(root: Path) -> int:
    return len(get_cache(root / "_build" / prebuild.CACHE).list_cache_records())


def test_the_book_declares_the_inputs_of_each_stage_once():
    declared = prebuild.declared_inputs(ROOT)
    assert {"data", "src/chengyu", "requirements.txt"} <= set(declared["execute"])
    assert {
        "CITATION.cff",
        "references.bib",
        "_config.yml",
        "_toc.yml",
        "bookbuild/static",
    } <= set(declared["render"])
    assert not set(declared["execute"]) & set(declared["render"])


def test_a_declared_input_that_does_not_exist_is_an_error(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "static" / "book.css").unlink()
    (tmp_path / "static").rmdir()
    with pytest.raises(ValueError, match="declared input\\(s\\) missing: static"):
        prebuild.declared_inputs(tmp_path)


def test_toc_pages_and_executable_pages_read_the_toc(tmp_path):
    make_tree(tmp_path)
    assert prebuild.toc_pages(tmp_path) == ["book/index", "book/chapter"]
    assert prebuild.executable_pages(tmp_path) == [
        "book/chapter"
    ]  # the index declares no kernel


def test_unchanged_inputs_keep_the_cache_and_the_saved_environment(tree):
    assert prebuild.refresh(tree / "_build", tree) == {"execute": [], "render": []}
    assert executed(tree) == 1
    assert (tree / "_build" / prebuild.DOCTREES).is_dir()


def test_a_data_edit_drops_executed_notebooks_and_the_saved_environment(tree):
    (tree / "data" / "value_added.csv").write_text("region,year\nchengdu,2021\n")
    assert prebuild.refresh(tree / "_build", tree) == {
        "execute": ["data"],
        "render": [],
    }
    assert executed(tree) == 0
    assert not (tree / "_build" / prebuild.DOCTREES).exists()


def test_undoing_an_edit_takes_back_the_cache_of_those_inputs(tree):
    data = tree / "data" / "value_added.csv"
    original = data.read_text()
    data.write_text("region,year\nchengdu,2021\n")
    prebuild.refresh(tree / "_build", tree)
    assert executed(tree) == 0  # nothing executed yet with the edited data
    data.write_text(original)
    assert prebuild.refresh(tree / "_build", tree)["execute"] == ["data"]
    assert executed(tree) == 1  # the notebook executed with the original data is back


def test_the_caches_of_the_last_three_states_are_kept(tree):
    data = tree / "data" / "value_added.csv"
    for year in range(2021, 2026):
        data.write_text(f"region,year\nchengdu,{year}\n")
        prebuild.refresh(tree / "_build", tree)
        cache_one_notebook(tree / "_build")
    assert len(list((tree / "_build" / prebuild.STASH).iterdir())) == prebuild.STASHED


def test_an_analysis_module_edit_drops_the_cache_too(tree):
    (tree / "src" / "chengyu" / "indicators.py").write_text("X = 2\n")
    assert prebuild.refresh(tree / "_build", tree)["execute"] == ["src/chengyu"]
    assert executed(tree) == 0


def test_a_stylesheet_edit_renders_every_page_again_and_executes_nothing(tree):
    (tree / "static" / "book.css").write_text("p { color: navy }\n")
    assert prebuild.refresh(tree / "_build", tree) == {
        "execute": [],
        "render": ["static"],
    }
    assert executed(tree) == 1
    assert not (tree / "_build" / prebuild.DOCTREES).exists()


def test_a_citation_edit_renders_every_page_again_and_executes_nothing(tree):
    (tree / "CITATION.cff").write_text("version: 0.2.0\n")
    assert prebuild.refresh(tree / "_build", tree) == {
        "execute": [],
        "render": ["CITATION.cff"],
    }
    assert executed(tree) == 1


def test_fingerprints_are_of_contents_so_touching_a_file_changes_nothing(tree):
    (tree / "CITATION.cff").write_text("version: 0.1.0\n")  # same bytes, new date
    assert prebuild.refresh(tree / "_build", tree) == {"execute": [], "render": []}


def test_bytecode_caches_do_not_count_as_edits(tree):
    before = prebuild.fingerprint(tree, "src/chengyu")
    (tree / "src" / "chengyu" / "__pycache__").mkdir()
    (
        tree / "src" / "chengyu" / "__pycache__" / "indicators.cpython-311.pyc"
    ).write_bytes(b"\0")
    assert prebuild.fingerprint(tree, "src/chengyu") == before


def test_the_record_holds_each_inputs_fingerprint(tree):
    record = json.loads((tree / "_build" / prebuild.RECORD).read_text())
    assert set(record) == {"execute", "render"}
    assert record["render"]["CITATION.cff"] == prebuild.fingerprint(
        tree, "CITATION.cff"
    )


def test_missing_notebooks_are_executed_into_the_cache_once(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    assert prebuild.execute_missing(build, tmp_path) == []
    cache = get_cache(build / prebuild.CACHE)
    (record,) = cache.list_cache_records()
    outputs = cache.get_cache_bundle(record.pk).nb.cells[0].outputs
    assert outputs[0]["text"] == "42\n"
    assert cache.list_unexecuted() == []
    # a second run finds nothing to do, and the recorded state says so without opening the cache
    assert (build / prebuild.PAGES_RECORD).is_file()
    assert prebuild.execute_missing(build, tmp_path) == []


def test_a_failing_cell_is_reported_with_its_traceback_and_nothing_is_recorded(
    tmp_path,
):
    make_tree(tmp_path)
    (tmp_path / "book" / "chapter.md").write_text(PAGE.replace("print(6 * 7)", "1 / 0"))
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    (problem,) = prebuild.execute_missing(build, tmp_path)
    assert problem.startswith(
        f"{(tmp_path / 'book' / 'chapter.md').resolve()}: a cell failed"
    )
    assert "ZeroDivisionError" in problem and "\x1b[" not in problem
    assert not (build / prebuild.PAGES_RECORD).exists()
    assert get_cache(build / prebuild.CACHE).list_cache_records() == []


def chapter_with_prose(root: Path, cells: str) -> Path:
    """The tree's chapter, its body replaced by ``cells`` (MyST), which may glue values."""
    page = PAGE.split("# A page")[0] + "# A page\n\n" + cells
    (root / "book" / "chapter.md").write_text(page)
    return (root / "book" / "chapter.md").resolve()


GLUE = '```{code-cell} ipython3\nfrom chengyu.glue import glue\n\nglue("answer", 41.5)\n```\n'


def test_a_paragraph_quoting_a_value_glued_above_it_is_recorded_with_both_readings(
    tmp_path,
):
    make_tree(tmp_path)
    chapter_with_prose(
        tmp_path,
        GLUE + '\nThe answer is {eval}`answer`, about {eval}`f"{answer:.0f}"`.\n',
    )
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    assert prebuild.execute_missing(build, tmp_path) == []
    cache = get_cache(build / prebuild.CACHE)
    (record,) = cache.list_cache_records()
    prose = cache.get_cache_bundle(record.pk).nb.metadata["chengyu"]["prose"]
    assert [(e["expression"], e["value"], e["page"]) for e in prose] == [
        ("answer", "41.5", "41.5"),
        ('f"{answer:.0f}"', "'42'", "42"),  # Python rounds half to even: 41.5 -> 42
    ]


def test_a_paragraph_quoting_a_name_bound_only_below_it_stops_the_build(tmp_path):
    make_tree(tmp_path)
    path = chapter_with_prose(tmp_path, "The answer is {eval}`answer`.\n\n" + GLUE)
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    (problem,) = prebuild.execute_missing(build, tmp_path)
    line = path.read_text().splitlines().index("The answer is {eval}`answer`.") + 1
    assert problem.startswith(f"{path}:{line}: {{eval}}`answer`: NameError")
    assert get_cache(build / prebuild.CACHE).list_cache_records() == []


def test_a_glued_name_glued_again_below_the_paragraph_stops_the_build(tmp_path):
    # a fork's later cell rebinds the name: the page would show 7, the paragraph 41.5
    make_tree(tmp_path)
    again = '\n```{code-cell} ipython3\nglue("answer", 7)\n```\n'
    path = chapter_with_prose(
        tmp_path, GLUE + "\nThe answer is {eval}`answer`.\n" + again
    )
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    (problem,) = prebuild.execute_missing(build, tmp_path)
    assert problem.startswith(f"{path}:")
    assert "'answer' is glued 2 times with different values (41.5, 7)" in problem


def test_a_format_python_refuses_stops_the_build_instead_of_truncating(tmp_path):
    # MyST-NB's own rule would print 41 for {glue:text}`answer:d`; Python refuses
    make_tree(tmp_path)
    chapter_with_prose(tmp_path, GLUE + '\nIt is {eval}`f"{answer:d}"`.\n')
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    (problem,) = prebuild.execute_missing(build, tmp_path)
    assert "Unknown format code 'd'" in problem


def test_an_execution_cache_that_is_not_a_database_is_discarded(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    prebuild.refresh(build, tmp_path)
    assert prebuild.execute_missing(build, tmp_path) == []
    assert prebuild.discard_unreadable_cache(build) is None  # a sound cache stays
    (build / prebuild.CACHE / "global.db").write_bytes(b"\0garbage" * 100)
    (build / prebuild.DOCTREES).mkdir()
    assert prebuild.discard_unreadable_cache(build) == "file is not a database"
    assert not (build / prebuild.CACHE).exists()
    assert not (build / prebuild.DOCTREES).exists()
    assert not (build / prebuild.PAGES_RECORD).exists()
    assert prebuild.execute_missing(build, tmp_path) == []  # and it is made again
