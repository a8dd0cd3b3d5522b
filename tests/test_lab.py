"""The chapters in a real JupyterLab: served as notebooks, executed without errors.

A JupyterLab server is started on 127.0.0.1 with a token and the repository's lab settings (as
`make lab` starts it). Each executable page of the table of contents is fetched through the
contents API as a notebook (jupytext reads the MyST file), executed with nbclient in a kernel
from this venv, and must produce no error output. The server is stopped by its PID.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, executable_pages

pytestmark = pytest.mark.lab

SETTINGS = ROOT / ".jupyter" / "lab" / "user-settings"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port, token = free_port(), secrets.token_hex(16)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(SETTINGS),
        JUPYTER_RUNTIME_DIR=str(runtime),
    )
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = (runtime / "lab.log").open("w")
    server = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            get(base, token, "/api/status")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(
                    "JupyterLab did not start:\n" + (runtime / "lab.log").read_text()
                )
            time.sleep(0.5)
    yield base, token
    os.kill(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def get(base: str, token: str, path: str) -> dict:
    request = urllib.request.Request(
        base + path, headers={"Authorization": f"token {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_lab_opens_markdown_chapters_as_notebooks_by_default(lab):
    settings = get(*lab, "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    assert settings["settings"]["defaultViewers"]["markdown"] == "Jupytext Notebook"


@pytest.mark.parametrize("page", executable_pages())
def test_chapter_opens_as_a_notebook_and_runs_without_errors(lab, page):
    model = get(*lab, f"/api/contents/{page}.md?type=notebook&content=1")
    assert model["type"] == "notebook"
    notebook = nbformat.from_dict(model["content"])
    nbformat.validate(notebook)
    assert any(cell.cell_type == "code" for cell in notebook.cells)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(ROOT / Path(page).parent)}},
    ).execute()
    errors = [
        f"cell {i}: {output.get('ename')}: {output.get('evalue')}"
        for i, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    assert errors == []
