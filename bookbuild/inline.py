"""The ``{eval}`` role in the built book: a value the page's code glued, as JupyterLab shows it.

The chapters quote their numbers with MyST inline expressions, ``{eval}`name``` or
``{eval}`f"{name:.3f}"```. In JupyterLab, jupyterlab-myst evaluates the expression in the
notebook's kernel, where ``chengyu.glue.glue`` has bound ``name`` to the glued value. MyST-NB
evaluates ``{eval}`` only when it executes a page inline, during parsing, which would give up
the execution cache; here the same expression is read from the value glued under ``name`` on
the same page and formatted exactly as ``{glue:text}`name:.3f``` formats it. Only these two
forms are accepted: any other expression is a build warning, so an error with ``-W``.
"""

from __future__ import annotations

import re

from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import glue_warning
from sphinx.application import Sphinx

# `name` or `f"{name:spec}"`, spec a Python format spec (as in {glue:text}`name:spec`)
EXPRESSION = re.compile(
    r'(?P<name>[A-Za-z_]\w*)|f"\{(?P<fname>[A-Za-z_]\w*):(?P<spec>[^{}"]+)\}"'
)


class GluedExpression(PasteTextRole):
    """``{eval}`name``` or ``{eval}`f"{name:spec}"```, from the page's glued ``name``."""

    def run(self):
        match = EXPRESSION.fullmatch(self.text)
        if match is None:
            return [], [
                glue_warning(
                    f'{{eval}}`{self.text}`: the book renders only `name` or `f"{{name:spec}}"`'
                    " of a value glued on the same page",
                    self.document,
                    self.line,
                )
            ]
        if match["fname"]:
            self.text = f"{match['fname']}:{match['spec']}"
        return super().run()


def setup(app: Sphinx) -> dict:
    app.add_role("eval", GluedExpression(), override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
