"""Each page's doctree read once while the pages are written, for Sphinx's figure references.

Sphinx 7.4 resolves every ``{numref}`` by unpickling the whole doctree of the page that holds the target
(``StandardDomain._resolve_numref_xref`` calls ``env.get_doctree``), only to look one node up in it. The
book's chapters carry their charts' specs and static images, 0.5-4.6 MB of pickle each, and cite their
figures about a hundred times: some 5 s of every full build went on reading the same doctrees again.

:func:`install` lets that lookup read each page's doctree once per build: the doctree is kept (per build
environment, and only while the page's doctree is the one Sphinx read, by the time ``env.all_docs`` stamps
it with) and only read, never changed, by the lookup (the node's type and ids, which decide the number).
Every other caller of ``env.get_doctree`` still gets a fresh copy. With another Sphinx whose method is
missing, nothing is patched; tests/test_site_numref.py builds a small book with and without the patch.
"""

from __future__ import annotations

import weakref
from typing import Any

from helpers import patching

_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _read_once(env: Any, docname: str) -> Any:
    """``docname``'s doctree, unpickled once while Sphinx has it as read at ``env.all_docs[docname]``."""
    pages = _KEPT.setdefault(env, {})
    stamp = env.all_docs.get(docname)
    kept = pages.get(docname)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    doctree = type(env).get_doctree(env, docname)
    pages[docname] = (stamp, doctree)
    return doctree


def install() -> bool:
    """Patch ``StandardDomain._resolve_numref_xref`` (once); False if this Sphinx lacks it."""
    from sphinx.domains.std import StandardDomain

    def once(original: Any) -> Any:
        def resolve(self: Any, env: Any, *args: Any, **kwargs: Any) -> Any:
            env.get_doctree = lambda docname: _read_once(env, docname)  # this call's lookup only
            try:
                return original(self, env, *args, **kwargs)
            finally:
                del env.get_doctree

        return resolve

    return patching.replace(StandardDomain, "_resolve_numref_xref", once)


def uninstall() -> None:
    """Undo :func:`install` (for the test that builds with and without it)."""
    from sphinx.domains.std import StandardDomain

    patching.restore(StandardDomain, "_resolve_numref_xref")


def forget(_app: Any, _exc: Any = None) -> None:
    """Let the kept doctrees go when the build ends."""
    _KEPT.clear()
