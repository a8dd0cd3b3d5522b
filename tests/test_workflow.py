"""The workflow that publishes a fork (.github/workflows/book.yml): linted by actionlint, and
doing what the README promises: the two commands, then the PDF and the deployment to Pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
ACTIONLINT = str(Path(sys.executable).with_name("actionlint"))


def actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ACTIONLINT, "-no-color", "-oneline", str(path)],
        capture_output=True,
        text=True,
    )


def test_actionlint_passes_on_the_workflow_with_shellcheck():
    assert shutil.which("shellcheck"), (
        "shellcheck checks the run: scripts (.ci/run installs it)"
    )
    done = actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "book.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace(
            "steps.pages.outputs.base_url", "steps.page.outputs.base_url"
        ),
        encoding="utf-8",
    )
    done = actionlint(broken)
    assert done.returncode == 1 and 'property "page" is not defined' in done.stdout, (
        done.stdout
    )


def test_the_workflow_runs_the_two_commands_then_publishes_the_site_and_the_pdf():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as True
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    script = "\n".join(step.get("run", "") for step in build["steps"])
    assert (
        script.index("make book") < script.index(".ci/run") < script.index("make pdf")
    )
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    publish = next(step for step in build["steps"] if "make pdf" in step.get("run", ""))
    assert set(publish["env"]) == {"BOOK_URL", "BOOK_REPOSITORY"}
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
