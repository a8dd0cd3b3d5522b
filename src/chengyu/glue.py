"""Glue values into the prose, refusing what would print badly.

Every number in the book's text is glued from code. A chapter's prose quotes a value glued on
its own page with a MyST inline expression, ``{eval}`name``` or ``{eval}`f"{name:.3f}"```; a
page quoting another page's value uses ``{glue:text}`page.md::name```. ``glue`` serves both
readers of the same source: it stores the value in the notebook (myst-nb ``glue``, which the
built book reads, see ``bookbuild/inline.py``) and binds ``name`` in the notebook's namespace,
where JupyterLab (jupyterlab-myst) evaluates the inline expressions. It converts numpy scalars
to Python numbers (``{glue:text}`` with a format spec fails on ``np.float64`` under numpy 2) and
raises on a missing value, so that prose never says "nan".
"""

from __future__ import annotations

import math
import numbers

from IPython import get_ipython
from myst_nb import glue as _myst_glue

# names this module bound in the notebook's namespace: they may be glued again (a re-run)
_bound: set[str] = set()


def plain(value):
    """``value`` as a plain Python int, float or str; ValueError if it is missing or not finite."""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"refusing to glue a missing or infinite value ({value})")
        return value
    raise ValueError(f"can only glue numbers and text, got {type(value).__name__}")


def _same(a, b) -> bool:
    try:
        return bool(a is b or a == b)
    except (TypeError, ValueError):  # e.g. arrays, whose == is elementwise
        return False


def bind(namespace: dict, name: str, value) -> None:
    """Set ``namespace[name] = value``, refusing to replace a variable the code defined."""
    if name in namespace and name not in _bound and not _same(namespace[name], value):
        raise ValueError(
            f"cannot glue {name!r}: the notebook already has a variable of that name with"
            " another value; glue the value under another name"
        )
    namespace[name] = value
    _bound.add(name)


def glue(name: str, value) -> None:
    """Make ``value`` available to the prose as ``{eval}`name``` (not displayed here)."""
    value = plain(value)
    _myst_glue(name, value, display=False)
    shell = get_ipython()
    # in a kernel, the namespace where JupyterLab evaluates the prose's inline expressions
    if shell is not None:
        bind(shell.user_ns, name, value)


def glue_all(values: dict) -> None:
    """Glue several values at once, ``{name: value}``."""
    for name, value in values.items():
        glue(name, value)
