"""The ``{eval}`` role in the built book: a value the page's code glued, as JupyterLab shows it.

The chapters quote their numbers with MyST inline expressions, ``{eval}`name``` or
``{eval}`f"{name:.3f}"```. In JupyterLab, jupyterlab-myst evaluates the expression in the
notebook's kernel, where ``chengyu.glue.glue`` has bound ``name`` to the glued value. MyST-NB
evaluates ``{eval}`` only when it executes a page inline, during parsing, which would give up
the execution cache; here the same expression is read from the value glued under ``name`` on
the same page and formatted as Python formats it, ``format(value, spec)`` (:func:`formatted`),
so that the page shows what the kernel prints: MyST-NB's own ``{glue:text}`` rules differ
(``d`` truncates a float, which Python refuses). Only these two forms are accepted: any other
expression, or a value the spec cannot format, is a build warning, so an error with ``-W``.
That the kernel holds the same value at the paragraph is checked when the chapter is executed
(:mod:`bookbuild.execute`).
"""

from __future__ import annotations

import ast
import re

from docutils import nodes
from myst_nb.ext.glue.utils import RetrievalError, glue_warning, retrieve_glue_data
from myst_nb.ext.utils import RoleBase
from sphinx.application import Sphinx

# `name` or `f"{name:spec}"`, spec a Python format spec
EXPRESSION = re.compile(
    r'(?P<name>[A-Za-z_]\w*)|f"\{(?P<fname>[A-Za-z_]\w*):(?P<spec>[^{}"]+)\}"'
)


def literal(text: str):
    """A glued value's text/plain repr as the value (a string without its quotes)."""
    try:
        return ast.literal_eval(text)
    except (SyntaxError, ValueError):
        return text


def formatted(expression: str, text: str) -> str:
    """What ``{eval}`expression``` shows for a value glued as ``text`` (its text/plain repr).

    ValueError if the expression is not of the two forms or the spec cannot format the value.
    """
    match = EXPRESSION.fullmatch(expression)
    if match is None:
        raise ValueError(
            'the book renders only `name` or `f"{name:spec}"` of a value glued on the same page'
        )
    return format(literal(text), match["spec"] or "")


def glued_name(expression: str) -> str | None:
    match = EXPRESSION.fullmatch(expression)
    return None if match is None else match["name"] or match["fname"]


class GluedExpression(RoleBase):
    """``{eval}`name``` or ``{eval}`f"{name:spec}"```, from the page's glued ``name``."""

    def run(self):
        def warning(why: str):
            return [], [
                glue_warning(f"{{eval}}`{self.text}`: {why}", self.document, self.line)
            ]

        name = glued_name(self.text)
        if name is None:
            return warning(
                'the book renders only `name` or `f"{name:spec}"` of a value glued on the same page'
            )
        try:
            data = retrieve_glue_data(self.document, name).data
        except RetrievalError as error:
            return warning(str(error))
        if "text/plain" not in data:
            return warning(f"{name!r} was glued without a text/plain form")
        try:
            text = formatted(self.text, data["text/plain"])
        except (ValueError, TypeError) as error:
            return warning(f"cannot format the glued value: {error}")
        # the name, so that a page's values can be compared with the other edition's
        node = nodes.inline(text, text, classes=["pasted-text", f"glued-{name}"])
        self.set_source_info(node)
        return [node], []


def setup(app: Sphinx) -> dict:
    app.add_role("eval", GluedExpression(), override=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
