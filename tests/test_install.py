"""The install is verified: `make book` installs the lock with hash checking, and stops, saying
why, when a file does not match its hash or a package carries none. The tests run the Makefile's
own install step (`make venv`) into a scratch venv with a lock of one package cut from the real
one (six, which depends on nothing), altered as an attacker or a careless edit would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

ENTRY = re.search(
    r"^six==\S+(?: \\\n\s+--hash=sha256:[0-9a-f]{64})+",
    (ROOT / "requirements.txt").read_text(encoding="utf-8"),
    re.M,
).group(0)


@pytest.fixture(scope="module")
def scratch_venv(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("install") / "venv"


def install(lock_text: str, venv: Path) -> subprocess.CompletedProcess:
    lock = venv.parent / "lock.txt"
    lock.write_text(lock_text + "\n", encoding="utf-8")
    return subprocess.run(
        ["make", "--no-print-directory", "venv", f"VENV={venv}", f"LOCK={lock}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_file_that_does_not_match_its_hash_stops_the_install(scratch_venv):
    # every hash of the entry altered in its first digit: no file of six can match
    tampered = re.sub(
        r"sha256:([0-9a-f])",
        lambda m: "sha256:" + ("1" if m.group(1) == "0" else "0"),
        ENTRY,
    )
    done = install(tampered, scratch_venv)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Hash mismatch" in output and "six" in output, output
    assert "The install stopped" in output and "does not match its hash" in output


def test_a_package_without_hashes_stops_the_install(scratch_venv):
    done = install(ENTRY + "\nidna==3.20", scratch_venv)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "idna" in output and "hash" in output.lower(), output
    assert "The install stopped" in output
