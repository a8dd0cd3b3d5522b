"""Where a build's time goes: named marks, in order, within one process.

``bookbuild.build`` marks the stages it runs (checking the data, executing the notebooks,
starting Sphinx) and the book's Sphinx extension marks Sphinx's own (reading, writing, the
post-build steps), since Sphinx runs in the same process. :func:`durations` turns the marks into
seconds per stage, which the build prints in one line and ``make bench`` reports.
"""

from __future__ import annotations

import time

from sphinx.application import Sphinx

_marks: list[tuple[str, float]] = []


def start() -> None:
    """Forget earlier marks and start the clock."""
    _marks[:] = [("", time.perf_counter())]


def mark(stage: str) -> None:
    """``stage`` ends now (it began at the previous mark)."""
    if _marks:
        _marks.append((stage, time.perf_counter()))


def durations() -> dict[str, float]:
    """{stage: seconds} in the order the stages ran, e.g. {"execute": 9.8, "sphinx read": 1.9}."""
    return {
        stage: round(now - before, 2)
        for (_, before), (stage, now) in zip(_marks, _marks[1:], strict=False)
    }


def setup(app: Sphinx) -> dict:
    """As a Sphinx extension: mark Sphinx's stages (a no-op unless :func:`start` was called)."""
    app.connect("builder-inited", lambda app: mark("sphinx start"))
    app.connect("env-updated", lambda app, env: mark("sphinx read"))
    # first and last of the build-finished handlers: the pages are written, then post-built
    app.connect("build-finished", lambda app, error: mark("sphinx write"), priority=1)
    app.connect("build-finished", lambda app, error: mark("post-build"), priority=999)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
