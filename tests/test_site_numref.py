"""Figure references read their target page's doctree once a build (helpers.site.numref), with the same pages."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from helpers.site import numref

FIGURES = """Figures
=======

.. _fig-one:

.. figure:: one.png

   The first figure.

.. _fig-two:

.. figure:: two.png

   The second figure.
"""
REFERENCES = """References
==========

See :numref:`fig-one`, then :numref:`fig-two`, :numref:`Figure {number} <fig-one>` and :numref:`fig-two` again.
"""


def build(tmp_path: Path, name: str, monkeypatch) -> tuple[dict[str, str], int]:
    """A two-page book whose second page cites the first's figures four times; its pages and the number of
    times the figures' doctree was read."""
    src = tmp_path / name
    src.mkdir()
    (src / "conf.py").write_text("numfig = True\nroot_doc = 'index'\n")
    (src / "index.rst").write_text("Book\n====\n\n.. toctree::\n\n   figures\n   references\n")
    (src / "figures.rst").write_text(FIGURES)
    (src / "references.rst").write_text(REFERENCES)
    reads = []
    real = BuildEnvironment.get_doctree

    def counted(env, docname):
        reads.append(docname)
        return real(env, docname)

    monkeypatch.setattr(BuildEnvironment, "get_doctree", counted)
    sphinx_log = logging.getLogger("sphinx")  # Sphinx takes it over: put back for the tests that read it (caplog)
    kept = (sphinx_log.handlers[:], sphinx_log.level, sphinx_log.propagate)
    out = tmp_path / f"{name}-html"
    try:
        app = Sphinx(src, src, out, out / ".doctrees", "html", status=None, warning=None, freshenv=True)
        app.build()
        numref.forget(app)
    finally:
        monkeypatch.undo()
        sphinx_log.handlers[:], sphinx_log.level, sphinx_log.propagate = kept
    pages = {p: (out / f"{p}.html").read_text() for p in ("figures", "references")}
    return pages, reads.count("figures")


def test_figure_references_read_the_target_once_and_number_as_sphinx_does(tmp_path, monkeypatch):
    numref.uninstall()
    try:
        plain, plain_reads = build(tmp_path, "plain", monkeypatch)
        assert numref.install()
        once, once_reads = build(tmp_path, "once", monkeypatch)
    finally:
        numref.install()
    assert once == plain, "the pages differ with the doctrees read once"
    assert "Fig. 1" in once["references"] and "Figure 1" in once["references"] and "Fig. 2" in once["references"]
    assert plain_reads - once_reads == 3, (plain_reads, once_reads)  # four references: one read instead of four


def test_a_page_read_again_is_not_answered_from_the_old_doctree(tmp_path, monkeypatch):
    """A doctree is kept only as long as Sphinx's stamp of the page's reading stays the same."""

    class Env:
        def __init__(self):
            self.all_docs = {"figures": 1}

    env = Env()
    reads = []
    monkeypatch.setattr(Env, "get_doctree", lambda self, docname: reads.append(docname) or object(), raising=False)
    first = numref._read_once(env, "figures")
    assert numref._read_once(env, "figures") is first and reads == ["figures"]
    env.all_docs = {"figures": 2}
    assert numref._read_once(env, "figures") is not first and reads == ["figures", "figures"]
    numref.forget(None)
    with pytest.raises(KeyError):
        numref._KEPT[env]
