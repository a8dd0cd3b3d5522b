"""Before Sphinx runs: drop what an edit made stale, then execute the missing notebooks in parallel.

jupyter-cache re-executes a notebook only when its code cells change, and Sphinx re-reads a page
only when its own source changes. An edit to the data, the analysis package, the citation
metadata or the style would therefore leave pages showing old numbers or old metadata. What
each stage depends on is declared once, in ``bookbuild/inputs.toml``; before each build,
``python -m bookbuild.prebuild BUILD_DIR`` (run from the repository)

0. checks the data package and ``study.yml`` as ``chengyu check`` does, and stops with the
   same lines if anything is wrong, before anything is executed;
1. fingerprints the inputs of each stage (SHA-256 over paths and contents) and compares them
   with the fingerprints recorded by the last build: a change to an *execute* input sets the
   execution cache aside (kept for the last three states of the inputs, so that undoing an edit
   executes nothing) and starts from the one of the new state, if an earlier build left it, or
   from none; a change to an *execute* or *render* input removes Sphinx's saved environment, so
   that Sphinx reads and writes every page again (from the cache);
2. executes the notebooks of the table of contents that the cache lacks, on all cores, cell by
   cell as a reader steps through them (:mod:`bookbuild.execute`), into jupyter-cache, reading
   MyST with myst-nb's own reader, so that Sphinx then finds them by the same hash and executes
   nothing itself. A failing cell, or an inline expression that the page and the kernel would
   show differently, stops the build here, with the file and what went wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tomllib
from pathlib import Path

import yaml

from bookbuild import stages

ROOT = Path(__file__).resolve().parents[1]
INPUTS = "bookbuild/inputs.toml"
STAGES = ("execute", "render")
CACHE = ".jupyter_cache"  # inside the build directory, where Jupyter Book keeps it
DOCTREES = ".doctrees"
RECORD = ".chengyu-inputs.json"  # each stage's input fingerprints at the last build
STASH = ".jupyter-caches"  # the execution caches of earlier states of the inputs
STASHED = 3
PAGES_RECORD = ".chengyu-pages.sha256"  # the notebooks last executed into the cache without failure
MYST_READER = {"name": "myst_nb_md", "type": "plugin"}
TIMEOUT = 120  # seconds per notebook, as execute.timeout in _config.yml


def declared_inputs(root: Path = ROOT) -> dict[str, list[str]]:
    """The inputs of each stage, as declared in ``bookbuild/inputs.toml``: {stage: [path, ...]}."""
    declared = tomllib.loads((root / INPUTS).read_text(encoding="utf-8"))
    unknown = sorted(set(declared) - set(STAGES))
    if unknown:
        raise ValueError(
            f"{INPUTS}: unknown stage(s) {unknown}; the stages are {', '.join(STAGES)}"
        )
    missing = [
        path
        for stage in STAGES
        for path in declared[stage]["inputs"]
        if not (root / path).exists()
    ]
    if missing:
        raise ValueError(f"{INPUTS}: declared input(s) missing: {', '.join(missing)}")
    return {stage: list(declared[stage]["inputs"]) for stage in STAGES}


def fingerprint(root: Path, path: str) -> str:
    """SHA-256 over the relative path and bytes of a file, or of every file under a folder.

    Bytecode caches are skipped: importing a module is not an edit.
    """
    digest = hashlib.sha256()
    top = root / path
    files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
    for file in files:
        if "__pycache__" in file.parts:
            continue
        digest.update(
            file.relative_to(root).as_posix().encode()
            + b"\0"
            + file.read_bytes()
            + b"\0"
        )
    return digest.hexdigest()


def fingerprints(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """{stage: {input: fingerprint}} for every declared input."""
    return {
        stage: {path: fingerprint(root, path) for path in paths}
        for stage, paths in declared_inputs(root).items()
    }


def changed_inputs(build_dir: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """{stage: [inputs whose fingerprint differs from the last build's]}; every input on a first build."""
    record = build_dir / RECORD
    before = json.loads(record.read_text()) if record.is_file() else {}
    now = fingerprints(root)
    return {
        stage: [
            path
            for path, digest in now[stage].items()
            if before.get(stage, {}).get(path) != digest
        ]
        for stage in STAGES
    }


def state(fingerprinted: dict[str, str]) -> str:
    """One name for a state of the execution inputs: SHA-256 over their fingerprints."""
    return hashlib.sha256(
        json.dumps(fingerprinted, sort_keys=True).encode()
    ).hexdigest()


def switch_cache(build_dir: Path, before: str, now: str) -> None:
    """Set the execution cache of the inputs' state ``before`` aside, under ``STASH``, and put
    back the one of the state ``now`` if an earlier build left it there.

    Executed notebooks are valid for the inputs they were executed with: undoing an edit, or
    going back to a branch, finds them again instead of executing every chapter. The last
    ``STASHED`` states are kept.
    """
    stash = build_dir / STASH
    stash.mkdir(parents=True, exist_ok=True)
    if (build_dir / CACHE).is_dir():
        shutil.rmtree(stash / before, ignore_errors=True)
        (build_dir / CACHE).rename(stash / before)
        os.utime(stash / before)  # set aside now: the newest
    kept = sorted(stash.iterdir(), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in kept[STASHED:]:
        if old.name != now:
            shutil.rmtree(old, ignore_errors=True)
    if (stash / now).is_dir():
        (stash / now).rename(build_dir / CACHE)


def refresh(build_dir: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """Drop what the changed inputs made stale in ``build_dir`` (:func:`switch_cache` for the
    execution cache); return the changed inputs by stage."""
    record = build_dir / RECORD
    before = json.loads(record.read_text()) if record.is_file() else {}
    changed = changed_inputs(build_dir, root)
    now = fingerprints(root)
    if changed["execute"] and "execute" in before:
        switch_cache(build_dir, state(before["execute"]), state(now["execute"]))
    if changed["execute"] or changed["render"]:
        shutil.rmtree(build_dir / DOCTREES, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
    return changed


def toc_parts(root: Path = ROOT) -> list[tuple[str, list[str]]]:
    """The parts of ``_toc.yml`` as (caption, pages), e.g. ("Chapters", ["book/01-context", …])."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [
        (part["caption"], [chapter["file"] for chapter in part["chapters"]])
        for part in toc.get("parts", [])
    ]


def toc_pages(root: Path = ROOT) -> list[str]:
    """Every page of ``_toc.yml`` in reading order, without extension (e.g. "book/01-context")."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [page for _, pages in toc_parts(root) for page in pages]


def executable_pages(root: Path = ROOT) -> list[str]:
    """The pages that are notebooks: their MyST header declares a kernel."""
    pages = []
    for page in toc_pages(root):
        text = (root / f"{page}.md").read_text(encoding="utf-8")
        header = text.split("\n---", 1)[0] if text.startswith("---") else ""
        if "kernelspec:" in header:
            pages.append(page)
    return pages


def pages_fingerprint(root: Path = ROOT) -> str:
    """SHA-256 over the table of contents and the text of every executable page."""
    digest = hashlib.sha256((root / "_toc.yml").read_bytes())
    for page in executable_pages(root):
        digest.update(
            page.encode() + b"\0" + (root / f"{page}.md").read_bytes() + b"\0"
        )
    return digest.hexdigest()


def execute_missing(build_dir: Path, root: Path = ROOT) -> list[str]:
    """Execute, in parallel, the TOC notebooks the cache has no outputs for; return what went
    wrong (a failing cell, an inline expression the page and the kernel would show apart).

    Nothing is loaded when neither the pages nor the execution inputs changed since the last run
    that succeeded, so that a rebuild with no change stays fast.
    """
    record = build_dir / PAGES_RECORD
    execution = json.dumps(fingerprints(root)["execute"], sort_keys=True)
    current = hashlib.sha256((pages_fingerprint(root) + execution).encode()).hexdigest()
    if (
        record.is_file()
        and record.read_text().strip() == current
        and (build_dir / CACHE).is_dir()
    ):
        return []
    from jupyter_cache import get_cache

    cache = get_cache(build_dir / CACHE)
    wanted = {str((root / f"{page}.md").resolve()) for page in executable_pages(root)}
    for project in cache.list_project_records():
        if project.uri not in wanted:
            cache.remove_nb_from_project(project.pk)
    known = {project.uri for project in cache.list_project_records()}
    for uri in sorted(wanted - known):
        cache.add_nb_to_project(uri, read_data=MYST_READER)
    problems = run_in_parallel(cache, cache.list_unexecuted())
    if not problems:
        record.write_text(current + "\n")
    return problems


def run_in_parallel(cache, records) -> list[str]:
    """Execute ``records`` into ``cache`` (:func:`bookbuild.execute.execute_and_cache`); return
    every problem found.

    One process more than there are cores: a kernel waits for its messages part of the time,
    and a third kernel fills that (the execution took 12.5 s instead of 13.4 s on two cores).
    The longest notebooks start first, so that no long one is left to run alone at the end.
    """
    if not records:
        return []
    import multiprocessing

    from bookbuild.execute import execute_and_cache

    largest_first = sorted(records, key=lambda r: -Path(r.uri).stat().st_size)
    tasks = [(r.pk, r.uri, cache, TIMEOUT) for r in largest_first]
    with multiprocessing.Pool(min(len(tasks), (os.cpu_count() or 1) + 1)) as pool:
        results = pool.map(execute_and_cache, tasks, chunksize=1)
    return [problem for problems in results for problem in problems]


def check_data() -> list[str]:
    """The problems ``chengyu check`` finds in the book's data package and ``study.yml``."""
    from chengyu import cli, data

    return cli.check(data.data_dir())


def discard_unreadable_cache(build_dir: Path) -> str | None:
    """Discard the execution cache if its database cannot be read (a crash, a full disk); return why.

    The cache is derived data: what it held is executed again. Sphinx's saved environment and
    the record of executed pages go with it, since they describe the cache's outputs.
    """
    path = build_dir / CACHE
    if not path.is_dir():
        return None
    from jupyter_cache import get_cache
    from sqlalchemy.exc import SQLAlchemyError

    try:
        cache = get_cache(path)
        cache.list_project_records()
        cache.list_cache_records()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
    else:
        return None
    shutil.rmtree(path)
    shutil.rmtree(build_dir / DOCTREES, ignore_errors=True)
    (build_dir / PAGES_RECORD).unlink(missing_ok=True)
    return reason


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else ROOT / "_build"
    # the package was valid when the last build recorded it: check it again only if an
    # execution input (the data, or the code that checks it) changed since
    if changed_inputs(build, ROOT)["execute"]:
        problems = check_data()
        if problems:
            print(*problems, sep="\n")
            print(
                f"bookbuild: {len(problems)} problem(s) in the data package; nothing was built."
            )
            return 1
        stages.mark("check data")
    unreadable = discard_unreadable_cache(build)
    if unreadable:
        print(
            f"bookbuild: the execution cache in {build / CACHE} could not be read ({unreadable});"
            " discarded it, every notebook is executed again"
        )
    reused = (build / STASH / state(fingerprints(ROOT)["execute"])).is_dir()
    changed = refresh(build, ROOT)
    if changed["execute"]:
        print(
            f"bookbuild: changed since the last build: {', '.join(changed['execute'])}: "
            + (
                "took back the execution cache an earlier build made with these inputs"
                if reused
                else f"cleared the execution cache in {build}"
            )
        )
    if changed["render"]:
        print(
            f"bookbuild: changed since the last build: {', '.join(changed['render'])}: every page is rendered again"
        )
    problems = execute_missing(build, ROOT)
    stages.mark("execute")
    if problems:
        print(*problems, sep="\n")
        print(
            f"bookbuild: {len(problems)} problem(s) in the chapters; nothing was built."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
