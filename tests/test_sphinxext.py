"""The book's patches of what the theme and Jupyter Book put on a page fail loudly when what
they patch is no longer there (bookbuild/sphinxext.py); on the built pages, tests/test_book_build.py
checks that each patch was made."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.utils import new_document
from sphinx.errors import ExtensionError
from sphinx.util.docutils import docutils_namespace

from bookbuild.sphinxext import _drop_files, _drop_thebe_config, _no_python_repr


class File(str):
    """A page's script, as Sphinx lists it: a file name with attributes."""

    def __new__(cls, filename, body=""):
        made = super().__new__(cls, filename)
        made.filename, made.attributes = filename, {"body": body}
        return made


def test_a_file_is_dropped_by_its_name_or_its_inline_text():
    scripts = [File("thebe.js"), File("", body="const THEBE_JS_URL = 1"), File("x.js")]
    context = {"script_files": scripts}
    _drop_files("page", context, "script_files", "thebe", "THEBE_JS_URL")
    assert context["script_files"] == ["x.js"] and context["script_files"] is scripts


def test_a_required_file_that_is_not_there_stops_the_build():
    context = {"css_files": [File("theme.css")]}
    with pytest.raises(ExtensionError, match="page: no file of css_files names thebe"):
        _drop_files("page", context, "css_files", "thebe")
    _drop_files("page", context, "css_files", "thebe", required=False)  # may be absent
    assert context["css_files"] == ["theme.css"]


def document_with(*raw: str) -> nodes.document:
    with docutils_namespace():
        document = new_document("page")
    for text in raw:
        document.append(nodes.raw(text=text, format="html"))
    document.append(nodes.paragraph(text="The page."))
    return document


def test_thebes_configuration_scripts_are_removed_from_the_page():
    document = document_with(
        '<script type="text/x-thebe-config">{requestKernel: true}</script>',
        "<script>kernelName = 'python3'</script>",
    )
    _drop_thebe_config(None, document, "page")
    assert [node.astext() for node in document.children] == ["The page."]


def test_a_page_without_thebes_configuration_stops_the_build():
    with pytest.raises(ExtensionError, match="page: sphinx-thebe's configuration"):
        _drop_thebe_config(None, document_with(), "page")


def page_with_output(text: str) -> nodes.document:
    with docutils_namespace():
        document = new_document("page")
    document += nodes.literal_block(text, text)
    return document


@pytest.mark.parametrize(
    "output",
    [
        "<IPython.core.display.Markdown object>",  # an empty Markdown, as the pages showed
        "<pandas.io.formats.style.Styler object at 0x7f3a2c1d9e50>",
    ],
)
def test_a_page_showing_a_python_repr_stops_the_build(output):
    with pytest.raises(ExtensionError, match="page: a cell shows a Python repr"):
        _no_python_repr(None, page_with_output(output), "page")


def test_angle_brackets_in_ordinary_output_pass():
    _no_python_repr(None, page_with_output("a <b> tag; 3 < 4 > 2; <object>"), "page")
