"""One way to mend a library's method in place, once, and to undo it: for the book's fixes of its tools'
hot spots and faults (:mod:`helpers.charts.speed`, :mod:`helpers.site.numref`, :mod:`helpers.kernel_client`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MARK = "_book_patched"


def replace(owner: Any, name: str, make: Callable[[Any], Any]) -> bool:
    """Put ``make(original)`` in place of ``owner.name`` (once: again, nothing changes). The replacement keeps
    the original as ``.original``. False, and nothing patched, if ``owner`` has no such attribute."""
    original = getattr(owner, name, None)
    if original is None:
        return False
    if getattr(original, MARK, False):
        return True
    made = make(original)
    setattr(made, MARK, True)
    made.original = original
    setattr(owner, name, made)
    return True


def patched(owner: Any, name: str) -> bool:
    """Whether ``owner.name`` is the book's replacement."""
    return bool(getattr(getattr(owner, name, None), MARK, False))


def restore(owner: Any, name: str) -> None:
    """Undo :func:`replace` (for the tests that compare the two)."""
    if patched(owner, name):
        setattr(owner, name, getattr(owner, name).original)
