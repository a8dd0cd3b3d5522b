"""Keep the execution cache honest, and fill it in parallel.

jupyter-cache re-executes a notebook only when its code cells change, so an edit to a file in
``data/`` or ``src/chengyu/`` would leave the book showing old numbers. Before each build,
``python -m chengyu.buildcache BUILD_DIR ROOT``

1. fingerprints those inputs (SHA-256 over their paths and contents) and, when the fingerprint
   differs from the one recorded by the last build, drops every executed notebook from the cache
   and removes Sphinx's saved environment, so that every page is read again with fresh outputs;
2. executes the notebooks of the table of contents that the cache lacks, on all cores
   (jupyter-cache's ``local-parallel`` executor, reading MyST with myst-nb's own reader, so that
   the build then finds them by the same hash). A notebook that fails here is left for the
   build, which runs it again and reports the error in the usual way.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("data", "src/chengyu")
CACHE = ".jupyter_cache"  # inside the build directory, where Jupyter Book keeps it
DOCTREES = ".doctrees"
RECORD = ".chengyu-inputs.sha256"
PAGES_RECORD = ".chengyu-pages.sha256"  # the notebooks last executed into the cache without failure
MYST_READER = {"name": "myst_nb_md", "type": "plugin"}
TIMEOUT = 120  # seconds per notebook, as execute.timeout in _config.yml


def fingerprint(root: Path = ROOT, inputs: tuple[str, ...] = INPUTS) -> str:
    """SHA-256 over the relative path and bytes of every file under ``inputs`` (caches skipped)."""
    digest = hashlib.sha256()
    for top in inputs:
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every page of ``_toc.yml`` in reading order, without extension (e.g. "book/01-context")."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def executable_pages(root: Path = ROOT) -> list[str]:
    """The pages that are notebooks: their MyST header declares a kernel."""
    pages = []
    for page in toc_pages(root):
        text = (root / f"{page}.md").read_text(encoding="utf-8")
        header = text.split("\n---", 1)[0] if text.startswith("---") else ""
        if "kernelspec:" in header:
            pages.append(page)
    return pages


def refresh(build_dir: Path, root: Path = ROOT) -> bool:
    """Drop stale outputs in ``build_dir`` if the inputs changed; return True if it did."""
    record = build_dir / RECORD
    current = fingerprint(root)
    if record.is_file() and record.read_text().strip() == current:
        return False
    if (build_dir / CACHE).is_dir():
        from jupyter_cache import get_cache

        cache = get_cache(build_dir / CACHE)
        for executed in cache.list_cache_records():
            cache.remove_cache(executed.pk)
    shutil.rmtree(build_dir / DOCTREES, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    record.write_text(current + "\n")
    return True


def pages_fingerprint(root: Path = ROOT) -> str:
    """SHA-256 over the table of contents and the text of every executable page."""
    digest = hashlib.sha256((root / "_toc.yml").read_bytes())
    for page in executable_pages(root):
        digest.update(page.encode() + b"\0" + (root / f"{page}.md").read_bytes() + b"\0")
    return digest.hexdigest()


def execute_missing(build_dir: Path, root: Path = ROOT) -> list[str]:
    """Execute, in parallel, the TOC notebooks the cache has no outputs for; return failures.

    Nothing is loaded when neither the pages nor the inputs changed since the last run that
    succeeded, so that a rebuild with no change stays fast.
    """
    record = build_dir / PAGES_RECORD
    current = pages_fingerprint(root) + " " + fingerprint(root)
    if record.is_file() and record.read_text().strip() == current and (build_dir / CACHE).is_dir():
        return []
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    cache = get_cache(build_dir / CACHE)
    wanted = {str((root / f"{page}.md").resolve()) for page in executable_pages(root)}
    for project in cache.list_project_records():
        if project.uri not in wanted:
            cache.remove_nb_from_project(project.pk)
    known = {project.uri for project in cache.list_project_records()}
    for uri in sorted(wanted - known):
        cache.add_nb_to_project(uri, read_data=MYST_READER)
    failed: list[str] = []
    if cache.list_unexecuted():
        result = load_executor("local-parallel", cache=cache).run_and_cache(timeout=TIMEOUT, allow_errors=False)
        failed = sorted(result.excepted + result.errored)
    if not failed:
        record.write_text(current + "\n")
    return failed


def main(argv: list[str]) -> None:
    build = Path(argv[0]) if argv else ROOT / "_build"
    root = Path(argv[1]) if len(argv) > 1 else ROOT
    if refresh(build, root):
        print(f"chengyu: data/ or src/chengyu/ changed since the last build: cleared the execution cache in {build}")
    failed = execute_missing(build, root)
    if failed:
        print("chengyu: these notebooks failed; the build runs them again and reports why:", *failed, sep="\n  ")


if __name__ == "__main__":
    main(sys.argv[1:])
