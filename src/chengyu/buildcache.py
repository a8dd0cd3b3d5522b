"""Keep the execution cache honest: clear it when the data or the helper package change.

jupyter-cache re-executes a notebook only when its code cells change, so an edit to a file in
``data/`` or ``src/chengyu/`` would leave the book showing old numbers. Before each build,
``python -m chengyu.buildcache BUILD_DIR`` fingerprints those inputs (SHA-256 over their paths
and contents) and, when the fingerprint differs from the one recorded by the last build, removes
the execution cache and Sphinx's saved environment so that every page is read and executed
again. The new fingerprint is recorded at once: an emptied cache cannot serve stale outputs.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("data", "src/chengyu")
STALE = (".jupyter_cache", ".doctrees")  # inside the build directory
RECORD = ".chengyu-inputs.sha256"


def fingerprint(root: Path = ROOT, inputs: tuple[str, ...] = INPUTS) -> str:
    """SHA-256 over the relative path and bytes of every file under ``inputs`` (caches skipped)."""
    digest = hashlib.sha256()
    for top in inputs:
        for path in sorted((root / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh(build_dir: Path, root: Path = ROOT) -> bool:
    """Clear the stale caches in ``build_dir`` if the inputs changed; return True if it did."""
    record = build_dir / RECORD
    current = fingerprint(root)
    if record.is_file() and record.read_text().strip() == current:
        return False
    for name in STALE:
        shutil.rmtree(build_dir / name, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    record.write_text(current + "\n")
    return True


if __name__ == "__main__":
    # python -m chengyu.buildcache [BUILD_DIR [ROOT]]: ROOT holds data/ and src/chengyu/
    build = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build"
    root = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT
    if refresh(build, root):
        print(f"chengyu: data/ or src/chengyu/ changed since the last build: cleared the execution cache in {build}")
