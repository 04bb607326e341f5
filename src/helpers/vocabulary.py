"""The book's controlled vocabularies, as ``data/datapackage.json`` declares them.

A field's ``vocabulary`` lists the values it may hold, with what each means:

* ``{"by": "frame", "values": {FRAME: {VALUE: {"label": ...}, ...}}}``: the values depend on another
  column of the row (a reading's ``topic`` and ``position`` depend on its ``frame``); a frame whose
  entry is ``null`` takes any slug (a debate's topic is its forum). A topic may name the
  ``positions`` it allows (a trilateral factor is weighed high, low or unclear; a link between
  factors is shown, suggested or not shown).
* ``{"tags": {KEY: {VALUE: {...}, ...}}}``: the ``key:value`` tags a row may carry; a key whose
  entry is ``null`` has its values checked by its own rules (``milestone``: :mod:`helpers.milestones`).

``python -m helpers.data validate`` checks every row against these (:mod:`helpers.data.rules`),
and the chart builders read their labels from here, so a value is declared once, in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from helpers.datapackage import fields, find_data_dir, read_datapackage, resource


@lru_cache(maxsize=8)
def _field_vocabulary(folder: str, stamp: int, table: str, field: str) -> dict[str, Any] | None:
    from pathlib import Path

    package = read_datapackage(Path(folder))
    return fields(resource(package, table, Path(folder))).get(field, {}).get("vocabulary")


def field_vocabulary(table: str, field: str, data_dir: Any = None) -> dict[str, Any] | None:
    """The vocabulary the data package declares for ``table.field`` (None if it declares none)."""
    from helpers.datapackage import DATAPACKAGE

    folder = find_data_dir(data_dir)
    return _field_vocabulary(str(folder), (folder / DATAPACKAGE).stat().st_mtime_ns, table, field)


@dataclass(frozen=True)
class Frame:
    """A frame of the ``readings`` table: its topics (None: any slug) and positions, each with what it means."""

    name: str
    topics: dict[str, dict[str, Any]] | None
    positions: dict[str, dict[str, Any]]

    def topic_labels(self) -> dict[str, str]:
        return {k: v["label"] for k, v in (self.topics or {}).items()}

    def position_labels(self) -> dict[str, str]:
        return {k: v["label"] for k, v in self.positions.items()}

    def positions_of(self, topic: str) -> list[str]:
        """The positions a reading of ``topic`` may take (all the frame's, unless the topic names its own)."""
        return list((self.topics or {}).get(topic, {}).get("positions") or self.positions)


def frame(name: str, data_dir: Any = None) -> Frame:
    """The vocabulary of one frame of readings (``risk``, ``trilateral``, ``definition``...)."""
    topics = (field_vocabulary("readings", "topic", data_dir) or {}).get("values", {})
    positions = (field_vocabulary("readings", "position", data_dir) or {}).get("values", {})
    if name not in positions:
        raise ValueError(f"unknown frame {name!r} (expected one of {', '.join(positions)})")
    return Frame(name, topics.get(name), positions[name])


def tags(data_dir: Any = None) -> dict[str, dict[str, Any] | None]:
    """The tag keys the events may carry, each with its values (None: checked by its own rules)."""
    return (field_vocabulary("events", "tags", data_dir) or {}).get("tags", {})


def tag_values(key: str, data_dir: Any = None) -> list[str]:
    """The values of one tag key, in the order the data package gives them."""
    declared = tags(data_dir)
    if key not in declared:
        raise ValueError(f"unknown tag key {key!r} (expected one of {', '.join(declared)})")
    return list(declared[key] or {})


def problems(vocabulary: dict[str, Any], value: Any, row: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with ``value`` against a field's ``vocabulary`` in a row, as (problem, expected) pairs."""
    if not isinstance(value, str) or not value:
        return []
    if "tags" in vocabulary:
        return _tag_problems(vocabulary["tags"], value)
    by = vocabulary.get("by")
    chosen = row.get(by)
    values = vocabulary.get("values", {})
    if chosen not in values or values[chosen] is None:
        return []  # an unknown frame is the frame's own problem; a null entry takes any value
    allowed = list(values[chosen])
    if value not in allowed:
        return [(f"{value!r} is not a value for {by} {chosen}", "one of " + ", ".join(allowed))]
    return []


def _tag_problems(declared: dict[str, Any], tags_cell: str) -> list[tuple[str, str]]:
    out = []
    for tag in (t.strip() for t in tags_cell.split(";") if t.strip()):
        key, _, value = tag.partition(":")
        if key not in declared:
            out.append(
                (f"unknown tag key {key!r} in {tag!r}", "a key:value tag with key one of " + ", ".join(declared))
            )
        elif declared[key] is not None and value not in declared[key]:
            out.append((f"unknown tag {tag!r}", f"{key}: with one of " + ", ".join(declared[key])))
    return out
