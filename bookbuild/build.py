"""``make book``: build the book, or say in one line that it is already built.

``python -m bookbuild.build BUILD_DIR [--builder html|singlehtml]``, run from the repository:

1. takes the build directory's lock, so that a second build in the same checkout waits for the
   first instead of racing it (it then usually finds nothing left to do);
2. returns at once, without starting Sphinx, when nothing the book is made from changed since
   the last successful build with this builder: the declared inputs of both stages
   (``bookbuild/inputs.toml``), every file under ``book/``, the publication settings from the
   environment and, for the HTML site, the PDF edition it serves;
3. otherwise runs the pre-build (:mod:`bookbuild.prebuild`: check the data, drop what an edit
   made stale, execute the notebooks the cache lacks) and Jupyter Book, in this process, with
   warnings as errors; records the build only if it succeeded; prints where the time went.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from bookbuild import editions, prebuild, stages

ROOT = Path(__file__).resolve().parents[1]
# what a page shows depends on these settings too (bookbuild/sphinxext.py, the Makefile)
SETTINGS = ("BOOK_URL", "BOOK_REPOSITORY", "SOURCE_DATE_EPOCH")
PDF = Path("pdf") / "chengyu-book.pdf"  # inside the build directory; the site serves it
LOCK = ".lock"


def built_record(build_dir: Path, builder: str) -> Path:
    return build_dir / f".chengyu-built-{builder}.sha256"


def stages_record(build_dir: Path, builder: str) -> Path:
    return build_dir / f".chengyu-stages-{builder}.json"


def build_key(build_dir: Path, builder: str, root: Path = ROOT) -> str:
    """SHA-256 over everything a build with ``builder`` is made from (see the module's doc)."""
    digest = hashlib.sha256(builder.encode() + b"\0")
    inputs = prebuild.fingerprints(root)
    for stage in prebuild.STAGES:
        for path, fingerprint in sorted(inputs[stage].items()):
            digest.update(f"{stage}:{path}:{fingerprint}\0".encode())
    digest.update(prebuild.fingerprint(root, "book").encode())
    for name in SETTINGS:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    if builder == "html" and (build_dir / PDF).is_file():
        digest.update(hashlib.sha256((build_dir / PDF).read_bytes()).digest())
    return digest.hexdigest()


def up_to_date(build_dir: Path, builder: str, key: str) -> bool:
    record = built_record(build_dir, builder)
    return (
        record.is_file()
        and record.read_text().strip() == key
        and (build_dir / builder / "index.html").is_file()
    )


@contextmanager
def exclusive(build_dir: Path) -> Iterator[None]:
    """Hold the build directory's lock; wait, saying so in one line, while another build has it."""
    with (build_dir / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"bookbuild: another build is running in this checkout ({build_dir / LOCK});"
                " waiting for it to finish",
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock goes with the file, when it is closed


def book_config(root: Path = ROOT) -> dict:
    """The Sphinx settings of ``_config.yml`` (``sphinx: config:``)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config.get("sphinx", {}).get("config", {})


def sphinx(build_dir: Path, builder: str, edition: str) -> bool:
    """Jupyter Book's ``build -W -n --keep-going`` of one edition in this process; True if it
    succeeded. The editions share the execution cache: no notebook is executed twice."""
    from jupyter_book.sphinx import build_sphinx

    settings = book_config()
    overrides = {
        "nitpicky": True,
        "latex_individualpages": False,  # as jupyter-book build passes it
        "language": editions.SPHINX_LANGUAGE[edition],
        "nb_execution_cache_path": str((build_dir / prebuild.CACHE).resolve()),
    }
    doctrees = build_dir / prebuild.DOCTREES
    out = build_dir / builder
    if editions.FOLDER[edition]:
        # outside the first edition's output: MyST-NB and the theme keep the executed
        # notebooks beside an output folder (jupyter_execute/); publish() copies it into place
        out = build_dir / editions.FOLDER[edition] / builder
        words = settings["chengyu_translations"][edition]
        toc = editions.toc_for(
            edition,
            ROOT / "_toc.yml",
            words["captions"],
            build_dir / f".toc-{edition}.yml",
        )
        overrides["external_toc_path"] = str(toc.resolve())
        doctrees = doctrees / edition
    result = build_sphinx(
        ROOT,
        out,
        noconfig=True,
        path_config=str(ROOT / "_config.yml"),
        confoverrides=overrides,
        doctreedir=doctrees,
        builder=builder,
        warningiserror=True,
        keep_going=True,
        tags=[edition],
    )
    return result == 0


def _edition_process(build_dir: Path, builder: str, edition: str) -> None:
    sys.exit(0 if sphinx(build_dir, builder, edition) else 1)


def all_editions(build_dir: Path, builder: str, built: list[str]) -> bool:
    """Build every edition, the first in this process and the others side by side in forked
    processes: they share nothing but the execution cache, which they only read. True if all
    succeeded."""
    import multiprocessing

    first, *others = built
    fork = multiprocessing.get_context("fork")
    processes = [
        fork.Process(target=_edition_process, args=(build_dir, builder, edition))
        for edition in others
    ]
    for process in processes:
        process.start()
    succeeded = sphinx(build_dir, builder, first)
    for process in processes:
        process.join()
    return succeeded and all(process.exitcode == 0 for process in processes)


def run(build_dir: Path, builder: str) -> int:
    key = build_key(build_dir, builder)
    if up_to_date(build_dir, builder, key):
        print(
            f"bookbuild: nothing changed since the last build; {build_dir / builder} is up to date"
        )
        return 0
    built_record(build_dir, builder).unlink(missing_ok=True)
    stages.start()
    if prebuild.main([str(build_dir)]):
        return 1
    built = book_config().get("chengyu_editions", ["en"])
    if all_editions(build_dir, builder, built):
        editions.publish(build_dir, builder, built)
    else:
        # a failed build leaves Sphinx's saved environment half made: read every page next time
        shutil.rmtree(build_dir / prebuild.DOCTREES, ignore_errors=True)
        print("Book build failed (see above).")
        return 1
    built_record(build_dir, builder).write_text(key + "\n")
    took = stages.durations()
    stages_record(build_dir, builder).write_text(json.dumps(took, indent=1) + "\n")
    print(
        f"bookbuild: built in {sum(took.values()):.1f} s ("
        + ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in took.items())
        + ")"
    )
    if builder == "html":
        print(f"The book is in {build_dir / 'html' / 'index.html'}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.build")
    parser.add_argument("build_dir", type=Path, nargs="?", default=ROOT / "_build")
    parser.add_argument("--builder", default="html", choices=["html", "singlehtml"])
    args = parser.parse_args(argv)
    args.build_dir.mkdir(parents=True, exist_ok=True)
    with exclusive(args.build_dir):
        return run(args.build_dir, args.builder)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
