"""The site's search ranks prose first and quotes prose.

Sphinx indexes every word of a page, the charts' collapsed data tables included, and ranks every
page that has a word alike: so a name in a data table ("Dallaire", in the Convention's timeline)
ranked a page as high as the chapter that tells the story, and the excerpt under the result came
from the table. The extension keeps Sphinx's search and its index, and adds:

* to ``searchindex.js``, under :data:`KEY`, how often each word is used in each page's prose (the
  text outside data tables, chart markup and code), written after Sphinx has written the index
  (:func:`add_prose_counts`);
* a scorer (``html_search_scorer``, :data:`SCORER`: Sphinx's documented hook, which it inlines into
  ``language_data.js``) that ranks a page by how often its prose uses the words searched for, and
  puts a page that has them only in a data table below every page whose prose has them: data tables
  stay searchable, below the prose; the teaching part's pages (guides and handouts, which reprint the
  chapters' documents) come after the chapters for the same words;
* in the same file, excerpts taken from the page's article without its data tables, code and
  contents list;
* an index entry for each section about an article of the Convention ("Article VIII: calling on the
  United Nations"), so that a search for "Article VIII" offers that section (:class:`ArticleIndex`; Sphinx
  offers a section by its title only when the search is at least half the title's length).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from helpers.site.bundle import STATIC

KEY = "bookprose"  # the key in searchindex.js: per page (in the index's order), word -> uses in prose
SCORER = STATIC / "search-scorer.js"
PREFIX, SUFFIX = "Search.setIndex(", ")"
# Not the prose a reader searches: raw HTML (charts, data tables, explorers), code, comments, and the
# bibliography's entries (an archive's title naming Dallaire is no page about him).
NOT_PROSE = (nodes.raw, nodes.literal_block, nodes.comment, nodes.citation)
ARTICLE = re.compile(r"^Article ([IVX]+)\b")


class ArticleIndex(SphinxTransform):
    """A main index entry "Article VIII" for each section whose title begins "Article VIII", pointing at
    the section: the site's search offers index entries as results, with the section's text as excerpt."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        for section in self.document.findall(nodes.section):
            title = section.next_node(nodes.title)
            found = ARTICLE.match(title.astext()) if title is not None and section["ids"] else None
            if found:
                entry = ("single", f"Article {found.group(1)}", section["ids"][0], "main", None)
                section.insert(section.index(title) + 1, addnodes.index(entries=[entry], inline=False))


def _in_prose(node: nodes.Node) -> bool:
    """Text of the page's prose: not in raw HTML (charts, data tables, explorers), code, comments or
    the bibliography's entries."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, NOT_PROSE) or "cell_input" in parent.get("classes", ()):
            return False
        parent = parent.parent
    return True


def prose_counts(doctree: nodes.document, lang: Any) -> Counter:
    """How often each word of the page's prose is used, each word as Sphinx's index keys it
    (stemmed and lower-cased; a word its stemmer would drop is kept as written)."""

    @functools.cache
    def key(word: str) -> str | None:
        stemmed = lang.stem(word).lower()
        if not lang.word_filter(stemmed) and lang.word_filter(word):
            stemmed = word
        return stemmed if lang.word_filter(stemmed) else None

    counts: Counter = Counter()
    for text in doctree.findall(nodes.Text):
        if _in_prose(text):
            counts.update(k for k in map(key, lang.split(text.astext())) if k)
    return counts


def read_index(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8").strip()
    if not (text.startswith(PREFIX) and text.endswith(SUFFIX)):
        raise ValueError(f"{path}: not a Sphinx search index (expected {PREFIX}...{SUFFIX})")
    return json.loads(text[len(PREFIX) : -len(SUFFIX)])


COUNTED = "_book_prose_counts"  # on the Sphinx app: docname -> the prose counts of the page written


def count_written_page(app: Any, doctree: nodes.document, docname: str) -> None:
    """As the HTML builder writes a page (``doctree-resolved``, after every other handler): count its prose,
    for :func:`add_prose_counts` (which resolved every page a second time: 11 s of a 68 s build)."""
    indexer = getattr(app.builder, "indexer", None)
    if app.builder.format == "html" and indexer is not None:
        app.__dict__.setdefault(COUNTED, {})[docname] = prose_counts(doctree, indexer.lang)


def add_prose_counts(app: Any, exception: Exception | None) -> None:
    """After Sphinx has written ``searchindex.js``: add each page's prose word counts (:data:`KEY`),
    only for the words the index holds for that page (so the index grows by its numbers, not words).
    A page not written in this build (an incremental one) is resolved again to be counted."""
    indexer = getattr(app.builder, "indexer", None)
    if exception is not None or app.builder.format != "html" or indexer is None:
        return
    path = Path(app.outdir) / app.builder.searchindex_filename
    if not path.exists():
        return
    index = read_index(path)
    held: dict[int, set[str]] = {}
    for mapping in (index["terms"], index["titleterms"]):
        for word, docs in mapping.items():
            for doc in docs if isinstance(docs, list) else [docs]:
                held.setdefault(doc, set()).add(word)
    per_page = []
    counted = app.__dict__.get(COUNTED, {})
    for i, docname in enumerate(index["docnames"]):
        # The resolved page, as Sphinx indexed it (a bibliography's entries are made when it is resolved).
        counts = counted.get(docname)
        if counts is None:
            counts = prose_counts(app.env.get_and_resolve_doctree(docname, app.builder), indexer.lang)
        per_page.append({w: n for w, n in sorted(counts.items()) if w in held.get(i, ())})
    index[KEY] = per_page
    path.write_text(PREFIX + json.dumps(index, separators=(",", ":"), sort_keys=True) + SUFFIX, encoding="utf-8")


def config_inited(app: Any, config: Any) -> None:
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)
