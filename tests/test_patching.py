"""The one way the book mends a library's method: once, keeping the original, undone on demand."""

from __future__ import annotations

from helpers import patching


class Tool:
    def answer(self) -> str:
        return "slow"


def test_a_method_is_replaced_once_keeps_its_original_and_can_be_restored():
    made = []

    def mend(original):
        made.append(original)
        return lambda self: "fast, not " + original(self)

    assert patching.replace(Tool, "answer", mend) and Tool().answer() == "fast, not slow"
    assert patching.replace(Tool, "answer", mend) and len(made) == 1, "a second install must change nothing"
    assert patching.patched(Tool, "answer")
    patching.restore(Tool, "answer")
    assert Tool().answer() == "slow" and not patching.patched(Tool, "answer")
    patching.restore(Tool, "answer")  # restoring twice leaves the original
    assert Tool().answer() == "slow"


def test_a_missing_method_is_not_patched():
    assert not patching.replace(Tool, "no_such_method", lambda original: original)
    assert not hasattr(Tool, "no_such_method")
