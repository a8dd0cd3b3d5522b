"""The stale-cache guard: an edit under data/ or src/chengyu/ empties the execution cache."""

from __future__ import annotations

from pathlib import Path

from chengyu import buildcache


def make_tree(root: Path) -> None:
    (root / "data").mkdir()
    (root / "data" / "value_added.csv").write_text("region,year\nchengdu,2020\n")
    (root / "src" / "chengyu").mkdir(parents=True)
    (root / "src" / "chengyu" / "indicators.py").write_text("X = 1\n")


def fill_cache(build: Path) -> None:
    for name in buildcache.STALE:
        (build / name).mkdir(parents=True, exist_ok=True)
        (build / name / "entry").write_text("old outputs")


def test_first_build_records_the_fingerprint(tmp_path):
    make_tree(tmp_path)
    assert buildcache.refresh(tmp_path / "_build", tmp_path) is True
    assert (tmp_path / "_build" / buildcache.RECORD).read_text().strip() == buildcache.fingerprint(tmp_path)


def test_unchanged_inputs_keep_the_cache(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    fill_cache(build)
    assert buildcache.refresh(build, tmp_path) is False
    assert all((build / name / "entry").exists() for name in buildcache.STALE)


def test_a_data_edit_clears_the_execution_cache_and_saved_environment(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    fill_cache(build)
    (tmp_path / "data" / "value_added.csv").write_text("region,year\nchengdu,2021\n")
    assert buildcache.refresh(build, tmp_path) is True
    assert not any((build / name).exists() for name in buildcache.STALE)


def test_a_helper_package_edit_clears_the_cache(tmp_path):
    make_tree(tmp_path)
    build = tmp_path / "_build"
    buildcache.refresh(build, tmp_path)
    fill_cache(build)
    (tmp_path / "src" / "chengyu" / "indicators.py").write_text("X = 2\n")
    assert buildcache.refresh(build, tmp_path) is True


def test_bytecode_caches_do_not_count_as_edits(tmp_path):
    make_tree(tmp_path)
    before = buildcache.fingerprint(tmp_path)
    (tmp_path / "src" / "chengyu" / "__pycache__").mkdir()
    (tmp_path / "src" / "chengyu" / "__pycache__" / "indicators.cpython-311.pyc").write_bytes(b"\0")
    assert buildcache.fingerprint(tmp_path) == before
