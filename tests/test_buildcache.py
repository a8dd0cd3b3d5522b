"""The stale-cache guard and the parallel pre-execution of the book's notebooks.

An edit under data/ or src/chengyu/ must drop every executed notebook from the cache (jupyter-
cache alone would keep serving the old outputs), and the notebooks the cache lacks are executed
before the build, so the build finds them by myst-nb's own hash.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn

from chengyu import buildcache

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


def make_tree(root: Path) -> None:
    (root / "data").mkdir()
    (root / "data" / "value_added.csv").write_text("region,year\nchengdu,2020\n")
    (root / "src" / "chengyu").mkdir(parents=True)
    (root / "src" / "chengyu" / "indicators.py").write_text("X = 1\n")
    (root / "book").mkdir()
    (root / "book" / "index.md").write_text("# Home\n")
    (root / "book" / "chapter.md").write_text(PAGE)
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/index\nparts:\n  - caption: C\n    chapters:\n      - file: book/chapter\n")


def cache_one_notebook(build: Path) -> None:
    cache = get_cache(build / buildcache.CACHE)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    cache.cache_notebook_bundle(CacheBundleIn(notebook, "old.ipynb"), check_validity=False)
    (build / buildcache.DOCTREES).mkdir(parents=True, exist_ok=True)


def test_toc_pages_and_executable_pages_read_the_toc(tmp_path):
    make_tree(tmp_path)
    assert buildcache.toc_pages(tmp_path) == ["book/index", "book/chapter"]
    assert buildcache.executable_pages(tmp_path) == ["book/chapter"]  # the index declares no kernel


def test_unchanged_inputs_keep_the_cache(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    assert buildcache.refresh(build, tmp_path) is True  # first build: nothing recorded yet
    cache_one_notebook(build)
    assert buildcache.refresh(build, tmp_path) is False
    assert len(get_cache(build / buildcache.CACHE).list_cache_records()) == 1
    assert (build / buildcache.DOCTREES).is_dir()


def test_a_data_edit_drops_executed_notebooks_and_the_saved_environment(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    cache_one_notebook(build)
    (tmp_path / "data" / "value_added.csv").write_text("region,year\nchengdu,2021\n")
    assert buildcache.refresh(build, tmp_path) is True
    assert get_cache(build / buildcache.CACHE).list_cache_records() == []
    assert not (build / buildcache.DOCTREES).exists()


def test_a_helper_package_edit_drops_the_cache_too(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    cache_one_notebook(build)
    (tmp_path / "src" / "chengyu" / "indicators.py").write_text("X = 2\n")
    assert buildcache.refresh(build, tmp_path) is True
    assert get_cache(build / buildcache.CACHE).list_cache_records() == []


def test_bytecode_caches_do_not_count_as_edits(tmp_path):
    make_tree(tmp_path)
    before = buildcache.fingerprint(tmp_path)
    (tmp_path / "src" / "chengyu" / "__pycache__").mkdir()
    (tmp_path / "src" / "chengyu" / "__pycache__" / "indicators.cpython-311.pyc").write_bytes(b"\0")
    assert buildcache.fingerprint(tmp_path) == before


def test_missing_notebooks_are_executed_into_the_cache_once(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    assert buildcache.execute_missing(build, tmp_path) == []
    cache = get_cache(build / buildcache.CACHE)
    (record,) = cache.list_cache_records()
    outputs = cache.get_cache_bundle(record.pk).nb.cells[0].outputs
    assert outputs[0]["text"] == "42\n"
    assert cache.list_unexecuted() == []
    # a second run finds nothing to do, and the recorded state says so without opening the cache
    assert (build / buildcache.PAGES_RECORD).is_file()
    assert buildcache.execute_missing(build, tmp_path) == []


def test_a_failing_notebook_is_reported_and_left_for_the_build(tmp_path):
    make_tree(tmp_path)
    (tmp_path / "book" / "chapter.md").write_text(PAGE.replace("print(6 * 7)", "1 / 0"))
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    assert buildcache.execute_missing(build, tmp_path) == [str((tmp_path / "book" / "chapter.md").resolve())]
    assert not (build / buildcache.PAGES_RECORD).exists()
