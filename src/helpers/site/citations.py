"""Citations that do not break the reading line: the book's labels for sphinxcontrib-bibtex.

The site cites with sphinxcontrib-bibtex's ``label`` reference style (``bibtex_reference_style: label``
in ``_config.yml``): a citation reads as ``[Maddox 2015]`` or ``[S/RES/918 (1994)]``, and the
bibliography page lists each entry under the same label. The labels come from a pybtex label style
registered here as ``book`` (and a formatting style ``book``, pybtex's ``plain`` with those labels,
named by ``bibtex_default_style: book``): :func:`helpers.sources.compact_labels`, short author-year
labels of at most :data:`MAX_LABEL` characters, which a test checks. The book's CSS keeps each
citation on one line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

from helpers import sources

STYLE = "book"
MAX_LABEL = 30  # characters: with its brackets, well under a line of the phone's column (about 40)


class BookLabels(BaseLabelStyle):
    """pybtex label style: the book's short labels (:func:`helpers.sources.compact_labels`)."""

    def format_labels(self, sorted_entries: Iterable[Any]) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = sources.compact_labels({e.key: e for e in entries})
        for entry in entries:
            yield labels[entry.key]


class BookStyle(PlainStyle):
    """pybtex's ``plain`` formatting style with the book's labels.

    sphinxcontrib-bibtex formats every entry twice, for the bibliography and for the tooltip of each citation
    of it (the same style, two instances): an entry formatted once under a label is kept for the second.
    """

    default_label_style = STYLE
    _formatted: ClassVar[dict[tuple[str, int], tuple[Any, Any]]] = {}

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> Any:
        if bib_data is not None or type(self) is not BookStyle:
            return super().format_entry(label, entry, bib_data=bib_data)
        kept = self._formatted.get((label, id(entry)))
        if kept is not None and kept[0] is entry:  # the same entry object, not one at a reused address
            return kept[1]
        formatted = super().format_entry(label, entry)
        self._formatted[(label, id(entry))] = (entry, formatted)
        return formatted


def register() -> None:
    """Make the styles known to pybtex (and so to sphinxcontrib-bibtex) under the name ``book``, and pybtex's
    plugin lookups cheap (:func:`helpers.sources.cache_plugin_lookups`)."""
    from pybtex.plugin import register_plugin

    sources.cache_plugin_lookups()
    register_plugin("pybtex.style.labels", STYLE, BookLabels, force=True)
    register_plugin("pybtex.style.formatting", STYLE, BookStyle, force=True)
