"""Execute a chapter as a reader steps through it in JupyterLab, and check its prose on the way.

jupyterlab-myst evaluates a markdown cell's inline expressions (``{eval}`name``` or
``{eval}`f"{name:spec}"```) in the kernel when the reader runs that cell; the built page shows
the value the chapter glued under ``name`` (:mod:`bookbuild.inline`). The two agree only if the
name is bound *above* the paragraph and not glued again with another value below it. So the
build executes each chapter cell by cell and, at each markdown cell, evaluates its expressions
in the kernel (``user_expressions``, as jupyterlab-myst does). A chapter fails the build, with
its file, line and expression, when

- an expression raises in the kernel (a name bound only further down: ``NameError``), or
- a name is glued more than once with different values (the page would show one of them), or
- the value the kernel gives at the paragraph is not the value glued under the name.

A chapter whose cell raises fails the build too, with the cell and its traceback. What was
compared is kept in the executed notebook's metadata (``chengyu.prose``), one entry per
expression in reading order, so that a test can hold it against the built page.
"""

from __future__ import annotations

import re
from pathlib import Path

import zmq
from jupyter_cache.base import JupyterCacheAbstract
from jupyter_cache.cache.db import NbProjectRecord
from jupyter_cache.executors.utils import create_cache_bundle
from jupyter_cache.utils import Timer
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbformat import NotebookNode

from bookbuild.inline import formatted, glued_name, literal

INLINE = re.compile(r"\{eval\}`([^`]+)`")
KERNEL_STARTS = 3  # tries: kernels started at once may pick the same free port
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in a kernel's traceback


class ProseError(Exception):
    """An inline expression that the page and the kernel would show differently."""


class SteppingClient(NotebookClient):
    """nbclient, evaluating each markdown cell's inline expressions when it comes to the cell."""

    def __init__(self, nb: NotebookNode, **kwargs):
        super().__init__(nb, **kwargs)
        # one entry per expression: {"cell", "expression", "value" | "error"}
        self.evaluated: list[dict] = []

    async def async_execute_cell(
        self, cell, cell_index, execution_count=None, store_history=True
    ):
        if cell.cell_type != "markdown":
            return await super().async_execute_cell(
                cell, cell_index, execution_count, store_history
            )
        expressions = INLINE.findall(cell.source)
        if expressions:
            msg_id = await ensure_async(
                self.kc.execute(
                    "",
                    silent=True,
                    store_history=False,
                    user_expressions={str(i): e for i, e in enumerate(expressions)},
                )
            )
            reply = await self.async_wait_for_reply(msg_id, cell)
            results = reply["content"]["user_expressions"]
            for i, expression in enumerate(expressions):
                result = results[str(i)]
                entry = {"cell": cell_index, "expression": expression}
                if result["status"] == "ok":
                    entry["value"] = result["data"]["text/plain"]
                else:
                    entry["error"] = f"{result['ename']}: {result['evalue']}"
                self.evaluated.append(entry)
        return cell


def glued_values(nb: NotebookNode) -> dict[str, list[str]]:
    """{name: [text/plain of each value glued under it, in order]} from the executed cells."""
    glued: dict[str, list[str]] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            if "name" in record:
                text = output["data"][record["mime_prefix"] + "text/plain"]
                glued.setdefault(record["name"], []).append(text)
    return glued


def shown(expression: str, glued: dict[str, list[str]]) -> str:
    """What the page shows for ``expression``: its glued value, as :mod:`bookbuild.inline` does."""
    name = glued_name(expression)
    if name is None:  # not of the two forms: formatted() says so
        return formatted(expression, "")
    values = glued.get(name, [])
    if not values:
        raise ProseError(f"{name!r} is not glued on this page")
    if len(set(values)) > 1:
        raise ProseError(
            f"{name!r} is glued {len(values)} times with different values"
            f" ({', '.join(values)}): the page would show the last, the paragraph an earlier one"
        )
    return formatted(expression, values[0])


def line_of(source: str, nb: NotebookNode, entry: dict) -> int:
    """The line of the .md file where the entry's expression is written (1-based)."""
    cell_text = nb.cells[entry["cell"]].source
    start = source.find(cell_text)
    at = source.find(f"{{eval}}`{entry['expression']}`", max(start, 0))
    return source.count("\n", 0, at) + 1


def check_prose(path: Path, nb: NotebookNode, evaluated: list[dict]) -> list[str]:
    """Problems with the prose's inline expressions, each as ``path:line: {eval}`expr`: why``."""
    source = path.read_text(encoding="utf-8")
    glued = glued_values(nb)
    problems = []
    for entry in evaluated:
        where = f"{path}:{line_of(source, nb, entry)}: {{eval}}`{entry['expression']}`"
        if "error" in entry:
            problems.append(
                f"{where}: {entry['error']} when a reader runs this cell"
                " (bind the name in a code cell above it)"
            )
            continue
        try:
            page = shown(entry["expression"], glued)
        except (ProseError, ValueError, TypeError) as error:
            problems.append(f"{where}: {error}")
            continue
        kernel = str(literal(entry["value"]))
        entry["page"] = page
        if kernel != page:
            problems.append(
                f"{where}: the page shows {page!r}, the kernel at this cell {kernel!r}"
                " (the name is glued or changed below the paragraph)"
            )
    return problems


def execute_and_cache(task: tuple[int, str, JupyterCacheAbstract, int]) -> list[str]:
    """Execute one notebook of the cache's project; cache it if it ran and its prose checks out.

    Run in a worker process (``bookbuild.prebuild``); ``task`` is (pk, path, cache, timeout).
    Returns what went wrong: nothing, the failing cell with its traceback, or the problems of
    :func:`check_prose`.
    """
    pk, uri, cache, timeout = task
    for attempt in range(1, KERNEL_STARTS + 1):
        project_nb = cache.get_project_notebook(pk)  # unexecuted, on every attempt
        nb = project_nb.nb
        client = SteppingClient(
            nb,
            timeout=timeout,
            allow_errors=False,
            record_timing=False,  # cell metadata would change the notebook's hash in the cache
            resources={"metadata": {"path": str(Path(uri).parent)}},
        )
        timer = Timer()
        try:
            with timer:
                client.execute()
            break
        except (CellExecutionError, CellTimeoutError) as error:
            NbProjectRecord.set_traceback(uri, str(error), cache.db)
            return [f"{uri}: a cell failed:\n{ANSI.sub('', str(error)).strip()}"]
        except (zmq.ZMQError, RuntimeError) as error:
            # a kernel dies at start when another, started at the same moment, took the free
            # port it was given ("Address already in use"): start another
            starting = isinstance(error, zmq.ZMQError) or "kernel_info" in str(error)
            if not starting:
                return [f"{uri}: the kernel died: {error}"]
            if attempt == KERNEL_STARTS:
                return [f"{uri}: no kernel could be started ({error}), {attempt} tries"]
    problems = check_prose(Path(uri), nb, client.evaluated)
    if problems:
        return problems
    nb.metadata.setdefault("chengyu", {})["prose"] = client.evaluated
    bundle = create_cache_bundle(project_nb, None, None, timer.last_split, None)
    cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
    return []
