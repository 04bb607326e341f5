"""Three of Altair 5.5's hot spots, made cheap without changing any spec.

Drawing the builders' 28 test charts took 14 s, a quarter of it in three places inside Altair:

- every encoding given as a shorthand string (``x="at:T"``) goes through ``SchemaBase.from_dict``, which
  builds a ``_FromDict`` afresh: one ``json.dumps`` hash of the schema of each of Altair's ~560 wrapper
  classes, for every channel of every chart (236,000 hashes for those 28 charts);
- ``_todict`` asks of every string and number in a chart's rows whether it is a ``SchemaLike``, a
  runtime-checkable Protocol whose ``isinstance`` walks the class's attributes (218,000 checks);
- every ``properties()``, layer and concatenation deep-copies the chart, with the table of rows each chart
  carries (:func:`helpers.charts.marks.with_table`) and the narrow form's whole spec
  (:func:`helpers.charts.layout.attach`), and ``to_dict`` walks them again.

:func:`install` keeps one class table per set of wrapper classes, and lets ``_todict`` hand back plain
``str``, ``int``, ``float``, ``bool`` and ``None`` at once (what its own branches return for them; numpy
scalars and subclasses still take the long way). :class:`Frozen` wraps finished JSON (the table, the narrow
form) so that Altair neither copies nor walks it. The 28 charts: 14 s -> 10.4 s, byte-identical specs
(tests/test_toolkit.py draws with and without :func:`install`). Every process that draws (a chapter's
kernel, the build, papermill, the tests) gains. With another Altair whose internals differ, nothing is
patched.
"""

from __future__ import annotations

from typing import Any, ClassVar

from altair.utils import schemapi

from helpers import patching

_SCALARS = (str, int, float, bool, type(None))
_TABLES: dict[tuple[type, ...], Any] = {}


def install() -> bool:
    """Patch Altair's ``_FromDict`` and ``_todict`` (once); False if this Altair lacks them."""
    from_dict = getattr(schemapi, "_FromDict", None)
    if from_dict is None or getattr(schemapi, "_todict", None) is None:
        return False

    def one_table(build_table: Any) -> Any:
        def init(self: Any, wrapper_classes: Any, /) -> None:
            classes = tuple(wrapper_classes)
            table = _TABLES.get(classes)
            if table is None:
                build_table(self, classes)
                _TABLES[classes] = self.class_dict
            else:
                self.class_dict = table

        return init

    def scalars_first(todict: Any) -> Any:
        def fast_todict(obj: Any, context: Any, np_opt: Any, pd_opt: Any) -> Any:
            if type(obj) in _SCALARS:
                return obj
            return todict(obj, context, np_opt, pd_opt)

        return fast_todict

    patching.replace(from_dict, "__init__", one_table)
    # _todict recurses through the module's name, so its inner calls gain too.
    return patching.replace(schemapi, "_todict", scalars_first)


def uninstall() -> None:
    """Altair as it was (for tests that compare)."""
    patching.restore(schemapi, "_todict")
    patching.restore(schemapi._FromDict, "__init__")


class Frozen:
    """Finished JSON inside a chart (a table, a narrow form): Altair neither copies nor walks it."""

    # With ``to_dict``, what makes Altair's ``_todict`` take the value as it is (its ``SchemaLike`` protocol).
    _schema: ClassVar[dict[str, str]] = {"type": "object"}

    def __init__(self, value: Any) -> None:
        self.value = value

    def to_dict(self, *args: Any, **kwargs: Any) -> Any:
        return self.value
