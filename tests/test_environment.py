"""The environment is what the lock says: made from requirements.in, hashed, consistent."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT

LOCK = (ROOT / "requirements.txt").read_text(encoding="utf-8")


def pins(text: str) -> dict[str, str]:
    return {
        name.lower().replace("_", "-"): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)
    }


def test_the_installed_packages_are_consistent():
    done = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_direct_dependency_is_in_the_lock_at_its_pinned_version():
    wanted = pins((ROOT / "requirements.in").read_text(encoding="utf-8"))
    locked = pins(LOCK)
    assert wanted, "requirements.in pins nothing"
    assert {name: locked.get(name) for name in wanted} == wanted


def test_every_locked_package_carries_its_hashes():
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.split("\n", 2)[2])
    unhashed = [
        entry.split()[0]
        for entry in entries
        if entry.strip() and "--hash=sha256:" not in entry
    ]
    assert unhashed == []


def test_the_bootstrapped_installer_is_the_locked_one():
    bootstrap = pins(
        (ROOT / "bookbuild" / "uv-bootstrap.txt").read_text(encoding="utf-8")
    )
    assert bootstrap == {"uv": pins(LOCK)["uv"]}


def test_the_optional_iri_checker_stays_out_of_the_lock():
    assert "rfc3987-syntax" not in pins(LOCK) and "lark" not in pins(LOCK)
